import {isFailure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {reportError, type CommandContext} from './context.js';
import {findSubscribedFeed, joinSubscriptions} from './subscribed-feeds.js';

/** `blogroll remove <url|title|id>`: unsubscribes and drops the feed's cached entries. */
export async function runRemove(options: {readonly feed: string}, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	const cachedFeeds = isFailure(store) ? [] : store.listFeeds();
	const match = findSubscribedFeed(joinSubscriptions(config.subscriptions(), cachedFeeds), options.feed);
	const shown = sanitizeLine(options.feed);
	if (match === 'ambiguous') return reportError(io, `Several feeds are called "${shown}"; name it by url or id (see blogroll list)`);
	if (!match) return reportError(io, `No subscription matches "${shown}" (see blogroll list)`);

	config.removeSubscription(match.subscription.url);
	if (!isFailure(store) && match.cached) store.removeFeed(match.cached.id);
	io.stdout.write(`Removed ${sanitizeLine(match.title)} (${match.subscription.url}).\n`);
	return 0;
}
