/**
 * The cache's part of feed health (issue 14): the last fetch attempts of every feed
 * (table of the "fetch attempts" migration). Rows in and out; what they mean is
 * source/health's business.
 */
import type Database from 'better-sqlite3';

/** Fetch attempts kept per feed; older ones are pruned when a new one is recorded. */
export const ATTEMPTS_KEPT = 20;

/** One redirect on the way. */
export interface AttemptHop {
	readonly status: number;
	readonly url: string;
}

/**
 * One fetch of a feed, as the refresh recorded it. Fields that did not apply (a 304 has
 * no body, a network failure no status) are absent, so that a 304 is one small row.
 */
export interface FetchAttempt {
	/** ISO 8601. */
	readonly at: string;
	/** The url asked for (the subscription's url at the time). */
	readonly url: string;
	readonly outcome: 'updated' | 'not-modified' | 'failed';
	/** The final HTTP status, or null when no answer came (network failure, timeout). */
	readonly status: number | null;
	/** Why it failed (failure.ts reasons: `network`, `timeout`, `http-404`, `not-a-feed` …). */
	readonly reason?: string;
	/** The system's error code of a network failure (`ENOTFOUND`, `CERT_HAS_EXPIRED` …). */
	readonly code?: string;
	/** The failure as one English line. */
	readonly message?: string;
	readonly redirects?: readonly AttemptHop[];
	readonly durationMs?: number;
	/** Bytes on the wire (compressed) and after content decoding. */
	readonly wireBytes?: number;
	readonly bodyBytes?: number;
	readonly contentType?: string;
	/** How the body was decoded: the label, where it came from, what was used. */
	readonly charset?: {
		readonly declared: string;
		readonly source: 'bom' | 'document' | 'header' | 'default' | 'override';
		readonly used: string;
		readonly correction: 'utf-8-bytes' | 'invalid-utf-8' | null;
	};
	/** Validators sent with the request and received with the answer. */
	readonly sent?: {readonly etag: boolean; readonly lastModified: boolean};
	readonly received?: {readonly etag: boolean; readonly lastModified: boolean};
	/** What the server asked for: Cache-Control max-age / Expires, Retry-After (seconds); the feed's <ttl> (minutes). */
	readonly maxAgeSeconds?: number;
	readonly retryAfterSeconds?: number;
	readonly ttlMinutes?: number;
	/** The answer was a bot challenge page (403/429/503, or HTML where the feed was). */
	readonly challenge?: boolean;
	/** Items of a 200: new, changed, unchanged. */
	readonly items?: {readonly new: number; readonly updated: number; readonly unchanged: number};
	/** New entries whose link an older entry under another id already has (churning ids). */
	readonly churned?: number;
	/** This fetch switched the feed to stable keys (link, then title + date) because of the churn. */
	readonly stableIds?: boolean;
	/** The repairs the document needed to be read (docs/feed-repairs.md names each), when it needed any. */
	readonly repairs?: readonly string[];
	/** Items of the document not kept, by why (`duplicate-id`, `incomplete`, `over-limit`). */
	readonly dropped?: Readonly<Record<string, number>>;
	/** Tracking parameters and web bugs removed from this fetch's new and changed items. */
	readonly trackersRemoved?: number;
	/** Set when the feed moved for good: the url it is stored under now. */
	readonly movedTo?: string;
}

/** The attempts table. */
export interface HealthStore {
	/** Stores the attempt and prunes the feed's attempts to the newest ATTEMPTS_KEPT. */
	recordAttempt(feedId: number, attempt: FetchAttempt): void;
	/** The feed's attempts, newest first. */
	listAttempts(feedId: number): FetchAttempt[];
	/** Every feed's attempts, newest first, by feed id. */
	listAllAttempts(): Map<number, FetchAttempt[]>;
	/** The newest entry date (published, updated or first seen) of every feed with entries. */
	newestEntryDates(): Map<number, string>;
	/**
	 * Per feed: its newest attempt, its newest entry date and since when its ids are stable, in one query of index seeks — what a one-word health needs, cheap enough for every list
	 * (reading all attempts of 2 000 feeds takes a good part of a second).
	 */
	listLatestAttempts(): Map<number, {readonly attempts: FetchAttempt[]; readonly newestEntryAt: string | null; readonly stableIdsSince: string | null}>;
	/**
	 * How many of the feed's entries first seen at `seenAt` have the link of an entry seen
	 * before under another id: the same post returning under a new id.
	 */
	countChurnedEntries(feedId: number, seenAt: string): number;
	/** The id of the newest attempt of any feed (0 without any): changes whenever a fetch is recorded. */
	lastAttemptId(): number;
	/** Since when (ISO 8601) the feed's entries are known by a stable key instead of their ids; null: by their ids. */
	stableIdsSince(feedId: number): string | null;
	/**
	 * Switches the feed to stable keys at `at`: every cached entry is renamed to the key
	 * `keysOf` gives it, and entries that end up with the same key (one post under several
	 * ids) become the oldest of them, read or starred when any of them was. Returns how
	 * many entries were merged away. Run it in the transaction that stored the entries.
	 */
	switchToStableIds(feedId: number, at: string, keysOf: (entries: readonly EntryKeyFields[]) => readonly string[]): number;
}

/** What a cached entry's stable key is made of. */
export interface EntryKeyFields {
	readonly link: string | null;
	readonly title: string;
	readonly published: string | null;
}

export class SqliteHealthStore implements HealthStore {
	readonly #db: Database.Database;
	// Prepared once: a refresh records one attempt per feed.
	#insert: Database.Statement | undefined;
	#prune: Database.Statement | undefined;
	#stableSince: Database.Statement | undefined;

	constructor(db: Database.Database) {
		this.#db = db;
	}

	recordAttempt(feedId: number, attempt: FetchAttempt): void {
		const {at, status, ...detail} = attempt;
		this.#insert ??= this.#db.prepare('INSERT INTO fetch_attempts (feed_id, at, status, detail) VALUES (?, ?, ?, ?)');
		this.#insert.run(feedId, at, status, JSON.stringify(detail));
		// Keyed by (feed_id, id): the 21st newest is one index step away, the delete a short range.
		this.#prune ??= this.#db.prepare(`DELETE FROM fetch_attempts WHERE feed_id = ? AND id <= (
				SELECT id FROM fetch_attempts WHERE feed_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`);
		this.#prune.run(feedId, feedId, ATTEMPTS_KEPT);
	}

	listAttempts(feedId: number): FetchAttempt[] {
		return (this.#db.prepare('SELECT at, status, detail FROM fetch_attempts WHERE feed_id = ? ORDER BY id DESC').all(feedId) as AttemptRow[]).map(toAttempt);
	}

	listAllAttempts(): Map<number, FetchAttempt[]> {
		const byFeed = new Map<number, FetchAttempt[]>();
		for (const row of this.#db.prepare('SELECT feed_id AS feedId, at, status, detail FROM fetch_attempts ORDER BY feed_id, id DESC').all() as (AttemptRow & {feedId: number})[]) {
			let list = byFeed.get(row.feedId);
			if (list === undefined) byFeed.set(row.feedId, (list = []));
			list.push(toAttempt(row));
		}
		return byFeed;
	}

	newestEntryDates(): Map<number, string> {
		const rows = this.#db.prepare('SELECT feed_id AS feedId, max(sort_date) AS date FROM entries GROUP BY feed_id').all() as {feedId: number; date: string}[];
		return new Map(rows.map((row) => [row.feedId, row.date]));
	}

	listLatestAttempts(): Map<number, {readonly attempts: FetchAttempt[]; readonly newestEntryAt: string | null; readonly stableIdsSince: string | null}> {
		const rows = this.#db.prepare(`SELECT f.id AS feedId, f.stable_ids_since AS stableIdsSince,
				(SELECT id FROM fetch_attempts WHERE feed_id = f.id ORDER BY id DESC LIMIT 1) AS latestId,
				(SELECT max(sort_date) FROM entries WHERE feed_id = f.id) AS newestEntryAt
			FROM feeds AS f`).all() as {feedId: number; stableIdsSince: string | null; latestId: number | null; newestEntryAt: string | null}[];
		const ids = rows.flatMap((row) => (row.latestId === null ? [] : [row.latestId]));
		const byId = new Map((this.#db.prepare('SELECT id, at, status, detail FROM fetch_attempts WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as (AttemptRow & {id: number})[])
			.map((row) => [row.id, toAttempt(row)]));
		return new Map(rows.map((row) => {
			const attempt = row.latestId === null ? undefined : byId.get(row.latestId);
			const attempts = attempt === undefined ? [] : [attempt];
			return [row.feedId, {attempts, newestEntryAt: row.newestEntryAt, stableIdsSince: row.stableIdsSince}];
		}));
	}

	lastAttemptId(): number {
		return (this.#db.prepare('SELECT coalesce(max(id), 0) FROM fetch_attempts').pluck().get() as number | undefined) ?? 0;
	}

	countChurnedEntries(feedId: number, seenAt: string): number {
		// The same link and the same title: a feed that links every post to its home page
		// has different posts under one link, and they are no churn.
		return this.#db.prepare(`SELECT count(*) FROM entries AS fresh
			WHERE fresh.feed_id = ? AND fresh.first_seen_at = ? AND fresh.link IS NOT NULL
				AND EXISTS (SELECT 1 FROM entries AS old WHERE old.feed_id = fresh.feed_id AND old.link = fresh.link
					AND old.title = fresh.title AND old.guid <> fresh.guid AND old.first_seen_at < fresh.first_seen_at)`).pluck().get(feedId, seenAt) as number;
	}

	stableIdsSince(feedId: number): string | null {
		this.#stableSince ??= this.#db.prepare('SELECT stable_ids_since FROM feeds WHERE id = ?').pluck();
		return (this.#stableSince.get(feedId) as string | null | undefined) ?? null;
	}

	switchToStableIds(feedId: number, at: string, keysOf: (entries: readonly EntryKeyFields[]) => readonly string[]): number {
		return this.#db.transaction(() => {
			this.#db.prepare('UPDATE feeds SET stable_ids_since = ? WHERE id = ?').run(at, feedId);
			// Oldest first: the entry a post had first is the one that stays (its flags, its place).
			const rows = this.#db.prepare(`SELECT id, guid, link, title, published, is_read AS isRead, is_starred AS isStarred
				FROM entries WHERE feed_id = ? ORDER BY first_seen_at, id`).all(feedId) as (EntryKeyFields & {id: number; guid: string; isRead: number; isStarred: number})[];
			const keys = keysOf(rows);
			const groups = new Map<string, typeof rows>();
			rows.forEach((row, index) => {
				const key = keys[index]!;
				const group = groups.get(key);
				if (group === undefined) groups.set(key, [row]);
				else group.push(row);
			});
			const merged: number[] = [];
			const renamed: {readonly id: number; readonly key: string}[] = [];
			const flags = this.#db.prepare('UPDATE entries SET is_read = max(is_read, ?), is_starred = max(is_starred, ?) WHERE id = ?');
			for (const [key, [kept, ...others]] of groups) {
				if (others.length > 0) {
					flags.run(Math.max(...others.map((row) => row.isRead)), Math.max(...others.map((row) => row.isStarred)), kept!.id);
					merged.push(...others.map((row) => row.id));
				}
				if (kept!.guid !== key) renamed.push({id: kept!.id, key});
			}
			// Deleting a row deletes its index tokens (trigger, see migrations.ts).
			if (merged.length > 0) this.#db.prepare('DELETE FROM entries WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(merged));
			// In two steps: a new key may be another entry's id until that one is renamed too.
			const rename = this.#db.prepare('UPDATE entries SET guid = ? WHERE id = ?');
			for (const {id} of renamed) rename.run(`\u0000renaming:${id}`, id);
			for (const {id, key} of renamed) rename.run(key, id);
			return merged.length;
		})();
	}
}

interface AttemptRow {
	readonly at: string;
	readonly status: number | null;
	readonly detail: string;
}

function toAttempt(row: AttemptRow): FetchAttempt {
	let detail: Omit<FetchAttempt, 'at' | 'status'>;
	try {
		detail = JSON.parse(row.detail) as Omit<FetchAttempt, 'at' | 'status'>;
	} catch {
		detail = {url: '', outcome: 'failed'};
	}
	return {...detail, at: row.at, status: row.status};
}
