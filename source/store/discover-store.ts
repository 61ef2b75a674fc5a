/**
 * The cache's part of Discover (issue 13): evidence, probe results, dismissals and the
 * scan watermark (tables of migration 3). Plain rows in and out; what they mean is
 * source/discover's and the suggest use case's business.
 */
import type Database from 'better-sqlite3';
import {sanitizeLine} from '../text/sanitize.js';

/** One row of evidence: `source_feed_url` vouches for `site` by a link count or a blogroll. */
export interface EvidenceRow {
	readonly site: string;
	readonly sourceFeedUrl: string;
	readonly kind: 'link' | 'blogroll';
	readonly url: string;
	readonly feedUrl: string | null;
	readonly title: string | null;
	readonly via: string | null;
	readonly count: number;
}

/** What discover last fetched at a url. */
export interface FetchRow {
	readonly url: string;
	readonly etag: string | null;
	readonly lastModified: string | null;
	readonly status: number;
	/** JSON written by the caller. */
	readonly result: string | null;
	readonly fetchedAt: string;
}

/** A probed candidate site. */
export interface SiteRow {
	readonly site: string;
	readonly status: 'found' | 'no-feed' | 'failed';
	readonly message: string | null;
	readonly feedUrl: string | null;
	readonly siteUrl: string | null;
	readonly title: string | null;
	readonly lastPostAt: string | null;
	readonly postsPerMonth: number;
	readonly language: string | null;
	readonly dormant: boolean;
	readonly probedAt: string;
}

/** Where a followed feed's blogroll pointers were found. */
export type PointerPlace = 'feed' | 'page';

export interface DismissedRow {
	readonly site: string;
	readonly url: string;
	readonly dismissedAt: string;
}

/** A cached entry as the link scan reads it. */
export interface ScannedEntry {
	readonly id: number;
	readonly feedUrl: string;
	readonly feedSiteUrl: string | null;
	readonly link: string | null;
	readonly html: string;
}

export interface DiscoverStore {
	/** Entries stored after the watermark, oldest first, with their feed's url (bodies included). */
	entriesSince(afterId: number): IterableIterator<ScannedEntry>;
	/** The same without bodies: for entries whose links were counted before they were stored (a refresh's parse worker). */
	entryKeysSince(afterId: number): (Omit<ScannedEntry, 'html'> & {readonly guid: string})[];
	linksScannedTo(): number;
	/** The id of the newest stored entry (0 when there is none). */
	latestEntryId(): number;
	/**
	 * Adds link counts per (site, feed) and moves the watermark from `scannedFrom` to
	 * `scannedTo`, in one transaction; nothing when the watermark moved meanwhile (another
	 * process counted those entries): counting twice would inflate every count.
	 */
	addLinkCounts(counts: readonly {site: string; sourceFeedUrl: string; url: string; count: number}[], scannedFrom: number, scannedTo: number): void;
	/** Replaces every blogroll row of one followed feed with `listed`. */
	replaceBlogrollEvidence(sourceFeedUrl: string, listed: readonly {site: string; url: string; feedUrl: string | null; title: string | null; via: string}[]): void;
	listEvidence(): EvidenceRow[];

	getFetch(url: string): FetchRow | null;
	putFetch(row: FetchRow): void;

	/** Records the blogroll urls a followed feed's answer ('feed') or its page ('page') named. */
	putPointers(feedUrl: string, foundIn: PointerPlace, urls: readonly string[], at: string): void;
	/** What was recorded for the feed, per place; null where nothing was looked at (or a row is unreadable). */
	getPointers(feedUrl: string): Record<PointerPlace, string[] | null>;

	isSourceScanned(feedUrl: string): boolean;
	/** Every followed feed whose site was looked at (one query, for thousands of feeds). */
	listScannedSources(): Set<string>;
	markSourceScanned(feedUrl: string, at: string): void;

	getSite(site: string): SiteRow | null;
	listSites(): SiteRow[];
	putSite(row: SiteRow): void;

	dismiss(site: string, url: string, at: string): void;
	/** True when the site was dismissed. */
	undismiss(site: string): boolean;
	listDismissed(): DismissedRow[];
}

const WATERMARK = 'links-scanned-to';

export class SqliteDiscoverStore implements DiscoverStore {
	readonly #db: Database.Database;

	constructor(db: Database.Database) {
		this.#db = db;
	}

	entriesSince(afterId: number): IterableIterator<ScannedEntry> {
		// The body the feed gave (content, else summary) and the extracted full article:
		// every link the user could follow from this post.
		return this.#db
			.prepare(`SELECT e.id, f.url AS feedUrl, f.site_url AS feedSiteUrl, e.link,
					coalesce(e.content, e.summary, '') || coalesce(e.full_content, '') AS html
				FROM entries e JOIN feeds f ON f.id = e.feed_id
				WHERE e.id > ? ORDER BY e.id`)
			.iterate(afterId) as IterableIterator<ScannedEntry>;
	}

	entryKeysSince(afterId: number): (Omit<ScannedEntry, 'html'> & {readonly guid: string})[] {
		return this.#db
			.prepare(`SELECT e.id, e.guid, f.url AS feedUrl, f.site_url AS feedSiteUrl, e.link
				FROM entries e JOIN feeds f ON f.id = e.feed_id
				WHERE e.id > ? ORDER BY e.id`)
			.all(afterId) as (Omit<ScannedEntry, 'html'> & {guid: string})[];
	}

	linksScannedTo(): number {
		const value = this.#db.prepare('SELECT value FROM discover_state WHERE key = ?').pluck().get(WATERMARK) as string | undefined;
		return value === undefined ? 0 : Number(value) || 0;
	}

	latestEntryId(): number {
		return (this.#db.prepare('SELECT max(id) FROM entries').pluck().get() as number | null) ?? 0;
	}

	addLinkCounts(counts: readonly {site: string; sourceFeedUrl: string; url: string; count: number}[], scannedFrom: number, scannedTo: number): void {
		const upsert = this.#db.prepare(`INSERT INTO discover_evidence (site, source_feed_url, kind, url, count)
			VALUES (?, ?, 'link', ?, ?)
			ON CONFLICT (site, source_feed_url, kind) DO UPDATE SET count = count + excluded.count`);
		this.#db.transaction(() => {
			if (this.linksScannedTo() !== scannedFrom) return;
			for (const row of counts) upsert.run(row.site, row.sourceFeedUrl, row.url, row.count);
			this.#db.prepare('INSERT INTO discover_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(WATERMARK, String(scannedTo));
		}).immediate();
	}

	replaceBlogrollEvidence(
		sourceFeedUrl: string,
		listed: readonly {site: string; url: string; feedUrl: string | null; title: string | null; via: string}[],
	): void {
		const insert = this.#db.prepare(`INSERT INTO discover_evidence (site, source_feed_url, kind, url, feed_url, title, via, count)
			VALUES (?, ?, 'blogroll', ?, ?, ?, ?, 0) ON CONFLICT (site, source_feed_url, kind) DO NOTHING`);
		this.#db.transaction(() => {
			this.#db.prepare("DELETE FROM discover_evidence WHERE source_feed_url = ? AND kind = 'blogroll'").run(sourceFeedUrl);
			for (const row of listed) insert.run(row.site, sourceFeedUrl, row.url, row.feedUrl, line(row.title), row.via);
		}).immediate();
	}

	listEvidence(): EvidenceRow[] {
		return this.#db
			.prepare(`SELECT site, source_feed_url AS sourceFeedUrl, kind, url, feed_url AS feedUrl, title, via, count
				FROM discover_evidence ORDER BY site, kind DESC, source_feed_url`)
			.all() as EvidenceRow[];
	}

	getFetch(url: string): FetchRow | null {
		return (
			(this.#db
				.prepare('SELECT url, etag, last_modified AS lastModified, status, result, fetched_at AS fetchedAt FROM discover_fetches WHERE url = ?')
				.get(url) as FetchRow | undefined) ?? null
		);
	}

	putFetch(row: FetchRow): void {
		this.#db
			.prepare(`INSERT INTO discover_fetches (url, etag, last_modified, status, result, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
					status = excluded.status, result = excluded.result, fetched_at = excluded.fetched_at`)
			.run(row.url, row.etag, row.lastModified, row.status, row.result, row.fetchedAt);
	}

	putPointers(feedUrl: string, foundIn: PointerPlace, urls: readonly string[], at: string): void {
		this.#db
			.prepare(`INSERT INTO discover_pointers (feed_url, found_in, urls, found_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (feed_url, found_in) DO UPDATE SET urls = excluded.urls, found_at = excluded.found_at`)
			.run(feedUrl, foundIn, JSON.stringify(urls), at);
	}

	getPointers(feedUrl: string): Record<PointerPlace, string[] | null> {
		const rows = this.#db.prepare('SELECT found_in AS foundIn, urls FROM discover_pointers WHERE feed_url = ?').all(feedUrl) as {foundIn: string; urls: string}[];
		const pointers: Record<PointerPlace, string[] | null> = {feed: null, page: null};
		for (const row of rows) {
			if (row.foundIn === 'feed' || row.foundIn === 'page') pointers[row.foundIn] = urlList(row.urls);
		}
		return pointers;
	}

	isSourceScanned(feedUrl: string): boolean {
		return this.#db.prepare('SELECT 1 FROM discover_sources WHERE feed_url = ?').get(feedUrl) !== undefined;
	}

	listScannedSources(): Set<string> {
		return new Set(this.#db.prepare('SELECT feed_url FROM discover_sources').pluck().all() as string[]);
	}

	markSourceScanned(feedUrl: string, at: string): void {
		this.#db
			.prepare('INSERT INTO discover_sources (feed_url, scanned_at) VALUES (?, ?) ON CONFLICT (feed_url) DO UPDATE SET scanned_at = excluded.scanned_at')
			.run(feedUrl, at);
	}

	getSite(site: string): SiteRow | null {
		const row = this.#db.prepare(`${SITE_SELECT} WHERE site = ?`).get(site) as (Omit<SiteRow, 'dormant'> & {dormant: number}) | undefined;
		return row === undefined ? null : {...row, dormant: row.dormant === 1};
	}

	listSites(): SiteRow[] {
		return (this.#db.prepare(SITE_SELECT).all() as (Omit<SiteRow, 'dormant'> & {dormant: number})[]).map(row => ({...row, dormant: row.dormant === 1}));
	}

	putSite(row: SiteRow): void {
		this.#db
			.prepare(`INSERT INTO discover_sites (site, status, message, feed_url, site_url, title, last_post_at, posts_per_month, language, dormant, probed_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (site) DO UPDATE SET status = excluded.status, message = excluded.message, feed_url = excluded.feed_url,
					site_url = excluded.site_url, title = excluded.title, last_post_at = excluded.last_post_at,
					posts_per_month = excluded.posts_per_month, language = excluded.language, dormant = excluded.dormant,
					probed_at = excluded.probed_at`)
			.run(
				row.site,
				row.status,
				line(row.message),
				row.feedUrl,
				row.siteUrl,
				line(row.title),
				row.lastPostAt,
				row.postsPerMonth,
				line(row.language),
				row.dormant ? 1 : 0,
				row.probedAt,
			);
	}

	dismiss(site: string, url: string, at: string): void {
		this.#db.prepare('INSERT INTO discover_dismissed (site, url, dismissed_at) VALUES (?, ?, ?) ON CONFLICT (site) DO NOTHING').run(site, url, at);
	}

	undismiss(site: string): boolean {
		return this.#db.prepare('DELETE FROM discover_dismissed WHERE site = ?').run(site).changes > 0;
	}

	listDismissed(): DismissedRow[] {
		return this.#db.prepare('SELECT site, url, dismissed_at AS dismissedAt FROM discover_dismissed ORDER BY dismissed_at, site').all() as DismissedRow[];
	}
}

const SITE_SELECT = `SELECT site, status, message, feed_url AS feedUrl, site_url AS siteUrl, title, last_post_at AS lastPostAt,
	posts_per_month AS postsPerMonth, language, dormant, probed_at AS probedAt FROM discover_sites`;

function line(value: string | null): string | null {
	if (value === null) return null;
	return sanitizeLine(value) || null;
}

/** A JSON array of http(s) urls, or null for anything else: a bad row reads as "not looked". */
function urlList(json: string): string[] | null {
	try {
		const value: unknown = JSON.parse(json);
		if (!Array.isArray(value) || !value.every(item => typeof item === 'string' && /^https?:\/\//i.test(item))) return null;
		return value as string[];
	} catch {
		return null;
	}
}
