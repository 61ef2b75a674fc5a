/**
 * Subscriptions joined to what the cache knows of them, and the one resolver that turns what
 * a user typed (url, id, title) into a feed: shared by every command and the reader.
 */
import type {Config} from '../config/config.js';
import type {Subscription} from '../config/schema.js';
import {failed, isFailure, type Failure} from '../failure.js';
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

/** The user's title for each cached feed id (else the feed's own, else its url): what every list shows. */
export function feedTitlesById(subscriptions: readonly Subscription[], cachedFeeds: readonly (CachedFeed & {readonly id: number})[]): Map<number, string> {
	return new Map(joinSubscriptions(subscriptions, cachedFeeds).flatMap(feed => (feed.cached ? [[feed.cached.id, feed.title] as const] : [])));
}

/**
 * Finds the subscription a user meant, trying ever looser readings and stopping at the first
 * that names anything: the url, the cache id, the title exactly as shown (the user's, else the
 * feed's), the user's or the feed's own title exactly, either title in any case, and last a
 * part of a title. Within one reading, two feeds are ambiguous; an exact title therefore wins
 * over feeds that merely contain it.
 */
export function findSubscribedFeed<Cached extends CachedFeed & {readonly id: number}>(
	feeds: readonly SubscribedFeed<Cached>[],
	needle: string,
): SubscribedFeed<Cached> | 'ambiguous' | undefined {
	const byUrl = feeds.find(feed => feed.subscription.url === needle);
	if (byUrl) return byUrl;
	if (/^\d+$/.test(needle)) {
		const byId = feeds.find(feed => feed.cached?.id === Number(needle));
		if (byId) return byId;
	}
	const exact = needle.normalize('NFC').trim();
	const lower = exact.toLocaleLowerCase();
	if (exact === '') return undefined;
	const titlesOf = (feed: SubscribedFeed<Cached>) => [feed.title, feed.cached?.title ?? ''].map(title => title.normalize('NFC').trim());
	const readings: ((feed: SubscribedFeed<Cached>) => boolean)[] = [
		feed => feed.title.normalize('NFC').trim() === exact,
		feed => titlesOf(feed).includes(exact),
		feed => titlesOf(feed).some(title => title.toLocaleLowerCase() === lower),
		// "Klartext" for „Klartext – Kommunikation ohne Umwege“: a part of one title only.
		feed => lower.length >= 3 && titlesOf(feed).some(title => title.toLocaleLowerCase().includes(lower)),
	];
	for (const matches of readings) {
		const found = feeds.filter(matches);
		if (found.length > 1) return 'ambiguous';
		if (found.length === 1) return found[0];
	}
	return undefined;
}

/** The feed a command argument names, or a failure saying in one line why there is none. */
export function resolveFeed<Cached extends CachedFeed & {readonly id: number}>(feeds: readonly SubscribedFeed<Cached>[], needle: string): SubscribedFeed<Cached> | Failure {
	const match = findSubscribedFeed(feeds, needle);
	const shown = sanitizeLine(needle);
	if (match === 'ambiguous') return failed('ambiguous-feed', `Several feeds are called "${shown}"; name it by url or id (see blogroll list)`);
	if (!match) return failed('unknown-feed', `No subscription matches "${shown}" (see blogroll list)`);
	return match;
}

/** Every subscription with its cache row; a cache that could not be opened lends nothing. */
export function subscribedFeeds(config: Config, store: Store | Failure): SubscribedFeed[] {
	return joinSubscriptions(config.subscriptions(), isFailure(store) ? [] : store.listFeeds());
}
