import {spawn} from 'node:child_process';
import {join} from 'node:path';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/text/width.js';
import {makeHome, runCli} from '../helpers/cli.js';
import {fixturePaths, startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const SOCIAL_MEDIA = 'Warum ich Social Media den Rücken kehre – ein Abschied auf Raten';

let server: FixtureServer;
let base: string;

beforeAll(async () => {
	server = await startFixtureServer();
	base = server.url;
});

afterAll(async () => {
	await server.close();
});

beforeEach(() => {
	server.resetRoutes();
});

interface ListedFeed {
	id: number;
	title: string;
	url: string;
	unread: number;
	total: number;
}

async function cli(home: string, ...args: string[]) {
	return runCli(args, {home});
}

async function ok(home: string, ...args: string[]) {
	const result = await cli(home, ...args);
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	return result.stdout;
}

/** A home subscribed to Kreidezeit (a coach's WordPress blog) and Klartext (an Atom feed). */
async function subscribedHome(): Promise<string> {
	const home = makeHome();
	await ok(home, 'add', `${base}${fixturePaths.kreidezeit.home}`);
	await ok(home, 'add', `${base}${fixturePaths.klartext.feed}`);
	return home;
}

/**
 * Runs the CLI with its stdout a real pipe whose reading end is already closed, as when
 * `head` has read what it wanted and gone: the exit code and what went to stderr.
 */
function runIntoClosedPipe(home: string, args: readonly string[]): Promise<{code: number | null; signal: NodeJS.Signals | null; stderr: string}> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], {
			env: {PATH: process.env['PATH'], HOME: home, BLOGROLL_HOME: home, NO_COLOR: '1', LANG: 'C.UTF-8'},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		child.stdout.destroy();
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({code, signal, stderr}));
	});
}

describe('output into a pipe that closes early (blogroll list | head)', () => {
	it('ends quietly for list, search and view list: exit 0, no stack trace', async () => {
		const home = await subscribedHome();
		await ok(home, 'view', 'add', 'Führung', 'unread and tag:führung or Führung');
		for (const args of [['list'], ['list', '--json'], ['search', '--limit', '200', 'e'], ['view', 'list'], ['export']]) {
			const result = await runIntoClosedPipe(home, args);
			expect({args, stderr: result.stderr}).toEqual({args, stderr: ''});
			expect(result.code).toBe(0);
		}
	});
});

describe('blogroll search with ordinary punctuation', () => {
	it('finds a pasted title with a dash and skips terms that are only punctuation', async () => {
		const home = await subscribedHome();
		const found = await ok(home, 'search', '--plain', 'Rücken kehre – ein Abschied');
		expect(found).toContain('Social Media den [Rücken] [kehre] – [ein] [Abschied]');
		expect(await ok(home, 'search', 'Feder & Faden')).toBe('Nothing matches Feder & Faden.\n');
		expect(await ok(home, 'search', '4,50 €')).toBe('Nothing matches 4,50 €.\n');
		expect(await ok(home, 'search', '--plain', 'Fragen an … Dr.')).toContain('Fünf [Fragen] [an] … [Dr]. Miriam');
	});

	it('keeps the query language: operators, fields and „quotes“ still work beside punctuation', async () => {
		const home = await subscribedHome();
		const json = JSON.parse(await ok(home, 'search', '--json', 'title:„Social Media“ & not tag:nirgends')) as {entries: {title: string}[]};
		expect(json.entries.map(entry => entry.title)).toEqual([SOCIAL_MEDIA]);
		const broken = await cli(home, 'search', 'Social & (Media');
		expect(broken.code).toBe(1);
		expect(broken.stderr).toContain('expected ) to close the ( from column 10');
	});

	it('says in one line that a query of only punctuation has nothing to search for', async () => {
		const home = await subscribedHome();
		const result = await cli(home, 'search', '– & €');
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe('blogroll: nothing to search for in "– & €" (only letters and digits are searched)\n');
	});
});

describe('ignore rules on the command line', () => {
	it('list does not count ignored entries: the same counts as the reader', async () => {
		const home = await subscribedHome();
		const before = JSON.parse(await ok(home, 'list', '--json')) as ListedFeed[];
		await ok(home, 'ignore', 'add', 'title:Mentoring or title:Sommerpause');
		const after = JSON.parse(await ok(home, 'list', '--json')) as ListedFeed[];
		expect(after[0]!.title).toBe('Kreidezeit');
		expect(after[0]!.unread).toBe(before[0]!.unread - 2);
		expect(after[0]!.total).toBe(before[0]!.total - 2);
		expect(after[1]).toEqual(before[1]);
		const text = await ok(home, 'list');
		expect(text).toContain(`Kreidezeit  ${after[0]!.unread}/${after[0]!.total} unread`);
		const unread = after.reduce((sum, feed) => sum + feed.unread, 0);
		expect(text).toContain(`2 feeds, ${unread} unread`);
	});

	it('ignore list --json gives each rule with its number and how many entries it hides', async () => {
		const home = await subscribedHome();
		expect(JSON.parse(await ok(home, 'ignore', 'list', '--json'))).toEqual([]);
		await ok(home, 'ignore', 'add', 'title:Mentoring');
		await ok(home, 'ignore', 'add', 'author:„Niemand Bekanntes“');
		expect(JSON.parse(await ok(home, 'ignore', 'list', '--json'))).toEqual([
			{number: 1, query: 'title:Mentoring', hides: 1, error: null},
			{number: 2, query: 'author:„Niemand Bekanntes“', hides: 0, error: null},
		]);
	});
});

describe('blogroll view list', () => {
	it('lines its columns up by display width, whatever the names are made of', async () => {
		const home = await subscribedHome();
		await ok(home, 'view', 'add', 'Führung', 'Führung');
		await ok(home, 'view', 'add', '日本語', 'unread');
		await ok(home, 'view', 'add', 'Alles', 'unread or read');
		const lines = (await ok(home, 'view', 'list')).trimEnd().split('\n');
		expect(lines).toHaveLength(3);
		// Where the counts and the query start, in display columns.
		const countStarts = lines.map(line => displayWidth(line.slice(0, line.search(/\d+\/\d+ unread/u))));
		expect(new Set(countStarts).size).toBe(1);
		const queryStarts = lines.map(line => displayWidth(line.slice(0, line.search(/(Führung|unread or read|unread)$/u))));
		expect(new Set(queryStarts).size).toBe(1);
	});
});

describe('naming a feed', () => {
	it('mark-read --feed: the title exactly as shown wins over other readings', async () => {
		const home = makeHome();
		await ok(home, 'add', `${base}${fixturePaths.fieldnotes.feed}`, '--title', 'Maren Lindqvist');
		await ok(home, 'add', `${base}${fixturePaths.klartext.feed}`, '--title', 'Field Notes');
		await ok(home, 'add', `${base}${fixturePaths.kreidezeit.home}`, '--title', 'Field notes (Kreide)');
		const marked = await ok(home, 'mark-read', '--older-than', '1d', '--feed', 'Field Notes');
		expect(marked).toMatch(/^Marked \d+ entries older than 1d read \(Field Notes\)\.\n$/);
		const feeds = JSON.parse(await ok(home, 'list', '--json')) as ListedFeed[];
		expect(feeds.map(feed => [feed.title, feed.unread === 0])).toEqual([
			['Maren Lindqvist', false],
			['Field Notes', true],
			['Field notes (Kreide)', false],
		]);
		// Two feeds that merely contain the words are still ambiguous.
		const ambiguous = await cli(home, 'mark-read', '--older-than', '1d', '--feed', 'field');
		expect(ambiguous.code).toBe(1);
		expect(ambiguous.stderr).toContain('Several feeds are called "field"');
	});
});

describe('blogroll refresh', () => {
	it('shows progress only for the feeds it fetches and says how many were not due', async () => {
		const home = await subscribedHome();
		const quiet = await cli(home, 'refresh');
		expect(quiet.code).toBe(0);
		expect(quiet.stderr).toBe('');
		expect(quiet.stdout).toContain('0 new entries in 0 feeds, 0 unchanged, 0 failed, 2 not due (use --force)');
		const named = await cli(home, 'refresh', 'Kreidezeit');
		expect(named.stderr).toBe(`[1/1] Kreidezeit\n`);
		expect(named.stdout).not.toContain('not due');
	});

	it('uses your own feed titles in its progress and in its error messages', async () => {
		const home = await subscribedHome();
		await ok(home, 'rename', 'Kreidezeit', 'Katharinas Praxis');
		server.setRoute(fixturePaths.kreidezeit.feed, {status: 404, body: 'weg'});
		const result = await cli(home, 'refresh', '--force');
		expect(result.code).toBe(0);
		expect(result.stderr).toMatch(/^\[[12]\/2\] Katharinas Praxis$/m);
		expect(result.stdout).toMatch(/^! Katharinas Praxis: /m);
		expect(`${result.stdout}${result.stderr}`).not.toContain('Kreidezeit');
	});
});
