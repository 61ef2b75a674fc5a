/**
 * Link evidence, counted once per entry: the links of every entry stored after the scan
 * watermark, per (site, followed feed), added to the evidence in one transaction with the
 * new watermark. The sync layer calls it in the transaction that stores a feed's entries
 * (the bodies are in the page cache then, and few), so that `suggest` only reads counts;
 * `suggest` calls it too, for what was stored before (a cache older than this, or written
 * while the scan lagged behind).
 */
import type {DiscoverStore} from '../store/discover-store.js';
import {countLinksBySite} from './post-links.js';
import {siteKeyOf} from './site-key.js';

/** Whether every stored entry was counted: only then may new ones be counted as they come. */
export function isLinkScanCaughtUp(discover: DiscoverStore): boolean {
	return discover.linksScannedTo() >= discover.latestEntryId();
}

/** Counts the links of every entry stored since the last scan, then moves the watermark. */
export function countNewLinks(discover: DiscoverStore): void {
	const from = discover.linksScannedTo();
	const counts = new Map<string, {site: string; sourceFeedUrl: string; url: string; count: number}>();
	let last = from;
	for (const entry of discover.entriesSince(from)) {
		last = entry.id;
		const own = siteKeyOf(entry.feedSiteUrl ?? entry.link ?? entry.feedUrl);
		for (const [site, {count, url}] of countLinksBySite(entry.html, own)) {
			if (entry.link !== null && siteKeyOf(entry.link) === site) continue;
			const key = `${site}\n${entry.feedUrl}`;
			const known = counts.get(key);
			if (known) known.count += count;
			else counts.set(key, {site, sourceFeedUrl: entry.feedUrl, url, count});
		}
	}
	if (last !== from) discover.addLinkCounts([...counts.values()], from, last);
}
