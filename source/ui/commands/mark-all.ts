/**
 * `A` marks everything in the view read: at once when it is at most a screenful, else after
 * asking; `u` undoes the last mark-all (the entries it marked are unread again).
 */
import type {EntryFilter} from '../../store/types.js';
import {filterForRow} from '../state/feed-rows.js';
import {selectedFeedRow} from '../state/selectors.js';
import type {CommandContext, CommandTable} from './context.js';
import type {ListOperations} from './lists.js';

export interface MarkAllOperations {
	/** The commands `A` and `u` (feeds and entries). */
	readonly commands: CommandTable;
	/** Yes to the question `A` asked. */
	confirm(filter: EntryFilter): void;
}

export function createMarkAllOperations(context: CommandContext, lists: ListOperations): MarkAllOperations {
	const {services, strings, dispatch, getState} = context;
	// The ids the last mark-all changed: exactly these become unread again on `u`.
	let lastMarked: readonly number[] | null = null;

	function viewFilter(): EntryFilter | null {
		const state = getState();
		if (state.screen === 'entries') return state.list?.filter ?? null;
		const row = selectedFeedRow(state);
		return row ? filterForRow(row) : null;
	}

	function markAll(filter: EntryFilter): void {
		const counts = services.countEntries(filter);
		// The unread entries of the view, read once: what is marked is what `u` restores.
		const ids = services
			.listEntries(filter, {offset: 0, limit: counts.total})
			.filter(entry => !entry.isRead)
			.map(entry => entry.id);
		if (ids.length === 0) {
			context.info(strings.nothingUnread);
			return;
		}
		services.setRead(ids, true);
		lastMarked = ids;
		lists.loadFeeds();
		lists.reloadList();
		context.info(strings.markedAllReadUndo(context.number(ids.length)));
	}

	return {
		commands: {
			markAllRead: () => {
				const filter = viewFilter();
				if (!filter) return;
				const unread = services.countEntries(filter).unread;
				if (unread === 0) {
					context.info(strings.nothingUnread);
					return;
				}
				// More than a screenful is more than the user can see being marked: ask first.
				if (unread > context.layout().bodyHeight) {
					dispatch({type: 'overlayOpened', overlay: {kind: 'confirm-mark-all', filter, count: unread}});
					context.info(strings.markAllQuestion(context.number(unread)));
					return;
				}
				markAll(filter);
			},
			undoMarkAll: () => {
				if (lastMarked === null) {
					context.info(strings.nothingToUndo);
					return;
				}
				const ids = lastMarked;
				lastMarked = null;
				services.setRead(ids, false);
				lists.loadFeeds();
				lists.reloadList();
				context.info(strings.markAllUndone(context.number(ids.length)));
			},
		},
		confirm: markAll,
	};
}
