/** Overlays over a screen: the help, the article's link list and its FAQ questions. */
import {bindingsFor} from '../keymap.js';
import {articleLinks, articleQuestions, screenContext} from '../state/selectors.js';
import {moveCommands, type CommandContext, type CommandTable} from './context.js';
import {createLinkOpener} from './article.js';
import type {ListOperations} from './lists.js';

function closeCommand(context: CommandContext): CommandTable {
	return {back: () => context.dispatch({type: 'overlayClosed'})};
}

export function createHelpCommands(context: CommandContext): CommandTable {
	const {dispatch, getState} = context;
	return {
		...moveCommands(move => dispatch({type: 'overlayMoved', move, count: bindingsFor(screenContext(getState())).length})),
		...closeCommand(context),
	};
}

export function createLinksCommands(context: CommandContext, lists: ListOperations): CommandTable {
	const {dispatch, getState} = context;
	const openLink = createLinkOpener(context, lists);
	return {
		...moveCommands(move => dispatch({type: 'overlayMoved', move, count: articleLinks(getState()).length})),
		...closeCommand(context),
		open: () => {
			const state = getState();
			if (state.overlay.kind !== 'links') return;
			const link = articleLinks(state)[state.overlay.selected];
			if (state.digits !== '') openLink(state.digits);
			else if (link) openLink(String(link.number));
		},
		typeDigit: input => dispatch({type: 'digitTyped', digit: input}),
	};
}

export function createQuestionsCommands(context: CommandContext): CommandTable {
	const {dispatch, getState} = context;
	return {
		...moveCommands(move => dispatch({type: 'overlayMoved', move, count: articleQuestions(getState()).length})),
		...closeCommand(context),
		open: () => {
			const state = getState();
			if (state.overlay.kind !== 'toc') return;
			const question = articleQuestions(state)[state.overlay.selected];
			dispatch({type: 'overlayClosed'});
			if (question) dispatch({type: 'articleScrolled', move: {kind: 'to', index: question.line}});
		},
	};
}
