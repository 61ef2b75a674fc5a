import {isFailure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {removeFeed} from '../use-cases/feed-changes.js';
import {resolveFeed, subscribedFeeds} from '../use-cases/subscribed-feeds.js';
import {reportError, type CommandContext} from './context.js';

/** `blogroll remove <url|title|id>`: unsubscribes and drops the feed's cached entries. */
export async function runRemove(options: {readonly feed: string}, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	const match = resolveFeed(subscribedFeeds(config, store), options.feed);
	if (isFailure(match)) return reportError(io, match.message);
	const removed = removeFeed({config, store}, match.subscription.url);
	if (isFailure(removed)) return reportError(io, removed.message);
	io.stdout.write(`Removed ${sanitizeLine(match.title)} (${match.subscription.url}).\n`);
	return 0;
}
