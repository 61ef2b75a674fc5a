/**
 * Malformed feeds as small blogs really serve them. Each one either parses leniently to
 * something sensible or fails with one line that says why, in `refresh`, `list` and
 * `parse`; a stack trace reaches the user only when asked for (--verbose, BLOGROLL_DEBUG=1).
 */
import Database from 'better-sqlite3';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fixturePaths, startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';
import {STACK_LINE, cachedGuids, expectSafeLine, linesOf, makeHome, runBlogroll, writeConfig, type ListedFeed, type RefreshResultJson} from './support.js';

let server: FixtureServer;

const ITEM_A = `<item><title>Gehaltsverhandlung für Freiberufler</title><link>{{BASE}}/honorar/gehalt/</link><guid>{{BASE}}/honorar/?p=11</guid><pubDate>Mon, 16 Nov 2026 08:00:00 +0100</pubDate><description>Was Sie für Ihren Tagessatz wissen müssen.</description></item>`;
const ITEM_B = `<item><title>Akquise ohne Kaltakquise</title><link>{{BASE}}/honorar/akquise/</link><guid>{{BASE}}/honorar/?p=12</guid><pubDate>Tue, 17 Nov 2026 08:00:00 +0100</pubDate><description>Empfehlungen statt Telefonliste.</description></item>`;
const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Honorar &amp; Haltung</title><link>{{BASE}}/honorar/</link>\n${items}\n</channel></rss>\n`;

/** Each case: the body (and content type) served, and what the user must see. */
const CASES = {
	// Cut off in the middle of an item, as a dying PHP process leaves it.
	truncated: {type: 'application/rss+xml', body: rss(ITEM_A + ITEM_B).slice(0, rss(ITEM_A + ITEM_B).indexOf('Empfehlungen'))},
	// Declares UTF-8, is Latin-1: "Größe" arrives as invalid UTF-8 bytes.
	wrongEncoding: {type: 'application/rss+xml', body: Buffer.from(rss(ITEM_A.replace('Freiberufler', 'Größe und Maß')), 'latin1')},
	htmlAsFeed: {type: 'application/rss+xml', body: '<!DOCTYPE html>\n<html lang="de"><head><title>Honorar &amp; Haltung – Blog</title></head><body><h1>Willkommen</h1><p>Schön, dass Sie da sind.</p></body></html>'},
	empty: {type: 'application/rss+xml', body: ''},
	loginPage: {type: 'text/html; charset=utf-8', body: '<!doctype html><html lang="de"><head><title>Anmelden ‹ Honorar — WordPress</title></head><body class="login"><form name="loginform" action="/wp-login.php" method="post"><label>Benutzername oder E-Mail-Adresse</label><input name="log"><input type="password" name="pwd"></form></body></html>'},
	invalidDates: {
		type: 'application/rss+xml',
		body: rss(ITEM_A.replace(/<pubDate>.*<\/pubDate>/, '<pubDate>Montag, der 16. November</pubDate>') + ITEM_B.replace(/<pubDate>.*<\/pubDate>/, '<pubDate>2026-13-45T99:99:99Z</pubDate>')),
	},
	duplicateIds: {type: 'application/rss+xml', body: rss(ITEM_A + ITEM_A.replace('Gehaltsverhandlung', 'Gehaltsverhandlung (aktualisiert)') + ITEM_B)},
	missingIds: {type: 'application/rss+xml', body: rss(`<item><title>Ohne Kennung, ohne Link</title><description>Nur Text.</description></item><item><title>Noch einer ohne alles</title></item>`)},
	plainText: {type: 'text/plain', body: 'Wartungsmodus: Wir sind gleich wieder für Sie da.'},
	json: {type: 'application/feed+json', body: '{"version": "https://jsonfeed.org/version/1.1", "title": "Kaputt", "items": [{"id": "1", "title": "halb'},
} as const;

beforeAll(async () => {
	server = await startFixtureServer();
	for (const [name, {type, body}] of Object.entries(CASES)) {
		server.setRoute(`/malformed/${name}`, {headers: {'Content-Type': type}, body: typeof body === 'string' ? body : body});
	}
});

afterAll(async () => {
	await server.close();
});

describe('malformed feeds', () => {
	it('each parse leniently or fail with one line in refresh and list, while the others update', {timeout: 60_000}, async () => {
		const home = makeHome();
		const url = (name: keyof typeof CASES) => `${server.url}/malformed/${name}`;
		const good = `${server.url}${fixturePaths.kreidezeit.feed}`;
		writeConfig(home, [...Object.keys(CASES).map(name => ({url: url(name as keyof typeof CASES)})), {url: good}], {perHostConcurrency: 8});

		const refreshed = await runBlogroll(['refresh', '--json'], {home});
		expect(refreshed.code).toBe(0);
		expect(refreshed.stderr).not.toMatch(STACK_LINE);
		const results = new Map((JSON.parse(refreshed.stdout) as RefreshResultJson[]).map(result => [result.url, result]));
		const of = (name: keyof typeof CASES) => results.get(url(name))!;

		expect(results.get(good)).toMatchObject({outcome: 'updated'});
		// Lenient: what can be read is read.
		expect(of('wrongEncoding')).toMatchObject({outcome: 'updated', newEntries: 1});
		expect(of('invalidDates')).toMatchObject({outcome: 'updated', newEntries: 2});
		expect(of('duplicateIds')).toMatchObject({outcome: 'updated', newEntries: 2});
		expect(of('missingIds')).toMatchObject({outcome: 'updated', newEntries: 2});
		// Not a feed, or beyond repair: one line that names the url and says why.
		expect(of('htmlAsFeed')).toMatchObject({outcome: 'failed', message: expect.stringMatching(/is not a feed \(it looks like an HTML page\)/)});
		expect(of('loginPage')).toMatchObject({outcome: 'failed', message: expect.stringMatching(/is not a feed \(it looks like an HTML page\)/)});
		expect(of('empty')).toMatchObject({outcome: 'failed', message: expect.stringMatching(/is not a feed \(the document is empty\)/)});
		expect(of('plainText')).toMatchObject({outcome: 'failed', message: expect.stringMatching(/is not a feed \(it looks like plain text\)/)});
		expect(of('json').outcome).toBe('failed');
		// A truncated feed: the complete first item is worth keeping, or one clear line.
		const truncated = of('truncated');
		if (truncated.outcome === 'failed') expect(truncated.message).toMatch(/could not be parsed/);
		else expect(truncated.newEntries).toBeGreaterThanOrEqual(1);
		for (const result of results.values()) {
			expectSafeLine(result.message, result.url);
			if (result.message !== null) expect(result.message).toContain(result.url);
			expect(result.message?.length ?? 0).toBeLessThan(300);
		}

		// The mislabelled Latin-1 feed is read with its umlauts (decode.ts: text with invalid
		// bytes and no valid multi-byte UTF-8 is windows-1252), never with control characters.
		const entries = new Database(join(home, 'cache.db'), {readonly: true});
		const titles = entries.prepare('SELECT title, published FROM entries').all() as {title: string; published: string | null}[];
		entries.close();
		expect(titles.map(row => row.title)).toContain('Gehaltsverhandlung für Größe und Maß');
		// Duplicate ids: the first one wins; undated entries still get in, without a date.
		expect(cachedGuids(home, url('duplicateIds')).size).toBe(2);
		expect(titles.filter(row => row.title === 'Gehaltsverhandlung (aktualisiert) für Freiberufler')).toHaveLength(0);

		const listed = await runBlogroll(['list'], {home, env: {COLUMNS: '160'}});
		expect(listed.code).toBe(0);
		expect(listed.stderr).not.toMatch(STACK_LINE);
		const failedCount = [...results.values()].filter(result => result.outcome === 'failed').length;
		expect(linesOf(listed.stdout).filter(line => /^\s+! /.test(line))).toHaveLength(failedCount);
		expect(listed.stdout).toMatch(/! .*malformed\/loginPage is not a feed \(it looks like an HTML page\)/);

		const json = JSON.parse((await runBlogroll(['list', '--json'], {home})).stdout) as ListedFeed[];
		for (const feed of json.filter(candidate => candidate.lastError !== null)) {
			expect(feed.lastError).not.toContain('\n');
			expect(feed.errorStreak).toBe(1);
		}

		// A second refresh of missing-id entries finds the same entries again: no duplicates.
		const again = await runBlogroll(['refresh', '--force', '--json', url('missingIds')], {home});
		expect((JSON.parse(again.stdout) as RefreshResultJson[])[0]).toMatchObject({outcome: 'updated', newEntries: 0});
	});

	it('parse prints one line for a feed beyond repair', async () => {
		const home = makeHome();
		for (const name of ['htmlAsFeed', 'empty', 'json'] as const) {
			const result = await runBlogroll(['parse', `${server.url}/malformed/${name}`, '--json'], {home});
			expect(result.code, name).toBe(1);
			expect(result.stdout, name).toBe('');
			expect(linesOf(result.stderr), name).toHaveLength(1);
			expect(result.stderr, name).toMatch(/^blogroll: .*malformed\//);
		}
		const file = join(home, 'kaputt.xml');
		writeFileSync(file, '<?xml version="1.0"?><rss version="2.0"><channel><title>Halb</title><item><title>A</titel></item></channel></rss>');
		const broken = await runBlogroll(['parse', file], {home});
		expect(broken.stderr).not.toMatch(STACK_LINE);
		if (broken.code !== 0) expect(linesOf(broken.stderr)).toHaveLength(1);
	});
});

describe('an unexpected error', () => {
	/**
	 * A cache that refuses to store entries (a trigger someone added by hand), so that
	 * `add` hits an error no code path expects.
	 */
	async function refusingCache(): Promise<string> {
		const home = makeHome();
		writeConfig(home, []);
		expect((await runBlogroll(['list'], {home})).code).toBe(0);
		const db = new Database(join(home, 'cache.db'));
		db.exec("CREATE TRIGGER kaputt BEFORE INSERT ON entries BEGIN SELECT RAISE(ABORT, 'Speichern verweigert'); END;");
		db.close();
		return home;
	}
	const feed = () => `${server.url}${fixturePaths.kreidezeit.feed}`;

	it('is one line without a stack trace by default', async () => {
		const result = await runBlogroll(['add', feed()], {home: await refusingCache()});
		expect(result.code).not.toBe(0);
		expect(linesOf(result.stderr)).toEqual([expect.stringMatching(/^blogroll: .*Speichern verweigert.*\(details: --verbose or BLOGROLL_DEBUG=1\)$/)]);
		expect(result.stderr).not.toMatch(STACK_LINE);
	});

	it('comes with its stack trace under --verbose and under BLOGROLL_DEBUG=1', async () => {
		const verbose = await runBlogroll(['add', '--verbose', feed()], {home: await refusingCache()});
		expect(verbose.code).not.toBe(0);
		expect(verbose.stderr).toMatch(STACK_LINE);
		const debug = await runBlogroll(['add', feed()], {home: await refusingCache(), env: {BLOGROLL_DEBUG: '1'}});
		expect(debug.code).not.toBe(0);
		expect(debug.stderr).toMatch(STACK_LINE);
	});
});
