/**
 * Backfill: a feed's older pages or archive documents, fetched one after another through
 * the one HTTP client (its per-host limits keep it polite) and stored page by page. Each
 * page's new entries and the next page's url are written in one transaction, so a backfill
 * killed at any moment goes on where it stopped and never stores an entry twice.
 */
import type {HttpClient} from '../feeds/http-types.js';
import type {FeedItem, ParsedFeed} from '../feeds/types.js';
import {failed, type Failure} from '../failure.js';
import {nextPageUrl, pageKey} from '../backfill/next-page.js';
import type {BackfillState, Store} from '../store/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import {fetchFeed, type ParseBody} from './fetch-feed.js';
import {stableKeys, withStableIds} from './stable-ids.js';
import {upsertEntriesCountingLinks} from './store-feed.js';

/** At most this many pages in one run even with no limit (`--all`): a generator gone round in circles. */
const MAX_PAGES_PER_RUN = 10_000;

export interface BackfillLimits {
	/** Pages fetched in this run; null: no limit. */
	readonly maxPages: number | null;
	/** Entries on the pages fetched in this run; null: no limit. */
	readonly maxEntries: number | null;
}

export interface BackfillFeedRequest {
	/** The subscribed feed url: the first page of a backfill that has not started. */
	readonly url: string;
	readonly limits: BackfillLimits;
	/** New entries dated before this (ISO 8601) are marked read; null marks none. */
	readonly readBefore: string | null;
	readonly now: () => Date;
	/** Called after each stored page. */
	readonly onProgress?: (progress: BackfillProgress) => void;
	/** Aborting it ends the backfill after the page being fetched (nothing half-stored). */
	readonly signal?: AbortSignal;
	/** Decodes and parses a page; default in this thread. */
	readonly parse?: ParseBody;
	/**
	 * The first page, fetched and stored just now (by `add`): a backfill that has not started
	 * goes on from its links instead of asking for it again.
	 */
	readonly firstPage?: {readonly url: string; readonly feed: ParsedFeed};
}

export interface BackfillProgress {
	/** Pages fetched in this run so far, this one included. */
	readonly pages: number;
	/** The page's number in the feed's history (1: the feed itself), over every run. */
	readonly page: number;
	/** The page just stored. */
	readonly url: string;
	/** Entries this page added to the cache / all pages of this run. */
	readonly added: number;
	readonly totalAdded: number;
}

/** What one run did. */
export interface BackfillReport {
	readonly kind: 'backfilled';
	/** Pages fetched and stored in this run. */
	readonly pages: number;
	/** Entries new to the cache. */
	readonly added: number;
	/** Of those, marked read for being older than the subscription. */
	readonly markedRead: number;
	/** Entries a complete feed (fh:complete) no longer lists, flagged in this run. */
	readonly removedUpstream: number;
	/** True when the oldest page has been reached (now or in an earlier run). */
	readonly done: boolean;
	/** True when the backfill had been finished before this run: nothing was fetched. */
	readonly alreadyDone: boolean;
	/** Pages and entries over every run of this feed's backfill. */
	readonly totalPages: number;
	readonly totalAdded: number;
	/** Why the run stopped early (a page failed); the pages before it are stored. */
	readonly failure: Failure | null;
}

/** Fetches and stores pages of the feed's history until the limits, the oldest page, or a failure. */
export async function backfillFeed(http: HttpClient, store: Store, request: BackfillFeedRequest): Promise<BackfillReport> {
	const feed = store.ensureFeed(request.url);
	const saved = store.getBackfill(feed.id);
	let state: BackfillState = saved ?? {nextUrl: request.url, pageKey: null, pages: 0, added: 0, done: false, updatedAt: request.now().toISOString()};
	if (saved === null && request.firstPage !== undefined) {
		const {url, feed: page} = request.firstPage;
		const next = page.history?.complete === true ? null : nextPageUrl(url, page.history);
		state = save(store, feed.id, {...state, nextUrl: next, pageKey: pageKey(stableKeys(page.items)), pages: 1, done: next === null}, request.now);
	}
	const report = {pages: 0, added: 0, markedRead: 0, removedUpstream: 0, failure: null as Failure | null};
	const finish = (): BackfillReport => ({
		kind: 'backfilled',
		...report,
		done: state.done,
		alreadyDone: saved?.done === true,
		totalPages: state.pages,
		totalAdded: state.added,
	});
	if (state.done) return finish();

	const seenUrls = new Set<string>();
	let entriesThisRun = 0;
	const {maxPages, maxEntries} = request.limits;
	while (state.nextUrl !== null && !state.done) {
		if (request.signal?.aborted) break;
		if (report.pages >= Math.min(maxPages ?? MAX_PAGES_PER_RUN, MAX_PAGES_PER_RUN)) break;
		if (maxEntries !== null && entriesThisRun >= maxEntries) break;
		const url = state.nextUrl;
		if (seenUrls.has(url)) {
			// Links that lead round in a circle: everything on the way is stored.
			state = save(store, feed.id, {...state, nextUrl: null, done: true}, request.now);
			break;
		}
		seenUrls.add(url);
		const outcome = await fetchFeed(signalled(http, request.signal), {url}, request.parse);
		if (outcome.kind === 'failed') {
			// WordPress answers the page after the last with a 404: the end, not a failure. A
			// page a feed linked itself (RFC 5005) that is missing is a failure, kept to retry.
			if (state.pages > 0 && (outcome.status === 404 || outcome.status === 410) && isWordPressPage(url)) {
				state = save(store, feed.id, {...state, nextUrl: null, done: true}, request.now);
				break;
			}
			if (outcome.reason === 'aborted' || request.signal?.aborted) break;
			// The client's failure as it is (it names the page): the reader words it by reason and params.
			report.failure = failed(outcome.reason, sanitizeLine(outcome.message), {...outcome.params, url: sanitizeLine(url)});
			break;
		}
		if (outcome.kind === 'not-modified') break; // never asked conditionally; a broken server
		const page = outcome.feed;
		// A feed whose ids churned is keyed by link (then title + date), as its refresh does (store-feed.ts).
		const items = store.health().stableIdsSince(feed.id) === null ? page.items : withStableIds(page.items);
		const ids = items.map((item) => item.id);
		// By link (then title + date), not by id: a server that ignores `paged` and churns its
		// guids would otherwise serve "new" pages of the same posts until the limit.
		const key = pageKey(stableKeys(page.items));
		// A page like the one before (or empty) past the first: a server that ignores `paged`, or the end.
		if (state.pages > 0 && (ids.length === 0 || key === state.pageKey)) {
			state = save(store, feed.id, {...state, nextUrl: null, done: true}, request.now);
			break;
		}
		const next = page.history?.complete === true ? null : nextPageUrl(outcome.meta.finalUrl, page.history);
		const stored = store.transaction(() => {
			const result = storePage(store, feed.id, items, request);
			// The first page of a complete feed is the whole feed: what it lacks is gone upstream.
			const removed = state.pages === 0 && page.history?.complete === true ? store.markRemovedUpstream(feed.id, ids) : 0;
			state = save(store, feed.id, {nextUrl: next, pageKey: key, pages: state.pages + 1, added: state.added + result.added, done: next === null, updatedAt: ''}, request.now);
			return {...result, removed};
		});
		report.pages++;
		report.added += stored.added;
		report.markedRead += stored.markedRead;
		report.removedUpstream += stored.removed;
		entriesThisRun += ids.length;
		request.onProgress?.({pages: report.pages, page: state.pages, url, added: stored.added, totalAdded: report.added});
	}
	return finish();
}

/** New entries of one page only: what the cache has stays as it is (flags, content, last seen). */
function storePage(store: Store, feedId: number, items: readonly FeedItem[], request: BackfillFeedRequest): {added: number; markedRead: number} {
	const known = store.knownGuids(feedId, items.map((item) => item.id));
	const fresh = items.filter((item) => !known.has(item.id));
	if (fresh.length === 0) return {added: 0, markedRead: 0};
	// Counted for Discover like a refresh's new entries (see store-feed.ts).
	const {added} = upsertEntriesCountingLinks(store, feedId, fresh, request.now().toISOString());
	const markedRead = store.markFromArchive(feedId, fresh.map((item) => item.id), request.readBefore);
	return {added, markedRead};
}

function save(store: Store, feedId: number, state: BackfillState, now: () => Date): BackfillState {
	const stamped = {...state, updatedAt: now().toISOString()};
	store.saveBackfill(feedId, stamped);
	return stamped;
}

function isWordPressPage(url: string): boolean {
	try {
		return new URL(url).searchParams.has('paged');
	} catch {
		return false;
	}
}

function signalled(http: HttpClient, signal: AbortSignal | undefined): HttpClient {
	return signal === undefined ? http : {get: (request) => http.get({...request, signal})};
}
