/**
 * Finds the feeds of a site. The pipeline, in order, stopping at the first step that
 * yields a feed that really fetches and parses:
 *   1. the url itself is a feed → that one;
 *   2. `<link rel="alternate">` tags of the page (RSS, Atom, JSON Feed);
 *   3. the usual places (/feed, /feed/, /rss, /rss.xml, … ?feed=rss2), relative to the
 *      page and then to the site root;
 *   4. `<a href>` links that look like feed urls.
 * Every candidate is validated by fetching and parsing it, so `add` can subscribe without
 * a second download; duplicates (same final url) are dropped and comment feeds go last.
 */
import {parseHTML} from 'linkedom';
import {failed, isFailure, type Failure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {decodeBody} from './decode.js';
import {FEED_ACCEPT} from './http.js';
import type {HttpClient, HttpOk} from './http-types.js';
import {parseFeed} from './parse.js';
import type {FeedFormat, ParsedFeed} from './types.js';

/** linkedom's document (the project compiles without the DOM lib). */
type HtmlDocument = ReturnType<typeof parseHTML>['document'];

/** What the fetch of a discovered feed told us, so the first refresh can be conditional. */
export type DiscoveredFetchMeta = Pick<HttpOk, 'etag' | 'lastModified' | 'maxAgeSeconds' | 'status' | 'trace'>;

/** One feed found for a site, already fetched and parsed. */
export interface DiscoveredFeed {
	/** The url to subscribe to: as linked, or the new url after permanent redirects. */
	readonly url: string;
	/** The feed's own title, else the title of the link that named it, else the url. */
	readonly title: string;
	readonly format: FeedFormat;
	readonly feed: ParsedFeed;
	readonly meta: DiscoveredFetchMeta;
	/** A comments feed (WordPress "Kommentar-Feed"): listed last, never suggested. */
	readonly isComments: boolean;
	/** The feed's answer, for readers of more than the feed (Discover's blogroll pointers). */
	readonly answer: DiscoveryAnswer;
}

/** An HTTP answer discovery had anyway. */
export interface DiscoveryAnswer {
	/** Where it was served from. */
	readonly url: string;
	readonly body: Uint8Array;
	readonly contentType: string | null;
	/** The raw `Link` header, if any. */
	readonly link: string | null;
}

/** The feeds of a site, best first: posts feeds before comment feeds, then page order. */
export interface DiscoveryResult {
	readonly candidates: readonly DiscoveredFeed[];
	/** The web page the feeds were found from; null when the url was a feed itself. */
	readonly page: DiscoveryAnswer | null;
}

/** Tried in this order, relative to the page and then to the site root, when the page links no feed. */
export const COMMON_FEED_PATHS: readonly string[] = ['feed', 'feed/', 'rss', 'rss.xml', 'atom.xml', 'index.xml', 'feed.xml', 'feed.json', '?feed=rss2'];

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.8, */*;q=0.7';

const FEED_LINK_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json', 'application/rdf+xml', 'text/xml', 'application/xml']);

// A hostile or bloated page must not make us fetch hundreds of urls.
const MAX_LINKED_CANDIDATES = 10;
// Probes of the usual places run a few at a time (the per-host limit is 2 anyway).
const PROBE_WINDOW = 2;

const BINARY_TYPES = /^(?:image|audio|video|font|model)\/|^application\/(?:octet-stream|pdf|zip|gzip|x-gzip|x-tar|x-7z-compressed|x-rar-compressed|vnd\.|msword|wasm)/;

const FEED_LIKE_HREF = /(?:\/(?:feed|rss|atom)\/?|[./](?:rss|atom)|(?:rss|atom|feed|index)\.xml|feed\.json)$|^https?:\/\/feeds\d*\.feedburner\.com\//i;

interface Candidate {
	readonly url: string;
	/** The title attribute of the link that named it, if any. */
	readonly linkTitle: string;
}

interface Validated extends DiscoveredFeed {
	/** Where the feed finally answered; duplicates are found by it. */
	readonly finalUrl: string;
}

export async function discoverFeeds(http: HttpClient, url: string): Promise<DiscoveryResult | Failure> {
	const shown = sanitizeLine(url);
	const page = await http.get({url, accept: PAGE_ACCEPT});
	if (page.kind === 'failed') return page;
	if (page.kind === 'not-modified') return failed('no-feed', `No feed found at ${shown} (the server answered 304 Not Modified)`, {url: shown, problem: 'not-modified'});

	const binaryType = describeBinary(page.contentType, page.body);
	if (binaryType !== null) return failed('not-a-feed', `${shown} is not a feed or a web page (${binaryType})`, {url: shown, problem: 'binary', target: binaryType});

	const text = decodeBody(page.body, page.contentType);
	// Parsing first, whatever the Content-Type says: plenty of servers send feeds as text/html.
	const asFeed = await parseFeed(text, page.url);
	if (!isFailure(asFeed)) {
		return result([toValidated({url: page.permanentUrl ?? url, linkTitle: ''}, page, asFeed)], null);
	}
	// A broken feed is worth its own error message; "no feed found" would hide it.
	if (asFeed.reason !== 'not-a-feed') return {...asFeed, params: {url: shown, ...asFeed.params}};

	const {document} = parseHTML(text);
	const base = documentBase(document, page.url);

	const linked = await validateAll(http, linkedFeeds(document, base));
	const pageAnswer = answerOf(page);
	if (linked.length > 0) return result(linked, pageAnswer);

	const probed = await probeCommonPaths(http, page.url);
	if (probed.length > 0) return result(probed, pageAnswer);

	const anchored = await validateAll(http, anchoredFeeds(document, base));
	if (anchored.length > 0) return result(anchored, pageAnswer);

	return failed(
		'no-feed',
		`No feed found at ${shown} (looked for <link rel="alternate">, /feed, /rss, /rss.xml, /atom.xml, /index.xml, /feed.xml, /feed.json and ?feed=rss2)`,
		{url: shown, problem: 'none'},
	);
}

function answerOf(answer: HttpOk): DiscoveryAnswer {
	return {url: answer.url, body: answer.body, contentType: answer.contentType, link: answer.link ?? null};
}

function result(found: readonly Validated[], page: DiscoveryAnswer | null): DiscoveryResult {
	const unique = new Map<string, Validated>();
	for (const feed of found) if (!unique.has(feed.finalUrl)) unique.set(feed.finalUrl, feed);
	const ordered = [...unique.values()];
	// Array#sort is stable: page order is kept within each group.
	ordered.sort((a, b) => Number(a.isComments) - Number(b.isComments));
	return {candidates: ordered.map(({url, title, format, feed, meta, isComments, answer}) => ({url, title, format, feed, meta, isComments, answer})), page};
}

/** `<base href>` if there is a usable one, else the url the page was served from. */
function documentBase(document: HtmlDocument, pageUrl: string): string {
	const href = document.querySelector('base[href]')?.getAttribute('href');
	if (href) {
		const resolved = resolveHttpUrl(href, pageUrl);
		if (resolved !== null) return resolved;
	}
	return pageUrl;
}

function linkedFeeds(document: HtmlDocument, base: string): Candidate[] {
	const candidates: Candidate[] = [];
	for (const link of document.querySelectorAll('link[rel][href]')) {
		const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
		if (!rel.includes('alternate')) continue;
		const type = (link.getAttribute('type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
		if (!FEED_LINK_TYPES.has(type)) continue;
		const url = resolveHttpUrl(link.getAttribute('href') ?? '', base);
		if (url === null) continue;
		candidates.push({url, linkTitle: sanitizeLine(link.getAttribute('title') ?? '')});
	}
	return firstUnique(candidates);
}

function anchoredFeeds(document: HtmlDocument, base: string): Candidate[] {
	const candidates: Candidate[] = [];
	for (const anchor of document.querySelectorAll('a[href]')) {
		const url = resolveHttpUrl(anchor.getAttribute('href') ?? '', base);
		if (url === null) continue;
		const {origin, pathname} = new URL(url);
		if (!FEED_LIKE_HREF.test(origin + pathname)) continue;
		candidates.push({url, linkTitle: sanitizeLine(anchor.getAttribute('title') ?? '')});
	}
	return firstUnique(candidates);
}

function firstUnique(candidates: readonly Candidate[]): Candidate[] {
	const seen = new Set<string>();
	return candidates
		.filter((candidate) => {
			if (seen.has(candidate.url)) return false;
			seen.add(candidate.url);
			return true;
		})
		.slice(0, MAX_LINKED_CANDIDATES);
}

/**
 * Tries the usual places in order, a small window at a time, and stops at the first posts
 * feed. Page-relative first: a blog under /blog/ has its feed at /blog/feed/. A comment
 * feed found on the way (the page was an article) is kept, but the search goes on.
 */
async function probeCommonPaths(http: HttpClient, pageUrl: string): Promise<Validated[]> {
	const root = new URL('/', pageUrl).href;
	const urls = [...new Set([pageUrl, root].flatMap((base) => COMMON_FEED_PATHS.map((path) => new URL(path, base).href)))];
	const found: Validated[] = [];
	for (let start = 0; start < urls.length; start += PROBE_WINDOW) {
		const window = urls.slice(start, start + PROBE_WINDOW);
		const validated = await Promise.all(window.map((url) => validate(http, {url, linkTitle: ''})));
		for (const feed of validated) {
			if (feed === null) continue;
			found.push(feed);
			if (!feed.isComments) return found;
		}
	}
	return found;
}

async function validateAll(http: HttpClient, candidates: readonly Candidate[]): Promise<Validated[]> {
	const validated = await Promise.all(candidates.map((candidate) => validate(http, candidate)));
	return validated.filter((feed): feed is Validated => feed !== null);
}

/** Fetches and parses one candidate; anything that is not a working feed is dropped. */
async function validate(http: HttpClient, candidate: Candidate): Promise<Validated | null> {
	const answer = await http.get({url: candidate.url, accept: FEED_ACCEPT});
	if (answer.kind !== 'ok') return null;
	if (describeBinary(answer.contentType, answer.body) !== null) return null;
	const feed = await parseFeed(decodeBody(answer.body, answer.contentType), answer.url);
	if (isFailure(feed)) return null;
	return toValidated({url: answer.permanentUrl ?? candidate.url, linkTitle: candidate.linkTitle}, answer, feed);
}

function toValidated(candidate: Candidate, answer: HttpOk, feed: ParsedFeed): Validated {
	const title = sanitizeLine(feed.title) || candidate.linkTitle || candidate.url;
	return {
		url: candidate.url,
		finalUrl: answer.url,
		title,
		format: feed.format,
		feed,
		meta: {etag: answer.etag, lastModified: answer.lastModified, maxAgeSeconds: answer.maxAgeSeconds, status: answer.status, ...(answer.trace === undefined ? {} : {trace: answer.trace})},
		isComments: isCommentFeed(candidate, feed, answer.url),
		answer: answerOf(answer),
	};
}

/**
 * WordPress links "Mein Blog » Feed" and "Mein Blog » Kommentar-Feed"; the second one
 * is rarely what a reader wants, so it goes last.
 */
function isCommentFeed(candidate: Candidate, feed: ParsedFeed, finalUrl: string): boolean {
	const titled = [candidate.linkTitle, feed.title].some((title) => /kommentar|\bcomments\b|\bcomments? feed\b/i.test(title));
	const located = [candidate.url, finalUrl].some((url) => /\/comments\/|\/comments\/feed|[?&]feed=comments|comments?-(?:feed|rss)/i.test(url));
	return titled || located;
}

/** A human name for a body that cannot be a feed or a page, or null when it might be one. */
function describeBinary(contentType: string | null, body: Buffer): string | null {
	const essence = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
	if (BINARY_TYPES.test(essence)) return sanitizeLine(essence);
	// No or a vague Content-Type: NUL bytes near the start mean binary, unless it is
	// UTF-16 (a BOM, or `<` as the first character of BOM-less UTF-16 XML).
	const head = body.subarray(0, 512);
	const [b0, b1] = head;
	const utf16 = (b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) || (b0 === 0x3c && b1 === 0) || (b0 === 0 && b1 === 0x3c);
	if (!utf16 && head.includes(0)) return essence === '' ? 'binary data' : `binary data sent as ${sanitizeLine(essence)}`;
	return null;
}

function resolveHttpUrl(href: string, base: string): string | null {
	try {
		const url = new URL(href.trim(), base);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
		url.hash = '';
		return url.href;
	} catch {
		return null;
	}
}
