/**
 * What each keymap command does: reads the current state, calls Services, dispatches
 * the results. Store reads are synchronous, so a move and the page it needs land in the
 * same frame; slow work (refresh, add, full article, browser) dispatches when it ends.
 */
import {isFailure} from '../../failure.js';
import type {EntryFilter} from '../../store/types.js';
import {bindingsFor, type Command} from '../keymap.js';
import type {RefreshTarget, Services} from '../services.js';
import type {Strings} from '../strings.js';
import {failureMessage, formatNumber} from '../strings.js';
import {filterForRow, type FeedRow} from '../state/feed-rows.js';
import {layoutFor, type TerminalSize} from '../state/layout.js';
import {createInitialState, readerReducer, type Action, type ListSource, type ReaderState} from '../state/reader-state.js';
import {articleLinks, articleQuestions, inputContext, screenContext, selectedEntryItem, selectedFeedRow} from '../state/selectors.js';
import {clamp, pageAround, pageCovers, pageRunsOut, type Move} from '../state/window.js';

/**
 * How long a selection rests before the wide layout's panes follow it (the entries of the
 * selected feed, the rendered preview). Counting and paging a big tag, or rendering an
 * article, takes tens of milliseconds: a held `j` (key repeat: 30–50 ms) should not wait
 * for that at every row it passes.
 */
export const SELECTION_REST_MS = 100;

/** Which view the reader opens on, instead of the feeds screen. */
export type InitialView = 'all' | 'unread' | 'starred' | {readonly feedId: number};

export interface CommandCallbacks {
	/** The user quit (q on the top screen, Ctrl-C). */
	readonly onQuit: () => void;
	/** Ctrl-L: the terminal should be cleared before the next frame. */
	readonly onRedraw?: () => void;
}

export interface CommandRunner {
	run(command: Command, input: string): void;
	startRefresh(target: RefreshTarget): void;
	submitAdd(url: string): void;
	cancelAdd(): void;
	/** Enter in a one-line prompt (search, tags, rename). */
	submitPrompt(value: string): void;
	cancelPrompt(): void;
	/** The prompt's text, edited before the prompt itself listens (see app.tsx). */
	editPrompt(value: string): void;
	resize(size: TerminalSize): void;
}

const MOVES: Partial<Record<Command, Move>> = {
	down: {kind: 'by', delta: 1},
	up: {kind: 'by', delta: -1},
	top: {kind: 'top'},
	bottom: {kind: 'bottom'},
	pageDown: {kind: 'page', direction: 1},
	pageUp: {kind: 'page', direction: -1},
};

function sourceOf(row: FeedRow): ListSource {
	if (row.kind === 'view') return {kind: 'view', view: row.view};
	if (row.kind === 'tag') return {kind: 'tag', tag: row.tag};
	if (row.kind === 'saved') return {kind: 'saved', name: row.view.name};
	return {kind: 'feed', title: row.feed.title, feedId: row.feed.id};
}

function listOpenedAction(services: Services, row: FeedRow, height: number, focus: boolean): Action {
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

/**
 * The state of the first frame, from the cache alone: feeds, and on a wide terminal (or
 * when asked for a view) the entries of the first row.
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

export function createCommandRunner(
	services: Services,
	store: {readonly dispatch: (action: Action) => void; readonly getState: () => ReaderState},
	strings: Strings,
	callbacks: CommandCallbacks,
): CommandRunner {
	const {dispatch, getState} = store;
	const layout = () => layoutFor(getState().size);
	const number = (value: number) => formatNumber(value, strings);
	const info = (text: string) => dispatch({type: 'messageShown', message: {text, tone: 'info'}});
	const error = (text: string) => dispatch({type: 'messageShown', message: {text, tone: 'error'}});
	const report = (cause: unknown) => error(cause instanceof Error ? cause.message : String(cause));

	function loadFeeds(): void {
		dispatch({type: 'feedsLoaded', feeds: services.listFeeds(), starred: services.countEntries({starredOnly: true}), views: services.listViews()});
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

	/** Loads the rows around the window when the loaded page does not cover it. */
	function ensurePage(): void {
		const list = getState().list;
		if (list && !pageCovers(list.page, list.offset, layout().bodyHeight, list.counts.total)) loadPageAroundWindow();
		updatePreview();
		if (list) prefetchWhenResting();
	}

	/** Counts and rows of the open list again (after a refresh or a change); the selection keeps its entry. */
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

	function isUnreadOnly(filter: EntryFilter | undefined): boolean {
		return filter?.unreadOnly === true;
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

	/** After a plain move: the moved selection is drawn at once, the list when the selection rests. */
	function followFeedSelectionSoon(): void {
		if (!layout().isWide) return;
		clearTimeout(followTimer);
		followTimer = setTimeout(followFeedSelection, SELECTION_REST_MS);
		// A pending follow never keeps the process alive after quitting.
		followTimer.unref?.();
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

	function setRead(id: number, isRead: boolean): void {
		services.setRead([id], isRead);
		dispatch({type: 'entryFlagsChanged', id, isRead});
		loadFeedsSoon();
		// An unread view drops what was just read: reload so that paging stays in step with the store.
		if (isUnreadOnly(getState().list?.filter)) reloadList();
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

	function moveListTo(index: number): void {
		dispatch({type: 'entryMoved', move: {kind: 'to', index}});
		ensurePage();
	}

	/** Index of the current article in the open list; null when the list no longer holds it. */
	function currentIndex(): number | null {
		const state = getState();
		if (state.screen === 'article' && state.article && state.list) return services.findEntryIndex(state.list.filter, state.article.entry.id);
		return state.list?.selected ?? null;
	}

	function stepArticle(direction: 1 | -1): void {
		const list = getState().list;
		if (!list) return;
		const current = currentIndex();
		// The article left the list (an unread view): the row now at its place is the next one.
		const target = current === null ? (direction > 0 ? list.selected : list.selected - 1) : current + direction;
		if (target < 0 || target >= list.counts.total) return;
		moveListTo(target);
		openSelectedArticle();
	}

	/** The next unread entry's position in the open list: one store query, never a read-ahead. */
	function findUnread(direction: 1 | -1): number | null {
		if (!getState().list) return null;
		// The selected row's id is known once its page is loaded.
		if (getState().screen !== 'article') ensurePage();
		const state = getState();
		const list = state.list!;
		// From the open article (it may have left an unread view), else from the selected row.
		const fromId = state.screen === 'article' && state.article ? state.article.entry.id : list.selectedId;
		return services.findNextUnread(list.filter, fromId, direction)?.index ?? null;
	}

	function jumpToUnread(direction: 1 | -1): void {
		const state = getState();
		if (state.screen === 'feeds') {
			const rows = state.feeds.rows;
			const step = (i: number) => i + direction;
			for (let i = step(state.feeds.selected); i >= 0 && i < rows.length; i = step(i)) {
				const row = rows[i];
				if (row?.kind === 'feed' && row.feed.unreadCount > 0) {
					dispatch({type: 'feedMoved', move: {kind: 'to', index: i}});
					followFeedSelection();
					return;
				}
			}
			info(strings.noMoreUnread);
			return;
		}
		const index = findUnread(direction);
		if (index === null) {
			info(strings.noMoreUnread);
			return;
		}
		moveListTo(index);
		if (state.screen === 'article') openSelectedArticle();
	}

	function openUrl(url: string): void {
		info(strings.opening(url));
		services.openUrl(url).then(result => {
			if (isFailure(result)) error(failureMessage(result, strings));
		}, report);
	}

	function openLink(numberText: string): void {
		const wanted = Number.parseInt(numberText, 10);
		const link = articleLinks(getState()).find(candidate => candidate.number === wanted);
		dispatch({type: 'digitsCleared'});
		dispatch({type: 'overlayClosed'});
		if (!link || !link.isOpenable) {
			error(link ? link.url : strings.noSuchLink(numberText));
			return;
		}
		openUrl(link.url);
	}

	function startRefresh(target: RefreshTarget): void {
		const state = getState();
		if (state.refresh.kind === 'running') {
			info(strings.refreshBusy);
			return;
		}
		const total = target === 'all' || target === 'due' ? state.feeds.items.length : target.length;
		dispatch({type: 'refreshStarted', total});
		let seenNew = 0;
		services
			.refresh(target, progress => {
				dispatch({type: 'refreshProgressed', progress});
				// New entries appear while the refresh goes on; the selection stays on its entry.
				if (progress.newEntries > seenNew) {
					seenNew = progress.newEntries;
					loadFeeds();
					reloadList();
				}
			})
			.then(
				summary => {
					dispatch({type: 'refreshFinished'});
					loadFeeds();
					reloadList();
					const text = strings.refreshDone(number(summary.newEntries), number(summary.failures.length));
					if (summary.failures.length > 0) error(text);
					else info(text);
				},
				cause => {
					dispatch({type: 'refreshFinished'});
					report(cause);
				},
			);
	}

	function refreshTarget(): RefreshTarget {
		const state = getState();
		if (state.screen === 'article' && state.article) return [state.article.entry.feedId];
		if (state.screen === 'entries') return state.list?.filter.feedIds ?? 'all';
		const row = selectedFeedRow(state);
		if (row?.kind === 'feed') return [row.feed.id];
		if (row?.kind === 'tag') return row.feedIds;
		return 'all';
	}

	function move(moveSpec: Move): void {
		const state = getState();
		const context = inputContext(state);
		if (context === 'help') {
			dispatch({type: 'overlayMoved', move: moveSpec, count: bindingsFor(screenContext(state)).length});
		} else if (context === 'links') {
			dispatch({type: 'overlayMoved', move: moveSpec, count: articleLinks(state).length});
		} else if (context === 'toc') {
			dispatch({type: 'overlayMoved', move: moveSpec, count: articleQuestions(state).length});
		} else if (state.screen === 'feeds') {
			dispatch({type: 'feedMoved', move: moveSpec});
			followFeedSelectionSoon();
		} else if (state.screen === 'entries') {
			dispatch({type: 'entryMoved', move: moveSpec});
			ensurePage();
		} else {
			dispatch({type: 'articleScrolled', move: moveSpec});
		}
	}

	function open(): void {
		const state = getState();
		const overlay = state.overlay;
		if (overlay.kind === 'links') {
			const link = articleLinks(state)[overlay.selected];
			if (state.digits !== '') openLink(state.digits);
			else if (link) openLink(String(link.number));
			return;
		}
		if (overlay.kind === 'toc') {
			const question = articleQuestions(state)[overlay.selected];
			dispatch({type: 'overlayClosed'});
			if (question) dispatch({type: 'articleScrolled', move: {kind: 'to', index: question.line}});
			return;
		}
		if (state.screen === 'feeds') {
			const row = selectedFeedRow(state);
			if (row && state.list?.rowKey === row.key) {
				// The list of this row is already loaded (wide layout, or back and forth): keep its position.
				dispatch({type: 'listFocused'});
				reloadList();
			} else if (row) {
				openRow(row, true);
			}
		} else if (state.screen === 'entries') {
			openSelectedArticle();
		} else if (state.digits !== '') {
			openLink(state.digits);
		}
	}

	function back(): void {
		const state = getState();
		if (state.overlay.kind !== 'none') {
			dispatch({type: 'overlayClosed'});
		} else if (state.digits !== '') {
			dispatch({type: 'digitsCleared'});
		} else {
			const isLeavingSearch = state.screen === 'entries' && state.list?.source.kind === 'search';
			dispatch({type: 'screenLeft'});
			// The list the search began from may have changed meanwhile (read marks, stars).
			if (isLeavingSearch) reloadList();
			updatePreview();
		}
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
				if (isFailure(result)) dispatch({type: 'fullArticleFailed', message: failureMessage(result, strings)});
				else dispatch({type: 'fullArticleLoaded', entry: result});
			},
			cause => dispatch({type: 'fullArticleFailed', message: cause instanceof Error ? cause.message : String(cause)}),
		);
	}

	function targetEntry(): {id: number; isRead: boolean; isStarred: boolean; link: string | null} | null {
		const state = getState();
		if (state.screen === 'article' && state.article) return state.article.entry;
		if (state.screen === 'entries') return selectedEntryItem(state);
		return null;
	}

	/** Full-text search over every entry: the hits as an entry list, the best first. */
	function search(value: string): void {
		const query = value.trim();
		if (query === '') return;
		const filter: EntryFilter = {search: query};
		const counts = services.countEntries(filter);
		if (counts.total === 0) {
			info(strings.noSearchResults(query));
			return;
		}
		const window = pageAround(0, layout().bodyHeight);
		const items = services.listEntries(filter, window);
		dispatch({
			type: 'searchOpened',
			list: {rowKey: `search:${query}`, source: {kind: 'search', query}, filter, counts, selected: 0, page: {offset: window.offset, items}},
		});
		updatePreview();
	}

	/** Puts the selection back on a feed's row after the feeds screen regrouped. */
	function selectFeed(feedId: number): void {
		const index = getState().feeds.rows.findIndex(row => row.kind === 'feed' && row.feed.id === feedId);
		if (index >= 0) dispatch({type: 'feedMoved', move: {kind: 'to', index}});
		followFeedSelection();
	}

	function saveTags(feedId: number, title: string, value: string): void {
		// Commas when there are any (a tag may be two words: „Social Media“), else spaces.
		const tags = (value.includes(',') ? value.split(',') : value.split(/\s+/u)).map(tag => tag.trim()).filter(tag => tag !== '');
		const result = services.setFeedTags(feedId, tags);
		if (isFailure(result)) {
			error(failureMessage(result, strings));
			return;
		}
		loadFeeds();
		selectFeed(feedId);
		const saved = getState().feeds.items.find(feed => feed.id === feedId)?.tags ?? tags;
		info(saved.length === 0 ? strings.tagsCleared(title) : strings.tagsSaved(title, saved.join(', ')));
	}

	function rename(feedId: number, value: string): void {
		const result = services.renameFeed(feedId, value);
		if (isFailure(result)) {
			error(failureMessage(result, strings));
			return;
		}
		loadFeeds();
		selectFeed(feedId);
		const title = getState().feeds.items.find(feed => feed.id === feedId)?.title ?? value.trim();
		dispatch({type: 'listRetitled', feedId, title});
		info(strings.renamed(title));
	}

	const runner: CommandRunner = {
		run(command, input) {
			const moveSpec = MOVES[command];
			if (moveSpec) {
				move(moveSpec);
				return;
			}
			const state = getState();
			switch (command) {
				case 'open':
					open();
					return;
				case 'back':
					back();
					return;
				case 'quit':
					callbacks.onQuit();
					return;
				case 'help':
					if (state.overlay.kind === 'help') dispatch({type: 'overlayClosed'});
					else dispatch({type: 'overlayOpened', overlay: {kind: 'help', offset: 0}});
					return;
				case 'redraw':
					callbacks.onRedraw?.();
					dispatch({type: 'redrawRequested'});
					return;
				case 'nextUnread':
					jumpToUnread(1);
					return;
				case 'previousUnread':
					jumpToUnread(-1);
					return;
				case 'nextArticle':
					stepArticle(1);
					return;
				case 'previousArticle':
					stepArticle(-1);
					return;
				case 'toggleRead': {
					const entry = targetEntry();
					if (entry) setRead(entry.id, !entry.isRead);
					return;
				}
				case 'toggleStar': {
					const entry = targetEntry();
					if (!entry) return;
					services.setStarred(entry.id, !entry.isStarred);
					dispatch({type: 'entryFlagsChanged', id: entry.id, isStarred: !entry.isStarred});
					loadFeeds();
					if (getState().list?.filter.starredOnly) reloadList();
					return;
				}
				case 'markAllRead': {
					const row = selectedFeedRow(state);
					const filter = state.screen === 'entries' ? state.list?.filter : row ? filterForRow(row) : undefined;
					if (!filter) return;
					services.markAllRead(filter);
					loadFeeds();
					reloadList();
					info(strings.markedAllRead);
					return;
				}
				case 'openInBrowser': {
					const entry = targetEntry();
					if (entry?.link) openUrl(entry.link);
					else info(strings.noLink);
					return;
				}
				case 'refreshThis':
					startRefresh(refreshTarget());
					return;
				case 'refreshAll':
					startRefresh('all');
					return;
				case 'addFeed':
					dispatch({type: 'overlayOpened', overlay: {kind: 'add', isBusy: false, error: null}});
					return;
				case 'search':
					dispatch({type: 'overlayOpened', overlay: {kind: 'prompt', purpose: 'search', feedId: null, title: '', initial: ''}});
					return;
				case 'editTags':
				case 'renameFeed': {
					const row = selectedFeedRow(state);
					if (row?.kind !== 'feed') {
						info(strings.selectFeedFirst);
						return;
					}
					const {feed} = row;
					const purpose = command === 'editTags' ? 'tags' : 'rename';
					// Prefilled with what is there: editing, not retyping.
					const initial = purpose === 'tags' ? feed.tags.join(', ') : feed.title;
					dispatch({type: 'overlayOpened', overlay: {kind: 'prompt', purpose, feedId: feed.id, title: feed.title, initial}});
					return;
				}
				case 'removeFeed': {
					const row = selectedFeedRow(state);
					if (row?.kind === 'feed') dispatch({type: 'overlayOpened', overlay: {kind: 'confirm-remove', feedId: row.feed.id, title: row.feed.title}});
					return;
				}
				case 'confirm': {
					const overlay = state.overlay;
					if (overlay.kind !== 'confirm-remove') return;
					dispatch({type: 'overlayClosed'});
					services.removeFeed(overlay.feedId).then(result => {
						if (isFailure(result)) {
							error(failureMessage(result, strings));
							return;
						}
						const list = getState().list;
						if (list?.source.kind === 'feed' && list.source.feedId === overlay.feedId) dispatch({type: 'listClosed'});
						loadFeeds();
						followFeedSelection();
						reloadList();
						info(strings.removed(overlay.title));
					}, report);
					return;
				}
				case 'toggleFull':
					toggleFull();
					return;
				case 'showLinks':
					dispatch({type: 'overlayOpened', overlay: {kind: 'links', selected: 0, offset: 0}});
					return;
				case 'showQuestions':
					dispatch({type: 'overlayOpened', overlay: {kind: 'toc', selected: 0, offset: 0}});
					return;
				case 'nextQuestion':
					jumpToQuestion(1);
					return;
				case 'previousQuestion':
					jumpToQuestion(-1);
					return;
				case 'typeDigit':
					dispatch({type: 'digitTyped', digit: input});
					return;
				default:
					return;
			}
		},
		startRefresh,
		submitAdd(url) {
			const trimmed = url.trim();
			if (trimmed === '') {
				dispatch({type: 'overlayClosed'});
				return;
			}
			dispatch({type: 'addStarted'});
			services.addFeed(trimmed).then(
				result => {
					if (result.kind === 'failed') {
						dispatch({type: 'addFailed', message: failureMessage(result, strings)});
						return;
					}
					dispatch({type: 'overlayClosed'});
					loadFeeds();
					followFeedSelection();
					info(strings.added(result.title, number(result.entryCount)));
				},
				cause => dispatch({type: 'addFailed', message: cause instanceof Error ? cause.message : String(cause)}),
			);
		},
		cancelAdd() {
			dispatch({type: 'overlayClosed'});
		},
		submitPrompt(value) {
			const overlay = getState().overlay;
			if (overlay.kind !== 'prompt') return;
			dispatch({type: 'overlayClosed'});
			if (overlay.purpose === 'search') search(value);
			else if (overlay.feedId !== null && overlay.purpose === 'tags') saveTags(overlay.feedId, overlay.title, value);
			else if (overlay.feedId !== null) rename(overlay.feedId, value);
		},
		cancelPrompt() {
			dispatch({type: 'overlayClosed'});
		},
		editPrompt(value) {
			dispatch({type: 'promptEdited', value});
		},
		resize(size) {
			const before = getState().size;
			if (before.columns === size.columns && before.rows === size.rows) return;
			dispatch({type: 'resized', size});
			ensurePage();
			followFeedSelection();
		},
	};
	return runner;
}
