/**
 * The bridge between the pure query language and the real config and cache: which feeds
 * exist with which tags and titles, and the ignore rules in force. Shared by search, views,
 * ignore rules and mark-read, in the CLI and the reader alike.
 */
import type {Config} from '../config/config.js';
import type {Subscription} from '../config/schema.js';
import type {QueryContext} from '../query/compile.js';
import {compileIgnoreRules, type CompiledIgnoreRules} from '../query/ignore.js';
import type {FeedRecord} from '../store/types.js';

/** Feeds of the subscriptions that the cache knows (only they can have entries). */
export function buildQueryContext(subscriptions: readonly Subscription[], cachedFeeds: readonly Pick<FeedRecord, 'id' | 'url' | 'title'>[], now: Date): QueryContext {
	const byUrl = new Map(cachedFeeds.map(feed => [feed.url, feed]));
	return {
		now,
		feeds: subscriptions.flatMap(subscription => {
			const cached = byUrl.get(subscription.url);
			if (cached === undefined) return [];
			return [
				{
					id: cached.id,
					url: subscription.url,
					titles: [subscription.title, cached.title].filter((title): title is string => Boolean(title)),
					tags: subscription.tags,
				},
			];
		}),
	};
}

/** The config's ignore rules, compiled against the same context. */
export function loadIgnoreRules(config: Config, context: QueryContext): CompiledIgnoreRules {
	return compileIgnoreRules(config.ignoreRules(), context);
}
