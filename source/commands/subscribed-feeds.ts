import type {Config} from '../config/config.js';
import type {Subscription} from '../config/schema.js';
import {isFailure, type Failure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import type {FeedWithCounts, Store} from '../store/types.js';

/** A subscription with what the cache knows of it: the row `list` and the reader show. */
export interface SubscribedFeed<Cached extends CachedFeed = FeedWithCounts> {
	readonly subscription: Subscription;
	/** null when the feed was never fetched into this cache (new import, rebuilt cache). */
	readonly cached: Cached | null;
	/** The user's title, else the feed's, else the url. */
	readonly title: string;
}

/** What the join needs of a cache row (the reader passes narrower rows than `list`). */
type CachedFeed = Pick<FeedWithCounts, 'url' | 'title'>;

/** Joins config and cache by url, in the order of the subscriptions. */
export function joinSubscriptions<Cached extends CachedFeed = FeedWithCounts>(subscriptions: readonly Subscription[], cachedFeeds: readonly Cached[]): SubscribedFeed<Cached>[] {
	const byUrl = new Map(cachedFeeds.map(feed => [feed.url, feed]));
	return subscriptions.map(subscription => {
		const cached = byUrl.get(subscription.url) ?? null;
		return {subscription, cached, title: subscription.title ?? (cached?.title || subscription.url)};
	});
}

/**
 * Finds the subscription a user meant by url, cache id or title (case-insensitive,
 * the user's title or the feed's; else a part of exactly one title). Ambiguous names
 * match nothing.
 */
export function findSubscribedFeed(feeds: readonly SubscribedFeed[], needle: string): SubscribedFeed | 'ambiguous' | undefined {
	const byUrl = feeds.find(feed => feed.subscription.url === needle);
	if (byUrl) return byUrl;
	if (/^\d+$/.test(needle)) {
		const byId = feeds.find(feed => feed.cached?.id === Number(needle));
		if (byId) return byId;
	}
	const lower = needle.trim().toLocaleLowerCase();
	const titlesOf = (feed: SubscribedFeed) => [feed.title, feed.cached?.title ?? ''].map(title => title.toLocaleLowerCase());
	const byTitle = feeds.filter(feed => titlesOf(feed).includes(lower));
	if (byTitle.length > 1) return 'ambiguous';
	if (byTitle.length === 1) return byTitle[0];
	// "Klartext" for „Klartext – Kommunikation ohne Umwege“: a part of one title only.
	if (lower.length < 3) return undefined;
	const byPart = feeds.filter(feed => titlesOf(feed).some(title => title.includes(lower)));
	return byPart.length > 1 ? 'ambiguous' : byPart[0];
}

/** The feed a command argument names, or the one-line message saying why there is none. */
export function resolveFeedArgument(feeds: readonly SubscribedFeed[], needle: string): SubscribedFeed | string {
	const match = findSubscribedFeed(feeds, needle);
	const shown = sanitizeLine(needle);
	if (match === 'ambiguous') return `Several feeds are called "${shown}"; name it by url or id (see blogroll list)`;
	if (!match) return `No subscription matches "${shown}" (see blogroll list)`;
	return match;
}

/** Every subscription with its cache row; a cache that could not be opened lends nothing. */
export function subscribedFeeds(config: Config, store: Store | Failure): SubscribedFeed[] {
	return joinSubscriptions(config.subscriptions(), isFailure(store) ? [] : store.listFeeds());
}
