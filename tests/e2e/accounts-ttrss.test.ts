/**
 * Issue 16's "Done means" against a real Tiny Tiny RSS (scripts/ttrss-server.sh), through
 * the built `blogroll` as a user runs it: account add, sync, mark-read, a star in the reader,
 * states changed on the server, repeated and interrupted syncs, the server gone, and the
 * password nowhere but in the 0600 credentials file.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {makeHome, runCli, type CliResult} from '../helpers/cli.js';
import {hasTmux, TmuxSession} from '../helpers/tmux.js';
import {seedGermanBlogs, startTtrss, ttrssMissing, type SeededFeed, type TtrssServer} from '../helpers/ttrss.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
/** Distinctive, so that a grep finds it wherever it leaked. */
const PASSWORD = 'Kürbis-Sommer-7319!';
const PER_FEED = 60;
const ENV = {BLOGROLL_KEYRING: 'off'};

/**
 * A pass-through proxy in front of tt-rss that can stall: after `stallAfter` getArticle
 * calls it stops answering them (a server that hangs in the middle of a sync).
 */
class StallingProxy {
	stallAfter = Number.POSITIVE_INFINITY;
	articleCalls = 0;
	stalled = 0;
	readonly #server: Server;

	constructor(target: string) {
		this.#server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const body = Buffer.concat(chunks);
				if (body.toString('utf8').includes('"op":"getArticle"') && this.articleCalls++ >= this.stallAfter) {
					this.stalled++;
					return; // never answers
				}
				fetch(`${target}${request.url ?? '/'}`, {method: request.method ?? 'GET', headers: {'content-type': request.headers['content-type'] ?? 'application/json'}, ...(request.method === 'POST' ? {body} : {})})
					.then(async answer => {
						response.writeHead(answer.status, {'content-type': answer.headers.get('content-type') ?? 'text/json'});
						response.end(Buffer.from(await answer.arrayBuffer()));
					})
					.catch(() => {
						response.writeHead(502);
						response.end();
					});
			});
		});
	}

	async listen(): Promise<string> {
		await new Promise<void>(resolve => this.#server.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
	}

	close(): Promise<void> {
		this.#server.closeAllConnections();
		return new Promise(resolve => this.#server.close(() => resolve()));
	}
}

const missing = ttrssMissing();

describe.skipIf(missing !== null)(`a tt-rss account end to end${missing === null ? '' : ` (skipped: ${missing})`}`, () => {
	let server: TtrssServer;
	let feeds: SeededFeed[];
	let proxy: StallingProxy;
	let proxyUrl: string;
	let home: string;
	let outside: string;
	const homes: string[] = [];
	/** Everything blogroll printed, for the password check. */
	const printed: string[] = [];

	async function cli(args: string[], profile = home, input?: string): Promise<CliResult> {
		const result = await runCli(args, {home: profile, env: ENV, ...(input === undefined ? {} : {input})});
		printed.push(result.stdout, result.stderr);
		return result;
	}

	async function ok(args: string[], profile = home): Promise<string> {
		const result = await cli(args, profile);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		return result.stdout;
	}

	/** Every entry as the user sees it: feed, title, read, starred. */
	async function localState(profile = home): Promise<string[]> {
		const found = JSON.parse(await ok(['search', 'read or unread', '--json', '--limit', '5000'], profile)) as {entries: {feed: string; title: string; isRead: boolean; isStarred: boolean}[]};
		return found.entries.map(entry => `${entry.feed} | ${entry.title} | ${entry.isRead ? 'read' : 'unread'} | ${entry.isStarred ? 'starred' : '-'}`).sort();
	}

	/** The same, as tt-rss has it. */
	function serverState(): string[] {
		return server
			.sql(`SELECT f.title || ' | ' || e.title || ' | ' || CASE WHEN u.unread THEN 'unread' ELSE 'read' END || ' | ' || CASE WHEN u.marked THEN 'starred' ELSE '-' END
				FROM ttrss_user_entries u JOIN ttrss_entries e ON e.id = u.ref_id JOIN ttrss_feeds f ON f.id = u.feed_id;`)
			.trim()
			.split('\n')
			.sort();
	}

	/** Changes states the way a phone app would: through tt-rss's own API. */
	async function onServer(op: string, params: Record<string, unknown>): Promise<void> {
		const post = async (body: Record<string, unknown>) => (await (await fetch(`${server.url}/api/`, {method: 'POST', body: JSON.stringify(body)})).json()) as {status: number; content: {session_id?: string}};
		const login = await post({op: 'login', user: 'admin', password: PASSWORD});
		const answer = await post({op, sid: login.content.session_id, ...params});
		expect(answer.status).toBe(0);
	}

	beforeAll(async () => {
		server = await startTtrss();
		server.sql(`UPDATE ttrss_users SET salt = 'pfeffer', pwd_hash = 'MODE2:' || encode(sha256(convert_to('pfeffer' || '${PASSWORD}', 'UTF8')), 'hex') WHERE login = 'admin';`);
		feeds = seedGermanBlogs(server, PER_FEED);
		proxy = new StallingProxy(server.url);
		proxyUrl = await proxy.listen();
		home = makeHome();
		outside = mkdtempSync(join(tmpdir(), 'blogroll-ttrss-passwords-'));
		homes.push(home, outside);
		writeFileSync(join(outside, 'wrong'), 'Kürbis-Winter-0000!\n');
		writeFileSync(join(outside, 'right'), `${PASSWORD}\n`);
	}, 120_000);

	afterAll(async () => {
		await proxy?.close();
		await server?.stop();
		for (const dir of homes) rmSync(dir, {recursive: true, force: true});
	}, 60_000);

	it('refuses a wrong password in one line and saves nothing', async () => {
		const result = await cli(['account', 'add', 'ttrss', server.url, '--user', 'admin', '--password-file', join(outside, 'wrong'), '--name', 'heim']);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toContain(server.url);
		expect(result.stderr).toMatch(/refused the user name/);
		expect(await ok(['account', 'list'])).not.toContain('heim');
		expect(readdirSync(home)).not.toContain('credentials.json');
	});

	it('with the right one, sync brings the server’s feeds, their categories as tags, and every entry with its states', async () => {
		expect(await ok(['account', 'add', 'ttrss', server.url, '--user', 'admin', '--password-file', join(outside, 'right'), '--name', 'heim'])).toMatch(/^Added heim/);
		expect(await ok(['sync'])).toMatch(/^Synced heim: 5 feeds added, 300 new entries\.$/m);
		const listed = JSON.parse(await ok(['list', '--json'])) as {url: string; title: string; tags: string[]; total: number; unread: number; account: string}[];
		expect(listed.map(feed => [feed.title, feed.tags, feed.total, feed.account]).sort()).toEqual(
			feeds.map(feed => [feed.title, feed.category === null ? [] : [feed.category], PER_FEED, 'heim']).sort(),
		);
		expect(await localState()).toEqual(serverState());
	});

	it('sends mark-read and a star made in blogroll to the server on the next sync', async () => {
		const garden = feeds.find(feed => feed.title === 'Gärtnern in Köln')!;
		expect(await ok(['mark-read', '--older-than', '1d', '--feed', garden.url])).toMatch(/^Marked \d+ entries/);
		let starred = '„Feedback“ – Gedanken, Teil 60';
		if (hasTmux()) {
			// The newest entry of all is the garden's part 60: star it in the reader.
			const reader = new TmuxSession(`node ${CLI}`, {columns: 100, rows: 30, env: {BLOGROLL_HOME: home, HOME: home, ...ENV, LANG: 'de_DE.UTF-8', TERM: 'xterm-256color', PATH: process.env['PATH'] ?? ''}});
			try {
				await reader.waitForText('Gärtnern in Köln');
				reader.press('Enter');
				await reader.waitForText(starred);
				reader.press('s');
				await reader.waitForText(`★ ${starred}`);
				reader.press('q', 'q');
				await reader.waitForExit();
			} finally {
				reader.kill();
			}
		} else {
			starred = ''; // no terminal to star in: the mark-read alone is checked
		}
		// The reader syncs on its own too (after its first frame, on quit): whichever sync sent them, they are there after this one.
		await ok(['sync']);
		const state = serverState();
		expect(state.filter(line => line.startsWith('Gärtnern in Köln | ') && line.includes('| unread |'))).toEqual([]);
		if (starred !== '') expect(state).toContain(`Gärtnern in Köln | ${starred} | read | starred`);
		expect(await localState()).toEqual(state);
	}, 60_000);

	it('brings a read and a star made on the server (its own API) with the next sync', async () => {
		const heimserver = feeds.find(feed => feed.title === 'Der Heimserver')!;
		const [first, second, third] = heimserver.entryIds.filter((_id, index) => (index + 1) % 3 !== 0); // unread ones
		await onServer('updateArticle', {article_ids: `${first},${second}`, field: 2, mode: 0});
		await onServer('updateArticle', {article_ids: `${third}`, field: 0, mode: 1});
		const report = JSON.parse(await ok(['sync', '--json'])) as {accounts: {received: {read: number; starred: number; newEntries: number}}[]};
		expect(report.accounts[0]!.received).toMatchObject({read: 2, starred: 1, newEntries: 0});
		expect(await localState()).toEqual(serverState());
	}, 60_000);

	it('duplicates nothing over repeated syncs', async () => {
		const before = await localState();
		for (let round = 0; round < 2; round++) {
			const report = JSON.parse(await ok(['sync', '--json'])) as {accounts: {sent: number; received: Record<string, number>; feeds: Record<string, number>}[]};
			expect(report.accounts[0]).toMatchObject({sent: 0, received: {newEntries: 0, read: 0, unread: 0, starred: 0, unstarred: 0}, feeds: {added: 0, removed: 0}});
		}
		const after = await localState();
		expect(after).toEqual(before);
		expect(after).toHaveLength(5 * PER_FEED);
	}, 60_000);

	it('ends in the same state when a sync is killed in the middle (the server hanging) and run again', async () => {
		const second = makeHome();
		homes.push(second);
		await ok(['account', 'add', 'ttrss', proxyUrl, '--user', 'admin', '--password-file', join(outside, 'right'), '--name', 'heim'], second);
		proxy.articleCalls = 0;
		proxy.stallAfter = 1; // the first batch of 200 comes, the second hangs
		const child = spawn(process.execPath, [CLI, 'sync'], {env: {PATH: process.env['PATH'], HOME: second, BLOGROLL_HOME: second, NO_COLOR: '1', ...ENV}, stdio: 'ignore'});
		const deadline = Date.now() + 30_000;
		while (proxy.stalled === 0 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50));
		expect(proxy.stalled).toBe(1);
		child.kill('SIGKILL');
		await new Promise(resolve => child.once('exit', resolve));
		const partial = await localState(second);
		expect(partial).toHaveLength(200);

		proxy.stallAfter = Number.POSITIVE_INFINITY;
		proxy.articleCalls = 0;
		expect(await ok(['sync'], second)).toMatch(/^Synced heim: 100 new entries\.$/m);
		// Only the batch not stored yet was asked for again.
		expect(proxy.articleCalls).toBe(1);
		expect(await localState(second)).toEqual(serverState());
		expect(await localState(second)).toEqual(await localState());
	}, 90_000);

	it('with the server stopped, the reader opens from the cache and sync fails in one line', async () => {
		await server.stop();
		if (hasTmux()) {
			const reader = new TmuxSession(`node ${CLI}`, {columns: 100, rows: 30, env: {BLOGROLL_HOME: home, HOME: home, ...ENV, LANG: 'de_DE.UTF-8', TERM: 'xterm-256color', PATH: process.env['PATH'] ?? ''}});
			try {
				const screen = await reader.waitForText('Kreidezeit – Katharinas Praxis');
				expect(screen).toContain('Gärtnern in Köln');
				// Its own sync after the first frame fails: the status line names the account and the server.
				await reader.waitFor(text => text.includes('heim') && text.includes(new URL(server.url).origin), 'the failed account sync in the status line');
				reader.press('Enter');
				await reader.waitForText('Gedanken, Teil 60');
				reader.press('q', 'q');
				await reader.waitForExit();
			} finally {
				reader.kill();
			}
		}
		const result = await cli(['sync']);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toContain(new URL(server.url).origin);
		expect(await localState()).toHaveLength(5 * PER_FEED);
	}, 90_000);

	it('shows the password in no output and keeps it in no file of the profile but the 0600 credentials file', () => {
		expect(printed.length).toBeGreaterThan(10);
		for (const text of printed) expect(text).not.toContain(PASSWORD);
		for (const profile of homes.filter(dir => dir !== outside)) {
			const files = readdirSync(profile, {recursive: true, withFileTypes: true}).filter(entry => entry.isFile()).map(entry => join(entry.parentPath, entry.name));
			expect(files.length).toBeGreaterThan(1);
			for (const file of files) {
				if (file === join(profile, 'credentials.json')) {
					expect(statSync(file).mode & 0o777).toBe(0o600);
					continue;
				}
				const bytes = readFileSync(file);
				expect(bytes.includes(Buffer.from(PASSWORD, 'utf8')), file).toBe(false);
				expect(bytes.includes(Buffer.from(PASSWORD, 'utf16le')), file).toBe(false);
			}
			expect(readdirSync(profile)).toContain('credentials.json');
		}
	});
});
