/** The entry list of a feed, tag, view or search. */
import {moveCommands, type CommandContext, type CommandTable} from './context.js';
import type {ListOperations} from './lists.js';

/**
 * What the entry list and the article both do to "the current entry": read and star
 * flags, the browser, the next unread entry (the article then opens it).
 */
export function createEntryCommands(context: CommandContext, lists: ListOperations): CommandTable {
	const {services, strings, getState} = context;

	/** The next unread entry's position in the open list: one store query, never a read-ahead. */
	function findUnread(direction: 1 | -1): number | null {
		if (!getState().list) return null;
		// The selected row's id is known once its page is loaded.
		if (getState().screen !== 'article') lists.ensurePage();
		const state = getState();
		const list = state.list!;
		// From the open article (it may have left an unread view), else from the selected row.
		const fromId = state.screen === 'article' && state.article ? state.article.entry.id : list.selectedId;
		return services.findNextUnread(list.filter, fromId, direction)?.index ?? null;
	}

	function jumpToUnread(direction: 1 | -1): void {
		const index = findUnread(direction);
		if (index === null) {
			context.info(strings.noMoreUnread);
			return;
		}
		lists.moveListTo(index);
		if (getState().screen === 'article') lists.openSelectedArticle();
	}

	return {
		nextUnread: () => jumpToUnread(1),
		previousUnread: () => jumpToUnread(-1),
		toggleRead: () => {
			const entry = lists.targetEntry();
			if (!entry) return;
			lists.setRead(entry.id, !entry.isRead);
			// In the list the row's marker shows it; the article has no such marker in view.
			if (getState().screen === 'article') context.info(entry.isRead ? strings.markedUnread : strings.markedRead);
		},
		toggleStar: () => {
			const entry = lists.targetEntry();
			if (entry) lists.setStarred(entry.id, !entry.isStarred);
		},
		openInBrowser: () => {
			const entry = lists.targetEntry();
			if (!entry) context.info(strings.noEntrySelected);
			else if (entry.link) lists.openUrl(entry.link);
			else context.info(strings.noLink);
		},
	};
}

export function createEntriesCommands(context: CommandContext, lists: ListOperations): CommandTable {
	const {dispatch, getState} = context;
	return {
		...moveCommands(move => {
			dispatch({type: 'entryMoved', move});
			lists.ensurePage();
		}),
		...createEntryCommands(context, lists),
		open: () => lists.openSelectedArticle(),
		back: () => {
			const state = getState();
			const isLeavingSearch = state.list?.source.kind === 'search';
			dispatch({type: 'screenLeft'});
			// The list the search began from may have changed meanwhile (read marks, stars).
			if (isLeavingSearch) lists.reloadList();
			// Leaving the list: what was read or unstarred in it may leave it now.
			else lists.releaseKept();
			lists.updatePreview();
		},
	};
}
