/**
 * Feed health as a use case: `blogroll doctor` and the reader's feed info screen both ask
 * here. Reads the attempts and the cache state, runs the pure diagnosis (source/health/),
 * and where the fix is "the feed the site lists now" (gone, not found, an HTML page), asks
 * discovery for it over the network before wording the fix.
 */
import type {Config} from '../config/config.js';
import type {HttpClient} from '../feeds/http-types.js';
import {diagnoseFeed} from '../health/diagnose.js';
import type {HealthLanguage} from '../health/texts.js';
import type {Diagnosis, FeedState, FetchAttempt, Health, Problem} from '../health/types.js';
import type {FeedRecord, Store} from '../store/types.js';
import {joinSubscriptions, type SubscribedFeed} from './subscribed-feeds.js';

/** One feed's health: what `doctor --json` prints per feed. */
export interface FeedHealth {
	readonly url: string;
	readonly title: string;
	readonly health: Health;
	readonly problems: readonly Problem[];
	/** Newest first; empty when the feed was never fetched into this cache. */
	readonly attempts: readonly FetchAttempt[];
	/** Tracking parameters and web bugs removed from the feed's links and bodies at its last full fetch. */
	readonly trackersRemoved: number;
	/** The feed server account the feed comes from (issue 16): its url is not diagnosed. */
	readonly account: string | null;
}

export interface DiagnoseDeps {
	readonly config: Config;
	readonly store: Store;
	readonly now: Date;
	/** For discovery (gone, not found, HTML page); without it the fix says how to look. */
	readonly http?: HttpClient;
	readonly language?: HealthLanguage;
	readonly formatTime?: (iso: string) => string;
}

/** The kinds whose fix is the feed the site lists now, found by discovery. */
const NEEDS_DISCOVERY = new Set(['gone', 'not-found', 'html-page']);

/** Every subscription's health, in config order; no network (list, feeds screen, `doctor` overview). */
export function diagnoseAll(deps: DiagnoseDeps): FeedHealth[] {
	const {config, store} = deps;
	const attempts = store.health().listAllAttempts();
	const newest = store.health().newestEntryDates();
	const feeds = joinSubscriptions(config.subscriptions(), store.listFeedRecords());
	return feeds.map((feed) => toHealth(feed, feed.cached === null ? [] : attempts.get(feed.cached.id) ?? [], newest, deps, null));
}

/**
 * Only the one-word health of every cached feed, by feed id: `list` and the feeds screen.
 * From each feed's newest attempt and newest entry (one cheap query); what needs the whole
 * history (churning ids, a wrong charset under a 304) shows in `doctor` and the info screen.
 */
export function healthByFeedId(deps: DiagnoseDeps): Map<number, Health> {
	const {store, config} = deps;
	const latest = store.health().listLatestAttempts();
	const interval = config.settings().refreshIntervalMinutes;
	const health = new Map<number, Health>();
	// Most feeds are fine: a 304 or a clean 200 with a post in the last months needs no diagnosis.
	const recent = new Date(deps.now.getTime() - 150 * 86_400_000).toISOString();
	const fromAccounts = new Set(config.subscriptions().filter(subscription => subscription.account !== undefined).map(subscription => subscription.url));
	for (const record of store.listFeedRecords()) {
		const known = latest.get(record.id);
		if (known === undefined || fromAccounts.has(record.url)) continue;
		const [attempt] = known.attempts;
		if (attempt !== undefined && attempt.outcome !== 'failed' && (attempt.charset?.correction ?? null) === null && known.newestEntryAt !== null && known.newestEntryAt > recent) {
			health.set(record.id, 'ok');
			continue;
		}
		health.set(record.id, diagnoseFeed(stateOf(record, known.newestEntryAt, interval, null, known.stableIdsSince), known.attempts, deps.now, {language: 'en'}).health);
	}
	return health;
}

/**
 * One subscription in full, with discovery run when a fix needs the site's current feed.
 * `url` is the subscription's url (resolved from what the user typed by the caller).
 */
export async function diagnoseSubscription(deps: DiagnoseDeps, url: string): Promise<FeedHealth | null> {
	const {config, store} = deps;
	const subscription = config.findSubscription(url);
	if (subscription === undefined) return null;
	const record = store.getFeedByUrl(url);
	const [feed] = joinSubscriptions([subscription], record === null ? [] : [record]);
	const attempts = record === null ? [] : store.health().listAttempts(record.id);
	const newest = store.health().newestEntryDates();
	const first = toHealth(feed!, attempts, newest, deps, null);
	if (first.account !== null || deps.http === undefined || !first.problems.some((problem) => NEEDS_DISCOVERY.has(problem.kind))) return first;
	const found = await findCurrentFeed(deps.http, feed!, attempts);
	return found === null ? first : toHealth(feed!, attempts, newest, deps, found);
}

/** Every feed with a problem, each in full (discovery included): `blogroll doctor`. */
export async function diagnoseProblems(deps: DiagnoseDeps): Promise<FeedHealth[]> {
	const troubled = diagnoseAll(deps).filter((feed) => feed.problems.length > 0);
	const full = await Promise.all(troubled.map((feed) => diagnoseSubscription(deps, feed.url)));
	return full.filter((feed): feed is FeedHealth => feed !== null);
}

function toHealth(feed: SubscribedFeed<FeedRecord>, attempts: readonly FetchAttempt[], newest: ReadonlyMap<number, string>, deps: DiagnoseDeps, foundFeedUrl: string | null): FeedHealth {
	const {cached} = feed;
	const account = feed.subscription.account ?? null;
	// An account's feed is fetched by its server, not by blogroll: nothing of its url to diagnose.
	const diagnosis: Diagnosis = cached === null || account !== null
		? {health: 'ok', problems: []}
		: diagnoseFeed(stateOf(cached, newest.get(cached.id) ?? null, deps.config.settings().refreshIntervalMinutes, foundFeedUrl, deps.store.health().stableIdsSince(cached.id)), attempts, deps.now, {
			...(deps.language === undefined ? {} : {language: deps.language}),
			...(deps.formatTime === undefined ? {} : {formatTime: deps.formatTime}),
		});
	return {
		url: feed.subscription.url,
		title: feed.title,
		health: diagnosis.health,
		problems: diagnosis.problems,
		attempts,
		// The last 200 says how many the feed carries now (a 304 changed nothing).
		trackersRemoved: attempts.find((attempt) => attempt.outcome === 'updated')?.trackersRemoved ?? 0,
		account,
	};
}

function stateOf(record: FeedRecord, newestEntryAt: string | null, intervalMinutes: number, foundFeedUrl: string | null, stableIdsSince: string | null): FeedState {
	return {
		url: record.url,
		siteUrl: record.siteUrl,
		errorStreak: record.errorStreak,
		nextFetchAt: record.nextFetchAt,
		newestEntryAt,
		intervalMinutes,
		foundFeedUrl,
		stableIdsSince,
	};
}

/**
 * The feed the site lists now: discovery on the page the feed url serves (an HTML page),
 * else on the site's home page (gone, not found). Null when there is none, or only this one.
 */
async function findCurrentFeed(http: HttpClient, feed: SubscribedFeed<FeedRecord>, attempts: readonly FetchAttempt[]): Promise<string | null> {
	const {discoverFeeds} = await import('../feeds/discover.js');
	const pages = attempts[0]?.reason === 'not-a-feed' ? [feed.subscription.url] : [];
	const site = feed.cached?.siteUrl ?? originOf(feed.subscription.url);
	if (site !== null) pages.push(site);
	for (const page of pages) {
		const result = await discoverFeeds(http, page);
		if ('kind' in result) continue;
		const candidate = result.candidates.find((found) => !found.isComments && found.url !== feed.subscription.url);
		if (candidate !== undefined) return candidate.url;
	}
	return null;
}

function originOf(url: string): string | null {
	try {
		return `${new URL(url).origin}/`;
	} catch {
		return null;
	}
}
