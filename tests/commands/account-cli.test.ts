/**
 * `blogroll account add|list|remove`, `sync`, `add --account` and `remove` through the built
 * CLI against the Google Reader fixture server (FreshRSS flavour): the error lines a user
 * sees, and a scripted session after which the password is nowhere but in the 0600 file.
 */
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {makeHome, runCli, type CliResult} from '../helpers/cli.js';
import {seedGermanBlogs, startGreaderServer, type GreaderServer} from '../fixtures/greader-server.js';

const PASSWORD = 'Zaunkönig-„Pfefferminz“-7319';
const ENV = {BLOGROLL_KEYRING: 'off'};

const servers: GreaderServer[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
});

beforeAll(() => {
	expect(statSync(join(import.meta.dirname, '..', '..', 'dist', 'cli.js')).isFile()).toBe(true);
});

async function start(): Promise<GreaderServer> {
	const server = await startGreaderServer({flavor: 'freshrss', user: 'anja', password: PASSWORD});
	servers.push(server);
	seedGermanBlogs(server, 3);
	return server;
}

const cli = (home: string, args: string[], input?: string): Promise<CliResult> => runCli(args, {home, env: ENV, ...(input === undefined ? {} : {input})});

/** Every file under the profile, as text. */
function filesUnder(dir: string): {path: string; text: string}[] {
	return readdirSync(dir, {recursive: true, withFileTypes: true})
		.filter(entry => entry.isFile())
		.map(entry => {
			const path = join(entry.parentPath, entry.name);
			return {path, text: readFileSync(path).toString('latin1') + readFileSync(path).toString('utf8')};
		});
}

describe('blogroll account', () => {
	it('refuses a wrong password with one line, and saves nothing', async () => {
		const server = await start();
		const home = makeHome();
		const result = await cli(home, ['account', 'add', 'greader', server.baseUrl, '--user', 'anja', '--password-file', '-'], 'falsch\n');
		expect(result.code).toBe(1);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/^blogroll: 127\.0\.0\.1: http:\/\/127\.0\.0\.1:\d+: /);
		expect(result.stderr).not.toContain('falsch');
		expect(result.stdout).toBe('');
		const listed = await cli(home, ['account', 'list', '--json']);
		expect(JSON.parse(listed.stdout)).toEqual([]);
		expect(filesUnder(home).map(file => file.path)).not.toContain(join(home, 'credentials.json'));
	});

	it('says what is missing in one line: an unknown kind, no password, no account of that name', async () => {
		const home = makeHome();
		expect(await cli(home, ['account', 'add', 'miniflux', 'https://news.example.de', '--user', 'anja'])).toMatchObject({
			code: 1,
			stderr: 'blogroll: "miniflux" is not a kind of account; use one of ttrss, greader, nextcloud\n',
		});
		expect(await cli(home, ['account', 'add', 'greader', 'https://news.example.de', '--user', 'anja'])).toMatchObject({
			code: 1,
			stderr: 'blogroll: No password: give --password-file <file> (- reads stdin), or run on a terminal to be asked; nothing was saved\n',
		});
		expect(await cli(home, ['account', 'remove', 'zuhause', '--keep-feeds'])).toMatchObject({
			code: 1,
			stderr: 'blogroll: No account named zuhause (there are none; add one with blogroll account add)\n',
		});
		expect(await cli(home, ['add', 'https://blogs.example.de/neu/feed/', '--account', 'zuhause'])).toMatchObject({code: 1});
	});

	it('a scripted session: add, sync, read, star, add --account refused and accepted, remove, server down, account remove; the password shows nowhere', async () => {
		const server = await start();
		const home = makeHome();
		const outputs: CliResult[] = [];
		const run = async (args: string[], input?: string) => {
			const result = await cli(home, args, input);
			outputs.push(result);
			return result;
		};

		const added = await run(['account', 'add', 'greader', server.baseUrl, '--user', 'anja', '--name', 'zuhause', '--password-file', '-'], `${PASSWORD}\n`);
		expect(added).toMatchObject({code: 0, stderr: ''});
		expect(added.stdout).toContain('Added zuhause');
		expect(statSync(join(home, 'credentials.json')).mode & 0o777).toBe(0o600);

		const synced = await run(['sync', '--json']);
		expect(synced.code).toBe(0);
		const report = JSON.parse(synced.stdout) as {accounts: {account: string; error: string | null; received: {newEntries: number}; feeds: {added: number}}[]; folder: unknown};
		expect(report.folder).toBeNull();
		expect(report.accounts[0]).toMatchObject({account: 'zuhause', error: null, feeds: {added: server.feeds.length}, received: {newEntries: server.items.length}});

		const listed = JSON.parse((await run(['list', '--json'])).stdout) as {url: string; account: string | null; id: number; unread: number}[];
		expect(listed).toHaveLength(server.feeds.length);
		expect(listed.every(feed => feed.account === 'zuhause')).toBe(true);
		expect((await run(['list'])).stdout).toContain('@zuhause');

		// A read in blogroll reaches the server with the next sync.
		const feed = listed[0]!;
		expect((await run(['mark-read', '--older-than', '2000-01-01', '--feed', String(feed.id)])).code).toBe(0);
		expect((await run(['mark-read', '--older-than', '2100-01-01', '--feed', String(feed.id)])).code).toBe(0);
		const second = await run(['sync']);
		expect(second).toMatchObject({code: 0, stderr: ''});
		expect(second.stdout).toMatch(/^Synced zuhause: 3 changes sent\.\n$/);
		const feedOnServer = server.feeds.find(candidate => candidate.url === feed.url)!;
		expect(server.items.filter(item => item.feedId === feedOnServer.id).every(item => item.read)).toBe(true);

		// The server refuses a subscribe: its reason in one line, nothing changes here.
		server.refuse('https://blogs.example.de/gibtsnicht/feed/', 'Kein Feed unter dieser Adresse gefunden');
		const refused = await run(['add', 'https://blogs.example.de/gibtsnicht/feed/', '--account', 'zuhause']);
		expect(refused.code).toBe(1);
		expect(refused.stderr.trim().split('\n')).toHaveLength(1);
		expect(refused.stderr).toContain('Kein Feed unter dieser Adresse gefunden');
		expect(JSON.parse((await run(['list', '--json'])).stdout)).toHaveLength(server.feeds.length);
		// Accepted: the feed is the account's, and the sync after it brings its entries.
		const accepted = await run(['add', 'https://blogs.example.de/neu/feed/', '--account', 'zuhause', '--tag', 'Neu']);
		expect(accepted).toMatchObject({code: 0, stderr: ''});
		expect(accepted.stdout).toContain('Subscribed on zuhause');
		const withNew = JSON.parse((await run(['list', '--json'])).stdout) as {url: string; account: string | null; tags: string[]}[];
		expect(withNew.find(candidate => candidate.url === 'https://blogs.example.de/neu/feed/')).toMatchObject({account: 'zuhause'});

		// `remove` of an account feed unsubscribes on the server first.
		const removed = await run(['remove', feed.url]);
		expect(removed).toMatchObject({code: 0});
		expect(removed.stdout).toContain('here and on zuhause');
		expect(server.feeds.map(candidate => candidate.url)).not.toContain(feed.url);

		const accounts = JSON.parse((await run(['account', 'list', '--json'])).stdout) as Record<string, unknown>[];
		expect(accounts).toEqual([expect.objectContaining({name: 'zuhause', kind: 'greader', user: 'anja', password: 'file', lastError: null, feeds: server.feeds.length})]);
		expect((await run(['account', 'list'])).stdout).toContain('password in credentials.json');
		expect((await run(['doctor', String(listed[1]!.id)])).stdout).toContain('Comes from the account zuhause');

		// The server stops: sync fails with one line; the cache still answers.
		await server.close();
		servers.splice(servers.indexOf(server), 1);
		const down = await run(['sync', '--verbose']);
		expect(down.code).toBe(1);
		expect(down.stderr).toMatch(/^blogroll: zuhause: http:\/\/127\.0\.0\.1:\d+: connection refused\n$/);
		expect((await run(['list', '--json'])).code).toBe(0);
		expect((await run(['account', 'list'])).stdout).toContain('! http://127.0.0.1');

		// Non-interactive removal names the choice; with it, the feeds stay as local ones.
		expect((await run(['account', 'remove', 'zuhause'])).stderr).toBe(
			`blogroll: zuhause has ${server.feeds.length} feeds: say what becomes of them with --keep-feeds (local subscriptions) or --drop-feeds\n`,
		);
		const gone = await run(['account', 'remove', 'zuhause', '--keep-feeds']);
		expect(gone).toMatchObject({code: 0, stderr: ''});
		expect(JSON.parse((await run(['list', '--json'])).stdout).every((feed: {account: string | null}) => feed.account === null)).toBe(true);

		// Nowhere: not in any output, not in config.json or cache.db (nor their WAL), and after `account remove` not even in credentials.json.
		for (const output of outputs) expect(output.stdout + output.stderr).not.toContain(PASSWORD);
		for (const file of filesUnder(home)) {
			expect(file.text, file.path).not.toContain(PASSWORD);
			expect(file.text, file.path).not.toContain('Zaunk');
		}
	}, 120_000);

	it('a broken accounts entry in config.json is one line; the other accounts keep working', async () => {
		const home = makeHome();
		writeFileSync(
			join(home, 'config.json'),
			JSON.stringify({
				accounts: [42, {name: 'zuhause', kind: 'greader', url: 'https://news.example.de', user: 'anja', addedAt: '2026-12-01T00:00:00.000Z'}, {name: 'kaputt', kind: 'rss', url: 'x', user: ''}],
			}),
		);
		const listed = await cli(home, ['account', 'list', '--json']);
		expect(listed.code).toBe(0);
		expect(listed.stderr).toBe(
			'blogroll: entry 1 of "accounts" in config.json is not an object; it is skipped\n' +
				'blogroll: account "kaputt" in config.json: "kind" must be one of ttrss, greader, nextcloud; the account is skipped\n',
		);
		expect((JSON.parse(listed.stdout) as {name: string; password: string}[]).map(account => [account.name, account.password])).toEqual([['zuhause', 'missing']]);
		expect((await cli(home, ['list'])).code).toBe(0);
	});
});
