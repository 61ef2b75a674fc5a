/** The article pager: scrolling, the next/previous article, full article, link numbers, FAQ jumps. */
import {failureMessage} from '../strings.js';
import {isFailure} from '../../failure.js';
import {articleLinks, articleQuestions, isArticleRendered, renderKey} from '../state/selectors.js';
import {moveCommands, type CommandContext, type CommandTable} from './context.js';
import {createEntryCommands} from './entries.js';
import type {ListOperations} from './lists.js';

/** Opening link number `numberText` of the article (from the article or its link list). */
export function createLinkOpener(context: CommandContext, lists: ListOperations): (numberText: string) => void {
	const {strings, dispatch, getState} = context;
	return numberText => {
		const wanted = Number.parseInt(numberText, 10);
		const link = articleLinks(getState()).find(candidate => candidate.number === wanted);
		dispatch({type: 'digitsCleared'});
		// A wrong number keeps the user where they were (the link list stays open to pick again).
		if (!link) {
			context.error(strings.noSuchLink(numberText));
			return;
		}
		if (!link.isOpenable) {
			context.error(strings.linkNotOpenable(String(link.number), link.url));
			return;
		}
		dispatch({type: 'overlayClosed'});
		lists.openUrl(link.url);
	};
}

/** `L`: the article's links; once rendered without any, a note on the status line instead. */
export function showLinks(context: CommandContext): void {
	if (isArticleRendered(context.getState()) && articleLinks(context.getState()).length === 0) {
		context.info(context.strings.noLinks);
		return;
	}
	context.dispatch({type: 'overlayOpened', overlay: {kind: 'links', selected: 0, offset: 0}});
}

/**
 * `J` / `K` at the ends of a list: the status line says so, and the user stays where they
 * were (the article list and Discover's preview alike).
 */
export function sayListEnd(context: CommandContext, direction: 1 | -1): void {
	context.info(direction > 0 ? context.strings.lastInList : context.strings.firstInList);
}

export function createArticleCommands(context: CommandContext, lists: ListOperations): CommandTable {
	const {services, dispatch, getState} = context;
	const openLink = createLinkOpener(context, lists);

	/** Index of the current article in the open list; null when the list no longer holds it. */
	function currentIndex(): number | null {
		const state = getState();
		if (state.article && state.list) return services.findEntryIndex(state.list.filter, state.article.entry.id);
		return state.list?.selected ?? null;
	}

	function stepArticle(direction: 1 | -1): void {
		const list = getState().list;
		if (!list) return;
		const current = currentIndex();
		// The article left the list (an unread view): the row now at its place is the next one.
		const target = current === null ? (direction > 0 ? list.selected : list.selected - 1) : current + direction;
		if (target < 0 || target >= list.counts.total) {
			sayListEnd(context, direction);
			return;
		}
		lists.moveListTo(target);
		lists.openSelectedArticle();
	}

		function jumpToQuestion(direction: 1 | -1): void {
		const state = getState();
		if (!state.article) return;
		const scroll = state.article.scroll;
		const questions = articleQuestions(state);
		const target = direction > 0 ? questions.find(q => q.line > scroll) : [...questions].reverse().find(q => q.line < scroll);
		if (target) dispatch({type: 'articleScrolled', move: {kind: 'to', index: target.line}});
	}

	function toggleFull(): void {
		const article = getState().article;
		if (!article || article.full.kind === 'loading') return;
		if (article.variant === 'full' || article.entry.fullContent) {
			dispatch({type: 'variantToggled'});
			return;
		}
		dispatch({type: 'fullArticleRequested'});
		const id = article.entry.id;
		services.fetchFullArticle(id).then(
			result => {
				if (isFailure(result)) dispatch({type: 'fullArticleFailed', message: failureMessage(result, context.strings)});
				else dispatch({type: 'fullArticleLoaded', entry: result});
			},
			cause => dispatch({type: 'fullArticleFailed', message: cause instanceof Error ? cause.message : String(cause)}),
		);
	}

	return {
		...moveCommands(move => dispatch({type: 'articleScrolled', move})),
		...createEntryCommands(context, lists),
		// Enter opens the link whose number was typed.
		open: () => {
			const digits = getState().digits;
			if (digits !== '') openLink(digits);
		},
		back: () => {
			if (getState().digits !== '') {
				dispatch({type: 'digitsCleared'});
				return;
			}
			dispatch({type: 'screenLeft'});
			lists.updatePreview();
		},
		nextArticle: () => stepArticle(1),
		previousArticle: () => stepArticle(-1),
		toggleFull,
		showLinks: () => showLinks(context),
		// images: the pictures of this article (the images hook loads them); with `images: off`, nothing.
		loadImages: () => {
			const article = getState().article;
			if (!article) return;
			if (services.imageMode?.(article.entry.feedId) === 'off') {
				context.info(context.strings.imagesOff);
				return;
			}
			const key = renderKey(article.entry.id, article.variant, context.layout().columns);
			const rendered = getState().rendered;
			if (rendered?.key === key && (rendered.article.images?.length ?? 0) === 0) {
				context.info(context.strings.noImages);
				return;
			}
			dispatch({type: 'picturesRequested', key});
		},
		showQuestions: () => {
			if (isArticleRendered(getState()) && articleQuestions(getState()).length === 0) {
				context.info(context.strings.noQuestions);
				return;
			}
			dispatch({type: 'overlayOpened', overlay: {kind: 'toc', selected: 0, offset: 0}});
		},
		nextQuestion: () => jumpToQuestion(1),
		previousQuestion: () => jumpToQuestion(-1),
		typeDigit: input => dispatch({type: 'digitTyped', digit: input}),
	};
}
