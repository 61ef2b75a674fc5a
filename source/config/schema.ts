/** Settings a user may change in config.json; every one has a default. */
export interface Settings {
	/** Minutes between automatic refreshes of a feed (the feed may ask for longer). */
	readonly refreshIntervalMinutes: number;
	/** Comfortable reading width of article text, in columns. */
	readonly readingWidth: number;
	/** Read, unstarred entries older than this many days may be pruned. */
	readonly retentionDays: number;
	/** UI language; 'auto' follows LC_ALL / LC_MESSAGES / LANG. */
	readonly language: 'auto' | 'en' | 'de';
	readonly concurrency: number;
	readonly perHostConcurrency: number;
	readonly timeoutSeconds: number;
	readonly maxFeedMegabytes: number;
	/** `blogroll suggest`: at most this many sites looked at for the first time per run. */
	readonly suggestProbesPerRun: number;
	/** Domains never suggested, on top of the shipped list (source/discover/excluded-domains.ts). */
	readonly suggestExcludedDomains: readonly string[];
	/** Shipped excluded domains the user wants suggested after all. */
	readonly suggestAllowedDomains: readonly string[];
	/** The synced folder (Syncthing, Nextcloud, a git repository) `blogroll sync` uses; '' for none. */
	readonly syncDir: string;
	/** With a sync folder set: the reader syncs after its first frame, after each refresh and on quit. */
	readonly syncOnStart: boolean;
	/** Pictures in the reader: load when an article opens, on a key (`I`), or never. */
	readonly images: 'auto' | 'ask' | 'off';
	/** How pictures are drawn; `auto` detects the terminal (BLOGROLL_IMAGES overrides detection). */
	readonly imageProtocol: 'auto' | 'kitty' | 'iterm' | 'sixel' | 'blocks';
	/** Size of the picture cache on disk, least recently used out first. */
	readonly imageCacheMegabytes: number;
	// backfill
	/** A backfill (after `add`, or `blogroll backfill` without --pages/--all) fetches at most this many pages… */
	readonly backfillPages: number;
	/** …or pages holding this many entries, whichever comes first; 0 pages: no backfill after `add`. */
	readonly backfillEntries: number;
	/** Entries a backfill brings that are older than the subscription are marked read. */
	readonly backfillMarkOlderRead: boolean;
}

/** One subscription. The url is its identity; title and tags are the user's. */
export interface Subscription {
	readonly url: string;
	/** The user's own title; null means "use the feed's title". */
	readonly title: string | null;
	readonly tags: readonly string[];
	/** Always fetch the full article for this feed's entries. */
	readonly fullArticle: boolean;
	readonly addedAt: string;
	/** Kept out of the published blogroll (`export --blogroll`); absent means public. */
	readonly private?: boolean;
	/** images: `always` loads this feed's pictures when an article opens, whatever the `images` setting (unless `off`). */
	readonly images?: 'always';
	// Per-feed settings (issue 14, `blogroll feed set`): each absent means the global default.
	/** Minutes between automatic refreshes of this feed, instead of `settings.refreshIntervalMinutes`. */
	readonly refreshIntervalMinutes?: number;
	/** At most this many entries of the feed are kept (the newest; starred ones always stay). */
	readonly maxEntries?: number;
	/** User-Agent header sent for this feed instead of blogroll's own (a bot wall that wants a browser). */
	readonly userAgent?: string;
	/** Charset (canonical WHATWG name) that decodes this feed, whatever the header, BOM or declaration say. */
	readonly charset?: string;
	/** Not refreshed; its entries stay readable. */
	readonly paused?: boolean;
	// Feed server accounts (issue 16): a feed that comes from a server account.
	/** The name of the account the feed comes from: the server, not blogroll, fetches it. */
	readonly account?: string;
	/** The server's id of the subscription (tt-rss / Nextcloud feed id, `feed/<url>` of Google Reader). */
	readonly remoteId?: string;
}

/** A named query shown among the virtual views ("query feeds"). */
export interface SavedView {
	readonly name: string;
	readonly query: string;
}

export interface ConfigData {
	readonly settings: Settings;
	readonly subscriptions: readonly Subscription[];
	readonly views: readonly SavedView[];
	/** Queries whose matching entries are hidden everywhere (a killfile). */
	readonly ignore: readonly string[];
	/**
	 * Feed server accounts (issue 16), never with a password (see accounts/credentials.ts).
	 * Entries are checked one by one as they are read (config.ts): a broken one is reported
	 * in one line and skipped, the other accounts and the rest of the file keep working.
	 */
	readonly accounts?: readonly unknown[];
}

export const DEFAULT_SETTINGS: Settings = {
	refreshIntervalMinutes: 30,
	readingWidth: 80,
	retentionDays: 180,
	language: 'auto',
	concurrency: 32,
	perHostConcurrency: 2,
	timeoutSeconds: 30,
	maxFeedMegabytes: 10,
	suggestProbesPerRun: 20,
	suggestExcludedDomains: [],
	suggestAllowedDomains: [],
	syncDir: '',
	syncOnStart: true,
	images: 'ask',
	imageProtocol: 'auto',
	imageCacheMegabytes: 200,
	backfillPages: 10,
	backfillEntries: 500,
	backfillMarkOlderRead: true,
};

/** JSON Schema (draft 2020 as conf's ajv speaks it) of config.json's top-level keys. */
export const CONFIG_SCHEMA = {
	settings: {
		type: 'object',
		properties: {
			refreshIntervalMinutes: {type: 'number', minimum: 1, maximum: 10_080},
			readingWidth: {type: 'integer', minimum: 20, maximum: 1000},
			retentionDays: {type: 'integer', minimum: 1},
			language: {enum: ['auto', 'en', 'de']},
			concurrency: {type: 'integer', minimum: 1, maximum: 256},
			perHostConcurrency: {type: 'integer', minimum: 1, maximum: 64},
			timeoutSeconds: {type: 'number', minimum: 1, maximum: 600},
			maxFeedMegabytes: {type: 'number', minimum: 0.1, maximum: 1024},
			suggestProbesPerRun: {type: 'integer', minimum: 0, maximum: 1000},
			suggestExcludedDomains: {type: 'array', items: {type: 'string'}},
			suggestAllowedDomains: {type: 'array', items: {type: 'string'}},
			syncDir: {type: 'string'},
			syncOnStart: {type: 'boolean'},
			images: {enum: ['auto', 'ask', 'off']},
			imageProtocol: {enum: ['auto', 'kitty', 'iterm', 'sixel', 'blocks']},
			imageCacheMegabytes: {type: 'number', minimum: 0, maximum: 100_000},
			backfillPages: {type: 'integer', minimum: 0, maximum: 10_000},
			backfillEntries: {type: 'integer', minimum: 1},
			backfillMarkOlderRead: {type: 'boolean'},
		},
		additionalProperties: true,
		default: {},
	},
	subscriptions: {
		type: 'array',
		items: {
			type: 'object',
			required: ['url'],
			properties: {
				url: {type: 'string', minLength: 1},
				title: {type: ['string', 'null']},
				tags: {type: 'array', items: {type: 'string'}},
				fullArticle: {type: 'boolean'},
				addedAt: {type: 'string'},
				private: {type: 'boolean'},
				images: {enum: ['always']},
				refreshIntervalMinutes: {type: 'number', minimum: 1, maximum: 10_080},
				maxEntries: {type: 'integer', minimum: 1, maximum: 1_000_000},
				userAgent: {type: 'string', minLength: 1},
				charset: {type: 'string', minLength: 1},
				paused: {type: 'boolean'},
				account: {type: 'string', minLength: 1},
				remoteId: {type: 'string'},
			},
		},
		default: [],
	},
	views: {
		type: 'array',
		items: {
			type: 'object',
			required: ['name', 'query'],
			properties: {name: {type: 'string', minLength: 1}, query: {type: 'string'}},
		},
		default: [],
	},
	ignore: {type: 'array', items: {type: 'string'}, default: []},
	// Only an array here: each entry is checked as it is read, so that one broken account
	// (edited by hand) costs that account, not the whole config.
	accounts: {type: 'array', default: []},
} as const;
