/**
 * Writing one fetched, parsed feed to the cache: the single place where fetch state and
 * entries are stored together, used by `refresh` and by `blogroll add` (which fetched and
 * parsed already while discovering the feed), so that both store exactly alike.
 */
import type {ParsedFeed} from '../feeds/types.js';
import type {FeedRecord, Store} from '../store/types.js';
import type {FetchMeta} from './fetch-feed.js';
import {DEFAULT_INTERVAL_MINUTES, nextFetchTime} from './schedule.js';

/** The part of FetchMeta storing needs (discovery's meta has it); null when unknown. */
export type StoreMeta = Pick<FetchMeta, 'etag' | 'lastModified' | 'maxAgeSeconds'>;

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
): StoredFeed {
	const fetchedAt = now.toISOString();
	return store.transaction(() => {
		const record = store.ensureFeed(url);
		const {added, updated} = store.upsertEntries(record.id, feed.items, fetchedAt);
		// RFC 5005 §2: a complete feed lists every entry; one it no longer lists was removed upstream.
		if (feed.history?.complete === true) store.markRemovedUpstream(record.id, feed.items.map((item) => item.id));
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
	});
}
