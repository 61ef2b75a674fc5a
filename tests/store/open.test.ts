import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {CacheCorruptError, CacheTooNewError, openStore} from '../../source/store/open.js';
import {LATEST_VERSION, MIGRATIONS} from '../../source/store/migrations.js';
import {COACH_FEED, coachingItems} from './fixtures.js';

let dir: string;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'blogroll-store-'));
});

afterEach(() => {
	rmSync(dir, {recursive: true, force: true});
});

describe('openStore', () => {
	it('creates the cache file and its missing directories, at the latest schema version', () => {
		const path = join(dir, 'nested', 'blogroll', 'cache.db');
		const store = openStore(path);
		store.close();
		expect(existsSync(path)).toBe(true);
		const db = new Database(path, {readonly: true});
		expect(db.pragma('user_version', {simple: true})).toBe(LATEST_VERSION);
		expect(db.pragma('journal_mode', {simple: true})).toBe('wal');
		const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name").pluck().all();
		expect(tables).toEqual(expect.arrayContaining(['feeds', 'entries', 'entries_fts', 'entries_unread_by_date', 'entries_feed_by_date']));
		db.close();
	});

	it('reopens an existing cache with its entries and flags, without migrating again', () => {
		const path = join(dir, 'cache.db');
		const first = openStore(path);
		const feed = first.ensureFeed(COACH_FEED);
		first.upsertEntries(feed.id, coachingItems(), '2025-03-11T06:00:00.000Z');
		const [newest] = first.listEntries({}, {offset: 0, limit: 1});
		first.setStarred(newest!.id, true);
		first.close();

		const second = openStore(path);
		expect(second.countEntries({})).toEqual({total: 3, unread: 3});
		expect(second.listEntries({starredOnly: true}, {offset: 0, limit: 10}).map((entry) => entry.title))
			.toEqual(['Fünf Fragen für ein klares Jahresgespräch']);
		second.close();
	});

	it('raises CacheCorruptError naming the file when cache.db holds garbage bytes', () => {
		const path = join(dir, 'cache.db');
		writeFileSync(path, Buffer.from('<?xml version="1.0"?><rss>Das ist keine Datenbank.</rss>'.repeat(100)));
		let thrown: unknown;
		try {
			openStore(path);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(CacheCorruptError);
		expect((thrown as CacheCorruptError).path).toBe(path);
		expect((thrown as Error).message).toContain(path);
	});

	it('raises CacheCorruptError for garbage bytes even without the full quick_check', () => {
		const path = join(dir, 'cache.db');
		writeFileSync(path, Buffer.from('SQLite format 2\u0000 – beschädigt, überschrieben, weg. '.repeat(200)));
		expect(() => openStore(path, {quickCheck: false})).toThrow(CacheCorruptError);
	});

	it('raises CacheCorruptError when pages of a real database were overwritten', () => {
		const path = join(dir, 'cache.db');
		const store = openStore(path);
		const feed = store.ensureFeed(COACH_FEED);
		store.upsertEntries(feed.id, coachingItems(), '2025-03-11T06:00:00.000Z');
		store.close();
		const db = new Database(path);
		db.pragma('journal_mode = DELETE');
		const pageSize = db.pragma('page_size', {simple: true}) as number;
		const pages = db.pragma('page_count', {simple: true}) as number;
		db.close();
		expect(pages).toBeGreaterThan(2);
		// Keep the header page intact, scribble over everything after it.
		const bytes = Buffer.alloc(pageSize * pages);
		const original = readFileSync(path);
		original.copy(bytes, 0, 0, pageSize);
		bytes.fill(0x5A, pageSize);
		writeFileSync(path, bytes);
		expect(() => openStore(path)).toThrow(CacheCorruptError);
	});

	it('refuses a cache written by a newer blogroll instead of calling it corrupt', () => {
		const path = join(dir, 'cache.db');
		const db = new Database(path);
		db.pragma(`user_version = ${LATEST_VERSION + 1}`);
		db.close();
		expect(() => openStore(path)).toThrow(CacheTooNewError);
	});

	it('lists its migrations in ascending version order', () => {
		const versions = MIGRATIONS.map((migration) => migration.version);
		expect(versions).toEqual([...versions].sort((a, b) => a - b));
		expect(new Set(versions).size).toBe(versions.length);
	});
});

describe('two processes on one cache', () => {
	it('a refresh in one connection is visible to a reader open in another', () => {
		const path = join(dir, 'cache.db');
		const reader = openStore(path);
		const refresher = openStore(path);
		const feed = refresher.ensureFeed(COACH_FEED);
		refresher.upsertEntries(feed.id, coachingItems(), '2025-03-11T06:00:00.000Z');
		expect(reader.countEntries({})).toEqual({total: 3, unread: 3});
		const [entry] = reader.listEntries({}, {offset: 0, limit: 1});
		reader.setRead([entry!.id], true);
		expect(refresher.countEntries({}).unread).toBe(2);
		refresher.close();
		reader.close();
	});
});
