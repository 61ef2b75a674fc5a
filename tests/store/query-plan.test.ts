import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {COUNTS_PER_FEED_SQL, LIST_FEEDS_SQL, buildCountQuery, buildListQuery, type SqlFragment} from '../../source/store/entry-sql.js';
import {openStore} from '../../source/store/open.js';
import {pagePickingPlan, queryPlan} from '../helpers/query-plan.js';
import {blogItem} from './fixtures.js';

let dir: string;
let db: Database.Database;

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'blogroll-plan-'));
	const path = join(dir, 'cache.db');
	const store = openStore(path);
	// Enough rows that the planner has a real choice; 20 feeds of 100 entries.
	for (let feed = 0; feed < 20; feed++) {
		const id = store.ensureFeed(`https://blog-${feed}.example.de/feed/`).id;
		const items = Array.from({length: 100}, (_, index) => blogItem({
			id: `https://blog-${feed}.example.de/?p=${index}`,
			title: `Beitrag ${index} über Führung und Selbstständigkeit`,
			published: new Date(Date.UTC(2024, 0, 1) + (feed * 100 + index) * 3_600_000).toISOString(),
		}));
		store.upsertEntries(id, items, '2025-03-11T06:00:00.000Z');
	}
	store.markReadOlderThan(400);
	store.close();
	db = new Database(path, {readonly: true});
});

afterAll(() => {
	db.close();
	rmSync(dir, {recursive: true, force: true});
});

function plan(query: SqlFragment): string[] {
	return queryPlan(db, query);
}

// A full scan of entries is `SCAN e` / `SCAN entries` without an index; sorting afterwards
// is `USE TEMP B-TREE FOR ORDER BY`. Either means the query grows with the whole cache.
// List queries are checked on the subquery that picks the page (pagePickingPlan).
function expectIndexedInOrder(lines: string[]): void {
	expect(lines.join('\n')).not.toMatch(/SCAN (e|entries)$/m);
	expect(lines.join('\n')).not.toMatch(/TEMP B-TREE/);
	expect(lines.join('\n')).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
}

const PAGE = {offset: 0, limit: 200};

describe('query plans at scale', () => {
	it('newest unread across all feeds walks the partial unread index in order', () => {
		const lines = pagePickingPlan(db, buildListQuery({unreadOnly: true}, PAGE));
		expectIndexedInOrder(lines);
		expect(lines.join('\n')).toContain('entries_unread_by_date');
	});

	it('newest of one feed walks the (feed, date) index in order', () => {
		const lines = pagePickingPlan(db, buildListQuery({feedIds: [3]}, PAGE));
		expectIndexedInOrder(lines);
		expect(lines.join('\n')).toContain('entries_feed_by_date');
	});

	it('starred walks the partial starred index in order', () => {
		const lines = pagePickingPlan(db, buildListQuery({starredOnly: true}, PAGE));
		expectIndexedInOrder(lines);
		expect(lines.join('\n')).toContain('entries_starred_by_date');
	});

	it('all entries walk the date index in order', () => {
		expectIndexedInOrder(pagePickingPlan(db, buildListQuery({}, PAGE)));
	});

	it('unread count per feed reads only the covering (feed, read) index', () => {
		const lines = plan({sql: COUNTS_PER_FEED_SQL, params: []});
		expect(lines.join('\n')).toMatch(/USING COVERING INDEX entries_feed_read/);
		expect(lines.join('\n')).not.toMatch(/TEMP B-TREE/);
	});

	it('the feed list with counts groups over the covering index once', () => {
		const lines = plan({sql: LIST_FEEDS_SQL, params: []});
		expect(lines.join('\n')).toMatch(/USING COVERING INDEX entries_feed_read/);
		expect(lines.join('\n')).not.toMatch(/SCAN (e|entries)$/m);
	});

	it('unread count of one feed is an index range', () => {
		const lines = plan(buildCountQuery({feedIds: [3], unreadOnly: true}));
		expect(lines.join('\n')).toMatch(/SEARCH e USING COVERING INDEX entries_feed_read/);
	});
});
