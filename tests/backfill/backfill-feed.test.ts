import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createHttpClient} from '../../source/feeds/http.js';
import type {HttpClient} from '../../source/feeds/http-types.js';
import {openStore} from '../../source/store/open.js';
import type {Store} from '../../source/store/types.js';
import {backfillFeed, type BackfillLimits} from '../../source/sync/backfill-feed.js';
import {fetchFeed} from '../../source/sync/fetch-feed.js';
import {storeParsedFeed} from '../../source/sync/store-feed.js';
import {coachingPosts, startArchiveServer, type ArchiveServer} from './archive-server.js';

const ALL = {offset: 0, limit: 1000};
const NO_LIMIT: BackfillLimits = {maxPages: null, maxEntries: null};
const NOW = new Date('2025-11-10T12:00:00Z');

let server: ArchiveServer;
let store: Store;
let http: HttpClient;
let dir: string;

beforeEach(async () => {
	server = await startArchiveServer();
	dir = mkdtempSync(join(tmpdir(), 'blogroll-backfill-'));
	store = openStore(join(dir, 'cache.db'), {now: () => NOW});
	http = createHttpClient({retryDelayMs: 1, connectTimeoutMs: 5000, totalTimeoutMs: 10_000});
});

afterEach(async () => {
	store.close();
	await server.close();
	rmSync(dir, {recursive: true, force: true});
});

function backfill(path: string, limits: BackfillLimits = NO_LIMIT, readBefore: string | null = null) {
	return backfillFeed(http, store, {url: server.url(path), limits, readBefore, now: () => NOW});
}

/** Subscribing as `add` does (or refreshing, at `at`): the first document fetched and stored. */
async function subscribe(path: string, at: Date = NOW): Promise<void> {
	const outcome = await fetchFeed(http, {url: server.url(path)});
	if (outcome.kind !== 'fetched') throw new Error(`could not fetch ${path}`);
	storeParsedFeed(store, server.url(path), outcome.feed, outcome.meta, at);
}

function titles(): string[] {
	return store.listEntries({}, ALL).map((entry) => entry.title).sort();
}

function column(name: 'removed_upstream' | 'from_archive', title: string): number {
	const db = new Database(join(dir, 'cache.db'), {readonly: true});
	try {
		return (db.prepare(`SELECT ${name} FROM entries WHERE title = ?`).pluck().get(title) as number | undefined) ?? -1;
	} finally {
		db.close();
	}
}

describe('backfillFeed', () => {
	it('fetches all 5 pages of a paged Atom feed once each and stores every entry once', async () => {
		await subscribe('/paged/feed.atom');
		expect(store.countEntries({}).total).toBe(4);
		server.requests.length = 0;
		const report = await backfill('/paged/feed.atom');
		expect(report).toMatchObject({pages: 5, added: 16, done: true, failure: null});
		expect(server.requests).toEqual(['/paged/feed.atom', '/paged/feed.atom?page=2', '/paged/feed.atom?page=3', '/paged/feed.atom?page=4', '/paged/feed.atom?page=5']);
		expect(titles()).toEqual(server.pagedPosts.map((post) => post.title).sort());
		expect(titles()).toContain('Führung beginnt beim Zuhören (Teil 20)');

		// Done means done: a second run asks nothing and adds nothing.
		server.requests.length = 0;
		const again = await backfill('/paged/feed.atom');
		expect(again).toMatchObject({pages: 0, added: 0, done: true, alreadyDone: true, totalAdded: 16});
		expect(server.requests).toEqual([]);
	});

	it('follows prev-archive through an archived RSS feed of 3 documents', async () => {
		const report = await backfill('/archiv/feed.xml');
		expect(report).toMatchObject({pages: 3, added: 9, done: true});
		expect(server.requests).toEqual(['/archiv/feed.xml', '/archiv/2025-2.xml', '/archiv/2025-1.xml']);
		expect(titles()).toEqual(server.archivePosts.map((post) => post.title).sort());
	});

	it('pages a WordPress feed with ?paged= until the 404 after the last page', async () => {
		const report = await backfill('/wp/feed/');
		expect(report).toMatchObject({pages: 3, added: 15, done: true, failure: null});
		expect(server.requests).toEqual(['/wp/feed/', '/wp/feed/?paged=2', '/wp/feed/?paged=3', '/wp/feed/?paged=4']);
	});

	it('stops after one extra request at a feed that answers ?paged=2 with the same document', async () => {
		const report = await backfill('/statisch/feed.xml');
		expect(report).toMatchObject({pages: 1, added: 3, done: true});
		expect(server.requests).toEqual(['/statisch/feed.xml', '/statisch/feed.xml?paged=2']);
	});

	it('goes on where a limited run stopped, never asking for a page twice', async () => {
		const first = await backfill('/paged/feed.atom', {maxPages: 2, maxEntries: null});
		expect(first).toMatchObject({pages: 2, added: 8, done: false});
		const second = await backfill('/paged/feed.atom', {maxPages: null, maxEntries: 5});
		// The entry limit is checked between pages: two pages of 4 reach 5.
		expect(second).toMatchObject({pages: 2, added: 8, done: false, totalPages: 4});
		const third = await backfill('/paged/feed.atom');
		expect(third).toMatchObject({pages: 1, added: 4, done: true, totalAdded: 20});
		expect(new Set(server.requests).size).toBe(server.requests.length);
		expect(store.countEntries({}).total).toBe(20);
	});

	it('marks entries older than the subscription read, and leaves newer ones and cached ones alone', async () => {
		await subscribe('/wp/feed/');
		// Subscribed when post 8 was the newest-but-one… on 2025-09-29 (post 11 was published 2025-09-22).
		const subscribedAt = '2025-09-25T00:00:00.000Z';
		const report = await backfill('/wp/feed/', NO_LIMIT, subscribedAt);
		expect(report.added).toBe(10);
		const entries = store.listEntries({}, ALL);
		const unread = entries.filter((entry) => !entry.isRead);
		// The 5 of the first page stay unread (cached before), the backfilled ones after the subscription too.
		expect(unread.every((entry) => entry.date >= subscribedAt || server.wordpressPosts.slice(0, 5).some((post) => post.title === entry.title))).toBe(true);
		expect(entries.filter((entry) => entry.isRead).every((entry) => entry.date < subscribedAt)).toBe(true);
		expect(report.markedRead).toBe(entries.filter((entry) => entry.isRead).length);
		expect(report.markedRead).toBeGreaterThan(0);
		expect(unread.length).toBeGreaterThan(5);
	});

	it('keeps backfilled entries when read entries are pruned after a later refresh', async () => {
		await subscribe('/wp/feed/');
		await backfill('/wp/feed/', NO_LIMIT, NOW.toISOString());
		expect(store.countEntries({}).total).toBe(15);
		// A refresh an hour later sees the first page again: the backfilled entries are not in it.
		await subscribe('/wp/feed/', new Date(NOW.getTime() + 3_600_000));
		store.markAllRead({});
		store.pruneReadOlderThan(1);
		expect(store.countEntries({}).total).toBe(15);
		expect(column('from_archive', server.wordpressPosts[14]!.title)).toBe(1);
	});

	it('a page that fails stops the run with the url named; the next run goes on from it', async () => {
		// Page 3 is missing (a 404 on a page the feed links is a failure, not the end).
		const broken: HttpClient = {get: (request) => http.get(request.url.endsWith('page=3') ? {...request, url: server.url('/paged/feed.atom?page=9')} : request)};
		const report = await backfillFeed(broken, store, {url: server.url('/paged/feed.atom'), limits: NO_LIMIT, readBefore: null, now: () => NOW});
		expect(report).toMatchObject({pages: 2, added: 8, done: false});
		expect(report.failure?.params?.url).toBe(server.url('/paged/feed.atom?page=3'));
		expect(report.failure?.message).toContain('HTTP 404');
		const resumed = await backfill('/paged/feed.atom');
		expect(resumed).toMatchObject({pages: 3, added: 12, done: true});
		expect(store.countEntries({}).total).toBe(20);
	});
});

describe('a complete feed (fh:complete)', () => {
	it('marks an entry it no longer lists as removed upstream and read, and clears the mark when it returns', async () => {
		const posts = coachingPosts(4);
		server.completePosts = posts;
		await subscribe('/komplett/feed.xml');
		const gone = posts[1]!;
		server.completePosts = posts.filter((post) => post !== gone);
		await subscribe('/komplett/feed.xml');
		expect(store.countEntries({}).total).toBe(4);
		expect(store.listEntries({unreadOnly: true}, ALL).map((entry) => entry.title)).not.toContain(gone.title);
		expect(column('removed_upstream', gone.title)).toBe(1);
		expect(column('removed_upstream', posts[0]!.title)).toBe(0);

		server.completePosts = posts;
		await subscribe('/komplett/feed.xml');
		expect(column('removed_upstream', gone.title)).toBe(0);
	});

	it('is backfilled from its one document: nothing else is asked for', async () => {
		const report = await backfill('/komplett/feed.xml');
		expect(report).toMatchObject({pages: 1, added: 4, done: true});
		expect(server.requests).toEqual(['/komplett/feed.xml']);
	});
});
