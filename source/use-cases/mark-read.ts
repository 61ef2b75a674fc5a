/** Marking old entries read (`blogroll mark-read --older-than 30d [--feed F]`). */
import type {Config} from '../config/config.js';
import {isFailure, type Failure} from '../failure.js';
import {compileQuery} from '../query/compile.js';
import {parseAgeSpec, type QueryFailure} from '../query/parse.js';
import type {Store} from '../store/types.js';
import {buildQueryContext} from './query-context.js';
import {joinSubscriptions, resolveFeed} from './subscribed-feeds.js';

export interface MarkOlderRequest {
	/** An age as the query language writes it: `30d`, `2w`, `12h`, `3m`, or a date `2026-10-01`. */
	readonly olderThan: string;
	/** url, title or id; all feeds when absent. */
	readonly feed?: string;
}

/** How many entries were marked, and in which feed (its title; null: all feeds). */
export interface MarkedOlder {
	readonly count: number;
	readonly feedTitle: string | null;
}

export function markOlderRead(deps: {readonly config: Config; readonly store: Store; readonly now: Date}, request: MarkOlderRequest): MarkedOlder | QueryFailure | Failure {
	const {config, store} = deps;
	const since = parseAgeSpec(request.olderThan);
	if (isFailure(since)) return since;
	const cachedFeeds = store.listFeeds();
	let feedIds: number[] | undefined;
	let feedTitle: string | null = null;
	if (request.feed !== undefined) {
		const feed = resolveFeed(joinSubscriptions(config.subscriptions(), cachedFeeds), request.feed);
		if (isFailure(feed)) return feed;
		// A subscription never fetched has no entries to mark.
		feedIds = feed.cached ? [feed.cached.id] : [];
		feedTitle = feed.title;
	}
	const where = compileQuery({type: 'age', direction: 'older', since, column: 1}, buildQueryContext(config.subscriptions(), cachedFeeds, deps.now));
	return {count: store.markAllRead({feedIds, where}), feedTitle};
}
