/** `blogroll doctor` and `list` as a user runs them (dist/cli.js, built by `npm test`). */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {makeHome, runCli} from '../helpers/cli.js';
import {startTestServer, type TestServer} from '../helpers/http-test-server.js';
import {RSS, blogFeed, churningFeed, recentPosts, relaunchedHome} from './fixtures.js';

let server: TestServer;
let home: string;

beforeEach(async () => {
	server = await startTestServer();
	home = makeHome();
});

afterEach(async () => {
	await server.close();
});

const cli = (...args: string[]) => runCli(args, {home});

describe('blogroll doctor', () => {
	it('names the problem and the fix of a feed that became an HTML page, in JSON and text, and list shows one word', async () => {
		const feedUrl = server.url('/feed/');
		server.route('/feed/', {status: 200, headers: RSS, body: blogFeed(recentPosts(), server.url('/'))});
		server.route('/gesund/', {status: 200, headers: {...RSS, 'Cache-Control': 'max-age=60'}, body: blogFeed(recentPosts(), server.url('/'))});
		expect((await cli('add', feedUrl)).code).toBe(0);
		expect((await cli('add', server.url('/gesund/'))).code).toBe(0);
		server.route('/feed/', {status: 200, headers: {'Content-Type': 'text/html; charset=utf-8'}, body: relaunchedHome(server.url('/neu/feed.xml'))});
		server.route('/neu/feed.xml', {status: 200, headers: RSS, body: blogFeed(recentPosts(), server.url('/'))});
		expect((await cli('refresh', '--force')).code).toBe(0);

		const json = await cli('doctor', '--json');
		expect(json.code).toBe(0);
		const feeds = JSON.parse(json.stdout) as {url: string; title: string; health: string; problems: {kind: string; message: string; since: string; fix: {command: string}}[]; attempts: {status: number}[]}[];
		expect(feeds.map((feed) => feed.url)).toEqual([feedUrl]);
		expect(feeds[0]).toMatchObject({title: 'Kreidezeit – Praxis für Führung', health: 'failing'});
		expect(feeds[0]!.problems[0]).toMatchObject({kind: 'html-page', fix: {command: `blogroll add ${server.url('/neu/feed.xml')}`}});
		expect(feeds[0]!.problems[0]!.since).toMatch(/^\d{4}-\d\d-\d\dT/);
		// The refresh that found the page, then the fetch `add` made (recorded too).
		expect(feeds[0]!.attempts.map((attempt) => attempt.status)).toEqual([200, 200]);

		const text = await cli('doctor', '1');
		expect(text.stdout).toContain('Kreidezeit – Praxis für Führung · failing');
		expect(text.stdout).toContain('The url now serves a web page (text/html) instead of a feed.');
		expect(text.stdout).toContain(`Fix: Subscribe to the feed the site lists now: ${server.url('/neu/feed.xml')}`);
		expect(text.stdout).toMatch(/Last fetches, newest first:\n\s+\d{4}-\d\d-\d\d \d\d:\d\d · 200 · failed · \d+ ms/);

		const german = await runCli(['doctor', feedUrl], {home, env: {LANG: 'de_DE.UTF-8'}});
		expect(german.stdout).toContain('· gestört');
		expect(german.stdout).toContain('Abhilfe: Den Feed abonnieren, den die Website jetzt nennt');

		const list = await cli('list');
		expect(list.stdout).toMatch(/error · failing · fetched/);
		expect(list.stdout).toMatch(/200 · ok · fetched/);
		const listed = JSON.parse((await cli('list', '--json')).stdout) as {url: string; health: string}[];
		expect(listed.map((feed) => feed.health)).toEqual(['failing', 'ok']);
	});

	it('repairs a feed whose guids change on every fetch: named in doctor --json with the repair, no new unread after it', async () => {
		let round = 0;
		server.route('/feed/', (_request, response) => {
			round++;
			response.writeHead(200, {...RSS, ETag: `"runde-${round}"`}).end(churningFeed(round));
		});
		const feedUrl = server.url('/feed/');
		expect((await cli('add', feedUrl)).code).toBe(0);
		const counts = async () => (JSON.parse((await cli('list', '--json')).stdout) as {unread: number; total: number}[])[0];
		expect(await counts()).toMatchObject({unread: 3, total: 3});

		// The fetch that sees the posts come back under new guids repairs it at once.
		expect((await cli('refresh', '--force')).code).toBe(0);
		const json = JSON.parse((await cli('doctor', '--json')).stdout) as {url: string; health: string; problems: {kind: string; severity: string; message: string; since: string; fix: {action: string; text: string}}[]; attempts: {churned?: number; stableIds?: boolean; items?: {new: number}}[]}[];
		expect(json.map((feed) => feed.url)).toEqual([feedUrl]);
		// (The fixture blog's posts are from 2025: dormant too.)
		const churning = json[0]!.problems.find((problem) => problem.kind === 'churning-ids');
		expect(churning).toMatchObject({severity: 'info', fix: {action: 'none', text: 'Nothing to do: the repair is applied.', command: null}});
		expect(churning!.message).toMatch(/^Posts came back under new ids \(3 so far\)\. Repaired on .*\d\d:\d\d: blogroll now knows this feed’s posts by their link/);
		expect(churning!.since).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(json[0]!.attempts[0]).toMatchObject({churned: 3, stableIds: true, items: {new: 0}});
		expect(await counts()).toMatchObject({unread: 3, total: 3});

		// Later fetches, new guids again: nothing new, nothing twice.
		expect((await cli('refresh', '--force')).code).toBe(0);
		expect((await cli('refresh', '--force')).code).toBe(0);
		expect(await counts()).toMatchObject({unread: 3, total: 3});

		const german = await runCli(['doctor', feedUrl], {home, env: {LANG: 'de_DE.UTF-8'}});
		expect(german.stdout).toContain('· Beiträge kamen unter neuen IDs wieder (bisher 3). Behoben am');
		expect(german.stdout).toContain('Abhilfe: Nichts zu tun: die Reparatur ist angewandt.');
	});

	it('says so when every feed is healthy, and refuses an unknown feed in one line', async () => {
		server.route('/feed/', {status: 200, headers: RSS, body: blogFeed(recentPosts(), server.url('/'))});
		await cli('add', server.url('/feed/'));
		expect((await cli('doctor')).stdout).toBe('The feed is healthy.\n');
		const unknown = await cli('doctor', 'Gibtsnicht');
		expect(unknown.code).toBe(1);
		expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
		const empty = await runCli(['doctor'], {home: makeHome()});
		expect(empty.stdout).toBe('No feeds yet: blogroll add <url> subscribes to one.\n');
	});
});
