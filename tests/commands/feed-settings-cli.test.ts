import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {resolvePaths} from '../../source/config/paths.js';
import {makeHome, runCli} from '../helpers/cli.js';
import {fixturePaths, startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';

let server: FixtureServer;
let base: string;

beforeAll(async () => {
	server = await startFixtureServer();
	base = server.url;
});

afterAll(async () => {
	await server.close();
});

async function cli(home: string, ...args: string[]) {
	return runCli(args, {home});
}

/** A home subscribed to Kreidezeit (a WordPress blog) and Klartext (an Atom feed). */
async function subscribedHome(): Promise<string> {
	const home = makeHome();
	expect((await cli(home, 'add', `${base}${fixturePaths.kreidezeit.feed}`)).code).toBe(0);
	expect((await cli(home, 'add', `${base}${fixturePaths.klartext.feed}`)).code).toBe(0);
	return home;
}

interface ShownSettings {
	title: string;
	url: string;
	refreshIntervalMinutes: number;
	maxEntries: number | null;
	userAgent: string | null;
	charset: string | null;
	fullArticle: boolean;
	paused: boolean;
	own: string[];
}

describe('blogroll feed set|unset|show', () => {
	it('sets each setting by feed title, shows them, and unsets one', async () => {
		const home = await subscribedHome();
		for (const [key, ...value] of [
			['interval', '2h'],
			['max-entries', '200'],
			['user-agent', 'Mozilla/5.0', '(X11;', 'Linux)'],
			['charset', 'latin1'],
			['full-article', 'on'],
			['paused', 'on'],
		]) {
			const result = await cli(home, 'feed', 'set', 'Kreidezeit', key!, ...value);
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
		}
		const shown = JSON.parse((await cli(home, 'feed', 'show', 'Kreidezeit', '--json')).stdout) as ShownSettings;
		expect(shown).toMatchObject({
			url: `${base}${fixturePaths.kreidezeit.feed}`,
			refreshIntervalMinutes: 120,
			maxEntries: 200,
			userAgent: 'Mozilla/5.0 (X11; Linux)',
			charset: 'windows-1252',
			fullArticle: true,
			paused: true,
			own: ['interval', 'max-entries', 'user-agent', 'charset', 'full-article', 'paused'],
		});
		const unset = await cli(home, 'feed', 'unset', 'Kreidezeit', 'user-agent');
		expect(unset.code).toBe(0);
		expect(unset.stdout).toBe('Kreidezeit: user-agent (default)\n');
		const table = (await cli(home, 'feed', 'show', 'Kreidezeit')).stdout;
		expect(table).toContain("  user-agent    blogroll's own (default)\n");
		expect(table).toContain('  interval      2h\n');
		expect(table).toContain('  paused        on\n');
		// The other feed is untouched.
		const other = JSON.parse((await cli(home, 'feed', 'show', 'Klartext', '--json')).stdout) as ShownSettings;
		expect(other).toMatchObject({refreshIntervalMinutes: 30, paused: false, own: []});
	});

	it('refuses bad input in one line naming what failed, and changes nothing', async () => {
		const home = await subscribedHome();
		const config = resolvePaths({BLOGROLL_HOME: home}).configFile;
		const before = readFileSync(config, 'utf8');
		const cases: [string[], string][] = [
			[['feed', 'set', 'Kreidezeit', 'interval', 'bald'], 'blogroll: interval must be minutes between 1 and 10080 (or like 2h, 1d), not "bald"\n'],
			[['feed', 'set', 'Kreidezeit', 'tempo', '3'], 'blogroll: Unknown feed setting "tempo"; one of: interval, max-entries, user-agent, charset, full-article, paused, note\n'],
			[['feed', 'set', 'Kreidezeit', 'charset', 'klingonisch'], 'blogroll: charset "klingonisch" is not an encoding blogroll knows (for example utf-8, windows-1252, iso-8859-15, macintosh)\n'],
			[['feed', 'set', 'Nirgendwo', 'paused', 'on'], 'blogroll: No subscription matches "Nirgendwo" (see blogroll list)\n'],
			[['feed', 'unset', 'Kreidezeit', 'farbe'], 'blogroll: Unknown feed setting "farbe"; one of: interval, max-entries, user-agent, charset, full-article, paused, note\n'],
		];
		for (const [args, message] of cases) {
			const result = await cli(home, ...args);
			expect(result.code).toBe(1);
			expect(result.stderr).toBe(message);
		}
		expect(readFileSync(config, 'utf8')).toBe(before);
	});

	it('skips a paused feed in refresh and marks it in list', async () => {
		const home = await subscribedHome();
		expect((await cli(home, 'feed', 'set', 'Klartext', 'paused', 'on')).code).toBe(0);
		const refresh = await cli(home, 'refresh', '--force');
		expect(refresh.stdout).toMatch(/1 paused\n$/);
		expect(refresh.stderr).not.toContain('Klartext');
		const list = await cli(home, 'list');
		expect(list.stdout).toMatch(/Klartext.*\(paused\)/);
		const listed = JSON.parse((await cli(home, 'list', '--json')).stdout) as {title: string; paused: boolean; total: number}[];
		expect(listed.map(feed => [feed.paused, feed.total > 0])).toEqual([[false, true], [true, true]]);
	});
});

describe('per-feed settings through export and import', () => {
	it('round-trip through OPML as namespaced blogroll: attributes', async () => {
		const home = await subscribedHome();
		await cli(home, 'feed', 'set', 'Kreidezeit', 'interval', '90');
		await cli(home, 'feed', 'set', 'Kreidezeit', 'user-agent', 'Mozilla/5.0 "Kreide" & Co');
		await cli(home, 'feed', 'set', 'Kreidezeit', 'paused', 'on');
		await cli(home, 'feed', 'set', 'Klartext', 'charset', 'iso-8859-15');
		await cli(home, 'feed', 'set', 'Klartext', 'full-article', 'on');
		await cli(home, 'feed', 'set', 'Klartext', 'max-entries', '40');
		const opml = (await cli(home, 'export')).stdout;
		expect(opml).toContain('<opml version="2.0" xmlns:blogroll="https://github.com/blogroll-reader/blogroll/opml">');
		expect(opml).toContain('blogroll:interval="90" blogroll:userAgent="Mozilla/5.0 &quot;Kreide&quot; &amp; Co" blogroll:paused="true"');
		expect(opml).toContain('blogroll:maxEntries="40" blogroll:charset="iso-8859-15" blogroll:fullArticle="true"');
		const file = join(makeHome(), 'abos.opml');
		writeFileSync(file, opml);
		const other = makeHome();
		expect((await cli(other, 'import', file)).code).toBe(0);
		const show = async (name: string) => JSON.parse((await cli(other, 'feed', 'show', `${base}${name}`, '--json')).stdout) as ShownSettings;
		expect(await show(fixturePaths.kreidezeit.feed)).toMatchObject({refreshIntervalMinutes: 90, userAgent: 'Mozilla/5.0 "Kreide" & Co', paused: true, own: ['interval', 'user-agent', 'paused']});
		expect(await show(fixturePaths.klartext.feed)).toMatchObject({maxEntries: 40, charset: 'iso-8859-15', fullArticle: true, own: ['max-entries', 'charset', 'full-article']});
		// A published blogroll keeps the user's settings to themselves.
		expect((await cli(home, 'export', '--blogroll')).stdout).not.toContain('blogroll:');
	});

	it('round-trip through the JSON export, and a wrong value in a file is reported while the feed is still imported', async () => {
		const home = await subscribedHome();
		await cli(home, 'feed', 'set', 'Kreidezeit', 'interval', '1d');
		await cli(home, 'feed', 'set', 'Kreidezeit', 'full-article', 'on');
		const json = JSON.parse((await cli(home, 'export', '--format', 'json')).stdout) as {feeds: Record<string, unknown>[]};
		expect(json.feeds[0]).toMatchObject({refreshIntervalMinutes: 1440, fullArticle: true});
		expect(json.feeds[1]).not.toHaveProperty('refreshIntervalMinutes');
		json.feeds[1]!['charset'] = 'klingonisch';
		const file = join(makeHome(), 'abos.json');
		writeFileSync(file, JSON.stringify(json));
		const other = makeHome();
		const imported = await cli(other, 'import', file);
		expect(imported.code).toBe(0);
		expect(imported.stdout).toContain('Imported 2 feeds');
		expect(imported.stderr).toBe(`blogroll: ${base}${fixturePaths.klartext.feed}: charset "klingonisch" is not an encoding blogroll knows (for example utf-8, windows-1252, iso-8859-15, macintosh); subscribed without that setting\n`);
		const shown = JSON.parse((await cli(other, 'feed', 'show', 'Kreidezeit', '--json')).stdout) as ShownSettings;
		expect(shown).toMatchObject({refreshIntervalMinutes: 1440, fullArticle: true});
	});
});
