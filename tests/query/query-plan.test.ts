import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {compileQueryText, type QueryContext, type QueryWhere} from '../../source/query/compile.js';
import {buildCountQuery, buildListQuery, type SqlFragment} from '../../source/store/entry-sql.js';
import {openStore} from '../../source/store/open.js';
import {pagePickingPlan} from '../helpers/query-plan.js';

// No timings (the machines are shared and noisy): the plan SQLite chooses tells whether a
// view's page costs a walk down an index or a scan of the whole cache.
let dir: string;
let db: Database.Database;
let context: QueryContext;

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'blogroll-query-plan-'));
	const path = join(dir, 'cache.db');
	const store = openStore(path);
	const feeds = [];
	for (let feed = 0; feed < 20; feed++) {
		const url = `https://praxis-${feed}.beispiel.de/feed/`;
		const id = store.ensureFeed(url).id;
		feeds.push({id, url, titles: [`Praxis ${feed}`], tags: feed % 2 === 0 ? ['Coaching'] : ['Beratung']});
		store.upsertEntries(id, Array.from({length: 100}, (_, index) => ({
			id: `${url}?p=${index}`,
			title: `Beitrag ${index}: Mentoring und Führung im Mittelstand`,
			link: `https://praxis-${feed}.beispiel.de/beitrag-${index}/`,
			published: new Date(Date.UTC(2025, 0, 1) + (feed * 100 + index) * 3_600_000).toISOString(),
			updated: null,
			author: 'Katharina Brenneisen',
			content: '<p>Gute Führung beginnt beim Zuhören&nbsp;– auch im Homeoffice.</p>',
			summary: null,
		})), '2025-06-01T06:00:00.000Z');
	}
	store.markReadOlderThan(400);
	store.close();
	db = new Database(path, {readonly: true});
	context = {feeds, now: new Date('2025-06-01T06:00:00.000Z')};
});

afterAll(() => {
	db.close();
	rmSync(dir, {recursive: true, force: true});
});

function where(query: string): QueryWhere {
	const compiled = compileQueryText(query, context);
	if ('kind' in compiled) throw new Error(compiled.message);
	return compiled;
}

function plan(query: SqlFragment): string {
	return (db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as {detail: string}[]).map(row => row.detail).join('\n');
}

const PAGE = {offset: 0, limit: 50};

describe('saved views page through an index, not the whole cache', () => {
	for (const query of ['unread', 'newer:7d', 'unread and not author:Gastbeitrag', 'starred or unread', 'feed:"Praxis 3" and unread']) {
		it(`picks a page of "${query}" in date order without sorting the view`, () => {
			const lines = pagePickingPlan(db, buildListQuery({where: where(query)}, PAGE)).join('\n');
			expect(lines).not.toMatch(/TEMP B-TREE/);
			expect(lines).toMatch(/USING (COVERING )?INDEX/);
		});
	}

	it('reads a tag spanning several feeds from the feed indexes, never scanning the cache', () => {
		// It sorts those feeds' entries (TEMP B-TREE): bounded by the tag's size, not the cache's.
		const lines = plan(buildListQuery({where: where('unread and tag:coaching')}, PAGE));
		expect(lines).toMatch(/SEARCH e USING (COVERING )?INDEX entries_feed_\w+ \(feed_id=\?/);
		expect(lines).not.toMatch(/SCAN (e|entries)$/m);
	});

	it('answers a recent-entries view from a range of the date index', () => {
		expect(plan(buildListQuery({where: where('newer:7d')}, PAGE))).toMatch(/USING INDEX entries_by_date \(sort_date>\?\)|USING INDEX entries_\w+ \(.*sort_date/);
	});

	it('looks text terms up in the full-text index', () => {
		expect(plan(buildListQuery({where: where('unread and title:mentoring')}, PAGE))).toMatch(/VIRTUAL TABLE INDEX/);
	});

	it('counts a tag view from an index, without reading entry rows', () => {
		expect(plan(buildCountQuery({where: where('unread and tag:coaching')}))).toMatch(/USING (COVERING )?INDEX/);
		expect(plan(buildCountQuery({where: where('unread and tag:coaching')}))).not.toMatch(/SCAN (e|entries)$/m);
	});
});
