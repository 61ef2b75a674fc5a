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
	/**
	 * The cache held the item with this very hash at parse time: `content` and `summary` are
	 * left out (null), so that a day's refresh does not carry every unchanged post from the
	 * parse worker to the main thread (issue 18). The store never writes such an item.
	 */
	readonly unchanged?: true;
	/**
	 * The post's links by site, counted on the parse worker for Discover (see
	 * discover/scan-links.ts postLinkCounts); absent: counted from the stored body.
	 */
	readonly links?: readonly {readonly site: string; readonly url: string; readonly count: number}[];
}

/** Changes whenever anything the store keeps of the item changes. */
export function contentHash(item: FeedItem): string {
	return createHash('sha1')
		.update(JSON.stringify([item.title, item.link, item.author, item.published, item.updated, item.content, item.summary]))
		.digest('base64');
}

/**
 * `known`: the cached entries' hashes by guid (Store.entryHashes); an item found there
 * unchanged comes back without its bodies and index text (see PreparedItem.unchanged).
 */
export function prepareItem(item: FeedItem, known?: ReadonlyMap<string, string>): PreparedItem {
	const hash = contentHash(item);
	if (known !== undefined && known.get(item.id) === hash) return {...item, content: null, summary: null, contentHash: hash, unchanged: true};
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
