/**
 * What a user changes about one subscription — remove it, rename it, tag it — the same way
 * from `blogroll remove|rename|tag|untag` and from the reader's `d`, `e` and `t`.
 * The feed is named by its url (callers resolve what the user typed with `resolveFeed`).
 */
import type {Config} from '../config/config.js';
import {failed, isFailure, type Failure} from '../failure.js';
import type {Store} from '../store/types.js';
import {sanitizeLine} from '../text/sanitize.js';

export interface FeedChangeDeps {
	readonly config: Config;
	/** A cache that could not be opened: config changes still work. */
	readonly store: Store | Failure;
}

function subscriptionAt(config: Config, url: string) {
	return config.findSubscription(url) ?? failed('unknown-feed', `No subscription for ${sanitizeLine(url)}`);
}

/** Unsubscribes and drops the feed's cached entries. */
export function removeFeed(deps: FeedChangeDeps, url: string): {readonly url: string} | Failure {
	const subscription = subscriptionAt(deps.config, url);
	if (isFailure(subscription)) return subscription;
	deps.config.removeSubscription(url);
	const cached = isFailure(deps.store) ? null : deps.store.getFeedByUrl(url);
	if (cached && !isFailure(deps.store)) deps.store.removeFeed(cached.id);
	return {url};
}

/** The result of a rename: the user's title now in force (null: the feed's own), and the feed's own title. */
export interface Renamed {
	readonly title: string | null;
	/** The feed's own title, else its url: what an empty title brings back. */
	readonly own: string;
}

/** The user's own title (stored sanitized: a title is only ever shown as one line); empty restores the feed's own. */
export function renameFeed(deps: FeedChangeDeps, url: string, title: string): Renamed | Failure {
	const subscription = subscriptionAt(deps.config, url);
	if (isFailure(subscription)) return subscription;
	const clean = sanitizeLine(title.normalize('NFC')).trim();
	deps.config.updateSubscription(url, {title: clean === '' ? null : clean});
	const cachedTitle = isFailure(deps.store) ? null : deps.store.getFeedByUrl(url)?.title;
	return {title: clean === '' ? null : clean, own: sanitizeLine(cachedTitle || url)};
}

/** One spelling per tag, whatever the case (`coaching` and `Coaching` are one group), sanitized, none empty. */
export function cleanTags(tags: readonly string[]): string[] {
	const kept: string[] = [];
	for (const tag of tags.map(tag => sanitizeLine(tag.normalize('NFC')).trim())) {
		if (tag !== '' && !kept.some(other => sameTag(other, tag))) kept.push(tag);
	}
	return kept;
}

/** Tags as `add --tag` and imports take them: "a,b" is two tags. */
export function normalizeTags(tags: readonly string[]): string[] {
	return cleanTags(tags.flatMap(tag => tag.split(',')));
}

function sameTag(a: string, b: string): boolean {
	return a.toLocaleLowerCase() === b.toLocaleLowerCase();
}

/** Replaces the feed's tags (the reader's `t`); returns the tags now in force. */
export function setFeedTags(deps: FeedChangeDeps, url: string, tags: readonly string[]): string[] | Failure {
	const subscription = subscriptionAt(deps.config, url);
	if (isFailure(subscription)) return subscription;
	const kept = cleanTags(tags);
	deps.config.updateSubscription(url, {tags: kept});
	return kept;
}

/**
 * Adds tags (one already there, in any case, is kept as it is) or removes them, case-insensitively
 * (`blogroll tag|untag`). Removing only tags the feed does not have is a failure.
 */
export function changeFeedTags(deps: FeedChangeDeps, feed: {readonly url: string; readonly title: string}, tags: readonly string[], change: 'add' | 'remove'): string[] | Failure {
	const {url} = feed;
	const subscription = subscriptionAt(deps.config, url);
	if (isFailure(subscription)) return subscription;
	const named = tags.map(tag => sanitizeLine(tag.normalize('NFC')));
	if (named.length === 0 || named.some(tag => tag === '')) return failed('no-tags', 'Name at least one tag, none of them empty');
	const own = subscription.tags;
	let next: string[];
	if (change === 'add') {
		next = [...own];
		for (const tag of named) if (!next.some(existing => sameTag(existing, tag))) next.push(tag);
	} else {
		const unknown = named.filter(tag => !own.some(existing => sameTag(existing, tag)));
		if (unknown.length === named.length) return failed('unknown-tag', `${sanitizeLine(feed.title)} has no tag ${unknown.map(tag => `"${tag}"`).join(', ')}`);
		next = own.filter(existing => !named.some(tag => sameTag(existing, tag)));
	}
	deps.config.updateSubscription(url, {tags: next});
	return next;
}
