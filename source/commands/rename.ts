import {isFailure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {renameFeed} from '../use-cases/feed-changes.js';
import {resolveFeed, subscribedFeeds} from '../use-cases/subscribed-feeds.js';
import {reportError, type CommandContext} from './context.js';

/**
 * `blogroll rename <feed> <title>`: the user's own title for a feed; the url (its identity)
 * stays. An empty title goes back to the feed's own.
 */
export async function runRename(options: {readonly feed: string; readonly title: string}, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	const feed = resolveFeed(subscribedFeeds(config, store), options.feed);
	if (isFailure(feed)) return reportError(io, feed.message);
	const renamed = renameFeed({config, store}, feed.subscription.url, options.title);
	if (isFailure(renamed)) return reportError(io, renamed.message);
	io.stdout.write(
		renamed.title === null
			? `${sanitizeLine(feed.title)} is called ${renamed.own} again (the feed's own title).\n`
			: `Renamed ${sanitizeLine(feed.title)} to ${renamed.title} (${sanitizeLine(feed.subscription.url)}).\n`,
	);
	return 0;
}
