/**
 * The reader's whole screen state and the one reducer over it. Actions are named for what
 * happened; every service call happens outside (hooks) and arrives here as an action.
 */
import type {RenderedArticle} from '../../render/types.js';
import type {Entry, EntryCounts, EntryFilter} from '../../store/types.js';
import type {FeedHealthView, FeedSettingName, FeedSettingsInfo, FeedView, ListedEntry, RefreshProgress, ViewInfo} from '../services.js';
import {isDiscoverAction, reduceDiscover, refitDiscover, type DiscoverAction, type DiscoverState} from './discover-state.js';
import {buildFeedRows, type FeedRow} from './feed-rows.js';
import {layoutFor, type TerminalSize} from './layout.js';
import {articleLines} from './selectors.js';
import {articleBodyHeight} from './article-header.js';
import {clamp, moveIndex, scrollPager, scrollToShow, type LoadedPage, type Move} from './window.js';

export type Screen = 'feeds' | 'entries' | 'article' | 'discover';

/** What opened an entry list: names it in the header. */
export type ListSource =
	| {readonly kind: 'view'; readonly view: 'all' | 'unread' | 'starred'}
	| {readonly kind: 'saved'; readonly name: string}
	| {readonly kind: 'search'; readonly query: string}
	| {readonly kind: 'tag'; readonly tag: string | null}
	| {readonly kind: 'feed'; readonly title: string; readonly feedId: number};

export interface EntryListState {
	readonly rowKey: string;
	readonly source: ListSource;
	readonly filter: EntryFilter;
	readonly counts: EntryCounts;
	/** Index of the selected row in the whole view, -1 when empty. */
	readonly selected: number;
	/** The selection's entry id: what survives reloads. Null until its row is loaded. */
	readonly selectedId: number | null;
	readonly offset: number;
	readonly page: LoadedPage<ListedEntry>;
}

export type FullArticleStatus = {readonly kind: 'idle'} | {readonly kind: 'loading'} | {readonly kind: 'failed'; readonly message: string};

export interface ArticleState {
	readonly entry: Entry;
	readonly variant: 'feed' | 'full';
	readonly full: FullArticleStatus;
	readonly scroll: number;
}

/** A finished rendering, for the entry/variant/width in `key` (see renderKey). */
export interface RenderedState {
	readonly key: string;
	readonly article: RenderedArticle;
}

export type Overlay =
	| {readonly kind: 'none'}
	| {readonly kind: 'help'; readonly offset: number}
	| {readonly kind: 'links'; readonly selected: number; readonly offset: number}
	| {readonly kind: 'toc'; readonly selected: number; readonly offset: number}
	/** `initial`: keys typed in the chunk that opened it, before its prompt listened (app.tsx). */
	| {readonly kind: 'add'; readonly isBusy: boolean; readonly error: string | null; readonly initial: string}
	| {readonly kind: 'confirm-remove'; readonly feedId: number; readonly title: string}
	/** `A` on more than a screenful: the question is on the info line, the list stays in view. */
	| {readonly kind: 'confirm-mark-all'; readonly filter: EntryFilter; readonly count: number}
	| PromptOverlay
	| FeedSettingsOverlay
	| FeedInfoOverlay;

/** The feed info screen (feed health): the diagnosis loads after it opens. */
export interface FeedInfoOverlay {
	readonly kind: 'feed-info';
	readonly feedId: number;
	readonly title: string;
	readonly offset: number;
	/** Null while the diagnosis loads. */
	readonly info: FeedHealthView | null;
	readonly error: string | null;
}

/** settings: `S` on a feed: its own settings, one per row (FEED_SETTING_ROWS), the selected one changed by Enter. */
export interface FeedSettingsOverlay {
	readonly kind: 'feed-settings';
	readonly feedId: number;
	readonly title: string;
	readonly settings: FeedSettingsInfo;
	readonly selected: number;
}

/** settings: the rows of the settings overlay, in order. */
export const FEED_SETTING_ROWS: readonly FeedSettingName[] = ['paused', 'full-article', 'interval', 'max-entries', 'user-agent', 'charset', 'note'];

/** What a one-line prompt asks for. */
export type PromptPurpose = 'search' | 'tags' | 'rename' | 'subscribe' | 'feedSetting';

/**
 * A one-line prompt in place of the info line. `initial` prefills it; keys that arrive
 * before the prompt listens (typed in one chunk with the key that opened it) edit it too.
 */
export interface PromptOverlay {
	readonly kind: 'prompt';
	readonly purpose: PromptPurpose;
	/** The feed whose tags or title are edited; null for a search (and a suggestion's tags). */
	readonly feedId: number | null;
	/** The feed's title, for the prompt's label. */
	readonly title: string;
	readonly initial: string;
	/** settings: the setting a `feedSetting` prompt edits; back to the settings overlay afterwards. */
	readonly setting?: FeedSettingName;
	readonly settings?: FeedSettingsInfo;
}

/** Where the reader was when a search opened: back from the results returns there. */
export interface SavedPlace {
	readonly screen: Screen;
	readonly list: EntryListState | null;
	readonly article: ArticleState | null;
	readonly preview: Entry | null;
}

export type RefreshState = {readonly kind: 'idle'} | ({readonly kind: 'running'} & RefreshProgress);

export interface Message {
	readonly text: string;
	readonly tone: 'info' | 'error';
}

export interface FeedsState {
	readonly items: readonly FeedView[];
	readonly views: readonly ViewInfo[];
	readonly starred: EntryCounts;
	readonly rows: readonly FeedRow[];
	readonly selected: number;
	readonly offset: number;
}

export interface ReaderState {
	readonly size: TerminalSize;
	readonly locale: string;
	readonly screen: Screen;
	readonly feeds: FeedsState;
	readonly list: EntryListState | null;
	readonly article: ArticleState | null;
	/** The selected entry in the wide layout's preview pane. */
	readonly preview: Entry | null;
	readonly rendered: RenderedState | null;
	readonly overlay: Overlay;
	readonly refresh: RefreshState;
	readonly message: Message | null;
	/** A link number being typed in the article. */
	readonly digits: string;
	/** Bumped by Ctrl-L: the root remounts and Ink draws everything anew. */
	readonly redraws: number;
	/** Set while search results are shown: where back returns to. */
	readonly searchReturn: SavedPlace | null;
	/** The Discover screen, once opened (what it found is kept while the reader runs). */
	readonly discover: DiscoverState | null;
	/** images: the shown article's pictures, asked for (`I`) or drawn; absent until then. */
	readonly pictures?: PicturesState | null;
}

/** images: pictures of one rendering (`key`, see renderKey): asked for, and each one's block of lines. */
export interface PicturesState {
	readonly key: string;
	readonly isRequested: boolean;
	/** Lines by picture index: reserved space first, then the drawn picture or why not. */
	readonly blocks: ReadonlyMap<number, readonly string[]>;
}

export type Action =
	| {readonly type: 'resized'; readonly size: TerminalSize}
	| {readonly type: 'feedsLoaded'; readonly feeds: readonly FeedView[]; readonly starred: EntryCounts; readonly views?: readonly ViewInfo[]}
	| {readonly type: 'feedMoved'; readonly move: Move}
	| {readonly type: 'listOpened'; readonly list: Omit<EntryListState, 'selectedId' | 'offset'>; readonly focus: boolean}
	| {readonly type: 'searchOpened'; readonly list: Omit<EntryListState, 'selectedId' | 'offset'>}
	| {readonly type: 'promptEdited'; readonly value: string}
	| {readonly type: 'listRetitled'; readonly feedId: number; readonly title: string}
	| {readonly type: 'listFocused'}
	| {readonly type: 'listClosed'}
	| {readonly type: 'entryMoved'; readonly move: Move}
	| {readonly type: 'entriesPageLoaded'; readonly page: LoadedPage<ListedEntry>}
	| {readonly type: 'entriesReloaded'; readonly counts: EntryCounts; readonly index: number | null; readonly page: LoadedPage<ListedEntry>}
	| {readonly type: 'previewLoaded'; readonly entry: Entry | null}
	| {readonly type: 'articleOpened'; readonly entry: Entry}
	| {readonly type: 'articleScrolled'; readonly move: Move}
	| {readonly type: 'articleRendered'; readonly key: string; readonly article: RenderedArticle}
	| {readonly type: 'entryFlagsChanged'; readonly id: number; readonly isRead?: boolean; readonly isStarred?: boolean}
	| {readonly type: 'fullArticleRequested'}
	| {readonly type: 'fullArticleLoaded'; readonly entry: Entry}
	| {readonly type: 'fullArticleFailed'; readonly message: string}
	| {readonly type: 'variantToggled'}
	| {readonly type: 'screenLeft'}
	| {readonly type: 'overlayOpened'; readonly overlay: Overlay}
	| {readonly type: 'overlayClosed'}
	| {readonly type: 'overlayMoved'; readonly move: Move; readonly count: number}
	| {readonly type: 'addFailed'; readonly message: string}
	| {readonly type: 'addStarted'}
	| {readonly type: 'refreshStarted'; readonly total: number}
	| {readonly type: 'refreshProgressed'; readonly progress: RefreshProgress}
	| {readonly type: 'refreshFinished'}
	| {readonly type: 'messageShown'; readonly message: Message | null}
	| {readonly type: 'digitTyped'; readonly digit: string}
	| {readonly type: 'digitsCleared'}
	| {readonly type: 'redrawRequested'}
	| {readonly type: 'entryKept'; readonly id: number}
	| {readonly type: 'keptReleased'}
	| DiscoverAction
	// images
	| {readonly type: 'picturesRequested'; readonly key: string}
	| {readonly type: 'picturesReserved'; readonly key: string; readonly blocks: ReadonlyMap<number, readonly string[]>}
	| {readonly type: 'pictureDrawn'; readonly key: string; readonly index: number; readonly lines: readonly string[]}
	| {readonly type: 'feedInfoLoaded'; readonly feedId: number; readonly info: FeedHealthView}
	| {readonly type: 'feedInfoFailed'; readonly feedId: number; readonly message: string};

/** The first state: built from cache data before the first frame. */
export function createInitialState(input: {
	readonly size: TerminalSize;
	readonly locale: string;
	readonly feeds: readonly FeedView[];
	readonly starred: EntryCounts;
	readonly views?: readonly ViewInfo[];
}): ReaderState {
	const views = input.views ?? [];
	return {
		size: input.size,
		locale: input.locale,
		screen: 'feeds',
		feeds: {items: input.feeds, views, starred: input.starred, rows: buildFeedRows(input.feeds, input.starred, input.locale, views), selected: 0, offset: 0},
		list: null,
		article: null,
		preview: null,
		rendered: null,
		overlay: {kind: 'none'},
		refresh: {kind: 'idle'},
		message: null,
		digits: '',
		redraws: 0,
		searchReturn: null,
		discover: null,
	};
}

/**
 * True when entries can leave the list by what the user does to them (read in Unread,
 * unstarred in Starred, either in a saved view's query): such a list keeps the rows it
 * touched (`filter.keepIds`) while it is open.
 */
export function hasMembership(filter: EntryFilter): boolean {
	return filter.unreadOnly === true || filter.starredOnly === true || filter.where !== undefined;
}

function selectedIdFrom(page: LoadedPage<ListedEntry>, index: number): number | null {
	return page.items[index - page.offset]?.id ?? null;
}

function withListWindow(list: EntryListState, selected: number, height: number): EntryListState {
	return {
		...list,
		selected,
		selectedId: selectedIdFrom(list.page, selected),
		offset: scrollToShow(selected, list.offset, height, list.counts.total),
	};
}

function patchItem<T extends ListedEntry>(item: T, action: {readonly isRead?: boolean; readonly isStarred?: boolean}): T {
	return {...item, ...(action.isRead === undefined ? {} : {isRead: action.isRead}), ...(action.isStarred === undefined ? {} : {isStarred: action.isStarred})};
}

export function readerReducer(state: ReaderState, action: Action): ReaderState {
	if (isDiscoverAction(action)) return reduceDiscover(state, action);
	const layout = layoutFor(state.size);
	switch (action.type) {
		case 'resized': {
			const next = {...state, size: action.size};
			const height = layoutFor(action.size).bodyHeight;
			const feeds = {...state.feeds, offset: scrollToShow(state.feeds.selected, state.feeds.offset, height, state.feeds.rows.length)};
			const list = state.list ? {...state.list, offset: scrollToShow(state.list.selected, state.list.offset, height, state.list.counts.total)} : null;
			const discover = state.discover ? refitDiscover(state.discover, layoutFor(action.size)) : null;
			return {...next, feeds, list, discover};
		}
		case 'feedsLoaded': {
			const views = action.views ?? state.feeds.views;
			const rows = buildFeedRows(action.feeds, action.starred, state.locale, views);
			// Keep the selected row by key: a refresh must not move the selection.
			const oldKey = state.feeds.rows[state.feeds.selected]?.key;
			const found = rows.findIndex(row => row.key === oldKey);
			const selected = found >= 0 ? found : clamp(state.feeds.selected, 0, rows.length - 1);
			return {
				...state,
				feeds: {items: action.feeds, views, starred: action.starred, rows, selected, offset: scrollToShow(selected, state.feeds.offset, layout.bodyHeight, rows.length)},
			};
		}
		case 'feedMoved': {
			const {rows} = state.feeds;
			const selected = moveIndex(state.feeds.selected, action.move, rows.length, layout.bodyHeight);
			return {...state, message: null, feeds: {...state.feeds, selected, offset: scrollToShow(selected, state.feeds.offset, layout.bodyHeight, rows.length)}};
		}
		case 'listOpened': {
			const list: EntryListState = {...action.list, selectedId: selectedIdFrom(action.list.page, action.list.selected), offset: 0};
			return {
				...state,
				screen: action.focus ? 'entries' : state.screen,
				message: action.focus ? null : state.message,
				list: {...list, offset: scrollToShow(list.selected, 0, layout.bodyHeight, list.counts.total)},
				preview: null,
				// Another list replaces the results: back no longer leads to where the search began.
				searchReturn: null,
			};
		}
		case 'searchOpened': {
			const list: EntryListState = {...action.list, selectedId: selectedIdFrom(action.list.page, action.list.selected), offset: 0};
			// A search from the results keeps the first place: back leads out of searching altogether.
			const place: SavedPlace = state.searchReturn ?? {screen: state.screen, list: state.list, article: state.article, preview: state.preview};
			return {
				...state,
				screen: 'entries',
				message: null,
				overlay: {kind: 'none'},
				article: null,
				preview: null,
				list: {...list, offset: scrollToShow(list.selected, 0, layout.bodyHeight, list.counts.total)},
				searchReturn: place,
			};
		}
		case 'promptEdited':
			return state.overlay.kind === 'prompt' || state.overlay.kind === 'add' ? {...state, overlay: {...state.overlay, initial: action.value}} : state;
		case 'listRetitled': {
			const list = state.list;
			if (!list || list.source.kind !== 'feed' || list.source.feedId !== action.feedId) return state;
			return {...state, list: {...list, source: {...list.source, title: action.title}}};
		}
		case 'listFocused':
			return state.list ? {...state, screen: 'entries', message: null} : state;
		case 'listClosed':
			return {...state, list: null, preview: null};
		case 'entryMoved': {
			if (!state.list) return state;
			const selected = moveIndex(state.list.selected, action.move, state.list.counts.total, layout.bodyHeight);
			return {...state, message: null, list: withListWindow(state.list, selected, layout.bodyHeight)};
		}
		case 'entriesPageLoaded': {
			if (!state.list) return state;
			const list = {...state.list, page: action.page};
			return {...state, list: {...list, selectedId: selectedIdFrom(action.page, list.selected)}};
		}
		case 'entriesReloaded': {
			if (!state.list) return state;
			const old = state.list;
			const total = action.counts.total;
			// Selection by id: the selected entry stays selected and on the same screen row
			// when new entries arrive above it. If it left the view, the row below takes its place.
			const selected = total === 0 ? -1 : clamp(action.index ?? old.selected, 0, total - 1);
			const row = old.selected - old.offset;
			const offset = clamp(selected - row, 0, Math.max(0, total - layout.bodyHeight));
			const list: EntryListState = {...old, counts: action.counts, page: action.page, selected, offset};
			return {...state, list: {...list, selectedId: selectedIdFrom(action.page, selected)}};
		}
		case 'previewLoaded':
			return {...state, preview: action.entry};
		case 'articleOpened':
			return {
				...state,
				screen: 'article',
				message: null,
				digits: '',
				overlay: {kind: 'none'},
				// Always the feed's version first: the full article is one `f` away (and fetched
				// once), but not sticky: choosing it for one reading does not choose it for the next.
				article: {entry: action.entry, variant: 'feed', full: {kind: 'idle'}, scroll: 0},
			};
		case 'articleScrolled': {
			if (!state.article) return state;
			const lineCount = articleLines(state, state.article.entry, state.article.variant, layout.columns).length;
			return {...state, article: {...state.article, scroll: scrollPager(state.article.scroll, action.move, lineCount, articleBodyHeight(state.article.entry.title, layout.columns, layout.bodyHeight))}};
		}
		case 'articleRendered':
			return {...state, rendered: {key: action.key, article: action.article}};
		case 'picturesRequested':
			return state.pictures?.key === action.key ? state : {...state, pictures: {key: action.key, isRequested: true, blocks: new Map()}};
		case 'picturesReserved':
			return {...state, pictures: {key: action.key, isRequested: true, blocks: action.blocks}};
		case 'pictureDrawn': {
			if (state.pictures?.key !== action.key) return state;
			const blocks = new Map(state.pictures.blocks);
			blocks.set(action.index, action.lines);
			return {...state, pictures: {...state.pictures, blocks}};
		}
		case 'entryFlagsChanged': {
			const list = state.list;
			let nextList = list;
			if (list) {
				const before = list.page.items.find(item => item.id === action.id);
				const unreadDelta = before && action.isRead !== undefined && before.isRead !== action.isRead ? (action.isRead ? -1 : 1) : 0;
				nextList = {
					...list,
					counts: {...list.counts, unread: Math.max(0, list.counts.unread + unreadDelta)},
					page: {...list.page, items: list.page.items.map(item => (item.id === action.id ? patchItem(item, action) : item))},
				};
			}
			const article = state.article && state.article.entry.id === action.id ? {...state.article, entry: patchItem(state.article.entry, action)} : state.article;
			const preview = state.preview && state.preview.id === action.id ? patchItem(state.preview, action) : state.preview;
			return {...state, list: nextList, article, preview};
		}
		case 'fullArticleRequested':
			return state.article ? {...state, article: {...state.article, full: {kind: 'loading'}}} : state;
		case 'fullArticleLoaded':
			if (!state.article || state.article.entry.id !== action.entry.id) return state;
			return {...state, article: {...state.article, entry: action.entry, variant: 'full', full: {kind: 'idle'}, scroll: 0}};
		case 'fullArticleFailed':
			return state.article ? {...state, article: {...state.article, full: {kind: 'failed', message: action.message}}} : state;
		case 'variantToggled':
			if (!state.article) return state;
			return {...state, article: {...state.article, variant: state.article.variant === 'full' ? 'feed' : 'full', full: {kind: 'idle'}, scroll: 0}};
		case 'screenLeft': {
			if (state.screen === 'article') return {...state, screen: state.list ? 'entries' : 'feeds', article: null, digits: '', message: null};
			if (state.screen === 'entries' && state.list?.source.kind === 'search' && state.searchReturn) {
				const place = state.searchReturn;
				return {...state, ...place, message: null, digits: '', searchReturn: null};
			}
			if (state.screen === 'entries') return {...state, screen: 'feeds', message: null};
			return state;
		}
		case 'overlayOpened':
			return {...state, overlay: action.overlay, digits: ''};
		case 'overlayClosed':
			return {...state, overlay: {kind: 'none'}, digits: ''};
		case 'overlayMoved': {
			const overlay = state.overlay;
			const height = Math.max(1, layout.bodyHeight - 1);
			if (overlay.kind === 'help') {
				// The help pane shows its lines between a title and a footer row.
				const lines = Math.max(1, layout.bodyHeight - 2);
				return {...state, overlay: {...overlay, offset: scrollPager(overlay.offset, action.move, action.count, lines)}};
			}
			if (overlay.kind === 'feed-info') {
				// The screen's title takes a row.
				return {...state, overlay: {...overlay, offset: scrollPager(overlay.offset, action.move, action.count, Math.max(1, layout.bodyHeight - 1))}};
			}
			if (overlay.kind === 'links' || overlay.kind === 'toc') {
				const selected = moveIndex(overlay.selected, action.move, action.count, height);
				return {...state, overlay: {...overlay, selected, offset: scrollToShow(selected, overlay.offset, height, action.count)}};
			}
			if (overlay.kind === 'feed-settings') {
				return {...state, overlay: {...overlay, selected: moveIndex(overlay.selected, action.move, FEED_SETTING_ROWS.length, height)}};
			}
			return state;
		}
		case 'addStarted':
			return state.overlay.kind === 'add' ? {...state, overlay: {...state.overlay, isBusy: true, error: null}} : state;
		case 'addFailed':
			return state.overlay.kind === 'add' ? {...state, overlay: {...state.overlay, isBusy: false, error: action.message}} : state;
		case 'refreshStarted':
			return {...state, refresh: {kind: 'running', done: 0, total: action.total, newEntries: 0}};
		case 'refreshProgressed':
			return {...state, refresh: {kind: 'running', ...action.progress}};
		case 'refreshFinished':
			return {...state, refresh: {kind: 'idle'}};
		case 'messageShown':
			return {...state, message: action.message};
		case 'digitTyped':
			// Five digits is more links than any article has: ignore the rest.
			return state.digits.length >= 5 ? state : {...state, digits: state.digits + action.digit, message: null};
		case 'digitsCleared':
			return {...state, digits: ''};
		case 'redrawRequested':
			return {...state, redraws: state.redraws + 1};
		case 'entryKept': {
			// The row stays in its list (read in Unread, unstarred in Starred) until the user leaves or refreshes it.
			const list = state.list;
			if (!list || !hasMembership(list.filter) || list.filter.keepIds?.includes(action.id)) return state;
			return {...state, list: {...list, filter: {...list.filter, keepIds: [...(list.filter.keepIds ?? []), action.id]}}};
		}
		case 'keptReleased': {
			const list = state.list;
			if (!list?.filter.keepIds) return state;
			const {keepIds: _released, ...filter} = list.filter;
			return {...state, list: {...list, filter}};
		}
		case 'feedInfoLoaded':
			// A late answer for a screen closed (or another feed's) meanwhile is dropped.
			if (state.overlay.kind !== 'feed-info' || state.overlay.feedId !== action.feedId) return state;
			return {...state, overlay: {...state.overlay, info: action.info, error: null}};
		case 'feedInfoFailed':
			if (state.overlay.kind !== 'feed-info' || state.overlay.feedId !== action.feedId) return state;
			return {...state, overlay: {...state.overlay, error: action.message}};
	}
}
