import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createHttpClient} from '../../source/feeds/http.js';
import type {HttpClient} from '../../source/feeds/http-types.js';
import {openStore} from '../../source/store/open.js';
import type {Store} from '../../source/store/types.js';
import {createParsePool, type FeedParser} from '../../source/sync/parse-pool.js';
import {refreshFeeds, type RefreshProgress} from '../../source/sync/refresh.js';
import {FeedServer, coachingPosts, servedWithEtag, wordpressRss, type Post} from './feed-server.js';

const ALL = {offset: 0, limit: 100};
const START = Date.parse('2025-03-20T12:00:00.000Z');
const MINUTE = 60_000;

let server: FeedServer;
let store: Store;
let http: HttpClient;
let clock: number;
const now = () => new Date(clock);

beforeEach(async () => {
	server = new FeedServer();
	await server.start();
	store = openStore(':memory:');
	http = createHttpClient({retryDelayMs: 1, connectTimeoutMs: 5000, totalTimeoutMs: 10_000});
	clock = START;
});

afterEach(async () => {
	store.close();
	await server.stop();
});

function refresh(urls: readonly string[], options: {force?: boolean; onProgress?: (p: RefreshProgress) => void} = {}) {
	return refreshFeeds({http, store, now}, urls, {force: options.force ?? false, intervalMinutes: 30, onProgress: options.onProgress});
}

/** A coaching blog at `path` whose posts and ETag the test can change. */
function serveBlog(path: string, options: {ttl?: number; headers?: Record<string, string>} = {}): {posts: Post[]; version: number} {
	const blog = {posts: coachingPosts(), version: 1};
	server.routes.set(path, servedWithEtag(
		() => wordpressRss({title: 'Coaching mit Herz', site: 'https://www.coaching-mit-herz.de/', posts: blog.posts, ttl: options.ttl}),
		() => `"v${blog.version}"`,
		options.headers,
	));
	return blog;
}

function entryTitled(title: string) {
	const entry = store.listEntries({}, ALL).find((item) => item.title === title);
	if (!entry) throw new Error(`no entry „${title}“`);
	return entry;
}

describe('refreshFeeds', () => {
	it('stores the entries of a new feed and reports them as new', async () => {
		serveBlog('/feed/');
		const progress: RefreshProgress[] = [];
		const report = await refresh([server.url('/feed/')], {onProgress: (p) => progress.push(p)});
		expect(report.results).toEqual([{
			url: server.url('/feed/'),
			title: 'Coaching mit Herz',
			outcome: 'updated',
			newEntries: 3,
			updatedEntries: 0,
			status: 200,
			message: null,
			movedTo: null,
		}]);
		expect(progress).toEqual([{done: 1, total: 1, url: server.url('/feed/'), title: 'Coaching mit Herz', result: report.results[0]}]);
		expect(store.listEntries({}, ALL).map((entry) => entry.title)).toEqual([
			'Fünf Fragen für ein klares Jahresgespräch',
			'Mentoring für Selbstständige: was es bringt',
			'Warum „gut genug“ manchmal besser ist',
		]);
		expect(store.getFeedByUrl(server.url('/feed/'))).toMatchObject({
			title: 'Coaching mit Herz',
			siteUrl: 'https://www.coaching-mit-herz.de/',
			etag: '"v1"',
			lastStatus: 200,
			lastUpdatedAt: '2025-03-20T12:00:00.000Z',
			nextFetchAt: '2025-03-20T12:30:00.000Z',
		});
	});

	it('asks again with the ETag and, on 304, touches nothing but the fetch state', async () => {
		serveBlog('/feed/');
		await refresh([server.url('/feed/')]);
		const id = entryTitled('Mentoring für Selbstständige: was es bringt').id;
		store.setRead([id], true);
		clock += 45 * MINUTE;

		const report = await refresh([server.url('/feed/')]);
		expect(report.results[0]).toMatchObject({outcome: 'not-modified', status: 304, newEntries: 0, updatedEntries: 0, title: 'Coaching mit Herz'});
		expect(server.requests.at(-1)?.ifNoneMatch).toBe('"v1"');
		expect(store.countEntries({})).toEqual({total: 3, unread: 2});
		expect(store.getFeedByUrl(server.url('/feed/'))).toMatchObject({
			etag: '"v1"',
			lastStatus: 304,
			lastUpdatedAt: '2025-03-20T12:00:00.000Z',
			lastFetchedAt: '2025-03-20T12:45:00.000Z',
			nextFetchAt: '2025-03-20T13:15:00.000Z',
		});
	});

	it('hands each 200 to the parser it is given, and none when every feed answers 304', async () => {
		serveBlog('/feed/');
		serveBlog('/zwei/feed/');
		const urls = [server.url('/feed/'), server.url('/zwei/feed/')];
		const parsed: string[] = [];
		const pool = createParsePool({workerScript: null});
		const parser: FeedParser = {
			parse: (body, contentType, url) => {
				parsed.push(url);
				return pool.parse(body, contentType, url);
			},
			close: () => pool.close(),
		};
		const first = await refreshFeeds({http, store, now, parser}, urls, {force: true, intervalMinutes: 30});
		expect(first.results.map((result) => result.outcome)).toEqual(['updated', 'updated']);
		expect(parsed.sort()).toEqual([...urls].sort());
		expect(store.countEntries({})).toEqual({total: 6, unread: 6});

		parsed.length = 0;
		const again = await refreshFeeds({http, store, now, parser}, urls, {force: true, intervalMinutes: 30});
		expect(again.results.map((result) => result.outcome)).toEqual(['not-modified', 'not-modified']);
		expect(parsed).toEqual([]);
	});

	it('feeds parsed at the same time are stored one per turn of the event loop: a key pressed meanwhile is read before the rest are stored', async () => {
		const paths = ['/feed/', '/zwei/feed/', '/drei/feed/', '/vier/feed/', '/fuenf/feed/', '/sechs/feed/'];
		for (const path of paths) serveBlog(path);
		const pool = createParsePool({workerScript: null});
		let stored = 0;
		let storedWhenKeyRead: number | null = null;
		let parsed = 0;
		let releaseAll!: () => void;
		const together = new Promise<void>((resolve) => {
			releaseAll = resolve;
		});
		// The workers' answers come back together (one message each, read in one go).
		const parser: FeedParser = {
			parse: async (body, contentType, url, charset, known) => {
				const feed = await pool.parse(body, contentType, url, charset, known);
				if (++parsed === paths.length) {
					releaseAll();
					// The key the user pressed meanwhile: read in the event loop's next turn.
					setImmediate(() => {
						storedWhenKeyRead = stored;
					});
				}
				await together;
				return feed;
			},
			close: () => pool.close(),
		};
		const report = await refreshFeeds({http, store, now, parser}, paths.map((path) => server.url(path)), {force: true, intervalMinutes: 30, onProgress: () => stored++});
		expect(report.results.map((result) => result.outcome)).toEqual(paths.map(() => 'updated'));
		expect(store.countEntries({})).toEqual({total: 18, unread: 18});
		await new Promise((resolve) => setImmediate(resolve));
		expect(storedWhenKeyRead).toBeLessThanOrEqual(1);
	});

	it('a day\'s refresh indexes only the entries that changed, and search finds new, changed and unchanged ones', async () => {
		const blog = serveBlog('/feed/');
		const pool = createParsePool({workerScript: null});
		const indexed: (string | undefined)[][] = [];
		const bodies: boolean[][] = [];
		const parser: FeedParser = {
			parse: async (body, contentType, url, charset, known) => {
				const feed = await pool.parse(body, contentType, url, charset, known);
				if (!('kind' in feed)) indexed.push(feed.items.map((item) => item.contentIndexText));
				if (!('kind' in feed)) bodies.push(feed.items.map((item) => item.content !== null));
				return feed;
			},
			close: () => pool.close(),
		};
		await refreshFeeds({http, store, now, parser}, [server.url('/feed/')], {force: true, intervalMinutes: 30});
		expect(indexed[0]?.every((text) => text !== undefined)).toBe(true);

		blog.posts = [
			{guid: '420', title: 'Neu: Sprechstunde für Gründerinnen', pubDate: 'Wed, 19 Mar 2025 09:00:00 +0000', author: 'Sabine Groß', html: '<p>Jeden Donnerstag „offene Tür“ im Büro.</p>'},
			...blog.posts.map((post) => post.guid === '398' ? {...post, html: '<p>Nachtrag: drei Erfahrungsberichte aus der Praxis.</p>'} : post),
		];
		blog.version = 2;
		const report = await refreshFeeds({http, store, now, parser}, [server.url('/feed/')], {force: true, intervalMinutes: 30});
		expect(report.results[0]).toMatchObject({outcome: 'updated', newEntries: 1, updatedEntries: 1});
		// The new and the changed entry were indexed on the parser's side, the unchanged one not.
		expect(indexed[1]?.map((text) => text !== undefined)).toEqual([true, false, true, false]);
		// Unchanged posts came without their bodies, and kept the ones stored.
		expect(bodies[1]).toEqual([true, false, true, false]);
		const unchanged = store.search('Jahresgespräch', ALL)[0]!;
		expect(store.getEntry(unchanged.id)?.content).toContain('Jahresgespräch');
		expect(store.search('Sprechstunde', ALL).map((hit) => hit.title)).toEqual(['Neu: Sprechstunde für Gründerinnen']);
		expect(store.search('Erfahrungsberichte', ALL).map((hit) => hit.title)).toEqual(['Mentoring für Selbstständige: was es bringt']);
		expect(store.search('Mentoring', ALL)).toHaveLength(1);
		expect(store.search('Jahresgespräch', ALL).map((hit) => hit.title)).toEqual(['Fünf Fragen für ein klares Jahresgespräch']);
	});

	it('in slices (the reader), stores the same entries and validators, and the next fetch is a 304', async () => {
		const blog = serveBlog('/feed/');
		blog.posts = [
			...Array.from({length: 4}, (_, index) => ({guid: `5${index}0`, title: `Teamklausur, Tag ${index + 1}: „Was bleibt?“`, pubDate: `Thu, ${13 + index} Mar 2025 08:00:00 +0000`, author: 'Sabine Groß', html: `<p>Notizen vom Tag ${index + 1} der Klausur im Allgäu.</p>`})),
			...blog.posts,
		];
		const report = await refreshFeeds({http, store, now}, [server.url('/feed/')], {force: true, intervalMinutes: 30, storeSlice: 2});
		expect(report.results[0]).toMatchObject({outcome: 'updated', newEntries: 7, updatedEntries: 0});
		expect(store.countEntries({})).toEqual({total: 7, unread: 7});
		expect(store.getFeedByUrl(server.url('/feed/'))).toMatchObject({etag: '"v1"', lastStatus: 200});
		const again = await refreshFeeds({http, store, now}, [server.url('/feed/')], {force: true, intervalMinutes: 30, storeSlice: 2});
		expect(again.results[0]).toMatchObject({outcome: 'not-modified', status: 304});
	});

	it('skips feeds that are not due, unless forced — and a forced fetch is still conditional', async () => {
		serveBlog('/feed/');
		await refresh([server.url('/feed/')]);
		clock += 10 * MINUTE;
		const skipped = await refresh([server.url('/feed/')]);
		expect(skipped.results[0]).toMatchObject({outcome: 'skipped', title: 'Coaching mit Herz', status: null});
		expect(server.hits('/feed/')).toBe(1);

		const forced = await refresh([server.url('/feed/')], {force: true});
		expect(forced.results[0]).toMatchObject({outcome: 'not-modified', status: 304});
		expect(server.hits('/feed/')).toBe(2);
	});

	it('updates an entry changed upstream without losing its read and starred flags, and counts new ones', async () => {
		const blog = serveBlog('/feed/');
		await refresh([server.url('/feed/')]);
		const mentoring = entryTitled('Mentoring für Selbstständige: was es bringt');
		store.setRead([mentoring.id], true);
		store.setStarred(mentoring.id, true);

		blog.posts = [
			{guid: '420', title: 'Neu: Sprechstunde für Gründerinnen', pubDate: 'Wed, 19 Mar 2025 09:00:00 +0000', author: 'Sabine Groß', html: '<p>Jeden Donnerstag.</p>'},
			...blog.posts.map((post) => post.guid === '398' ? {...post, html: '<p>Ein Mentoring ersetzt kein Coaching. Nachtrag: drei Erfahrungsberichte.</p>'} : post),
		];
		blog.version = 2;
		const report = await refresh([server.url('/feed/')], {force: true});
		expect(report.results[0]).toMatchObject({outcome: 'updated', newEntries: 1, updatedEntries: 1});
		expect(store.getEntry(mentoring.id)).toMatchObject({isRead: true, isStarred: true});
		expect(store.getEntry(mentoring.id)?.content).toContain('Erfahrungsberichte');
		expect(store.getFeedByUrl(server.url('/feed/'))?.etag).toBe('"v2"');
	});

	it('a failing feed fails alone while the others are stored', async () => {
		serveBlog('/gut/feed/');
		server.routes.set('/kaputt/feed/', (_request, response) => {
			response.writeHead(500, {'Content-Type': 'text/html'}).end('<h1>Fehler beim Aufbau einer Datenbankverbindung</h1>');
		});
		server.routes.set('/html/', (_request, response) => {
			response.writeHead(200, {'Content-Type': 'text/html; charset=utf-8'}).end('<!DOCTYPE html><html lang="de"><body><h1>Willkommen</h1></body></html>');
		});
		const urls = [server.url('/kaputt/feed/'), server.url('/gut/feed/'), server.url('/fehlt/feed/'), server.url('/html/')];
		const progress: number[] = [];
		const report = await refresh(urls, {onProgress: (p) => progress.push(p.done)});

		expect(report.results.map((result) => [result.url, result.outcome, result.status])).toEqual([
			[urls[0], 'failed', 500],
			[urls[1], 'updated', 200],
			[urls[2], 'failed', 404],
			[urls[3], 'failed', 200],
		]);
		for (const failed of [report.results[0]!, report.results[2]!, report.results[3]!]) {
			expect(failed.message).toMatch(/\S/);
			expect(failed.message).not.toMatch(/\n/);
		}
		expect(progress.sort()).toEqual([1, 2, 3, 4]);
		expect(store.countEntries({}).total).toBe(3);
		expect(store.getFeedByUrl(urls[0]!)).toMatchObject({lastStatus: 500, errorStreak: 1});
		// Not a feed is not an HTTP error: recorded as status 0 with the parser's reason.
		expect(store.getFeedByUrl(urls[3]!)).toMatchObject({lastStatus: 0, errorStreak: 1});
		expect(store.getFeedByUrl(urls[3]!)?.lastError).toMatch(/HTML/i);
	});

	it('backs off exponentially while a feed keeps failing, and recovers on success', async () => {
		let healthy = false;
		const blog = serveBlog('/feed/');
		const serve = server.routes.get('/feed/')!;
		server.routes.set('/feed/', (request, response) => {
			if (healthy) serve(request, response);
			else response.writeHead(404).end();
		});
		const url = server.url('/feed/');
		const waits: number[] = [];
		for (let attempt = 0; attempt < 4; attempt++) {
			await refresh([url], {force: true});
			const feed = store.getFeedByUrl(url)!;
			waits.push((Date.parse(feed.nextFetchAt!) - clock) / MINUTE);
		}
		expect(waits).toEqual([30, 60, 120, 240]);
		expect(store.getFeedByUrl(url)).toMatchObject({errorStreak: 4, lastStatus: 404});

		// Not due yet: an unforced refresh leaves the struggling server alone.
		clock += 100 * MINUTE;
		expect((await refresh([url])).results[0]?.outcome).toBe('skipped');

		healthy = true;
		blog.version = 3;
		clock += 200 * MINUTE;
		expect((await refresh([url])).results[0]?.outcome).toBe('updated');
		expect(store.getFeedByUrl(url)).toMatchObject({errorStreak: 0, lastStatus: 200, lastError: null});
	});

	it('waits as long as the feed <ttl> asks', async () => {
		serveBlog('/feed/', {ttl: 180});
		const url = server.url('/feed/');
		await refresh([url]);
		expect(store.getFeedByUrl(url)?.nextFetchAt).toBe('2025-03-20T15:00:00.000Z');
		clock += 90 * MINUTE;
		expect((await refresh([url])).results[0]?.outcome).toBe('skipped');
		clock += 91 * MINUTE;
		expect((await refresh([url])).results[0]?.outcome).toBe('not-modified');
		// The 304 keeps the pace the feed asked for.
		expect(store.getFeedByUrl(url)?.nextFetchAt).toBe('2025-03-20T18:01:00.000Z');
	});

	it('waits as long as Cache-Control max-age asks', async () => {
		serveBlog('/feed/', {headers: {'Cache-Control': 'public, max-age=7200'}});
		const url = server.url('/feed/');
		await refresh([url]);
		expect(store.getFeedByUrl(url)?.nextFetchAt).toBe('2025-03-20T14:00:00.000Z');
	});

	it('honours Retry-After of a 503', async () => {
		server.routes.set('/feed/', (_request, response) => {
			response.writeHead(503, {'Retry-After': '7200'}).end('Wartungsmodus');
		});
		const url = server.url('/feed/');
		const report = await refresh([url]);
		expect(report.results[0]).toMatchObject({outcome: 'failed', status: 503});
		expect(store.getFeedByUrl(url)?.nextFetchAt).toBe('2025-03-20T14:00:00.000Z');
	});

	it('follows a 301 by moving the feed to its new url, keeping entries and flags', async () => {
		serveBlog('/alt/feed/');
		const oldUrl = server.url('/alt/feed/');
		const newUrl = server.url('/neu/feed/');
		await refresh([oldUrl]);
		const mentoring = entryTitled('Mentoring für Selbstständige: was es bringt');
		store.setStarred(mentoring.id, true);
		store.setRead([mentoring.id], true);

		server.routes.set('/neu/feed/', server.routes.get('/alt/feed/')!);
		server.routes.set('/alt/feed/', (_request, response) => {
			response.writeHead(301, {Location: '/neu/feed/'}).end();
		});
		const report = await refresh([oldUrl], {force: true});
		expect(report.results[0]).toMatchObject({url: oldUrl, movedTo: newUrl, newEntries: 0});
		expect(store.getFeedByUrl(oldUrl)).toBeNull();
		expect(store.getFeedByUrl(newUrl)).toMatchObject({title: 'Coaching mit Herz'});
		expect(store.listFeeds().map((feed) => [feed.url, feed.totalCount, feed.unreadCount])).toEqual([[newUrl, 3, 2]]);
		expect(store.getEntry(mentoring.id)).toMatchObject({isRead: true, isStarred: true});
	});

	it('follows a 302 without moving the feed', async () => {
		serveBlog('/neu/feed/');
		server.routes.set('/alt/feed/', (_request, response) => {
			response.writeHead(302, {Location: '/neu/feed/'}).end();
		});
		const oldUrl = server.url('/alt/feed/');
		const report = await refresh([oldUrl]);
		expect(report.results[0]).toMatchObject({outcome: 'updated', newEntries: 3, movedTo: null});
		expect(store.listFeeds().map((feed) => feed.url)).toEqual([oldUrl]);
	});

	it('refreshes many feeds at once and reports each url once, in the order asked', async () => {
		const urls: string[] = [];
		for (let index = 0; index < 12; index++) {
			serveBlog(`/blog-${index}/feed/`);
			urls.push(server.url(`/blog-${index}/feed/`));
		}
		const report = await refresh([...urls, urls[0]!]);
		expect(report.results.map((result) => result.url)).toEqual(urls);
		expect(report.results.every((result) => result.outcome === 'updated' && result.newEntries === 3)).toBe(true);
		expect(store.countEntries({}).total).toBe(36);
	});
});

describe('refreshFeeds with a misbehaving pipeline', () => {
	it('records an unexpected error of one feed as its failure and finishes the others', async () => {
		serveBlog('/feed/');
		const real = http;
		const broken = 'https://kaputt.example.de/feed/';
		const throwing: HttpClient = {
			async get(request) {
				if (request.url === broken) throw new Error('Unerwarteter Zustand\nim Parser');
				return real.get(request);
			},
		};
		const report = await refreshFeeds({http: throwing, store, now}, [broken, server.url('/feed/')], {force: false, intervalMinutes: 30});
		expect(report.results.map((result) => result.outcome)).toEqual(['failed', 'updated']);
		expect(report.results[0]?.message).toContain('Unerwarteter Zustand im Parser');
		expect(store.getFeedByUrl(broken)).toMatchObject({errorStreak: 1, lastStatus: 0, nextFetchAt: '2025-03-20T12:30:00.000Z'});
	});
});
