/**
 * Refreshing subscriptions, for `blogroll refresh` and the reader's `r`/`R`: only the feeds
 * that are due are fetched (and reported as progress), the others are counted as not due;
 * permanent moves update the subscriptions; every title is the user's own (after `rename`).
 */
import type {Config} from '../config/config.js';
import type {HttpClient} from '../feeds/http-types.js';
import type {Store} from '../store/types.js';
import type {FeedRefreshResult, RefreshProgress} from '../sync/refresh.js';

export interface RefreshSubscriptionsDeps {
	readonly config: Config;
	readonly store: Store;
	readonly http: HttpClient;
	readonly now: () => Date;
}

export interface RefreshRequest {
	/** Subscription urls; every subscription when absent. */
	readonly urls?: readonly string[];
	/** Fetch even feeds that are not due (still conditional). */
	readonly force: boolean;
	/** After each fetched feed; `total` counts only the feeds fetched. */
	readonly onProgress?: (progress: RefreshProgress) => void;
}

export interface RefreshOutcome {
	/** One per fetched feed, titles as the user named them. */
	readonly results: readonly FeedRefreshResult[];
	/** Feeds left alone because their next fetch time has not come. */
	readonly notDue: number;
	/** Urls of feeds that moved onto a url already subscribed, and became one with it. */
	readonly joined: ReadonlySet<string>;
}

export async function refreshSubscriptions(deps: RefreshSubscriptionsDeps, request: RefreshRequest): Promise<RefreshOutcome> {
	const {config, store, now} = deps;
	const targets = [...new Set(request.urls ?? config.subscriptions().map(subscription => subscription.url))];
	const cached = new Map(store.listFeedRecords().map(feed => [feed.url, feed]));
	const moment = now().toISOString();
	// A feed never fetched into this cache is always due.
	const isDue = (url: string) => request.force || (cached.get(url)?.nextFetchAt ?? '') <= moment;
	const due = targets.filter(isDue);
	const titleOf = (url: string, own: string | null): string | null => config.findSubscription(url)?.title ?? own;
	// The feed pipeline (parsers, linkedom) loads on the first refresh, not at the reader's start-up.
	const {refreshFeeds} = await import('../sync/refresh.js');
	const report = due.length === 0
		? {results: []}
		: await refreshFeeds({http: deps.http, store, now}, due, {
				force: true,
				intervalMinutes: config.settings().refreshIntervalMinutes,
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
	return {results, notDue: targets.length - due.length, joined};
}
