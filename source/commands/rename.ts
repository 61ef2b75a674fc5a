import {isFailure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {reportError, type CommandContext} from './context.js';
import {resolveFeedArgument, subscribedFeeds} from './subscribed-feeds.js';

/**
 * `blogroll rename <feed> <title>`: the user's own title for a feed; the url (its identity)
 * stays. An empty title goes back to the feed's own.
 */
export async function runRename(options: {readonly feed: string; readonly title: string}, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	const feed = resolveFeedArgument(subscribedFeeds(config, store), options.feed);
	if (typeof feed === 'string') return reportError(io, feed);

	// Stored sanitized: a title is shown in many places, and only ever as one line.
	const title = sanitizeLine(options.title.normalize('NFC'));
	config.updateSubscription(feed.subscription.url, {title: title === '' ? null : title});
	const own = feed.cached?.title ? sanitizeLine(feed.cached.title) : sanitizeLine(feed.subscription.url);
	io.stdout.write(
		title === ''
			? `${sanitizeLine(feed.title)} is called ${own} again (the feed's own title).\n`
			: `Renamed ${sanitizeLine(feed.title)} to ${title} (${sanitizeLine(feed.subscription.url)}).\n`,
	);
	return 0;
}
