/**
 * Churning entry ids (issue 14): some feeds give the same post a new guid on every fetch
 * (a plugin that puts a timestamp or a session into it), so it shows as new again and
 * again. Once the refresh has seen that happen, the feed's entries are known by a stable
 * key instead: the link, or, where there is none (or several posts share one), a hash of
 * title and date — the key normalize.ts falls back to for an item without any id. Pure.
 */
import {createHash} from 'node:crypto';
import type {FeedItem} from '../feeds/types.js';

/** What the key is made of: an item's, or a cached entry's, fields. */
export interface KeyFields {
	readonly link: string | null;
	readonly title: string;
	readonly published: string | null;
}

/** The title + date key (as normalize.ts's last fallback): the same post hashes the same on every fetch. */
export function titleDateKey(entry: KeyFields): string {
	// The date as the cache writes it, so that an item and its cached entry give the same key.
	const time = entry.published === null ? Number.NaN : Date.parse(entry.published);
	const date = Number.isNaN(time) ? entry.published ?? '' : new Date(time).toISOString();
	return createHash('sha1').update(`${entry.title}\n${date}`).digest('hex');
}

/**
 * The stable key of each entry of one set (a fetched document, or a feed's cached entries):
 * its link, unless another entry of the set with another title has the same link (a feed
 * that links every post to its home page: those are different posts), then title + date.
 */
export function stableKeys(entries: readonly KeyFields[]): string[] {
	const titlesByLink = new Map<string, Set<string>>();
	for (const entry of entries) {
		if (entry.link === null) continue;
		let titles = titlesByLink.get(entry.link);
		if (titles === undefined) titlesByLink.set(entry.link, (titles = new Set()));
		titles.add(entry.title);
	}
	return entries.map((entry) => (entry.link !== null && titlesByLink.get(entry.link)!.size === 1 ? entry.link : titleDateKey(entry)));
}

/** The items with their stable key as id (other fields, prepared ones included, unchanged). */
export function withStableIds<Item extends FeedItem>(items: readonly Item[]): Item[] {
	const keys = stableKeys(items);
	return items.map((item, index) => (item.id === keys[index] ? item : {...item, id: keys[index]!}));
}
