/**
 * End to end (issue 16, "Done means"), Nextcloud News: the real `blogroll` (dist/cli.js)
 * against the News fixture server (tests/fixtures/nextcloud-news-server.ts) with five German
 * blogs in two folders, 340 entries, so the first sync pages.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {makeHome, runCli, type CliResult} from '../helpers/cli.js';
import {hasTmux, TmuxSession} from '../helpers/tmux.js';
import {seedGermanBlogs, startNextcloudNewsServer, type NextcloudNewsServer, type SeededContent} from '../fixtures/nextcloud-news-server.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const ENV = {BLOGROLL_KEYRING: 'off'};

let server: NextcloudNewsServer;
let seeded: SeededContent;
let secrets: string;
let passwordFile: string;
const temporary: string[] = [];
/** Everything blogroll printed in these tests: the password must be in none of it. */
const outputs: string[] = [];
let session: TmuxSession | undefined;

beforeAll(async () => {
	server = await startNextcloudNewsServer();
	seeded = seedGermanBlogs(server);
	// Filled an hour ago: the sync after the first finds only what changes from now on.
	server.advanceClock(3600);
	// The password file lives outside every profile, as a user would keep it.
	secrets = mkdtempSync(join(tmpdir(), 'blogroll-nextcloud-secret-'));
	passwordFile = join(secrets, 'nextcloud-passwort');
	writeFileSync(passwordFile, `${server.password}\n`, {mode: 0o600});
	temporary.push(secrets);
});

afterEach(() => session?.kill());

afterAll(async () => {
	await server.close();
	for (const dir of temporary) rmSync(dir, {recursive: true, force: true});
});

function newHome(): string {
	const home = makeHome();
	temporary.push(home);
	return home;
}

async function cli(args: string[], home: string): Promise<CliResult> {
	const result = await runCli(args, {home, env: ENV});
	outputs.push(result.stdout, result.stderr);
	return result;
}

async function ok(args: string[], home: string): Promise<string> {
	const result = await cli(args, home);
	expect(result.stderr, `blogroll ${args.join(' ')}`).toBe('');
	expect(result.code, `blogroll ${args.join(' ')}`).toBe(0);
	return result.stdout;
}

async function addAccount(home: string): Promise<void> {
	await ok(['account', 'add', 'nextcloud', server.url, '--user', server.user, '--password-file', passwordFile, '--name', 'wolke'], home);
}

interface CacheState {
	readonly entries: number;
	/** Server item id → [read, starred]. */
	readonly items: ReadonlyMap<string, readonly [boolean, boolean]>;
}

function cacheState(home: string): CacheState {
	const db = new Database(join(home, 'cache.db'), {readonly: true});
	try {
		const entries = (db.prepare('SELECT count(*) AS n FROM entries').get() as {n: number}).n;
		const rows = db.prepare('SELECT a.remote_id AS id, e.is_read AS read, e.is_starred AS starred FROM account_items a JOIN entries e ON e.id = a.entry_id').all() as {id: string; read: number; starred: number}[];
		return {entries, items: new Map(rows.map(row => [row.id, [row.read === 1, row.starred === 1] as const]))};
	} finally {
		db.close();
	}
}

function serverState(): ReadonlyMap<string, readonly [boolean, boolean]> {
	return new Map([...server.items.values()].map(item => [String(item.id), [!item.unread, item.starred] as const]));
}

function sorted(map: ReadonlyMap<string, readonly [boolean, boolean]>): [string, readonly [boolean, boolean]][] {
	return [...map].sort(([a], [b]) => Number(a) - Number(b));
}

/** The profile the scenarios below follow one after the other. */
let home: string;

describe('a Nextcloud News account, end to end', () => {
	beforeAll(() => {
		home = newHome();
	});

	it('refuses a wrong password in one line and saves nothing', async () => {
		const wrong = join(secrets, 'falsch');
		writeFileSync(wrong, 'falsches-Passwort\n', {mode: 0o600});
		const result = await cli(['account', 'add', 'nextcloud', server.url, '--user', server.user, '--password-file', wrong], home);
		expect(result.code).not.toBe(0);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toContain(server.origin);
		expect(result.stderr).toMatch(/password|Passwort/i);
		expect(result.stderr).not.toContain('falsches-Passwort');
		expect(JSON.parse(await ok(['account', 'list', '--json'], home))).toEqual([]);
		expect(readdirSync(home)).not.toContain('credentials.json');
	});

	it('adds the account with the right password and brings feeds, tags and entries with the first sync', async () => {
		await addAccount(home);
		const synced = await ok(['sync'], home);
		expect(synced).toMatch(/^Synced wolke: 5 feeds added, 340 new entries/);
		const listed = JSON.parse(await ok(['list', '--json'], home)) as {url: string; title: string; tags: string[]}[];
		const tags = new Map(listed.map(row => [row.url, row.tags]));
		expect(listed).toHaveLength(5);
		expect(tags.get('https://linux-kueche.example.org/feed/')).toEqual(['Technik']);
		expect(tags.get('https://balkongarten.example.de/?feed=rss2')).toEqual(['Kochen & Garten']);
		expect(tags.get('https://stadtgefluester.example.de/feed/')).toEqual([]);
		expect(listed.map(row => row.title)).toContain('Omas Küche – Rezepte aus dem Schwarzwald');
		const state = cacheState(home);
		expect(state.entries).toBe(seeded.itemCount);
		expect(sorted(state.items)).toEqual(sorted(serverState()));
		const found = JSON.parse(await ok(['search', 'Maultaschen', '--json', '--limit', '5'], home)) as {entries: {title: string}[]};
		expect(found.entries[0]?.title).toMatch(/^Maultaschen nach Hausrezept: Teil \d+$/);
	}, 60_000);

	it('duplicates nothing when syncing again and again', async () => {
		for (let round = 0; round < 3; round++) expect(await ok(['sync'], home)).toBe('Synced wolke: nothing new.\n');
		expect(cacheState(home).entries).toBe(seeded.itemCount);
		const updated = server.requests.filter(request => request.path.includes('/items/updated?'));
		expect(updated.length).toBeGreaterThanOrEqual(3);
	}, 60_000);

	it('sends a mark-read made in blogroll to the server with the next sync', async () => {
		const feed = 'https://technik-zuhause.example.de/feed/';
		const marked = await ok(['mark-read', '--older-than', '2026-06-03', '--feed', feed], home);
		const count = Number(/Marked (\d+)/.exec(marked)?.[1]);
		expect(count).toBeGreaterThan(10);
		const feedId = seeded.feedIds[0];
		const early = [...server.items.values()].filter(item => item.feedId === feedId && (item.pubDate ?? 0) < Date.UTC(2026, 5, 3) / 1000);
		expect(early.filter(item => item.unread)).toHaveLength(count);
		expect(await ok(['sync'], home)).toMatch(new RegExp(`${count} changes sent`));
		expect(early.every(item => !server.items.get(item.id)?.unread)).toBe(true);
		expect(sorted(cacheState(home).items)).toEqual(sorted(serverState()));
		// What came back from the server (its lastModified moved) changes nothing here.
		expect(await ok(['sync'], home)).toBe('Synced wolke: nothing new.\n');
	}, 60_000);

	it.skipIf(!hasTmux())('sends a star given in the reader to the server', async () => {
		const before = cacheState(home);
		session = new TmuxSession(`node ${CLI}`, {columns: 100, rows: 30, env: {BLOGROLL_HOME: home, HOME: home, LANG: 'de_DE.UTF-8', TERM: 'xterm-256color', PATH: process.env['PATH'] ?? '', BLOGROLL_KEYRING: 'off'}});
		await session.waitForText('Linux-Küche');
		session.press('Enter');
		await session.waitFor(screen => /Teil \d+/.test(screen), 'the entries');
		session.press('s');
		await session.waitFor(() => [...cacheState(home).items.values()].filter(([, starred]) => starred).length > [...before.items.values()].filter(([, starred]) => starred).length, 'a star in the cache');
		session.press('q', 'q', 'q');
		await session.waitForExit();
		const starredHere = [...cacheState(home).items].filter(([id, [, starred]]) => starred && !before.items.get(id)?.[1]).map(([id]) => id);
		expect(starredHere).toHaveLength(1);
		await cli(['sync'], home);
		expect(server.items.get(Number(starredHere[0]))?.starred).toBe(true);
		expect(sorted(cacheState(home).items)).toEqual(sorted(serverState()));
	}, 60_000);

	it('shows a read and a star made on the server after the next sync', async () => {
		const unread = [...server.items.values()].find(item => item.unread && !item.starred && item.feedId === seeded.feedIds[3]);
		const plain = [...server.items.values()].find(item => !item.starred && item.feedId === seeded.feedIds[4]);
		if (unread === undefined || plain === undefined) throw new Error('fixture');
		server.setRead(unread.id, true);
		server.setStarred(plain.id, true);
		expect(await ok(['sync'], home)).toBe('Synced wolke: 1 read, 1 starred.\n');
		expect(cacheState(home).items.get(String(unread.id))?.[0]).toBe(true);
		const starred = JSON.parse(await ok(['search', 'starred', '--json', '--limit', '100'], home)) as {entries: {title: string}[]};
		expect(starred.entries.map(entry => entry.title)).toContain(plain.title);
		expect(sorted(cacheState(home).items)).toEqual(sorted(serverState()));
	}, 60_000);

	it('brings a new entry and a new feed from the server, and lets a feed removed there go', async () => {
		const feedId = seeded.feedIds[4] ?? 0;
		server.addItem(feedId, {guid: 'https://stadtgefluester.example.de/?p=4711', title: 'Neue Brücke über den Main', body: '<p>„Endlich!“, sagen die Würzburger.</p>', pubDate: Date.UTC(2026, 11, 5) / 1000});
		const cafe = server.addFeed({url: 'https://kaffeeklatsch.example.de/feed/', title: 'Kaffeeklatsch', link: 'https://kaffeeklatsch.example.de/', folderId: seeded.folderIds.get('Kochen & Garten') ?? null});
		server.addItem(cafe.id, {guid: 'https://kaffeeklatsch.example.de/?p=1', title: 'Der perfekte Milchschaum', body: '<p>Über Schaum und „Crema“.</p>'});
		server.removeFeed(seeded.feedIds[3] ?? 0);
		const synced = await ok(['sync'], home);
		expect(synced).toMatch(/1 feed added, 1 feed removed, 2 new entries/);
		const listed = JSON.parse(await ok(['list', '--json'], home)) as {url: string; tags: string[]}[];
		expect(listed.map(row => row.url)).toContain('https://kaffeeklatsch.example.de/feed/');
		expect(listed.map(row => row.url)).not.toContain('https://balkongarten.example.de/?feed=rss2');
		expect(sorted(cacheState(home).items)).toEqual(sorted(serverState()));
	}, 60_000);

	it('subscribes on the server with add --account into a new folder, and shows a refusal in one line', async () => {
		server.fetchable.set('https://wanderlust.example.de/feed', {
			title: 'Wanderlust – Touren im Spessart',
			link: 'https://wanderlust.example.de/',
			items: [{guid: 'https://wanderlust.example.de/?p=7', title: 'Über den Eselsweg', body: '<p>111&nbsp;km, drei Tage, viel „Grüß Gott“.</p>'}],
		});
		const added = await ok(['add', 'https://wanderlust.example.de/feed', '--account', 'wolke', '--tag', 'Draußen'], home);
		expect(added).toMatch(/^Subscribed on wolke: Wanderlust – Touren im Spessart/);
		const feed = [...server.feeds.values()].find(candidate => candidate.url === 'https://wanderlust.example.de/feed');
		expect(server.folders.get(feed?.folderId ?? -1)?.name).toBe('Draußen');
		const listed = JSON.parse(await ok(['list', '--json'], home)) as {url: string; tags: string[]}[];
		expect(listed.find(row => row.url === 'https://wanderlust.example.de/feed')?.tags).toEqual(['Draußen']);
		expect((JSON.parse(await ok(['search', 'Eselsweg', '--json'], home)) as {entries: unknown[]}).entries).toHaveLength(1);

		// Subscribed already on the server (in its web interface): News answers 409 with its reason.
		server.addFeed({url: 'https://wanderlust.example.de/comments/feed', title: 'Kommentare', link: 'https://wanderlust.example.de/'});
		const before = await ok(['list', '--json'], home);
		const refused = await cli(['add', 'https://wanderlust.example.de/comments/feed', '--account', 'wolke'], home);
		expect(refused.code).toBe(1);
		expect(refused.stderr.trim().split('\n')).toHaveLength(1);
		expect(refused.stderr).toContain('Feed with this URL exists');
		expect(await ok(['list', '--json'], home)).toBe(before);
		const unreadable = await cli(['add', 'https://kein-feed.example.de/blog', '--account', 'wolke'], home);
		expect(unreadable.code).toBe(1);
		expect(unreadable.stderr).toMatch(/refused https:\/\/kein-feed\.example\.de\/blog: Could not find a valid feed/);
		expect(await ok(['list', '--json'], home)).toBe(before);
	}, 60_000);

	it('unsubscribes on the server when an account feed is removed', async () => {
		const removed = await ok(['remove', 'https://wanderlust.example.de/feed'], home);
		expect(removed).toMatch(/here and on wolke/);
		expect([...server.feeds.values()].map(candidate => candidate.url)).not.toContain('https://wanderlust.example.de/feed');
		await ok(['sync'], home);
		const listed = JSON.parse(await ok(['list', '--json'], home)) as {url: string}[];
		expect(listed.map(row => row.url)).not.toContain('https://wanderlust.example.de/feed');
		expect(listed.map(row => row.url)).toContain('https://wanderlust.example.de/comments/feed');
		expect(sorted(cacheState(home).items)).toEqual(sorted(serverState()));
	}, 60_000);
});

describe('a first sync killed in the middle', () => {
	it('ends, synced again, in the same state as one that ran through', async () => {
		const reference = newHome();
		await addAccount(reference);
		await ok(['sync'], reference);

		const killed = newHome();
		await addAccount(killed);
		server.stallItemsAfterPages = 1;
		const before = server.requests.length;
		const child = spawn(process.execPath, [CLI, 'sync'], {env: {PATH: process.env['PATH'], HOME: killed, BLOGROLL_HOME: killed, NO_COLOR: '1', LANG: 'C.UTF-8', ...ENV}, stdio: 'ignore'});
		const exited = new Promise(resolve => child.on('exit', resolve));
		const deadline = Date.now() + 20_000;
		while (server.requests.slice(before).filter(request => request.path.includes('/items?')).length < 2 && Date.now() < deadline) {
			await new Promise(resolve => setTimeout(resolve, 20));
		}
		// The second page is asked for and never answered: the first one is stored.
		child.kill('SIGKILL');
		await exited;
		server.stallItemsAfterPages = null;
		const partial = cacheState(killed);
		expect(partial.entries).toBe(200);

		const resumedFrom = server.requests.length;
		expect(await ok(['sync'], killed)).toMatch(/new entries/);
		const firstAsked = server.requests.slice(resumedFrom).find(request => request.path.includes('/items?'));
		expect(new URL(firstAsked?.path ?? '', server.origin).searchParams.get('offset')).not.toBe('0');
		const resumed = cacheState(killed);
		const complete = cacheState(reference);
		expect(resumed.entries).toBe(complete.entries);
		expect(sorted(resumed.items)).toEqual(sorted(complete.items));
		expect(sorted(resumed.items)).toEqual(sorted(serverState()));
		expect(await ok(['sync'], killed)).toBe('Synced wolke: nothing new.\n');
	}, 90_000);
});


describe('the server down', () => {
	it('opens the reader from the cache when the server is down, and sync fails in one line', async () => {
		// A server that never answers: the settings' timeout (2 s here) ends the sync.
		const configFile = join(home, 'config.json');
		const config = JSON.parse(readFileSync(configFile, 'utf8')) as {settings?: Record<string, unknown>};
		writeFileSync(configFile, JSON.stringify({...config, settings: {...config.settings, timeoutSeconds: 2}}, null, 2));
		server.mode = 'stall';
		const stalled = await cli(['sync'], home);
		server.mode = 'normal';
		expect(stalled.code).toBe(1);
		expect(stalled.stderr.trim().split('\n')).toHaveLength(1);
		const url = server.url;
		await server.close();
		try {
			const down = await cli(['sync', '--verbose'], home);
			expect(down.code).toBe(1);
			expect(down.stderr.trim().split('\n')).toHaveLength(1);
			expect(down.stderr).toContain(new URL(url).origin);
			if (hasTmux()) {
				session = new TmuxSession(`node ${CLI}`, {columns: 100, rows: 30, env: {BLOGROLL_HOME: home, HOME: home, LANG: 'de_DE.UTF-8', TERM: 'xterm-256color', PATH: process.env['PATH'] ?? '', BLOGROLL_KEYRING: 'off'}});
				const screen = await session.waitForText('Linux-Küche');
				expect(screen).toContain('Omas Küche');
				// Its account sync after the first frame fails: one status line naming the account.
				const failed = await session.waitForText('Abgleich mit wolke gescheitert');
				const line = failed.split('\n').find(row => row.includes('Abgleich mit wolke gescheitert')) ?? '';
				expect(line).toContain(new URL(url).origin);
				expect(failed).toContain('Linux-Küche');
				session.press('Enter');
				await session.waitFor(screen => /Teil \d+/.test(screen), 'the entries from the cache');
				session.press('q', 'q', 'q');
				await session.waitForExit();
			}
		} finally {
			session?.kill();
		}
	}, 90_000);

	it('never shows or stores the password outside the 0600 credentials file', () => {
		const password = server.password;
		const encoded = Buffer.from(`${server.user}:${password}`).toString('base64');
		for (const output of outputs) {
			expect(output).not.toContain(password);
			expect(output).not.toContain(encoded);
		}
		const files = readdirSync(home, {recursive: true, withFileTypes: true}).filter(entry => entry.isFile()).map(entry => join(entry.parentPath, entry.name));
		const holding = files.filter(file => {
			const bytes = readFileSync(file);
			return bytes.includes(password) || bytes.includes(encoded);
		});
		expect(holding.map(file => file.slice(home.length + 1))).toEqual(['credentials.json']);
		expect(statSync(join(home, 'credentials.json')).mode & 0o777).toBe(0o600);
	});
});
