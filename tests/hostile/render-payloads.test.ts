import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runRead} from '../../source/commands/read.js';
import type {CommandIO} from '../../source/commands/types.js';
import {extractArticle} from '../../source/extract/extract-article.js';
import {isFailure} from '../../source/failure.js';
import {renderArticle, renderLinkList, renderPlainText} from '../../source/render/render-article.js';

const ESC = '\u001B';
const BEL = '\u0007';
const ST = `${ESC}\\`;

/** Terminal-control payloads a hostile feed can put into a body (CWE-150). */
const PAYLOADS: Record<string, string> = {
	csiColour: `${ESC}[31;1mROT`,
	csiClear: `${ESC}[2J${ESC}[H`,
	altScreen: `${ESC}[?1049h`,
	csi8bit: '\u009B31mACHT',
	osc8: `${ESC}]8;;https://phish.example/${BEL}KLICK${ESC}]8;;${BEL}`,
	osc52: `${ESC}]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==${BEL}`,
	oscTitle: `${ESC}]0;TITELKLAU${ST}`,
	osc8bit: '\u009D52;c;T1NDOEJJVA==\u009C',
	dcs: `${ESC}P1$qDCSPAYLOAD${ST}`,
	apc: `${ESC}_Gf=100;APCPAYLOAD${ST}`,
	pm: `${ESC}^PMPAYLOAD${ST}`,
	c0: 'a\u0000b\u0001c\u0008d\u000Ee\u001Ff',
	del: 'x\u007Fy',
	c1: 'p\u0080q\u0085r\u0099s',
	bidi: 'rechnung\u202Efdp.exe \u2066isoliert\u2069 \u202Aeingebettet\u202C',
	bell: `klingel${BEL}`,
	privateUse: 'marker\uE001\uE010\uE0F1',
};

// Text that only exists inside a payload's string and must vanish with it.
const SWALLOWED = ['Y3VybCBldmlsLmV4YW1wbGUgfCBzaA', 'TITELKLAU', 'T1NDOEJJVA', 'DCSPAYLOAD', 'APCPAYLOAD', 'PMPAYLOAD', 'phish.example'];

const all = Object.values(PAYLOADS).join(' ');

/** The payloads in every place an article carries text or urls. */
const HOSTILE_HTML = `
<h2>Überschrift ${all}</h2>
<p>Absatz mit Größe und ${all} am Ende.</p>
<p><a href="https://beispiel.de/${encodeURIComponent(PAYLOADS.osc52!)}">Link ${all}</a> <a href="javascript:${PAYLOADS.osc8}">js</a> <a href="${PAYLOADS.csiClear}relativ">roh</a></p>
<p><img src="https://beispiel.de/bild.jpg" alt="Bild ${all}"></p>
<ul><li>Punkt ${all}</li><li>Noch einer<ul><li>${all}</li></ul></li></ul>
<ol><li>${all}</li></ol>
<blockquote><p>Zitat ${all}</p></blockquote>
<pre><code class="language-js">const x = "${all}";</code></pre>
<pre><code>${all}</code></pre>
<p>Inline <code>${all}</code> und <strong>${all}</strong> und <em>${all}</em></p>
<table><thead><tr><th>Kopf ${all}</th><th>B</th></tr></thead><tbody><tr><td>${all}</td><td>Zelle</td></tr></tbody></table>
<details><summary>Frage ${PAYLOADS.osc52}${PAYLOADS.bidi}?</summary><p>Antwort ${all}</p></details>
<dl><dt>Was ${PAYLOADS.csiColour}?</dt><dd>${all}</dd></dl>
<iframe src="https://www.youtube.com/embed/${encodeURIComponent(PAYLOADS.osc8!)}"></iframe>
<script type="application/ld+json">${JSON.stringify({'@type': 'FAQPage', mainEntity: [{'@type': 'Question', name: `JSON-LD ${all}?`, acceptedAnswer: {'@type': 'Answer', text: `Antwort ${all}`}}]})}</script>
`;

const TERMINAL_UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
// Rendered text must not even carry the renderer's private-use markers.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uE000-\uE0FF]/u;
const OUR_STYLING = /\u001B\[[0-9;]*m/g;

function expectSafe(text: string, isStyled: boolean, options: {isUrlList?: boolean} = {}): void {
	const withoutStyling = isStyled ? text.replace(OUR_STYLING, '') : text;
	if (!isStyled) expect(text).not.toContain(ESC);
	const lines = withoutStyling.split('\n');
	for (const line of lines) expect(line, JSON.stringify(line)).not.toMatch(UNSAFE);
	// Urls keep percent-encoded payload bytes as harmless text (%1B]52;…).
	if (options.isUrlList) return;
	for (const part of SWALLOWED) expect(withoutStyling).not.toContain(part);
}

describe('hostile article bodies', () => {
	for (const isStyled of [false, true]) {
		it(`render with none of the payloads in the output (${isStyled ? 'styled' : 'plain'})`, async () => {
			const article = await renderArticle(HOSTILE_HTML, {width: 60, color: isStyled, language: 'de', baseUrl: 'https://beispiel.de/'});
			expectSafe(article.lines.join('\n'), isStyled);
			expectSafe(renderLinkList(article.links, {width: 60, color: isStyled, language: 'de'}).join('\n'), isStyled, {isUrlList: true});
			for (const link of article.links) {
				expect(link.url).not.toMatch(TERMINAL_UNSAFE);
				expect(link.label).not.toMatch(TERMINAL_UNSAFE);
			}
			for (const question of article.questions) expect(question.text).not.toMatch(TERMINAL_UNSAFE);
			// The visible words around the payloads survive.
			expect(article.lines.join('\n')).toContain('Größe');
			expect(article.questions.length).toBe(3);
		});
	}

	it('keeps javascript: links from being openable, whatever is hidden in them', async () => {
		const article = await renderArticle(HOSTILE_HTML, {width: 60, color: false, language: 'de', baseUrl: 'https://beispiel.de/'});
		const scripted = article.links.filter((link) => link.url.toLowerCase().startsWith('javascript:'));
		expect(scripted).toHaveLength(1);
		expect(scripted[0]!.isOpenable).toBe(false);
	});

	it('render plain-text bodies without the payloads', async () => {
		const article = await renderPlainText(`Text ${all}\n\nZweiter ${all}`, {width: 60, color: true, language: 'de'});
		expectSafe(article.lines.join('\n'), true);
	});

	it('survive full-article extraction and rendering', async () => {
		const page = `<html><head><title>Titel ${all}</title></head><body><article>${HOSTILE_HTML}${'<p>Fülltext für Readability, damit es einen Artikel findet, mit genug Inhalt.</p>'.repeat(5)}</article></body></html>`;
		const extracted = extractArticle(page, 'https://beispiel.de/artikel/');
		if (isFailure(extracted)) throw new Error(extracted.message);
		expect(extracted.title).not.toMatch(TERMINAL_UNSAFE);
		const article = await renderArticle(extracted.content, {width: 60, color: true, language: 'de'});
		expectSafe(article.lines.join('\n'), true);
	});

	for (const plain of [true, false]) {
		it(`print through blogroll read ${plain ? '--plain' : 'styled'} without the payloads`, async () => {
			const directory = mkdtempSync(join(tmpdir(), 'blogroll-hostile-'));
			const file = join(directory, 'boese.html');
			writeFileSync(file, `<html><head><title>Titel ${all}</title></head><body>${HOSTILE_HTML}</body></html>`);
			let out = '';
			let err = '';
			const io: CommandIO = {stdout: {write: (text: string) => (out += text)}, stderr: {write: (text: string) => (err += text)}, env: {}};
			expect(await runRead({target: file, width: 60, plain}, {io, http: null})).toBe(0);
			const [body = '', list = ''] = out.split(/\n(?=(?:\u001B\[1m)?Links:)/);
			expect(list).not.toBe('');
			expectSafe(body, !plain);
			expectSafe(list, !plain, {isUrlList: true});
			expect(out).toContain('Titel');
			expect(err).toBe('');
		});
	}

	it('report a hostile file name without its escapes', async () => {
		let err = '';
		const io: CommandIO = {stdout: {write: () => true}, stderr: {write: (text: string) => (err += text)}, env: {}};
		expect(await runRead({target: `/tmp/fehlt-${PAYLOADS.osc52}${PAYLOADS.csiClear}.html`, plain: true}, {io, http: null})).toBe(1);
		expectSafe(err, false);
	});
});
