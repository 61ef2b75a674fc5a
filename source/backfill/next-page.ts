/**
 * Which document a backfill reads after this one: pure, from what the document says of
 * itself (RFC 5005) and its url.
 *
 * - Archived feeds (§4): `prev-archive` leads from the current feed to ever older archive
 *   documents; the oldest has none.
 * - Paged feeds (§3): `next` leads through the pages; the last has none.
 * - WordPress (and feeds that say nothing of paging): `?paged=2`, `3`, …; the end is the
 *   first 404 or a page that repeats the one before (see isRepeatedPage), which is also
 *   what a server that ignores `paged` answers, so a feed without pages costs one request.
 */
import {createHash} from 'node:crypto';
import type {FeedHistory} from '../feeds/types.js';

/** The next document to fetch after `url`, or null when this one is the oldest. */
export function nextPageUrl(url: string, history: FeedHistory | undefined): string | null {
	if (history !== undefined) {
		const next = history.prevArchive ?? history.next;
		// A link back to the document itself is no way on.
		return next !== null && !isSameDocument(next, url) ? next : null;
	}
	return nextWordPressPage(url);
}

/** `url` with `paged` one higher (2 when it has none); null for a url that is not http(s). */
export function nextWordPressPage(url: string): string | null {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return null;
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
	const current = Number.parseInt(parsed.searchParams.get('paged') ?? '1', 10);
	parsed.searchParams.set('paged', String(Number.isSafeInteger(current) && current >= 1 ? current + 1 : 2));
	return parsed.href;
}

/** A page's identity for repeat detection: its entry ids, in order. */
export function pageKey(ids: readonly string[]): string {
	return createHash('sha1').update(ids.join('\n')).digest('hex');
}

/** The same document, whatever the fragment. */
function isSameDocument(a: string, b: string): boolean {
	try {
		const left = new URL(a);
		const right = new URL(b);
		left.hash = '';
		right.hash = '';
		return left.href === right.href;
	} catch {
		return a === b;
	}
}
