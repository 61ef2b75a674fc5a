/**
 * `refresh`: every subscribed feed, concurrently, each on its own — one feed's failure is
 * its result, never the others' problem. The HTTP client enforces the global and per-host
 * limits; here we only keep the number of pending fetches (and parsed feeds in memory) bounded.
 */
import pLimit from 'p-limit';
import type {HttpClient} from '../feeds/http-types.js';
import {sanitizeLine} from '../text/sanitize.js';
import type {FeedRecord, FetchFailureRecord, Store} from '../store/types.js';
import type {FailureParams} from '../failure.js';
import {failureAttempt, internalAttempt, successAttempt} from './attempt.js';
import type {FetchAttempt} from '../store/health-store.js';
import {fetchFeed, type FetchMeta} from './fetch-feed.js';
import {createParsePool, type FeedParser} from './parse-pool.js';
import {nextFetchTime} from './schedule.js';
import type {storeParsedFeed as StoreParsedFeed, storeParsedFeedInSlices as StoreParsedFeedInSlices} from './store-feed.js';

/**
 * Storing a body (and what it brings: Discover's link counting with tldts, blogroll pointers)
 * is loaded on the first 200: a refresh whose feeds all answer 304 never loads it (issue 18).
 */
let storeFeedModule: Promise<{readonly storeParsedFeed: typeof StoreParsedFeed; readonly storeParsedFeedInSlices: typeof StoreParsedFeedInSlices}> | null = null;
const loadStoreFeed = () => (storeFeedModule ??= import('./store-feed.js'));

/**
 * Feeds in progress at once (fetching, parsing or storing; a parsed feed waits in memory
 * for the cache): twice the http client's default global limit, so that feeds waiting
 * for the parser or the cache do not leave the network idle.
 */
const MAX_PENDING = 64;

/**
 * Feeds whose body is in memory at once (being read, waiting for the parser, parsed and
 * waiting for the cache): back-pressure from the parser and the store to the fetcher.
 * Requests start as before (a 304 or a failure needs no room), but a 200's body is read
 * only once it has a place (see HttpRequest.beforeBody), and the place is kept until the
 * feed is stored. Parsing is the slow step, and a few bodies ahead of it keep it busy:
 * more only hold memory (64 cold feeds in flight used to pile up ~60 MB before the parser).
 */
const MAX_BODIES = 8;

export interface RefreshDeps {
	readonly http: HttpClient;
	readonly store: Store;
	readonly now?: () => Date;
	/** Decodes and parses bodies; default: a worker pool for this refresh (see parse-pool.ts). */
	readonly parser?: FeedParser;
}

/** A feed's own settings that change how it is fetched and stored (config/schema.ts Subscription). */
export interface FeedFetchSettings {
	/** Minutes, instead of RefreshOptions.intervalMinutes. */
	readonly intervalMinutes?: number;
	readonly userAgent?: string;
	/** Canonical charset name: decodes the body whatever it declares. */
	readonly charset?: string;
	/** Only the newest this many entries are kept. */
	readonly maxEntries?: number;
}

export interface RefreshOptions {
	/** Fetch even feeds whose next fetch time has not come (still conditional). */
	readonly force: boolean;
	/** The user's refresh interval, minutes. */
	readonly intervalMinutes: number;
	/** Each feed's own settings, by the url asked for. */
	readonly feedSettings?: (url: string) => FeedFetchSettings | undefined;
	/** Called once per feed as it finishes (skipped ones included). */
	readonly onProgress?: (progress: RefreshProgress) => void;
	/** Feeds in progress at once; default MAX_PENDING. */
	readonly maxPending?: number;
	/** Feeds whose body is in memory at once; default MAX_BODIES. */
	readonly maxBodies?: number;
	/**
	 * Entries stored per transaction and turn of the event loop (the reader: its keys are read
	 * between two slices); default: a feed's entries in one transaction.
	 */
	readonly storeSlice?: number;
}

export interface RefreshProgress {
	/** Feeds finished so far, this one included. */
	readonly done: number;
	readonly total: number;
	readonly url: string;
	readonly title?: string;
	/** What happened to the feed that just finished. */
	readonly result: FeedRefreshResult;
}

/** What happened to one feed. */
export interface FeedRefreshResult {
	/** The url as asked for (the subscription's url). */
	readonly url: string;
	/** The feed's own title when known, else null. */
	readonly title: string | null;
	/** 'updated' = a 200 was stored (even with nothing new); 'skipped' = not due yet. */
	readonly outcome: 'updated' | 'not-modified' | 'failed' | 'skipped';
	readonly newEntries: number;
	readonly updatedEntries: number;
	/** HTTP status of the answer, or null (skipped, network failure). */
	readonly status: number | null;
	/** One line for the user when it failed, else null. */
	readonly message: string | null;
	/** Why it failed, without language (failure.ts), when it failed; the reader words it. */
	readonly failure?: {readonly reason: string; readonly params?: FailureParams};
	/** Set after a permanent redirect: update the subscription to this url. */
	readonly movedTo: string | null;
}

export interface RefreshReport {
	/** One per distinct url, in the order asked. */
	readonly results: FeedRefreshResult[];
}

export async function refreshFeeds(deps: RefreshDeps, urls: readonly string[], options: RefreshOptions): Promise<RefreshReport> {
	const now = deps.now ?? (() => new Date());
	const unique = [...new Set(urls)];
	const limit = pLimit(options.maxPending ?? MAX_PENDING);
	const bodies = createBodyGate(options.maxBodies ?? MAX_BODIES);
	// Workers start only when a first body needs parsing: an all-304 refresh starts none.
	const parser = deps.parser ?? createParsePool();
	const storeTurn = createStoreLane();
	let done = 0;
	try {
		const results = await Promise.all(unique.map((url) => limit(async () => {
			// Even the store failing for one feed (locked past busy_timeout) ends only that feed.
			const result = await refreshOne(deps.http, deps.store, parser, bodies, storeTurn, now, url, options).catch((error: unknown) => internalFailure(url, error));
			done++;
			options.onProgress?.({done, total: unique.length, url, ...(result.title === null ? {} : {title: result.title}), result});
			return result;
		})));
		return {results};
	} finally {
		if (deps.parser === undefined) await parser.close();
	}
}

async function refreshOne(
	http: HttpClient,
	store: Store,
	parser: FeedParser,
	bodies: BodyGate,
	storeTurn: StoreLane,
	now: () => Date,
	url: string,
	options: RefreshOptions,
): Promise<FeedRefreshResult> {
	const feed = store.ensureFeed(url);
	const base = {url, title: feed.title, newEntries: 0, updatedEntries: 0, message: null, movedTo: null};
	const own = options.feedSettings?.(url);
	options = {...options, intervalMinutes: own?.intervalMinutes ?? options.intervalMinutes};
	if (!options.force && feed.nextFetchAt !== null && feed.nextFetchAt > now().toISOString()) {
		return {...base, outcome: 'skipped', status: null};
	}
	// A body is read only once it has a place (see MAX_BODIES), kept until the feed is stored.
	let holdsBody = false;
	const beforeBody = async (): Promise<void> => {
		if (holdsBody) return;
		await bodies.take();
		holdsBody = true;
	};
	try {
		return await fetchAndStore(http, store, parser, storeTurn, now, url, options, feed, base, own, beforeBody);
	} finally {
		if (holdsBody) bodies.release();
	}
}

async function fetchAndStore(
	http: HttpClient,
	store: Store,
	parser: FeedParser,
	storeTurn: StoreLane,
	now: () => Date,
	url: string,
	options: RefreshOptions,
	feed: FeedRecord,
	base: Pick<FeedRefreshResult, 'url' | 'title' | 'newEntries' | 'updatedEntries' | 'message' | 'movedTo'>,
	own: FeedFetchSettings | undefined,
	beforeBody: () => Promise<void>,
): Promise<FeedRefreshResult> {
	let storedUrl = url;
	try {
		const request = {url, etag: feed.etag, lastModified: feed.lastModified, userAgent: own?.userAgent ?? null, charset: own?.charset ?? null, beforeBody};
		const outcome = await fetchFeed(http, request, (body, type, at, charset) => {
			// A feed stored before: its unchanged entries need no index text (most of a day's refresh).
			return parser.parse(body, type, at, charset, feed.lastUpdatedAt === null ? undefined : store.entryHashes(feed.id));
		});
		if (outcome.kind === 'failed') {
			const failure = {reason: outcome.reason, params: outcome.params};
			const at = now();
			recordFailure(store, feed, at, options.intervalMinutes, outcome.status, outcome.message, outcome.retryAfterSeconds, failure, failureAttempt(url, at.toISOString(), outcome));
			return {...base, outcome: 'failed', status: outcome.status, message: sanitizeLine(outcome.message), failure};
		}
		// The store follows a permanent move first, so that what we store lands on the new url.
		const target = movedUrl(url, outcome.meta);
		if (target !== null) {
			store.renameFeedUrl(url, target);
			storedUrl = target;
		}
		if (outcome.kind === 'not-modified') {
			const fetchedAt = now().toISOString();
			const record = store.ensureFeed(storedUrl);
			// One transaction: the feed's new state and its attempt (the attempt is one small row).
			store.transaction(() => {
				store.recordFetchSuccess(record.id, {
					status: 304,
					etag: outcome.meta.etag,
					lastModified: outcome.meta.lastModified,
					fetchedAt,
					// A 304 has no body: the <ttl> is the one the last 200 brought.
					nextFetchAt: nextFetchTime({
						now: fetchedAt,
						intervalMinutes: options.intervalMinutes,
						ttlMinutes: record.ttlMinutes,
						maxAgeSeconds: outcome.meta.maxAgeSeconds,
					}),
				});
				store.health().recordAttempt(record.id, successAttempt(url, fetchedAt, 'not-modified', outcome.meta, target));
			});
			return {...base, title: record.title, outcome: 'not-modified', status: 304, movedTo: target};
		}
		// Several parsed feeds come back at once (the workers' messages): each is stored in its
		// own turn of the event loop, so that the reader's keys are read between two of them.
		const {storeParsedFeed, storeParsedFeedInSlices} = await loadStoreFeed();
		const at = now();
		const attempt = successAttempt(url, at.toISOString(), 'updated', outcome.meta, target);
		const stored = options.storeSlice === undefined
			? await storeTurn(() => storeParsedFeed(store, storedUrl, outcome.feed, outcome.meta, at, options.intervalMinutes, attempt, {feed: outcome.blogrolls}, own?.maxEntries ?? null))
			: await storeParsedFeedInSlices(store, {url: storedUrl, feed: outcome.feed, meta: outcome.meta, now: at, intervalMinutes: options.intervalMinutes, attempt, pointers: {feed: outcome.blogrolls}, maxEntries: own?.maxEntries ?? null}, options.storeSlice, storeTurn);
		return {
			...base,
			title: stored.feed.title,
			outcome: 'updated',
			newEntries: stored.added,
			updatedEntries: stored.updated,
			status: outcome.meta.status,
			movedTo: target,
		};
	} catch (error) {
		// A bug in one feed's pipeline (a parser crash on odd input) must not end the refresh;
		// it is recorded like any failure so that the feed backs off and the user sees it.
		const result = internalFailure(url, error, feed.title);
		try {
			const record = store.getFeedByUrl(storedUrl);
			const at = now();
			if (record !== null) recordFailure(store, record, at, options.intervalMinutes, null, result.message!, null, result.failure, internalAttempt(url, at.toISOString(), result.message!));
		} catch {
			// The store itself failed (disk full, locked past the timeout): the result still says why.
		}
		return result;
	}
}

/** Runs stores one after another, each in a later turn of the event loop than the one before. */
type StoreLane = <T>(work: () => T) => Promise<T>;

function createStoreLane(): StoreLane {
	let last: Promise<unknown> = Promise.resolve();
	return <T>(work: () => T): Promise<T> => {
		// setImmediate queued from a callback of the check phase runs in the next loop, after
		// the poll phase has read stdin: a key is never behind more than one stored feed.
		const turn = last.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(work);
		last = turn.catch(() => undefined);
		return turn;
	};
}

/** Counts the feeds whose body is in memory (see MAX_BODIES): a semaphore, first come first served. */
interface BodyGate {
	/** Waits for a place and takes it. */
	take(): Promise<void>;
	release(): void;
}

function createBodyGate(size: number): BodyGate {
	let held = 0;
	const waiting: (() => void)[] = [];
	return {
		take() {
			if (held < size) {
				held++;
				return Promise.resolve();
			}
			return new Promise((wake) => waiting.push(wake));
		},
		release() {
			const next = waiting.shift();
			// The place passes straight to the next in line.
			if (next !== undefined) next();
			else held--;
		},
	};
}

function internalFailure(url: string, error: unknown, title: string | null = null): FeedRefreshResult {
	const reason = sanitizeLine(error instanceof Error ? error.message : String(error));
	return {
		url,
		title,
		outcome: 'failed',
		newEntries: 0,
		updatedEntries: 0,
		status: null,
		message: `${sanitizeLine(url)}: internal error: ${reason}`,
		failure: {reason: 'internal', params: {url: sanitizeLine(url)}},
		movedTo: null,
	};
}

function movedUrl(url: string, meta: FetchMeta): string | null {
	return meta.permanentUrl !== null && meta.permanentUrl !== url ? meta.permanentUrl : null;
}

function recordFailure(
	store: Store,
	feed: FeedRecord,
	at: Date,
	intervalMinutes: number,
	status: number | null,
	message: string,
	retryAfterSeconds: number | null,
	detail?: FetchFailureRecord['detail'],
	attempt?: FetchAttempt,
): void {
	const fetchedAt = at.toISOString();
	store.transaction(() => {
		if (attempt !== undefined) store.health().recordAttempt(feed.id, attempt);
		store.recordFetchFailure(feed.id, {
			// FeedRecord.lastStatus: an HTTP error status, else 0 (network, parse, redirect trouble).
			status: status !== null && status >= 400 ? status : 0,
			message,
			detail,
			fetchedAt,
			nextFetchAt: nextFetchTime({now: fetchedAt, intervalMinutes, retryAfterSeconds, errorStreak: feed.errorStreak + 1}),
		});
	});
}
