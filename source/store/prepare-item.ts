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
	/** toIndexText of `content` and of `summary`. */
	readonly contentIndexText: string;
	readonly summaryIndexText: string;
}

/** Changes whenever anything the store keeps of the item changes. */
export function contentHash(item: FeedItem): string {
	return createHash('sha1')
		.update(JSON.stringify([item.title, item.link, item.author, item.published, item.updated, item.content, item.summary]))
		.digest('base64');
}

export function prepareItem(item: FeedItem): PreparedItem {
	return {
		...item,
		contentHash: contentHash(item),
		contentIndexText: toIndexText(item.content),
		summaryIndexText: toIndexText(item.summary),
	};
}

export function isPrepared(item: FeedItem): item is PreparedItem {
	return typeof (item as Partial<PreparedItem>).contentHash === 'string';
}
