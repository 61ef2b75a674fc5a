/** Derived values, shared by the views and by key handling. Pure. */
import type {ArticleLink, ArticleQuestion, RenderedArticle} from '../../render/types.js';
import {placeImages} from '../../images/place-images.js';
import type {Entry} from '../../store/types.js';
import type {ListedEntry} from '../services.js';
import type {InputContext} from '../keymap.js';
import type {FeedRow} from './feed-rows.js';
import {layoutFor} from './layout.js';
import {plainTextLines} from './plain-text.js';
import type {ReaderState} from './reader-state.js';
import {windowRows} from './window.js';

/** Identifies one rendering: an entry, a variant, a width. */
export function renderKey(entryId: number, variant: 'feed' | 'full', width: number): string {
	return `${entryId}:${variant}:${width}`;
}

/** The HTML an article variant shows: the extracted page, else the feed's content. */
export function articleHtml(entry: Entry, variant: 'feed' | 'full'): string | null {
	if (variant === 'full' && entry.fullContent) return entry.fullContent;
	return entry.content ?? entry.summary;
}

// The plain fallback is recomputed only when its input changes: renders happen on every key.
let plainCache: {key: string; html: string | null; lines: readonly string[]} | null = null;

/**
 * The pager's lines: the finished rendering when there is one, else plain text of the
 * content. `maxLines` asks for the first lines only (the preview pane).
 */
export function articleLines(state: ReaderState, entry: Entry, variant: 'feed' | 'full', width: number, maxLines = Number.POSITIVE_INFINITY): readonly string[] {
	const key = renderKey(entry.id, variant, width);
	if (state.rendered?.key === key) {
		const lines = withPictures(state).lines;
		return maxLines < lines.length ? lines.slice(0, maxLines) : lines;
	}
	const html = articleHtml(entry, variant);
	const cacheKey = `${key}:${maxLines}`;
	if (plainCache?.key !== cacheKey || plainCache.html !== html) plainCache = {key: cacheKey, html, lines: plainTextLines(html, width, maxLines)};
	return plainCache.lines;
}

/** The render key of the article shown full screen: the open article, or Discover's open preview post. */
function shownArticleKey(state: ReaderState): string | null {
	// Discover's open preview post is an article too (its feed content, or its page with `f`).
	const previewed = state.screen === 'discover' ? state.discover?.preview?.article : null;
	const article = previewed ? {entry: previewed.entry, variant: previewed.variant} : state.article;
	return article ? renderKey(article.entry.id, article.variant, layoutFor(state.size).columns) : null;
}

function renderedOf(state: ReaderState): {links: readonly ArticleLink[]; questions: readonly ArticleQuestion[]} {
	const key = shownArticleKey(state);
	return key !== null && state.rendered?.key === key ? {links: state.rendered.article.links, questions: withPictures(state).questions} : {links: [], questions: []};
}

/**
 * True once the shown article's rendering (with its links and questions) is there. Rendered
 * and without any, `L` and `t` say so on the status line rather than open an empty overlay
 * that offers Enter; before that, the overlay opens and fills in.
 */
export function isArticleRendered(state: ReaderState): boolean {
	const key = shownArticleKey(state);
	return key !== null && state.rendered?.key === key;
}

// images: the rendering with its pictures' blocks placed, computed once per change (renders happen on every key).
let placedCache: {rendered: RenderedArticle; blocks: ReadonlyMap<number, readonly string[]> | null; placed: ReturnType<typeof placeImages>} | null = null;

/** images: the rendered lines and questions with the pictures' blocks (reserved, drawn or failed) in place. */
function withPictures(state: ReaderState): {readonly lines: readonly string[]; readonly questions: readonly ArticleQuestion[]} {
	const rendered = state.rendered!;
	const blocks = state.pictures?.key === rendered.key ? state.pictures.blocks : null;
	if (blocks === null || blocks.size === 0) return rendered.article;
	if (placedCache?.rendered !== rendered.article || placedCache.blocks !== blocks) placedCache = {rendered: rendered.article, blocks, placed: placeImages(rendered.article, blocks)};
	return placedCache.placed;
}

export function articleLinks(state: ReaderState): readonly ArticleLink[] {
	return renderedOf(state).links;
}

export function articleQuestions(state: ReaderState): readonly ArticleQuestion[] {
	return renderedOf(state).questions;
}

/** Which part of the keymap applies now. */
export function inputContext(state: ReaderState): InputContext {
	switch (state.overlay.kind) {
		case 'help':
			return 'help';
		case 'links':
			return 'links';
		case 'toc':
			return 'toc';
		case 'confirm-remove':
		case 'confirm-mark-all':
			return 'confirm';
		case 'feed-info':
			return 'info';
		case 'add':
			// The prompt owns input; the root handler is inactive. 'feeds' is never consulted.
			return 'feeds';
		case 'prompt':
			return 'prompt';
		case 'feed-settings':
			return 'feedSettings';
		case 'none':
			break;
	}
	return screenContext(state);
}

/** The screen's own context, ignoring overlays: what the help overlay explains. */
export function screenContext(state: ReaderState): InputContext {
	if (state.screen === 'feeds' && state.feeds.items.length === 0) return 'welcome';
	if (state.screen === 'discover') return state.discover?.preview?.article ? 'discoverArticle' : state.discover?.preview ? 'discoverPosts' : 'discover';
	return state.screen;
}

export function selectedFeedRow(state: ReaderState): FeedRow | null {
	return state.feeds.rows[state.feeds.selected] ?? null;
}

export function selectedEntryItem(state: ReaderState): ListedEntry | null {
	const list = state.list;
	if (!list || list.selected < 0) return null;
	return list.page.items[list.selected - list.page.offset] ?? null;
}

/** The entry rows of the visible window (only these are drawn). */
export function visibleEntries(state: ReaderState): readonly ListedEntry[] {
	const list = state.list;
	if (!list) return [];
	return windowRows(list.page, list.offset, layoutFor(state.size).bodyHeight);
}

export function visibleFeedRows(state: ReaderState): readonly FeedRow[] {
	const {rows, offset} = state.feeds;
	return rows.slice(offset, offset + layoutFor(state.size).bodyHeight);
}
