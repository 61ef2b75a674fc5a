/** The state of the first frame, from the cache alone. */
import type {Services} from '../services.js';
import type {Strings} from '../strings.js';
import {layoutFor, type TerminalSize} from '../state/layout.js';
import {createInitialState, readerReducer, type ReaderState} from '../state/reader-state.js';
import {listOpenedAction} from './lists.js';

/** Which view the reader opens on, instead of the feeds screen. */
export type InitialView = 'all' | 'unread' | 'starred' | {readonly feedId: number};

/**
 * Feeds, and on a wide terminal (or when asked for a view) the entries of the first row.
 */
export function loadInitialState(
	services: Services,
	options: {readonly size: TerminalSize; readonly strings: Strings; readonly initialView?: InitialView},
): ReaderState {
	let state = createInitialState({
		size: options.size,
		locale: options.strings.locale,
		feeds: services.listFeeds(),
		starred: services.countEntries({starredOnly: true}),
		views: services.listViews(),
	});
	const layout = layoutFor(options.size);
	const initial = options.initialView;
	if (initial !== undefined) {
		const key = typeof initial === 'string' ? `view:${initial}` : `feed:${initial.feedId}`;
		const index = state.feeds.rows.findIndex(row => row.key === key || row.key.startsWith(`${key}:`));
		if (index >= 0) {
			state = readerReducer(state, {type: 'feedMoved', move: {kind: 'to', index}});
			const row = state.feeds.rows[index];
			if (row) state = readerReducer(state, listOpenedAction(services, row, layout.bodyHeight, true));
		}
	} else if (layout.isWide) {
		const row = state.feeds.rows[0];
		if (row && state.feeds.items.length > 0) state = readerReducer(state, listOpenedAction(services, row, layout.bodyHeight, false));
	}
	return state;
}
