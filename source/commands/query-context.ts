/**
 * The bridge between the pure query language and the real config and cache: which feeds
 * exist with which tags and titles, and the ignore rules in force. Shared by `search`,
 * `view`, `ignore` and `mark-read` (and usable by the reader's services).
 */
import type {Config} from '../config/config.js';
import type {Subscription} from '../config/schema.js';
import {compileQueryText, type QueryContext, type QueryFailure, type QueryWhere} from '../query/compile.js';
import {compileIgnoreRules, withoutIgnored, type CompiledIgnoreRules} from '../query/ignore.js';
import type {FeedRecord, FeedWithCounts} from '../store/types.js';

/** Feeds of the subscriptions that the cache knows (only they can have entries). */
export function buildQueryContext(subscriptions: readonly Subscription[], cachedFeeds: readonly FeedRecord[], now: Date): QueryContext {
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


/**
 * A query (or none) as an `EntryFilter['where']` over the current config and cache, with the
 * ignore rules applied: what a view, a search or the reader's lists should pass to the store.
 */
export function compileVisibleWhere(
	query: string | undefined,
	config: Config,
	cachedFeeds: readonly FeedWithCounts[],
	now: Date,
): QueryWhere | undefined | QueryFailure {
	const context = buildQueryContext(config.subscriptions(), cachedFeeds, now);
	const ignore = loadIgnoreRules(config, context);
	if (query === undefined) return ignore.visible;
	const compiled = compileQueryText(query, context);
	if ('kind' in compiled) return compiled;
	return withoutIgnored(compiled, ignore);
}
