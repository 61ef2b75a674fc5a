/**
 * Feed health (issue 14): what is wrong with a feed, in plain words, with its fix. The
 * evidence is the feed's last fetch attempts (store/health-store.ts) and its cache state.
 */
import type {FetchAttempt} from '../store/health-store.js';

export type {FetchAttempt};

/** Every problem the diagnosis names. */
export type ProblemKind =
	| 'moved'
	| 'gone'
	| 'not-found'
	| 'html-page'
	| 'dns'
	| 'refused'
	| 'tls'
	| 'timeout'
	| 'failing'
	| 'bot-wall'
	| 'rate-limited'
	| 'no-conditional-get'
	| 'wrong-charset'
	| 'churning-ids'
	| 'dormant';

/** `error`: the feed does not update; `warning`: it does, with something off; `info`: worth knowing. */
export type Severity = 'error' | 'warning' | 'info';

/** One word per feed, for `list` and the feeds screen. */
export type Health = 'ok' | 'failing' | 'warning' | 'dormant';

/**
 * What the fix does. `remove` and `subscribe` are one command (and one key in the reader);
 * `refresh` tries again now; `none` is advice only.
 */
export type FixAction = 'remove' | 'subscribe' | 'refresh' | 'none';

export interface Fix {
	readonly action: FixAction;
	/** The fix in plain words, in the requested language. */
	readonly text: string;
	/** The command that applies it, when there is one (`blogroll remove …`). */
	readonly command: string | null;
	/** For `subscribe`: the feed to subscribe to instead. */
	readonly url?: string;
}

export interface Problem {
	readonly kind: ProblemKind;
	readonly severity: Severity;
	/** One or two sentences in plain words, in the requested language. */
	readonly message: string;
	/** ISO 8601: since when it holds (the first attempt that showed it), when known. */
	readonly since: string | null;
	readonly fix: Fix;
	/** For a feed whose fetches fail: how often in a row, and when blogroll tries again. */
	readonly retry?: Retry;
}

/** The back-off of a failing feed, as `doctor --json` gives it. */
export interface Retry {
	/** Failed fetches in a row. */
	readonly failures: number;
	/** ISO 8601 of the next automatic try, null when unknown. */
	readonly nextTryAt: string | null;
	/** Minutes from the last failed try to the next one (the back-off), null when unknown. */
	readonly backoffMinutes: number | null;
}

/** The feed's state beside its attempts. */
export interface FeedState {
	/** The subscription's url (where the feed lives now). */
	readonly url: string;
	readonly siteUrl: string | null;
	/** Failures in a row (the cache's count: attempts may have been pruned). */
	readonly errorStreak: number;
	/** ISO 8601 of the next automatic fetch. */
	readonly nextFetchAt: string | null;
	/** ISO 8601 of the newest entry (published, updated or first seen), null without entries. */
	readonly newestEntryAt: string | null;
	/** The user's refresh interval, minutes. */
	readonly intervalMinutes: number;
	/** The feed that discovery found on the site now, when it was asked (gone, HTML page). */
	readonly foundFeedUrl?: string | null;
	/** Since when (ISO 8601) the feed's entries are known by link (then title + date), after their ids churned; null or absent: by their ids. */
	readonly stableIdsSince?: string | null;
}

export interface Diagnosis {
	readonly health: Health;
	/** Worst first. */
	readonly problems: readonly Problem[];
}
