/**
 * Filling in a feed's history, for `blogroll backfill`, for `blogroll add` (right after
 * subscribing) and for the reader's `B`: the limits come from the request or the settings,
 * "older than the subscription" from the subscription's addedAt; sync/backfill-feed.ts
 * fetches and stores.
 */
import type {Config} from '../config/config.js';
import type {Subscription} from '../config/schema.js';
import type {HttpClient} from '../feeds/http-types.js';
import type {ParsedFeed} from '../feeds/types.js';
import {failed, isFailure, type Failure} from '../failure.js';
import type {Store} from '../store/types.js';
import {backfillFeed as backfillPages, type BackfillLimits, type BackfillProgress, type BackfillReport} from '../sync/backfill-feed.js';
import {joinSubscriptions, resolveFeed} from './subscribed-feeds.js';

export type {BackfillProgress, BackfillReport} from '../sync/backfill-feed.js';

export interface BackfillDeps {
	readonly config: Config;
	readonly store: Store;
	readonly http: HttpClient;
	readonly now: () => Date;
	readonly signal?: AbortSignal;
}

export interface BackfillRequest {
	/** The feed as the user names it: url, title or id (see resolveFeed). */
	readonly feed: string;
	/** At most this many pages in this run (`--pages N`); else the settings' limits. */
	readonly pages?: number;
	/** No limit (`--all`). */
	readonly all?: boolean;
	readonly onProgress?: (progress: BackfillProgress) => void;
}

/** What a backfill did, with the feed's title as the user sees it. */
export interface BackfillOutcome extends BackfillReport {
	readonly url: string;
	readonly title: string;
}

/** `blogroll backfill <feed>` and the reader's `B`: the named subscription's history. */
export async function backfillSubscription(request: BackfillRequest, deps: BackfillDeps): Promise<BackfillOutcome | Failure> {
	const feeds = joinSubscriptions(deps.config.subscriptions(), deps.store.listFeeds());
	const match = resolveFeed(feeds, request.feed);
	if (isFailure(match)) return match;
	// A feed server account's feed (issue 16) comes from its server: blogroll never fetches its url.
	if (match.subscription.account !== undefined) {
		return failed('account-feed', `${match.title} comes from the account ${match.subscription.account}: its server brings its entries (blogroll sync), blogroll does not fetch it`, {title: match.title, target: match.subscription.account});
	}
	const settings = deps.config.settings();
	const limits: BackfillLimits = request.all === true
		? {maxPages: null, maxEntries: null}
		: request.pages === undefined
			? {maxPages: settings.backfillPages, maxEntries: settings.backfillEntries}
			: {maxPages: request.pages, maxEntries: null};
	const report = await run(match.subscription, limits, request.onProgress, deps);
	return {...report, url: match.subscription.url, title: match.title};
}

/**
 * Right after subscribing (`blogroll add`): the settings' limits (none when backfillPages is
 * 0). The first page is the feed just stored, so it adds nothing; a later `blogroll backfill`
 * goes on where this one stopped.
 */
export async function backfillNewSubscription(
	request: {readonly url: string; readonly firstPage?: ParsedFeed; readonly onProgress?: (progress: BackfillProgress) => void},
	deps: BackfillDeps,
): Promise<BackfillReport | null> {
	const subscription = deps.config.findSubscription(request.url);
	const settings = deps.config.settings();
	if (subscription === undefined || settings.backfillPages === 0) return null;
	const firstPage = request.firstPage === undefined ? undefined : {url: request.url, feed: request.firstPage};
	return run(subscription, {maxPages: settings.backfillPages, maxEntries: settings.backfillEntries}, request.onProgress, deps, firstPage);
}

function run(
	subscription: Subscription,
	limits: BackfillLimits,
	onProgress: ((progress: BackfillProgress) => void) | undefined,
	deps: BackfillDeps,
	firstPage?: {readonly url: string; readonly feed: ParsedFeed},
): Promise<BackfillReport> {
	const markOlderRead = deps.config.settings().backfillMarkOlderRead;
	return backfillPages(deps.http, deps.store, {
		url: subscription.url,
		limits,
		readBefore: markOlderRead ? normalizeDate(subscription.addedAt) : null,
		now: deps.now,
		...(onProgress === undefined ? {} : {onProgress}),
		...(deps.signal === undefined ? {} : {signal: deps.signal}),
		...(firstPage === undefined ? {} : {firstPage}),
	});
}

/** ISO 8601 with milliseconds as the store compares dates; null when the config holds no date. */
function normalizeDate(value: string | undefined): string | null {
	const time = value === undefined ? Number.NaN : Date.parse(value);
	return Number.isNaN(time) ? null : new Date(time).toISOString();
}
