/**
 * Bounded work, end to end: one `refresh` of many feeds at once, where most servers are
 * hostile (slow, trickling, looping, endless, compressed bombs, absurd XML) and a few are
 * ordinary blogs. Every hostile feed ends with its own one-line error or a bounded result,
 * the ordinary ones are stored as usual, and the process's peak memory stays bounded.
 */
import Database from 'better-sqlite3';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fixturePaths, startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';
import {STACK_LINE, cachedGuids, expectSafeLine, linesOf, makeHome, runBlogroll, writeConfig, type ListedFeed, type RefreshResultJson} from './support.js';

/** Peak memory allowed to the blogroll process (it holds ~60 MB just running). */
const MAX_PEAK_RSS_MB = 300;
/** The user's timeout for this test (config `timeoutSeconds`): slow servers end after it. */
// Generous: timers run on wall time, and the same process is busy parsing the absurd feeds.
const TIMEOUT_SECONDS = 10;

let server: FixtureServer;

const RSS_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>';

/** 100 000 nested elements inside an item (xml2js and our repairs must not recurse on them). */
function deeplyNested(levels: number): string {
	return `${RSS_HEAD}Verschachtelt</title><link>{{BASE}}/tief/</link><item><title>Tiefer Beitrag</title><guid>tief-1</guid>${'<div>'.repeat(levels)}Boden${'</div>'.repeat(levels)}</item></channel></rss>`;
}

/** The billion-laughs entity bomb: 10⁹ "lol"s if a parser expanded internal entities. */
function billionLaughs(): string {
	let dtd = '<!ENTITY lol "lol">\n';
	for (let level = 1; level <= 9; level++) dtd += `<!ENTITY lol${level} "${`&lol${level === 1 ? '' : level - 1};`.repeat(10)}">\n`;
	return `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${dtd}]>\n<rss version="2.0"><channel><title>Lachnummer &lol9;</title><link>{{BASE}}/lachen/</link><item><title>Witz &lol9;</title><guid>lachen-1</guid><description>&lol9;&lol9;&lol9;</description></item></channel></rss>`;
}

/** A feed with `count` items, dated one minute apart, newest first. */
function manyItems(count: number): string {
	const start = Date.parse('2026-11-20T12:00:00Z');
	const items: string[] = [];
	for (let index = 0; index < count; index++) {
		// Short items: 100 000 of them fit under the 10 MB cap, so the item cap is what acts.
		items.push(`<item><title>Notiz ${index}</title><guid>n${index}</guid><dc:date>${new Date(start - index * 60_000).toISOString().slice(0, 16)}Z</dc:date></item>`);
	}
	return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Zettelkasten</title><link>{{BASE}}/zettel/</link>${items.join('')}</channel></rss>`;
}

/** 1 MB titles, a 1 MB author, a 1 MB guid, a 100 KB link and 2 MB of text without a single space. */
function hugeFields(): string {
	return `${RSS_HEAD}${'Überlänge'.repeat(120_000)}</title><link>{{BASE}}/lang/</link><item><title>${'Straßenbahnhaltestelle'.repeat(50_000)}</title><guid>lang-1</guid><author>${'ß'.repeat(1_000_000)}</author><description>${'x'.repeat(2_000_000)}</description></item><item><title>Kurz</title><guid isPermaLink="false">${'g'.repeat(1_000_000)}</guid><link>{{BASE}}/lang/${'weg/'.repeat(25_000)}</link></item></channel></rss>`;
}

/** The longest stored value of each single-line column of a feed's entries. */
function longestFields(home: string, feedUrl: string): Record<string, number> {
	const db = new Database(join(home, 'cache.db'), {readonly: true});
	try {
		return db
			.prepare('SELECT max(length(e.title)) AS title, max(length(e.author)) AS author, max(length(e.guid)) AS guid, max(length(e.link)) AS link FROM entries e JOIN feeds f ON f.id = e.feed_id WHERE f.url = ?')
			.get(feedUrl) as Record<string, number>;
	} finally {
		db.close();
	}
}

beforeAll(async () => {
	server = await startFixtureServer();
	const rss = {'Content-Type': 'application/rss+xml; charset=UTF-8'};
	server.setRoute('/hostile/deep', {headers: rss, body: deeplyNested(100_000)});
	server.setRoute('/hostile/laughs', {headers: rss, body: billionLaughs()});
	server.setRoute('/hostile/many', {headers: rss, body: manyItems(100_000)});
	server.setRoute('/hostile/huge-fields', {headers: rss, body: hugeFields()});
	// The server builds its gzip bomb on first use; build it now, not while the test's clock runs.
	await fetch(`${server.url}/gzip-bomb?mb=64`).then(response => response.body?.cancel());
});

afterAll(async () => {
	await server.close();
});

describe('one refresh of ordinary and hostile feeds together', () => {
	it('cuts every hostile feed off with its own reason, stores the others and stays within memory', {timeout: 120_000}, async () => {
		const home = makeHome();
		const base = server.url;
		const feeds = {
			kreidezeit: `${base}${fixturePaths.kreidezeit.feed}`,
			klartext: `${base}${fixturePaths.klartext.feed}`,
			fieldnotes: `${base}${fixturePaths.fieldnotes.feed}`,
			slowHeaders: `${base}/slow?ms=60000`,
			trickle: `${base}/trickle`,
			loop: `${base}/redirect/loop`,
			endlessRedirects: `${base}/redirect/permanent/40`,
			// 2 GB announced with Content-Length, and 2 GB chunked (no length up front).
			huge: `${base}/big?mb=2048`,
			hugeChunked: `${base}/big?mb=2048&chunked=1`,
			gzipBomb: `${base}/gzip-bomb?mb=64`,
			deep: `${base}/hostile/deep`,
			laughs: `${base}/hostile/laughs`,
			many: `${base}/hostile/many`,
			hugeFields: `${base}/hostile/huge-fields`,
		};
		writeConfig(
			home,
			Object.values(feeds).map(url => ({url})),
			// All on one host here: let them run side by side as many different blogs would.
			{timeoutSeconds: TIMEOUT_SECONDS, perHostConcurrency: 16, concurrency: 16},
		);

		const result = await runBlogroll(['refresh', '--json'], {home});
		expect(result.stderr).not.toMatch(STACK_LINE);
		expect(result.code).toBe(0);
		const results = new Map((JSON.parse(result.stdout) as RefreshResultJson[]).map(entry => [entry.url, entry]));
		const of = (url: string) => results.get(url)!;

		for (const url of [feeds.kreidezeit, feeds.klartext, feeds.fieldnotes]) {
			expect(of(url).outcome, url).toBe('updated');
			expect(of(url).newEntries, url).toBeGreaterThan(0);
		}
		expect(of(feeds.slowHeaders)).toMatchObject({outcome: 'failed', message: expect.stringMatching(/no (?:complete )?answer within 10 s/)});
		expect(of(feeds.trickle)).toMatchObject({outcome: 'failed', message: expect.stringMatching(/no complete answer within 10 s/)});
		expect(of(feeds.loop)).toMatchObject({outcome: 'failed', message: expect.stringMatching(/redirect loop/)});
		expect(of(feeds.endlessRedirects)).toMatchObject({outcome: 'failed', message: expect.stringMatching(/more than 5 redirects/)});
		for (const url of [feeds.huge, feeds.hugeChunked, feeds.gzipBomb]) {
			expect(of(url), url).toMatchObject({outcome: 'failed', message: expect.stringMatching(/larger than 10 MB/)});
		}
		// Absurd but well-formed XML gives a bounded result.
		expect(of(feeds.deep)).toMatchObject({outcome: 'updated', newEntries: 1, title: 'Verschachtelt'});
		expect(of(feeds.laughs)).toMatchObject({outcome: 'updated', newEntries: 1});
		// Entities are never expanded: the title keeps the reference as text, nothing more.
		expect(of(feeds.laughs).title!.length).toBeLessThan(100);
		expect(of(feeds.many)).toMatchObject({outcome: 'updated', newEntries: 1000});
		expect(of(feeds.hugeFields)).toMatchObject({outcome: 'updated', newEntries: 2});
		expect(of(feeds.hugeFields).title!.length).toBeLessThanOrEqual(1000);
		const longest = longestFields(home, feeds.hugeFields);
		expect(longest['title']).toBeLessThanOrEqual(1000);
		expect(longest['author']).toBeLessThanOrEqual(200);
		expect(longest['guid']).toBeLessThanOrEqual(1000);
		// The 100 KB link is dropped: the entry stays, without a link.
		expect(longest['link'] ?? 0).toBeLessThan(8192);
		for (const entry of results.values()) expectSafeLine(entry.message, entry.url);

		expect(result.peakRssMb, 'peak RSS of the refresh (MB)').not.toBeNull();
		expect(result.peakRssMb!).toBeLessThan(MAX_PEAK_RSS_MB);
		console.info(`[hostile] refresh of ${results.size} feeds (11 hostile): peak RSS ${result.peakRssMb} MB`);

		// `list` shows each failure as one line under its feed, with no stack.
		const listed = await runBlogroll(['list'], {home, env: {COLUMNS: '120'}});
		expect(listed.code).toBe(0);
		expect(listed.stderr).toBe('');
		const errorLines = linesOf(listed.stdout).filter(line => /^\s+! /.test(line));
		expect(errorLines).toHaveLength(7);
		expect(listed.stdout).toMatch(/! .*larger than 10 MB/);
		expect(listed.stdout).toMatch(/! .*redirect loop/);
		const json = JSON.parse((await runBlogroll(['list', '--json'], {home})).stdout) as ListedFeed[];
		const many = json.find(feed => feed.url === feeds.many)!;
		// The newest 1 000 of the 100 000 (the feed lists newest first).
		expect(many.total).toBe(1000);
		const guids = cachedGuids(home, feeds.many);
		expect(guids.has('n0')).toBe(true);
		expect(guids.has('n999')).toBe(true);
		expect(guids.has('n1000')).toBe(false);
		expect(guids.has('n99999')).toBe(false);
	});

	it('keeps the newest 1 000 entries of a huge feed that lists its oldest first', {timeout: 60_000}, async () => {
		const home = makeHome();
		const oldestFirst = manyItems(20_000).replace(/(<item>.*<\/item>)/s, items => items.split('</item>').filter(Boolean).reverse().join('</item>') + '</item>');
		server.setRoute('/hostile/oldest-first', {headers: {'Content-Type': 'application/rss+xml'}, body: oldestFirst});
		const url = `${server.url}/hostile/oldest-first`;
		writeConfig(home, [{url}]);
		const result = await runBlogroll(['refresh', '--json'], {home});
		expect((JSON.parse(result.stdout) as RefreshResultJson[])[0]).toMatchObject({outcome: 'updated', newEntries: 1000});
		const guids = cachedGuids(home, url);
		expect(guids.has('n0')).toBe(true);
		expect(guids.has('n999')).toBe(true);
		expect(guids.has('n1000')).toBe(false);
		expect(guids.has('n19999')).toBe(false);
	});
});
