/**
 * What the store derives from a feed item before writing it: the hash that tells a
 * changed entry from an unchanged one, and the plain text of its content and summary for
 * the full-text index. Pure and free of the database, so that a refresh can compute it on
 * a parser worker beside the main thread (see sync/parse-pool.ts); the store computes
 * whatever an item does not bring.
 */
import {createHash} from 'node:crypto';
import type {FeedItem} from '../feeds/types.js';
import {toIndexText} from './index-text.js';

/** A feed item with the store's derived values. */
export interface PreparedItem extends FeedItem {
	readonly contentHash: string;
	/**
	 * toIndexText of `content` and of `summary`; absent when the cache held the item with this
	 * very hash at parse time (nothing to index: a day's refresh leaves most items so), and
	 * then computed by the store should it write the item after all.
	 */
	readonly contentIndexText?: string;
	readonly summaryIndexText?: string;
}

/** Changes whenever anything the store keeps of the item changes. */
export function contentHash(item: FeedItem): string {
	return createHash('sha1')
		.update(JSON.stringify([item.title, item.link, item.author, item.published, item.updated, item.content, item.summary]))
		.digest('base64');
}

/** `known`: the cached entries' hashes by guid (Store.entryHashes); an item found there unchanged gets no index text. */
export function prepareItem(item: FeedItem, known?: ReadonlyMap<string, string>): PreparedItem {
	const hash = contentHash(item);
	if (known !== undefined && known.get(item.id) === hash) return {...item, contentHash: hash};
	return {
		...item,
		contentHash: hash,
		contentIndexText: toIndexText(item.content),
		summaryIndexText: toIndexText(item.summary),
	};
}

export function isPrepared(item: FeedItem): item is PreparedItem {
	return typeof (item as Partial<PreparedItem>).contentHash === 'string';
}
