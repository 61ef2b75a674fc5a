import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {compileQueryText, type QueryContext} from '../../source/query/compile.js';
import {compileIgnoreRules} from '../../source/query/ignore.js';
import {LATEST_VERSION, MIGRATIONS} from '../../source/store/migrations.js';
import {openStore} from '../../source/store/open.js';
import type {EntryFilter, SearchHit, Store} from '../../source/store/types.js';
import {blogItem} from './fixtures.js';

const NOW = new Date('2025-03-11T06:00:00.000Z');
const ALL = {offset: 0, limit: 1000};
const FEEDS = ['https://coach.example.de/feed/', 'https://berater.example.de/feed/', 'https://texte.example.de/feed/'];
const TAGS = [['coaching'], ['coaching', 'beratung'], []];

// Scores that differ (the word in the title, or once or twice in the text) and many exact
// ties (same text, other dates), so that the tie-break by date is visible. Each feed's
// entries are stored oldest first in one call and newest first in the others: ids are then
// not in date order, and an order by id instead of date would show.
function itemsOf(feed: number) {
	const items = Array.from({length: 12}, (_, index) => {
		const kind = index % 4;
		return blogItem({
			id: `${feed}-${index}`,
			title: kind === 0 ? `Klarheit im Alltag ${index}` : kind === 1 ? `Kaltakquise ohne Klarheit ${index}` : `Notizen ${index}`,
			published: new Date(Date.UTC(2025, 0, 1 + ((index * 7 + feed * 3) % 60), 8)).toISOString(),
			content: kind === 2 ? '<p>Klarheit, Klarheit und noch einmal Klarheit.</p>' : '<p>Ein Satz über Klarheit und Ruhe.</p>',
			summary: null,
		});
	});
	return feed === 1 ? items.reverse() : items;
}

function fill(store: Store): QueryContext {
	const ids = FEEDS.map((url, feed) => {
		const id = store.ensureFeed(url).id;
		store.upsertEntries(id, itemsOf(feed), NOW.toISOString());
		return id;
	});
	// Some read, some starred, spread over feeds and scores.
	const hits = store.search('Klarheit', ALL);
	store.setRead(hits.filter((_, index) => index % 3 === 0).map(hit => hit.id), true);
	for (const hit of hits.filter((_, index) => index % 5 === 1)) store.setStarred(hit.id, true);
	return {now: NOW, feeds: ids.map((id, feed) => ({id, url: FEEDS[feed]!, titles: [], tags: TAGS[feed]!}))};
}

function where(query: string, context: QueryContext) {
	const compiled = compileQueryText(query, context);
	if ('kind' in compiled) throw new Error(compiled.message);
	return compiled;
}

const ids = (hits: readonly SearchHit[]) => hits.map(hit => hit.id);

let store: Store;
let context: QueryContext;

beforeEach(() => {
	store = openStore(':memory:', {now: () => NOW});
	context = fill(store);
});

afterEach(() => {
	store.close();
});

describe('search with a filter', () => {
	// Each filter with the same condition in plain code, applied to the unfiltered ranking.
	const cases: {name: string; filter: () => EntryFilter; keeps: (hit: SearchHit) => boolean}[] = [
		{name: 'unread', filter: () => ({unreadOnly: true}), keeps: hit => !hit.isRead},
		{name: 'starred', filter: () => ({starredOnly: true}), keeps: hit => hit.isStarred},
		{name: 'one feed', filter: () => ({feedIds: [context.feeds[1]!.id]}), keeps: hit => hit.feedId === context.feeds[1]!.id},
		{name: 'a tag (two feeds)', filter: () => ({where: where('tag:coaching', context)}), keeps: hit => hit.feedId !== context.feeds[2]!.id},
		{name: 'newer:50d', filter: () => ({where: where('newer:50d', context)}), keeps: hit => hit.date >= new Date(NOW.getTime() - 50 * 86_400_000).toISOString()},
		{
			name: 'an ignore rule',
			filter: () => ({where: compileIgnoreRules(['title:Kaltakquise'], context).visible}),
			keeps: hit => !hit.title.includes('Kaltakquise'),
		},
		{
			name: 'unread and an ignore rule',
			filter: () => ({unreadOnly: true, where: compileIgnoreRules(['title:Kaltakquise'], context).visible}),
			keeps: hit => !hit.isRead && !hit.title.includes('Kaltakquise'),
		},
	];

	it('ranks neither by id nor by date alone (or the order checks below would prove little)', () => {
		const hits = store.search('Klarheit', ALL);
		expect(hits).toHaveLength(36);
		expect(ids(hits)).not.toEqual([...ids(hits)].sort((a, b) => b - a));
		expect(hits.map(hit => hit.date)).not.toEqual(hits.map(hit => hit.date).sort().reverse());
	});

	for (const {name, filter, keeps} of cases) {
		it(`${name}: the unfiltered ranking, less what the filter hides, in the same order`, () => {
			const expected = store.search('Klarheit', ALL).filter(keeps);
			const found = store.search('Klarheit', ALL, filter());
			expect(ids(found)).toEqual(ids(expected));
			// The filter narrows, but leaves something: a filter ignored or matching nothing fails.
			expect(found.length).toBeGreaterThan(0);
			expect(found.length).toBeLessThan(36);
		});

		it(`${name}: pages are slices of that order, and the counts agree`, () => {
			const expected = ids(store.search('Klarheit', ALL).filter(keeps));
			const pages = [0, 1, 2, 3, 4, 5].flatMap(page => ids(store.search('Klarheit', {offset: page * 4, limit: 4}, filter())));
			expect(pages).toEqual(expected.slice(0, 24));
			const counts = store.countSearch('Klarheit', filter());
			expect(counts.total).toBe(expected.length);
			expect(counts.unread).toBe(store.search('Klarheit', ALL).filter(keeps).filter(hit => !hit.isRead).length);
		});
	}
});

describe('search with a filter over more hits than one window', () => {
	it('pages a feed whose hits all rank below the first few hundred of the others', () => {
		const big = openStore(':memory:', {now: () => NOW});
		try {
			// The narrow feed is stored first: on equal scores its entries rank last.
			const narrow = big.ensureFeed('https://klein.example.de/feed/').id;
			const wide = big.ensureFeed('https://gross.example.de/feed/').id;
			const post = (feed: string, index: number) =>
				blogItem({
					id: `${feed}-${index}`,
					title: `Beitrag ${index}`,
					// Dates not in storage order: pages picked by one order and shown by another would show.
					published: new Date(Date.UTC(2025, 0, 1 + ((index * 7) % 60), 8)).toISOString(),
					content: '<p>Mehr Klarheit im Kalender.</p>',
					summary: null,
				});
			big.upsertEntries(narrow, Array.from({length: 30}, (_, index) => post('klein', index)), NOW.toISOString());
			big.upsertEntries(wide, Array.from({length: 400}, (_, index) => post('gross', index)), NOW.toISOString());

			const expected = ids(big.search('Klarheit', ALL).filter(hit => hit.feedId === narrow));
			expect(expected).toHaveLength(30);
			const pages = [0, 1, 2].flatMap(page => ids(big.search('Klarheit', {offset: page * 10, limit: 10}, {feedIds: [narrow]})));
			expect(pages).toEqual(expected);
			// Unfiltered pages are slices of one order too: no entry twice, none skipped.
			const unfiltered = [0, 1, 2, 3].flatMap(page => ids(big.search('Klarheit', {offset: page * 50, limit: 50})));
			expect(unfiltered).toEqual(ids(big.search('Klarheit', ALL)).slice(0, 200));
		} finally {
			big.close();
		}
	});
});

describe('migration 2 (index for search filters)', () => {
	let dir: string;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'blogroll-migration-'));
	});

	afterEach(() => {
		rmSync(dir, {recursive: true, force: true});
	});

	it('upgrades a version 1 cache to one with the index, and filtered search works on it', () => {
		const path = join(dir, 'cache.db');
		const old = new Database(path);
		old.exec(MIGRATIONS[0]!.sql);
		old.pragma('user_version = 1');
		old.close();

		const upgraded = openStore(path, {now: () => NOW});
		try {
			const upgradedContext = fill(upgraded);
			const db = new Database(path, {readonly: true});
			try {
				expect(db.pragma('user_version', {simple: true})).toBe(LATEST_VERSION);
				expect(LATEST_VERSION).toBeGreaterThanOrEqual(2);
				const index = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'entries_filter_columns'").get();
				expect(index).toEqual({name: 'entries_filter_columns'});
			} finally {
				db.close();
			}
			const filter = {unreadOnly: true, where: where('tag:coaching', upgradedContext)};
			expect(ids(upgraded.search('Klarheit', ALL, filter))).toEqual(
				ids(upgraded.search('Klarheit', ALL).filter(hit => !hit.isRead && hit.feedId !== upgradedContext.feeds[2]!.id)),
			);
		} finally {
			upgraded.close();
		}
	});

	it('keeps the entries of a version 1 cache and indexes them', () => {
		const path = join(dir, 'cache.db');
		const first = openStore(path, {now: () => NOW});
		fill(first);
		first.close();
		// Back to version 1 as an older blogroll left it: without the index.
		const db = new Database(path);
		db.exec('DROP INDEX entries_filter_columns');
		// …and without what later versions added (3: the last error's detail).
		db.exec('ALTER TABLE feeds DROP COLUMN last_error_detail');
		// (8: backfill's entry columns.)
		db.exec('ALTER TABLE entries DROP COLUMN from_archive');
		db.exec('ALTER TABLE entries DROP COLUMN removed_upstream');
		// (10: feeds known by stable keys after their ids churned.)
		db.exec('ALTER TABLE feeds DROP COLUMN stable_ids_since');
		db.pragma('user_version = 1');
		db.close();

		const reopened = openStore(path, {now: () => NOW});
		try {
			expect(reopened.search('Klarheit', ALL, {unreadOnly: true})).toHaveLength(24);
		} finally {
			reopened.close();
		}
		const check = new Database(path, {readonly: true});
		expect(check.prepare("SELECT count(*) AS n FROM entries INDEXED BY entries_filter_columns WHERE id > 0").get()).toEqual({n: 36});
		check.close();
	});
});
