import {isFailure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {reportError, type CommandContext} from './context.js';
import {resolveFeedArgument, subscribedFeeds} from './subscribed-feeds.js';

/** `blogroll remove <url|title|id>`: unsubscribes and drops the feed's cached entries. */
export async function runRemove(options: {readonly feed: string}, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	const match = resolveFeedArgument(subscribedFeeds(config, store), options.feed);
	if (typeof match === 'string') return reportError(io, match);

	config.removeSubscription(match.subscription.url);
	if (!isFailure(store) && match.cached) store.removeFeed(match.cached.id);
	io.stdout.write(`Removed ${sanitizeLine(match.title)} (${match.subscription.url}).\n`);
	return 0;
}
