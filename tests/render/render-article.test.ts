import {describe, expect, it} from 'vitest';
import {renderArticle, renderLinkList, renderPlainText} from '../../source/render/render-article.js';
import {displayWidth} from '../../source/text/width.js';

const plain = (width = 80, language: 'de' | 'en' = 'de') => ({width, color: false, language, baseUrl: 'https://www.klarheit-coaching.de/blog/'}) as const;

async function render(html: string, width = 80, language: 'de' | 'en' = 'de') {
	return renderArticle(html, plain(width, language));
}

describe('links and images', () => {
	it('numbers links in the text and gives the same url the same number', async () => {
		const article = await render('<p>Im <a href="https://www.klarheit-coaching.de/mentoring/">Mentoring</a>, siehe <a href="https://weissbach-beratung.de/">Jonas</a> und nochmals das <a href="https://www.klarheit-coaching.de/mentoring/">Mentoring</a>.</p>');
		expect(article.lines).toEqual(['Im Mentoring[1], siehe Jonas[2] und nochmals das Mentoring[1].']);
		expect(article.links).toEqual([
			{number: 1, url: 'https://www.klarheit-coaching.de/mentoring/', label: 'Mentoring', isOpenable: true},
			{number: 2, url: 'https://weissbach-beratung.de/', label: 'Jonas', isOpenable: true},
		]);
	});

	it('resolves relative links against the base url', async () => {
		const article = await render('<p><a href="../kontakt/">Kontakt</a></p>');
		expect(article.links[0]?.url).toBe('https://www.klarheit-coaching.de/kontakt/');
	});

	it('shows javascript:, data: and file: links as text that is not openable', async () => {
		const article = await render('<p><a href="javascript:alert(1)">Klick</a> <a href="data:text/html,x">Daten</a> <a href="file:///etc/passwd">Datei</a></p>');
		expect(article.lines).toEqual(['Klick[1] Daten[2] Datei[3]']);
		expect(article.links.map((link) => link.isOpenable)).toEqual([false, false, false]);
		const list = renderLinkList(article.links, {width: 80, color: false, language: 'de'});
		expect(list[1]).toBe('[1] javascript:alert(1) (wird nicht geöffnet)');
	});

	it('keeps in-page anchors as plain text without a number', async () => {
		const article = await render('<p>Siehe <a href="#faq">unten</a>.</p>');
		expect(article.lines).toEqual(['Siehe unten.']);
		expect(article.links).toEqual([]);
	});

	it('shows images as a labelled placeholder by language, with a link number', async () => {
		const html = '<p><img src="/bilder/tafel.jpg" alt="Kreidezeichnung einer Tafel"></p>';
		expect((await render(html)).lines).toEqual(['[Bild: Kreidezeichnung einer Tafel][1]']);
		expect((await render(html, 80, 'en')).lines).toEqual(['[image: Kreidezeichnung einer Tafel][1]']);
		expect((await render(html)).links[0]?.url).toBe('https://www.klarheit-coaching.de/bilder/tafel.jpg');
	});

	it('gives a linked image the number of its link', async () => {
		const article = await render('<p><a href="https://beispiel.de/gross.png"><img src="https://beispiel.de/klein.png" alt="Ablauf"></a></p>');
		expect(article.lines).toEqual(['[Bild: Ablauf][1]']);
		expect(article.links.map((link) => link.url)).toEqual(['https://beispiel.de/gross.png']);
	});

	it('uses the real image of a lazy-loaded picture', async () => {
		const article = await render('<img src="data:image/gif;base64,R0lGOD" data-src="https://beispiel.de/portrait.jpg" alt="Porträt">');
		expect(article.links.map((link) => link.url)).toEqual(['https://beispiel.de/portrait.jpg']);
	});

	it('drops tracking pixels by size and by known tracker hosts', async () => {
		const article = await render(
			'<p>Text</p><img src="https://beispiel.de/zaehler.gif" width="1" height="1"><img src="https://pixel.wp.com/b.gif?blog=1"><img src="https://stats.wp.com/g.gif"><img src="http://feeds.feedburner.com/~r/Blog/~4/AbC"><img src="https://vg0x.met.vgwort.de/na/3f8a" alt=""><img src="https://beispiel.de/x.gif" style="width:0px;height:0px">',
		);
		expect(article.lines).toEqual(['Text']);
		expect(article.links).toEqual([]);
	});

	it('shows iframes, video and audio as labelled links', async () => {
		const article = await render('<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe><video src="https://beispiel.de/demo.mp4"></video><audio><source src="https://beispiel.de/folge-12.mp3"></audio><iframe src="https://www.google.com/maps/embed?pb=1"></iframe>', 80, 'en');
		expect(article.lines).toEqual(['[video: youtube.com/embed/dQw4w9WgXcQ][1]', '', '[video: beispiel.de/demo.mp4][2]', '', '[audio: beispiel.de/folge-12.mp3][3]', '', '[embed: google.com/maps/embed][4]']);
	});
});

describe('boilerplate', () => {
	it('removes share buttons, like widgets, related posts and the comment section', async () => {
		const html =
			'<p>Inhalt.</p><div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Teilen mit:</h3><a href="https://x.example/?share=facebook">Facebook</a></div><div class="shariff"><a href="https://x.example/share">Teilen</a></div><div id="jp-relatedposts" class="jp-relatedposts"><h3>Ähnliche Beiträge</h3></div><div id="comments" class="comments-area"><h2>2 Kommentare</h2><p>Toll!</p></div>';
		const article = await render(html);
		expect(article.lines).toEqual(['Inhalt.']);
	});

	it('keeps content whose class only mentions social or comment in passing', async () => {
		const html = '<div class="post category-social-work"><p>Sozialarbeit im Quartier.</p></div><div class="comment-on-trends"><p>Ein Kommentar zur Lage.</p></div>';
		expect((await render(html)).lines).toEqual(['Sozialarbeit im Quartier.', '', 'Ein Kommentar zur Lage.']);
	});

	it('removes the WordPress feed footer in German and English', async () => {
		const html = '<p>Inhalt.</p><p>Der Beitrag <a href="https://a.example/">Preise</a> erschien zuerst auf <a href="https://a.example">Texterin Lena</a>.</p><p>The post <a href="https://b.example/">Prices</a> appeared first on <a href="https://b.example">Lena</a>.</p>';
		const article = await render(html);
		expect(article.lines).toEqual(['Inhalt.']);
		expect(article.links).toEqual([]);
	});

	it('removes comment forms, spam-protection notices, scripts and empty paragraphs', async () => {
		const html = '<p>Inhalt.</p><p>&nbsp;</p><p></p><form><p>Kommentar</p><textarea></textarea></form><p class="akismet_comment_form_privacy_notice">Diese Website verwendet Akismet, um Spam zu reduzieren.</p><script>alert(1)</script><style>p{}</style><noscript>Bitte JavaScript aktivieren</noscript>';
		expect((await render(html)).lines).toEqual(['Inhalt.']);
	});
});

describe('layout', () => {
	it('wraps list items with a hanging indent (marked-terminal alone does not wrap them)', async () => {
		const html = '<ul><li>Morgens: Zahlen anschauen (Umsatz, Anfragen, Newsletter-Abmeldungen – ja, auch die) und danach in Ruhe einen Kaffee trinken, bevor es losgeht.</li><li>Mittags: Spaziergang.</li></ul>';
		const article = await render(html, 40);
		expect(article.lines).toEqual([
			'• Morgens: Zahlen anschauen (Umsatz,',
			'  Anfragen, Newsletter-Abmeldungen – ja,',
			'  auch die) und danach in Ruhe einen',
			'  Kaffee trinken, bevor es losgeht.',
			'• Mittags: Spaziergang.',
		]);
	});

	it('numbers ordered lists and indents nested lists', async () => {
		const html = '<ol><li>Quartale statt Jahre.</li><li>Experimente:<ul><li>Was will ich herausfinden?</li></ul></li></ol>';
		expect((await render(html)).lines).toEqual(['1. Quartale statt Jahre.', '2. Experimente:', '   • Was will ich herausfinden?']);
	});

	it('turns paragraphs of text bullets into a list', async () => {
		const html = '<p>• Klarheit über das Angebot<br>• Struktur im Alltag<br>• Umsetzung mit Begleitung</p><p>Und dann:</p><p>– erstens</p><p>– zweitens</p>';
		expect((await render(html)).lines).toEqual(['• Klarheit über das Angebot', '• Struktur im Alltag', '• Umsetzung mit Begleitung', '', 'Und dann:', '', '• erstens', '• zweitens']);
	});

	it('leaves a single dash paragraph (an attribution) as text', async () => {
		expect((await render('<p>„Pläne sind nichts.“</p><p>– Eisenhower</p>')).lines).toEqual(['„Pläne sind nichts.“', '', '– Eisenhower']);
	});

	it('marks every line of a blockquote with a bar', async () => {
		const html = '<blockquote><p>„Pläne sind nichts, Planung ist alles.“ Das hängt über meinem Schreibtisch.</p><p>– Eisenhower</p></blockquote>';
		expect((await render(html, 40)).lines).toEqual(['│ „Pläne sind nichts, Planung ist', '│ alles.“ Das hängt über meinem', '│ Schreibtisch.', '│', '│ – Eisenhower']);
	});

	it('keeps headings, emphasis text, line breaks and rules', async () => {
		const html = '<h2>Was sich verändert hat</h2><p>Die <em>ehrliche</em> Antwort: <strong>fast alles</strong>.</p><hr><p>Herzlich,<br>Sabine Größer</p>';
		expect((await render(html, 30)).lines).toEqual(['Was sich verändert hat', '──────────────────────', '', 'Die ehrliche Antwort: fast', 'alles.', '', '──────────────────────────────', '', 'Herzlich,', 'Sabine Größer']);
	});

	it('shows headings without Markdown markers: styled, the top two levels underlined (═, ─) so plain text keeps their shape', async () => {
		const html = '<h1>Führung auf Distanz: Was Teams im Homeoffice brauchen</h1><p>Seit sechs Jahren …</p><h2>Vertrauen statt Kontrolle</h2><p>Mit Struktur.</p><h3>Drei Fragen</h3><p>Zum Schluss.</p>';
		const plain = (await render(html, 30)).lines;
		expect(plain).toEqual(['Führung auf Distanz: Was Teams', 'im Homeoffice brauchen', '══════════════════════════════', '', 'Seit sechs Jahren …', '', 'Vertrauen statt Kontrolle', '─────────────────────────', '', 'Mit Struktur.', '', 'Drei Fragen', '', 'Zum Schluss.']);
		const styled = (await renderArticle(html, {width: 30, color: true, language: 'de'})).lines;
		expect(styled.join('\n')).not.toMatch(/#/);
		expect(styled.find((line) => line.includes('Vertrauen statt Kontrolle'))).toMatch(/\u001B\[1m/);
		expect(styled.map((line) => line.replace(/\u001B\[[0-9;]*m/g, ''))).toEqual(plain);
	});

	it('does not break a line at a no-break space', async () => {
		const article = await render('<p>Mein Workshop startet am 14.&nbsp;März um 10&nbsp;Uhr</p>', 28);
		expect(article.lines).toEqual(['Mein Workshop startet am', '14.\u00A0März um 10\u00A0Uhr']);
	});

	it('breaks long German words at soft hyphens and removes them elsewhere', async () => {
		const article = await render('<p>Die Donau&shy;dampf&shy;schiff&shy;fahrts&shy;gesellschaft und die Kreativ&shy;branche</p>', 24);
		expect(article.lines).toEqual(['Die Donaudampfschiff-', 'fahrtsgesellschaft und', 'die Kreativbranche']);
	});

	it('keeps umlauts, ß and typographic quotes', async () => {
		const article = await render('<p>„Größe“ – «Maß» … ‚Straße‘</p>');
		expect(article.lines).toEqual(['„Größe“ – «Maß» … ‚Straße‘']);
	});

	it('caps the text at the reading width on a wide pane', async () => {
		const html = `<p>${'Selbstständige brauchen Klarheit. '.repeat(20)}</p>`;
		const wide = await renderArticle(html, {width: 200, color: false, language: 'de'});
		expect(Math.max(...wide.lines.map((line) => displayWidth(line)))).toBeLessThanOrEqual(80);
		expect(Math.max(...wide.lines.map((line) => displayWidth(line)))).toBeGreaterThan(60);
		const narrow = await renderArticle(html, {width: 200, readingWidth: 50, color: false, language: 'de'});
		expect(Math.max(...narrow.lines.map((line) => displayWidth(line)))).toBeLessThanOrEqual(50);
	});

	it('draws a table that fits with aligned columns', async () => {
		const html = '<table><thead><tr><th>Paket</th><th>Preis</th></tr></thead><tbody><tr><td>Start</td><td>290&nbsp;€</td></tr><tr><td>Begleitung</td><td>1.290&nbsp;€</td></tr></tbody></table>';
		expect((await render(html)).lines).toEqual(['  Paket      │ Preis', '  ───────────┼────────', '  Start      │ 290\u00A0€', '  Begleitung │ 1.290\u00A0€']);
	});

	it('turns a table too wide for the width into key: value blocks', async () => {
		const html = '<table><tr><th>Leistung</th><th>Hinweise zur Buchung</th></tr><tr><td>Vorgespräch</td><td>kostenlos, jederzeit absagbar ohne Angabe von Gründen</td></tr></table>';
		expect((await render(html, 40)).lines).toEqual(['Leistung: Vorgespräch', 'Hinweise zur Buchung: kostenlos,', '  jederzeit absagbar ohne Angabe von', '  Gründen']);
	});

	it('indents code, keeps its spacing and marks where a line too long is cut', async () => {
		const html = '<pre><code class="language-python">def f():\n\treturn [tag for tag in ["Montag", "Dienstag", "Mittwoch"]]</code></pre>';
		expect((await render(html, 40)).lines).toEqual(['  def f():', '      return [tag for tag in           →', '      ↪ ["Montag", "Dienstag",         →', '      ↪ "Mittwoch"]]']);
	});

	it('never breaks code like prose at a narrow width: each cut is marked and the line comes back whole', async () => {
		const line = '    return [f"{start + timedelta(days=i)}_{tag}" for i, tag in enumerate(tage)]';
		const html = `<pre><code>def wochenordner(start):\n${line}\nx = "Übergrößenträgerinnenverbandsvorsitzende"</code></pre>`;
		for (const width of [24, 30, 41]) {
			const {lines} = await render(html, width);
			for (const row of lines) expect(displayWidth(row)).toBeLessThanOrEqual(width);
			// Rows of one code line: all but the last end in → at the right edge, all but the first start with ↪.
			const start = lines.findIndex((row) => row.startsWith('      return'));
			const end = lines.findIndex((row, index) => index > start && !row.endsWith('→'));
			const rows = lines.slice(start, end + 1);
			expect(rows.length).toBeGreaterThan(1);
			for (const row of rows.slice(0, -1)) expect(displayWidth(row)).toBe(width);
			// Continuation rows keep the line's indent, then ↪.
			for (const row of rows.slice(1)) expect(row).toMatch(/^ {6}↪ \S/);
			const rejoined = rows.map((row) => row.replace(/^ *↪ /, '').replace(/ *→$/, '')).join('');
			expect(rejoined.replace(/\s+/g, '')).toBe(line.replace(/\s+/g, ''));
		}
	});

	it('keeps inline code in the paragraph and text that looks like HTML as text', async () => {
		const html = '<p>Mit <code>wochenordner()</code> und dem Tag &lt;div&gt; im Text.</p>';
		expect((await render(html)).lines).toEqual(['Mit wochenordner() und dem Tag <div> im Text.']);
	});

	it('renders plain-text content with paragraphs and escaped markup', async () => {
		const article = await renderPlainText('Hallo <b>Welt</b>!\n\nZweiter Absatz\nmit Umbruch.', plain());
		expect(article.lines).toEqual(['Hallo <b>Welt</b>!', '', 'Zweiter Absatz', 'mit Umbruch.']);
	});
});

describe('narrow panes', () => {
	it('never draws a line wider than a very narrow pane', async () => {
		const html = '<h2>Häufige Fragen</h2><details><summary>Was kostet das Erstgespräch?</summary><ul><li>Nichts, es ist kostenlos.<ul><li>Wirklich.</li></ul></li></ul></details><blockquote><blockquote><p>Verschachteltes Zitat mit 一期一会.</p></blockquote></blockquote><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>';
		for (const width of [1, 5, 12, 20]) {
			const article = await renderArticle(html, {width, color: true, language: 'de'});
			for (const line of article.lines) expect(displayWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
		}
	});
});

describe('styling', () => {
	it('styles only with colour on, and never leaves trailing spaces', async () => {
		const html = '<h2>Titel</h2><p>Die <strong>ehrliche</strong> Antwort mit einem <a href="https://a.example/">Link</a> und noch etwas mehr Text, der umbricht.</p><blockquote><p>Zitat</p></blockquote>';
		const styled = await renderArticle(html, {width: 40, color: true, language: 'de'});
		const unstyled = await renderArticle(html, {width: 40, color: false, language: 'de'});
		expect(styled.lines.join('\n')).toMatch(/\u001B\[/);
		expect(unstyled.lines.join('\n')).not.toMatch(/\u001B/);
		expect(styled.lines.map((line) => line.replace(/\u001B\[[0-9;]*m/g, ''))).toEqual(unstyled.lines);
		for (const line of styled.lines) expect(line.replace(/\u001B\[[0-9;]*m/g, '')).not.toMatch(/ $/);
	});
});
