/**
 * The user's files under stress: a hand-broken config is reported with its path and
 * never replaced; every rewrite keeps a backup and is atomic; a damaged cache is moved
 * aside and rebuilt; export (the user's backup) works whatever state the cache is in; a
 * data directory that cannot be written gives one clear line, every time.
 */
import Database from 'better-sqlite3';
import {existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs';
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

const SUBSCRIPTIONS = [
	{url: 'https://kreidezeit-coaching.de/feed/', title: 'Kreidezeit', tags: ['coaching']},
	{url: 'https://klartext-beratung.de/atom.xml', title: null, tags: ['beratung', 'führung']},
];

function configFile(home: string): string {
	return join(home, 'config.json');
}

/** A cache with real content, built by a refresh against the fixture site. */
async function homeWithCache(): Promise<string> {
	const home = makeHome();
	writeConfig(home, [{url: `${server.url}${fixturePaths.kreidezeit.feed}`}, {url: `${server.url}${fixturePaths.klartext.feed}`}]);
	expect((await runBlogroll(['refresh'], {home})).code).toBe(0);
	return home;
}

describe('a hand-broken config', () => {
	const violations: Record<string, string> = {
		'a setting of the wrong type': JSON.stringify({settings: {timeoutSeconds: 'dreißig'}, subscriptions: SUBSCRIPTIONS}),
		'a setting out of range': JSON.stringify({settings: {concurrency: 0}, subscriptions: SUBSCRIPTIONS}),
		'subscriptions that are not a list': JSON.stringify({subscriptions: {url: 'https://kreidezeit-coaching.de/feed/'}}),
		'a subscription without url': JSON.stringify({subscriptions: [{title: 'Ohne Adresse'}]}),
		'tags that are not strings': JSON.stringify({subscriptions: [{url: 'https://a.de/feed', tags: [1, 2]}]}),
		'a trailing comma': '{"subscriptions": [{"url": "https://kreidezeit-coaching.de/feed/"},]}',
		'a BOM and half a file': '\uFEFF{"settings": {"refreshIntervalMinutes": 60}, "subscriptions": [{"url": "https://kreidez',
	};

	for (const [what, text] of Object.entries(violations)) {
		it(`with ${what} is reported with its path and left byte for byte alone by every command`, async () => {
			const home = makeHome();
			writeFileSync(configFile(home), text);
			// A reading command, a writing one and the backup.
			for (const args of [['list'], ['add', `${server.url}${fixturePaths.klartext.feed}`], ['export']]) {
				const result = await runBlogroll(args, {home});
				expect(result.code, args[0]).toBe(1);
				expect(linesOf(result.stderr), args[0]).toHaveLength(1);
				expect(result.stderr, args[0]).toContain(configFile(home));
				expect(result.stderr).not.toMatch(STACK_LINE);
			}
			expect(readFileSync(configFile(home), 'utf8')).toBe(text);
			expect(existsSync(`${configFile(home)}.bak`)).toBe(false);
		});
	}
});

describe('writing the config', () => {
	it('keeps the previous file as config.json.bak and replaces it atomically (new inode, no temp left)', async () => {
		const home = makeHome();
		writeConfig(home, SUBSCRIPTIONS);
		const original = readFileSync(configFile(home), 'utf8');
		const inodeBefore = statSync(configFile(home)).ino;
		const removed = await runBlogroll(['remove', 'Kreidezeit'], {home});
		expect(removed.code).toBe(0);
		expect(readFileSync(`${configFile(home)}.bak`, 'utf8')).toBe(original);
		// Written beside and renamed over: a crash mid-write never leaves half a config.
		expect(statSync(configFile(home)).ino).not.toBe(inodeBefore);
		expect(readdirSync(home).filter(name => name.startsWith('config.json') && name !== 'config.json' && name !== 'config.json.bak')).toEqual([]);
		const left = JSON.parse(readFileSync(configFile(home), 'utf8')) as {subscriptions: {url: string; tags: string[]}[]};
		expect(left.subscriptions).toEqual([expect.objectContaining({url: SUBSCRIPTIONS[1]!.url, tags: ['beratung', 'führung']})]);
	});

	it('backs up a minimal hand-written config before filling in the defaults', async () => {
		const home = makeHome();
		const handWritten = '{\n  "subscriptions": [ { "url": "https://kreidezeit-coaching.de/feed/" } ]\n}\n';
		writeFileSync(configFile(home), handWritten);
		const listed = await runBlogroll(['list', '--json'], {home});
		expect(listed.code).toBe(0);
		expect((JSON.parse(listed.stdout) as ListedFeed[]).map(feed => feed.url)).toEqual(['https://kreidezeit-coaching.de/feed/']);
		if (readFileSync(configFile(home), 'utf8') !== handWritten) {
			expect(readFileSync(`${configFile(home)}.bak`, 'utf8')).toBe(handWritten);
		}
	});
});

describe('a damaged cache', () => {
	it('whose tables were dropped by hand is moved aside and rebuilt; the subscriptions survive', async () => {
		const home = await homeWithCache();
		const db = new Database(join(home, 'cache.db'));
		db.exec('DROP TABLE entries_fts; DROP TABLE entries; DROP TABLE feeds;');
		db.close();
		const listed = await runBlogroll(['list', '--json'], {home});
		expect(listed.code).toBe(0);
		expect(linesOf(listed.stderr)).toEqual([expect.stringMatching(/damaged; moved it to .*cache\.db\.corrupt-.*blogroll refresh/)]);
		expect((JSON.parse(listed.stdout) as ListedFeed[])).toHaveLength(2);
		const refreshed = await runBlogroll(['refresh', '--json'], {home});
		expect(refreshed.code).toBe(0);
		expect(readdirSync(home).filter(name => name.startsWith('cache.db.corrupt-') && !/-(?:wal|shm)$/.test(name))).toHaveLength(1);
	});

	it('overwritten in its first pages is moved aside once, not on every start', async () => {
		const home = await homeWithCache();
		const bytes = readFileSync(join(home, 'cache.db'));
		bytes.fill(0x42, 0, 8192);
		writeFileSync(join(home, 'cache.db'), bytes);
		const first = await runBlogroll(['list'], {home});
		expect(first.code).toBe(0);
		expect(first.stderr).toMatch(/damaged; moved it/);
		const second = await runBlogroll(['list'], {home});
		expect(second.code).toBe(0);
		expect(second.stderr).toBe('');
	});

	it('never stops export, whatever is wrong with it', async () => {
		const cases: Record<string, (home: string) => void> = {
			'a directory in its place': home => mkdirSync(join(home, 'cache.db')),
			'garbage': home => writeFileSync(join(home, 'cache.db'), 'Kein SQLite, sondern Notizen über Größe.'),
			// Opens fine, fails on the first query of feeds.
			'a feeds table without a column it needs': home => {
				const db = new Database(join(home, 'cache.db'));
				db.exec('ALTER TABLE feeds DROP COLUMN ttl_minutes');
				db.close();
			},
			'a newer schema': home => {
				const db = new Database(join(home, 'cache.db'));
				db.pragma('user_version = 999');
				db.close();
			},
		};
		for (const [what, damage] of Object.entries(cases)) {
			const home = makeHome();
			writeConfig(home, SUBSCRIPTIONS);
			if (what.startsWith('a feeds table')) expect((await runBlogroll(['list'], {home})).code).toBe(0);
			damage(home);
			const exported = await runBlogroll(['export', '--format', 'json'], {home});
			expect(exported.code, what).toBe(0);
			expect(exported.stderr, what).not.toMatch(STACK_LINE);
			const feeds = JSON.parse(exported.stdout) as unknown;
			expect(JSON.stringify(feeds), what).toContain('https://kreidezeit-coaching.de/feed/');
			expect(JSON.stringify(feeds), what).toContain('führung');
		}
	});
});

describe('a data directory that cannot be written', () => {
	// Tests run as root, so permissions would not stop anything: a path below a regular
	// file fails for everyone (ENOTDIR).
	it('gives one clear line for every command, and the same line again, never a crash', async () => {
		const home = makeHome();
		const file = join(home, 'ich-bin-eine-datei');
		writeFileSync(file, 'kein Verzeichnis');
		const blocked = join(file, 'blogroll');
		for (const args of [['list'], ['refresh'], ['add', `${server.url}${fixturePaths.klartext.feed}`], ['export'], ['list'], ['list']]) {
			const result = await runBlogroll(args, {home, env: {BLOGROLL_HOME: blocked}});
			expect(result.code, args[0]).toBe(1);
			expect(linesOf(result.stderr), args[0]).toEqual([expect.stringMatching(/^blogroll: Cannot use the config directory .*ich-bin-eine-datei\/blogroll: a part of its path is a file, not a directory$/)]);
		}
		expect(readFileSync(file, 'utf8')).toBe('kein Verzeichnis');
	});

	it('with a cache directory that cannot be created still lists nothing wrongly and exports', async () => {
		const home = makeHome();
		const file = join(home, 'daten');
		writeFileSync(file, 'eine Datei');
		const env = {BLOGROLL_HOME: '', XDG_CONFIG_HOME: home, XDG_DATA_HOME: file};
		mkdirSync(join(home, 'blogroll'));
		writeConfig(join(home, 'blogroll'), SUBSCRIPTIONS);
		const listed = await runBlogroll(['list'], {home, env});
		expect(listed.code).toBe(1);
		expect(linesOf(listed.stderr)).toEqual([expect.stringMatching(/^blogroll: Cannot open the cache .*daten\/blogroll\/cache\.db: /)]);
		const exported = await runBlogroll(['export'], {home, env});
		expect(exported.code).toBe(0);
		expect(exported.stdout).toContain('xmlUrl="https://kreidezeit-coaching.de/feed/"');
		// An empty BLOGROLL_HOME is unset: nothing lands in the current directory.
		expect(readdirSync(home).filter(name => name.startsWith('cache.db') || name === 'config.json')).toEqual([]);
	});

	it('export to a full disk says so in one line and leaves the device alone', async () => {
		if (!existsSync('/dev/full')) return;
		const home = makeHome();
		writeConfig(home, SUBSCRIPTIONS);
		const result = await runBlogroll(['export', '/dev/full'], {home});
		expect(result.code).toBe(1);
		expect(linesOf(result.stderr)).toEqual(['blogroll: Cannot write /dev/full: the disk is full']);
		expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
	});
});
