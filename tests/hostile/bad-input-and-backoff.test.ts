/**
 * Bad input from the user gets one clear line and a non-zero exit and changes nothing;
 * a feed that keeps failing is fetched less and less often and marked, but never
 * unsubscribed. (Unknown commands, missing arguments, a bad --pick and a missing parse
 * file are covered in tests/commands/cli.test.ts.)
 */
import Database from 'better-sqlite3';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fixturePaths, startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';
import {STACK_LINE, linesOf, makeHome, runBlogroll, writeConfig, type ListedFeed} from './support.js';

let server: FixtureServer;

beforeAll(async () => {
	server = await startFixtureServer();
});

afterAll(async () => {
	await server.close();
});

/** The fetch state of one feed, straight from cache.db (cheaper than a `list --json` per round). */
function fetchState(home: string, url: string): {error_streak: number; last_status: number; next_fetch_at: string; last_fetched_at: string} {
	const db = new Database(join(home, 'cache.db'), {readonly: true});
	try {
		return db.prepare('SELECT error_streak, last_status, next_fetch_at, last_fetched_at FROM feeds WHERE url = ?').get(url) as never;
	} finally {
		db.close();
	}
}

function snapshot(home: string): string {
	return readFileSync(join(home, 'config.json'), 'utf8');
}

describe('bad input', () => {
	it('each prints one line, exits non-zero and changes neither config nor cache', {timeout: 60_000}, async () => {
		const home = makeHome();
		writeConfig(home, [{url: `${server.url}${fixturePaths.kreidezeit.feed}`, title: 'Kreidezeit', tags: ['coaching']}]);
		expect((await runBlogroll(['refresh'], {home})).code).toBe(0);
		const notXml = join(home, 'abos.opml');
		writeFileSync(notXml, 'Meine Blogs:\n- kreidezeit-coaching.de\n- klartext-beratung.de\n');
		const notOpml = join(home, 'notizen.xml');
		writeFileSync(notOpml, '<?xml version="1.0"?><notizen><notiz>Größe zählt nicht</notiz></notizen>');
		const brokenXml = join(home, 'kaputt.opml');
		writeFileSync(brokenXml, '<?xml version="1.0"?><opml version="2.0"><body><outline text="A" xmlUrl="https://a.de/feed"></body>');
		const configBefore = snapshot(home);
		const listBefore = (await runBlogroll(['list', '--json'], {home})).stdout;

		const cases: [string[], RegExp][] = [
			[['add', 'kein url'], /^blogroll: Not a url: kein url$/],
			[['add', 'ftp://kreidezeit-coaching.de/feed'], /^blogroll: Only http and https urls can be subscribed to, not ftp:/],
			[['add', 'mailto:info@kreidezeit-coaching.de'], /^blogroll: Only http and https urls can be subscribed to, not mailto:/],
			[['add', `${server.url}/image.png`], /^blogroll: .*image\.png is not a feed or a web page \(.*image/],
			[['add', `${server.url}/status/404`], /^blogroll: .*HTTP 404/],
			[['import', join(home, 'gibt-es-nicht.opml')], /^blogroll: Cannot read .*gibt-es-nicht\.opml: no such file$/],
			[['import', home], /^blogroll: Cannot read .*: it is a directory$/],
			[['import', notXml], /^blogroll: .*abos\.opml is not an OPML file \(it is not XML\)$/],
			[['import', notOpml], /^blogroll: .*notizen\.xml is not an OPML file/],
			[['import', brokenXml], /^blogroll: .*kaputt\.opml is not valid OPML/],
			[['remove', 'Unbekanntes Blog'], /^blogroll: No subscription matches "Unbekanntes Blog"/],
			[['remove', '999'], /^blogroll: No subscription matches "999"/],
			[['refresh', 'Unbekanntes Blog'], /^blogroll: No subscription matches "Unbekanntes Blog"/],
			[['export', '--format', 'csv'], /^blogroll: Unknown export format "csv"/],
			[['read', '--width', '0', 'x.html'], /^blogroll: .*expected a whole number/],
			[['add', `${server.url}${fixturePaths.klartext.feed}`, '--pick', 'zwei'], /^blogroll: .*expected a whole number/],
		];
		for (const [args, expected] of cases) {
			const result = await runBlogroll(args, {home});
			const what = args.join(' ');
			expect(result.code, what).not.toBe(0);
			expect(linesOf(result.stderr), what).toHaveLength(1);
			expect(result.stderr.trim(), what).toMatch(expected);
			expect(result.stderr, what).not.toMatch(STACK_LINE);
			expect(snapshot(home), what).toBe(configBefore);
		}
		expect((await runBlogroll(['list', '--json'], {home})).stdout).toBe(listBefore);
	});
});

describe('a feed that keeps failing', () => {
	it('backs off (interval × 2ⁿ up to a day), is marked, and stays subscribed', {timeout: 60_000}, async () => {
		const home = makeHome();
		const gone = `${server.url}/status/404`;
		const good = `${server.url}${fixturePaths.kreidezeit.feed}`;
		writeConfig(home, [{url: gone, title: 'Verschwundenes Blog'}, {url: good}], {refreshIntervalMinutes: 30});
		const delays: number[] = [];
		for (let attempt = 1; attempt <= 7; attempt++) {
			const result = await runBlogroll(['refresh', '--force'], {home});
			expect(result.code).toBe(0);
			const feed = fetchState(home, gone);
			expect(feed.error_streak).toBe(attempt);
			expect(feed.last_status).toBe(404);
			delays.push(Math.round((Date.parse(feed.next_fetch_at) - Date.parse(feed.last_fetched_at)) / 60_000));
		}
		expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1440]);

		// Not due: a plain refresh leaves it alone (and fetches nothing from it).
		server.requests.length = 0;
		const plain = await runBlogroll(['refresh'], {home});
		expect(plain.stdout).toMatch(/not due/);
		expect(server.requests.filter(request => request.path === '/status/404')).toEqual([]);

		// Marked in the list, still subscribed, still exported.
		const listed = await runBlogroll(['list'], {home, env: {COLUMNS: '120'}});
		expect(listed.stdout).toMatch(/Verschwundenes Blog[\s\S]*404 · failing · fetched[\s\S]*! .*HTTP 404/);
		const config = JSON.parse(snapshot(home)) as {subscriptions: {url: string}[]};
		expect(config.subscriptions.map(subscription => subscription.url)).toEqual([gone, good]);
		expect((await runBlogroll(['export'], {home})).stdout).toContain(`xmlUrl="${gone}"`);

		// One success ends the streak.
		server.setRoute('/status/404', {headers: {'Content-Type': 'application/rss+xml'}, body: '<rss version="2.0"><channel><title>Wieder da</title><item><title>Zurück!</title><guid>zurueck</guid></item></channel></rss>'});
		await runBlogroll(['refresh', '--force'], {home});
		const back = (JSON.parse((await runBlogroll(['list', '--json'], {home})).stdout) as ListedFeed[]).find(candidate => candidate.url === gone)!;
		expect(back).toMatchObject({errorStreak: 0, lastError: null, total: 1});
		server.resetRoutes();
	});

	it('honours Retry-After of a 503 on top of the back-off', async () => {
		const home = makeHome();
		const busy = `${server.url}/status/503`;
		writeConfig(home, [{url: busy}], {refreshIntervalMinutes: 1});
		await runBlogroll(['refresh'], {home});
		const feed = (JSON.parse((await runBlogroll(['list', '--json'], {home})).stdout) as (ListedFeed & {lastFetchedAt: string})[])[0]!;
		expect(Math.round((Date.parse(feed.nextFetchAt!) - Date.parse(feed.lastFetchedAt)) / 1000)).toBe(120);
		expect(feed.lastError).toMatch(/HTTP 503/);
	});
});
