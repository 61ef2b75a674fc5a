/** The feeds screen (and the welcome screen without feeds): rows, tags, titles, adding and removing. */
import {isFailure} from '../../failure.js';
import {failureMessage} from '../strings.js';
import {selectedFeedRow} from '../state/selectors.js';
import {moveCommands, type CommandContext, type CommandTable} from './context.js';
import type {ListOperations} from './lists.js';

export function createFeedsCommands(context: CommandContext, lists: ListOperations): CommandTable {
	const {strings, dispatch, getState} = context;
	// One backfill at a time: its pages go one after another to one site anyway.
	let isBackfilling = false;

	/** B: the selected feed's older posts, progress and outcome on the status line. */
	function backfillFeed(): void {
		const row = selectedFeedRow(getState());
		if (row?.kind !== 'feed') {
			context.info(strings.selectFeedFirst);
			return;
		}
		if (isBackfilling) {
			context.info(strings.backfillBusy);
			return;
		}
		isBackfilling = true;
		context.info(strings.backfillStarted(row.feed.title));
		context.services
			.backfillFeed(row.feed.id, progress => {
				context.info(strings.backfillProgress(context.number(progress.page), context.number(progress.added)));
				// The feed's counts and the open list grow page by page.
				lists.loadFeeds();
				lists.reloadList();
			})
			.then(
				result => {
					isBackfilling = false;
					lists.loadFeeds();
					lists.reloadList();
					if (isFailure(result)) context.error(strings.backfillFailed(failureMessage(result, strings)));
					else if (result.failure !== null) context.error(strings.backfillFailed(failureMessage(result.failure, strings)));
					else if (result.alreadyDone) context.info(strings.backfillAlreadyDone);
					else context.info(strings.backfillDone(context.number(result.added), context.number(result.pages), result.pages, result.done));
				},
				cause => {
					isBackfilling = false;
					context.report(cause);
				},
			);
	}

	function jumpToUnread(direction: 1 | -1): void {
		const state = getState();
		const rows = state.feeds.rows;
		for (let i = state.feeds.selected + direction; i >= 0 && i < rows.length; i += direction) {
			const row = rows[i];
			if (row?.kind === 'feed' && row.feed.unreadCount > 0) {
				dispatch({type: 'feedMoved', move: {kind: 'to', index: i}});
				lists.followFeedSelection();
				return;
			}
		}
		context.info(strings.noMoreUnread);
	}

	function editFeed(purpose: 'tags' | 'rename'): void {
		const row = selectedFeedRow(getState());
		if (row?.kind !== 'feed') {
			context.info(strings.selectFeedFirst);
			return;
		}
		const {feed} = row;
		// Prefilled with what is there: editing, not retyping. The tags end with a separator,
		// so that a tag typed next is a tag of its own, not glued to the last one.
		const initial = purpose === 'tags' ? feed.tags.map(tag => `${tag}, `).join('') : feed.title;
		dispatch({type: 'overlayOpened', overlay: {kind: 'prompt', purpose, feedId: feed.id, title: feed.title, initial}});
	}

	return {
		...moveCommands(move => {
			dispatch({type: 'feedMoved', move});
			lists.followFeedSelectionSoon();
		}),
		open: () => {
			const state = getState();
			const row = selectedFeedRow(state);
			if (row && state.list?.rowKey === row.key) {
				// The list of this row is already loaded (wide layout, or back and forth): keep its position.
				dispatch({type: 'listFocused'});
				lists.reloadList();
			} else if (row) {
				lists.openRow(row, true);
			}
		},
		nextUnread: () => jumpToUnread(1),
		previousUnread: () => jumpToUnread(-1),
		addFeed: () => dispatch({type: 'overlayOpened', overlay: {kind: 'add', isBusy: false, error: null, initial: ''}}),
		editTags: () => editFeed('tags'),
		renameFeed: () => editFeed('rename'),
		backfillFeed,
		removeFeed: () => {
			const row = selectedFeedRow(getState());
			// All, a view or a tag is no feed to remove: say so, as t and e do, rather than nothing.
			if (row?.kind !== 'feed') context.info(strings.selectFeedFirst);
			else dispatch({type: 'overlayOpened', overlay: {kind: 'confirm-remove', feedId: row.feed.id, title: row.feed.title}});
		},
	};
}
