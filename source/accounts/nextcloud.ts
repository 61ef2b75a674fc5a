/**
 * Nextcloud News (issue 16): the External API v1-3 at
 * `<nextcloud>/index.php/apps/news/api/v1-3/`, HTTP Basic auth with the user's password or an
 * app password (needed with two-factor authentication). What this client follows, from the
 * API docs (nextcloud/news docs/api/api-v1-3.md) and where they are silent the app's code
 * (lib/Controller/ItemApiController.php, lib/Db/ItemMapperV2.php, lib/Db/Item.php, News 25):
 *
 * - Only v1-3. Its `items/{read,unread,star,unstar}/multiple` are POSTs taking `{"itemIds": […]}`;
 *   v1-2 wanted PUTs, and for starring feedId + guidHash pairs. News serves v1-3 next to v1-2
 *   since 18.1 (2022; 18.1.1 fixed it, CHANGELOG #1727, #1841).
 * - `version` checks the login: the route needs a logged-in user (no PublicPage), so a wrong
 *   password gets 401. Basic auth has no session, so there is nothing to log in to again: a
 *   401 at any step is `account-login` at once. A server with v1-2 only is named as such.
 * - Folders become tags (News has one level of folders; a feed is in one folder or none).
 * - The first sync pages `items?type=3&getRead=true&batchSize=N&offset=…` newest first, the
 *   next offset being the lowest id seen, as the docs describe the paging; the app reads
 *   offset as "ids below it" (`items.id < :offset`), so no item repeats. Newest first also means
 *   an interrupted first sync has already brought the entries a reader wants first.
 * - Afterwards `items/updated?lastModified=<seconds>&type=3` returns every item added or
 *   changed (read, starred, a new body) since then, so `states()` is null. Units: the app
 *   stores microseconds, the v1-2/v1-3 API gives items' `lastModified` in seconds
 *   (Item::cropApiLastModified), and `updated` takes seconds (10 digits or fewer, padded with
 *   six zeros) or microseconds. This client sends seconds, as it receives them; the server
 *   compares with `>=`, so the items of the cursor's second come again and are merged as
 *   duplicates by the engine. `updated` is not paginated; its answer is handed to the engine
 *   in pages, oldest change first, each with the cursor that resumes after it.
 * - The cursor is `first:<since>:<offset>` while the first sync pages (so a killed first sync
 *   goes on below the last stored id) and `updated:<since>` afterwards. `since` of the first
 *   sync is the server's clock (its Date header) when the first page was asked for, minus a
 *   minute: what changes while the first sync pages is fetched again by the next `updated`.
 */
import {createHash} from 'node:crypto';
import {failed, isFailure, type Failure} from '../failure.js';
import type {FeedItem} from '../feeds/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import {originOf, parseJson, type ApiResponse} from './transport.js';
import type {AccountClient, ClientOptions, ItemPage, RemoteFeed, RemoteItem, StateChange} from './types.js';

/** Items per page of the first sync. */
export const NEXTCLOUD_PAGE_SIZE = 200;
/** Items per page handed to the engine from one `items/updated` answer. */
const UPDATED_PAGE_SIZE = 500;
/** Ids per `…/multiple` request: the app updates them one by one, so keep requests short. */
const SEND_BATCH = 500;
/** How far before the server's clock the first sync's cursor starts (seconds). */
const FIRST_SYNC_MARGIN_SECONDS = 60;
/** Attempts of an idempotent request answered with 5xx or a dropped connection. */
const ATTEMPTS = 3;
/** Attempts after timeouts: each waits the transport's whole timeout, so only one more. */
const TIMEOUT_ATTEMPTS = 2;
const RETRY_DELAY_MS = 250;

const MAX_ID_LENGTH = 1000;
const MAX_TITLE_LENGTH = 2000;
const MAX_AUTHOR_LENGTH = 200;
const MAX_URL_LENGTH = 8192;
const MAX_BODY_LENGTH = 2 * 1024 * 1024;
const MAX_NAME_LENGTH = 500;

interface Call {
	readonly method: 'GET' | 'POST' | 'DELETE';
	readonly path: string;
	readonly query?: Readonly<Record<string, string>>;
	readonly json?: unknown;
	/** Statuses the caller handles itself (answered with their JSON or text). */
	readonly accept?: readonly number[];
	/** False for requests that must not be repeated (a subscribe). */
	readonly retry?: boolean;
}

interface Answer {
	readonly status: number;
	readonly body: unknown;
	readonly response: ApiResponse;
}

type Cursor =
	| {readonly phase: 'first'; readonly since: number | null; readonly offset: number}
	| {readonly phase: 'updated'; readonly since: number};

export function createNextcloudClient(options: ClientOptions): AccountClient {
	const {transport, account} = options;
	const apiBase = apiBaseOf(account.url);
	const origin = originOf(apiBase);
	const credentials = Buffer.from(`${account.user}:${options.password}`, 'utf8').toString('base64');
	transport.addSecret(options.password);
	transport.addSecret(credentials);

	const fail = (reason: string, message: string, status?: number): Failure =>
		failed(reason, sanitizeLine(transport.redact(`${origin}: ${message}`)), status === undefined ? {url: origin} : {url: origin, status});

	const call = async (request: Call): Promise<Answer | Failure> => {
		const url = new URL(request.path, apiBase);
		for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
		const headers: Record<string, string> = {authorization: `Basic ${credentials}`, accept: 'application/json'};
		if (request.json !== undefined) headers['content-type'] = 'application/json';
		const attempts = request.retry === false ? 1 : ATTEMPTS;
		let last: Failure | null = null;
		let timeouts = 0;
		for (let attempt = 1; attempt <= attempts; attempt++) {
			if (attempt > 1) await delay(RETRY_DELAY_MS * (attempt - 1));
			const response = await transport.request({
				method: request.method,
				url: url.href,
				headers,
				...(request.json === undefined ? {} : {body: JSON.stringify(request.json)}),
			});
			if (isFailure(response)) {
				last = response;
				if (response.reason === 'account-timeout' && ++timeouts >= TIMEOUT_ATTEMPTS) return response;
				if (response.reason === 'account-timeout' || response.reason === 'account-unreachable') continue;
				return response;
			}
			const {status} = response;
			if (status === 401) {
				return fail('account-login', `Nextcloud refused the user name or password (HTTP 401); with two-factor authentication use an app password`, 401);
			}
			if (status >= 500) {
				last = fail('account-server', `the server failed (HTTP ${status}${statusNote(status)})`, status);
				continue;
			}
			const accepted = (status >= 200 && status < 300) || (request.accept ?? []).includes(status);
			if (!accepted) {
				if (status === 404) return fail('account-server', `no Nextcloud News API v1-3 at ${apiBase} (HTTP 404): is the News app installed and up to date?`, 404);
				if (status === 429) return fail('account-server', 'the server asks to slow down (HTTP 429): too many requests or failed logins', 429);
				return fail('account-server', `the server answered HTTP ${status} to ${request.method} ${request.path}`, status);
			}
			if (response.text.trim() === '') return {status, body: null, response};
			const body = parseJson(response, url.href);
			if (isFailure(body)) {
				// An accepted error status with an HTML page (a proxy, a wrong path): not the API.
				return fail('account-server', `the answer is not the News API's JSON (HTTP ${status}): is ${account.url} a Nextcloud with the News app?`, status);
			}
			return {status, body, response};
		}
		return last ?? fail('account-server', 'no answer');
	};

	const notTheApi = (what: string): Failure => fail('account-server', `the answer to ${what} is not the News API's (is ${account.url} a Nextcloud with the News app?)`);

	const folders = async (): Promise<Map<number, string> | Failure> => {
		const answer = await call({method: 'GET', path: 'folders'});
		if (isFailure(answer)) return answer;
		const list = arrayField(answer.body, 'folders');
		if (list === null) return notTheApi('folders');
		const result = new Map<number, string>();
		for (const folder of list) {
			const id = integerOf(field(folder, 'id'));
			const name = stringOf(field(folder, 'name'));
			if (id !== null && name !== null && name.trim() !== '') result.set(id, clip(name.trim(), MAX_NAME_LENGTH));
		}
		return result;
	};

	const mapFeed = (raw: unknown, folderNames: ReadonlyMap<number, string>): RemoteFeed | null => {
		const id = integerOf(field(raw, 'id'));
		const url = httpUrlOf(field(raw, 'url'));
		if (id === null || url === null) return null;
		const folderId = integerOf(field(raw, 'folderId'));
		const folder = folderId === null ? undefined : folderNames.get(folderId);
		const title = stringOf(field(raw, 'title'));
		return {
			remoteId: String(id),
			url,
			title: title === null || title.trim() === '' ? null : clip(title, MAX_TITLE_LENGTH),
			siteUrl: httpUrlOf(field(raw, 'link')),
			tags: folder === undefined ? [] : [folder],
		};
	};

	const mapItems = (list: readonly unknown[]): RemoteItem[] => {
		const result: RemoteItem[] = [];
		for (const raw of list) {
			const item = mapItem(raw);
			if (item !== null) result.push(item);
		}
		return result;
	};

	async function* firstSync(start: {since: number | null; offset: number}): AsyncGenerator<ItemPage | Failure> {
		let {since, offset} = start;
		for (;;) {
			const query: Record<string, string> = {
				type: '3',
				id: '0',
				getRead: 'true',
				batchSize: String(NEXTCLOUD_PAGE_SIZE),
				offset: String(offset),
				oldestFirst: 'false',
			};
			const answer = await call({method: 'GET', path: 'items', query});
			if (isFailure(answer)) {
				yield answer;
				return;
			}
			since ??= serverSeconds(answer.response) - FIRST_SYNC_MARGIN_SECONDS;
			const list = arrayField(answer.body, 'items');
			if (list === null) {
				yield notTheApi('items');
				return;
			}
			let lowest = offset;
			for (const raw of list) {
				const id = integerOf(field(raw, 'id'));
				if (id !== null && id > 0 && (lowest === 0 || id < lowest)) lowest = id;
			}
			// The last page is short. A full page whose ids do not go below the offset means a
			// server that ignores `offset`: stop rather than page the same items forever.
			const done = list.length < NEXTCLOUD_PAGE_SIZE || lowest <= 1;
			if (!done && offset !== 0 && lowest >= offset) {
				yield fail('account-server', 'the server ignores the offset of items (paging does not advance)');
				return;
			}
			offset = lowest;
			yield {items: mapItems(list), cursor: done ? encodeCursor({phase: 'updated', since}) : encodeCursor({phase: 'first', since, offset})};
			if (done) return;
		}
	}

	async function* updatedSince(since: number): AsyncGenerator<ItemPage | Failure> {
		const answer = await call({method: 'GET', path: 'items/updated', query: {lastModified: String(since), type: '3', id: '0'}});
		if (isFailure(answer) && isTooLarge(answer)) {
			// `updated` has no paging: after a long time away (or a mark-all-read of a huge
			// archive) its one answer can pass the transport's size limit, and would on every
			// sync. The paged first sync brings the same current states in bounded pages.
			yield* firstSync({since: null, offset: 0});
			return;
		}
		if (isFailure(answer)) {
			yield answer;
			return;
		}
		const list = arrayField(answer.body, 'items');
		if (list === null) {
			yield notTheApi('items/updated');
			return;
		}
		// A cursor never runs ahead of the server's clock: an item stamped in the future (a
		// clock that jumped) must not hide the changes until then.
		const now = dateHeaderSeconds(answer.response);
		const entries = list
			.map(raw => ({raw, modified: secondsOf(field(raw, 'lastModified')) ?? since, id: integerOf(field(raw, 'id')) ?? 0}))
			.sort((a, b) => a.modified - b.modified || a.id - b.id);
		if (entries.length === 0) {
			yield {items: [], cursor: encodeCursor({phase: 'updated', since})};
			return;
		}
		for (let index = 0; index < entries.length; index += UPDATED_PAGE_SIZE) {
			const page = entries.slice(index, index + UPDATED_PAGE_SIZE);
			const newest = page.at(-1)?.modified ?? since;
			const next = Math.max(since, now === null ? newest : Math.min(newest, now));
			yield {items: mapItems(page.map(entry => entry.raw)), cursor: encodeCursor({phase: 'updated', since: next})};
		}
	}

	const sendGroup = async (action: 'read' | 'unread' | 'star' | 'unstar', ids: readonly number[]): Promise<void | Failure> => {
		for (let index = 0; index < ids.length; index += SEND_BATCH) {
			const answer = await call({method: 'POST', path: `items/${action}/multiple`, json: {itemIds: ids.slice(index, index + SEND_BATCH)}});
			if (isFailure(answer)) return answer;
		}
	};

	return {
		kind: 'nextcloud',

		async login() {
			const answer = await call({method: 'GET', path: 'version'});
			if (isFailure(answer) && answer.params?.status === 404) {
				// A server with only v1-2 (The Arsse, News before 18.1) is named as such, in one line.
				const older = await call({method: 'GET', path: '../v1-2/version', retry: false});
				if (!isFailure(older) && stringOf(field(older.body, 'version')) !== null) {
					return fail('account-server', 'the server offers the News API v1-2 only; blogroll needs v1-3 (Nextcloud News 18.1.1 or newer)', 404);
				}
			}
			if (isFailure(answer)) return answer;
			if (stringOf(field(answer.body, 'version')) === null) return notTheApi('version');
		},

		async subscriptions() {
			const names = await folders();
			if (isFailure(names)) return names;
			const answer = await call({method: 'GET', path: 'feeds'});
			if (isFailure(answer)) return answer;
			const list = arrayField(answer.body, 'feeds');
			if (list === null) return notTheApi('feeds');
			const result: RemoteFeed[] = [];
			for (const raw of list) {
				const feed = mapFeed(raw, names);
				if (feed !== null) result.push(feed);
			}
			return result;
		},

		items(cursor) {
			const parsed = decodeCursor(cursor);
			if (parsed.phase === 'first') return firstSync(parsed);
			return updatedSince(parsed.since);
		},

		async states() {
			return null;
		},

		async send(changes) {
			// The last change of an item's field wins; the four lists then go in any order.
			const latest = new Map<string, StateChange>();
			for (const change of changes) latest.set(`${change.field}:${change.remoteId}`, change);
			const groups = {read: [] as number[], unread: [] as number[], star: [] as number[], unstar: [] as number[]};
			for (const change of latest.values()) {
				const id = integerOf(change.remoteId);
				if (id === null) continue;
				if (change.field === 'read') (change.value ? groups.read : groups.unread).push(id);
				else (change.value ? groups.star : groups.unstar).push(id);
			}
			for (const action of ['read', 'unread', 'star', 'unstar'] as const) {
				const sent = await sendGroup(action, groups[action]);
				if (isFailure(sent)) return sent;
			}
		},

		async subscribe(url, tag) {
			let names = await folders();
			if (isFailure(names)) return names;
			let folderId: number | null = null;
			if (tag !== null && tag.trim() !== '') {
				const wanted = tag.trim();
				folderId = findFolder(names, wanted);
				if (folderId === null) {
					const created = await call({method: 'POST', path: 'folders', json: {name: wanted}, accept: [409, 422], retry: false});
					if (isFailure(created)) return created;
					if (created.status === 422) return fail('account-refused', `the server refused the folder “${wanted}”: ${serverMessage(created.body)}`, 422);
					if (created.status === 409) {
						// Created meanwhile (another client): look it up again.
						names = await folders();
						if (isFailure(names)) return names;
						folderId = findFolder(names, wanted);
					} else {
						folderId = integerOf(field(arrayField(created.body, 'folders')?.[0], 'id'));
						if (folderId !== null) names.set(folderId, wanted);
					}
					if (folderId === null) return notTheApi('folders');
				}
			}
			const answer = await call({method: 'POST', path: 'feeds', json: {url, folderId}, accept: [404, 409, 422], retry: false});
			if (isFailure(answer)) return answer;
			if (answer.status !== 200 && answer.status !== 201) {
				// 409: subscribed already; 422 (docs) or 404 (the app since FeedServiceV2): the
				// server could not read a feed there. The server's reason, in one line.
				return fail('account-refused', `the server refused ${url}: ${serverMessage(answer.body)}`, answer.status);
			}
			// A POST redirected into a GET (http → https) answers the whole list: not a subscribe.
			const list = arrayField(answer.body, 'feeds');
			if (list === null || list.length !== 1 || field(answer.body, 'starredCount') !== undefined) return notTheApi('feeds (subscribe)');
			const feed = mapFeed(list[0], names);
			return feed ?? notTheApi('feeds (subscribe)');
		},

		async unsubscribe(feed) {
			const id = integerOf(feed.remoteId);
			if (id === null) return fail('account-server', `no Nextcloud feed id for ${feed.url}`);
			const answer = await call({method: 'DELETE', path: `feeds/${id}`, accept: [404]});
			if (isFailure(answer)) return answer;
			// 404: gone on the server already, which is what was asked.
		},

		async close() {
			// Basic auth: no session to end.
		},
	};
}

/** `<nextcloud>/index.php/apps/news/api/v1-3/` from what a user gives: the Nextcloud url, or one into the app or its API. */
export function apiBaseOf(accountUrl: string): string {
	let url: URL;
	try {
		url = new URL(accountUrl.trim());
	} catch {
		url = new URL(`https://${accountUrl.trim()}`);
	}
	url.username = '';
	url.password = '';
	url.search = '';
	url.hash = '';
	let path = url.pathname;
	const cut = path.search(/\/(?:index\.php(?:\/|$)|apps\/news(?:\/|$))/);
	if (cut >= 0) path = path.slice(0, cut);
	path = path.replace(/\/+$/, '');
	return `${url.origin}${path}/index.php/apps/news/api/v1-3/`;
}

function decodeCursor(cursor: string | null): Cursor {
	const first = cursor === null ? null : /^first:(-?\d+):(\d+)$/.exec(cursor);
	if (first !== null) return {phase: 'first', since: Number(first[1]), offset: Number(first[2])};
	const updated = cursor === null ? null : /^updated:(\d+)$/.exec(cursor);
	if (updated !== null) return {phase: 'updated', since: Number(updated[1])};
	// No cursor (or one this client does not know): the first sync, from the top.
	return {phase: 'first', since: null, offset: 0};
}

function encodeCursor(cursor: Cursor): string {
	if (cursor.phase === 'first') return `first:${cursor.since ?? 0}:${cursor.offset}`;
	return `updated:${Math.max(0, Math.floor(cursor.since))}`;
}

/** The server's clock in seconds (its Date header), else ours. */
function serverSeconds(response: ApiResponse): number {
	return dateHeaderSeconds(response) ?? Math.floor(Date.now() / 1000);
}

function dateHeaderSeconds(response: ApiResponse): number | null {
	const header = response.headers.get('date');
	const time = header === null ? Number.NaN : Date.parse(header);
	return Number.isFinite(time) ? Math.floor(time / 1000) : null;
}

function mapItem(raw: unknown): RemoteItem | null {
	const id = integerOf(field(raw, 'id'));
	const feedId = integerOf(field(raw, 'feedId'));
	if (id === null || id <= 0 || feedId === null) return null;
	const guid = stringOf(field(raw, 'guid'))?.trim() ?? '';
	const entryId = guid === '' ? `nextcloud:${id}` : guid.length <= MAX_ID_LENGTH ? guid : `sha1:${createHash('sha1').update(guid).digest('hex')}`;
	const body = stringOf(field(raw, 'body'));
	const author = stringOf(field(raw, 'author'));
	const modified = secondsOf(field(raw, 'lastModified'));
	const item: FeedItem = {
		id: entryId,
		title: clip(stringOf(field(raw, 'title')) ?? '', MAX_TITLE_LENGTH),
		link: httpUrlOf(field(raw, 'url')),
		published: isoOf(secondsOf(field(raw, 'pubDate'))),
		// Always null in the app today (Item::toAPI); older versions sent seconds.
		updated: isoOf(secondsOf(field(raw, 'updatedDate'))),
		author: author === null || author.trim() === '' ? null : clip(author.trim(), MAX_AUTHOR_LENGTH),
		content: body === null || body.trim() === '' ? null : clip(body, MAX_BODY_LENGTH),
		summary: null,
	};
	return {
		remoteId: String(id),
		feedRemoteId: String(feedId),
		item,
		isRead: field(raw, 'unread') === false,
		isStarred: field(raw, 'starred') === true,
		changedAt: isoOf(modified),
	};
}

/** The transport's refusal of an answer over its size limit (transport.ts words it so). */
function isTooLarge(failure: Failure): boolean {
	return failure.reason === 'account-server' && / is larger than /.test(failure.message);
}

function findFolder(names: ReadonlyMap<number, string>, wanted: string): number | null {
	for (const [id, name] of names) if (name === wanted) return id;
	const lower = wanted.toLocaleLowerCase('de');
	for (const [id, name] of names) if (name.toLocaleLowerCase('de') === lower) return id;
	return null;
}

/** The `message` of a News error body, one line, bounded. */
function serverMessage(body: unknown): string {
	const message = stringOf(field(body, 'message'));
	const line = message === null ? '' : sanitizeLine(message.replace(/\s+/g, ' ')).trim();
	if (line === '') return 'no reason given';
	return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function statusNote(status: number): string {
	return status === 503 ? ': maintenance mode?' : '';
}

function field(value: unknown, name: string): unknown {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

function arrayField(value: unknown, name: string): unknown[] | null {
	const list = field(value, name);
	return Array.isArray(list) ? list : null;
}

function stringOf(value: unknown): string | null {
	return typeof value === 'string' ? value : null;
}

function integerOf(value: unknown): number | null {
	if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
	if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
	return null;
}

/**
 * Seconds since 1970 from what News sends: seconds (v1-2/v1-3), or, from other servers or
 * older versions, milliseconds or microseconds (told apart by their size), as a number or a
 * numeric string; a date string as a last resort.
 */
function secondsOf(value: unknown): number | null {
	let number: number | null = null;
	if (typeof value === 'number' && Number.isFinite(value)) number = value;
	else if (typeof value === 'string' && /^\d{1,20}$/.test(value.trim())) number = Number(value.trim());
	else if (typeof value === 'string' && value.trim() !== '') {
		const time = Date.parse(value);
		return Number.isFinite(time) ? Math.floor(time / 1000) : null;
	}
	if (number === null || number <= 0) return null;
	if (number >= 1e14) return Math.floor(number / 1e6); // microseconds
	if (number >= 1e11) return Math.floor(number / 1e3); // milliseconds
	return Math.floor(number);
}

function isoOf(seconds: number | null): string | null {
	if (seconds === null) return null;
	const date = new Date(seconds * 1000);
	const year = date.getUTCFullYear();
	return Number.isFinite(date.getTime()) && year >= 1970 && year <= 2100 ? date.toISOString() : null;
}

function httpUrlOf(value: unknown): string | null {
	const text = stringOf(value)?.trim();
	if (text === undefined || text === '' || text.length > MAX_URL_LENGTH) return null;
	try {
		const url = new URL(text);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
	} catch {
		return null;
	}
}

function clip(text: string, limit: number): string {
	return text.length > limit ? text.slice(0, limit) : text;
}

function delay(ms: number): Promise<void> {
	return new Promise(resolve => setTimeout(resolve, ms));
}
