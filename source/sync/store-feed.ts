/**
 * Writing one fetched, parsed feed to the cache: the single place where fetch state and
 * entries are stored together, used by `refresh` and by `blogroll add` (which fetched and
 * parsed already while discovering the feed), so that both store exactly alike.
 */
import {blogrollsOfFeedAnswer, blogrollsOfPageAnswer, type FetchedAnswer} from '../discover/feed-pointers.js';
import {countNewLinks, countStoredLinks, isLinkScanCaughtUp, type PostLinkCount} from '../discover/scan-links.js';
import {isPrepared} from '../store/prepare-item.js';
import {keepNewestItems} from '../feeds/limit-items.js';
import type {ParsedFeed} from '../feeds/types.js';
import type {FetchAttempt} from '../store/health-store.js';
import type {FeedRecord, Store} from '../store/types.js';
import type {FetchMeta} from './fetch-feed.js';
import {DEFAULT_INTERVAL_MINUTES, nextFetchTime} from './schedule.js';
import {stableKeys, withStableIds} from './stable-ids.js';

/** The part of FetchMeta storing needs (discovery's meta has it); null when unknown. */
export type StoreMeta = Pick<FetchMeta, 'etag' | 'lastModified' | 'maxAgeSeconds'>;

/**
 * Blogroll urls found in answers fetched anyway (see discover/feed-pointers.ts): the feed's
 * own answer, and the page `add` discovered it from. Recorded for Discover; absent: not looked.
 */
export interface BlogrollPointers {
	readonly feed?: readonly string[];
	readonly page?: readonly string[];
}

/**
 * The pointers in what `add` fetched while discovering: the chosen feed's answer (a cheap
 * look at its channel) and the page it was found from (its head), when there was one.
 */
export function discoveredPointers(feedAnswer: FetchedAnswer, page: FetchedAnswer | null): BlogrollPointers {
	return page === null ? {feed: blogrollsOfFeedAnswer(feedAnswer)} : {feed: blogrollsOfFeedAnswer(feedAnswer), page: blogrollsOfPageAnswer(page)};
}

export interface StoredFeed {
	readonly feed: FeedRecord;
	readonly added: number;
	readonly updated: number;
}

/**
 * Records a 200 for the feed at `url` (created when missing) and upserts its entries,
 * with the next fetch time from the user's interval (minutes), the feed's ttl and max-age;
 * in one transaction: a crash never leaves new validators without the entries they cover
 * (which would make the next conditional GET answer 304 and lose them).
 */
export function storeParsedFeed(
	store: Store,
	url: string,
	feed: ParsedFeed,
	meta: StoreMeta | null,
	now: Date,
	intervalMinutes: number = DEFAULT_INTERVAL_MINUTES,
	attempt?: FetchAttempt,
	pointers: BlogrollPointers = {},
	/** The feed's max-entries setting: only the newest this many are stored and kept. */
	maxEntries: number | null = null,
): StoredFeed {
	// Items beyond the limit are not stored at all: stored and pruned at once, they would count as new.
	const newest = maxEntries === null ? feed.items : keepNewestItems(feed.items, maxEntries);
	return store.transaction(() => {
		// A feed whose ids churned is keyed by link (then title + date) from then on.
		const stable = store.health().stableIdsSince(store.ensureFeed(url).id) !== null;
		const items = stable ? withStableIds(newest) : newest;
		return finishStore(store, {url, feed, meta, now, intervalMinutes, attempt, pointers, maxEntries}, {items, stable, rest: items, before: {added: 0, updated: 0}});
	});
}

/**
 * storeParsedFeed for the reader: the entries in slices of `sliceSize`, each slice in its own
 * transaction and turn of the event loop (`turn`), so that a key is read between two of them
 * instead of after the whole feed (issue 18: ~8 ms per feed, up to ~30 ms when FTS5 merges).
 * The new validators come with the last slice: a crash before it leaves entries stored
 * without the validators that would skip them, so the next refresh fetches them again and
 * finds them there (nothing lost, nothing twice).
 */
export async function storeParsedFeedInSlices(store: Store, what: FeedToStore, sliceSize: number, turn: <T>(work: () => T) => Promise<T>): Promise<StoredFeed> {
	const {url, feed, now, maxEntries} = what;
	const newest = maxEntries === null ? feed.items : keepNewestItems(feed.items, maxEntries);
	if (newest.length <= sliceSize) return turn(() => storeParsedFeed(store, url, feed, what.meta, now, what.intervalMinutes, what.attempt, what.pointers, maxEntries));
	const fetchedAt = now.toISOString();
	const {items, stable, feedId} = await turn(() => {
		const feedId = store.ensureFeed(url).id;
		const stable = store.health().stableIdsSince(feedId) !== null;
		return {items: stable ? withStableIds(newest) : newest, stable, feedId};
	});
	const before = {added: 0, updated: 0};
	const last = items.length - sliceSize;
	for (let start = 0; start < last; start += sliceSize) {
		const slice = items.slice(start, Math.min(start + sliceSize, last));
		await turn(() =>
			store.transaction(() => {
				const stored = upsertEntriesCountingLinks(store, feedId, slice, fetchedAt);
				before.added += stored.added;
				before.updated += stored.updated;
			}),
		);
	}
	return turn(() => store.transaction(() => finishStore(store, what, {items, stable, rest: items.slice(last), before})));
}

/** One fetched, parsed feed to store: storeParsedFeed's arguments. */
export interface FeedToStore {
	readonly url: string;
	readonly feed: ParsedFeed;
	readonly meta: StoreMeta | null;
	readonly now: Date;
	readonly intervalMinutes: number;
	readonly attempt: FetchAttempt | undefined;
	readonly pointers: BlogrollPointers;
	readonly maxEntries: number | null;
}

/** The last (or only) part of storing a feed, in the caller's transaction: its remaining entries, then repairs, the attempt and the validators. */
function finishStore(
	store: Store,
	{url, feed, meta, now, intervalMinutes, attempt, pointers, maxEntries}: FeedToStore,
	part: {readonly items: readonly ParsedFeed['items'][number][]; readonly stable: boolean; readonly rest: readonly ParsedFeed['items'][number][]; readonly before: {readonly added: number; readonly updated: number}},
): StoredFeed {
	const fetchedAt = now.toISOString();
	const {items, stable} = part;
	const record = store.ensureFeed(url);
	const stored = upsertEntriesCountingLinks(store, record.id, part.rest, fetchedAt);
	let added = part.before.added + stored.added;
	const updated = part.before.updated + stored.updated;
	// Churning ids: only a feed stored before can return a post under a new id, so a
	// first fetch (every feed of a cold refresh) costs no query.
	const churned = added > 0 && !stable && record.lastUpdatedAt !== null ? store.health().countChurnedEntries(record.id, fetchedAt) : 0;
	if (churned > 0) {
		// The repair, at once: the feed switches to stable keys and the posts that came back
		// under new ids become their old entries again (read and starred as they were), so
		// they do not show as new, now or at the next fetch.
		added -= store.health().switchToStableIds(record.id, fetchedAt, stableKeys);
	}
	if (maxEntries !== null) store.pruneFeedBeyond(record.id, maxEntries);
	// RFC 5005 §2: a complete feed lists every entry; one it no longer lists was removed upstream.
	if (feed.history?.complete === true) store.markRemovedUpstream(record.id, (stable || churned > 0 ? withStableIds(feed.items) : feed.items).map((item) => item.id));
	if (pointers.feed !== undefined) store.discover().putPointers(url, 'feed', pointers.feed, fetchedAt);
	if (pointers.page !== undefined) store.discover().putPointers(url, 'page', pointers.page, fetchedAt);
	if (attempt !== undefined) {
		store.health().recordAttempt(record.id, {
			...attempt,
			items: {new: added, updated, unchanged: Math.max(0, items.length - added - updated)},
			...(feed.ttlMinutes === null ? {} : {ttlMinutes: feed.ttlMinutes}),
			...(churned > 0 ? {churned, stableIds: true} : {}),
			...(feed.trackersRemoved === undefined ? {} : {trackersRemoved: feed.trackersRemoved}),
			...(feed.repairs === undefined ? {} : {repairs: feed.repairs}),
			...(feed.dropped === undefined ? {} : {dropped: feed.dropped}),
		});
	}
	store.recordFetchSuccess(record.id, {
		status: 200,
		etag: meta?.etag ?? null,
		lastModified: meta?.lastModified ?? null,
		title: feed.title === '' ? null : feed.title,
		siteUrl: feed.link,
		description: feed.description,
		ttlMinutes: feed.ttlMinutes,
		fetchedAt,
		nextFetchAt: nextFetchTime({
			now: fetchedAt,
			intervalMinutes,
			ttlMinutes: feed.ttlMinutes,
			maxAgeSeconds: meta?.maxAgeSeconds ?? null,
			errorStreak: 0,
		}),
	});
	return {feed: store.getFeed(record.id)!, added, updated};
}

/**
 * Upserts a feed's entries and, in the caller's transaction, counts the links of the new
 * ones for Discover (see scan-links.ts), so that `suggest` reads counts instead of bodies.
 * While an older backlog waits for `suggest` (a cache from before the counting), new
 * entries wait with it: the watermark only ever covers counted entries.
 */
export function upsertEntriesCountingLinks(store: Store, feedId: number, items: ParsedFeed['items'], fetchedAt: string): {added: number; updated: number} {
	const discover = store.discover();
	const caughtUp = isLinkScanCaughtUp(discover);
	const result = store.upsertEntries(feedId, items, fetchedAt);
	if (caughtUp && result.added > 0) {
		// Counted on the parse worker (a refresh): added up by guid, no body read back.
		const counted = new Map<string, readonly PostLinkCount[]>();
		for (const item of items) if (isPrepared(item) && item.links !== undefined) counted.set(item.id, item.links);
		if (counted.size > 0) countStoredLinks(discover, counted);
		else countNewLinks(discover);
	}
	return result;
}
