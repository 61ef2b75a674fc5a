import {isFailure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {changeFeedTags} from '../use-cases/feed-changes.js';
import {resolveFeed, subscribedFeeds} from '../use-cases/subscribed-feeds.js';
import {reportError, type CommandContext} from './context.js';

export interface TagOptions {
	/** url, title or id, as `blogroll remove` takes it. */
	readonly feed: string;
	readonly tags: readonly string[];
	/** `--private` / `--public`: keep the feed out of (or put it back into) the published blogroll. */
	readonly visibility?: 'private' | 'public';
}

/** `blogroll tag <feed> <tag...>`: adds tags (a tag already there, in any case, is kept as it is). */
export async function runTag(options: TagOptions, context: CommandContext): Promise<number> {
	return changeTags(options, context, 'add');
}

/** `blogroll untag <feed> <tag...>`: removes tags, case-insensitively. */
export async function runUntag(options: TagOptions, context: CommandContext): Promise<number> {
	return changeTags(options, context, 'remove');
}

async function changeTags(options: TagOptions, context: CommandContext, change: 'add' | 'remove'): Promise<number> {
	const {io} = context;
	const tags = options.tags.map(tag => sanitizeLine(tag.normalize('NFC')));
	if (change === 'add' && tags.length === 0 && options.visibility !== undefined) return changeVisibility(options, options.visibility, context);
	if (tags.length === 0 || tags.some(tag => tag === '')) return reportError(io, 'Name at least one tag, none of them empty');
	if (options.visibility !== undefined) {
		const code = await changeVisibility(options, options.visibility, context);
		if (code !== 0) return code;
	}
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	const feed = resolveFeed(subscribedFeeds(config, store), options.feed);
	if (isFailure(feed)) return reportError(io, feed.message);
	const next = changeFeedTags({config, store}, {url: feed.subscription.url, title: feed.title}, options.tags, change);
	if (isFailure(next)) return reportError(io, next.message);
	const shown = next.length === 0 ? 'has no tags' : `is tagged ${next.map(tag => sanitizeLine(tag)).join(', ')}`;
	io.stdout.write(`${sanitizeLine(feed.title)} ${shown}.\n`);
	return 0;
}

async function changeVisibility(options: TagOptions, visibility: 'private' | 'public', context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const feed = resolveFeed(subscribedFeeds(config, context.store()), options.feed);
	if (isFailure(feed)) return reportError(io, feed.message);
	config.updateSubscription(feed.subscription.url, {private: visibility === 'private'});
	io.stdout.write(
		visibility === 'private'
			? `${sanitizeLine(feed.title)} is private: it stays out of your published blogroll (export --blogroll).\n`
			: `${sanitizeLine(feed.title)} is public: it is part of your published blogroll (export --blogroll).\n`,
	);
	return 0;
}
