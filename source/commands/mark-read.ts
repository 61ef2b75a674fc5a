import {isFailure} from '../failure.js';
import {compileQuery} from '../query/compile.js';
import {parseAgeSpec} from '../query/parse.js';
import {sanitizeLine} from '../text/sanitize.js';
import {reportError, type CommandContext} from './context.js';
import {buildQueryContext} from './query-context.js';
import {joinSubscriptions, resolveFeedArgument} from './subscribed-feeds.js';

export interface MarkReadOptions {
	/** An age as the query language writes it: `30d`, `2w`, `12h`, `3m`, or a date `2026-10-01`. */
	readonly olderThan: string;
	/** url, title or id; all feeds when absent. */
	readonly feed?: string;
}

/** `blogroll mark-read --older-than 30d [--feed F]`: marks old unread entries read. */
export async function runMarkRead(options: MarkReadOptions, context: CommandContext): Promise<number> {
	const {io} = context;
	const since = parseAgeSpec(options.olderThan);
	if (isFailure(since)) return reportError(io, `--older-than: ${since.problem}`);
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);

	const cachedFeeds = store.listFeeds();
	let feedIds: number[] | undefined;
	let scope = 'all feeds';
	if (options.feed !== undefined) {
		const feed = resolveFeedArgument(joinSubscriptions(config.subscriptions(), cachedFeeds), options.feed);
		if (typeof feed === 'string') return reportError(io, feed);
		// A subscription never fetched has no entries to mark.
		feedIds = feed.cached ? [feed.cached.id] : [];
		scope = sanitizeLine(feed.title);
	}
	const where = compileQuery({type: 'age', direction: 'older', since, column: 1}, buildQueryContext(config.subscriptions(), cachedFeeds, context.now()));
	const count = store.markAllRead({feedIds, where});
	io.stdout.write(`Marked ${count} entr${count === 1 ? 'y' : 'ies'} older than ${sanitizeLine(options.olderThan.trim())} read (${scope}).\n`);
	return 0;
}
