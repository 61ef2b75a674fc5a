import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runSearch} from '../../source/commands/search.js';
import type {CommandContext} from '../../source/commands/context.js';
import {openConfig} from '../../source/config/config.js';
import {resolvePaths} from '../../source/config/paths.js';
import {openStore} from '../../source/store/open.js';
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

interface SearchJson {
	total: number;
	unread: number;
	entries: {title: string; feed: string; link: string | null; isRead: boolean; titleMatches: {start: number; end: number}[]}[];
}

interface ListedFeed {
	title: string;
	url: string;
	tags: string[];
	unread: number;
	total: number;
}

/** A home subscribed to Kreidezeit (a coach's WordPress blog) and Klartext (an Atom feed). */
async function subscribedHome(): Promise<string> {
	const home = makeHome();
	expect((await runCli(['add', `${base}${fixturePaths.kreidezeit.home}`], {home})).code).toBe(0);
	expect((await runCli(['add', `${base}${fixturePaths.klartext.feed}`], {home})).code).toBe(0);
	return home;
}

async function cli(home: string, ...args: string[]) {
	return runCli(args, {home});
}

async function searchJson(home: string, ...query: string[]): Promise<SearchJson> {
	const result = await cli(home, 'search', '--json', ...query);
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	return JSON.parse(result.stdout) as SearchJson;
}

async function listJson(home: string): Promise<ListedFeed[]> {
	return JSON.parse((await cli(home, 'list', '--json')).stdout) as ListedFeed[];
}

async function viewsJson(home: string): Promise<{name: string; query: string; unread: number; total: number; error: string | null}[]> {
	const result = await cli(home, 'view', 'list', '--json');
	expect(result.code).toBe(0);
	return JSON.parse(result.stdout);
}

describe('blogroll search', () => {
	it('finds the post about Mentoring by one word in any case, with the match marked and its link', async () => {
		const home = await subscribedHome();
		const result = await cli(home, 'search', 'MENTORING');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Kreidezeit  [Mentoring]: Warum jede Führungskraft eine Mentorin braucht');
		expect(result.stdout).toContain(`${base}/kreidezeit/mentoring-warum-jede-fuehrungskraft-eine-mentorin-braucht/`);
		expect(result.stdout).toMatch(/^1 match, 1 unread$/m);
		// NO_COLOR is set by runCli and stdout is a pipe: no escape sequence at all.
		expect(result.stdout).not.toContain('\u001B');
	});

	it('finds „Fünf“ when typed without the umlaut, and puts title hits above text-only hits', async () => {
		const home = await subscribedHome();
		const found = await searchJson(home, 'funf');
		const titles = found.entries.map(entry => entry.title);
		expect(titles).toContain('Fünf Fragen an … Dr. Miriam Voß-Häußler');
		const inTitle = found.entries.map(entry => entry.titleMatches.length > 0);
		expect(inTitle.indexOf(false)).toBeGreaterThan(0);
		// Every title hit comes before every text-only hit.
		expect(inTitle.slice(inTitle.indexOf(false))).not.toContain(true);
		const fuenf = found.entries.find(entry => entry.title.startsWith('Fünf'))!;
		expect(fuenf.title.slice(fuenf.titleMatches[0]!.start, fuenf.titleMatches[0]!.end)).toBe('Fünf');
	});

	it('highlights the match in bold on a colour terminal, and not with --plain', async () => {
		const home = await subscribedHome();
		const env = {BLOGROLL_HOME: home};
		const paths = resolvePaths(env);
		const config = openConfig(paths);
		const store = openStore(paths.cacheFile);
		const run = async (plain: boolean) => {
			let out = '';
			const context: CommandContext = {
				io: {stdout: {write: (text: string) => (out += text), isTTY: true, columns: 200}, stderr: {write: () => true}, env},
				paths,
				config: () => config,
				store: () => store,
				http: () => {
					throw new Error('search needs no network');
				},
				now: () => new Date(),
			};
			expect(await runSearch({query: 'mentoring', json: false, limit: 20, plain}, context)).toBe(0);
			return out;
		};
		try {
			expect(await run(false)).toContain('\u001B[1;4mMentoring\u001B[22;24m: Warum jede Führungskraft');
			const plain = await run(true);
			expect(plain).toContain('[Mentoring]: Warum');
			expect(plain).not.toContain('\u001B');
		} finally {
			store.close();
		}
	});

	it('combines words with filters of the query language', async () => {
		const home = await subscribedHome();
		const klartext = await searchJson(home, 'feed:klartext fünf');
		expect(klartext.total).toBeGreaterThan(0);
		expect(new Set(klartext.entries.map(entry => entry.feed))).toEqual(new Set(['Klartext – Kommunikation ohne Umwege']));
		expect((await searchJson(home, 'title:"Social Media"')).entries.map(entry => entry.title)).toEqual([
			'Warum ich Social Media den Rücken kehre – ein Abschied auf Raten',
		]);
		expect((await searchJson(home, 'read')).total).toBe(0);
	});

	it('points at the column of a malformed query and exits 1', async () => {
		const home = await subscribedHome();
		const result = await cli(home, 'search', 'unread and (tag:x');
		expect(result.code).toBe(1);
		expect(result.stderr).toBe('blogroll: expected ) to close the ( from column 12 at column 18\n  unread and (tag:x\n                   ^\n');
		expect(result.stdout).toBe('');
	});

	it('treats SQL and FTS syntax as words to look for, and the cache survives it', async () => {
		const home = await subscribedHome();
		for (const query of ["'; DROP TABLE entries; --", '" OR 1=1 --', 'NEAR(Mentoring', 'title:"Mentoring*" OR 1=1']) {
			const result = await cli(home, 'search', query);
			expect(result.stderr).not.toMatch(/unexpected error|SQLITE/i);
		}
		expect((await listJson(home)).map(feed => feed.total)).toEqual([8, 5]);
		expect((await searchJson(home, 'Mentoring')).total).toBe(1);
	});
});

describe('tags and local titles', () => {
	it('tags and untags a feed by title, and tag: finds its entries', async () => {
		const home = await subscribedHome();
		const tagged = await cli(home, 'tag', 'kreidezeit', 'Führung', 'Coaching');
		expect(tagged.code).toBe(0);
		expect(tagged.stdout).toBe('Kreidezeit is tagged Führung, Coaching.\n');
		// The same tag in another case is not added twice.
		await cli(home, 'tag', 'Kreidezeit', 'coaching');
		expect((await listJson(home))[0]!.tags).toEqual(['Führung', 'Coaching']);
		expect((await searchJson(home, 'tag:führung')).total).toBe(8);

		expect((await cli(home, 'untag', 'Kreidezeit', 'FÜHRUNG')).stdout).toBe('Kreidezeit is tagged Coaching.\n');
		expect((await searchJson(home, 'tag:führung')).total).toBe(0);
		const missing = await cli(home, 'untag', 'Kreidezeit', 'Marketing');
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('Kreidezeit has no tag "Marketing"');
	});

	it('renames a feed locally without touching its url, and the new title is searchable with feed:', async () => {
		const home = await subscribedHome();
		const url = `${base}${fixturePaths.kreidezeit.feed}`;
		const renamed = await cli(home, 'rename', url, 'Katharinas Praxis für Führung');
		expect(renamed.code).toBe(0);
		const feed = (await listJson(home))[0]!;
		expect(feed).toMatchObject({title: 'Katharinas Praxis für Führung', url});
		expect((await searchJson(home, 'feed:"praxis für"', 'mentoring')).entries[0]!.feed).toBe('Katharinas Praxis für Führung');
		// An empty title gives the feed its own title back.
		await cli(home, 'rename', 'Katharinas Praxis für Führung', '');
		expect((await listJson(home))[0]!.title).toBe('Kreidezeit');
	});

	it('says which feed it could not find', async () => {
		const home = await subscribedHome();
		const result = await cli(home, 'tag', 'Karrieremacher', 'Karriere');
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('No subscription matches "Karrieremacher"');
	});
});

describe('saved views', () => {
	it('saves a view, counts its unread entries, replaces it by name and removes it', async () => {
		const home = await subscribedHome();
		await cli(home, 'tag', 'Kreidezeit', 'Coaching');
		const added = await cli(home, 'view', 'add', 'Coaching', 'unread and tag:coaching');
		expect(added.code).toBe(0);
		expect(await viewsJson(home)).toEqual([{name: 'Coaching', query: 'unread and tag:coaching', unread: 8, total: 8, error: null}]);
		expect((await cli(home, 'view', 'list')).stdout).toBe('Coaching  8/8 unread  unread and tag:coaching\n');

		await cli(home, 'mark-read', '--older-than', '2026-10-01', '--feed', 'Kreidezeit');
		expect((await viewsJson(home))[0]).toMatchObject({unread: 4, total: 4});

		expect((await cli(home, 'view', 'add', 'coaching', 'tag:coaching or title:„Social Media“')).stdout).toContain('Updated view');
		expect(await viewsJson(home)).toHaveLength(1);
		expect((await viewsJson(home))[0]).toMatchObject({name: 'coaching', total: 8, unread: 4});

		expect((await cli(home, 'view', 'remove', 'COACHING')).code).toBe(0);
		expect(await viewsJson(home)).toEqual([]);
		expect((await cli(home, 'view', 'remove', 'Coaching')).code).toBe(1);
	});

	it('refuses to save a query that does not parse, and saves nothing', async () => {
		const home = await subscribedHome();
		const result = await cli(home, 'view', 'add', 'Kaputt', 'unread and');
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('expected a term after and, but the query ends at column 11');
		expect(await viewsJson(home)).toEqual([]);
		expect(readFileSync(join(home, 'config.json'), 'utf8')).not.toContain('Kaputt');
	});
});

describe('ignore rules', () => {
	it('hide matching entries from search and views until the rule is removed', async () => {
		const home = await subscribedHome();
		await cli(home, 'view', 'add', 'Alles', 'unread');
		expect((await searchJson(home, 'Ferien')).total).toBe(1);

		const added = await cli(home, 'ignore', 'add', 'title:Sommerpause');
		expect(added.stdout).toBe('Ignoring title:Sommerpause (hides 1 cached entry). Undo with: blogroll ignore remove 1\n');
		expect((await searchJson(home, 'Ferien')).total).toBe(0);
		expect((await viewsJson(home))[0]).toMatchObject({unread: 12, total: 12});
		expect((await cli(home, 'ignore', 'list')).stdout).toBe('1  title:Sommerpause  (hides 1 cached entry)\n');

		expect((await cli(home, 'ignore', 'remove', '1')).code).toBe(0);
		expect((await searchJson(home, 'Ferien')).total).toBe(1);
		expect((await viewsJson(home))[0]).toMatchObject({unread: 13, total: 13});
	});

	it('stay hidden after a refresh brings the feed again', async () => {
		const home = await subscribedHome();
		await cli(home, 'ignore', 'add', 'author:"Henrike Sauer"');
		expect((await cli(home, 'refresh', '--force')).code).toBe(0);
		expect((await searchJson(home, 'feed:klartext')).total).toBe(0);
		expect((await searchJson(home, 'feed:kreidezeit')).total).toBe(8);
	});

	it('refuse a rule that does not parse', async () => {
		const home = await subscribedHome();
		const result = await cli(home, 'ignore', 'add', 'titel:Sponsored');
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('unknown field "titel:"');
		expect((await cli(home, 'ignore', 'list')).stdout).toContain('No ignore rules');
	});
});

describe('blogroll mark-read', () => {
	it('marks only entries older than the date, only of the named feed', async () => {
		const home = await subscribedHome();
		const result = await cli(home, 'mark-read', '--older-than', '2026-10-01', '--feed', 'Kreidezeit');
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('Marked 4 entries older than 2026-10-01 read (Kreidezeit).\n');
		expect((await listJson(home)).map(feed => feed.unread)).toEqual([4, 5]);
		expect((await searchJson(home, 'read')).entries.every(entry => entry.link?.includes('/kreidezeit/'))).toBe(true);
	});

	it('marks nothing younger than the age, and refuses an age it cannot read', async () => {
		const home = await subscribedHome();
		expect((await cli(home, 'mark-read', '--older-than', '100y')).stdout).toBe('Marked 0 entries older than 100y read (all feeds).\n');
		const bad = await cli(home, 'mark-read', '--older-than', 'einen Monat');
		expect(bad.code).toBe(1);
		expect(bad.stderr).toContain('--older-than: expected an age like 7d');
	});
});
