/**
 * End to end (issue 16, "Done means"): a Google Reader API account through the real CLI
 * (`dist/cli.js`) against the fixture server in both flavours, FreshRSS and Miniflux, with
 * a few hundred German entries over five feeds in three categories.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {basename, join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {makeHome, runCli, type CliResult} from '../helpers/cli.js';
import {hasTmux, TmuxSession} from '../helpers/tmux.js';
import {seedGermanBlogs, startGreaderServer, type GreaderFlavor, type GreaderServer} from '../fixtures/greader-server.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const PER_FEED = 60;
const TOTAL = 5 * PER_FEED;
const ENV = {BLOGROLL_KEYRING: 'off'};

interface JsonEntry {
	readonly id: number;
	readonly title: string;
	readonly link: string | null;
	readonly feed: string;
	readonly isRead: boolean;
	readonly isStarred: boolean;
}

interface JsonFeed {
	readonly url: string;
	readonly title: string;
	readonly tags: readonly string[];
	readonly account: string | null;
}

describe.each(['freshrss', 'miniflux'] as const)('a Google Reader account against the %s fixture, through the CLI', (flavor: GreaderFlavor) => {
	let server: GreaderServer;
	let home: string;
	let secrets: string;
	let passwordFile: string;
	const temporary: string[] = [];
	let session: TmuxSession | undefined;

	const outputs: string[] = [];
	async function cli(args: readonly string[], where = home): Promise<CliResult> {
		const result = await runCli(args, {home: where, env: ENV});
		outputs.push(result.stdout, result.stderr);
		return result;
	}
	async function ok(args: readonly string[], where = home): Promise<string> {
		const result = await cli(args, where);
		expect(result.stderr, `${args.join(' ')}: ${result.stderr}`).toBe('');
		expect(result.code).toBe(0);
		return result.stdout;
	}
	async function entries(where = home): Promise<JsonEntry[]> {
		const read = JSON.parse(await ok(['search', '--json', '--limit', '100000', 'read'], where)) as {entries: JsonEntry[]};
		const unread = JSON.parse(await ok(['search', '--json', '--limit', '100000', 'unread'], where)) as {entries: JsonEntry[]};
		return [...read.entries, ...unread.entries].sort((a, b) => (a.link ?? '').localeCompare(b.link ?? ''));
	}
	/** An entry of the cache by the server item's link (the cache keeps links normalised). */
	function byLink(list: readonly JsonEntry[], link: string): JsonEntry | undefined {
		return list.find(entry => entry.link === new URL(link).href);
	}
	async function feeds(where = home): Promise<JsonFeed[]> {
		return JSON.parse(await ok(['list', '--json'], where)) as JsonFeed[];
	}
	/** What the cache holds, without the cache's own row ids. */
	async function state(where = home): Promise<string[]> {
		return (await entries(where)).map(entry => `${entry.link} ${entry.title} ${entry.isRead ? 'read' : 'unread'} ${entry.isStarred ? 'starred' : '-'}`);
	}

	beforeAll(async () => {
		server = await startGreaderServer({flavor});
		seedGermanBlogs(server, PER_FEED);
		home = makeHome();
		secrets = mkdtempSync(join(tmpdir(), 'blogroll-greader-secret-'));
		passwordFile = join(secrets, 'passwort.txt');
		writeFileSync(passwordFile, `${server.password}\n`);
		temporary.push(home, secrets);
	});

	afterEach(() => session?.kill());

	afterAll(async () => {
		await server.close();
		for (const dir of temporary) rmSync(dir, {recursive: true, force: true});
	});

	it('a wrong password: one line, exit code 1, nothing saved', async () => {
		const wrong = join(secrets, 'falsch.txt');
		writeFileSync(wrong, 'falsches-Passwort-ÄÖÜ\n');
		const result = await cli(['account', 'add', 'greader', server.baseUrl, '--user', server.user, '--password-file', wrong, '--name', 'zuhause']);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toContain(server.origin);
		expect(result.stderr).not.toContain('falsches-Passwort');
		// --verbose shows full error details: still not the password (checked at the end).
		const verbose = await cli(['--verbose', 'account', 'add', 'greader', server.baseUrl, '--user', server.user, '--password-file', wrong, '--name', 'zuhause']);
		expect(verbose.code).toBe(1);
		expect(verbose.stderr).not.toContain('falsches-Passwort');
		expect(JSON.parse(await ok(['account', 'list', '--json']))).toEqual([]);
		expect(await feeds()).toEqual([]);
	});

	it('the right password: sync brings the feeds, their categories as tags, and every entry', async () => {
		const added = await ok(['account', 'add', 'greader', server.baseUrl, '--user', server.user, '--password-file', passwordFile, '--name', 'zuhause']);
		expect(added).toContain('zuhause');
		await ok(['sync']);
		const list = await feeds();
		expect(list).toHaveLength(5);
		expect(list.every(feed => feed.account === 'zuhause')).toBe(true);
		const kaffee = list.find(feed => feed.url === 'https://blogs.example.de/kaffeekraenzchen/feed/');
		expect(kaffee?.title).toBe('Kaffeekränzchen – Ein Blog über Röstereien');
		expect(kaffee?.tags).toEqual(['Essen & Trinken']);
		expect(new Set(list.flatMap(feed => feed.tags))).toEqual(new Set(['Essen & Trinken', 'Alltag', 'Technik']));
		const all = await entries();
		expect(all).toHaveLength(TOTAL);
		expect(all.every(entry => !entry.isRead && !entry.isStarred)).toBe(true);
		expect(all.map(entry => entry.title)).toContain('Märzenbecher & mehr: „Folge 1“ bei kaffeekraenzchen');
	});

	it('repeated syncs duplicate nothing', async () => {
		const before = await state();
		await ok(['sync']);
		await ok(['sync']);
		expect(await state()).toEqual(before);
		expect(await feeds()).toHaveLength(5);
	});

	it('a read and a star made on the server appear in blogroll after sync', async () => {
		const first = server.items[0]!;
		const second = server.items[1]!;
		server.setRead(first.id, true);
		server.setStarred(second.id, true);
		const fresh = server.addItem(3, {title: 'Neu auf dem Server: „Kekse“ für alle', content: '<p>Frisch gebacken.</p>', link: 'https://blogs.example.de/quellcode/neu-auf-dem-server/'});
		await ok(['sync']);
		const all = await entries();
		expect(all).toHaveLength(TOTAL + 1);
		expect(byLink(all, first.link)?.isRead).toBe(true);
		expect(byLink(all, second.link)?.isStarred).toBe(true);
		expect(byLink(all, fresh.link)?.isRead).toBe(false);
	});

	it('mark-read and a star in blogroll appear on the server after sync', async () => {
		const feed = (await feeds()).find(candidate => candidate.url === 'https://blogs.example.de/bahnfahrer/feed/')!;
		await ok(['mark-read', '--older-than', '1d', '--feed', feed.url]);
		const bahnfahrer = server.feeds.find(candidate => candidate.url === feed.url)!;
		// Not yet: the change waits in the queue for the next sync.
		expect(server.items.filter(item => item.feedId === bahnfahrer.id).every(item => !item.read)).toBe(true);
		await ok(['sync']);
		expect(server.items.filter(item => item.feedId === bahnfahrer.id).every(item => item.read)).toBe(true);
		expect(server.items.filter(item => item.feedId !== bahnfahrer.id && item.read)).toHaveLength(1); // the one read on the server before
	});

	it.skipIf(!hasTmux())('a star in the reader appears on the server after sync', async () => {
		const exitFile = join(secrets, `exit-${Date.now()}`);
		session = new TmuxSession(`sh -c 'node ${CLI}; echo $? > ${exitFile}'`, {
			columns: 100,
			rows: 30,
			env: {BLOGROLL_HOME: home, HOME: home, LANG: 'de_DE.UTF-8', TERM: 'xterm-256color', PATH: process.env['PATH'] ?? '', CI: 'true', ...ENV},
		});
		await session.waitForText('Quellcode und Kekse');
		// The feed with the entry made on the server: its newest entry is the first row.
		const screen = session.screen();
		const rows = screen.split('\n');
		const feedRow = rows.findIndex(row => row.includes('Quellcode und Kekse'));
		const allRow = rows.findIndex(row => /Alle|All/.test(row));
		for (let step = 0; step < feedRow - allRow; step++) session.press('j');
		session.press('Enter');
		await session.waitForText('Neu auf dem Server');
		session.press('s');
		await session.waitForText('★');
		session.press('q', 'q', 'q');
		await session.waitForExit(20_000);
		await ok(['sync']);
		const starred = server.items.filter(item => item.starred).map(item => item.title);
		expect(starred).toContain('Neu auf dem Server: „Kekse“ für alle');
	});

	it('a sync killed in the middle and synced again ends in the same state', async () => {
		const other = makeHome();
		temporary.push(other);
		await ok(['account', 'add', 'greader', server.baseUrl, '--user', server.user, '--password-file', passwordFile, '--name', 'zuhause'], other);
		// The requests that bring a page of entries (Miniflux: its stream/contents answers `[]`).
		const pagePath = flavor === 'miniflux' ? '/reader/api/0/stream/items/contents' : '/reader/api/0/stream/contents/';
		const pageRequests = (): number => server.requests.filter(request => request.path.startsWith(pagePath)).length;
		const start = pageRequests();
		server.setDelay(150);
		const child = spawn(process.execPath, [CLI, 'sync'], {env: {PATH: process.env['PATH'], HOME: other, BLOGROLL_HOME: other, NO_COLOR: '1', LANG: 'C.UTF-8', ...ENV}, stdio: 'ignore'});
		const exited = new Promise<void>(resolve => child.on('exit', () => resolve()));
		const deadline = Date.now() + 20_000;
		while (pageRequests() < start + 2 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20));
		child.kill('SIGKILL');
		await exited;
		server.setDelay(0);
		const partial = await entries(other);
		// Killed in the middle: some pages stored, not all.
		expect(partial.length).toBeGreaterThan(0);
		expect(partial.length).toBeLessThan(TOTAL + 1);
		await ok(['sync'], other);
		await ok(['sync']);
		expect(await state(other)).toEqual(await state());
	});

	it('add --account subscribes on the server under the tag, a refusal changes nothing here, remove unsubscribes there', async () => {
		const url = 'https://neu.example.de/feed.xml';
		const added = await ok(['add', url, '--account', 'zuhause', '--tag', 'Technik']);
		expect(added).toContain('zuhause');
		expect(server.feeds.find(feed => feed.url === url)?.category).toBe('Technik');
		expect((await feeds()).find(feed => feed.url === url)).toMatchObject({account: 'zuhause', tags: ['Technik']});

		const refusedUrl = 'https://kaputt.example.de/feed.xml';
		server.refuse(refusedUrl, 'Der Feed ist ungültig (HTTP 404)');
		const before = await feeds();
		const refused = await cli(['add', refusedUrl, '--account', 'zuhause']);
		expect(refused.code).toBe(1);
		expect(refused.stderr.trim().split('\n')).toHaveLength(1);
		expect(refused.stderr).toContain(refusedUrl);
		if (flavor === 'freshrss') expect(refused.stderr).toContain('Der Feed ist ungültig (HTTP 404)');
		expect(await feeds()).toEqual(before);

		await ok(['remove', url]);
		expect(server.feeds.some(feed => feed.url === url)).toBe(false);
		expect((await feeds()).some(feed => feed.url === url)).toBe(false);
	});

	it.skipIf(!hasTmux())('the server stopped: the reader opens from the cache and sync fails with one line', async () => {
		await server.close();
		const result = await cli(['sync']);
		expect(result.code).not.toBe(0);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toContain(server.origin);
		expect((await cli(['--verbose', 'sync'])).code).not.toBe(0);
		const exitFile = join(secrets, `exit-stopped-${Date.now()}`);
		session = new TmuxSession(`sh -c 'node ${CLI}; echo $? > ${exitFile}'`, {
			columns: 100,
			rows: 30,
			env: {BLOGROLL_HOME: home, HOME: home, LANG: 'de_DE.UTF-8', TERM: 'xterm-256color', PATH: process.env['PATH'] ?? '', CI: 'true', ...ENV},
		});
		const screen = await session.waitForText('Kaffeekränzchen');
		expect(screen).toContain('Grüße aus dem Schrebergarten');
		expect(screen).toContain('240 ungelesen'); // 301 entries, 60 marked read here, 1 on the server
		// The reader's own sync after the first frame fails: one status line naming the server.
		const failed = await session.waitForText('Abgleich mit zuhause gescheitert');
		// In the reader's language, from what failed (the command line keeps its English line).
		expect(failed).toContain(`${server.origin}: Verbindung abgelehnt`);
		expect(failed).toContain('Kaffeekränzchen');
		session.press('q');
		await session.waitForExit(20_000);
		expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
	});

	it('the password is in no output and no file of the profile but the 0600 credentials file', () => {
		const found: string[] = [];
		const walk = (dir: string): void => {
			for (const name of readdirSync(dir)) {
				const path = join(dir, name);
				const info = statSync(path);
				if (info.isDirectory()) walk(path);
				else if (readFileSync(path).includes(Buffer.from(server.password))) found.push(path);
			}
		};
		walk(home);
		// With BLOGROLL_KEYRING=off the password is in the credentials file, readable by its owner only.
		expect(found.map(path => basename(path))).toEqual(['credentials.json']);
		for (const path of found) expect(statSync(path).mode & 0o777).toBe(0o600);
		expect(outputs.filter(output => output.includes(server.password))).toEqual([]);
	});
});
