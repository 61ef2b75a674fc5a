/**
 * Raw feed fields → the plain, trusted-shape ParsedFeed the rest of blogroll uses.
 * Format readers (parse.ts for XML, json-feed.ts) only collect raw strings into a
 * RawFeed; every decision about ids, titles, authors, dates, links and content lives
 * here, once, for all formats.
 */
import {createHash} from 'node:crypto';
import {decodeHTML} from 'entities';
import {sanitizeLine, sanitizeText, limitLength} from '../text/sanitize.js';
import {parseDate} from './dates.js';
import {resolveContentUrls, resolveLink} from './content-urls.js';
import {keepNewestItems} from './limit-items.js';
import {repairMojibake} from './mojibake.js';
import {escapeHtml} from './repair.js';
import {cleanContentLinks, cleanUrl} from './trackers.js';
import type {DroppedItems, FeedFormat, FeedHistory, FeedItem, ParsedFeed, RepairName} from './types.js';

/** A text construct as the feed gives it: HTML (escaped markup) or plain text. */
export interface RawText {
	readonly value: string;
	readonly type: 'html' | 'text';
	/** Absolute xml:base in scope for this element, if any. */
	readonly base: string | null;
}

/** One entry before normalization: strings exactly as found, candidates in preference order. */
export interface RawItem {
	readonly id: string | null;
	readonly title: RawText | null;
	readonly link: string | null;
	/** Absolute xml:base in scope for the entry (entry's own, else the feed's), if any. */
	readonly base: string | null;
	/** Date texts that may give the publish date, best first; the first readable one wins. */
	readonly published: readonly (string | null | undefined)[];
	readonly updated: readonly (string | null | undefined)[];
	readonly authors: readonly (string | null | undefined)[];
	readonly content: RawText | null;
	readonly summary: RawText | null;
	/** FeedBurner's `feedburner:origLink`: the post's own url behind the feedproxy link. */
	readonly origLink?: string | null;
	/** Category names as plain text (a category is a name, never markup), best source first. */
	readonly categories?: readonly (string | null | undefined)[];
}

/** A feed before normalization. */
export interface RawFeed {
	readonly format: FeedFormat;
	readonly title: RawText | null;
	readonly link: string | null;
	/** Absolute xml:base of the feed element, if any. */
	readonly base: string | null;
	readonly description: RawText | null;
	readonly ttl: string | null;
	readonly items: readonly RawItem[];
	/** RFC 5005 links (absolute) and marks, when the document has any. */
	readonly history?: FeedHistory;
}

// Bounds for the other single-line fields of a hostile feed (a 1 MB guid, author or link).
// Real ones are far shorter: an id over the limit is replaced by its hash (stable across
// refreshes), a longer link is dropped, an author cut like a title.
const MAX_ID_LENGTH = 1000;
const MAX_LINK_LENGTH = 8192;
const MAX_AUTHOR_LENGTH = 200;
const DERIVED_TITLE_LENGTH = 80;
const UNTITLED = '(untitled)';

/** How normalizeFeed treats the fields of one document. */
export interface NormalizeOptions {
	/**
	 * False when the whole document was seen to hold no trace of double-encoded UTF-8
	 * (mojibake.ts, mayHoldMojibake): its fields are then not checked one by one. Default true.
	 */
	readonly mojibake?: boolean;
	/** Collects `double-encoded-utf8` when a field was repaired. */
	readonly repairs?: Set<RepairName>;
}

/** A field's text, mojibake undone when the document may hold some. */
type Repair = (text: string) => string;
const unchanged: Repair = (text) => text;

/** Applies the normalization rules; `feedUrl` is the last resort for relative urls. */
export function normalizeFeed(raw: RawFeed, feedUrl: string, options: NormalizeOptions = {}): ParsedFeed {
	const {repairs} = options;
	const repair: Repair = options.mojibake === false ? unchanged : repairs === undefined ? repairMojibake : (text) => {
		const repaired = repairMojibake(text);
		if (repaired !== text) repairs.add('double-encoded-utf8');
		return repaired;
	};
	const feedBase = raw.base ?? feedUrl;
	const link = resolveLink(raw.link, feedBase);
	const seen = new Set<string>();
	const items: FeedItem[] = [];
	const trackers = {removed: 0};
	let duplicates = 0;
	for (const rawItem of raw.items) {
		const item = normalizeItem(rawItem, feedUrl, trackers, repair);
		// Duplicate ids in one document: the first one is what the feed author meant
		// (feeds list newest first) and the store keys entries by id.
		if (seen.has(item.id)) {
			duplicates++;
			continue;
		}
		seen.add(item.id);
		items.push(item);
	}
	const title = raw.title ? toPlainText(raw.title, repair) : '';
	const description = raw.description ? toPlainText(raw.description, repair) : '';
	const kept = keepNewestItems(items);
	// A complete feed cut to MAX_ITEMS_PER_FEED no longer lists everything: what was cut is not "removed upstream".
	const history = raw.history === undefined || kept.length === items.length || !raw.history.complete ? raw.history : {...raw.history, complete: false};
	return {
		format: raw.format,
		title: title === '' ? fallbackFeedTitle(link, feedUrl) : limitLength(title),
		link,
		description: description === '' ? null : description,
		ttlMinutes: parseTtl(raw.ttl),
		// At most MAX_ITEMS_PER_FEED (1 000), the newest: see limit-items.ts.
		items: kept,
		// Only when there were any: `parse --json` of a clean feed stays as it was.
		...(trackers.removed > 0 ? {trackersRemoved: trackers.removed} : {}),
		...(history === undefined ? {} : {history}),
		...droppedItems(duplicates, items.length - kept.length),
	};
}

/** `{dropped}` when items were dropped (see DroppedItems), else nothing. */
function droppedItems(duplicates: number, overLimit: number): {dropped?: DroppedItems} {
	if (duplicates === 0 && overLimit === 0) return {};
	return {dropped: {...(duplicates > 0 ? {'duplicate-id': duplicates} : {}), ...(overLimit > 0 ? {'over-limit': overLimit} : {})}};
}

function normalizeItem(raw: RawItem, feedUrl: string, trackers: {removed: number}, repair: Repair): FeedItem {
	const resolved = resolveLink(raw.link, raw.base ?? feedUrl);
	const feedLink = resolved !== null && resolved.length <= MAX_LINK_LENGTH ? resolved : null;
	// FeedBurner's own url of the post replaces its feedproxy redirect.
	const original = resolveLink(raw.origLink, raw.base ?? feedUrl);
	const chosen = original !== null && original.length <= MAX_LINK_LENGTH ? original : feedLink;
	// Tracking parameters go before anything is stored (see trackers.ts).
	const cleaned = chosen === null ? null : cleanUrl(chosen);
	const link = cleaned?.url ?? null;
	trackers.removed += cleaned?.removed ?? 0;
	const contentBase = link ?? feedUrl;
	const content = withoutTrackers(toHtml(raw.content, raw.base ?? contentBase, repair), trackers);
	const summaryHtml = withoutTrackers(toHtml(raw.summary, raw.base ?? contentBase, repair), trackers);
	const summary = summaryHtml === content ? null : summaryHtml;
	const updated = firstDate(raw.updated);
	// The date the reader shows: the entry's own publish date, else its update date
	// (updated / modified / atom:updated); `updated` stays what the feed says.
	const published = firstDate(raw.published) ?? updated;
	const plainTitle = raw.title ? toPlainText(raw.title, repair) : '';
	const title = plainTitle === '' ? deriveTitle(content ?? summary, link) : limitLength(plainTitle);
	return {
		// The link as the feed wrote it: an id from it must not change when cleaning does.
		id: stableId(raw.id, feedLink, plainTitle, published, content ?? summary),
		title,
		link,
		published,
		updated,
		author: pickAuthor(raw.authors, repair),
		content,
		summary,
		...categoriesOf(raw.categories, repair),
	};
}

function withoutTrackers(html: string | null, trackers: {removed: number}): string | null {
	if (html === null) return null;
	const cleaned = cleanContentLinks(html);
	trackers.removed += cleaned.removed;
	return cleaned.html;
}

// More than this many categories on one entry is a tag cloud, not a classification.
const MAX_CATEGORIES = 50;
const MAX_CATEGORY_LENGTH = 100;

/** `{categories}` when the entry names any: plain text, trimmed, each once (any case). */
function categoriesOf(raw: readonly (string | null | undefined)[] | undefined, repair: Repair): {categories?: readonly string[]} {
	if (raw === undefined || raw.length === 0) return {};
	const seen = new Set<string>();
	const categories: string[] = [];
	for (const candidate of raw) {
		if (typeof candidate !== 'string' || candidate.trim() === '') continue;
		const name = limitLength(toPlainText({value: candidate, type: 'text', base: null}, repair), MAX_CATEGORY_LENGTH);
		const key = name.toLowerCase();
		if (name === '' || seen.has(key)) continue;
		seen.add(key);
		categories.push(name);
		if (categories.length === MAX_CATEGORIES) break;
	}
	return categories.length === 0 ? {} : {categories};
}

function firstDate(candidates: readonly (string | null | undefined)[]): string | null {
	for (const candidate of candidates) {
		const date = parseDate(candidate);
		if (date !== null) return date;
	}
	return null;
}

function stableId(
	id: string | null,
	link: string | null,
	title: string,
	date: string | null,
	content: string | null,
): string {
	const own = id === null ? '' : sanitizeLine(id);
	if (own !== '') return own.length <= MAX_ID_LENGTH ? own : `sha1:${createHash('sha1').update(own).digest('hex')}`;
	if (link !== null) return link;
	// Neither guid nor link: the same entry must hash the same on every refresh, so only
	// fields that do not change between fetches go in; content only as a last resort.
	let key = `${title}\n${date ?? ''}`;
	if (title === '' && date === null) key += `\n${content ?? ''}`;
	return createHash('sha1').update(key).digest('hex');
}

/** HTML text constructs lose their tags and entities; plain text is kept verbatim. */
function toPlainText(text: RawText, repair: Repair): string {
	const value = repair(text.value);
	const plain = text.type === 'html' ? htmlToText(value) : value;
	return sanitizeLine(plain.replace(/\s+/g, ' '));
}

// Inline elements join their text to the words around them ("bei <em>Schimmel</em>?"
// stays "bei Schimmel?"); any other tag (a paragraph, a line break) separates words.
const INLINE_TAG = /<\/?(?:a|abbr|acronym|b|bdi|bdo|big|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var|wbr)(?=[\s/>])[^<>]*>/gi;

function htmlToText(html: string): string {
	// Tags first, entities second: `&lt;b&gt;` in a title is meant to be read as "<b>".
	// `[^<>]` rather than `[^>]`: a text full of `<` without `>` stays a linear scan.
	return decodeHTML(html.replace(/<!--[\s\S]*?-->/g, '').replace(INLINE_TAG, '').replace(/<[^<>]*>/g, ' '));
}


/** An entry without a title is named by the beginning of its text, else its link. */
function deriveTitle(html: string | null, link: string | null): string {
	// The beginning is enough, and a megabyte body need not be stripped whole.
	const text = html === null ? '' : sanitizeLine(htmlToText(html.slice(0, 20 * DERIVED_TITLE_LENGTH)).replace(/\s+/g, ' '));
	if (text !== '') {
		if (text.length <= DERIVED_TITLE_LENGTH) return text;
		const cut = text.slice(0, DERIVED_TITLE_LENGTH);
		const wordEnd = cut.lastIndexOf(' ');
		return `${(wordEnd > DERIVED_TITLE_LENGTH / 2 ? cut.slice(0, wordEnd) : cut).trimEnd()}…`;
	}
	return link ?? UNTITLED;
}

function fallbackFeedTitle(link: string | null, feedUrl: string): string {
	for (const candidate of [link, feedUrl]) {
		if (candidate === null) continue;
		try {
			// file: urls (`blogroll parse ./feed.xml`) have no host.
			const host = new URL(candidate).hostname;
			if (host !== '') return host;
		} catch {
			// Not a url: try the next one.
		}
	}
	return UNTITLED;
}

/** Body HTML: plain text is escaped (newlines kept), urls made absolute, controls dropped. */
function toHtml(text: RawText | null, base: string, repair: Repair): string | null {
	if (text === null || text.value.trim() === '') return null;
	const value = repair(text.value);
	const html = text.type === 'text' ? textToHtml(value) : value.trim();
	const resolved = text.type === 'html' ? resolveContentUrls(html, text.base ?? base) : html;
	const safe = sanitizeText(resolved);
	return safe.trim() === '' ? null : safe;
}

function textToHtml(text: string): string {
	return sanitizeText(text)
		.trim()
		.split(/\n\s*\n/)
		.map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\n/g, '<br>')}</p>`)
		.join('\n');
}

// RSS `author` is an email, often as "mail@example.de (Name)"; show the name when
// there is one. "Name <mail@example.de>" and "Name (mail@example.de)" (dc:creator) are
// the other common spellings.
const EMAIL_WITH_NAME = /^\s*\S+@\S+\s*\((.+)\)\s*$/;
const NAME_WITH_EMAIL = /^\s*(.+?)\s*(?:<\S+@\S+>|\(\S+@\S+\))\s*$/;

function pickAuthor(candidates: readonly (string | null | undefined)[], repair: Repair): string | null {
	for (const candidate of candidates) {
		if (typeof candidate !== 'string') continue;
		const author = repair(candidate);
		const match = EMAIL_WITH_NAME.exec(author) ?? NAME_WITH_EMAIL.exec(author);
		const name = sanitizeLine(match ? match[1]! : author);
		if (name !== '') return limitLength(name, MAX_AUTHOR_LENGTH);
	}
	return null;
}

function parseTtl(ttl: string | null): number | null {
	if (ttl === null || !/^\s*\d+\s*$/.test(ttl)) return null;
	const minutes = Number(ttl);
	return Number.isSafeInteger(minutes) && minutes > 0 ? minutes : null;
}
