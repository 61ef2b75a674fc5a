import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createHttpClient} from '../../source/feeds/http.js';
import type {HttpClient} from '../../source/feeds/http-types.js';
import {openStore} from '../../source/store/open.js';
import type {Store} from '../../source/store/types.js';
import {refreshFeeds} from '../../source/sync/refresh.js';
import {formatAttempt} from '../../source/health/format-attempt.js';
import {findClosedPort, startTestServer, type TestServer} from '../helpers/http-test-server.js';
import {CLOUDFLARE_CHALLENGE, RSS, blogFeed, churningFeed, coachingPosts, latin1UnderUtf8Label, utf8UnderLatin1Label} from './fixtures.js';

const START = Date.parse('2026-11-02T08:00:00.000Z');

let server: TestServer;
let other: TestServer;
let store: Store;
let http: HttpClient;
let clock: number;

beforeEach(async () => {
	server = await startTestServer();
	other = await startTestServer();
	store = openStore(':memory:');
	http = createHttpClient({retryDelayMs: 1, connectTimeoutMs: 5000, totalTimeoutMs: 10_000});
	clock = START;
});

afterEach(async () => {
	store.close();
	await server.close();
	await other.close();
});

async function refresh(url: string) {
	const report = await refreshFeeds({http, store, now: () => new Date(clock)}, [url], {force: true, intervalMinutes: 30});
	clock += 60 * 60_000;
	return report.results[0]!;
}

function attemptsOf(url: string) {
	const feed = store.getFeedByUrl(url);
	if (feed === null) throw new Error(`no feed at ${url}`);
	return store.health().listAttempts(feed.id);
}

describe('recording fetch attempts', () => {
	it('records a 200 with bytes, type, charset, validators and item counts, then a 304 as one small row', async () => {
		server.route('/feed/', (request, response) => {
			if (request.headers['if-none-match'] === '"v1"') {
				response.writeHead(304, {ETag: '"v1"'}).end();
				return;
			}
			response.writeHead(200, {...RSS, ETag: '"v1"'}).end(blogFeed());
		});
		const url = server.url('/feed/');
		await refresh(url);
		await refresh(url);
		const [notModified, first] = attemptsOf(url);
		expect(first).toMatchObject({
			url,
			outcome: 'updated',
			status: 200,
			contentType: 'application/rss+xml; charset=UTF-8',
			charset: {declared: 'utf-8', source: 'document', used: 'utf-8', correction: null},
			received: {etag: true, lastModified: false},
			items: {new: 3, updated: 0, unchanged: 0},
		});
		expect(first!.bodyBytes).toBe(Buffer.byteLength(blogFeed()));
		expect(first!.sent).toBeUndefined();
		expect(notModified).toMatchObject({outcome: 'not-modified', status: 304, sent: {etag: true, lastModified: false}});
		expect(notModified!.charset).toBeUndefined();
		expect(notModified!.items).toBeUndefined();
	});

	it('keeps the last 20 attempts of a feed and prunes the older ones', async () => {
		server.route('/feed/', {status: 200, headers: RSS, body: blogFeed()});
		const url = server.url('/feed/');
		for (let round = 0; round < 23; round++) await refresh(url);
		const attempts = attemptsOf(url);
		expect(attempts).toHaveLength(20);
		// Newest first: the first three were pruned.
		expect(attempts[0]!.at).toBe(new Date(START + 22 * 3_600_000).toISOString());
		expect(attempts.at(-1)!.at).toBe(new Date(START + 3 * 3_600_000).toISOString());
	});

	it('records each hop of a two-hop permanent move onto another host, on the moved feed', async () => {
		const target = other.url('/feed/');
		server.route('/blog/feed', {status: 301, headers: {Location: '/feed/'}});
		server.route('/feed/', {status: 308, headers: {Location: target}});
		other.route('/feed/', {status: 200, headers: RSS, body: blogFeed()});
		const url = server.url('/blog/feed');
		const result = await refresh(url);
		expect(result.movedTo).toBe(target);
		const [attempt] = attemptsOf(target);
		expect(attempt).toMatchObject({
			url,
			status: 200,
			movedTo: target,
			redirects: [{status: 301, url: server.url('/feed/')}, {status: 308, url: target}],
		});
	});

	it('records a network failure with its code and a failed answer with its status', async () => {
		server.route('/feed/', {status: 410, headers: {'Content-Type': 'text/html; charset=utf-8'}, body: '<h1>Dieser Blog wurde eingestellt</h1>'});
		await refresh(server.url('/feed/'));
		expect(attemptsOf(server.url('/feed/'))[0]).toMatchObject({outcome: 'failed', status: 410, reason: 'http-410'});

		const dead = `http://127.0.0.1:${await findClosedPort()}/feed/`;
		await refresh(dead);
		expect(attemptsOf(dead)[0]).toMatchObject({outcome: 'failed', status: null, reason: 'network', code: 'ECONNREFUSED'});
	});

	it('marks a challenge page answered with 403 and a 429 with its Retry-After', async () => {
		server.route('/feed/', {status: 403, headers: {'Content-Type': 'text/html; charset=UTF-8', Server: 'cloudflare'}, body: CLOUDFLARE_CHALLENGE});
		server.route('/busy/', {status: 429, headers: {'Retry-After': '3600'}, body: 'Zu viele Anfragen'});
		await refresh(server.url('/feed/'));
		await refresh(server.url('/busy/'));
		expect(attemptsOf(server.url('/feed/'))[0]).toMatchObject({status: 403, challenge: true});
		expect(attemptsOf(server.url('/busy/'))[0]).toMatchObject({status: 429, retryAfterSeconds: 3600});
		expect(attemptsOf(server.url('/busy/'))[0]!.challenge).toBeUndefined();
	});

	it('records the charset correction of a lying label', async () => {
		server.route('/latin1', {status: 200, headers: {'Content-Type': 'application/rss+xml'}, body: latin1UnderUtf8Label()});
		server.route('/utf8', {status: 200, headers: {'Content-Type': 'application/rss+xml'}, body: utf8UnderLatin1Label()});
		await refresh(server.url('/latin1'));
		await refresh(server.url('/utf8'));
		expect(attemptsOf(server.url('/latin1'))[0]!.charset).toEqual({declared: 'utf-8', source: 'document', used: 'utf-8', correction: 'invalid-utf-8'});
		expect(attemptsOf(server.url('/utf8'))[0]!.charset).toEqual({declared: 'windows-1252', source: 'document', used: 'utf-8', correction: 'utf-8-bytes'});
		// And the text came out right either way.
		expect(store.listEntries({}, {offset: 0, limit: 10}).map((entry) => entry.title)).toContain('Fünf Fragen für ein klares Jahresgespräch');
	});

	it('counts posts that come back under new ids', async () => {
		let round = 0;
		server.route('/feed/', (_request, response) => {
			response.writeHead(200, RSS).end(churningFeed(round));
		});
		const url = server.url('/feed/');
		await refresh(url);
		round = 1;
		await refresh(url);
		const [second, first] = attemptsOf(url);
		expect(first!.churned).toBeUndefined();
		// Seen and repaired in the same fetch: the three came back as their old entries, none new.
		expect(second).toMatchObject({items: {new: 0}, churned: 3, stableIds: true});
		expect(formatAttempt(second!, 'en', (iso) => iso.slice(11, 16))).toContain('0 new, 0 changed, 3 unchanged · utf-8 (in the document) · 3 came back under new ids: now known by link');
		expect(formatAttempt(second!, 'de', (iso) => iso.slice(11, 16))).toContain('3 unter neuen IDs zurück: jetzt am Link erkannt');
		expect(store.health().stableIdsSince(store.getFeedByUrl(url)!.id)).toBe(new Date(START + 60 * 60_000).toISOString());
	});

	it('records the repairs a broken feed needed, by name, and none for a well-formed one', async () => {
		const broken = blogFeed().replace('<title>Kreidezeit', '<title>Kreidezeit&nbsp;&ndash; Praxis &').replace('</rss>', '</rss>\n<!-- W3 Total Cache: Page Caching using disk --><br />\n<b>Notice</b>: Undefined index');
		server.route('/kaputt/', {status: 200, headers: RSS, body: broken});
		server.route('/heil/', {status: 200, headers: RSS, body: blogFeed()});
		await refresh(server.url('/kaputt/'));
		await refresh(server.url('/heil/'));
		const [repaired] = attemptsOf(server.url('/kaputt/'));
		expect(repaired!.repairs).toEqual(['html-entities', 'bare-ampersand', 'trailing-junk']);
		expect(formatAttempt(repaired!, 'en', (iso) => iso.slice(11, 16))).toContain(' · repaired: html-entities, bare-ampersand, trailing-junk');
		expect(formatAttempt(repaired!, 'de', (iso) => iso.slice(11, 16))).toContain(' · repariert: html-entities, bare-ampersand, trailing-junk');
		// Sizes with the language's decimal mark.
		const size = (repaired!.wireBytes! / 1024).toFixed(1);
		expect(formatAttempt(repaired!, 'en', (iso) => iso.slice(11, 16))).toContain(` · ${size} KB · `);
		expect(formatAttempt(repaired!, 'de', (iso) => iso.slice(11, 16))).toContain(` · ${size.replace('.', ',')} KB · `);
		expect(attemptsOf(server.url('/heil/'))[0]!.repairs).toBeUndefined();
		expect(store.listEntries({}, {offset: 0, limit: 10}).map((entry) => entry.feedTitle)).toContain('Kreidezeit – Praxis & – Praxis für Führung');
	});

	it('records the items a fetch dropped and why: a truncated document, a repeated guid', async () => {
		const xml = blogFeed();
		const items = xml.split('<item>');
		// The second post again under the first one's guid, and the document cut off inside the third.
		const guidOf = (item: string) => /<guid[^>]*>[^<]*<\/guid>/.exec(item)![0];
		const repeated = xml.replace(guidOf(items[2]!), guidOf(items[1]!));
		const truncated = repeated.slice(0, repeated.lastIndexOf('<item>') + 60);
		server.route('/feed/', {status: 200, headers: RSS, body: truncated});
		await refresh(server.url('/feed/'));
		const [attempt] = attemptsOf(server.url('/feed/'));
		expect(attempt).toMatchObject({repairs: ['rebuild'], dropped: {'duplicate-id': 1, incomplete: 1}, items: {new: 1}});
		expect(formatAttempt(attempt!, 'en', (iso) => iso.slice(11, 16))).toContain(' · repaired: rebuild · dropped: 1 with an id seen before, 1 cut off');
		expect(formatAttempt(attempt!, 'de', (iso) => iso.slice(11, 16))).toContain(' · repariert: rebuild · verworfen: 1 mit schon gesehener ID, 1 abgeschnitten');
	});

	it('does not take posts that all link to the home page for churning ids', async () => {
		const home = 'https://www.kreidezeit-praxis.de/';
		const homeLinks = (xml: string) => xml.replace(/<link>https:\/\/www\.kreidezeit-praxis\.de\/\d+[^<]*<\/link>/g, `<link>${home}</link>`);
		let round = 0;
		server.route('/feed/', (_request, response) => {
			response.writeHead(200, RSS).end(homeLinks(round === 0 ? blogFeed(coachingPosts().slice(1)) : blogFeed()));
		});
		const url = server.url('/feed/');
		await refresh(url);
		round = 1;
		await refresh(url);
		expect(attemptsOf(url)[0]).toMatchObject({items: {new: 1}});
		expect(attemptsOf(url)[0]!.churned).toBeUndefined();
		expect(store.health().stableIdsSince(store.getFeedByUrl(url)!.id)).toBeNull();
		expect(store.listEntries({}, {offset: 0, limit: 10})).toHaveLength(3);
	});

	it('stores entry links without trackers and records how many were removed', async () => {
		const xml = blogFeed().replace(/<link>(https:\/\/www\.kreidezeit-praxis\.de\/\d+\/)<\/link>/g, '<link>$1?utm_source=rss&amp;utm_medium=rss&amp;fbclid=IwAR0</link>');
		server.route('/feed/', {status: 200, headers: RSS, body: xml});
		await refresh(server.url('/feed/'));
		const links = store.listEntries({}, {offset: 0, limit: 10}).map((entry) => entry.link);
		expect(links).toEqual(['https://www.kreidezeit-praxis.de/412/', 'https://www.kreidezeit-praxis.de/398/', 'https://www.kreidezeit-praxis.de/377/']);
		expect(attemptsOf(server.url('/feed/'))[0]!.trackersRemoved).toBe(9);
	});
});
