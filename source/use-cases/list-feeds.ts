/**
 * Subscriptions with the counts a user sees: what the ignore rules hide is not counted, in
 * `blogroll list` as in the reader's feed list.
 */
import type {Config} from '../config/config.js';
import type {QueryWhere} from '../query/compile.js';
import type {EntryCounts, FeedWithCounts, Store} from '../store/types.js';
import {buildQueryContext, loadIgnoreRules} from './query-context.js';
import {joinSubscriptions, type SubscribedFeed} from './subscribed-feeds.js';

type CountedFeed = Pick<FeedWithCounts, 'id' | 'url' | 'title' | 'unreadCount' | 'totalCount'>;

/** A subscription, its cache row and its visible counts (0 when never fetched). */
export interface ListedFeed<Cached extends CountedFeed = FeedWithCounts> extends SubscribedFeed<Cached> {
	readonly unread: number;
	readonly total: number;
	/** What the ignore rules hide of this feed. */
	readonly hidden: EntryCounts;
}

const NONE: EntryCounts = {total: 0, unread: 0};

/**
 * One grouped count of what the rules hide, taken off the indexed per-feed counts: the hidden
 * entries are few, the visible ones many (0.05 ms against 20 ms for counting the visible
 * ones at 100 000 entries).
 */
export function withVisibleCounts<Cached extends CountedFeed>(store: Store, feeds: readonly SubscribedFeed<Cached>[], hidden: QueryWhere | undefined): ListedFeed<Cached>[] {
	const hiddenByFeed = hidden === undefined ? null : store.countEntriesByFeed({where: hidden});
	return feeds.map(feed => {
		const minus = (feed.cached && hiddenByFeed?.get(feed.cached.id)) || NONE;
		return {
			...feed,
			unread: Math.max(0, (feed.cached?.unreadCount ?? 0) - minus.unread),
			total: Math.max(0, (feed.cached?.totalCount ?? 0) - minus.total),
			hidden: minus,
		};
	});
}

/** Every subscription in config order with its full cache row and visible counts: `blogroll list`. */
export function listFeeds(deps: {readonly config: Config; readonly store: Store; readonly now: Date}): ListedFeed[] {
	const {config, store, now} = deps;
	const cached = store.listFeeds();
	const feeds = joinSubscriptions(config.subscriptions(), cached);
	const hidden = config.ignoreRules().length === 0 ? undefined : loadIgnoreRules(config, buildQueryContext(config.subscriptions(), cached, now)).hidden;
	return withVisibleCounts(store, feeds, hidden);
}
