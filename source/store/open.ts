import {mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import Database from 'better-sqlite3';
import {CacheCorruptError, CacheTooNewError} from './errors.js';
import {LATEST_VERSION, migrate} from './migrations.js';
import {SqliteStore} from './store.js';
import type {Store} from './types.js';

export {CacheCorruptError, CacheTooNewError} from './errors.js';

export interface StoreOptions {
	/** The clock for "older than N days"; tests pass a fixed one. */
	readonly now?: () => Date;
	/**
	 * Run `PRAGMA quick_check` on open (default true). It reads the whole file: about
	 * 3 ms per MB (0.8 s for 100 000 entries with bodies); a caller that opens the cache
	 * very often may check only now and then. Without it, a damaged file still fails on
	 * open when its header or schema is unreadable.
	 */
	readonly quickCheck?: boolean;
}

// Error codes with which SQLite says "this file is not (any more) a database".
function isDamage(error: unknown): error is Error & {code: string} {
	const code = (error as {code?: unknown} | null)?.code;
	return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

// The tables every command reads; see migrations.ts.
const REQUIRED_TABLES = ['feeds', 'entries'];

function missingTables(db: Database.Database): string[] {
	const present = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {name: string}[]).map(row => row.name));
	return REQUIRED_TABLES.filter(table => !present.has(table));
}

/**
 * Opens (creating when missing, with its directory) and migrates the cache at `path`,
 * or an in-memory one for `:memory:`.
 * @throws CacheCorruptError when the file is not a SQLite database, fails quick_check or
 *   lacks blogroll's tables.
 * @throws CacheTooNewError when a newer blogroll wrote it.
 */
export function openStore(path: string, options: StoreOptions = {}): Store {
	const inMemory = path === ':memory:' || path === '';
	if (!inMemory) mkdirSync(dirname(path), {recursive: true});
	let db: Database.Database | undefined;
	try {
		db = new Database(path);
		// First, before anything takes a lock: a `refresh` from cron may be writing.
		db.pragma('busy_timeout = 5000');
		// Readers and one writer at the same time; NORMAL stays consistent after a crash
		// or SIGKILL of blogroll (only a power loss may cost the last transactions).
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		db.pragma('foreign_keys = ON');
		if (options.quickCheck ?? true) {
			const check = db.pragma('quick_check', {simple: true});
			if (check !== 'ok') throw new CacheCorruptError(path, String(check));
		} else {
			// Reading the schema at least proves the header and the first page.
			db.prepare('SELECT count(*) FROM sqlite_master').get();
		}
		const version = db.pragma('user_version', {simple: true}) as number;
		if (version > LATEST_VERSION) throw new CacheTooNewError(path, version, LATEST_VERSION);
		migrate(db);
		// A file at the current version whose tables are gone (edited by hand, or a
		// half-restored backup) is as unusable as a damaged one: every query would fail.
		const missing = missingTables(db);
		if (missing.length > 0) throw new CacheCorruptError(path, `missing tables: ${missing.join(', ')}`);
	} catch (error) {
		db?.close();
		if (isDamage(error)) throw new CacheCorruptError(path, error.message);
		throw error;
	}
	return new SqliteStore(db, path, options.now ?? (() => new Date()));
}
