import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {makeHome, runCli} from '../helpers/cli.js';
import {fixturePaths, startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';
import {startTestServer} from '../helpers/http-test-server.js';
import {hasTmux, TmuxSession} from '../helpers/tmux.js';
import {displayWidth} from '../../source/text/width.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

let server: FixtureServer;
let home: string;
let session: TmuxSession | undefined;

beforeAll(async () => {
	server = await startFixtureServer();
	home = makeHome();
	for (const path of [fixturePaths.kreidezeit.feed, fixturePaths.klartext.feed]) {
		const result = await runCli(['add', `${server.url}${path}`], {home});
		expect(result.code).toBe(0);
	}
});

afterEach(() => session?.kill());

afterAll(async () => {
	await server.close();
});

function startReader(columns: number, rows: number, env: Record<string, string> = {}): TmuxSession {
	const exitFile = join(home, `exit-${Date.now()}`);
	session = new TmuxSession(`sh -c 'node ${CLI}; echo $? > ${exitFile}'`, {
		columns,
		rows,
		// CI=true as on the CI machine: the reader must still draw live frames there.
		env: {BLOGROLL_HOME: home, HOME: home, LANG: 'de_DE.UTF-8', TERM: 'xterm-256color', PATH: process.env['PATH'] ?? '', CI: 'true', ...env},
	});
	(session as TmuxSession & {exitFile?: string}).exitFile = exitFile;
	return session;
}

describe.skipIf(!hasTmux())('the reader in a real terminal', () => {
	it('opens on the cache, reads an article and quits cleanly (80x24)', async () => {
		const reader = startReader(80, 24);
		const feeds = await reader.waitForText('Kreidezeit');
		expect(feeds).toContain('Klartext');
		expect(feeds).toMatch(/Alle|All/);
		for (const line of feeds.split('\n')) expect(line.length).toBeLessThanOrEqual(80);

		reader.press('Enter');
		const entries = await reader.waitForText('Mentoring');
		expect(entries).toMatch(/●/);

		reader.press('g', 'Enter');
		const article = await reader.waitFor(screen => /%|\d+\/\d+/.test(screen) && screen.includes('http://127.0.0.1'), 'an article');
		expect(article).not.toMatch(/\u001B/);

		reader.press('q', 'q', 'q');
		await reader.waitForExit();
		const exitFile = (reader as TmuxSession & {exitFile?: string}).exitFile!;
		expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
	});

	it('Ctrl-L clears the screen and draws the whole frame again at once, on every screen', async () => {
		const reader = startReader(80, 24);
		await reader.waitForText('Kreidezeit');
		reader.press('C-l');
		// No other key: the frame must come back by itself.
		const feeds = await reader.waitFor(screen => screen.includes('Kreidezeit') && screen.includes('Klartext'), 'the feeds after Ctrl-L', 5000);
		expect(feeds.split('\n').filter(line => line.trim() !== '').length).toBeGreaterThan(5);
		reader.press('Enter');
		await reader.waitForText('Mentoring');
		reader.press('C-l');
		await reader.waitFor(screen => screen.includes('Mentoring') && /●/.test(screen), 'the entries after Ctrl-L', 5000);
		reader.press('q', 'q');
		await reader.waitForExit();
	});

	it('counts each key of a burst in a prompt (tmux send-keys with several keys at once)', async () => {
		const reader = startReader(80, 24);
		await reader.waitForText('Kreidezeit');
		// The last row is Klartext, the one above it Kreidezeit.
		reader.press('G', 'k');
		await reader.waitFor(screen => /^›.*Kreidezeit/m.test(screen), 'Kreidezeit selected');
		reader.press('e');
		await reader.waitForText(': Kreidezeit');
		reader.pressTogether('BSpace', 'BSpace', 'BSpace');
		await reader.waitFor(screen => screen.includes(': Kreidez') && !screen.includes(': Kreidezeit'), 'three characters deleted', 5000);
		reader.pressTogether('C-u', 'N', 'e', 'u', 'e', 's');
		await reader.waitFor(screen => /: Neues[█_]?\s*$/m.test(screen), 'the line cleared, then typed', 5000);
		// Esc: nothing is renamed.
		reader.press('Escape');
		await reader.waitFor(screen => !screen.includes(': Neues'), 'the prompt closed');
		reader.press('q');
		await reader.waitForExit();
	});

	it('keeps the keys in the add dialog while it looks for the feed: nothing echoed, Esc cancels', async () => {
		// A site that never answers: the dialog stays busy until Esc.
		const silent = await startTestServer({'*': () => undefined});
		try {
			const reader = startReader(80, 24);
			await reader.waitForText('Kreidezeit');
			reader.press('a');
			await reader.waitForText('URL eines Feeds');
			reader.press(silent.url('/blog/'), 'Enter');
			await reader.waitForText('Suche den Feed');
			reader.press('j', 'j', 'j');
			reader.pressTogether('j', 'j', 'G');
			await new Promise(resolve => setTimeout(resolve, 300));
			const busy = reader.screen();
			expect(busy).not.toMatch(/jjj|jjG|\^\[/);
			reader.press('Escape');
			const after = await reader.waitFor(screen => !screen.includes('URL eines Feeds'), 'the dialog closed');
			expect(after).not.toMatch(/jjj|jjG|\^\[/);
			// Nothing typed meanwhile moved the selection: still on the first row.
			expect(after.split('\n')[1]).toMatch(/^›/);
			reader.press('q');
			await reader.waitForExit();
		} finally {
			await silent.close();
		}
	});

	it('re-lays out when the terminal grows to 160x50', async () => {
		const reader = startReader(80, 24);
		await reader.waitForText('Kreidezeit');
		reader.resize(160, 50);
		const wide = await reader.waitFor(screen => screen.split('\n').some(line => line.length > 100), 'a wider layout');
		expect(wide.split('\n').filter(line => line.includes('Kreidezeit'))).not.toHaveLength(0);
		reader.press('q');
		await reader.waitForExit();
	});

	it('says it could not open a browser, and keeps running, when $BROWSER is unset and there is no xdg-open', async () => {
		// A PATH with nothing on it, as over SSH or in a container: node and sh by absolute path.
		const emptyBin = mkdtempSync(join(tmpdir(), 'blogroll-no-opener-'));
		const exitFile = join(home, `exit-${Date.now()}`);
		session = new TmuxSession(`/bin/sh -c '${process.execPath} ${CLI}; echo $? > ${exitFile}'`, {
			columns: 100,
			rows: 30,
			env: {BLOGROLL_HOME: home, HOME: home, LANG: 'en_GB.UTF-8', TERM: 'xterm-256color', PATH: emptyBin, CI: 'true'},
		});
		await session.waitForText('Kreidezeit');
		session.press('Enter');
		await session.waitForText('Mentoring');
		session.press('o');
		const screen = await session.waitForText('Could not open a browser for http://127.0.0.1');
		expect(screen).not.toContain('unexpected error');
		// Still the reader: the list answers keys, and q q quits with status 0.
		session.press('j');
		await session.waitFor(current => current.includes('Mentoring'), 'the entries list');
		session.press('q', 'q');
		await session.waitForExit();
		expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
	});

	it.each([['q', ['q']], ['Ctrl-C', ['C-c']]])('leaves the terminal as it was after %s', async (_name, keys) => {
		const stty = join(home, `stty-${Date.now()}`);
		// The shell stays after the reader, so the screen and tty modes it left behind can be read.
		session = new TmuxSession(`sh -c 'node ${CLI}; stty -a > ${stty}; echo REGULAR-SCREEN; sleep 30'`, {
			columns: 100,
			rows: 30,
			env: {BLOGROLL_HOME: home, HOME: home, LANG: 'de_DE.UTF-8', TERM: 'xterm-256color', PATH: process.env['PATH'] ?? '', CI: 'true'},
		});
		await session.waitForText('Kreidezeit');
		session.press(...keys);
		const after = await session.waitForText('REGULAR-SCREEN');
		// The alternate screen was left: none of the reader's rows remain on the screen.
		expect(after).not.toContain('Kreidezeit');
		const modes = readFileSync(stty, 'utf8');
		expect(modes).toMatch(/(^|\s)icanon(\s|$)/m);
		expect(modes).toMatch(/(^|\s)echo(\s|$)/m);
	});

	it('keeps every row of the wide layout on its line when a title has skin-toned emoji (tmux draws them four columns wide)', async () => {
		const renamed = await runCli(['rename', 'Klartext', '👍🏽 Klartext 👍🏿 Kommunikation'], {home});
		expect(renamed.code).toBe(0);
		try {
			const reader = startReader(160, 30);
			const screen = await reader.waitFor(text => text.includes('Klartext') && text.includes('│'), 'the wide layout');
			const lines = screen.split('\n');
			// A row pushed past the edge wraps, and the header scrolls off the top.
			expect(lines[0]).toMatch(/^blogroll/);
			// Every pane divider in one column: nothing shifted a row to the right.
			const dividers = new Set(lines.filter(line => line.includes('│')).map(line => displayWidth(line.slice(0, line.indexOf('│')))));
			expect([...dividers]).toHaveLength(1);
			reader.press('q');
			await reader.waitForExit();
		} finally {
			await runCli(['rename', '👍🏽 Klartext 👍🏿 Kommunikation', ''], {home});
		}
	});
});
