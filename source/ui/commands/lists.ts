/**
 * Operations on the feeds and the open entry list that several screens need: loading
 * pages and counts, following the feed selection in the wide layout, read and star flags,
 * opening an article. Store reads are synchronous, so a move and the page it needs land in
 * the same frame.
 */
import {failureMessage} from '../strings.js';
import {isFailure} from '../../failure.js';
import type {Services} from '../services.js';
import {filterForRow, type FeedRow} from '../state/feed-rows.js';
import {hasMembership, type Action, type ListSource} from '../state/reader-state.js';
import {selectedEntryItem, selectedFeedRow} from '../state/selectors.js';
import {clamp, pageAround, pageCovers, pageRunsOut} from '../state/window.js';
import type {CommandContext} from './context.js';

/**
 * How long a selection rests before the wide layout's panes follow it (the entries of the
 * selected feed, the rendered preview). Counting and paging a big tag, or rendering an
 * article, takes tens of milliseconds: a held `j` (key repeat: 30–50 ms) should not wait
 * for that at every row it passes.
 */
export const SELECTION_REST_MS = 100;

function sourceOf(row: FeedRow): ListSource {
	if (row.kind === 'view') return {kind: 'view', view: row.view};
	if (row.kind === 'tag') return {kind: 'tag', tag: row.tag};
	if (row.kind === 'saved') return {kind: 'saved', name: row.view.name};
	return {kind: 'feed', title: row.feed.title, feedId: row.feed.id};
}

/** The list of a feeds-screen row, its first page loaded. */
export function listOpenedAction(services: Services, row: FeedRow, height: number, focus: boolean): Action {
	const filter = filterForRow(row);
	const counts = services.countEntries(filter);
	const window = pageAround(0, height);
	const items = counts.total > 0 ? services.listEntries(filter, window) : [];
	return {
		type: 'listOpened',
		focus,
		list: {rowKey: row.key, source: sourceOf(row), filter, counts, selected: counts.total > 0 ? 0 : -1, page: {offset: window.offset, items}},
	};
}

export interface ListOperations {
	/** Feeds, starred count and saved views again. */
	loadFeeds(): void;
	/** loadFeeds after the current frame (counting every feed takes a while in a big cache). */
	loadFeedsSoon(): void;
	/** The wide layout's preview follows the selected entry. */
	updatePreview(): void;
	/** Loads the rows around the window when the loaded page does not cover it. */
	ensurePage(): void;
	/** Counts and rows of the open list again (after a refresh or a change); the selection keeps its entry. */
	reloadList(): void;
	openRow(row: FeedRow, focus: boolean): void;
	/** The wide layout's entries pane shows the list of the selected feeds row, now. */
	followFeedSelection(): void;
	/** After a plain move: the moved selection is drawn at once, the list when the selection rests. */
	followFeedSelectionSoon(): void;
	/** Puts the selection back on a feed's row after the feeds screen regrouped. */
	selectFeed(feedId: number): void;
	moveListTo(index: number): void;
	setRead(id: number, isRead: boolean): void;
	setStarred(id: number, isStarred: boolean): void;
	openSelectedArticle(): void;
	/** The entry the entry and article commands act on. */
	targetEntry(): {id: number; isRead: boolean; isStarred: boolean; link: string | null} | null;
	openUrl(url: string): void;
	/** The rows kept while the list was open leave it (the user left or refreshed the list). */
	releaseKept(): void;
}

export function createListOperations(context: CommandContext): ListOperations {
	const {services, dispatch, getState, layout} = context;

	function loadFeeds(): void {
		dispatch({type: 'feedsLoaded', feeds: services.listFeeds(), starred: services.countEntries({starredOnly: true}), views: services.listViews()});
	}

	// Counting every feed's entries takes tens of milliseconds in a big cache. After a read
	// flag changes, the article (or the moved selection) is drawn first; the counts follow.
	let countsReload: ReturnType<typeof setImmediate> | undefined;
	function loadFeedsSoon(): void {
		if (countsReload !== undefined) return;
		countsReload = setImmediate(() => {
			countsReload = undefined;
			loadFeeds();
		});
	}

	function updatePreview(): void {
		const state = getState();
		if (!layout().isWide || state.screen !== 'entries') return;
		const id = state.list?.selectedId ?? null;
		if (id === (state.preview?.id ?? null)) return;
		dispatch({type: 'previewLoaded', entry: id === null ? null : services.getEntry(id)});
	}

	function loadPageAroundWindow(): void {
		const list = getState().list;
		if (!list) return;
		const window = pageAround(list.offset, layout().bodyHeight);
		dispatch({type: 'entriesPageLoaded', page: {offset: window.offset, items: services.listEntries(list.filter, window)}});
	}

	// A page read can take 100 ms and more when the cache is not in memory (SQLite is
	// synchronous): once the selection rests near the edge of the loaded rows, the next
	// rows are read then, not on the key press that needs them.
	let prefetchTimer: ReturnType<typeof setTimeout> | undefined;
	function prefetchWhenResting(): void {
		clearTimeout(prefetchTimer);
		prefetchTimer = setTimeout(() => {
			const list = getState().list;
			if (list && pageRunsOut(list.page, list.offset, layout().bodyHeight, list.counts.total)) loadPageAroundWindow();
		}, SELECTION_REST_MS);
		prefetchTimer.unref?.();
	}

	function ensurePage(): void {
		const list = getState().list;
		if (list && !pageCovers(list.page, list.offset, layout().bodyHeight, list.counts.total)) loadPageAroundWindow();
		updatePreview();
		if (list) prefetchWhenResting();
	}

	function reloadList(): void {
		const list = getState().list;
		if (!list) return;
		const counts = services.countEntries(list.filter);
		const index = list.selectedId === null ? null : services.findEntryIndex(list.filter, list.selectedId);
		// The same window the reducer will compute, so that one action carries the right page.
		const height = layout().bodyHeight;
		const selected = counts.total === 0 ? -1 : clamp(index ?? list.selected, 0, counts.total - 1);
		const offset = clamp(selected - (list.selected - list.offset), 0, Math.max(0, counts.total - height));
		const window = pageAround(offset, height);
		const items = counts.total > 0 ? services.listEntries(list.filter, window) : [];
		dispatch({type: 'entriesReloaded', counts, index, page: {offset: window.offset, items}});
		updatePreview();
	}

	function openRow(row: FeedRow, focus: boolean): void {
		dispatch(listOpenedAction(services, row, layout().bodyHeight, focus));
		updatePreview();
	}

	let followTimer: ReturnType<typeof setTimeout> | undefined;
	function followFeedSelection(): void {
		clearTimeout(followTimer);
		followTimer = undefined;
		const row = selectedFeedRow(getState());
		if (layout().isWide && row && getState().list?.rowKey !== row.key) openRow(row, false);
	}

	function followFeedSelectionSoon(): void {
		if (!layout().isWide) return;
		clearTimeout(followTimer);
		followTimer = setTimeout(followFeedSelection, SELECTION_REST_MS);
		// A pending follow never keeps the process alive after quitting.
		followTimer.unref?.();
	}

	function selectFeed(feedId: number): void {
		const index = getState().feeds.rows.findIndex(row => row.kind === 'feed' && row.feed.id === feedId);
		if (index >= 0) dispatch({type: 'feedMoved', move: {kind: 'to', index}});
		followFeedSelection();
	}

	function moveListTo(index: number): void {
		dispatch({type: 'entryMoved', move: {kind: 'to', index}});
		ensurePage();
	}

	/**
	 * The open list keeps the row of an entry the user changed (a list the user works in
	 * keeps its rows: `m` `m` toggles one entry twice, `J` walks on from where it was),
	 * and its counts follow the change.
	 */
	function keepAndRecount(id: number): void {
		const list = getState().list;
		if (!list || !hasMembership(list.filter)) return;
		dispatch({type: 'entryKept', id});
		reloadList();
	}

	function setRead(id: number, isRead: boolean): void {
		services.setRead([id], isRead);
		dispatch({type: 'entryFlagsChanged', id, isRead});
		loadFeedsSoon();
		keepAndRecount(id);
	}

	function setStarred(id: number, isStarred: boolean): void {
		services.setStarred(id, isStarred);
		dispatch({type: 'entryFlagsChanged', id, isStarred});
		loadFeeds();
		keepAndRecount(id);
	}

	function releaseKept(): void {
		if (!getState().list?.filter.keepIds) return;
		dispatch({type: 'keptReleased'});
		reloadList();
	}

	function openSelectedArticle(): void {
		ensurePage();
		const item = selectedEntryItem(getState());
		if (!item) return;
		const entry = services.getEntry(item.id);
		if (!entry) return;
		dispatch({type: 'articleOpened', entry: {...entry, isRead: true}});
		// Opening an article marks it read.
		if (!entry.isRead) setRead(entry.id, true);
	}

	function targetEntry(): {id: number; isRead: boolean; isStarred: boolean; link: string | null} | null {
		const state = getState();
		if (state.screen === 'article' && state.article) return state.article.entry;
		if (state.screen === 'entries') return selectedEntryItem(state);
		return null;
	}

	function openUrl(url: string): void {
		context.info(context.strings.opening(url));
		services.openUrl(url).then(result => {
			if (isFailure(result)) context.error(failureMessage(result, context.strings));
		}, context.report);
	}

	return {
		loadFeeds,
		loadFeedsSoon,
		updatePreview,
		ensurePage,
		reloadList,
		openRow,
		followFeedSelection,
		followFeedSelectionSoon,
		selectFeed,
		moveListTo,
		setRead,
		setStarred,
		openSelectedArticle,
		targetEntry,
		openUrl,
		releaseKept,
	};
}
