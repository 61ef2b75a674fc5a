/**
 * Discover's edge: the requests. Everything goes through the one HTTP client, with the
 * validators of the last answer (conditional GET); what a body told is kept beside the
 * validators, so a 304 costs one small request and loses nothing. An url that answered
 * 4xx is not asked again for a week.
 */
import {decodeBody} from '../feeds/decode.js';
import {discoverFeeds} from '../feeds/discover.js';
import {FEED_ACCEPT} from '../feeds/http.js';
import type {HttpClient} from '../feeds/http-types.js';
import {parseFeed} from '../feeds/parse.js';
import type {ParsedFeed} from '../feeds/types.js';
import {isFailure} from '../failure.js';
import type {DiscoverStore, SiteRow} from '../store/discover-store.js';
import {sanitizeLine} from '../text/sanitize.js';
import {blogrollsFromLinkHeader, findHtmlBlogrolls, listedOnBlogrollPage} from './blogroll-html.js';
import {blogrollsFromFeedXml, listedInOpml, listedInRecommendationsJson} from './blogroll-lists.js';
import {feedActivity} from './feed-activity.js';
import {homeOf, siteKeyOf} from './site-key.js';
import type {ListedSite} from './types.js';

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';
const OPML_ACCEPT = 'text/x-opml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const DAY_MS = 86_400_000;
/** An url that answered 4xx (no blogroll there) is not asked again before this. */
const RETRY_MISSING_AFTER_DAYS = 7;

export interface CollectDeps {
	readonly http: HttpClient;
	readonly discover: DiscoverStore;
	readonly now: () => Date;
}

/**
 * What a fetch is remembered for. One url can be asked for different things (a followed
 * feed's blogroll pointers, and the same feed as a probed suggestion before the user
 * subscribed to it), so a stored result names its kind, and is only used when it is of the
 * kind asked for and of the expected shape: anything else is ignored and fetched afresh.
 */
interface Reading<T> {
	readonly kind: 'page' | 'feed-blogrolls' | 'opml' | 'blogroll-page' | 'recommendations' | 'feed';
	readonly isValid: (value: unknown) => value is T;
}

/** Body text of a fresh answer, or what was found in it last time (304), or nothing. */
type Fetched<T> = {readonly kind: 'fresh'; readonly text: string; readonly link: string | null; save(result: T): void} | {readonly kind: 'known'; readonly result: T} | {readonly kind: 'none'};

/** The stored result when it is of the kind asked for and well formed, else null. */
export function readStoredResult<T>(stored: string | null, reading: Reading<T>): T | null {
	if (stored === null) return null;
	let parsed: unknown;
	try {
		parsed = JSON.parse(stored);
	} catch {
		return null;
	}
	if (!isRecord(parsed) || parsed['kind'] !== reading.kind) return null;
	return reading.isValid(parsed['value']) ? parsed['value'] : null;
}

async function fetchRemembered<T>(deps: CollectDeps, url: string, accept: string, reading: Reading<T>): Promise<Fetched<T>> {
	const known = deps.discover.getFetch(url);
	const now = deps.now();
	if (known && known.status >= 400 && known.status < 500 && now.getTime() - Date.parse(known.fetchedAt) < RETRY_MISSING_AFTER_DAYS * DAY_MS) {
		return {kind: 'none'};
	}
	const result = known === null ? null : readStoredResult(known.result, reading);
	// Validators only go with a result we can use: a 304 must leave us something to read.
	const answer = await deps.http.get({url, accept, etag: result === null ? null : known!.etag, lastModified: result === null ? null : known!.lastModified});
	const fetchedAt = now.toISOString();
	if (answer.kind === 'not-modified' && result !== null) {
		deps.discover.putFetch({...known!, etag: answer.etag, lastModified: answer.lastModified, status: 304, fetchedAt});
		return {kind: 'known', result};
	}
	if (answer.kind !== 'ok') {
		const status = answer.kind === 'failed' ? (answer.status ?? 0) : 304;
		// A site that is down for a moment (network, 5xx, 429) keeps what it said last time;
		// only a clear "not here" (4xx) forgets it.
		const gone = status >= 400 && status < 500 && status !== 429;
		if (!gone && result !== null) return {kind: 'known', result};
		deps.discover.putFetch({url, etag: null, lastModified: null, status, result: null, fetchedAt});
		return {kind: 'none'};
	}
	const text = decodeBody(answer.body, answer.contentType);
	return {
		kind: 'fresh',
		text,
		link: answer.link ?? null,
		save: value =>
			deps.discover.putFetch({url, etag: answer.etag, lastModified: answer.lastModified, status: answer.status, result: JSON.stringify({kind: reading.kind, value}), fetchedAt}),
	};
}

async function remembered<T>(deps: CollectDeps, url: string, accept: string, reading: Reading<T>, read: (text: string, link: string | null) => T, empty: T): Promise<T> {
	const fetched = await fetchRemembered<T>(deps, url, accept, reading);
	if (fetched.kind === 'known') return fetched.result;
	if (fetched.kind === 'none') return empty;
	const result = read(fetched.text, fetched.link);
	fetched.save(result);
	return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringOrNull(value: unknown): value is string | null {
	return value === null || typeof value === 'string';
}

function isStringArray(value: unknown): value is string[] {
	return Array.isArray(value) && value.every(item => typeof item === 'string');
}

function isListedSites(value: unknown): value is ListedSite[] {
	return Array.isArray(value) && value.every(site => isRecord(site) && typeof site['url'] === 'string' && isStringOrNull(site['feedUrl']) && isStringOrNull(site['title']));
}

interface PageResult {
	readonly opml: string[];
	readonly pages: string[];
	readonly listed: ListedSite[];
}

const PAGE: Reading<PageResult> = {
	kind: 'page',
	isValid: (value): value is PageResult => isRecord(value) && isStringArray(value['opml']) && isStringArray(value['pages']) && isListedSites(value['listed']),
};
const FEED_BLOGROLLS: Reading<string[]> = {kind: 'feed-blogrolls', isValid: isStringArray};
const OPML: Reading<ListedSite[]> = {kind: 'opml', isValid: isListedSites};
const BLOGROLL_PAGE: Reading<ListedSite[]> = {kind: 'blogroll-page', isValid: isListedSites};
const RECOMMENDATIONS: Reading<ListedSite[]> = {kind: 'recommendations', isValid: isListedSites};

/** A site listed by one of the followed feed's blogrolls, with the blogroll's url. */
export interface ListedVia extends ListedSite {
	readonly via: string;
}

/**
 * Every blogroll a followed site publishes, in all the forms of issue 13: the home page
 * (`<link rel="blogroll">`, `Link:` header, WordPress link lists, a labelled page), the
 * feed (`<source:blogroll>`, `<blogChannel:blogRoll>`) and the well-known files. What the
 * refresh and `add` recorded from answers they had anyway (feed-pointers.ts) is used as is.
 */
export async function collectBlogrolls(deps: CollectDeps, feedUrl: string, siteUrl: string | null): Promise<ListedVia[]> {
	const home = homeOf(siteUrl ?? feedUrl) ?? feedUrl;
	const pageSite = siteUrl ?? home;
	const recorded = deps.discover.getPointers(feedUrl);
	const [page, feedPointers] = await Promise.all([
		remembered<PageResult>(
			deps,
			pageSite,
			PAGE_ACCEPT,
			PAGE,
			(text, link) => {
				const found = findHtmlBlogrolls(text, pageSite);
				return {opml: [...new Set([...found.opmlUrls, ...blogrollsFromLinkHeader(link, pageSite)])], pages: [...found.pageUrls], listed: [...found.listed]};
			},
			{opml: [], pages: [], listed: []},
		),
		// The refresh (and `add`) record what the feed's channel names: no request for it then.
		recorded.feed ?? remembered<string[]>(deps, feedUrl, FEED_ACCEPT, FEED_BLOGROLLS, text => blogrollsFromFeedXml(text, feedUrl), []),
	]);
	const listed: ListedVia[] = page.listed.map(site => ({...site, via: pageSite}));
	const opmlUrls = [...new Set([...page.opml, ...feedPointers, ...(recorded.page ?? []), new URL('/.well-known/recommendations.opml', home).href])];
	const lists = await Promise.all([
		...opmlUrls.map(url => remembered<ListedSite[]>(deps, url, OPML_ACCEPT, OPML, text => listedInOpml(text, url), []).then(sites => sites.map(site => ({...site, via: url})))),
		...page.pages.map(url => remembered<ListedSite[]>(deps, url, PAGE_ACCEPT, BLOGROLL_PAGE, text => listedOnBlogrollPage(text, url), []).then(sites => sites.map(site => ({...site, via: url})))),
		(async () => {
			const url = new URL('/.well-known/recommendations.json', home).href;
			const sites = await remembered<ListedSite[]>(deps, url, 'application/json', RECOMMENDATIONS, text => listedInRecommendationsJson(text, url), []);
			return sites.map(site => ({...site, via: url}));
		})(),
	]);
	for (const list of lists) listed.push(...list);
	return listed;
}

/** What probing a candidate site found, ready for discover_sites. */
export async function probeSite(deps: CollectDeps, site: string, url: string, listedFeedUrl: string | null): Promise<SiteRow> {
	const probedAt = deps.now().toISOString();
	const base = {site, probedAt, message: null, feedUrl: null, siteUrl: homeOf(url), title: null, lastPostAt: null, postsPerMonth: 0, language: null, dormant: false};
	// A feed the blogroll names is tried first: one request instead of a discovery.
	if (listedFeedUrl !== null) {
		const direct = await fetchFeedRemembered(deps, listedFeedUrl);
		if (direct !== null && !looksLikeComments(listedFeedUrl, direct.feed.title)) return foundRow(deps, site, listedFeedUrl, direct.feed, direct.language, url);
	}
	const discovered = await discoverFeeds(deps.http, homeOf(url) ?? url);
	if (isFailure(discovered)) return {...base, status: discovered.reason === 'no-feed' ? 'no-feed' : 'failed', message: discovered.message};
	const posts = discovered.candidates.find(candidate => !candidate.isComments);
	if (posts === undefined) return {...base, status: 'no-feed', message: `${sanitizeLine(homeOf(url) ?? url)} has only a comments feed`};
	// Once more through the remembering fetch: discovery keeps no body, and the feed's
	// language and the validators for the next (conditional) run come from this answer.
	const remembered = await fetchFeedRemembered(deps, posts.url);
	return foundRow(deps, site, posts.url, remembered?.feed ?? posts.feed, remembered?.language ?? null, url);
}

/** A known suggestion's feed again (conditional): its activity brought up to date. */
export async function reprobeFeed(deps: CollectDeps, row: SiteRow): Promise<SiteRow> {
	if (row.feedUrl === null) return row;
	const fetched = await fetchFeedRemembered(deps, row.feedUrl);
	if (fetched === null) return row;
	return foundRow(deps, row.site, row.feedUrl, fetched.feed, fetched.language, row.siteUrl ?? row.feedUrl);
}

/** What is kept of a feed between runs: enough for activity, title and the preview. */
interface RememberedFeed {
	readonly feed: Pick<ParsedFeed, 'title' | 'link' | 'items'>;
	readonly language: string | null;
}

const REMEMBERED_FEED: Reading<RememberedFeed> = {
	kind: 'feed',
	isValid: (value): value is RememberedFeed =>
		isRecord(value) &&
		isStringOrNull(value['language']) &&
		isRecord(value['feed']) &&
		typeof value['feed']['title'] === 'string' &&
		isStringOrNull(value['feed']['link']) &&
		Array.isArray(value['feed']['items']) &&
		value['feed']['items'].every(item => isRecord(item) && isStringOrNull(item['published']) && isStringOrNull(item['updated'])),
};

function toRemembered(feed: ParsedFeed, language: string | null): RememberedFeed {
	// Dates only: a preview fetches the feed itself, and the cache does not keep strangers' posts.
	const items = feed.items.map(item => ({...item, content: null, summary: null}));
	return {feed: {title: feed.title, link: feed.link, items}, language};
}

async function fetchFeedRemembered(deps: CollectDeps, url: string): Promise<RememberedFeed | null> {
	const fetched = await fetchRemembered<RememberedFeed>(deps, url, FEED_ACCEPT, REMEMBERED_FEED);
	if (fetched.kind === 'known') return fetched.result;
	if (fetched.kind === 'none') return null;
	const parsed = await parseFeed(fetched.text, url);
	if (isFailure(parsed)) return null;
	const remembered = toRemembered(parsed, feedLanguage(fetched.text));
	fetched.save(remembered);
	return remembered;
}

function foundRow(deps: CollectDeps, site: string, feedUrl: string, feed: Pick<ParsedFeed, 'title' | 'link' | 'items'>, language: string | null, url: string): SiteRow {
	const activity = feedActivity(feed, deps.now());
	const siteUrl = feed.link !== null && siteKeyOf(feed.link) === site ? feed.link : homeOf(url);
	return {
		site,
		status: 'found',
		message: null,
		feedUrl,
		siteUrl,
		title: sanitizeLine(feed.title) || null,
		lastPostAt: activity.lastPostAt,
		postsPerMonth: activity.postsPerMonth,
		language,
		dormant: activity.dormant,
		probedAt: deps.now().toISOString(),
	};
}

/** RSS `<language>`, Atom/XML `xml:lang` on the root, JSON Feed `language`. */
export function feedLanguage(text: string): string | null {
	const match =
		/<language>\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)\s*<\/language>/.exec(text.slice(0, 20_000)) ??
		/<(?:feed|rss|rdf:RDF)\b[^>]*\bxml:lang\s*=\s*["']([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)["']/.exec(text.slice(0, 5000)) ??
		/^\s*\{[\s\S]*?"language"\s*:\s*"([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)"/.exec(text.slice(0, 5000));
	return match?.[1]?.replace('_', '-') ?? null;
}

function looksLikeComments(url: string, title: string): boolean {
	return /kommentar|\bcomments\b/i.test(title) || /\/comments\/|[?&]feed=comments/i.test(url);
}
