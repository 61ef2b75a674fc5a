/**
 * The fixes of feed health that are one step (the reader's keys on the feed info screen,
 * the same as the commands `doctor` names): remove the feed; subscribe to the feed the site
 * lists now instead (the user's title and tags move along, the old subscription goes);
 * fetch it again now.
 */
import type {Config} from '../config/config.js';
import {failed, isFailure, type Failure} from '../failure.js';
import type {HttpClient} from '../feeds/http-types.js';
import type {Store} from '../store/types.js';
import {removeFeed} from './feed-changes.js';
import {refreshSubscriptions, type RefreshOutcome} from './refresh-subscriptions.js';
import {subscribe} from './subscribe.js';

export interface FixDeps {
	readonly config: Config;
	readonly store: Store;
	readonly http: HttpClient;
	readonly now: () => Date;
}

export type FixOutcome =
	| {readonly kind: 'removed'; readonly url: string}
	| {readonly kind: 'replaced'; readonly url: string; readonly by: string; readonly title: string}
	| {readonly kind: 'refreshed'; readonly url: string; readonly outcome: RefreshOutcome};

/** Removes the feed and its cached entries. */
export function removeBrokenFeed(deps: Pick<FixDeps, 'config' | 'store'>, url: string): FixOutcome | Failure {
	const removed = removeFeed(deps, url);
	return isFailure(removed) ? removed : {kind: 'removed', url};
}

/**
 * Subscribes to `replacement` (fetched and validated like `blogroll add`) with the old
 * subscription's title and tags, then removes the old one. Nothing is removed when the
 * new feed cannot be subscribed.
 */
export async function replaceFeed(deps: FixDeps, url: string, replacement: string): Promise<FixOutcome | Failure> {
	const old = deps.config.findSubscription(url);
	if (old === undefined) return failed('unknown-feed', `No subscription for ${url}`);
	const added = await subscribe({url: replacement, title: old.title, tags: old.tags}, {config: deps.config, store: deps.store, http: deps.http, now: deps.now()});
	if (isFailure(added)) return added;
	const removed = removeFeed(deps, url);
	if (isFailure(removed)) return removed;
	return {kind: 'replaced', url, by: added.url, title: added.title};
}

/** Fetches the feed now, whatever its schedule (still conditional). */
export async function refreshNow(deps: FixDeps, url: string): Promise<FixOutcome> {
	const outcome = await refreshSubscriptions(deps, {urls: [url], force: true});
	return {kind: 'refreshed', url, outcome};
}
