/**
 * The Discover screen's state and its part of the reducer: the suggestions, a probe for
 * more running in the background, and the preview of one suggestion (its latest posts,
 * then one post as an article). Pure; reader-state.ts hands the discover actions here.
 */
import {articleBodyHeight} from './article-header.js';
import type {Entry} from '../../store/types.js';
import type {SuggestionPreview, SuggestionView, SuggestProgressView} from '../services.js';
import {layoutFor, type Layout} from './layout.js';
import type {FullArticleStatus, ReaderState} from './reader-state.js';
import {articleLines} from './selectors.js';
import {clamp, moveIndex, scrollPager, scrollToShow, type Move} from './window.js';

/** A suggestion takes two rows: title, site, date and frequency; then why. */
export const SUGGESTION_ROWS = 2;

export type ProbeState = {readonly kind: 'idle'} | {readonly kind: 'running'; readonly refresh: boolean; readonly done: number; readonly total: number};

/** The preview of one suggestion: loading, failed, or its posts (and maybe one open as an article). */
export interface PreviewState {
	readonly suggestion: SuggestionView;
	readonly status: 'loading' | 'ready' | 'failed';
	/** Why the preview failed, one line. */
	readonly error: string | null;
	readonly posts: readonly Entry[];
	readonly selected: number;
	readonly offset: number;
	readonly article: PreviewArticle | null;
}

/**
 * One preview post open as an article. `f` fetches its page's main text as for any article,
 * but keeps it only here: nothing of a feed not subscribed is written to the cache.
 */
export interface PreviewArticle {
	readonly entry: Entry;
	readonly scroll: number;
	readonly variant: 'feed' | 'full';
	readonly full: FullArticleStatus;
}

export interface DiscoverState {
	readonly suggestions: readonly SuggestionView[];
	/** False until the first list arrived (the screen says it is looking). */
	readonly isLoaded: boolean;
	/** Index of the selected suggestion, -1 when there is none. */
	readonly selected: number;
	/** First visible suggestion. */
	readonly offset: number;
	readonly probe: ProbeState;
	readonly preview: PreviewState | null;
	/** The suggestion the tags prompt subscribes to, and whether the subscription is under way. */
	readonly subscribing: {readonly suggestion: SuggestionView; readonly isBusy: boolean} | null;
	/** Sites dismissed or subscribed in this session: a list computed before that still held them leaves them out. */
	readonly removed: readonly string[];
}

export type DiscoverAction =
	| {readonly type: 'discoverOpened'}
	| {readonly type: 'discoverListed'; readonly suggestions: readonly SuggestionView[]}
	| {readonly type: 'discoverMoved'; readonly move: Move}
	| {readonly type: 'discoverProbeStarted'; readonly refresh: boolean}
	| {readonly type: 'discoverProbeProgressed'; readonly progress: SuggestProgressView}
	| {readonly type: 'discoverProbeFinished'}
	| {readonly type: 'suggestionRemoved'; readonly site: string}
	| {readonly type: 'subscribeAsked'; readonly suggestion: SuggestionView}
	| {readonly type: 'subscribeStarted'}
	| {readonly type: 'subscribeFinished'}
	| {readonly type: 'suggestionPreviewOpened'; readonly suggestion: SuggestionView}
	| {readonly type: 'suggestionPreviewLoaded'; readonly feedUrl: string; readonly preview: SuggestionPreview}
	| {readonly type: 'suggestionPreviewFailed'; readonly feedUrl: string; readonly message: string}
	| {readonly type: 'suggestionPreviewMoved'; readonly move: Move}
	| {readonly type: 'suggestionPostOpened'; readonly entry: Entry}
	| {readonly type: 'suggestionPostScrolled'; readonly move: Move}
	| {readonly type: 'suggestionPostStepped'; readonly direction: 1 | -1}
	| {readonly type: 'suggestionPostFullRequested'}
	| {readonly type: 'suggestionPostFullLoaded'; readonly entryId: number; readonly html: string}
	| {readonly type: 'suggestionPostFullFailed'; readonly entryId: number; readonly message: string}
	| {readonly type: 'suggestionPostVariantToggled'}
	| {readonly type: 'discoverLeft'};

const DISCOVER_ACTIONS: ReadonlySet<string> = new Set<DiscoverAction['type']>([
	'discoverOpened',
	'discoverListed',
	'discoverMoved',
	'discoverProbeStarted',
	'discoverProbeProgressed',
	'discoverProbeFinished',
	'suggestionRemoved',
	'subscribeAsked',
	'subscribeStarted',
	'subscribeFinished',
	'suggestionPreviewOpened',
	'suggestionPreviewLoaded',
	'suggestionPreviewFailed',
	'suggestionPreviewMoved',
	'suggestionPostOpened',
	'suggestionPostScrolled',
	'suggestionPostStepped',
	'suggestionPostFullRequested',
	'suggestionPostFullLoaded',
	'suggestionPostFullFailed',
	'suggestionPostVariantToggled',
	'discoverLeft',
]);

export function isDiscoverAction(action: {readonly type: string}): action is DiscoverAction {
	return DISCOVER_ACTIONS.has(action.type);
}

const EMPTY: DiscoverState = {
	suggestions: [],
	isLoaded: false,
	selected: -1,
	offset: 0,
	probe: {kind: 'idle'},
	preview: null,
	subscribing: null,
	removed: [],
};

/** How many suggestions the list shows at once. */
export function visibleSuggestionCount(layout: Layout): number {
	return Math.max(1, Math.floor(layout.bodyHeight / SUGGESTION_ROWS));
}

/**
 * The wide layout's right pane on Discover: a little wider than the entries screen's
 * preview, since the suggestions need less room than entries and the details hold urls.
 */
export function discoverPaneWidth(layout: Layout): number {
	return layout.isWide ? Math.max(layout.previewWidth, Math.floor((layout.columns - 1) * 0.45)) : 0;
}

/** The preview post rendered now: the open one, or (wide layout) the selected one beside the list. */
export function previewPost(state: ReaderState): {readonly entry: Entry; readonly isPane: boolean; readonly variant: 'feed' | 'full'} | null {
	const preview = state.screen === 'discover' ? state.discover?.preview : null;
	if (!preview) return null;
	if (preview.article) return {entry: preview.article.entry, isPane: false, variant: preview.article.variant};
	const post = preview.posts[preview.selected];
	return post && layoutFor(state.size).isWide ? {entry: post, isPane: true, variant: 'feed'} : null;
}

function openedPost(entry: Entry): PreviewArticle {
	return {entry, scroll: 0, variant: 'feed', full: {kind: 'idle'}};
}

export function selectedSuggestion(discover: DiscoverState | null): SuggestionView | null {
	if (!discover) return null;
	return discover.suggestions[discover.selected] ?? null;
}

/** Offsets that keep the selections in view (after a resize). */
export function refitDiscover(discover: DiscoverState, layout: Layout): DiscoverState {
	const height = visibleSuggestionCount(layout);
	const preview = discover.preview;
	return {
		...discover,
		offset: scrollToShow(discover.selected, discover.offset, height, discover.suggestions.length),
		preview: preview ? {...preview, offset: scrollToShow(preview.selected, preview.offset, layout.bodyHeight, preview.posts.length)} : null,
	};
}

function withList(discover: DiscoverState, suggestions: readonly SuggestionView[], layout: Layout): DiscoverState {
	const kept = suggestions.filter(suggestion => !discover.removed.includes(suggestion.site));
	// The selection stays on its site when the list changes around it.
	const before = discover.suggestions[discover.selected]?.site;
	const found = before === undefined ? -1 : kept.findIndex(suggestion => suggestion.site === before);
	const selected = kept.length === 0 ? -1 : found >= 0 ? found : clamp(discover.selected, 0, kept.length - 1);
	const height = visibleSuggestionCount(layout);
	return {...discover, suggestions: kept, isLoaded: true, selected, offset: scrollToShow(selected, discover.offset, height, kept.length)};
}

export function reduceDiscover(state: ReaderState, action: DiscoverAction): ReaderState {
	const layout = layoutFor(state.size);
	if (action.type === 'discoverOpened') {
		// Back on the list: a preview left open last time is closed, what was found is kept.
		const discover = state.discover ? {...state.discover, preview: null} : EMPTY;
		return {...state, screen: 'discover', message: null, overlay: {kind: 'none'}, discover};
	}
	const discover = state.discover;
	if (!discover) return state;
	const set = (next: Partial<DiscoverState>): ReaderState => ({...state, discover: {...discover, ...next}});
	const preview = discover.preview;
	const setPreview = (next: Partial<PreviewState>): ReaderState => (preview ? set({preview: {...preview, ...next}}) : state);
	switch (action.type) {
		case 'discoverListed':
			return {...state, discover: withList(discover, action.suggestions, layout)};
		case 'discoverMoved': {
			const height = visibleSuggestionCount(layout);
			const selected = moveIndex(discover.selected, action.move, discover.suggestions.length, height);
			return {...set({selected, offset: scrollToShow(selected, discover.offset, height, discover.suggestions.length)}), message: null};
		}
		case 'discoverProbeStarted':
			return set({probe: {kind: 'running', refresh: action.refresh, done: 0, total: 0}});
		case 'discoverProbeProgressed':
			return discover.probe.kind === 'running' ? set({probe: {...discover.probe, ...action.progress}}) : state;
		case 'discoverProbeFinished':
			return set({probe: {kind: 'idle'}});
		case 'suggestionRemoved': {
			const removed = [...discover.removed, action.site];
			const next = withList({...discover, removed}, discover.suggestions, layout);
			// The preview of a suggestion that is gone (subscribed, dismissed) closes with it.
			return {...state, discover: preview?.suggestion.site === action.site ? {...next, preview: null} : next};
		}
		case 'subscribeAsked':
			return set({subscribing: {suggestion: action.suggestion, isBusy: false}});
		case 'subscribeStarted':
			return discover.subscribing ? set({subscribing: {...discover.subscribing, isBusy: true}}) : state;
		case 'subscribeFinished':
			return set({subscribing: null});
		case 'suggestionPreviewOpened':
			return {
				...set({preview: {suggestion: action.suggestion, status: 'loading', error: null, posts: [], selected: -1, offset: 0, article: null}}),
				message: null,
			};
		case 'suggestionPreviewLoaded':
			// A preview closed (or replaced) while its feed was fetched keeps nothing of it.
			if (preview?.suggestion.feedUrl !== action.feedUrl || preview.status !== 'loading') return state;
			return setPreview({status: 'ready', posts: action.preview.posts, selected: action.preview.posts.length > 0 ? 0 : -1, offset: 0});
		case 'suggestionPreviewFailed':
			if (preview?.suggestion.feedUrl !== action.feedUrl || preview.status !== 'loading') return state;
			return setPreview({status: 'failed', error: action.message});
		case 'suggestionPreviewMoved': {
			if (!preview) return state;
			const selected = moveIndex(preview.selected, action.move, preview.posts.length, layout.bodyHeight);
			return {...setPreview({selected, offset: scrollToShow(selected, preview.offset, layout.bodyHeight, preview.posts.length)}), message: null};
		}
		case 'suggestionPostOpened':
			return {...setPreview({article: openedPost(action.entry)}), message: null};
		case 'suggestionPostScrolled': {
			const article = preview?.article;
			if (!article) return state;
			const lineCount = articleLines(state, article.entry, article.variant, layout.columns).length;
			return setPreview({article: {...article, scroll: scrollPager(article.scroll, action.move, lineCount, articleBodyHeight(article.entry.title, layout.columns, layout.bodyHeight))}});
		}
		case 'suggestionPostStepped': {
			// The next (previous) post of the preview, as J and K do in an article; none past the ends.
			const index = preview?.article ? preview.posts.findIndex(post => post.id === preview.article!.entry.id) + action.direction : -1;
			const post = preview?.posts[index];
			if (!preview || !post || index < 0) return state;
			return {
				...setPreview({selected: index, offset: scrollToShow(index, preview.offset, layout.bodyHeight, preview.posts.length), article: openedPost(post)}),
				message: null,
			};
		}
		case 'suggestionPostFullRequested':
			return preview?.article ? setPreview({article: {...preview.article, full: {kind: 'loading'}}}) : state;
		case 'suggestionPostFullLoaded': {
			// A page that arrives after the user went to another post belongs to none.
			const article = preview?.article;
			if (!article || article.entry.id !== action.entryId) return state;
			// Kept on the post of the preview (and so for J/K back to it), never in the cache.
			const entry = {...article.entry, fullContent: action.html};
			const posts = preview.posts.map(post => (post.id === entry.id ? entry : post));
			return setPreview({posts, article: {entry, scroll: 0, variant: 'full', full: {kind: 'idle'}}});
		}
		case 'suggestionPostFullFailed': {
			const article = preview?.article;
			if (!article || article.entry.id !== action.entryId) return state;
			return setPreview({article: {...article, full: {kind: 'failed', message: action.message}}});
		}
		case 'suggestionPostVariantToggled': {
			const article = preview?.article;
			if (!article) return state;
			return setPreview({article: {...article, variant: article.variant === 'full' ? 'feed' : 'full', full: {kind: 'idle'}, scroll: 0}});
		}
		case 'discoverLeft':
			if (preview?.article) return {...setPreview({article: null}), message: null};
			if (preview) return {...set({preview: null}), message: null};
			return {...state, screen: 'feeds', message: null};
	}
}
