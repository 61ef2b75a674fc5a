/**
 * Link evidence, counted once per entry: the links of every entry stored after the scan
 * watermark, per (site, followed feed), added to the evidence in one transaction with the
 * new watermark. The sync layer calls it in the transaction that stores a feed's entries
 * (the bodies are in the page cache then, and few), so that `suggest` only reads counts;
 * `suggest` calls it too, for what was stored before (a cache older than this, or written
 * while the scan lagged behind).
 */
import type {DiscoverStore, ScannedEntry} from '../store/discover-store.js';
import {countLinksBySite} from './post-links.js';
import {siteKeyOf} from './site-key.js';

/** Whether every stored entry was counted: only then may new ones be counted as they come. */
export function isLinkScanCaughtUp(discover: DiscoverStore): boolean {
	return discover.linksScannedTo() >= discover.latestEntryId();
}

/** One post's links by site (own site included: which site is its own is the store's to say). */
export interface PostLinkCount {
	readonly site: string;
	readonly url: string;
	readonly count: number;
}

/**
 * The links of a post as `countNewLinks` would count them once it is stored (its content,
 * else its summary), worked out beforehand: the parse worker does this beside the main
 * thread, which then adds them up without reading the bodies back (issue 18).
 */
export function postLinkCounts(item: {readonly content: string | null; readonly summary: string | null}): PostLinkCount[] {
	return linkCountsOf(item.content ?? item.summary ?? '');
}

/** Every site the HTML links to, its own included, with how often and its first url. */
function linkCountsOf(html: string): PostLinkCount[] {
	return [...countLinksBySite(html, null)].map(([site, {count, url}]) => ({site, url, count}));
}

type Counts = Map<string, {site: string; sourceFeedUrl: string; url: string; count: number}>;

function addPostLinks(counts: Counts, entry: Omit<ScannedEntry, 'html'>, links: Iterable<PostLinkCount>): void {
	const own = siteKeyOf(entry.feedSiteUrl ?? entry.link ?? entry.feedUrl);
	const linkSite = entry.link === null ? null : siteKeyOf(entry.link);
	for (const {site, count, url} of links) {
		if (site === own || site === linkSite) continue;
		const key = `${site}\n${entry.feedUrl}`;
		const known = counts.get(key);
		if (known) known.count += count;
		else counts.set(key, {site, sourceFeedUrl: entry.feedUrl, url, count});
	}
}

/** Counts the links of every entry stored since the last scan, then moves the watermark. */
export function countNewLinks(discover: DiscoverStore): void {
	const from = discover.linksScannedTo();
	const counts: Counts = new Map();
	let last = from;
	for (const entry of discover.entriesSince(from)) {
		last = entry.id;
		addPostLinks(counts, entry, linkCountsOf(entry.html));
	}
	if (last !== from) discover.addLinkCounts([...counts.values()], from, last);
}

/**
 * `countNewLinks` for entries just stored whose links were counted before (postLinkCounts,
 * by guid): the same evidence, without reading their bodies back. An entry without counts
 * (stored by another path) sends the whole scan the slow way.
 */
export function countStoredLinks(discover: DiscoverStore, counted: ReadonlyMap<string, readonly PostLinkCount[]>): void {
	const from = discover.linksScannedTo();
	const entries = discover.entryKeysSince(from);
	if (entries.length === 0) return;
	if (!entries.every(entry => counted.has(entry.guid))) {
		countNewLinks(discover);
		return;
	}
	const counts: Counts = new Map();
	for (const entry of entries) addPostLinks(counts, entry, counted.get(entry.guid)!);
	discover.addLinkCounts([...counts.values()], from, entries.at(-1)!.id);
}
