/**
 * Refreshing subscriptions, for `blogroll refresh` and the reader's `r`/`R`: only the feeds
 * that are due are fetched (and reported as progress), the others are counted as not due;
 * permanent moves update the subscriptions; every title is the user's own (after `rename`).
 * Each feed's own settings apply (interval, User-Agent, charset, max entries); paused feeds
 * are never fetched; feeds set to full article get it for their new entries.
 */
import type {Config} from '../config/config.js';
import type {Subscription} from '../config/schema.js';
import {isFailure} from '../failure.js';
import type {HttpClient} from '../feeds/http-types.js';
import type {Store} from '../store/types.js';
import type {FeedFetchSettings, FeedRefreshResult, RefreshProgress} from '../sync/refresh.js';

export interface RefreshSubscriptionsDeps {
	readonly config: Config;
	readonly store: Store;
	readonly http: HttpClient;
	readonly now: () => Date;
	/** Headings the extractor adds to full articles, in the UI's language. */
	readonly language?: 'de' | 'en';
}

export interface RefreshRequest {
	/** Subscription urls; every subscription when absent. */
	readonly urls?: readonly string[];
	/** Fetch even feeds that are not due (still conditional). */
	readonly force: boolean;
	/** After each fetched feed; `total` counts only the feeds fetched. */
	readonly onProgress?: (progress: RefreshProgress) => void;
	/** Feeds in progress and bodies in memory at once; the pipeline's defaults when absent (see sync/refresh.ts). */
	readonly limits?: {readonly feeds?: number; readonly bodies?: number; readonly storeSlice?: number};
}

export interface RefreshOutcome {
	/** One per fetched feed, titles as the user named them. */
	readonly results: readonly FeedRefreshResult[];
	/** Feeds left alone because their next fetch time has not come. */
	readonly notDue: number;
	/** Feeds left alone because the user paused them (named ones and `--force` included). */
	readonly paused: number;
	/** Urls of feeds that moved onto a url already subscribed, and became one with it. */
	readonly joined: ReadonlySet<string>;
	/** Feeds left alone because a feed server account brings them (issue 16: `blogroll sync`). */
	readonly fromAccounts?: number;
}

export async function refreshSubscriptions(deps: RefreshSubscriptionsDeps, request: RefreshRequest): Promise<RefreshOutcome> {
	const {config, store, now} = deps;
	const subscriptions = new Map(config.subscriptions().map(subscription => [subscription.url, subscription]));
	const asked = [...new Set(request.urls ?? subscriptions.keys())];
	// Paused means not fetched at all, whatever asks: the entries stay readable.
	// An account's feed comes from its server (issue 16): blogroll never fetches its url itself.
	const fromAccounts = asked.filter(url => subscriptions.get(url)?.account !== undefined).length;
	const targets = asked.filter(url => subscriptions.get(url)?.paused !== true && subscriptions.get(url)?.account === undefined);
	const cached = new Map(store.listFeedRecords().map(feed => [feed.url, feed]));
	const moment = now().toISOString();
	// A feed never fetched into this cache is always due.
	const isDue = (url: string) => request.force || (cached.get(url)?.nextFetchAt ?? '') <= moment;
	const due = targets.filter(isDue);
	// From the map read above: config.findSubscription reads every subscription again, per feed.
	const titleOf = (url: string, own: string | null): string | null => subscriptions.get(url)?.title ?? own;
	// The feed pipeline (parsers, linkedom) loads on the first refresh, not at the reader's start-up.
	const {refreshFeeds} = await import('../sync/refresh.js');
	const report = due.length === 0
		? {results: []}
		: await refreshFeeds({http: deps.http, store, now}, due, {
				force: true,
				intervalMinutes: config.settings().refreshIntervalMinutes,
				feedSettings: url => fetchSettingsOf(subscriptions.get(url)),
				...(request.limits?.feeds === undefined ? {} : {maxPending: request.limits.feeds}),
				...(request.limits?.bodies === undefined ? {} : {maxBodies: request.limits.bodies}),
				...(request.limits?.storeSlice === undefined ? {} : {storeSlice: request.limits.storeSlice}),
				onProgress: progress => {
					const title = titleOf(progress.url, progress.title ?? null);
					request.onProgress?.({...progress, ...(title === null ? {} : {title}), result: {...progress.result, title}});
				},
			});
	// Moves whose new url is subscribed already (by the user, or by another moved feed) join it.
	const joined = new Set<string>();
	const results = report.results.map(result => ({...result, title: titleOf(result.url, result.title)}));
	for (const result of results) {
		if (!result.movedTo) continue;
		if (config.findSubscription(result.movedTo) !== undefined) joined.add(result.url);
		config.updateSubscription(result.url, {url: result.movedTo});
	}
	// Sync (issue 15): read and starred flags from other devices that waited for these entries.
	if (report.results.length > 0 && store.replicate().isRecording()) {
		const {applyToCache} = await import('../replicate/replica.js');
		applyToCache({config, store, now});
	}
	await fetchFullArticles(deps, results, subscriptions);
	return {results, notDue: targets.length - due.length, paused: asked.length - targets.length - fromAccounts, joined, fromAccounts};
}

function fetchSettingsOf(subscription: Subscription | undefined): FeedFetchSettings | undefined {
	if (subscription === undefined) return undefined;
	const {refreshIntervalMinutes, userAgent, charset, maxEntries} = subscription;
	return {
		...(refreshIntervalMinutes === undefined ? {} : {intervalMinutes: refreshIntervalMinutes}),
		...(userAgent === undefined ? {} : {userAgent}),
		...(charset === undefined ? {} : {charset}),
		...(maxEntries === undefined ? {} : {maxEntries}),
	};
}

/**
 * At most this many full articles per feed and refresh: a feed that brings 50 new posts at
 * once (a first fetch) does not turn into 50 page fetches from one small site; the newest go
 * first, the others when the reader opens them (`f`).
 */
export const FULL_ARTICLES_PER_REFRESH = 10;

/**
 * "Full article for every entry": the new entries of such feeds get their page fetched and
 * extracted (the reader's `f`), one page at a time per feed, through the one client and its
 * per-host limits. A page that fails leaves the entry as the feed gave it.
 */
async function fetchFullArticles(deps: RefreshSubscriptionsDeps, results: readonly FeedRefreshResult[], subscriptions: ReadonlyMap<string, Subscription>): Promise<void> {
	const wanted = results.filter(result => result.outcome === 'updated' && result.newEntries > 0 && subscriptions.get(result.url)?.fullArticle === true);
	if (wanted.length === 0) return;
	const {fetchFullArticle} = await import('../extract/fetch-full-article.js');
	await Promise.all(wanted.map(async result => {
		const feed = deps.store.getFeedByUrl(result.movedTo ?? result.url);
		if (feed === null) return;
		const newest = deps.store.listEntries({feedIds: [feed.id]}, {offset: 0, limit: Math.min(result.newEntries, FULL_ARTICLES_PER_REFRESH)});
		const userAgent = subscriptions.get(result.url)?.userAgent;
		for (const {id} of newest) {
			const entry = deps.store.getEntry(id);
			if (entry === null || entry.fullContent !== null || !entry.link || !/^https?:/i.test(entry.link)) continue;
			const article = await fetchFullArticle(deps.http, entry.link, deps.language, userAgent);
			if (!isFailure(article)) deps.store.setFullContent(id, article.content);
		}
	}));
}
