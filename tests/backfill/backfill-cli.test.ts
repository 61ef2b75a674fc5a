// `blogroll backfill` and the backfill after `add`, as a user runs them: dist/cli.js (built
// by `npm run build`) against the archive fixture server; one run killed with SIGKILL.
import {spawn} from 'node:child_process';
import {rmSync} from 'node:fs';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {makeHome, runCli} from '../helpers/cli.js';
import {startArchiveServer, type ArchiveServer} from './archive-server.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

let server: ArchiveServer;
let home: string;

beforeEach(async () => {
	server = await startArchiveServer();
	home = makeHome();
});

afterEach(async () => {
	await server.close();
	rmSync(home, {recursive: true, force: true});
});

/** Every cached entry's guid (as stored, duplicates kept) and title. */
function cachedEntries(): {guids: string[]; titles: string[]} {
	const db = new Database(join(home, 'cache.db'), {readonly: true});
	try {
		const rows = db.prepare('SELECT guid, title FROM entries ORDER BY guid').all() as {guid: string; title: string}[];
		return {guids: rows.map((row) => row.guid), titles: rows.map((row) => row.title).sort()};
	} finally {
		db.close();
	}
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
	const until = Date.now() + 20_000;
	while (!condition()) {
		if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

describe('blogroll add', () => {
	it('backfills a paged feed after the answer, without asking for the first page again', async () => {
		const url = server.url('/paged/feed.atom');
		const added = await runCli(['add', url], {home});
		expect(added.code).toBe(0);
		expect(added.stdout).toContain('Subscribed to Gesprächsstoff');
		expect(added.stdout).toContain('Backfill: 16 entries added from 4 pages, 16 older than your subscription marked read; the whole archive is cached.');
		// Progress on stderr, one line per page when it is not a terminal.
		expect(added.stderr).toContain('Backfilling: page 5, 16 entries added');
		expect(server.requests.filter((path) => path === '/paged/feed.atom')).toHaveLength(1);
		expect(cachedEntries().titles).toEqual(server.pagedPosts.map((post) => post.title).sort());
	});

	it('leaves the history alone with --no-backfill', async () => {
		const added = await runCli(['add', server.url('/archiv/feed.xml'), '--no-backfill'], {home});
		expect(added.code).toBe(0);
		expect(added.stdout).not.toContain('Backfill');
		expect(server.requests).toEqual(['/archiv/feed.xml']);
		expect(cachedEntries().titles).toHaveLength(3);
	});
});

describe('blogroll backfill', () => {
	it('fetches an archived feed by its title, marks entries older than the subscription read, and says when all is cached', async () => {
		expect((await runCli(['add', server.url('/archiv/feed.xml'), '--no-backfill'], {home})).code).toBe(0);
		const first = await runCli(['backfill', 'Praxis für Klartext'], {home});
		expect(first.code).toBe(0);
		expect(first.stdout).toBe('Praxis für Klartext: 6 entries added from 3 pages, 6 older than your subscription marked read; the whole archive is cached.\n');
		const again = await runCli(['backfill', 'Praxis für Klartext', '--all'], {home});
		expect(again.stdout).toBe('Praxis für Klartext: the whole archive is cached already (3 pages, 6 entries added).\n');
		expect(server.requests.filter((path) => path === '/archiv/2025-1.xml')).toHaveLength(1);
		// The 3 entries of the feed as subscribed stay unread; the 6 from the archive are read.
		const db = new Database(join(home, 'cache.db'), {readonly: true});
		try {
			expect(db.prepare('SELECT count(*) FROM entries WHERE is_read = 0').pluck().get()).toBe(3);
		} finally {
			db.close();
		}
	});

	it('fetches at most --pages N pages and goes on from there next time', async () => {
		expect((await runCli(['add', server.url('/wp/feed/'), '--no-backfill'], {home})).code).toBe(0);
		const some = await runCli(['backfill', server.url('/wp/feed/'), '--pages', '2'], {home});
		expect(some.stdout).toContain('5 entries added from 2 pages');
		expect(some.stdout).toContain('more pages left: run blogroll backfill again (or with --all).');
		const rest = await runCli(['backfill', server.url('/wp/feed/'), '--all'], {home});
		expect(rest.stdout).toContain('5 entries added from 1 page');
		expect(server.requests).toEqual(['/wp/feed/', '/wp/feed/', '/wp/feed/?paged=2', '/wp/feed/?paged=3', '/wp/feed/?paged=4']);
		expect(cachedEntries().titles).toHaveLength(15);
	});

	it('refuses an unknown feed and --pages with --all, in one line each', async () => {
		const unknown = await runCli(['backfill', 'Gibt es nicht'], {home});
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toBe('blogroll: No subscription matches "Gibt es nicht" (see blogroll list)\n');
		const both = await runCli(['backfill', 'x', '--pages', '2', '--all'], {home});
		expect(both.code).toBe(1);
		expect(both.stderr).toBe('blogroll: backfill: use either --pages N or --all, not both\n');
	});

	it('killed with SIGKILL in the middle, run again, ends with every entry exactly once', async () => {
		const url = server.url('/paged/feed.atom');
		expect((await runCli(['add', url, '--no-backfill'], {home})).code).toBe(0);
		server.hold('/paged/feed.atom?page=4');
		const child = spawn(process.execPath, [CLI, 'backfill', url, '--all'], {
			env: {PATH: process.env['PATH'], HOME: home, BLOGROLL_HOME: home, NO_COLOR: '1', LANG: 'C.UTF-8'},
			stdio: 'ignore',
		});
		const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
		await waitFor(() => server.requests.includes('/paged/feed.atom?page=4'), 'the request for page 4');
		child.kill('SIGKILL');
		expect(await exited).toBe('SIGKILL');
		server.release();
		// Pages 2 and 3 were stored before the kill.
		expect(cachedEntries().titles).toHaveLength(12);

		const resumed = await runCli(['backfill', url, '--all'], {home});
		expect(resumed.code).toBe(0);
		expect(resumed.stdout).toContain('8 entries added from 2 pages, 8 older than your subscription marked read; the whole archive is cached.');
		const {guids, titles} = cachedEntries();
		expect(titles).toEqual(server.pagedPosts.map((post) => post.title).sort());
		expect(new Set(guids).size).toBe(guids.length);
		// Pages stored before the kill are not asked for again.
		for (const page of [2, 3, 5]) expect(server.requests.filter((path) => path === `/paged/feed.atom?page=${page}`)).toHaveLength(1);
	});
});
