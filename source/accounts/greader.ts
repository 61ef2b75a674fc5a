/**
 * The Google Reader API client (issue 16), as FreshRSS, Miniflux, Inoreader, The Old Reader
 * and BazQux serve it. Read against FreshRSS's `p/api/greader.php` and Miniflux's
 * `internal/googlereader/handler.go`; every quirk handled below names the server whose
 * behaviour it follows.
 *
 * - Base url: FreshRSS serves the API under `https://…/api/greader.php`, Miniflux (and
 *   Inoreader, The Old Reader, BazQux) at the root (`/accounts/ClientLogin`,
 *   `/reader/api/0/…`). The user may give either; given a FreshRSS root, the login tries
 *   `<url>/api/greader.php` when the root does not answer as the API.
 * - Login: `accounts/ClientLogin` (Email, Passwd as a form) answers text lines `SID=`,
 *   `LSID=`, `Auth=` (Miniflux answers JSON with `output=json`; both are read). Reads send
 *   `Authorization: GoogleLogin auth=<Auth>`. Writes send the T token from
 *   `reader/api/0/token` in the form: Miniflux authenticates a POST only by `T` in the form
 *   and ignores the header there; FreshRSS wants the header and checks T; both are sent.
 * - Items, two ways:
 *   - `stream/contents/user/-/state/com.google/reading-list?r=o&ot=<s>&c=<continuation>`
 *     (FreshRSS, Inoreader, The Old Reader, BazQux): `ot` is compared with the time the
 *     server fetched an item (FreshRSS: its entry id is that time in µs), so an entry
 *     published long ago but fetched today is still new. The next `ot` is the server's own
 *     clock (`updated` of the first page), never ours.
 *   - Miniflux has no `stream/contents`: its catch-all answers `[]` with HTTP 200. Its
 *     `stream/items/ids` filters `ot` by publication date (an entry fetched today but dated
 *     last week would be missed), so the client lists every reading-list id and fetches the
 *     contents (`stream/items/contents`, POST i=…) of ids above the highest it has seen:
 *     Miniflux entry ids are a database sequence, so a new entry has a higher id.
 * - Item ids come long (`tag:google.com,2005:reader/item/<16 hex>`, in every contents
 *   answer) and short (decimal, in every `stream/items/ids` answer, FreshRSS and Miniflux
 *   alike). They are normalised to the decimal form (BigInt, no precision lost): the
 *   unread and starred sets come from `items/ids` in that form, and comparing strings of
 *   one form is all the engine needs. They are sent back in the long form, the one every
 *   implementation accepts because its own contents answers use it.
 * - Pagination: `continuation` is FreshRSS's last entry id, Miniflux's numeric offset
 *   (sent as a JSON string, omitted on the last page), Inoreader's opaque string; it is
 *   passed back as it came. A continuation seen twice ends the listing (a server that
 *   ignores `c` would otherwise loop: FreshRSS ignores a `c` that is not digits).
 * - An expired session (401 on a read) logs in again once; a 401 on a write first fetches
 *   a new T token once (Google Reader's "T token expired"; FreshRSS and Miniflux answer it
 *   with `Google-Bad-Token` / `X-Reader-Google-Bad-Token`), then logs in again once; after
 *   that the answer is `account-login`. 5xx answers and timeouts are retried a bounded
 *   number of times.
 */
import {decodeHTML} from 'entities';
import {failed, isFailure, type Failure} from '../failure.js';
import type {FeedItem} from '../feeds/types.js';
import {limitLength, sanitizeLine} from '../text/sanitize.js';
import {originOf, type ApiResponse} from './transport.js';
import type {AccountClient, ClientOptions, ItemPage, RemoteFeed, RemoteItem, RemoteStates, StateChange} from './types.js';

/** Knobs for tests (small pages, no waiting); the defaults suit real servers. */
export interface GreaderTuning {
	/** Items per `stream/contents` page (Inoreader allows at most 100). */
	readonly pageSize?: number;
	/** Ids per `stream/items/ids` page (Miniflux caps at 10 000). */
	readonly idsPageSize?: number;
	/** Ids per `edit-tag` and `stream/items/contents` request. */
	readonly batchSize?: number;
	/** Attempts per request on a 5xx answer or a timeout. */
	readonly attempts?: number;
	/** Wait before the second attempt; doubled for each further one. */
	readonly retryDelayMs?: number;
}

const READ = 'user/-/state/com.google/read';
const STARRED = 'user/-/state/com.google/starred';
const READING_LIST = 'user/-/state/com.google/reading-list';
const LONG_ID_PREFIX = 'tag:google.com,2005:reader/item/';
const LABEL = /^user\/[^/]*\/label\/(.+)$/;
const STATE = /^user\/[^/]*\/state\/com\.google\/(.+)$/;
/** More pages than any server keeps: a guard against a server that never ends a listing. */
const MAX_PAGES = 10_000;
const MAX_URL_LENGTH = 2048;
/** Ids of one second's entries a cursor carries at most (see contentsPages). */
const MAX_SKIPPED = 1000;
const MAX_AUTHOR_LENGTH = 200;
const MAX_BODY_LENGTH = 2 * 1024 * 1024;

type Params = ReadonlyArray<readonly [string, string]>;

/** What the engine keeps between syncs (opaque to it): where the item listing goes on. */
type Cursor =
	| {
			readonly mode: 'contents';
			readonly ot: number | null;
			readonly c: string | null;
			readonly next: number | null;
			/** Ids already brought that were fetched in the second `ot` names (see contentsPages). */
			readonly skip?: readonly string[];
			/** This run's ids fetched in the second `next` names: the next run's `skip`. */
			readonly seen?: readonly string[];
	  }
	| {readonly mode: 'ids'; readonly max: string | null};

export function createGreaderClient(options: ClientOptions, tuning: GreaderTuning = {}): AccountClient {
	const {account, password, transport} = options;
	const pageSize = tuning.pageSize ?? 100;
	const idsPageSize = tuning.idsPageSize ?? 10_000;
	const batchSize = tuning.batchSize ?? 250;
	const attempts = Math.max(1, tuning.attempts ?? 3);
	const retryDelayMs = tuning.retryDelayMs ?? 1000;
	transport.addSecret(password);
	const origin = originOf(account.url);
	const fail = (reason: string, message: string, status?: number): Failure =>
		failed(reason, sanitizeLine(transport.redact(`${origin}: ${message}`)), status === undefined ? {url: origin} : {url: origin, status});

	let base: string | null = null;
	let auth: string | null = null;
	let token: string | null = null;

	/** One request with bounded retries on 5xx and timeouts. */
	async function requestWithRetries(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: URLSearchParams): Promise<ApiResponse | Failure> {
		let result: ApiResponse | Failure = fail('account-server', 'no answer');
		for (let attempt = 1; attempt <= attempts; attempt++) {
			if (attempt > 1) await sleep(retryDelayMs * 2 ** (attempt - 2));
			result = await transport.request(body === undefined ? {method, url, headers} : {method, url, headers, body});
			if (isFailure(result)) {
				if (result.reason !== 'account-timeout') return result;
			} else if (result.status < 500) {
				return result;
			}
		}
		return result;
	}

	async function clientLogin(): Promise<void | Failure> {
		auth = null;
		token = null;
		for (const candidate of baseCandidates(account.url)) {
			const response = await requestWithRetries('POST', `${candidate}/accounts/ClientLogin`, {}, new URLSearchParams({Email: account.user, Passwd: password}));
			if (isFailure(response)) return response;
			// FreshRSS: 401 for a wrong password, 400 for a user name it cannot have; Miniflux:
			// 401 with a JSON error; Google's own ClientLogin answered 403 BadAuthentication.
			if (response.status === 400 || response.status === 401 || response.status === 403) {
				// FreshRSS and Miniflux check an API password of their own (FreshRSS: profile,
				// Miniflux: integrations), not the web login's: the message says so.
				return fail('account-login', `the server refused the user name or password (HTTP ${response.status}; FreshRSS and Miniflux want the API password set in their settings)`, response.status);
			}
			// FreshRSS answers 503 to everything while its API is switched off.
			if (response.status === 503) return fail('account-server', 'HTTP 503 from accounts/ClientLogin (is API access allowed in the server’s settings?)', response.status);
			if (response.status >= 500) return fail('account-server', `HTTP ${response.status} from accounts/ClientLogin`, response.status);
			const found = response.status === 200 ? readAuth(response.text) : null;
			if (found === null) continue; // Not the API here (a FreshRSS root, a web page): the next candidate.
			transport.addSecret(found);
			base = candidate;
			auth = found;
			return;
		}
		return fail('account-server', `no Google Reader API answers at ${sanitizeLine(account.url).slice(0, 200)} (for FreshRSS give …/api/greader.php)`);
	}

	async function fetchToken(): Promise<'unauthorized' | void | Failure> {
		if (base === null || auth === null) return 'unauthorized';
		const response = await requestWithRetries('GET', `${base}/reader/api/0/token`, authHeader());
		if (isFailure(response)) return response;
		if (response.status === 401 || response.status === 403) return 'unauthorized';
		if (response.status !== 200) return fail('account-server', `HTTP ${response.status} from reader/api/0/token`, response.status);
		const value = response.text.trim().split('\n')[0]?.trim() ?? '';
		if (value === '' || value.length > 1000 || value.startsWith('<') || value.startsWith('[') || value.startsWith('{')) {
			return fail('account-server', 'the answer of reader/api/0/token is not a token');
		}
		transport.addSecret(value);
		token = value;
	}

	async function login(): Promise<void | Failure> {
		const loggedIn = await clientLogin();
		if (isFailure(loggedIn)) return loggedIn;
		const fetched = await fetchToken();
		if (fetched === 'unauthorized') return fail('account-login', 'the server refused the session it has just opened');
		return fetched;
	}

	function authHeader(): Record<string, string> {
		return auth === null ? {} : {authorization: `GoogleLogin auth=${auth}`};
	}

	/**
	 * One API call under `reader/api/0/`: logs in when needed; a 401 fetches a new T token
	 * once (writes), then logs in again once, then gives up with `account-login`.
	 */
	async function api(method: 'GET' | 'POST', path: string, params: Params): Promise<ApiResponse | Failure> {
		if (auth === null || base === null || (method === 'POST' && token === null)) {
			const loggedIn = await login();
			if (isFailure(loggedIn)) return loggedIn;
		}
		let refreshedToken = false;
		let loggedInAgain = false;
		for (;;) {
			const query = formOf(method === 'GET' ? params : [['output', 'json']]);
			const url = `${base}/reader/api/0/${path}?${query.toString()}`;
			const body = method === 'POST' ? formOf([...params, ['T', token ?? '']]) : undefined;
			const response = await requestWithRetries(method, url, authHeader(), body);
			if (isFailure(response)) return response;
			if (response.status !== 401 && response.status !== 403) return response;
			if (method === 'POST' && !refreshedToken) {
				refreshedToken = true;
				const fetched = await fetchToken();
				if (isFailure(fetched)) return fetched;
				if (fetched !== 'unauthorized') continue;
			}
			if (loggedInAgain) return fail('account-login', `the server refused the session again after a fresh login (HTTP ${response.status} from ${path})`, response.status);
			loggedInAgain = true;
			refreshedToken = true;
			const again = await login();
			if (isFailure(again)) return again;
		}
	}

	/** An answer that must be JSON of the API: a Failure naming the endpoint otherwise. */
	function readJson(response: ApiResponse, path: string): unknown {
		if (response.status >= 400) return fail('account-server', `HTTP ${response.status} from ${path}${serverReason(response.text)}`, response.status);
		try {
			return JSON.parse(response.text) as unknown;
		} catch {
			return fail('account-server', `the answer of ${path} is not the API's JSON (HTTP ${response.status})`, response.status);
		}
	}

	async function getJson(path: string, params: Params): Promise<unknown> {
		const response = await api('GET', path, params);
		return isFailure(response) ? response : readJson(response, endpointName(path));
	}

	async function postJson(path: string, params: Params): Promise<unknown> {
		const response = await api('POST', path, params);
		return isFailure(response) ? response : readJson(response, endpointName(path));
	}

	/** A write answered `OK` (FreshRSS, Miniflux) or another 2xx. */
	async function postWrite(path: string, params: Params): Promise<void | Failure> {
		const response = await api('POST', path, params);
		if (isFailure(response)) return response;
		if (response.status >= 300) return fail('account-server', `HTTP ${response.status} from ${path}${serverReason(response.text)}`, response.status);
	}

	async function subscriptions(): Promise<readonly RemoteFeed[] | Failure> {
		const data = await getJson('subscription/list', [['output', 'json']]);
		if (isFailure(data)) return data;
		const list = isRecord(data) ? data['subscriptions'] : undefined;
		if (!Array.isArray(list)) return fail('account-server', 'the answer of subscription/list has no subscriptions');
		const feeds: RemoteFeed[] = [];
		const seen = new Set<string>();
		for (const raw of list) {
			const feed = toRemoteFeed(raw);
			if (feed === null || seen.has(feed.remoteId)) continue;
			seen.add(feed.remoteId);
			feeds.push(feed);
		}
		return feeds;
	}

	/** Every id of a stream (`stream/items/ids`), following continuations. */
	async function listIds(stream: string, extra: Params): Promise<string[] | Failure> {
		const ids = new Set<string>();
		const seenContinuations = new Set<string>();
		let continuation: string | null = null;
		for (let page = 0; page < MAX_PAGES; page++) {
			const params: Array<readonly [string, string]> = [['output', 'json'], ['s', stream], ['n', String(idsPageSize)], ...extra];
			if (continuation !== null) params.push(['c', continuation]);
			const data = await getJson('stream/items/ids', params);
			if (isFailure(data)) return data;
			const refs = isRecord(data) ? data['itemRefs'] : undefined;
			// FreshRSS and Miniflux both send an empty `itemRefs` list for an empty stream;
			// some servers omit the field instead.
			if (refs !== undefined && refs !== null && !Array.isArray(refs)) return fail('account-server', 'the answer of stream/items/ids has no itemRefs');
			const before = ids.size;
			for (const ref of (refs as unknown[] | undefined) ?? []) {
				const id = isRecord(ref) ? normalizeItemId(ref['id']) : null;
				if (id !== null) ids.add(id);
			}
			continuation = readContinuation(data);
			// A page that brings no id not seen yet ends the listing, whatever its continuation
			// (a server that sends the same page with ever new continuations would never end).
			if (continuation === null || seenContinuations.has(continuation) || ids.size === before) return [...ids];
			seenContinuations.add(continuation);
		}
		return [...ids];
	}

	async function* contentsPages(cursor: Extract<Cursor, {mode: 'contents'}>): AsyncGenerator<ItemPage | Failure | 'no-contents'> {
		let {c} = cursor;
		let next = cursor.next;
		const seenContinuations = new Set<string>();
		// `ot` has a resolution of one second (FreshRSS keeps entries fetched at or after it),
		// so the next sync would bring the entries of that second again: their ids ride along
		// in the cursor and are left out then (a bounded list; past the bound, duplicates,
		// which the engine matches by id anyway).
		const skip = new Set(cursor.skip ?? []);
		const runIds = new Set<string>();
		const seen = [...(cursor.seen ?? [])];
		for (let page = 0; page < MAX_PAGES; page++) {
			const params: Array<readonly [string, string]> = [['output', 'json'], ['n', String(pageSize)], ['r', 'o']];
			if (cursor.ot !== null) params.push(['ot', String(cursor.ot)]);
			if (c !== null) params.push(['c', c]);
			const response = await api('GET', `stream/contents/${READING_LIST}`, params);
			if (isFailure(response)) {
				yield response;
				return;
			}
			// Miniflux: no stream/contents; its catch-all answers `[]` (HTTP 200). Other servers
			// without it answer 404 (or FreshRSS's 501 Not Implemented for unknown outputs).
			if (page === 0 && c === cursor.c && (response.status === 404 || response.status === 405 || response.status === 501 || response.text.trim().startsWith('['))) {
				yield 'no-contents';
				return;
			}
			// A continuation kept from a sync that was stopped may have expired (Inoreader's are
			// opaque and do): that run starts over from its `ot` instead of failing every sync.
			if (page === 0 && c !== null && response.status >= 400 && response.status < 500) {
				c = null;
				continue;
			}
			const data = readJson(response, 'stream/contents');
			if (isFailure(data)) {
				yield data;
				return;
			}
			const rawItems = isRecord(data) ? data['items'] : undefined;
			if (!Array.isArray(rawItems)) {
				yield fail('account-server', 'the answer of stream/contents has no items');
				return;
			}
			// The next sync asks from the server's clock at the start of this one (FreshRSS and
			// Inoreader send `updated`), else from the newest fetch time seen.
			if (next === null) next = serverTime(data) ?? newestCrawlSeconds(rawItems) ?? cursor.ot;
			const items: RemoteItem[] = [];
			let fresh = 0;
			for (const raw of rawItems) {
				const id = isRecord(raw) ? normalizeItemId(raw['id']) : null;
				if (id === null || runIds.has(id)) continue; // Brought already in this run.
				runIds.add(id);
				fresh++;
				const item = toRemoteItem(raw);
				if (item === null) continue;
				// Skipped or not, an entry of the second `next` names is one to skip next time.
				const crawled = isRecord(raw) ? Number(raw['crawlTimeMsec']) : Number.NaN;
				if (next !== null && Number.isFinite(crawled) && crawled >= next * 1000 && seen.length < MAX_SKIPPED) seen.push(item.remoteId);
				if (!skip.has(item.remoteId)) items.push(item);
			}
			const continuation = readContinuation(data);
			// Only a page with entries not seen in this run goes on (see listIds).
			if (continuation !== null && !seenContinuations.has(continuation) && fresh > 0) {
				seenContinuations.add(continuation);
				c = continuation;
				yield {items, cursor: JSON.stringify({mode: 'contents', ot: cursor.ot, c, next, skip: [...skip], seen} satisfies Cursor)};
				continue;
			}
			yield {items, cursor: JSON.stringify({mode: 'contents', ot: next, c: null, next: null, skip: seen.length < MAX_SKIPPED ? seen : []} satisfies Cursor)};
			return;
		}
	}

	async function* idsPages(cursor: Extract<Cursor, {mode: 'ids'}>): AsyncGenerator<ItemPage | Failure> {
		const all = await listIds(READING_LIST, [['r', 'o']]);
		if (isFailure(all)) {
			yield all;
			return;
		}
		const max = cursor.max === null ? null : BigInt(cursor.max);
		const fresh = [...new Set(all)].filter(id => /^\d+$/.test(id) && (max === null || BigInt(id) > max)).sort(compareDecimal);
		if (fresh.length === 0) {
			yield {items: [], cursor: JSON.stringify(cursor)};
			return;
		}
		for (let start = 0; start < fresh.length; start += batchSize) {
			const batch = fresh.slice(start, start + batchSize);
			const data = await postJson('stream/items/contents', batch.map(id => ['i', toLongId(id)] as const));
			if (isFailure(data)) {
				yield data;
				return;
			}
			const rawItems = isRecord(data) ? data['items'] : undefined;
			if (!Array.isArray(rawItems)) {
				yield fail('account-server', 'the answer of stream/items/contents has no items');
				return;
			}
			// Oldest first: in id order (Miniflux sorts contents by publication date).
			const wanted = new Set(batch);
			const items = rawItems
				.map(toRemoteItem)
				.filter((item): item is RemoteItem => item !== null && wanted.has(item.remoteId))
				.sort((a, b) => compareDecimal(a.remoteId, b.remoteId));
			yield {items, cursor: JSON.stringify({mode: 'ids', max: batch[batch.length - 1]!} satisfies Cursor)};
		}
	}

	return {
		kind: 'greader',
		login,
		subscriptions,
		async *items(cursorText) {
			const cursor = parseCursor(cursorText);
			if (cursor.mode === 'contents') {
				for await (const page of contentsPages(cursor)) {
					if (page === 'no-contents') {
						// Switching ways: the ids way starts from nothing (what is already cached
						// is matched by id, nothing is duplicated).
						yield* idsPages({mode: 'ids', max: null});
						return;
					}
					yield page;
					if (isFailure(page)) return;
				}
				return;
			}
			yield* idsPages(cursor);
		},
		async states(): Promise<RemoteStates | Failure> {
			const unread = await listIds(READING_LIST, [['xt', READ]]);
			if (isFailure(unread)) return unread;
			const starred = await listIds(STARRED, []);
			if (isFailure(starred)) return starred;
			return {unread: new Set(unread), starred: new Set(starred)};
		},
		async send(changes: readonly StateChange[]) {
			// The last change of an item's field wins; then one edit-tag per (tag, add/remove)
			// and batch. FreshRSS takes one `a` and one `r` per call, Miniflux several.
			const latest = new Map<string, StateChange>();
			for (const change of changes) {
				const id = normalizeItemId(change.remoteId);
				if (id !== null) latest.set(`${change.field}\n${id}`, {...change, remoteId: id});
			}
			const groups = new Map<string, string[]>();
			for (const change of latest.values()) {
				const key = `${change.value ? 'a' : 'r'}\n${change.field === 'read' ? READ : STARRED}`;
				const ids = groups.get(key) ?? [];
				ids.push(change.remoteId);
				groups.set(key, ids);
			}
			for (const [key, ids] of groups) {
				const [action, tag] = key.split('\n') as [string, string];
				for (let start = 0; start < ids.length; start += batchSize) {
					const batch = ids.slice(start, start + batchSize);
					const sent = await postWrite('edit-tag', [...batch.map(id => ['i', toLongId(id)] as const), [action, tag]]);
					if (isFailure(sent)) return sent;
				}
			}
		},
		async subscribe(url: string, tag: string | null) {
			// quickadd (FreshRSS, Miniflux, The Old Reader, Inoreader) says why it refused
			// (FreshRSS: `error`); subscription/edit ac=subscribe answers a bare 400 there.
			const added = await api('POST', 'subscription/quickadd', [['quickadd', url]]);
			if (isFailure(added)) return added;
			let streamId: string | null = null;
			if (added.status === 404 || added.status === 501 || added.text.trim().startsWith('[')) {
				// No quickadd here: subscription/edit with `feed/<url>` and the label at once.
				const params: Array<readonly [string, string]> = [['ac', 'subscribe'], ['s', `feed/${url}`]];
				if (tag !== null) params.push(['a', `user/-/label/${tag}`]);
				const response = await api('POST', 'subscription/edit', params);
				if (isFailure(response)) return response;
				if (response.status >= 400) return fail('account-refused', `the server refused to subscribe to ${url}${serverReason(response.text) || ` (HTTP ${response.status})`}`, response.status);
			} else {
				const data = readJson(added, 'subscription/quickadd');
				if (isFailure(data)) {
					if (added.status >= 400 && added.status < 500) return fail('account-refused', `the server refused to subscribe to ${url}${serverReason(added.text) || ` (HTTP ${added.status})`}`, added.status);
					return data;
				}
				const record = isRecord(data) ? data : {};
				if (Number(record['numResults'] ?? 0) < 1) {
					// FreshRSS refuses a feed it already has ("already subscribed"): that feed is the answer.
					const feeds = await subscriptions();
					const existing = isFailure(feeds) ? undefined : feeds.find(feed => sameUrl(feed.url, url));
					if (existing !== undefined) {
						if (tag === null || existing.tags.includes(tag)) return existing;
						const filed = await postWrite('subscription/edit', [['ac', 'edit'], ['s', existing.remoteId], ['a', `user/-/label/${tag}`]]);
						return isFailure(filed) ? filed : {...existing, tags: [tag]};
					}
					const reason = typeof record['error'] === 'string' && record['error'].trim() !== '' ? `: ${record['error']}` : ': it found no feed there';
					return fail('account-refused', `the server refused to subscribe to ${url}${limitLength(sanitizeLine(reason), 300)}`);
				}
				// Older FreshRSS answered the bare feed id; newer ones and Miniflux `feed/<id>`.
				const raw = record['streamId'];
				streamId = typeof raw === 'number' || (typeof raw === 'string' && /^\d+$/.test(raw)) ? `feed/${raw}` : typeof raw === 'string' ? raw : null;
				if (tag !== null && streamId !== null) {
					const filed = await postWrite('subscription/edit', [['ac', 'edit'], ['s', streamId], ['a', `user/-/label/${tag}`]]);
					if (isFailure(filed)) return filed;
				}
			}
			const feeds = await subscriptions();
			if (isFailure(feeds)) return feeds;
			const found = feeds.find(feed => feed.remoteId === streamId) ?? feeds.find(feed => sameUrl(feed.url, url));
			if (found !== undefined) return found;
			return fail('account-server', `subscribed to ${url}, but the feed is not in subscription/list`);
		},
		async unsubscribe(feed: RemoteFeed) {
			const response = await api('POST', 'subscription/edit', [['ac', 'unsubscribe'], ['s', feed.remoteId]]);
			if (isFailure(response)) return response;
			if (response.status < 300) return;
			// FreshRSS answers 400 for a feed it no longer has: gone is what was asked for.
			const feeds = await subscriptions();
			if (!isFailure(feeds) && !feeds.some(other => other.remoteId === feed.remoteId)) return;
			return fail('account-refused', `the server refused to unsubscribe from ${feed.url}${serverReason(response.text) || ` (HTTP ${response.status})`}`, response.status);
		},
		async close() {
			// The Google Reader API has no logout: the token simply stays valid (FreshRSS) or
			// expires on the server's schedule.
		},
	};
}

/** Where the API may live for the url the user gave (see the module comment). */
export function baseCandidates(url: string): string[] {
	let base = url.trim().replace(/[?#].*$/, '').replace(/\/+$/, '');
	base = base.replace(/\/(?:reader\/api\/0|accounts\/ClientLogin)$/i, '').replace(/\/+$/, '');
	if (/\/greader\.php$/i.test(base)) return [base];
	// FreshRSS's root (`https://rss.example.org` or its `/p`): its API is `api/greader.php`.
	return [base, `${base}/api/greader.php`];
}

/** The `Auth=` line of a ClientLogin answer (text lines; Miniflux's JSON with `output=json`). */
function readAuth(text: string): string | null {
	const trimmed = text.trim();
	if (trimmed.startsWith('{')) {
		try {
			const data = JSON.parse(trimmed) as unknown;
			const value = isRecord(data) ? data['Auth'] : undefined;
			return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
		} catch {
			return null;
		}
	}
	for (const line of trimmed.split(/\r?\n/)) {
		const match = /^Auth=(.+)$/.exec(line.trim());
		if (match?.[1] !== undefined && match[1].length <= 1000) return match[1].trim();
	}
	return null;
}

/**
 * The decimal form of an item id: `tag:google.com,2005:reader/item/<hex>` (and a bare
 * 16-digit hex, which Miniflux also accepts) become decimal; a decimal stays; anything else
 * (an id of a server that uses neither form) is kept as the server wrote it.
 */
export function normalizeItemId(raw: unknown): string | null {
	if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return String(raw);
	if (typeof raw !== 'string') return null;
	const id = raw.trim();
	if (id === '' || id.length > 200) return null;
	if (/^\d+$/.test(id)) return BigInt(id).toString();
	const hex = id.startsWith(LONG_ID_PREFIX) ? id.slice(LONG_ID_PREFIX.length) : /^[0-9a-f]{16}$/i.test(id) ? id : null;
	if (hex !== null && /^[0-9a-f]{1,32}$/i.test(hex)) return BigInt(`0x${hex}`).toString();
	return sanitizeLine(id);
}

/** The long form of a decimal id (16 hex digits at least); other ids as they are. */
export function toLongId(id: string): string {
	if (!/^\d+$/.test(id)) return id;
	return `${LONG_ID_PREFIX}${BigInt(id).toString(16).padStart(16, '0')}`;
}

function parseCursor(text: string | null): Cursor {
	if (text !== null) {
		try {
			const data = JSON.parse(text) as unknown;
			if (isRecord(data) && data['mode'] === 'ids') {
				const max = data['max'];
				return {mode: 'ids', max: typeof max === 'string' && /^\d+$/.test(max) ? max : null};
			}
			if (isRecord(data) && data['mode'] === 'contents') {
				const number = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null);
				const c = data['c'];
				const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string').slice(0, MAX_SKIPPED) : []);
				return {mode: 'contents', ot: number(data['ot']), c: typeof c === 'string' && c !== '' ? c : null, next: number(data['next']), skip: ids(data['skip']), seen: ids(data['seen'])};
			}
		} catch {
			// A cursor from elsewhere: start over (nothing is duplicated; items match by id).
		}
	}
	return {mode: 'contents', ot: null, c: null, next: null};
}

function readContinuation(data: unknown): string | null {
	const value = isRecord(data) ? data['continuation'] : undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'string' && value.trim() !== '' && value.length <= 1000) return value.trim();
	return null;
}

function serverTime(data: unknown): number | null {
	const value = isRecord(data) ? Number(data['updated']) : Number.NaN;
	return Number.isSafeInteger(value) && value > 0 ? value : null;
}

function newestCrawlSeconds(items: readonly unknown[]): number | null {
	let newest: number | null = null;
	for (const item of items) {
		if (!isRecord(item)) continue;
		const ms = Number(item['crawlTimeMsec']);
		if (Number.isFinite(ms) && ms > 0) newest = Math.max(newest ?? 0, Math.floor(ms / 1000));
	}
	return newest;
}

function toRemoteFeed(raw: unknown): RemoteFeed | null {
	if (!isRecord(raw) || typeof raw['id'] !== 'string') return null;
	const remoteId = raw['id'].trim();
	if (remoteId === '' || remoteId.length > MAX_URL_LENGTH) return null;
	// FreshRSS and Miniflux: `id` is `feed/<number>` and `url` the feed's url; Inoreader and
	// The Old Reader: `id` is `feed/<url>` (and `url` is there too).
	const url = httpUrl(raw['url']) ?? httpUrl(remoteId.startsWith('feed/') ? remoteId.slice(5) : null);
	if (url === null) return null;
	const tags: string[] = [];
	const categories = Array.isArray(raw['categories']) ? raw['categories'] : [];
	for (const category of categories) {
		if (!isRecord(category)) continue;
		const label = typeof category['label'] === 'string' && category['label'].trim() !== '' ? category['label'] : labelName(category['id']);
		const name = label === null ? '' : limitLength(sanitizeLine(label), 200);
		if (name !== '' && !tags.includes(name)) tags.push(name);
	}
	const title = typeof raw['title'] === 'string' ? limitLength(sanitizeLine(decodeHTML(raw['title']))) : '';
	return {remoteId, url, title: title === '' ? null : title, siteUrl: httpUrl(raw['htmlUrl']), tags};
}

function labelName(id: unknown): string | null {
	if (typeof id !== 'string') return null;
	return LABEL.exec(id)?.[1] ?? null;
}

function toRemoteItem(raw: unknown): RemoteItem | null {
	if (!isRecord(raw)) return null;
	const remoteId = normalizeItemId(raw['id']);
	const origin = isRecord(raw['origin']) ? raw['origin'] : {};
	const feedRemoteId = typeof origin['streamId'] === 'string' ? origin['streamId'].trim() : '';
	if (remoteId === null || feedRemoteId === '') return null;
	const states = new Set<string>();
	for (const category of Array.isArray(raw['categories']) ? raw['categories'] : []) {
		// `user/-/state/…` (FreshRSS) and `user/<user id>/state/…` (Miniflux) alike.
		const state = typeof category === 'string' ? STATE.exec(category)?.[1] : undefined;
		if (state !== undefined) states.add(state);
	}
	const contentBody = bodyOf(raw['content']);
	const summaryBody = bodyOf(raw['summary']);
	// FreshRSS sends the body as `summary` only; Miniflux the same text as both.
	const content = contentBody ?? summaryBody;
	const summary = contentBody !== null && summaryBody !== null && summaryBody !== contentBody ? summaryBody : null;
	const title = typeof raw['title'] === 'string' ? limitLength(sanitizeLine(decodeHTML(raw['title'].replace(/<[^<>]*>/g, ' ')))) : '';
	const author = typeof raw['author'] === 'string' ? limitLength(sanitizeLine(decodeHTML(raw['author'])), MAX_AUTHOR_LENGTH) : '';
	const item: FeedItem = {
		id: `greader:${remoteId}`,
		title,
		link: firstHref(raw['alternate']) ?? firstHref(raw['canonical']),
		published: epochToIso(raw['published']) ?? epochToIso(Number(raw['crawlTimeMsec']) / 1000),
		updated: epochToIso(raw['updated']),
		author: author === '' ? null : author,
		content,
		summary,
	};
	// `kept-unread` (Inoreader, Miniflux) wins over `read`.
	const isRead = states.has('read') && !states.has('kept-unread');
	return {remoteId, feedRemoteId, item, isRead, isStarred: states.has('starred'), changedAt: null};
}

function bodyOf(value: unknown): string | null {
	const text = isRecord(value) ? value['content'] : undefined;
	if (typeof text !== 'string' || text.trim() === '') return null;
	return text.length > MAX_BODY_LENGTH ? text.slice(0, MAX_BODY_LENGTH) : text;
}

function firstHref(value: unknown): string | null {
	if (!Array.isArray(value)) return null;
	for (const entry of value) {
		const url = isRecord(entry) ? httpUrl(entry['href']) : null;
		if (url !== null) return url;
	}
	return null;
}

function httpUrl(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (text === '' || text.length > MAX_URL_LENGTH) return null;
	try {
		const url = new URL(text);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
	} catch {
		return null;
	}
}

/** Seconds since the epoch (a number or a digit string) as ISO 8601 UTC; absurd values null. */
function epochToIso(value: unknown): string | null {
	const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 253_402_300_799) return null;
	return new Date(Math.floor(seconds) * 1000).toISOString();
}

function sameUrl(a: string, b: string): boolean {
	return httpUrl(a) === httpUrl(b);
}

function compareDecimal(a: string, b: string): number {
	const x = BigInt(a);
	const y = BigInt(b);
	return x < y ? -1 : x > y ? 1 : 0;
}

function endpointName(path: string): string {
	return path.startsWith('stream/contents/') ? 'stream/contents' : path;
}

/** `: <reason>` from an error answer (Miniflux's `error_message`, FreshRSS's text), or ''. */
function serverReason(text: string): string {
	let reason = text.trim();
	if (reason.startsWith('{')) {
		try {
			const data = JSON.parse(reason) as unknown;
			const message = isRecord(data) ? (data['error_message'] ?? data['error']) : undefined;
			reason = typeof message === 'string' ? message : '';
		} catch {
			reason = '';
		}
	}
	if (reason.startsWith('<') || reason === '') return '';
	return `: ${limitLength(sanitizeLine(reason), 200)}`;
}

function formOf(params: Params): URLSearchParams {
	const form = new URLSearchParams();
	for (const [name, value] of params) form.append(name, value);
	return form;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sleep(ms: number): Promise<void> {
	return ms <= 0 ? Promise.resolve() : new Promise(resolve => setTimeout(resolve, ms));
}
