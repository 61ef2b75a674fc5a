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
	// A feed server account's feed is unsubscribed there first (issue 16): refused, nothing changes here.
	if (match.subscription.account !== undefined && !isFailure(store)) {
		const {accountDeps} = await import('./account.js');
		const {unsubscribeOnAccount} = await import('../use-cases/accounts.js');
		const done = await unsubscribeOnAccount(match.subscription, accountDeps(context, config, store));
		if (isFailure(done)) return reportError(io, done.message);
		io.stdout.write(`Removed ${sanitizeLine(match.title)} (${match.subscription.url}) here and on ${done.account.name}.\n`);
		return 0;
	}
	const removed = removeFeed({config, store}, match.subscription.url);
	if (isFailure(removed)) return reportError(io, removed.message);
	io.stdout.write(`Removed ${sanitizeLine(match.title)} (${match.subscription.url}).\n`);
	return 0;
}
