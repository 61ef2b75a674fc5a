import type {AccountStore} from './account-store.js';
import type {FeedItem} from '../feeds/types.js';
import type {FailureParams} from '../failure.js';
import type {DiscoverStore} from './discover-store.js';
import type {ReplicateStore} from './replicate-store.js';
import type {HealthStore} from './health-store.js';

/**
 * The cache's contract: what the rest of blogroll may ask of the entry store.
 * The store holds fetch state and entries; subscriptions (url, title, tags, per-feed
 * settings) live in the config so that deleting cache.db never loses them.
 */

/** Fetch state of one feed in the cache, keyed by its url. */
export interface FeedRecord {
	readonly id: number;
	readonly url: string;
	/** Title as the feed itself gives it (the subscription may override it locally). */
	readonly title: string | null;
	readonly siteUrl: string | null;
	readonly description: string | null;
	readonly etag: string | null;
	readonly lastModified: string | null;
	/** ISO 8601 of the last attempt, whatever its outcome. */
	readonly lastFetchedAt: string | null;
	/** ISO 8601 of the last 200 that brought content. */
	readonly lastUpdatedAt: string | null;
	/** 200, 304, an HTTP error status, or 0 for a network/parse failure. */
	readonly lastStatus: number | null;
	/** One line, sanitized; null after a success. */
	readonly lastError: string | null;
	/** Failures in a row; drives back-off. */
	readonly errorStreak: number;
	/** ISO 8601: not fetched automatically before this (ttl, max-age, Retry-After, back-off). */
	readonly nextFetchAt: string | null;
	/** The feed's RSS <ttl> (minutes) from its last 200, so that a 304 keeps the same pace. */
	readonly ttlMinutes: number | null;
}

export interface FeedWithCounts extends FeedRecord {
	readonly unreadCount: number;
	readonly totalCount: number;
}

/** What a list of feeds shows of each (no fetch validators): a narrow row, cheap for 2 000 feeds. */
export type FeedSummary = Pick<FeedWithCounts, 'id' | 'url' | 'title' | 'lastError' | 'lastFetchedAt' | 'lastUpdatedAt' | 'unreadCount' | 'totalCount'> & {
	/** The last error's reason and params as JSON (FetchFailureRecord.detail); null when none was stored. */
	readonly lastErrorDetail: string | null;
};

/** What a list row needs: no bodies, so that paging a 50 000-entry view stays cheap. */
export interface EntryListItem {
	readonly id: number;
	readonly feedId: number;
	readonly feedTitle: string;
	readonly title: string;
	readonly author: string | null;
	readonly link: string | null;
	/** Published, else updated, else first seen: ISO 8601. Used for sorting and display. */
	readonly date: string;
	/** True when `date` is a real publish/update date from the feed, not first-seen. */
	readonly hasFeedDate: boolean;
	readonly isRead: boolean;
	readonly isStarred: boolean;
}

export interface Entry extends EntryListItem {
	/** The feed's own id for the entry (guid / Atom id / link / hash). */
	readonly guid: string;
	readonly published: string | null;
	readonly updated: string | null;
	readonly content: string | null;
	readonly summary: string | null;
	/** Main content of the entry's page, extracted on request ("full article"), HTML. */
	readonly fullContent: string | null;
	readonly firstSeenAt: string;
}

/**
 * Which entries a list shows. Fields combine with AND; an empty filter is "all".
 * `where` is a pre-compiled, parameterised SQL condition over the `entries` table
 * (alias `e`) and `feeds` (alias `f`), produced by source/query — never user text.
 */
export interface EntryFilter {
	readonly feedIds?: readonly number[];
	readonly unreadOnly?: boolean;
	readonly starredOnly?: boolean;
	/** Full-text search (FTS5 syntax-safe: the store quotes the terms). */
	readonly search?: string;
	readonly where?: {readonly sql: string; readonly params: readonly (string | number)[]};
	/**
	 * Entries that stay in the list whatever `unreadOnly`, `starredOnly` and `where` say
	 * (feeds and search still apply): the rows the reader touched while the list is open,
	 * so that a read or unstarred entry keeps its row until the user leaves the list.
	 */
	readonly keepIds?: readonly number[];
}

export interface Page {
	readonly offset: number;
	readonly limit: number;
}

export interface EntryCounts {
	readonly total: number;
	readonly unread: number;
}

/** How many entries an upsert brought: `added` new ones, `updated` ones changed upstream. */
export interface UpsertResult {
	readonly added: number;
	readonly updated: number;
}

/** A 200 or 304 answer, as recorded in the feed's fetch state. */
export interface FetchSuccess {
	readonly status: 200 | 304;
	/** Validators for the next conditional GET; on a 304, null keeps the stored ones. */
	readonly etag: string | null;
	readonly lastModified: string | null;
	/** Feed metadata from a 200; undefined or null keeps what is stored. */
	readonly title?: string | null;
	readonly siteUrl?: string | null;
	readonly description?: string | null;
	/** RSS <ttl> of a 200 (null: none); ignored on a 304. */
	readonly ttlMinutes?: number | null;
	readonly fetchedAt: string;
	readonly nextFetchAt: string | null;
}

/** A failed fetch: an HTTP error status, or 0/null for network and parse failures. */
export interface FetchFailureRecord {
	readonly status: number | null;
	/** One line for the user; sanitized again by the store. */
	readonly message: string;
	/** The failure's reason and language-free params, for the reader to word it (see failure.ts). */
	readonly detail?: {readonly reason: string; readonly params?: FailureParams};
	readonly fetchedAt: string;
	readonly nextFetchAt: string | null;
}

/** A character range [start, end) in a string (UTF-16 code units, as `String#slice`). */
export interface TextRange {
	readonly start: number;
	readonly end: number;
}

/** A search result row: the list item plus where the search words occur in its title. */
export interface SearchHit extends EntryListItem {
	/** Whole words of `title` that match a search word, in order; empty when only the body matched. */
	readonly titleMatches: readonly TextRange[];
}

/**
 * The entry cache. Every method is synchronous (better-sqlite3); writes of one call are
 * atomic. Ids are the store's own; timestamps are ISO 8601 UTC strings.
 */
export interface Store {
	/** The path the store was opened from (`:memory:` in tests). */
	readonly path: string;

	/** The feed with this url, inserted (without fetch state) when missing. */
	ensureFeed(url: string): FeedRecord;
	getFeedByUrl(url: string): FeedRecord | null;
	getFeed(id: number): FeedRecord | null;
	/** All feeds with entry counts, ordered by title (else url), case-insensitively. */
	listFeeds(): FeedWithCounts[];
	/** Every feed with its counts, in no particular order: what the reader's first frame needs. */
	listFeedSummaries(): FeedSummary[];
	/**
	 * A permanent redirect: the feed keeps its entries and their flags under the new url.
	 * When the new url is already a feed, the two merge: the new feed's fetch state wins,
	 * entries are united, and an entry in both is read/starred if it was so in either.
	 * Returns the feed now at `newUrl`, or null when neither url is known.
	 */
	renameFeedUrl(oldUrl: string, newUrl: string): FeedRecord | null;
	/** Removes the feed and all its entries. True when a feed was removed. */
	removeFeed(id: number): boolean;
	/** Removes every feed whose url is not listed (unsubscribed elsewhere); returns how many. */
	removeFeedsNotIn(urls: readonly string[]): number;
	/** Every feed's fetch state, without counting entries (cheap: no entry is read). */
	listFeedRecords(): FeedRecord[];
	/** Every feed's url: what "is it cached at all?" needs, without 15 other columns per feed. */
	listFeedUrls(): string[];
	/** Feeds whose `nextFetchAt` is null or not after `now`. */
	listDueFeeds(now: string): FeedRecord[];

	recordFetchSuccess(feedId: number, success: FetchSuccess): void;
	/** Records the failure and adds one to the feed's error streak. */
	recordFetchFailure(feedId: number, failure: FetchFailureRecord): void;

	/**
	 * Inserts new items and updates those whose content changed upstream, keeping their
	 * read/starred flags; items no longer in the feed stay. One transaction.
	 */
	upsertEntries(feedId: number, items: readonly FeedItem[], seenAt: string): UpsertResult;

	/** Newest first (date, then id); no bodies. `filter.search` narrows but keeps date order. */
	listEntries(filter: EntryFilter, page: Page): EntryListItem[];
	countEntries(filter: EntryFilter): EntryCounts;
	getEntry(id: number): Entry | null;
	/** Position of the entry in `listEntries(filter, …)` order, or null when it is not in that list. */
	findEntryIndex(filter: EntryFilter, entryId: number): number | null;
	/**
	 * Full-text search over title, author and text, ranked by relevance then date.
	 * The query is a list of words (each also matches as a prefix); it is never FTS or SQL syntax.
	 * `filter` narrows further (a feed, unread only, …).
	 */
	search(query: string, page: Page, filter?: EntryFilter): SearchHit[];
	countSearch(query: string, filter?: EntryFilter): EntryCounts;
	/**
	 * Counts of a filter per feed, in one grouped query: the feeds screen's unread counts
	 * when a `where` (ignore rules) hides some entries. Feeds without entries are absent.
	 */
	countEntriesByFeed(filter: EntryFilter): Map<number, EntryCounts>;
	/**
	 * The id of the nearest unread entry of the filter in list order (newest first) after
	 * (`direction` 1: older) or before (-1: newer) the entry `fromId`, which need not be in
	 * the filter any more; from the top (1) or the bottom (-1) when `fromId` is null.
	 * One indexed query. Ignores `filter.search` ranking: date order only.
	 */
	findNextUnread(filter: EntryFilter, fromId: number | null, direction: 1 | -1): number | null;

	/** Returns how many entries changed. */
	setRead(ids: readonly number[], read: boolean): number;
	setStarred(id: number, starred: boolean): boolean;
	/** Marks every unread entry of the filter read; returns how many. */
	markAllRead(filter: EntryFilter): number;
	/** Marks entries dated more than `days` ago read (optionally of one feed); returns how many. */
	markReadOlderThan(days: number, feedId?: number): number;

	/** Stores the extracted full article (HTML) and makes it searchable. */
	setFullContent(entryId: number, html: string | null): boolean;
	/**
	 * Deletes read, unstarred entries dated more than `days` ago that are no longer in their
	 * feed's latest fetch (so that they cannot come back as unread). Unread and starred entries
	 * are kept forever. Returns how many were deleted.
	 */
	pruneReadOlderThan(days: number): number;
	/**
	 * A feed's max-entries setting: deletes its entries beyond the newest `keep` (date, then
	 * id), starred ones excepted (they neither go nor count). Returns how many were deleted.
	 */
	pruneFeedBeyond(feedId: number, keep: number): number;
	/**
	 * A feed's settings changed: it is due at the next refresh, and with `forgetValidators`
	 * fetched unconditionally (a new charset must decode the body again, a 304 would not).
	 */
	markFeedDue(feedId: number, forgetValidators: boolean): void;

	// ── backfill (older pages and archives of a feed) ──
	/** The cached guids among `guids` of the feed. */
	knownGuids(feedId: number, guids: readonly string[]): Set<string>;
	/**
	 * Marks entries of the feed as brought by a backfill (never pruned), and read when dated
	 * before `readBefore` (ISO 8601; null marks none read). Returns how many were marked read.
	 */
	markFromArchive(feedId: number, guids: readonly string[], readBefore: string | null): number;
	/**
	 * A complete feed (fh:complete) listed exactly `present`: every other entry of the feed is
	 * flagged removed upstream and marked read; a listed entry loses the flag. Returns how many were newly flagged.
	 */
	markRemovedUpstream(feedId: number, present: readonly string[]): number;
	getBackfill(feedId: number): BackfillState | null;
	saveBackfill(feedId: number, state: BackfillState): void;

	/** Discover's tables (evidence, probes, dismissals): see discover-store.ts. */
	discover(): DiscoverStore;
	/** Replication's tables (outbox, merged state, read offsets): see replicate-store.ts. */
	replicate(): ReplicateStore;
	/** Feed health's table (fetch attempts): see health-store.ts. */
	health(): HealthStore;
	/** Feed server accounts' tables (item mappings, outbox, sync state): see account-store.ts. */
	accounts(): AccountStore;

	/** Runs `fn` (synchronous: no await inside) in one write transaction; nested calls become savepoints. */
	transaction<T>(fn: () => T): T;
	close(): void;
}

/** Where a feed's backfill stands (see migration 8). */
export interface BackfillState {
	/** The next page to fetch; null once done. */
	readonly nextUrl: string | null;
	/** Hash of the last stored page's entry ids: a page that repeats it ends paging. */
	readonly pageKey: string | null;
	readonly pages: number;
	readonly added: number;
	readonly done: boolean;
	readonly updatedAt: string;
}
