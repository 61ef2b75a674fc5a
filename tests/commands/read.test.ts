import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runRead} from '../../source/commands/read.js';
import type {CommandIO} from '../../source/commands/types.js';
import {createHttpClient} from '../../source/feeds/http.js';
import {displayWidth} from '../../source/text/width.js';
import {startTestServer, type TestServer} from '../helpers/http-test-server.js';

const ARTICLES = join(import.meta.dirname, '..', 'fixtures', 'articles');

function fakeIo(options: {columns?: number; env?: Record<string, string>; isTTY?: boolean} = {}): CommandIO & {out: () => string; err: () => string} {
	let out = '';
	let err = '';
	return {
		stdout: {write: (text: string) => (out += text), columns: options.columns, isTTY: options.isTTY},
		stderr: {write: (text: string) => (err += text)},
		env: options.env ?? {},
		out: () => out,
		err: () => err,
	};
}

describe('blogroll read with a local file', () => {
	it('prints a fragment as is: the rendered body, then the numbered links', async () => {
		const io = fakeIo();
		const code = await runRead({target: join(ARTICLES, 'langer-blogpost.html'), width: 60, plain: true}, {io, http: null});
		expect(code).toBe(0);
		const lines = io.out().split('\n');
		expect(lines.slice(0, 2)).toEqual(['Warum ich keine Fünf-Jahres-Pläne mehr schreibe', '───────────────────────────────────────────────']);
		expect(io.out()).toContain('Im Mentoring[1] arbeiten');
		expect(io.out()).toContain('\nLinks:\n[1] https://www.klarheit-coaching.de/mentoring/\n');
		expect(io.out()).toContain('[4] mailto:hallo@klarheit-coaching.de');
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(60);
		expect(io.out()).not.toMatch(/\u001B/);
		expect(io.err()).toBe('');
	});

	it('extracts the article from a full page with navigation and prints its title first', async () => {
		const io = fakeIo();
		const code = await runRead({target: join(ARTICLES, 'seite-mit-navigation.html'), width: 80, plain: true}, {io, http: null, settings: {language: 'de'}});
		expect(code).toBe(0);
		const output = io.out();
		expect(output.split('\n')[0]).toBe('Häufige Fragen zum Business-Coaching');
		expect(output).toContain('Sabine Größer');
		expect(output).not.toContain('Impressum');
		expect(output.split('F: ').length - 1).toBe(3);
	});

	it('renders a fragment through Readability with --full', async () => {
		const directory = mkdtempSync(join(tmpdir(), 'blogroll-read-'));
		const file = join(directory, 'kurz.html');
		writeFileSync(file, '<div class="sharedaddy"><a href="https://x.example/share">Teilen</a></div><p>Ein kurzer Gruß aus Stuttgart.</p>');
		const io = fakeIo();
		expect(await runRead({target: file, width: 60, plain: true, full: true}, {io, http: null})).toBe(0);
		expect(io.out()).toContain('Ein kurzer Gruß aus Stuttgart.');
		expect(io.out()).not.toContain('Teilen');
	});

	it('styles the output on a terminal unless --plain or NO_COLOR', async () => {
		const target = join(ARTICLES, 'faq-details.html');
		const styled = fakeIo({isTTY: true});
		await runRead({target, width: 60, plain: false}, {io: styled, http: null});
		expect(styled.out()).toMatch(/\u001B\[1m/);
		const noColor = fakeIo({env: {NO_COLOR: '1'}, isTTY: true});
		await runRead({target, width: 60, plain: false}, {io: noColor, http: null});
		expect(noColor.out()).not.toMatch(/\u001B/);
		expect(noColor.out()).toBe(styled.out().replace(/\u001B\[[0-9;]*m/g, ''));
	});

	it('prints plain text into a pipe, and styled text there only with FORCE_COLOR', async () => {
		const target = join(ARTICLES, 'faq-details.html');
		const piped = fakeIo();
		await runRead({target, width: 60, plain: false}, {io: piped, http: null});
		expect(piped.out()).not.toMatch(/\u001B/);
		const forced = fakeIo({env: {FORCE_COLOR: '1'}});
		await runRead({target, width: 60, plain: false}, {io: forced, http: null});
		expect(forced.out()).toMatch(/\u001B\[1m/);
	});

	it('takes the width from the terminal when --width is not given', async () => {
		const io = fakeIo({columns: 50});
		await runRead({target: join(ARTICLES, 'langer-blogpost.html'), plain: true}, {io, http: null});
		const widths = io.out().split('\n').map((line) => displayWidth(line));
		expect(Math.max(...widths)).toBeLessThanOrEqual(50);
		expect(Math.max(...widths)).toBeGreaterThan(44);
	});

	it('reports a missing file in one line on stderr and exits 1', async () => {
		const io = fakeIo();
		const code = await runRead({target: '/nicht/vorhanden/artikel.html', plain: true}, {io, http: null});
		expect(code).toBe(1);
		expect(io.out()).toBe('');
		expect(io.err()).toMatch(/^blogroll: .*\/nicht\/vorhanden\/artikel\.html.*\n$/);
		expect(io.err().split('\n')).toHaveLength(2);
	});
});

describe('blogroll read: title and byline', () => {
	it('prints the article’s own title and its whole byline, and no half of it in the text', async () => {
		const io = fakeIo({env: {LANG: 'de_DE.UTF-8'}});
		const target = join(import.meta.dirname, '..', 'fixtures', 'site', 'klartext', 'beitraege', 'gendern-ohne-krampf', 'index.html');
		expect(await runRead({target, width: 70, plain: true}, {io, http: null})).toBe(0);
		const lines = io.out().split('\n');
		expect(lines.slice(0, 2)).toEqual(['Gendern ohne Krampf: fünf Formulierungen für den Alltag', 'Von Henrike Sauer am 29. Oktober 2026']);
		expect(io.out()).not.toMatch(/Von\s+am/);
		expect(io.out()).not.toContain('Klartext\n');
	});
});

describe('blogroll read: the width', () => {
	const target = join(ARTICLES, 'langer-blogpost.html');
	const widest = (text: string) => Math.max(...text.split('\n').map((line) => displayWidth(line)));

	it('honours --width above 80', async () => {
		const io = fakeIo({columns: 200, isTTY: true});
		await runRead({target, width: 120, plain: true, pager: false}, {io, http: null, settings: {readingWidth: 80}});
		expect(widest(io.out())).toBeGreaterThan(100);
		expect(widest(io.out())).toBeLessThanOrEqual(120);
		expect(io.err()).toBe('');
	});

	it('follows the readingWidth setting without --width', async () => {
		const narrow = fakeIo();
		await runRead({target, plain: true}, {io: narrow, http: null, settings: {readingWidth: 50}});
		expect(widest(narrow.out())).toBeLessThanOrEqual(50);
		expect(widest(narrow.out())).toBeGreaterThan(44);
		const wide = fakeIo();
		await runRead({target, plain: true}, {io: wide, http: null, settings: {readingWidth: 110}});
		expect(widest(wide.out())).toBeGreaterThan(90);
	});

	it('fits a terminal narrower than the readingWidth setting', async () => {
		const io = fakeIo({columns: 64, isTTY: true});
		await runRead({target, plain: true, pager: false}, {io, http: null, settings: {readingWidth: 100}});
		expect(widest(io.out())).toBeLessThanOrEqual(64);
		expect(widest(io.out())).toBeGreaterThan(56);
	});

	it('says in one line on stderr when a width is too narrow to lay out, and uses the minimum', async () => {
		const io = fakeIo();
		expect(await runRead({target, width: 12, plain: true}, {io, http: null})).toBe(0);
		expect(io.err()).toBe('blogroll: --width 12 is too narrow to lay out an article; using 20 columns\n');
		expect(widest(io.out())).toBeLessThanOrEqual(20);
	});

	it('says so in German under a German UI', async () => {
		const io = fakeIo({env: {LANG: 'de_DE.UTF-8'}});
		expect(await runRead({target, width: 12, plain: true}, {io, http: null})).toBe(0);
		expect(io.err()).toBe('blogroll: --width 12 ist zu schmal für einen Artikel; er wird mit 20 Spalten gesetzt\n');
		const narrowTerminal = fakeIo({columns: 15, isTTY: true, env: {LANG: 'de_DE.UTF-8'}});
		await runRead({target, plain: true, pager: false}, {io: narrowTerminal, http: null});
		expect(narrowTerminal.err()).toBe('blogroll: ein Terminal mit 15 Spalten ist zu schmal für einen Artikel; er wird mit 20 Spalten gesetzt\n');
	});

	it('says so when a width is wider than any reading width, and uses the maximum', async () => {
		const io = fakeIo();
		expect(await runRead({target, width: 5000, plain: true}, {io, http: null})).toBe(0);
		expect(io.err()).toBe('blogroll: --width 5000 is wider than 1000 columns; using 1000\n');
	});
});

describe('blogroll read: labels in the UI language', () => {
	// A German page (<html lang="de">) with three FAQ questions.
	const target = join(ARTICLES, 'seite-mit-navigation.html');

	it('labels the questions of a German article with Q: under an English UI', async () => {
		const io = fakeIo({env: {LANG: 'en_GB.UTF-8'}});
		await runRead({target, width: 70, plain: true}, {io, http: null});
		expect(io.out()).toMatch(/^Q: /m);
		expect(io.out()).not.toMatch(/^F: /m);
	});

	it('labels them F: under a German UI, from LANG or from the language setting', async () => {
		const fromLocale = fakeIo({env: {LC_ALL: 'de_AT.UTF-8', LANG: 'en_US.UTF-8'}});
		await runRead({target, width: 70, plain: true}, {io: fromLocale, http: null});
		expect(fromLocale.out()).toMatch(/^F: /m);
		const fromSetting = fakeIo({env: {LANG: 'en_US.UTF-8'}});
		await runRead({target, width: 70, plain: true}, {io: fromSetting, http: null, settings: {language: 'de'}});
		expect(fromSetting.out()).toBe(fromLocale.out());
	});
});

describe('blogroll read with a url', () => {
	let server: TestServer;

	beforeAll(async () => {
		const page = `<!doctype html><html lang="de"><head><meta charset="iso-8859-1"><title>Preise erhöhen als Freelancerin</title></head><body>
<nav><a href="/">Start</a> <a href="/blog/">Blog</a></nav>
<main><article><h1>Preise erhöhen als Freelancerin</h1>
<p>Letzte Woche hat mich eine Leserin gefragt, wie ich als Freelancerin mit Preiserhöhungen umgehe. Die kurze Antwort: rechtzeitig ankündigen, klar begründen, nicht entschuldigen. Die lange Antwort steht im <a href="/leitfaden/">Leitfaden für faire Preise</a>.</p>
<p>Übrigens: Seit Januar gilt bei mir ein Stundensatz von 95&nbsp;€ netto. Für Bestandskunden bleibt es bis Juni beim alten Satz, danach gilt der neue Satz für alle, ohne Ausnahme und ohne schlechtes Gewissen.</p>
</article></main><footer>Impressum · Datenschutz</footer></body></html>`;
		server = await startTestServer({
			'/preise/': {headers: {'Content-Type': 'text/html; charset=iso-8859-1'}, body: Buffer.from(page.replace('€', 'EUR'), 'latin1')},
		});
	});

	afterAll(async () => {
		await server.close();
	});

	it('fetches the page, extracts the article and lists its links as absolute urls', async () => {
		const io = fakeIo();
		const code = await runRead({target: server.url('/preise/'), width: 70, plain: true}, {io, http: createHttpClient({retryDelayMs: 1})});
		expect(code).toBe(0);
		const output = io.out();
		expect(output.split('\n')[0]).toBe('Preise erhöhen als Freelancerin');
		expect(output).toContain('Preiserhöhungen umgehe');
		expect(output).not.toContain('Impressum');
		expect(output).toContain(`[1] ${server.url('/leitfaden/')}`);
	});

	it('reports an HTTP error in one line naming the url and exits 1', async () => {
		const io = fakeIo();
		const code = await runRead({target: server.url('/gibt-es-nicht/'), plain: true}, {io, http: createHttpClient({retryDelayMs: 1})});
		expect(code).toBe(1);
		expect(io.out()).toBe('');
		expect(io.err()).toContain(server.url('/gibt-es-nicht/'));
		expect(io.err().trimEnd().split('\n')).toHaveLength(1);
	});
});

describe('blogroll read: a page without site chrome, rendered as is', () => {
	it('takes the title from the article’s h1, without the site name of <title>, and shows it once', async () => {
		const directory = mkdtempSync(join(tmpdir(), 'blogroll-read-'));
		const file = join(directory, 'danke.html');
		writeFileSync(file, '<!doctype html><html lang="de"><head><title>Danke – Feder &amp; Faden</title></head><body><article><h1>Danke: ein Jahr Feder &amp; Faden 👍🏽</h1><p>Ihr wart großartig.</p></article></body></html>');
		const io = fakeIo({env: {LANG: 'de_DE.UTF-8'}});
		expect(await runRead({target: file, width: 60, plain: true}, {io, http: null})).toBe(0);
		const lines = io.out().split('\n');
		expect(lines[0]).toBe('Danke: ein Jahr Feder & Faden 👍🏽');
		expect(io.out().split('Danke: ein Jahr').length - 1).toBe(1);
		expect(io.out()).toContain('Ihr wart großartig.');
	});
});
