/**
 * The cache's part of feed server accounts (issue 16): which cached entry is which server
 * item, the server's subscriptions as last seen, the outbox of local read/starred changes
 * (filled by the triggers of migration 9) and where each account's sync stands.
 */
import type Database from 'better-sqlite3';
import type {StateField} from '../accounts/types.js';
import {statementCache} from './statements.js';

/** A local change waiting to be sent. */
export interface OutboxChange {
	readonly id: number;
	readonly remoteId: string;
	readonly field: StateField;
	readonly value: boolean;
	/** When the change was made (ISO 8601, UTC). */
	readonly at: string;
}

/** A server subscription as the last sync saw it. */
export interface KnownAccountFeed {
	readonly remoteId: string;
	readonly url: string;
	/** Tags that came from the server's categories. */
	readonly tags: readonly string[];
}

export interface AccountSyncState {
	readonly cursor: string | null;
	readonly lastSyncAt: string | null;
	readonly lastError: string | null;
	readonly lastErrorAt: string | null;
}

/** What applying the server's states changed. */
export interface StateCounts {
	read: number;
	unread: number;
	starred: number;
	unstarred: number;
}

export interface AccountStore {
	state(account: string): AccountSyncState;
	saveCursor(account: string, cursor: string): void;
	recordSuccess(account: string, at: string): void;
	recordError(account: string, message: string, at: string): void;
	knownFeeds(account: string): KnownAccountFeed[];
	saveKnownFeeds(account: string, feeds: readonly KnownAccountFeed[]): void;
	/** The account's unsent changes, oldest first. */
	outbox(account: string, limit?: number): OutboxChange[];
	outboxSize(account: string): number;
	removeFromOutbox(ids: readonly number[]): void;
	/** Pending changes of these items: `remoteId field` → the change. */
	pending(account: string, remoteIds: readonly string[]): Map<string, OutboxChange>;
	/** Cached entry ids of server items. */
	entryIds(account: string, remoteIds: readonly string[]): Map<string, number>;
	/** Maps a server item onto a cached entry (replacing an older mapping of either). */
	map(account: string, remoteId: string, entryId: number): void;
	/** The feed and guid of cached entries. */
	entryKeys(entryIds: readonly number[]): Map<number, {readonly feedId: number; readonly guid: string}>;
	/** Entry ids of a feed's guids. */
	entryIdsByGuid(feedId: number, guids: readonly string[]): Map<string, number>;
	/** A cached entry of the feed with this link that is no server item yet (the feed was local before). */
	findUnmappedByLink(feedId: number, link: string): {readonly id: number; readonly guid: string} | null;
	/** The server's title and site of a feed, kept in the cache as a fetch would keep the feed's own. */
	setFeedInfo(feedId: number, title: string | null, siteUrl: string | null): void;
	/** Sets one flag of one entry, as the server has it; true when it changed. */
	setFlag(entryId: number, field: StateField, value: boolean): boolean;
	/**
	 * The server's full unread and starred sets applied to the account's mapped entries,
	 * leaving every flag with a pending local change alone. Use inside `applying`.
	 */
	applyStates(account: string, unread: readonly string[], starred: readonly string[]): StateCounts;
	/** Runs `fn` in a transaction whose flag changes are not queued (they came from the server). */
	applying<T>(fn: () => T): T;
	/** Everything of an account (mappings, outbox, state): `account remove`. */
	forget(account: string): void;
}

export class SqliteAccountStore implements AccountStore {
	readonly #db: Database.Database;
	readonly #statement: (sql: string) => Database.Statement;

	constructor(db: Database.Database) {
		this.#db = db;
		this.#statement = statementCache(db);
	}

	state(account: string): AccountSyncState {
		const row = this.#statement(`SELECT cursor, last_sync_at AS lastSyncAt, last_error AS lastError, last_error_at AS lastErrorAt
			FROM account_state WHERE account = ?`).get(account) as AccountSyncState | undefined;
		return row ?? {cursor: null, lastSyncAt: null, lastError: null, lastErrorAt: null};
	}

	saveCursor(account: string, cursor: string): void {
		this.#statement('INSERT INTO account_state (account, cursor) VALUES (?, ?) ON CONFLICT (account) DO UPDATE SET cursor = excluded.cursor').run(account, cursor);
	}

	recordSuccess(account: string, at: string): void {
		this.#statement(`INSERT INTO account_state (account, last_sync_at) VALUES (?, ?)
			ON CONFLICT (account) DO UPDATE SET last_sync_at = excluded.last_sync_at, last_error = NULL, last_error_at = NULL`).run(account, at);
	}

	recordError(account: string, message: string, at: string): void {
		this.#statement(`INSERT INTO account_state (account, last_error, last_error_at) VALUES (?, ?, ?)
			ON CONFLICT (account) DO UPDATE SET last_error = excluded.last_error, last_error_at = excluded.last_error_at`).run(account, message, at);
	}

	knownFeeds(account: string): KnownAccountFeed[] {
		return (this.#statement('SELECT remote_id AS remoteId, url, tags FROM account_feeds WHERE account = ? ORDER BY url').all(account) as {remoteId: string; url: string; tags: string}[])
			.map(row => ({remoteId: row.remoteId, url: row.url, tags: parseTags(row.tags)}));
	}

	saveKnownFeeds(account: string, feeds: readonly KnownAccountFeed[]): void {
		this.#db.transaction(() => {
			this.#statement('DELETE FROM account_feeds WHERE account = ?').run(account);
			const insert = this.#statement('INSERT OR REPLACE INTO account_feeds (account, remote_id, url, tags) VALUES (?, ?, ?, ?)');
			for (const feed of feeds) insert.run(account, feed.remoteId, feed.url, JSON.stringify(feed.tags));
		})();
	}

	outbox(account: string, limit = 1_000_000): OutboxChange[] {
		return (this.#statement('SELECT id, remote_id AS remoteId, field, value, at FROM account_outbox WHERE account = ? ORDER BY id LIMIT ?').all(account, limit) as OutboxRow[]).map(toChange);
	}

	outboxSize(account: string): number {
		return this.#statement('SELECT count(*) FROM account_outbox WHERE account = ?').pluck().get(account) as number;
	}

	removeFromOutbox(ids: readonly number[]): void {
		if (ids.length === 0) return;
		this.#statement('DELETE FROM account_outbox WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
	}

	pending(account: string, remoteIds: readonly string[]): Map<string, OutboxChange> {
		const rows = this.#statement(`SELECT id, remote_id AS remoteId, field, value, at FROM account_outbox
			WHERE account = ? AND remote_id IN (SELECT value FROM json_each(?)) ORDER BY id`).all(account, JSON.stringify(remoteIds)) as OutboxRow[];
		return new Map(rows.map(row => [`${row.remoteId} ${row.field}`, toChange(row)]));
	}

	entryIds(account: string, remoteIds: readonly string[]): Map<string, number> {
		const rows = this.#statement('SELECT remote_id AS remoteId, entry_id AS entryId FROM account_items WHERE account = ? AND remote_id IN (SELECT value FROM json_each(?))')
			.all(account, JSON.stringify(remoteIds)) as {remoteId: string; entryId: number}[];
		return new Map(rows.map(row => [row.remoteId, row.entryId]));
	}

	map(account: string, remoteId: string, entryId: number): void {
		this.#statement('DELETE FROM account_items WHERE entry_id = ? AND NOT (account = ? AND remote_id = ?)').run(entryId, account, remoteId);
		this.#statement(`INSERT INTO account_items (account, remote_id, entry_id) VALUES (?, ?, ?)
			ON CONFLICT (account, remote_id) DO UPDATE SET entry_id = excluded.entry_id`).run(account, remoteId, entryId);
	}

	entryKeys(entryIds: readonly number[]): Map<number, {readonly feedId: number; readonly guid: string}> {
		const rows = this.#statement('SELECT id, feed_id AS feedId, guid FROM entries WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(entryIds)) as {id: number; feedId: number; guid: string}[];
		return new Map(rows.map(row => [row.id, {feedId: row.feedId, guid: row.guid}]));
	}

	entryIdsByGuid(feedId: number, guids: readonly string[]): Map<string, number> {
		const rows = this.#statement('SELECT id, guid FROM entries WHERE feed_id = ? AND guid IN (SELECT value FROM json_each(?))').all(feedId, JSON.stringify(guids)) as {id: number; guid: string}[];
		return new Map(rows.map(row => [row.guid, row.id]));
	}

	findUnmappedByLink(feedId: number, link: string): {readonly id: number; readonly guid: string} | null {
		return (this.#statement(`SELECT e.id AS id, e.guid AS guid FROM entries e WHERE e.feed_id = ? AND e.link = ?
			AND NOT EXISTS (SELECT 1 FROM account_items i WHERE i.entry_id = e.id) ORDER BY e.id LIMIT 1`).get(feedId, link) as {id: number; guid: string} | undefined) ?? null;
	}

	setFeedInfo(feedId: number, title: string | null, siteUrl: string | null): void {
		this.#statement('UPDATE feeds SET title = coalesce(?, title), site_url = coalesce(?, site_url) WHERE id = ?').run(title, siteUrl, feedId);
	}

	setFlag(entryId: number, field: StateField, value: boolean): boolean {
		const column = field === 'read' ? 'is_read' : 'is_starred';
		return this.#statement(`UPDATE entries SET ${column} = ? WHERE id = ? AND ${column} <> ?`).run(value ? 1 : 0, entryId, value ? 1 : 0).changes > 0;
	}

	applyStates(account: string, unread: readonly string[], starred: readonly string[]): StateCounts {
		const set = (column: 'is_read' | 'is_starred', field: StateField, value: 0 | 1, inList: boolean, list: readonly string[]) =>
			this.#statement(`UPDATE entries SET ${column} = ${value} WHERE ${column} <> ${value} AND id IN (
					SELECT i.entry_id FROM account_items i WHERE i.account = ?
						AND i.remote_id ${inList ? 'IN' : 'NOT IN'} (SELECT value FROM json_each(?))
						AND NOT EXISTS (SELECT 1 FROM account_outbox o WHERE o.account = i.account AND o.remote_id = i.remote_id AND o.field = '${field}'))`)
				.run(account, JSON.stringify(list)).changes;
		return {
			read: set('is_read', 'read', 1, false, unread),
			unread: set('is_read', 'read', 0, true, unread),
			starred: set('is_starred', 'starred', 1, true, starred),
			unstarred: set('is_starred', 'starred', 0, false, starred),
		};
	}

	applying<T>(fn: () => T): T {
		return this.#db.transaction(() => {
			this.#statement("INSERT OR REPLACE INTO account_meta (key, value) VALUES ('applying', '1')").run();
			try {
				return fn();
			} finally {
				this.#statement("DELETE FROM account_meta WHERE key = 'applying'").run();
			}
		}).immediate();
	}

	forget(account: string): void {
		this.#db.transaction(() => {
			for (const table of ['account_items', 'account_feeds', 'account_outbox', 'account_state']) {
				this.#statement(`DELETE FROM ${table} WHERE account = ?`).run(account);
			}
		})();
	}
}

interface OutboxRow {
	id: number;
	remoteId: string;
	field: StateField;
	value: number;
	at: string;
}

function toChange(row: OutboxRow): OutboxChange {
	return {id: row.id, remoteId: row.remoteId, field: row.field, value: row.value === 1, at: row.at};
}

function parseTags(text: string): string[] {
	try {
		const value: unknown = JSON.parse(text);
		return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string') : [];
	} catch {
		return [];
	}
}
