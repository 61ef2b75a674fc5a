/**
 * Tiny Tiny RSS JSON API client (issue 16). Written against tt-rss's own source, API level
 * 15 (Debian's tt-rss 21~git20210204, /usr/share/tt-rss/www/classes/api.php and
 * classes/feeds.php); the api.php methods are cited at each use.
 *
 * The API in short: every call is a POST of a JSON object `{op, sid, …}` to `<install>/api/`;
 * the answer is `{seq, status, content}` with status 0 (ok) or 1 (content.error: LOGIN_ERROR,
 * API_DISABLED, NOT_LOGGED_IN, INCORRECT_USAGE, …). The session id from `login` goes into
 * every later call; a session that expired answers NOT_LOGGED_IN (api/index.php), and the
 * client logs in again once.
 *
 * Incremental items: tt-rss's article ids (ttrss_entries.id) only grow, and getHeadlines
 * filters `id > since_id`, but it cannot sort by id (Feeds::order_to_override_query offers
 * the default score/date_entered order, `date_reverse` = `updated` ascending, `feed_dates`,
 * `title`) and pages with LIMIT/OFFSET over that order. So a cursor after each page would
 * skip older ids still to come. The client therefore first collects the ids above the
 * cursor from light headlines (no content), then fetches the articles by id in ascending
 * batches with getArticle: each batch's highest id is a cursor that leaves nothing behind,
 * and a sync killed after batch k goes on after batch k.
 *
 * Paging a list ordered by a key with ties (`updated`, to the second) by OFFSET is not
 * stable in PostgreSQL: tied rows may come in another order in the next request, and one
 * could be skipped. The scan below pages by position but starts each next page at the
 * first row of the last page's final tie group (every row with a smaller key is settled),
 * with a few rows of overlap for rows that leave the list meanwhile (read on the phone
 * during the sync). It checks that the server really sorted by `updated`; when it did not
 * (the user's "group headlines in virtual feeds" pref, or a sorting plugin) it scans each
 * feed on its own, where tt-rss orders by the key alone.
 */
import {failed, isFailure, type Failure} from '../failure.js';
import type {FeedItem} from '../feeds/types.js';
import {limitLength, sanitizeLine} from '../text/sanitize.js';
import type {ApiResponse, Transport} from './transport.js';
import {originOf} from './transport.js';
import type {AccountClient, ClientOptions, ItemPage, RemoteFeed, RemoteItem, RemoteStates, StateChange} from './types.js';

/** getHeadlines returns at most 200 rows whatever the limit (api.php getHeadlines: `$limit >= 200`). */
export const TTRSS_PAGE_SIZE = 200;
/** Ids per getArticle and updateArticle call (comma lists; kept as large as a headlines page). */
export const TTRSS_BATCH_SIZE = 200;
/** subscribeToFeed / unsubscribeFeed exist since API level 5 (tt-rss 1.7.6). */
const MIN_API_LEVEL = 5;
/** Rows each next page repeats, for rows that left the list between two requests. */
const OVERLAP = 10;
/** A scan stops after this many requests (2 million rows at the least): a server that never ends its list. */
const MAX_SCAN_REQUESTS = 10_000;
const RETRY_DELAYS_MS = [300, 1000];
const MAX_CONTENT_CHARS = 2_000_000;
const MAX_AUTHOR_CHARS = 500;
const MAX_TAGS = 50;

/** tt-rss's `clean()` strips tags from every parameter: a password with `<` is sent base64, which login also accepts (api.php login). */
const STRIPPED_BY_CLEAN = /[<\0]/;

interface Headline {
	readonly id: number;
	readonly feedId: number;
	readonly updated: number;
	readonly tags: readonly string[];
}

/** One row of a headlines page: its position counts even when the row itself is unusable. */
interface Row {
	readonly headline: Headline | null;
	readonly key: number;
}

type ScanResult = Map<number, Headline> | Failure | 'unordered';

interface ScanParams {
	readonly feed_id: number;
	readonly view_mode: 'all_articles' | 'unread' | 'marked';
	readonly since_id?: number;
}

/** `https://host/tt-rss/api/` for the install url the user gave (with or without `/api`). */
export function ttrssApiUrl(base: string): string {
	const url = new URL(base);
	url.search = '';
	url.hash = '';
	let path = url.pathname.replace(/\/+$/, '');
	if (!/\/api$/.test(path)) path += '/api';
	url.pathname = `${path}/`;
	return url.toString();
}

export function createTtrssClient(options: ClientOptions): AccountClient {
	const {account, password, transport} = options;
	// A url edited into config.json by hand may be no url at all: every call then fails with that.
	const apiUrl = (() => {
		try {
			return ttrssApiUrl(account.url);
		} catch {
			return null;
		}
	})();
	const origin = originOf(apiUrl ?? account.url);
	const sentPassword = STRIPPED_BY_CLEAN.test(password) ? Buffer.from(password, 'utf8').toString('base64') : password;
	transport.addSecret(password);
	transport.addSecret(sentPassword);

	let sid: string | null = null;
	/**
	 * The states a complete first pass of `items` saw (every article came with them): then
	 * `states` need not scan the unread and starred lists again, which costs tt-rss as much
	 * as the articles themselves (it renders each headline row).
	 */
	let statesFromFirstPass: RemoteStates | null = null;
	/** The user's VFEED_GROUP_BY_FEED pref: virtual feeds then sort by feed first (Feeds::queryFeedHeadlines). */
	let groupsByFeed = false;

	const line = (text: string): string => sanitizeLine(transport.redact(text));
	const fail = (reason: string, message: string, extra: {status?: number; problem?: string} = {}): Failure =>
		failed(reason, line(`${origin}: ${message}`), {url: origin, ...extra});

	/** One HTTP exchange with bounded retries on 5xx and timeouts; the API's `{status, content}`. */
	async function post(body: Record<string, unknown>, retries = RETRY_DELAYS_MS.length): Promise<{status: number; content: unknown} | Failure> {
		if (apiUrl === null) return fail('account-server', 'not a url of a tt-rss install');
		let attempt = 0;
		for (;;) {
			const response = await transport.request({
				method: 'POST',
				url: apiUrl,
				headers: {'content-type': 'application/json', accept: 'application/json'},
				body: JSON.stringify(body),
			});
			const retryable = isFailure(response)
				? response.reason === 'account-timeout' || response.params?.code === 'ECONNRESET'
				: response.status >= 500;
			if (retryable && attempt < retries) {
				await sleep(RETRY_DELAYS_MS[attempt]!);
				attempt++;
				continue;
			}
			if (isFailure(response)) return response;
			return readAnswer(response, String(body['op']));
		}
	}

	function readAnswer(response: ApiResponse, op: string): {status: number; content: unknown} | Failure {
		if (response.status === 401 || response.status === 403) {
			return fail('account-login', `HTTP ${response.status} before tt-rss's API (a login in front of it?)`, {status: response.status});
		}
		if (response.status === 404) return fail('account-server', `no tt-rss API at ${apiUrl} (HTTP 404)`, {status: 404});
		if (response.status < 200 || response.status >= 300) return fail('account-server', `HTTP ${response.status} for ${op}`, {status: response.status});
		const answer = parseApiJson(response.text);
		if (answer === null) return fail('account-server', `the answer to ${op} is not tt-rss's API (HTTP ${response.status})`, {status: response.status});
		return answer;
	}

	async function login(): Promise<void | Failure> {
		sid = null;
		const answer = await post({op: 'login', user: account.user, password: sentPassword});
		if (isFailure(answer)) return answer;
		const content = asRecord(answer.content);
		if (answer.status !== 0) {
			const error = typeof content?.['error'] === 'string' ? content['error'] : '';
			if (error === 'LOGIN_ERROR') return fail('account-login', `tt-rss refused the user name “${account.user}” or its password`, {problem: 'login'});
			if (error === 'API_DISABLED') {
				return fail('account-login', `the API is off for “${account.user}”: turn on “Enable API access” in tt-rss's Preferences`, {problem: 'api-disabled'});
			}
			return fail('account-server', `tt-rss answered ${error || 'an error'} to login`);
		}
		const session = content?.['session_id'];
		if (typeof session !== 'string' || session.length === 0) return fail('account-server', 'the answer to login has no session id');
		transport.addSecret(session);
		sid = session;

		// api.php getApiLevel: the features this client uses arrived by level 5. (These two
		// calls use the new session as it is: a login never leads to another login.)
		const level = await ask('getApiLevel', {});
		if (isFailure(level)) return level;
		if (!level.ok) return fail('account-server', `tt-rss answered ${level.error} to getApiLevel`);
		const number = toInt(asRecord(level.content)?.['level']);
		if (number === null || number < MIN_API_LEVEL) return fail('account-server', `tt-rss's API level ${number ?? '?'} is too old (blogroll needs ${MIN_API_LEVEL} or newer)`);

		// api.php getPref: get_pref() of the logged-in user.
		const pref = await ask('getPref', {pref_name: 'VFEED_GROUP_BY_FEED'});
		if (isFailure(pref)) return pref;
		const value = pref.ok ? asRecord(pref.content)?.['value'] : false;
		groupsByFeed = value === true || value === 'true' || value === 1 || value === '1';
	}

	/** One call with the session as it is: the content, or the API's error code. */
	async function ask(op: string, params: Record<string, unknown>): Promise<{ok: true; content: unknown} | {ok: false; error: string} | Failure> {
		const answer = await post({...params, op, sid});
		if (isFailure(answer)) return answer;
		if (answer.status === 0) return {ok: true, content: answer.content};
		const error = asRecord(answer.content)?.['error'];
		return {ok: false, error: typeof error === 'string' && error !== '' ? limitLength(sanitizeLine(error), 80) : 'an error'};
	}

	/**
	 * One API call; NOT_LOGGED_IN (an expired session) logs in again once. `tolerated` is an
	 * error code the caller takes as an answer (null then).
	 */
	async function call(op: string, params: Record<string, unknown>, tolerated?: string): Promise<unknown> {
		for (let fresh = false; ; fresh = true) {
			if (sid === null) {
				const loggedIn = await login();
				if (isFailure(loggedIn)) return loggedIn;
				fresh = true;
			}
			const answer = await ask(op, params);
			if (isFailure(answer)) return answer;
			if (answer.ok) return answer.content;
			if (answer.error === tolerated) return null;
			if (answer.error === 'NOT_LOGGED_IN') {
				sid = null;
				if (fresh) return fail('account-login', `tt-rss ended the session again right after a login (${op})`, {problem: 'session'});
				continue;
			}
			if (answer.error === 'API_DISABLED') return fail('account-login', `the API is off for “${account.user}”: turn on “Enable API access” in tt-rss's Preferences`, {problem: 'api-disabled'});
			return fail('account-server', `tt-rss answered ${answer.error} to ${op}`);
		}
	}

	async function categories(): Promise<Map<number, string> | Failure> {
		// api.php getCategories: every category of the user (enable_nested off: nested ones too), ids and titles.
		const content = await call('getCategories', {include_empty: true, enable_nested: false, unread_only: false});
		if (isFailure(content)) return content;
		if (!Array.isArray(content)) return fail('account-server', 'the answer to getCategories is not a list');
		const titles = new Map<number, string>();
		for (const row of content) {
			const record = asRecord(row);
			const id = toInt(record?.['id']);
			const title = typeof record?.['title'] === 'string' ? limitLength(sanitizeLine(record['title'])) : '';
			if (id !== null && id > 0 && title.length > 0) titles.set(id, title);
		}
		return titles;
	}

	async function subscriptions(): Promise<readonly RemoteFeed[] | Failure> {
		const titles = await categories();
		if (isFailure(titles)) return titles;
		// api.php api_get_feeds: cat_id -3 is every real feed (no labels, no virtual feeds). One
		// answer without limit: its LIMIT/OFFSET pages sort by (order_id, title), not unique.
		const content = await call('getFeeds', {cat_id: -3, unread_only: false, include_nested: false});
		if (isFailure(content)) return content;
		if (!Array.isArray(content)) return fail('account-server', 'the answer to getFeeds is not a list');
		const feeds: RemoteFeed[] = [];
		const seen = new Set<string>();
		for (const row of content) {
			const feed = toRemoteFeed(row, titles);
			if (feed === null || seen.has(feed.remoteId)) continue;
			seen.add(feed.remoteId);
			feeds.push(feed);
		}
		return feeds;
	}

	async function feedIds(): Promise<number[] | Failure> {
		const feeds = await subscriptions();
		if (isFailure(feeds)) return feeds;
		return feeds.map(feed => Number(feed.remoteId));
	}

	/**
	 * Every article id (with its feed, date and tags) that a getHeadlines list holds, paged as
	 * the header explains; 'unordered' when the server did not sort by `updated` (then the
	 * caller scans feed by feed, `strict` off, where only the overlap guards the pages).
	 */
	async function scanOne(params: ScanParams, strict: boolean, into: Map<number, Headline>): Promise<ScanResult> {
		let skip = 0;
		let boundaryKey = Number.NEGATIVE_INFINITY;
		for (let request = 0; request < MAX_SCAN_REQUESTS; request++) {
			// api.php getHeadlines → api_get_headlines → Feeds::queryFeedHeadlines.
			const content = await call('getHeadlines', {
				...params,
				limit: TTRSS_PAGE_SIZE,
				skip,
				show_content: false,
				show_excerpt: false,
				include_attachments: false,
				include_nested: true,
				order_by: 'date_reverse',
			});
			if (isFailure(content)) return content;
			if (!Array.isArray(content)) return fail('account-server', 'the answer to getHeadlines is not a list');
			const rows = content.map(toRow);
			if (strict && !isAscending(rows, boundaryKey)) return 'unordered';
			for (const row of rows) if (row.headline !== null) into.set(row.headline.id, row.headline);
			if (rows.length < TTRSS_PAGE_SIZE) return into;
			// Start the next page at the last tie group of this one: rows with smaller keys are
			// settled. A page that is one tie group (200 entries dated the same second) moves on whole.
			const lastKey = rows.at(-1)!.key;
			const groupStart = rows.findIndex(row => row.key === lastKey);
			const advance = groupStart <= 0 ? rows.length : groupStart > 2 * OVERLAP ? groupStart - OVERLAP : groupStart;
			// The next page starts with the row now at `advance`, or up to OVERLAP rows before it
			// when rows joined the list meanwhile: its first key is at least that row's.
			boundaryKey = rows[Math.max(0, Math.min(advance, rows.length - 1) - OVERLAP)]!.key;
			skip += advance;
		}
		return fail('account-server', `getHeadlines did not end after ${MAX_SCAN_REQUESTS} pages`);
	}

	/** A whole list: the virtual feed when the server sorts it by date, else each feed. */
	async function scan(virtual: ScanParams, perFeed: (feedId: number) => ScanParams): Promise<Map<number, Headline> | Failure> {
		if (!groupsByFeed) {
			const result = await scanOne(virtual, true, new Map());
			if (result !== 'unordered') return result;
		}
		const ids = await feedIds();
		if (isFailure(ids)) return ids;
		const all = new Map<number, Headline>();
		for (const feedId of ids) {
			const result = await scanOne(perFeed(feedId), false, all);
			if (isFailure(result)) return result;
		}
		return all;
	}

	async function* items(cursor: string | null): AsyncIterable<ItemPage | Failure> {
		const sinceId = cursor === null ? 0 : Math.max(0, toInt(cursor) ?? 0);
		// feed_id -4: all articles of every feed (archived ones too: they have no feed and are skipped).
		const found = await scan({feed_id: -4, view_mode: 'all_articles', since_id: sinceId}, feedId => ({feed_id: feedId, view_mode: 'all_articles', since_id: sinceId}));
		if (isFailure(found)) {
			yield found;
			return;
		}
		const ids = [...found.keys()].filter(id => id > sinceId && found.get(id)!.feedId > 0).sort((a, b) => a - b);
		const seen = cursor === null ? {unread: new Set<string>(), starred: new Set<string>()} : null;
		for (let start = 0; start < ids.length; start += TTRSS_BATCH_SIZE) {
			const batch = ids.slice(start, start + TTRSS_BATCH_SIZE);
			// api.php getArticle: the articles of a comma list of ids, content sanitized by tt-rss.
			const content = await call('getArticle', {article_id: batch.join(',')});
			if (isFailure(content)) {
				yield content;
				return;
			}
			if (!Array.isArray(content)) {
				yield fail('account-server', 'the answer to getArticle is not a list');
				return;
			}
			const page: RemoteItem[] = [];
			for (const row of content) {
				const item = toRemoteItem(row, found);
				if (item !== null) page.push(item);
			}
			page.sort((a, b) => Number(a.remoteId) - Number(b.remoteId));
			for (const item of page) {
				if (!item.isRead) seen?.unread.add(item.remoteId);
				if (item.isStarred) seen?.starred.add(item.remoteId);
			}
			// Every id up to the batch's last is in this page or an earlier one (an article purged
			// meanwhile is simply gone).
			yield {items: page, cursor: String(batch.at(-1)!)};
		}
		statesFromFirstPass = seen;
	}

	async function states(): Promise<RemoteStates | Failure> {
		if (statesFromFirstPass !== null) {
			const known = statesFromFirstPass;
			statesFromFirstPass = null;
			return known;
		}
		const unread = await scan({feed_id: -4, view_mode: 'unread'}, feedId => ({feed_id: feedId, view_mode: 'unread'}));
		if (isFailure(unread)) return unread;
		// feed_id -1: the starred virtual feed (marked = true).
		const starred = await scan({feed_id: -1, view_mode: 'all_articles'}, feedId => ({feed_id: feedId, view_mode: 'marked'}));
		if (isFailure(starred)) return starred;
		return {unread: new Set([...unread.keys()].map(String)), starred: new Set([...starred.keys()].map(String))};
	}

	async function send(changes: readonly StateChange[]): Promise<void | Failure> {
		// The last change of an item's field wins; then one call per field and value.
		const last = new Map<string, StateChange>();
		for (const change of changes) {
			if (!/^\d{1,15}$/.test(change.remoteId)) continue;
			const key = `${change.field}:${change.remoteId}`;
			last.delete(key);
			last.set(key, change);
		}
		const groups = new Map<string, string[]>();
		for (const change of last.values()) {
			const key = `${change.field}:${change.value}`;
			const group = groups.get(key) ?? [];
			group.push(change.remoteId);
			groups.set(key, group);
		}
		for (const [key, ids] of groups) {
			const [field, value] = key.split(':') as ['read' | 'starred', 'true' | 'false'];
			// api.php updateArticle: field 0 = marked (starred), 2 = unread; mode 1 sets, 0 clears.
			const fieldNumber = field === 'starred' ? 0 : 2;
			const mode = field === 'starred' ? (value === 'true' ? 1 : 0) : value === 'true' ? 0 : 1;
			for (let start = 0; start < ids.length; start += TTRSS_BATCH_SIZE) {
				const result = await call('updateArticle', {article_ids: ids.slice(start, start + TTRSS_BATCH_SIZE).join(','), field: fieldNumber, mode});
				if (isFailure(result)) return result;
			}
		}
	}

	async function subscribe(url: string, tag: string | null): Promise<RemoteFeed | Failure> {
		let categoryId = 0;
		if (tag !== null) {
			const titles = await categories();
			if (isFailure(titles)) return titles;
			// The API cannot create a category: an unknown one leaves the feed uncategorized.
			const wanted = tag.toLocaleLowerCase('de');
			for (const [id, title] of titles) {
				if (title === tag) {
					categoryId = id;
					break;
				}
				if (categoryId === 0 && title.toLocaleLowerCase('de') === wanted) categoryId = id;
			}
		}
		// api.php subscribeToFeed → Feeds::subscribe_to_feed: content.status = {code, …}.
		const content = await call('subscribeToFeed', {feed_url: url, category_id: categoryId});
		if (isFailure(content)) return content;
		const status = asRecord(asRecord(content)?.['status']);
		const code = toInt(status?.['code']);
		const shown = limitLength(sanitizeLine(url), 200);
		switch (code) {
			case 0:
			case 1: {
				const feedId = toInt(status?.['feed_id']);
				const feeds = await subscriptions();
				if (isFailure(feeds)) return feeds;
				const feed = feeds.find(candidate => candidate.remoteId === String(feedId));
				return feed ?? fail('account-server', `tt-rss subscribed to ${shown} but does not list the feed`);
			}
			case 2:
				return fail('account-refused', `tt-rss refused ${shown}: not a url it accepts`, {problem: 'invalid-url'});
			case 3:
				return fail('account-refused', `tt-rss found no feed at ${shown}`, {problem: 'no-feed'});
			case 4: {
				const feeds = asRecord(status?.['feeds']);
				const urls = feeds === null ? [] : Object.keys(feeds).slice(0, 5).map(candidate => limitLength(sanitizeLine(candidate), 200));
				return fail('account-refused', `${shown} lists several feeds, subscribe to one of them${urls.length > 0 ? `: ${urls.join(', ')}` : ''}`, {problem: 'several-feeds'});
			}
			case 5: {
				const message = typeof status?.['message'] === 'string' && status['message'].trim() !== '' ? `: ${limitLength(sanitizeLine(status['message']), 300)}` : '';
				return fail('account-refused', `tt-rss could not fetch ${shown}${message}`, {problem: 'fetch'});
			}
			default:
				return fail('account-refused', `tt-rss did not subscribe to ${shown} (code ${code ?? '?'})`);
		}
	}

	async function unsubscribe(feed: RemoteFeed): Promise<void | Failure> {
		const feedId = toInt(feed.remoteId);
		if (feedId === null || feedId <= 0) return;
		// api.php unsubscribeFeed: FEED_NOT_FOUND when it is gone already, which is what we wanted.
		const content = await call('unsubscribeFeed', {feed_id: feedId}, 'FEED_NOT_FOUND');
		if (isFailure(content)) return content;
	}

	async function close(): Promise<void> {
		if (sid === null) return;
		// api.php logout: ends the session server-side. One try: a server that hangs has kept
		// the user waiting long enough already.
		await post({op: 'logout', sid}, 0).catch(() => undefined);
		sid = null;
	}

	return {
		kind: 'ttrss',
		login,
		subscriptions,
		items,
		states,
		send,
		subscribe,
		unsubscribe,
		close,
	};
}

/** `{status, content}` of an answer; PHP notices printed before the JSON (display_errors on) are skipped. */
function parseApiJson(text: string): {status: number; content: unknown} | null {
	const attempt = (candidate: string): {status: number; content: unknown} | null => {
		try {
			const value = asRecord(JSON.parse(candidate) as unknown);
			const status = toInt(value?.['status']);
			return value !== null && status !== null && 'content' in value ? {status, content: value['content']} : null;
		} catch {
			return null;
		}
	};
	const direct = attempt(text);
	if (direct !== null) return direct;
	const start = text.indexOf('{"seq"');
	return start > 0 ? attempt(text.slice(start)) : null;
}

function toRow(value: unknown): Row {
	const record = asRecord(value);
	const id = toInt(record?.['id']);
	const key = toInt(record?.['updated']) ?? 0;
	if (record === null || id === null || id <= 0) return {headline: null, key};
	const tags = Array.isArray(record['tags'])
		? [...new Set(record['tags'].filter((tag): tag is string => typeof tag === 'string').map(tag => limitLength(sanitizeLine(tag), 200)).filter(tag => tag.length > 0))].slice(0, MAX_TAGS)
		: [];
	return {headline: {id, feedId: toInt(record['feed_id']) ?? 0, updated: key, tags}, key};
}

/** Keys never go down within a page, and the page starts where the last one said it would. */
function isAscending(rows: readonly Row[], boundaryKey: number): boolean {
	let previous = boundaryKey;
	for (const row of rows) {
		if (row.key < previous) return false;
		previous = row.key;
	}
	return true;
}

function toRemoteFeed(value: unknown, categories: ReadonlyMap<number, string>): RemoteFeed | null {
	const record = asRecord(value);
	const id = toInt(record?.['id']);
	const url = typeof record?.['feed_url'] === 'string' ? toHttpUrl(record['feed_url']) : null;
	if (record === null || id === null || id <= 0 || url === null) return null;
	const rawTitle = typeof record['title'] === 'string' ? limitLength(sanitizeLine(record['title'])) : '';
	// "[Unknown]" is the placeholder of a feed tt-rss has not fetched yet (Feeds::subscribe_to_feed).
	const title = rawTitle === '' || rawTitle === '[Unknown]' ? null : rawTitle;
	const category = categories.get(toInt(record['cat_id']) ?? 0);
	return {remoteId: String(id), url, title, siteUrl: null, tags: category === undefined ? [] : [category]};
}

function toRemoteItem(value: unknown, headlines: ReadonlyMap<number, Headline>): RemoteItem | null {
	const record = asRecord(value);
	const id = toInt(record?.['id']);
	if (record === null || id === null || id <= 0) return null;
	const headline = headlines.get(id);
	const feedId = toInt(record['feed_id']) ?? headline?.feedId ?? 0;
	if (feedId <= 0) return null;
	// getArticle's `updated` is cut to the minute (SUBSTRING_FOR_DATE(updated,1,16)); the headline has the second.
	const seconds = headline?.updated ?? toInt(record['updated']) ?? 0;
	const published = seconds > 0 ? new Date(seconds * 1000).toISOString() : null;
	const title = typeof record['title'] === 'string' ? limitLength(sanitizeLine(record['title'])) : '';
	const link = typeof record['link'] === 'string' ? toHttpUrl(record['link']) : null;
	const author = typeof record['author'] === 'string' && record['author'].trim() !== '' ? limitLength(sanitizeLine(record['author']), MAX_AUTHOR_CHARS) : null;
	const content = typeof record['content'] === 'string' && record['content'].trim() !== '' ? record['content'].slice(0, MAX_CONTENT_CHARS) : null;
	const item: FeedItem = {
		// tt-rss keeps only a hash of the feed's guid (RSSUtils: {"ver":2,"uid":…,"hash":"SHA1:…"}): the key is its own id.
		id: `ttrss:${id}`,
		title,
		link,
		published,
		updated: null,
		author,
		content,
		summary: null,
		...(headline !== undefined && headline.tags.length > 0 ? {categories: headline.tags} : {}),
	};
	return {
		remoteId: String(id),
		feedRemoteId: String(feedId),
		item,
		isRead: !toBool(record['unread']),
		isStarred: toBool(record['marked']),
		changedAt: null,
	};
}

function asRecord(value: unknown): Record<string, unknown> | null {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** tt-rss sends numbers as numbers or as strings ("Numbers can also be passed … as quoted string literals"). */
function toInt(value: unknown): number | null {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
	if (typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim())) return Number(value.trim());
	return null;
}

/** API::param_to_bool's reading: true, 1, "t", "true", "1". */
function toBool(value: unknown): boolean {
	return value === true || value === 1 || value === 't' || value === 'true' || value === '1';
}

function toHttpUrl(value: string): string | null {
	const trimmed = value.trim();
	if (trimmed.length > 4096) return null;
	try {
		const url = new URL(trimmed);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
	} catch {
		return null;
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise(resolve => setTimeout(resolve, ms));
}
