import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {makeHome, runCli} from '../helpers/cli.js';
import {fixturePaths, startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';
import {hasTmux, TmuxSession} from '../helpers/tmux.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

// Three sites on three loopback addresses (another host is another site): the followed
// Kreidezeit publishes a blogroll (/.well-known/recommendations.opml) that lists Klartext
// and the Alte Schule, which nobody follows yet.
let followed: FixtureServer;
let klartext: FixtureServer;
let alteSchule: FixtureServer;
let session: TmuxSession | undefined;

function blogroll(): string {
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<opml version="2.0">',
		'<head><title>Blogs, die ich lese – Kreidezeit</title></head>',
		'<body>',
		`<outline text="Klartext" type="rss" xmlUrl="${klartext.url}${fixturePaths.klartext.feed}" htmlUrl="${klartext.url}${fixturePaths.klartext.home}"/>`,
		`<outline text="Die alte Schule" type="rss" xmlUrl="${alteSchule.url}${fixturePaths.alteSchule.latin1Feed}" htmlUrl="${alteSchule.url}${fixturePaths.alteSchule.home}"/>`,
		'</body>',
		'</opml>',
	].join('\n');
}

beforeAll(async () => {
	followed = await startFixtureServer({host: '127.0.0.2'});
	klartext = await startFixtureServer({host: '127.0.0.3'});
	alteSchule = await startFixtureServer({host: '127.0.0.4'});
	followed.setRoute('/.well-known/recommendations.opml', {headers: {'Content-Type': 'text/x-opml; charset=utf-8'}, body: blogroll()});
});

/** A profile that follows Kreidezeit only. */
async function profile(): Promise<string> {
	const home = makeHome();
	const added = await runCli(['add', `${followed.url}${fixturePaths.kreidezeit.feed}`], {home});
	expect(added.code, added.stderr).toBe(0);
	return home;
}

afterEach(() => session?.kill());

afterAll(async () => {
	await Promise.all([followed.close(), klartext.close(), alteSchule.close()]);
});

function startReader(home: string, columns: number, rows: number, lang: string): TmuxSession {
	session = new TmuxSession(`node ${CLI}`, {
		columns,
		rows,
		env: {BLOGROLL_HOME: home, HOME: home, LANG: lang, TERM: 'xterm-256color', PATH: process.env['PATH'] ?? '', CI: 'true'},
	});
	return session;
}

describe.skipIf(!hasTmux())('Discover in a real terminal', () => {
	it('finds the sites of a followed blogroll, previews one without subscribing, dismisses one and subscribes to one (80x24, German)', async () => {
		const home = await profile();
		const reader = startReader(home, 80, 24, 'de_DE.UTF-8');
		await reader.waitForText('Kreidezeit');
		expect(reader.screen()).toContain('D entdecken');

		reader.press('D');
		// Nothing known yet: the probe in the background finds both sites of the blogroll.
		const list = await reader.waitFor(screen => screen.includes('Klartext') && screen.includes('alte Schule'), 'both suggestions');
		expect(list).toContain('blogroll › Entdecken');
		expect(list).toContain('in der Blogroll von Kreidezeit');
		expect(list).toContain('2 Vorschläge');
		for (const line of list.split('\n')) expect(line.length).toBeLessThanOrEqual(80);

		// Dismiss the selected (first) one: gone, and the status line says so.
		const first = /^› (.+?)\s{2}/m.exec(list)?.[1]?.trim() ?? '';
		expect(first).not.toBe('');
		reader.press('x');
		await reader.waitFor(screen => screen.includes('ausgeblendet') && screen.includes('1 Vorschlag'), 'the dismissal');
		const other = first.includes('Klartext') ? 'alte Schule' : 'Klartext';
		expect(reader.screen()).toContain(other);

		// The preview: the latest posts, then one rendered as an article; nothing subscribed.
		reader.press('Enter');
		const posts = await reader.waitFor(screen => /Beiträge/.test(screen.split('\n')[0] ?? '') && screen.includes('Vorschau, nicht abonniert'), 'the preview posts');
		expect(posts).toMatch(/^›/m);
		reader.press('Enter');
		await reader.waitFor(screen => /\d+%/.test(screen) && screen.includes(`http://127.0.0.`), 'a previewed post');
		reader.press('q', 'q');
		await reader.waitFor(screen => screen.includes('1 Vorschlag'), 'back on the suggestions');

		// Subscribe with a tag: the feed is in the feeds list afterwards.
		reader.press('a');
		await reader.waitForText('abonnieren mit den Schlagwörtern');
		reader.pressTogether('E', 'm', 'p', 'f', 'e', 'h', 'l', 'u', 'n', 'g', 'Enter');
		await reader.waitFor(screen => screen.includes('abonniert (') && screen.includes('0 Vorschläge'), 'the subscription');
		reader.press('q');
		const feeds = await reader.waitFor(screen => screen.includes('# Empfehlung'), 'the new feed under its tag');
		expect(feeds).toContain(other === 'Klartext' ? 'Klartext' : 'alte Schule');
		reader.press('q');
		await reader.waitForExit();

		const listed = await runCli(['list'], {home});
		expect(listed.stdout).toContain(other === 'Klartext' ? klartext.url : alteSchule.url);
		expect(listed.stdout).not.toContain(other === 'Klartext' ? alteSchule.url : klartext.url);
	});

	it('lays the suggestions out beside their details on a wide terminal (140x40, English)', async () => {
		const reader = startReader(await profile(), 140, 40, 'en_US.UTF-8');
		await reader.waitForText('Kreidezeit');
		reader.press('D');
		const wide = await reader.waitFor(screen => screen.includes('Why') && screen.includes('in the blogroll of Kreidezeit'), 'the details pane');
		expect(wide).toContain('blogroll › Discover');
		expect(wide).toContain('│');
		for (const line of wide.split('\n')) expect(line.length).toBeLessThanOrEqual(140);
		reader.press('q', 'q');
		await reader.waitForExit();
	});
});
