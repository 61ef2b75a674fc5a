import type {Failure} from '../failure.js';
import type {RenderedArticle} from '../render/types.js';
import type {Entry, EntryCounts, EntryFilter, EntryListItem, Page} from '../store/types.js';

/** One subscription as the feeds screen shows it: config (title, tags) merged with cache counts. */
export interface FeedView {
	/** The cache's feed id (FeedRecord.id). */
	readonly id: number;
	readonly url: string;
	/** The local title override, else the feed's own title, else the url. */
	readonly title: string;
	readonly tags: readonly string[];
	readonly unreadCount: number;
	readonly totalCount: number;
	/** One line, sanitized; null when the last refresh succeeded. */
	readonly lastError: string | null;
	/** ISO 8601 of the last attempt, whatever its outcome. */
	readonly lastFetchedAt: string | null;
}

/** Progress of a running refresh, reported after every finished feed. */
export interface RefreshProgress {
	readonly done: number;
	readonly total: number;
	/** New entries stored so far in this refresh: the UI reloads its lists when this grows. */
	readonly newEntries: number;
}

/** What a refresh did, for the one-line message after it. */
export interface RefreshSummary {
	readonly feeds: number;
	readonly newEntries: number;
	/** Feeds whose refresh failed, each with its one-line message. */
	readonly failures: readonly {readonly feedId: number; readonly title: string; readonly message: string}[];
}

/** Which feeds a refresh covers: some ids, every feed, or only those whose interval is up. */
export type RefreshTarget = readonly number[] | 'all' | 'due';

export type AddFeedResult =
	| {readonly kind: 'added'; readonly title: string; readonly entryCount: number}
	| {readonly kind: 'failed'; readonly message: string};

/**
 * Everything the reader needs from the outside world. cli.tsx builds the real one over
 * store, config, sync and render (source/app-services.ts); tests pass a fake.
 * Store reads are synchronous (better-sqlite3) so the first frame and key moves never wait.
 */
export interface Services {
	/** Every subscription, in config order. */
	listFeeds(): readonly FeedView[];
	/** One page of a view, newest first. */
	listEntries(filter: EntryFilter, page: Page): readonly EntryListItem[];
	/** Indexed counts of a view (never by loading its rows). */
	countEntries(filter: EntryFilter): EntryCounts;
	/** Position of an entry in a view (newest first), or null when the view does not hold it. */
	findEntryIndex(filter: EntryFilter, id: number): number | null;
	getEntry(id: number): Entry | null;
	setRead(ids: readonly number[], read: boolean): void;
	setStarred(id: number, starred: boolean): void;
	/** Marks every entry of the view read. */
	markAllRead(filter: EntryFilter): void;
	refresh(target: RefreshTarget, onProgress: (progress: RefreshProgress) => void): Promise<RefreshSummary>;
	/** Subscribes with discovery (a site url finds its feed) and fetches it once. */
	addFeed(url: string): Promise<AddFeedResult>;
	removeFeed(id: number): Promise<void | Failure>;
	/** The entry's feed content ('feed') or its extracted full article ('full') as terminal lines. */
	renderArticle(entry: Entry, width: number, variant: 'feed' | 'full'): Promise<RenderedArticle>;
	/** Fetches and stores the full article; resolves to the entry with `fullContent` set. */
	fetchFullArticle(entryId: number): Promise<Entry | Failure>;
	/** In the browser (`open`, or `$BROWSER`); only http(s) and mailto urls. */
	openUrl(url: string): Promise<void | Failure>;
	/** True when some feed is due for a refresh (the configured interval is up). */
	isStale(): boolean;
}
