/**
 * CWE-150 end to end: a feed, a site, a server and files full of terminal control
 * sequences, through every command a user runs. Whatever the path, what reaches the
 * terminal holds no control character (but tab/newline in bodies) and none of the
 * payloads of OSC/DCS/APC/PM strings; only blogroll's own styling may emit ESC.
 */
import {writeFileSync} from 'node:fs';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';
import {
	ALL_PAYLOADS,
	ESC,
	PAYLOADS,
	expectSafeLine,
	expectTerminalSafe,
	makeHome,
	runBlogroll,
	stringsOf,
	writeConfig,
	type ListedFeed,
	type RefreshResultJson,
} from './support.js';

let server: FixtureServer;

/** Payloads as XML numeric references where XML forbids the raw character (C0, ESC). */
function asXmlText(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, character => `&#x${character.charCodeAt(0).toString(16)};`);
}

/** A WordPress-style RSS feed with every payload in every field a user sees. */
function hostileFeed(base: string): string {
	const p = asXmlText(ALL_PAYLOADS);
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
	<title>Coaching mit Köpfchen ${p}</title>
	<link>${base}/koepfchen/</link>
	<description>Impulse für Führungskräfte ${p}</description>
	<item>
		<title>„Feedback“ ohne Floskeln ${p}</title>
		<link>${base}/koepfchen/feedback-${asXmlText(PAYLOADS.colour)}/</link>
		<guid isPermaLink="false">koepfchen-1 ${asXmlText(PAYLOADS.osc8)}</guid>
		<dc:creator>Jörg Weiß ${p}</dc:creator>
		<pubDate>Mon, 16 Nov 2026 07:30:00 +0100</pubDate>
		<description><![CDATA[<p>Kurz gesagt (roh im CDATA): ${ALL_PAYLOADS}</p>]]></description>
		<content:encoded><![CDATA[<p>Größer gedacht: ${p}</p><p><a href="javascript:alert(document.cookie)">Gutschein</a> <a href="data:text/html;base64,PHNjcmlwdD4=">Daten</a> <a href="file:///etc/passwd">Datei</a></p>]]></content:encoded>
	</item>
	<item>
		<title>Gefährliche Links</title>
		<link>javascript:alert(1)</link>
		<guid isPermaLink="false">koepfchen-2</guid>
		<description>Kein Link zum Anklicken.</description>
	</item>
	<item>
		<title>Daten-Link</title>
		<link>data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==</link>
		<guid isPermaLink="false">koepfchen-3</guid>
	</item>
	<item>
		<title>Datei-Link</title>
		<link>file:///etc/passwd</link>
		<guid isPermaLink="false">koepfchen-4</guid>
	</item>
</channel>
</rss>
`;
}

/** Writes a raw HTTP answer, so that status text and headers can carry bytes node:http refuses. */
function rawAnswer(head: string, body = ''): (request: IncomingMessage, response: ServerResponse) => void {
	return (_request, response) => {
		const socket = response.socket!;
		socket.end(Buffer.concat([Buffer.from(`${head}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`, 'latin1'), Buffer.from(body)]));
	};
}

beforeAll(async () => {
	server = await startFixtureServer();
	const base = server.url;
	server.setRoute('/koepfchen/feed/', {headers: {'Content-Type': 'application/rss+xml; charset=UTF-8'}, body: hostileFeed(base)});
	// A site whose page links the feed with a hostile link title.
	server.setRoute('/koepfchen/', {
		headers: {'Content-Type': 'text/html; charset=UTF-8'},
		body: `<!doctype html><html lang="de"><head><title>Köpfchen</title>
<link rel="alternate" type="application/rss+xml" title="Köpfchen ${asXmlText(ALL_PAYLOADS).replace(/"/g, '&quot;')}" href="/koepfchen/feed/">
<link rel="alternate" type="application/rss+xml" title="Kommentare ${asXmlText(PAYLOADS.osc52)}" href="/koepfchen/comments/feed/">
</head><body><p>Willkommen!</p></body></html>`,
	});
	server.setRoute('/koepfchen/comments/feed/', {headers: {'Content-Type': 'application/rss+xml; charset=UTF-8'}, body: hostileFeed(base).replace('Coaching mit Köpfchen', 'Kommentare zu: Coaching mit Köpfchen')});
	// 8-bit CSI (0x9B) and OSC (0x9D) bytes are legal obs-text in a reason phrase.
	server.setRoute('/status-text/', rawAnswer('HTTP/1.1 503 Wartung \x9B2J\x9D52;c;TITELKLAU\x9C bald zur\xFCck'));
	server.setRoute('/bad-redirect/', rawAnswer('HTTP/1.1 302 Found\r\nLocation: javascript:alert(1)//\x9B31m'));
	server.setRoute('/bad-location/', rawAnswer('HTTP/1.1 301 Moved\r\nLocation: http://[\x9D0;TITELKLAU\x9C'));
});

afterAll(async () => {
	await server.close();
});

describe('a feed full of terminal control sequences', () => {
	it('comes out of parse --json clean in every field, with only http(s) links', async () => {
		const home = makeHome();
		const result = await runBlogroll(['parse', `${server.url}/koepfchen/feed/`, '--json'], {home});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		// JSON escapes are fine on the wire; what matters is the data after parsing.
		expect(result.stdout).not.toContain(ESC);
		const feed = JSON.parse(result.stdout) as {title: string; items: {title: string; link: string | null; author: string | null; id: string; content: string | null; summary: string | null}[]};
		for (const [path, value] of stringsOf(feed)) {
			if (/\.(content|summary)$/.test(path)) expectTerminalSafe(value, path);
			else expectSafeLine(value, path);
		}
		expect(feed.title).toContain('Coaching mit Köpfchen');
		expect(feed.title).toContain('ROT');
		expect(feed.items[0]!.author).toContain('Jörg Weiß');
		// javascript:, data: and file: never become an item link.
		expect(feed.items.map(item => item.link)).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/koepfchen\/feedback-/), null, null, null]);
	});

	it('is stored and listed clean by add, refresh, list and list --json', async () => {
		const home = makeHome();
		const added = await runBlogroll(['add', `${server.url}/koepfchen/`], {home});
		expect(added.code).toBe(0);
		// Two feeds were discovered: both titles are printed, and both are clean.
		expect(added.stdout).toMatch(/Found 2 feeds/);
		expectTerminalSafe(added.stdout + added.stderr, 'add');


		const refreshed = await runBlogroll(['refresh', '--force'], {home});
		expect(refreshed.code).toBe(0);
		expectTerminalSafe(refreshed.stdout + refreshed.stderr, 'refresh');
		expect(refreshed.stdout).toMatch(/Coaching mit Köpfchen/);

		const listed = await runBlogroll(['list'], {home});
		expect(listed.code).toBe(0);
		expectTerminalSafe(listed.stdout + listed.stderr, 'list');
		expect(listed.stdout).toContain('Coaching mit Köpfchen');

		const json = await runBlogroll(['list', '--json'], {home});
		for (const [path, value] of stringsOf(JSON.parse(json.stdout))) expectSafeLine(value, `list --json ${path}`);

		const searched = await runBlogroll(['search', '--plain', 'Floskeln'], {home});
		expectTerminalSafe(searched.stdout + searched.stderr, 'search');
	});

	it('reaches refresh, list and the stored error only as clean one-line errors from a hostile server', async () => {
		const home = makeHome();
		const base = server.url;
		writeConfig(home, [{url: `${base}/status-text/`}, {url: `${base}/bad-redirect/`}, {url: `${base}/bad-location/`}]);
		const refreshed = await runBlogroll(['refresh', '--json'], {home});
		const results = JSON.parse(refreshed.stdout) as RefreshResultJson[];
		expect(results.map(result => result.outcome)).toEqual(['failed', 'failed', 'failed']);
		// (undici reads the reason phrase as UTF-8: the 8-bit introducers arrive as U+FFFD,
		// so their payload is harmless text; no control character may get through.)
		for (const result of results) expectSafeLine(result.message, `refresh --json ${result.url}`, {sequencesIntact: false});
		expect(results[0]!.message).toMatch(/HTTP 503 Wartung/);
		expectTerminalSafe(refreshed.stderr, 'refresh progress');

		const summary = await runBlogroll(['refresh', '--force'], {home});
		expectTerminalSafe(summary.stdout + summary.stderr, 'refresh summary', {sequencesIntact: false});
		expect(summary.stdout).toMatch(/^! .*HTTP 503 Wartung/m);

		const listed = await runBlogroll(['list'], {home});
		expectTerminalSafe(listed.stdout + listed.stderr, 'list', {sequencesIntact: false});
		const json = JSON.parse((await runBlogroll(['list', '--json'], {home})).stdout) as ListedFeed[];
		for (const feed of json) expectSafeLine(feed.lastError, `stored error of ${feed.url}`, {sequencesIntact: false});
	});

	it('is shown clean from an OPML file with hostile titles and urls, on import, list and export', async () => {
		const home = makeHome();
		const opml = join(home, 'abos.opml');
		writeFileSync(
			opml,
			`<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Meine Blogs ${asXmlText(ALL_PAYLOADS)}</title></head><body>
<outline text="Coaching ${asXmlText(PAYLOADS.clear)}" title="Coaching ${asXmlText(PAYLOADS.osc52)}">
	<outline type="rss" text="Klartext ${asXmlText(ALL_PAYLOADS)}" xmlUrl="${server.url}/klartext/atom.xml" htmlUrl="${server.url}/klartext/"/>
	<outline type="rss" text="Böse Adresse" xmlUrl="${server.url}/x${asXmlText(PAYLOADS.colour)}${asXmlText(PAYLOADS.bidi)}"/>
</outline>
</body></opml>
`,
		);
		const imported = await runBlogroll(['import', opml], {home});
		expectTerminalSafe(imported.stdout + imported.stderr, 'import');
		expect(imported.stdout).toMatch(/Imported 2 feeds/);

		const listed = await runBlogroll(['list'], {home});
		expectTerminalSafe(listed.stdout + listed.stderr, 'list');
		expect(listed.stdout).toContain('Klartext');
		for (const [path, value] of stringsOf(JSON.parse((await runBlogroll(['list', '--json'], {home})).stdout))) {
			expectSafeLine(value, `list --json ${path}`);
		}
		const exported = await runBlogroll(['export'], {home});
		expectTerminalSafe(exported.stdout + exported.stderr, 'export');
		const refreshed = await runBlogroll(['refresh'], {home});
		expectTerminalSafe(refreshed.stdout + refreshed.stderr, 'refresh of a hostile url');
	});

	it('never echoes a hostile argument raw in an error message', async () => {
		const home = makeHome();
		// argv cannot carry NUL.
		const ALL_PAYLOADS = Object.values(PAYLOADS).join(' und ').replace(/\u0000/g, '');
		const cases = [
			['add', `http://exa${ESC}[2Jmple${PAYLOADS.bidi}.de/feed`],
			['add', `javascript:${PAYLOADS.osc52}`],
			['parse', `/tmp/fehlt-${PAYLOADS.oscTitle}${PAYLOADS.clear}.xml`],
			['import', `/tmp/fehlt-${PAYLOADS.osc8}.opml`],
			['remove', `Köpfchen ${ALL_PAYLOADS}`],
			['refresh', `Köpfchen ${PAYLOADS.dcs}`],
			[`abo${PAYLOADS.apc}nieren`],
			['list', `--farbe${PAYLOADS.pm}`],
		];
		for (const args of cases) {
			const result = await runBlogroll(args, {home});
			expect(result.code, args.join(' ')).not.toBe(0);
			expectTerminalSafe(result.stdout + result.stderr, `blogroll ${args[0]}`);
			expect(result.stderr.trim().split('\n'), `blogroll ${args[0]}`).toHaveLength(1);
		}
	});

	it('renders an article clean with read --plain and styled, and never links javascript:, data: or file:', async () => {
		const home = makeHome();
		const file = join(home, 'artikel.html');
		writeFileSync(
			file,
			`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Köpfchen ${ALL_PAYLOADS}</title></head><body><article>
<h1>Führung ${ALL_PAYLOADS}</h1>
<p>Ein Absatz mit Größe und ${ALL_PAYLOADS} am Ende.</p>
<p><a href="javascript:alert(document.cookie)">Gutschein ${PAYLOADS.colour}</a>, <a href="data:text/html;base64,PHNjcmlwdD4=">Daten</a>,
<a href="file:///etc/passwd">Datei</a>, <a href="https://beispiel.de/k%C3%B6pfchen">Köpfchen</a> und <a href="mailto:info@beispiel.de">Mail</a>.</p>
<ul><li>${ALL_PAYLOADS}</li></ul><pre><code>${ALL_PAYLOADS}</code></pre>
</article></body></html>`,
		);
		const plain = await runBlogroll(['read', '--plain', '--width', '72', file], {home});
		expect(plain.code).toBe(0);
		expectTerminalSafe(plain.stdout + plain.stderr, 'read --plain');
		for (const scheme of ['javascript:', 'data:', 'file:']) {
			// Shown as text at most, and marked as not openable (the mark may wrap to the next line).
			const at = plain.stdout.indexOf(scheme);
			if (at !== -1) expect(plain.stdout.slice(at).split(/\n\[\d+\]/)[0], scheme).toMatch(/\((?:not\s+opened|wird\s+nicht\s+geöffnet)\)/);
		}

		const styled = await runBlogroll(['read', '--width', '72', file], {home, env: {FORCE_COLOR: '1', NO_COLOR: ''}});
		expect(styled.code).toBe(0);
		// blogroll's own styling: SGR (colours, bold) and OSC 8 hyperlinks to http(s)/mailto only.
		expect(styled.stdout).not.toMatch(new RegExp(`${ESC}\\]8;[^;]*;(?!https?:|mailto:|${ESC}|\u0007)`));
		const withoutOwnStyling = styled.stdout
			.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '')
			.replace(new RegExp(`${ESC}\\]8;[^;\u0007${ESC}]*;(?:https?:|mailto:)?[^\u0007${ESC}]*(?:\u0007|${ESC}\\\\)`, 'g'), '');
		expectTerminalSafe(withoutOwnStyling + styled.stderr, 'read (styled)');
	});
});
