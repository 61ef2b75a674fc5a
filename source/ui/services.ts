import type {Failure} from '../failure.js';
import type {ArticleImage, RenderedArticle} from '../render/types.js';
import type {Entry, EntryCounts, EntryFilter, EntryListItem, Page, TextRange} from '../store/types.js';

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
	/** The last error's reason and params when the cache has them: the reader words it (lastErrorMessage). */
	readonly lastErrorDetail?: Pick<Failure, 'reason' | 'params'> | null;
	/** ISO 8601 of the last attempt, whatever its outcome. */
	readonly lastFetchedAt: string | null;
	/** ISO 8601 of the last refresh known to have succeeded (layout: the failing feed's details). */
	readonly lastSucceededAt?: string | null;
	/** One word of health (feed health, issue 14): absent when nothing is known yet. */
	readonly health?: FeedHealthWord;
	/** settings: the user paused it (not refreshed, still readable). */
	readonly paused?: boolean;
	/** accounts (issue 16): the feed server account it comes from (shown as `@name`). */
	readonly account?: string;
}

/** The one-word health of a feed (source/health): `failing` also shows as `!`. */
export type FeedHealthWord = 'ok' | 'failing' | 'warning' | 'dormant';

/** One problem of a feed, worded in the reader's language, with its fix. */
export interface FeedProblemView {
	readonly kind: string;
	readonly severity: 'error' | 'warning' | 'info';
	readonly message: string;
	/** What fixes it, in words; `action` says which key applies it on the info screen. */
	readonly fix: {readonly action: 'remove' | 'subscribe' | 'refresh' | 'none'; readonly text: string; readonly url?: string};
}

/** The feed info screen's content: the diagnosis, its fixes and the last fetches. */
export interface FeedHealthView {
	readonly feedId: number;
	readonly title: string;
	readonly url: string;
	readonly health: FeedHealthWord;
	/** The health word in the reader's language. */
	readonly healthText: string;
	readonly problems: readonly FeedProblemView[];
	/** The last fetches, newest first, each as one line. */
	readonly attempts: readonly string[];
	/** Tracking parameters and web bugs removed from this feed's entries (recorded fetches). */
	readonly trackersRemoved: number;
}

/** settings: the names of a feed's own settings, in the order the settings overlay lists them. */
export type FeedSettingName = 'interval' | 'max-entries' | 'user-agent' | 'charset' | 'full-article' | 'paused' | 'note';

/** settings: one feed's settings as the overlay shows them (use-cases/feed-settings.ts FeedSettingsView). */
export interface FeedSettingsInfo {
	readonly refreshIntervalMinutes: number;
	readonly maxEntries: number | null;
	readonly userAgent: string | null;
	readonly charset: string | null;
	readonly fullArticle: boolean;
	readonly paused: boolean;
	readonly note: string | null;
	/** The settings the feed sets itself; the others follow the defaults. */
	readonly own: readonly FeedSettingName[];
}

/** A saved view ("query feed") as the feeds screen shows it. */
export interface ViewInfo {
	readonly name: string;
	/** The query as the user wrote it, for the details line. */
	readonly query: string;
	/** What opening the view lists (its compiled query); matches nothing when the query is invalid. */
	readonly filter: EntryFilter;
	readonly counts: EntryCounts;
	/** Why the query does not compile (a hand-edited config), one line; null when it is fine. */
	readonly error: string | null;
}

/**
 * A list row. Rows of a search (`filter.search`) come ranked by relevance and carry the
 * ranges of the matching words in their title, for highlighting.
 */
export interface ListedEntry extends EntryListItem {
	readonly titleMatches?: readonly TextRange[];
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

/** Why a site is suggested: each reason names the followed feed it comes from. */
export type SuggestionReasonView =
	| {readonly kind: 'blogroll'; readonly feed: string}
	| {readonly kind: 'link'; readonly feed: string; readonly count: number};

/** One suggestion as the Discover screen lists it (texts sanitized). */
export interface SuggestionView {
	/** The site (registrable domain): what a dismissal names. */
	readonly site: string;
	readonly title: string;
	readonly siteUrl: string;
	readonly feedUrl: string;
	/** ISO 8601 of the latest post; null when the feed dates none. */
	readonly lastPostAt: string | null;
	/** Posts per month over the last year. */
	readonly postsPerMonth: number;
	readonly language: string | null;
	/** No post in the last 12 months: ranked below every active site. */
	readonly dormant: boolean;
	/** Best first: blogrolls, then links. */
	readonly reasons: readonly SuggestionReasonView[];
}

/** Progress of a probe for suggestions: sites asked so far of those this run asks. */
export interface SuggestProgressView {
	readonly done: number;
	readonly total: number;
}

/**
 * A suggestion's latest posts, fetched now and kept nowhere (nothing is subscribed or
 * stored). Each is an Entry so that it renders like any article; the ids are negative and
 * never repeat within a session, so they name no stored entry and no earlier rendering.
 */
export interface SuggestionPreview {
	readonly title: string;
	readonly posts: readonly Entry[];
}

/** What a sync through the folder brought in (issue 15), for the status line. */
export interface SyncSummary {
	readonly read: number;
	readonly unread: number;
	readonly starred: number;
	readonly newFeeds: number;
	readonly removedFeeds: number;
	/** Feeds renamed, retagged or with other settings. */
	readonly changedFeeds: number;
	/** Saved views and ignore rules. */
	readonly views: number;
	/** Names of the devices it came from. */
	readonly from: readonly string[];
}

export type AddFeedResult = {readonly kind: 'added'; readonly title: string; readonly entryCount: number} | Failure;

/**
 * Everything the reader needs from the outside world. cli.tsx builds the real one over
 * store, config, sync and render (source/app-services.ts); tests pass a fake.
 * Store reads are synchronous (better-sqlite3) so the first frame and key moves never wait.
 */
export interface Services {
	/** Every subscription, in config order. */
	listFeeds(): readonly FeedView[];
	/** The saved views, by name, each with its counts. */
	listViews(): readonly ViewInfo[];
	/**
	 * One page of a view, newest first; a `filter.search` is a query in the language of
	 * `blogroll search` (`title:social unread`; what does not parse is searched as words) and
	 * lists its hits best first (title, author, text), newest first within a rank. Ignore rules
	 * always apply (here and in every count); feed titles are the user's own.
	 */
	listEntries(filter: EntryFilter, page: Page): readonly ListedEntry[];
	/**
	 * Indexed counts of a view (never by loading its rows). `hidden`: when the view is empty
	 * because the ignore rules hide all of it, how many entries they hide (else absent).
	 */
	countEntries(filter: EntryFilter): EntryCounts & {readonly hidden?: number};
	/** Position of an entry in a view (newest first), or null when the view does not hold it. */
	findEntryIndex(filter: EntryFilter, id: number): number | null;
	/**
	 * The next unread entry of a view after (`direction` 1) or before (-1) the entry `fromId`
	 * in list order, which need not be in the view any more; from the top/bottom when null.
	 * Answered by the store, never by reading ahead.
	 */
	findNextUnread(filter: EntryFilter, fromId: number | null, direction: 1 | -1): {readonly id: number; readonly index: number} | null;
	getEntry(id: number): Entry | null;
	setRead(ids: readonly number[], read: boolean): void;
	setStarred(id: number, starred: boolean): void;
	/** Marks every entry of the view read. */
	markAllRead(filter: EntryFilter): void;
	refresh(target: RefreshTarget, onProgress: (progress: RefreshProgress) => void): Promise<RefreshSummary>;
	/**
	 * Subscribes with discovery (a site url finds its feed) and fetches it once. An aborted
	 * `signal` (Esc in the add dialog) stops the lookup: its requests fail, nothing is saved.
	 */
	addFeed(url: string, signal?: AbortSignal): Promise<AddFeedResult>;
	removeFeed(id: number): Promise<void | Failure>;
	/** Replaces the feed's tags (in the config); the feeds screen regroups. */
	setFeedTags(id: number, tags: readonly string[]): void | Failure;
	/** The feed's local title (in the config; the url stays); empty goes back to the feed's own. */
	renameFeed(id: number, title: string): void | Failure;
	// settings: a feed's own settings (blogroll feed set|unset|show)
	feedSettings(id: number): FeedSettingsInfo | Failure;
	/** Sets one setting from text as typed (`2h`, `200`, `on`); a bad value is a failure in one line. */
	setFeedSetting(id: number, name: FeedSettingName, value: string): FeedSettingsInfo | Failure;
	/** Back to the default. */
	unsetFeedSetting(id: number, name: FeedSettingName): FeedSettingsInfo | Failure;
	/** The entry's feed content ('feed') or its extracted full article ('full') as terminal lines. */
	renderArticle(entry: Entry, width: number, variant: 'feed' | 'full'): Promise<RenderedArticle>;
	/** Fetches and stores the full article; resolves to the entry with `fullContent` set. */
	fetchFullArticle(entryId: number): Promise<Entry | Failure>;
	/** In the browser (`open`, or `$BROWSER`); only http(s) and mailto urls. */
	openUrl(url: string): Promise<void | Failure>;
	/** True when some feed is due for a refresh (the configured interval is up). */
	isStale(): boolean;
	/** Called once after the first frame: load what opening an article needs, while the user reads the list. */
	prepareRendering(): void;
	/** Discover: the suggestions from what is known, best first, without a request (fast, offline). */
	listSuggestions(): Promise<readonly SuggestionView[]>;
	/**
	 * Discover: asks new sites (at most the configured number per run) or, with `refresh`,
	 * every known one again (conditional GET), then lists the suggestions as listSuggestions does.
	 */
	findSuggestions(options: {readonly refresh: boolean}, onProgress: (progress: SuggestProgressView) => void): Promise<readonly SuggestionView[]>;
	/** Discover: a suggestion's latest posts, newest first, without subscribing. */
	previewSuggestion(feedUrl: string): Promise<SuggestionPreview | Failure>;
	/** Discover: the main text of a previewed post's page (as `f` fetches it), kept by the caller only: nothing is stored. */
	extractPage(url: string): Promise<{readonly html: string} | Failure>;
	/** Discover: subscribes to a suggestion's feed with these tags (as `add` does). */
	subscribeToSuggestion(feedUrl: string, tags: readonly string[]): Promise<AddFeedResult>;
	/** Discover: hides a suggestion for good (by its site). */
	dismissSuggestion(site: string): Promise<void | Failure>;
	/**
	 * Syncs through the folder (issue 15): after the first frame and after each refresh.
	 * Absent (or resolving to null) when no folder is set or `syncOnStart` is off.
	 */
	sync?(): Promise<SyncSummary | Failure | null>;
	// images (optional: a reader without them shows `[image: alt]` text only)
	/**
	 * The `images` setting for an entry of feed `feedId`: load an article's pictures when it
	 * opens, on `I`, or never; a feed marked `images: always` loads them on open (unless off).
	 */
	imageMode?(feedId?: number): 'auto' | 'ask' | 'off';
	/**
	 * Starts drawing an article's pictures for a pane `width` columns wide (the reading width
	 * caps it), each at most `maxRows` high, as lines: half-blocks, or kitty's placeholders
	 * and the iTerm2/sixel markers the graphics layer draws at. Returns at once the rows
	 * each picture reserves now (from its declared size, else 1); `onImage` hears each picture
	 * as it is drawn or fails, never after `signal` aborted.
	 */
	drawImages?(
		images: readonly ArticleImage[],
		width: number,
		maxRows: number,
		onImage: (index: number, result: readonly string[] | Failure) => void,
		signal: AbortSignal,
	): readonly number[];
	/** The feed's health in full (discovery may run for a gone feed): the feed info screen. */
	diagnoseFeed(id: number): Promise<FeedHealthView | Failure>;
	/** Subscribes to `url` in place of the feed (its title and tags move along); the old one goes. */
	replaceFeed(id: number, url: string): Promise<{readonly title: string} | Failure>;
	/**
	 * Backfill: the feed's older pages or archives into the cache, within the backfill
	 * settings; resumes where an earlier backfill stopped. Progress after every page.
	 */
	backfillFeed(id: number, onProgress: (progress: BackfillProgressView) => void): Promise<BackfillSummary | Failure>;
	// accounts (issue 16)
	/**
	 * Syncs every feed server account: after the first frame, after each refresh, and (bounded)
	 * on quit. Null when there are no accounts; at once the running sync's promise while one runs.
	 */
	syncAccounts?(): Promise<AccountsSyncSummary | null>;
}

/** What a sync of the feed server accounts did, for the status line. */
export interface AccountsSyncSummary {
	/** Accounts that synced. */
	readonly synced: readonly string[];
	readonly newEntries: number;
	readonly read: number;
	readonly unread: number;
	readonly starred: number;
	readonly unstarred: number;
	readonly feedsAdded: number;
	readonly feedsRemoved: number;
	readonly sent: number;
	/**
	 * One per failed account: its name, the one line (English, from the server or the
	 * network) and, when known, what failed without language (for the German reader).
	 */
	readonly errors: readonly {readonly account: string; readonly message: string; readonly failure?: Pick<Failure, 'reason' | 'params'>}[];
}

/** Progress of a backfill: the page just stored (its number in the feed's history) and entries added so far in this run. */
export interface BackfillProgressView {
	readonly page: number;
	readonly added: number;
}

/** What a backfill did, for the one-line message after it. */
export interface BackfillSummary {
	readonly pages: number;
	readonly added: number;
	/** The oldest page is cached (now or before). */
	readonly done: boolean;
	/** Nothing was fetched: the archive had been cached completely before. */
	readonly alreadyDone: boolean;
	/** Why it stopped early (the pages before are kept), worded by the reader. */
	readonly failure: Failure | null;
}
