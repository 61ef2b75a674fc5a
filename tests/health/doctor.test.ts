/**
 * One fixture server per diagnosis, refreshed through the real pipeline with an injected
 * clock; the use case must name the right problem and fix, and applying the fix must work.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openConfig, type Config} from '../../source/config/config.js';
import {resolvePaths} from '../../source/config/paths.js';
import {isFailure} from '../../source/failure.js';
import {createHttpClient} from '../../source/feeds/http.js';
import type {HttpClient} from '../../source/feeds/http-types.js';
import {openStore} from '../../source/store/open.js';
import type {Store} from '../../source/store/types.js';
import {refreshNow, removeBrokenFeed, replaceFeed} from '../../source/use-cases/apply-fix.js';
import {diagnoseAll, diagnoseProblems, diagnoseSubscription, healthByFeedId} from '../../source/use-cases/diagnose-feeds.js';
import {refreshSubscriptions} from '../../source/use-cases/refresh-subscriptions.js';
import {makeHome} from '../helpers/cli.js';
import {findClosedPort, startTestServer, type TestServer} from '../helpers/http-test-server.js';
import {CLOUDFLARE_CHALLENGE, RSS, blogFeed, coachingPosts, churningFeed, relaunchedHome, utf8UnderLatin1Label} from './fixtures.js';

// A week after the fixture blog's newest post: not dormant.
const START = Date.parse('2025-03-17T08:00:00.000Z');
const HOUR = 3_600_000;

let server: TestServer;
let other: TestServer;
let store: Store;
let config: Config;
let http: HttpClient;
let clock: number;
const now = () => new Date(clock);

beforeEach(async () => {
	server = await startTestServer();
	other = await startTestServer();
	store = openStore(':memory:', {now});
	const opened = openConfig(resolvePaths({BLOGROLL_HOME: makeHome()}));
	if (isFailure(opened)) throw new Error(opened.message);
	config = opened;
	http = createHttpClient({retryDelayMs: 1, connectTimeoutMs: 5000, totalTimeoutMs: 10_000});
	clock = START;
});

afterEach(async () => {
	store.close();
	await server.close();
	await other.close();
});

function follow(url: string): void {
	config.addSubscription({url, title: null, tags: ['Führung'], fullArticle: false, addedAt: new Date(clock).toISOString()});
}

/** Refreshes every subscription `times` times, `every` ms apart, the clock moving on. */
async function refresh(times = 1, every = HOUR): Promise<void> {
	for (let round = 0; round < times; round++) {
		await refreshSubscriptions({config, store, http, now}, {force: true});
		clock += every;
	}
}

/** The blog's feed with the fixture server as its site. */
const feed = () => blogFeed(coachingPosts(), server.url('/'));

const deps = () => ({config, store, http, now: now(), language: 'en' as const});

async function doctor(url: string) {
	const health = await diagnoseSubscription(deps(), url);
	if (health === null) throw new Error(`not subscribed: ${url}`);
	return health;
}

describe('doctor against fixture servers', () => {
	it('a two-hop 301 onto another host is one "moved" report on the new url, entries kept', async () => {
		const target = other.url('/feed/');
		server.route('/blog/feed', {status: 301, headers: {Location: '/feed/'}});
		server.route('/feed/', {status: 301, headers: {Location: target}});
		other.route('/feed/', {status: 200, headers: RSS, body: feed()});
		follow(server.url('/blog/feed'));
		await refresh();
		expect(config.subscriptions().map((item) => item.url)).toEqual([target]);
		const health = await doctor(target);
		expect(health.problems.map((problem) => problem.kind)).toEqual(['moved']);
		expect(health.problems[0]!.message).toContain(`from ${server.url('/blog/feed')} to ${target} (2 redirects)`);
		expect(health.health).toBe('ok');
		expect(store.listEntries({}, {offset: 0, limit: 10})).toHaveLength(3);
	});

	it('a 308 is a move as well', async () => {
		server.route('/feed', {status: 308, headers: {Location: '/feed/'}});
		server.route('/feed/', {status: 200, headers: RSS, body: feed()});
		follow(server.url('/feed'));
		await refresh();
		const health = await doctor(server.url('/feed/'));
		expect(health.problems.map((problem) => problem.kind)).toEqual(['moved']);
	});

	it('410 Gone on a site that lists no feed offers to remove the feed', async () => {
		server.route('/feed/', {status: 200, headers: RSS, body: feed()});
		follow(server.url('/feed/'));
		await refresh();
		server.route('/feed/', {status: 410, headers: {'Content-Type': 'text/html; charset=utf-8'}, body: '<h1>Gelöscht</h1>'});
		await refresh();
		const health = await doctor(server.url('/feed/'));
		expect(health.health).toBe('failing');
		expect(health.problems[0]).toMatchObject({kind: 'gone', fix: {action: 'remove', command: `blogroll remove ${server.url('/feed/')}`}});
	});

	it('410 Gone on a site that links a new feed: the fix replaces the subscription', async () => {
		server.route('/', {status: 200, headers: {'Content-Type': 'text/html; charset=utf-8'}, body: relaunchedHome(other.url('/rss.xml'))});
		server.route('/feed/', {status: 410, body: ''});
		other.route('/rss.xml', {status: 200, headers: RSS, body: feed()});
		follow(server.url('/feed/'));
		await refresh();
		const health = await doctor(server.url('/feed/'));
		expect(health.problems[0]).toMatchObject({kind: 'gone', fix: {action: 'subscribe', url: other.url('/rss.xml'), command: `blogroll add ${other.url('/rss.xml')}`}});
		const fixed = await replaceFeed({config, store, http, now}, server.url('/feed/'), other.url('/rss.xml'));
		expect(fixed).toMatchObject({kind: 'replaced', by: other.url('/rss.xml')});
		expect(config.subscriptions()).toEqual([expect.objectContaining({url: other.url('/rss.xml'), tags: ['Führung']})]);
		expect(store.getFeedByUrl(server.url('/feed/'))).toBeNull();
	});

	it('404 is a failure at first and "not found" with the remove fix after 7 days', async () => {
		server.route('/feed/', {status: 200, headers: RSS, body: feed()});
		follow(server.url('/feed/'));
		await refresh();
		server.route('/feed/', {status: 404, headers: {'Content-Type': 'text/html'}, body: '<h1>Seite nicht gefunden</h1>'});
		await refresh(3, 12 * HOUR);
		expect((await doctor(server.url('/feed/'))).problems[0]).toMatchObject({kind: 'failing'});
		await refresh(12, 12 * HOUR);
		const health = await doctor(server.url('/feed/'));
		expect(health.problems[0]).toMatchObject({kind: 'not-found', fix: {action: 'remove', command: `blogroll remove ${server.url('/feed/')}`}});
		expect(health.problems[0]!.message).toMatch(/for 7 days/);
		expect(removeBrokenFeed({config, store}, server.url('/feed/'))).toEqual({kind: 'removed', url: server.url('/feed/')});
		expect(config.subscriptions()).toEqual([]);
	});

	it('a feed that became an HTML page offers the feed the page links', async () => {
		server.route('/feed/', {status: 200, headers: {'Content-Type': 'text/html; charset=utf-8'}, body: relaunchedHome(server.url('/neu/feed.xml'))});
		server.route('/neu/feed.xml', {status: 200, headers: RSS, body: feed()});
		follow(server.url('/feed/'));
		await refresh();
		const health = await doctor(server.url('/feed/'));
		expect(health.problems[0]).toMatchObject({kind: 'html-page', fix: {action: 'subscribe', url: server.url('/neu/feed.xml')}});
	});

	it('a server that never answers 304 is said to ignore conditional GET, with the next fetch', async () => {
		server.route('/feed/', {status: 200, headers: RSS, body: feed()});
		follow(server.url('/feed/'));
		await refresh(3);
		const health = await doctor(server.url('/feed/'));
		expect(health.problems.map((problem) => problem.kind)).toEqual(['no-conditional-get']);
		expect(health.problems[0]!.message).toMatch(/sends no ETag or Last-Modified.*3 fetches.*next fetch/);
	});

	it('a 429 with Retry-After asks for fewer fetches, and the next fetch honours it', async () => {
		server.route('/feed/', {status: 429, headers: {'Retry-After': '7200'}, body: 'Bitte langsamer'});
		follow(server.url('/feed/'));
		await refresh();
		const health = await doctor(server.url('/feed/'));
		expect(health.problems[0]).toMatchObject({kind: 'rate-limited', severity: 'warning'});
		expect(store.getFeedByUrl(server.url('/feed/'))!.nextFetchAt).toBe(new Date(START + 2 * HOUR).toISOString());
	});

	it('a bot wall is named as such', async () => {
		server.route('/feed/', {status: 503, headers: {'Content-Type': 'text/html; charset=UTF-8'}, body: CLOUDFLARE_CHALLENGE});
		follow(server.url('/feed/'));
		await refresh();
		expect((await doctor(server.url('/feed/'))).problems[0]).toMatchObject({kind: 'bot-wall'});
	});

	it('a mislabelled charset is named with what was used', async () => {
		server.route('/feed/', {status: 200, headers: {'Content-Type': 'application/rss+xml', ETag: '"a"'}, body: utf8UnderLatin1Label()});
		follow(server.url('/feed/'));
		await refresh();
		const [problem] = (await doctor(server.url('/feed/'))).problems;
		expect(problem).toMatchObject({kind: 'wrong-charset'});
		expect(problem!.message).toMatch(/declares Windows-1252 .* reads it as UTF-8/);
	});

	it('churning ids are detected and repaired: the posts keep their entries and flags, nothing shows as new again', async () => {
		let round = 0;
		server.route('/feed/', (_request, response) => {
			round++;
			response.writeHead(200, {...RSS, ETag: `"r${round}"`}).end(churningFeed(round));
		});
		follow(server.url('/feed/'));
		await refresh();
		const entries = store.listEntries({}, {offset: 0, limit: 10});
		expect(entries).toHaveLength(3);
		const [first, second] = entries;
		store.setRead([first!.id], true);
		store.setStarred(second!.id, true);
		await refresh(3);
		// Three fetches under new guids each time: still the three entries, read and starred as they were.
		expect(store.listEntries({}, {offset: 0, limit: 10}).map((entry) => entry.id)).toEqual(entries.map((entry) => entry.id));
		expect(store.countEntries({unreadOnly: true})).toMatchObject({total: 2});
		expect(store.getEntry(first!.id)).toMatchObject({isRead: true});
		expect(store.getEntry(second!.id)).toMatchObject({isStarred: true});
		const health = await doctor(server.url('/feed/'));
		const churning = health.problems.find((problem) => problem.kind === 'churning-ids');
		expect(churning).toMatchObject({severity: 'info', since: new Date(START + HOUR).toISOString(), fix: {action: 'none', text: 'Nothing to do: the repair is applied.'}});
		expect(churning!.message).toMatch(/new ids \(3 so far\)\. Repaired on .*: blogroll now knows this feed’s posts by their link/);
		expect(health.health).toBe('ok');
	});

	it('a refused connection says how often and when the next try is; refresh now tries again', async () => {
		const url = `http://127.0.0.1:${await findClosedPort()}/feed/`;
		follow(url);
		await refresh(2);
		const [problem] = (await doctor(url)).problems;
		expect(problem).toMatchObject({kind: 'refused', fix: {action: 'refresh'}});
		expect(problem!.message).toMatch(/refuses the connection\. 2 times in a row, since .*; next try /);
		const again = await refreshNow({config, store, http, now}, url);
		expect(again.kind).toBe('refreshed');
		expect(store.health().listAttempts(store.getFeedByUrl(url)!.id)).toHaveLength(3);
	});

	it('lists only the feeds with a problem, and a health word for each feed', async () => {
		server.route('/gut/', (request, response) => {
			if (request.headers['if-none-match'] === '"x"') response.writeHead(304).end();
			else response.writeHead(200, {...RSS, ETag: '"x"'}).end(feed());
		});
		server.route('/weg/', {status: 410, body: ''});
		follow(server.url('/gut/'));
		follow(server.url('/weg/'));
		await refresh(2);
		expect(diagnoseAll(deps()).map((feed) => [feed.url, feed.health])).toEqual([[server.url('/gut/'), 'ok'], [server.url('/weg/'), 'failing']]);
		expect((await diagnoseProblems(deps())).map((feed) => feed.url)).toEqual([server.url('/weg/')]);
		// The cheap one-word health of list and the feeds screen agrees.
		const words = healthByFeedId(deps());
		expect([server.url('/gut/'), server.url('/weg/')].map((url) => words.get(store.getFeedByUrl(url)!.id))).toEqual(['ok', 'failing']);
		// Half a year later without a post, the healthy feed is dormant.
		clock += 200 * 24 * HOUR;
		expect(healthByFeedId(deps()).get(store.getFeedByUrl(server.url('/gut/'))!.id)).toBe('dormant');
	});

	it('words the diagnosis in German', async () => {
		server.route('/feed/', {status: 410, body: ''});
		follow(server.url('/feed/'));
		await refresh();
		const health = await diagnoseSubscription({...deps(), language: 'de'}, server.url('/feed/'));
		expect(health!.problems[0]!.message).toMatch(/endgültig entfernt/);
		expect(health!.problems[0]!.fix.text).toBe('Den Feed entfernen.');
	});
});
