/** The feed info screen in a real terminal (feed health, issue 14). */
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {makeHome, runCli} from '../helpers/cli.js';
import {startTestServer, type TestServer} from '../helpers/http-test-server.js';
import {hasTmux, TmuxSession} from '../helpers/tmux.js';
import {RSS, blogFeed, recentPosts} from '../health/fixtures.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

let server: TestServer;
let home: string;
let session: TmuxSession | undefined;

beforeAll(async () => {
	server = await startTestServer();
	home = makeHome();
	server.route('/feed/', {status: 200, headers: RSS, body: blogFeed(recentPosts(), server.url('/'))});
	expect((await runCli(['add', server.url('/feed/')], {home})).code).toBe(0);
	// The blog is taken down: the feed answers 410 from now on.
	server.route('/feed/', {status: 410, headers: {'Content-Type': 'text/html; charset=utf-8'}, body: '<h1>Gelöscht</h1>'});
	await runCli(['refresh', '--force'], {home});
});

afterEach(() => session?.kill());

afterAll(async () => {
	await server.close();
});

describe.skipIf(!hasTmux())('the feed info screen in a real terminal', () => {
	it('i shows why the feed fails, d removes it after asking (80x24, German)', async () => {
		session = new TmuxSession(`node ${CLI}`, {
			columns: 80,
			rows: 24,
			env: {BLOGROLL_HOME: home, HOME: home, LANG: 'de_DE.UTF-8', TERM: 'xterm-256color', PATH: process.env['PATH'] ?? '', CI: 'true'},
		});
		const feeds = await session.waitForText('Kreidezeit');
		expect(feeds).toMatch(/! +Kreidezeit – Praxis für Führung +gestört/);
		// The first feed row follows the three views.
		session.press('j', 'j', 'j', 'i');
		const info = await session.waitForText('Zustand: gestört');
		expect(info).toContain('Feed-Info: Kreidezeit – Praxis für Führung');
		expect(info).toContain('endgültig entfernt (410 Gone)');
		expect(info).toContain('[d] Feed entfernen');
		expect(info).toMatch(/Letzte Abrufe, neueste zuerst\n.*· 410 · gescheitert/);
		for (const line of info.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
		session.press('d');
		await session.waitForText('entfernen?');
		session.press('j');
		await session.waitForText('Willkommen');
		const list = await runCli(['list', '--json'], {home});
		expect(JSON.parse(list.stdout)).toEqual([]);
	});
});
