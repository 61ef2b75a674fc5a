/**
 * The cache's part of replication (issue 15): the outbox of local changes, the merged
 * registers and subscriptions, and how far each file of the sync folder was read (tables of
 * migration 5). What the rows mean is source/replicate's business.
 */
import type Database from 'better-sqlite3';
import type {MergeBook, Register} from '../replicate/merge.js';
import type {RegisterValue} from '../replicate/operations.js';
import {statementCache} from './statements.js';

/** A local change waiting for the journal. */
export interface OutboxRow {
	readonly id: number;
	/** JSON (source/replicate/record.ts). */
	readonly change: string;
	/** ISO 8601 of the change. */
	readonly at: string;
	/** Given once, before the first append attempt. */
	readonly stamp: string | null;
}

/** How far one file of the folder was read. */
export interface FileRow {
	readonly name: string;
	readonly kind: 'journal' | 'snapshot';
	readonly device: string | null;
	readonly deviceName: string | null;
	readonly epoch: string | null;
	readonly readTo: number;
	/** For snapshots: size and mtime when last read in full. */
	readonly signature: string | null;
	/** The greatest stamp read from it: when its device last wrote. */
	readonly lastStamp: string | null;
	readonly badLines: number;
	readonly readAt: string | null;
}

export interface StoredRegister extends Register {
	readonly target: string;
	readonly field: string;
}

/** How a MergeBook marks what it keeps. */
export interface BookOptions {
	/** Read from another device's file: entry and site registers wait (pending) until applied. */
	readonly remote: boolean;
	/**
	 * For remote entry registers: true when the entry is cached here and the caller applies the
	 * register in the same transaction (so it never waits).
	 */
	readonly isApplied?: (target: string, field: string, feed: string | undefined) => boolean;
}

export interface ReplicateStore {
	meta(key: string): string | null;
	setMeta(key: string, value: string | null): void;
	/** From now on, read and starred flags and dismissals are recorded in the outbox. */
	isRecording(): boolean;
	startRecording(): void;
	addToOutbox(changes: readonly {readonly change: string; readonly at: string}[]): void;
	outbox(limit: number): OutboxRow[];
	stampOutbox(id: number, stamp: string): void;
	removeFromOutbox(ids: readonly number[]): void;
	outboxSize(): number;
	/**
	 * The registers and subscriptions as a MergeBook; `remote` marks changed entry and site
	 * registers pending (not in the cache yet). Use inside a transaction.
	 */
	book(options: BookOptions): MergeBook;
	/** Registers of targets starting with `prefix` (`feed:`, `view:`, `rule:`, `site:`). */
	registers(prefix: string): StoredRegister[];
	/** Pending registers of one feed's entries, or of sites (`feed` null). */
	pendingFeeds(): string[];
	pendingRegisters(feed: string | null): StoredRegister[];
	pendingCount(): number;
	/** Pending registers now in the cache (`feed` as the register has it). */
	clearPending(keys: readonly {readonly target: string; readonly field: string; readonly feed?: string}[]): void;
	/** Feed url → stamps of its subscribes nobody removed. */
	liveAdds(): Map<string, string[]>;
	/** Everything with a stamp by `device`: what its snapshot keeps. */
	ownState(device: string): {readonly registers: StoredRegister[]; readonly adds: {feed: string; add: string}[]; readonly removed: {feed: string; add: string}[]};
	file(name: string): FileRow | null;
	files(): FileRow[];
	putFile(row: FileRow): void;
	/** Runs `fn` in a transaction whose flag changes are not recorded (they came from the folder). */
	applying<T>(fn: () => T): T;
	/** The cached entries of a feed with their flags: what applying matches registers against. */
	entryFlags(feedUrl: string): {readonly id: number; readonly guid: string; readonly isRead: number; readonly isStarred: number}[];
	/** The ids and guids of a feed's cached entries: what a register's entry name is matched against. */
	entryGuids(feedUrl: string): {readonly id: number; readonly guid: string}[];
	/** Sets a flag of many entries in one statement; returns how many changed. Use inside `applying`. */
	setEntryFlags(field: 'read' | 'starred', ids: readonly number[], on: boolean): number;
	/**
	 * The first time a folder is set: what the cache already knows (read and starred entries,
	 * dismissed suggestions) goes into the outbox, so other devices learn it too.
	 */
	seedOutbox(at: string): number;
}

function parseValue(text: string): RegisterValue {
	const value: unknown = JSON.parse(text);
	return typeof value === 'string' || typeof value === 'boolean' ? value : null;
}

interface RegisterRow {
	target: string;
	field: string;
	value: string;
	stamp: string;
	feed: string | null;
}

function toRegister(row: RegisterRow): StoredRegister {
	return {target: row.target, field: row.field, value: parseValue(row.value), stamp: row.stamp, ...(row.feed === null ? {} : {feed: row.feed})};
}

export class SqliteReplicateStore implements ReplicateStore {
	readonly #db: Database.Database;
	readonly #statement: (sql: string) => Database.Statement;

	constructor(db: Database.Database) {
		this.#db = db;
		this.#statement = statementCache(db);
	}

	meta(key: string): string | null {
		return (this.#statement('SELECT value FROM replicate_meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
	}

	setMeta(key: string, value: string | null): void {
		if (value === null) this.#statement('DELETE FROM replicate_meta WHERE key = ?').run(key);
		else this.#statement('INSERT INTO replicate_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
	}

	isRecording(): boolean {
		return this.meta('recording') !== null;
	}

	startRecording(): void {
		this.setMeta('recording', '1');
	}

	addToOutbox(changes: readonly {readonly change: string; readonly at: string}[]): void {
		const insert = this.#statement('INSERT INTO replicate_outbox (change, at) VALUES (?, ?)');
		for (const {change, at} of changes) insert.run(change, at);
	}

	outbox(limit: number): OutboxRow[] {
		return this.#statement('SELECT id, change, at, stamp FROM replicate_outbox ORDER BY id LIMIT ?').all(limit) as OutboxRow[];
	}

	stampOutbox(id: number, stamp: string): void {
		this.#statement('UPDATE replicate_outbox SET stamp = ? WHERE id = ?').run(stamp, id);
	}

	removeFromOutbox(ids: readonly number[]): void {
		this.#statement('DELETE FROM replicate_outbox WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
	}

	outboxSize(): number {
		return this.#statement('SELECT count(*) FROM replicate_outbox').pluck().get() as number;
	}

	book(options: BookOptions): MergeBook {
		// Last writer wins in one statement: the row is replaced only by a greater stamp (the
		// stamps' text orders as the stamps do).
		const offer = this.#statement(`INSERT INTO replicate_registers (target, field, value, stamp, feed, pending) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (target, field) DO UPDATE SET value = excluded.value, stamp = excluded.stamp, feed = excluded.feed, pending = excluded.pending
			WHERE excluded.stamp > replicate_registers.stamp`);
		const add = this.#statement('INSERT INTO replicate_adds (add_stamp, feed) VALUES (?, ?) ON CONFLICT DO NOTHING');
		const remove = this.#statement('INSERT INTO replicate_removed (add_stamp, feed) VALUES (?, ?) ON CONFLICT DO NOTHING');
		return {
			offer(target, field, register) {
				// Only what lives in the cache waits for it; config-side values are applied in full each sync.
				const isCacheSide = target.startsWith('entry:') || target.startsWith('site:');
				const waits = options.remote && isCacheSide && !(options.isApplied?.(target, field, register.feed) ?? false);
				return offer.run(target, field, JSON.stringify(register.value), register.stamp, register.feed ?? null, waits ? 1 : 0).changes > 0;
			},
			addSubscription(feed, stamp) {
				add.run(stamp, feed);
			},
			removeAdds(feed, stamps) {
				for (const stamp of stamps) remove.run(stamp, feed);
			},
		};
	}

	registers(prefix: string): StoredRegister[] {
		// A range on the primary key: every target with the prefix.
		return (this.#statement('SELECT target, field, value, stamp, feed FROM replicate_registers WHERE target >= ? AND target < ? ORDER BY target, field')
			.all(prefix, `${prefix}\uffff`) as RegisterRow[]).map(toRegister);
	}

	pendingFeeds(): string[] {
		return this.#statement('SELECT DISTINCT feed FROM replicate_registers WHERE pending = 1 AND feed IS NOT NULL').pluck().all() as string[];
	}

	pendingRegisters(feed: string | null): StoredRegister[] {
		const rows = feed === null
			? this.#statement("SELECT target, field, value, stamp, feed FROM replicate_registers WHERE pending = 1 AND feed IS NULL AND target >= 'site:' AND target < 'site;'").all()
			: this.#statement('SELECT target, field, value, stamp, feed FROM replicate_registers INDEXED BY replicate_registers_pending WHERE pending = 1 AND feed = ?').all(feed);
		return (rows as RegisterRow[]).map(toRegister);
	}

	pendingCount(): number {
		return this.#statement('SELECT count(*) FROM replicate_registers WHERE pending = 1').pluck().get() as number;
	}

	clearPending(keys: readonly {readonly target: string; readonly field: string; readonly feed?: string}[]): void {
		// Per feed, through the pending index: one statement for a feed's thousands of entries.
		const byFeed = new Map<string | null, string[]>();
		for (const key of keys) {
			const feed = key.feed ?? null;
			const targets = byFeed.get(feed);
			if (targets === undefined) byFeed.set(feed, [key.target]);
			else targets.push(key.target);
		}
		for (const [feed, targets] of byFeed) {
			this.#statement(`UPDATE replicate_registers SET pending = 0
				WHERE pending = 1 AND feed IS ? AND target IN (SELECT value FROM json_each(?))`).run(feed, JSON.stringify(targets));
		}
	}

	liveAdds(): Map<string, string[]> {
		const rows = this.#statement(`SELECT a.feed AS feed, a.add_stamp AS stamp FROM replicate_adds a
			WHERE NOT EXISTS (SELECT 1 FROM replicate_removed r WHERE r.add_stamp = a.add_stamp) ORDER BY a.add_stamp`).all() as {feed: string; stamp: string}[];
		const live = new Map<string, string[]>();
		for (const row of rows) {
			const stamps = live.get(row.feed);
			if (stamps === undefined) live.set(row.feed, [row.stamp]);
			else stamps.push(row.stamp);
		}
		return live;
	}

	ownState(device: string) {
		const suffix = `%.${device}`;
		return {
			registers: (this.#statement('SELECT target, field, value, stamp, feed FROM replicate_registers WHERE stamp LIKE ?').all(suffix) as RegisterRow[]).map(toRegister),
			adds: this.#statement('SELECT feed, add_stamp AS "add" FROM replicate_adds WHERE add_stamp LIKE ?').all(suffix) as {feed: string; add: string}[],
			// A removal carries no stamp of its own here: every removal this device knows is kept.
			removed: this.#statement('SELECT feed, add_stamp AS "add" FROM replicate_removed').all() as {feed: string; add: string}[],
		};
	}

	file(name: string): FileRow | null {
		return (this.#statement(`SELECT ${FILE_COLUMNS} FROM replicate_files WHERE name = ?`).get(name) as FileRow | undefined) ?? null;
	}

	files(): FileRow[] {
		return this.#statement(`SELECT ${FILE_COLUMNS} FROM replicate_files ORDER BY name`).all() as FileRow[];
	}

	putFile(row: FileRow): void {
		this.#statement(`INSERT INTO replicate_files (name, kind, device, device_name, epoch, read_to, signature, last_stamp, bad_lines, read_at)
			VALUES (@name, @kind, @device, @deviceName, @epoch, @readTo, @signature, @lastStamp, @badLines, @readAt)
			ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, device = excluded.device, device_name = excluded.device_name, epoch = excluded.epoch,
				read_to = excluded.read_to, signature = excluded.signature, last_stamp = excluded.last_stamp, bad_lines = excluded.bad_lines, read_at = excluded.read_at`).run(row);
	}

	entryFlags(feedUrl: string) {
		return this.#statement(`SELECT e.id AS id, e.guid AS guid, e.is_read AS isRead, e.is_starred AS isStarred
			FROM entries e JOIN feeds f ON f.id = e.feed_id WHERE f.url = ?`).all(feedUrl) as {id: number; guid: string; isRead: number; isStarred: number}[];
	}

	entryGuids(feedUrl: string) {
		return this.#statement('SELECT e.id AS id, e.guid AS guid FROM entries e WHERE e.feed_id = (SELECT id FROM feeds WHERE url = ?)').all(feedUrl) as {id: number; guid: string}[];
	}

	setEntryFlags(field: 'read' | 'starred', ids: readonly number[], on: boolean): number {
		if (ids.length === 0) return 0;
		const column = field === 'read' ? 'is_read' : 'is_starred';
		// Ascending ids: the rows and their index entries are visited in order.
		const sorted = [...ids].sort((a, b) => a - b);
		return this.#statement(`UPDATE entries SET ${column} = ? WHERE ${column} <> ? AND id IN (SELECT value FROM json_each(?))`).run(on ? 1 : 0, on ? 1 : 0, JSON.stringify(sorted)).changes;
	}

	seedOutbox(at: string): number {
		// A feed server account's entries are not seeded: the server carries their flags (issue 16).
		let seeded = 0;
		for (const field of ['read', 'starred'] as const) {
			const column = field === 'read' ? 'is_read' : 'is_starred';
			seeded += this.#statement(`INSERT INTO replicate_outbox (change, at)
				SELECT json_object('kind', 'entry', 'field', '${field}', 'value', 1, 'feed', f.url, 'guid', e.guid), ?
				FROM entries e JOIN feeds f ON f.id = e.feed_id WHERE e.${column} = 1
				AND NOT EXISTS (SELECT 1 FROM account_items i WHERE i.entry_id = e.id) ORDER BY e.id`).run(at).changes;
		}
		seeded += this.#statement(`INSERT INTO replicate_outbox (change, at)
			SELECT json_object('kind', 'set', 'target', 'site:' || site, 'field', 'dismissed', 'value', url), ? FROM discover_dismissed`).run(at).changes;
		return seeded;
	}

	applying<T>(fn: () => T): T {
		return this.#db.transaction(() => {
			this.setMeta('applying', '1');
			try {
				return fn();
			} finally {
				this.setMeta('applying', null);
			}
		}).immediate();
	}
}

const FILE_COLUMNS = `name, kind, device, device_name AS deviceName, epoch, read_to AS readTo, signature, last_stamp AS lastStamp, bad_lines AS badLines, read_at AS readAt`;
