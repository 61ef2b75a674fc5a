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
}

export interface FeedWithCounts extends FeedRecord {
	readonly unreadCount: number;
	readonly totalCount: number;
}

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
}

export interface Page {
	readonly offset: number;
	readonly limit: number;
}

export interface EntryCounts {
	readonly total: number;
	readonly unread: number;
}
