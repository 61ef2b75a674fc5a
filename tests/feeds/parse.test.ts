import {describe, expect, it} from 'vitest';
import {isFailure} from '../../source/failure.js';
import {parseFeed} from '../../source/feeds/parse.js';
import type {FeedItem, ParsedFeed} from '../../source/feeds/types.js';

const FEED_URL = 'https://www.kanzlei-berger.de/feed/';

async function parsed(text: string, feedUrl = FEED_URL): Promise<ParsedFeed> {
	const result = await parseFeed(text, feedUrl);
	if (isFailure(result)) throw new Error(`expected a feed, got ${result.message}`);
	return result;
}

async function onlyItem(text: string): Promise<FeedItem> {
	const feed = await parsed(text);
	expect(feed.items).toHaveLength(1);
	return feed.items[0]!;
}

function rss(items: string, channel = '<title>Kanzlei Berger</title><link>https://www.kanzlei-berger.de/</link>'): string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">
<channel>${channel}${items}</channel></rss>`;
}

function atom(entries: string, feedAttributes = '', head = '<title>Beratungsnotizen</title>'): string {
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"${feedAttributes}>${head}<id>urn:uuid:1</id><updated>2025-11-01T00:00:00Z</updated>${entries}</feed>`;
}

describe('parseFeed: what is not a feed', () => {
	it.each([
		['an HTML page', '<!DOCTYPE html><html><head><title>Willkommen</title></head><body><p>Hallo</p></body></html>', 'it looks like an HTML page'],
		['an HTML page without a doctype', '<html lang="de"><body>Wartungsmodus</body></html>', 'it looks like an HTML page'],
		['a WordPress login page', '\n<!DOCTYPE html>\n<html lang="de-DE"><head><title>Anmelden ‹ Praxis</title></head><body class="login"><form id="loginform"></form></body></html>', 'it looks like an HTML page'],
		['an empty body', '', 'the document is empty'],
		['a body of blanks', ' \n\t \n', 'the document is empty'],
		['plain text', 'Diese Seite ist vorübergehend nicht erreichbar.', 'it looks like plain text'],
		['a sitemap', '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.de/</loc></url></urlset>', 'its root element is <urlset>'],
		['JSON that is not a JSON Feed', '{"error": "Nicht gefunden"}', 'it is JSON, but not a JSON Feed'],
	])('rejects %s as not-a-feed, naming the url', async (_, text, why) => {
		const result = await parseFeed(text, FEED_URL);
		expect(result).toEqual({kind: 'failed', reason: 'not-a-feed', message: `${FEED_URL} is not a feed (${why})`});
	});

	it('reports hopelessly broken XML as a one-line parse error naming the url', async () => {
		// Missing and misordered end tags are repaired (leniency-broken-xml.test.ts); a tag name no repair can guess is not.
		const result = await parseFeed('<rss version="2.0"><channel><title>Kaputt</title><item><wp$thumb>x</wp$thumb></item></channel></rss>', FEED_URL);
		expect(isFailure(result) && result.reason).toBe('parse-error');
		expect(isFailure(result) && result.message).toMatch(/^https:\/\/www\.kanzlei-berger\.de\/feed\/ could not be parsed: \S/);
		expect(isFailure(result) && result.message).not.toMatch(/[\n]|    at /);
	});

	it('reports broken JSON as a parse error', async () => {
		const result = await parseFeed('{"version": "https://jsonfeed.org/version/1.1", "items": [', FEED_URL);
		expect(isFailure(result) && result.reason).toBe('parse-error');
	});
});

describe('parseFeed: recoverable feeds are repaired, not rejected', () => {
	it('reads <rss> without a version attribute as RSS 2.0', async () => {
		const feed = await parsed('<rss><channel><title>Ohne Version</title><item><title>Eintrag</title><guid>a</guid></item></channel></rss>');
		expect(feed.format).toBe('rss');
		expect(feed.items.map((item) => item.title)).toEqual(['Eintrag']);
	});

	it('turns HTML named entities into the characters they mean, in text and attributes', async () => {
		const item = await onlyItem(
			rss('<item><title>&bdquo;Gr&uuml;&szlig;e&ldquo; &ndash; 5&nbsp;&euro; &hellip;</title><link>https://x.de/?a=1&amp;b=&auml;</link></item>'),
		);
		expect(item.title).toBe('„Grüße“ – 5 € …');
		expect(item.link).toBe('https://x.de/?a=1&b=%C3%A4');
	});

	it('reads a bare ampersand as a literal one', async () => {
		const item = await onlyItem(rss('<item><title>Steuern & Recht</title><link>https://x.de/?p=1&lang=de</link></item>'));
		expect(item.title).toBe('Steuern & Recht');
		expect(item.link).toBe('https://x.de/?p=1&lang=de');
	});

	it('drops control characters and whole escape sequences', async () => {
		const item = await onlyItem(rss('<item><title>Mahn\u0007verfahren \u001B]52;c;ZXZpbA==\u0007erkl\u00E4rt\u0001</title><guid>m</guid></item>'));
		expect(item.title).toBe('Mahnverfahren erklärt');
	});

	it('accepts a BOM and blank lines before the XML declaration, and junk after the root', async () => {
		const feed = await parsed(`\uFEFF\n\n  ${rss('<item><title>Eins</title><guid>1</guid></item>')}\n<br />\n<b>Warning</b>: headers already sent`);
		expect(feed.items.map((item) => item.title)).toEqual(['Eins']);
	});

	it('leaves CDATA sections alone while repairing around them', async () => {
		const item = await onlyItem(
			rss('<item><title>A &auml; B</title><guid>c</guid><content:encoded><![CDATA[<p>&auml; & &bogus; &amp;</p>]]></content:encoded></item>'),
		);
		expect(item.content).toBe('<p>&auml; & &bogus; &amp;</p>');
	});

	it('keeps the feed when one entry has an unreadable date', async () => {
		const feed = await parsed(
			atom(`<entry><title>Kaputt</title><id>a</id><published>nächste Woche</published><updated>1:2:3:4</updated></entry>
<entry><title>Gut</title><id>b</id><published>2025-11-03T09:15:00+01:00</published><updated>2025-11-03T10:00:00+01:00</updated></entry>`),
		);
		expect(feed.items.map((item) => [item.title, item.published, item.updated])).toEqual([
			['Kaputt', null, null],
			['Gut', '2025-11-03T08:15:00.000Z', '2025-11-03T09:00:00.000Z'],
		]);
	});

	it('keeps an RSS feed whose item has a garbage pubDate', async () => {
		const feed = await parsed(rss('<item><title>A</title><guid>a</guid><pubDate>Invalid Date</pubDate></item><item><title>B</title><guid>b</guid><pubDate>Di, 04 Nov 2025 10:00:00 +0100</pubDate></item>'));
		expect(feed.items.map((item) => item.published)).toEqual([null, '2025-11-04T09:00:00.000Z']);
	});

	it('keeps raw HTML in an RSS description as HTML, in order', async () => {
		const item = await onlyItem(rss('<item><guid>h</guid><title>T</title><description><p>Hallo <b>Welt</b> und <a href="https://x.de/mehr">mehr</a></p></description></item>'));
		expect(item.summary).toBe('<p>Hallo <b>Welt</b> und <a href="https://x.de/mehr">mehr</a></p>');
	});

	it('keeps raw HTML in an RSS title in order and shows it as text', async () => {
		const item = await onlyItem(rss('<item><guid>h</guid><title><b>Neu:</b> Preise < 100&nbsp;€</title></item>'));
		expect(item.title).toBe('Neu: Preise < 100 €');
	});

	it('keeps raw HTML in Atom html content', async () => {
		const item = await onlyItem(atom('<entry><id>x</id><title>T</title><content type="html"><p>Zeile<br>zwei &amp; <em>drei</em></p></content></entry>'));
		expect(item.content).toBe('<p>Zeile<br>zwei &amp; <em>drei</em></p>');
	});

	it('reads an Atom feed whose elements carry a namespace prefix', async () => {
		const feed = await parsed('<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>Präfix</atom:title><atom:entry><atom:title>Eintrag</atom:title><atom:id>urn:1</atom:id></atom:entry></atom:feed>');
		expect([feed.title, feed.items.map((item) => item.title)]).toEqual(['Präfix', ['Eintrag']]);
	});

	it.each(['<rss version="2.0"></rss>', '<rss/>', '<feed/>', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'])(
		'reads the well-formed empty document %s as a valid feed without entries, not a crash (issue 17)',
		async (text) => {
			const result = await parseFeed(text, FEED_URL);
			expect(result).toMatchObject({title: 'www.kanzlei-berger.de', items: []});
		},
	);

	it('survives an Atom link without attributes', async () => {
		const item = await onlyItem(atom('<entry><title>Alt</title><id>x</id><link>https://www.kanzlei-berger.de/alt</link></entry>', '', '<title>T</title><link>https://www.kanzlei-berger.de/</link>'));
		expect(item.link).toBe('https://www.kanzlei-berger.de/alt');
	});
});

describe('parseFeed: Atom content', () => {
	it('strips the xhtml wrapper div and keeps the markup in order', async () => {
		const item = await onlyItem(
			atom('<entry><id>x</id><title>T</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hallo <b>Welt</b>, schön <i>hier</i> &amp; da!</p></div></content></entry>'),
		);
		expect(item.content).toBe('<p>Hallo <b>Welt</b>, schön <i>hier</i> &amp; da!</p>');
	});

	it('strips a prefixed xhtml wrapper and the prefixes inside it', async () => {
		const item = await onlyItem(
			atom('<entry><id>x</id><title>T</title><content type="xhtml"><xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml"><xhtml:p>Grüße</xhtml:p></xhtml:div></content></entry>'),
		);
		expect(item.content).toBe('<p>Grüße</p>');
	});

	it('flattens an xhtml title to its text', async () => {
		const item = await onlyItem(atom('<entry><id>x</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Die <em>drei</em> Fragen</div></title></entry>'));
		expect(item.title).toBe('Die drei Fragen');
	});

	it('escapes text content so that markup in it is shown literally, keeping line breaks', async () => {
		const item = await onlyItem(atom('<entry><id>x</id><title>T</title><content type="text">Nutze &lt;b&gt; sparsam.\nWirklich.</content></entry>'));
		expect(item.content).toBe('<p>Nutze &lt;b&gt; sparsam.<br>Wirklich.</p>');
	});

	it('decodes Atom 0.3 base64 content', async () => {
		const html = '<p>Übung macht den Meister.</p>';
		const item = await onlyItem(
			atom(`<entry><id>x</id><title>T</title><content type="text/html" mode="base64">${Buffer.from(html).toString('base64')}</content></entry>`),
		);
		expect(item.content).toBe(html);
	});

	it('resolves relative urls against xml:base on feed, entry and content', async () => {
		const item = await onlyItem(
			atom(
				`<entry xml:base="blog/2025/"><id>x</id><title>T</title><link href="mein-artikel"/>
<content type="html" xml:base="bilder/">&lt;img src="a.png"&gt; &lt;a href="/impressum"&gt;Impressum&lt;/a&gt; &lt;a href="#fn1"&gt;1&lt;/a&gt;</content></entry>`,
				' xml:base="https://www.kanzlei-berger.de/de/"',
			),
		);
		expect(item.link).toBe('https://www.kanzlei-berger.de/de/blog/2025/mein-artikel');
		expect(item.content).toBe(
			'<img src="https://www.kanzlei-berger.de/de/blog/2025/bilder/a.png"> <a href="https://www.kanzlei-berger.de/impressum">Impressum</a> <a href="#fn1">1</a>',
		);
	});

	it('resolves a link against its own xml:base', async () => {
		const item = await onlyItem(atom('<entry><id>x</id><title>T</title><link xml:base="https://www.kanzlei-berger.de/archiv/" href="2019/alt.html"/></entry>'));
		expect(item.link).toBe('https://www.kanzlei-berger.de/archiv/2019/alt.html');
	});

	it('reads application/xhtml+xml content as inline XHTML', async () => {
		const item = await onlyItem(atom('<entry><id>x</id><title>T</title><content type="application/xhtml+xml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Erst <b>das</b>, dann das.</p></div></content></entry>'));
		expect(item.content).toBe('<p>Erst <b>das</b>, dann das.</p>');
	});

	it('resolves content urls against the entry link when there is no xml:base', async () => {
		const item = await onlyItem(rss('<item><title>T</title><link>https://www.kanzlei-berger.de/blog/erbrecht/</link><content:encoded><![CDATA[<img src="bild.jpg" srcset="bild.jpg 1x, bild-2x.jpg 2x"><video src="/v.mp4" poster="p.jpg"></video>]]></content:encoded></item>'));
		expect(item.content).toContain('src="https://www.kanzlei-berger.de/blog/erbrecht/bild.jpg"');
		expect(item.content).toContain('srcset="https://www.kanzlei-berger.de/blog/erbrecht/bild.jpg 1x, https://www.kanzlei-berger.de/blog/erbrecht/bild-2x.jpg 2x"');
		expect(item.content).toContain('src="https://www.kanzlei-berger.de/v.mp4"');
		expect(item.content).toContain('poster="https://www.kanzlei-berger.de/blog/erbrecht/p.jpg"');
	});

	it('maps Atom 0.3 issued and modified, and the tagline', async () => {
		const feed = await parsed(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Alt</title><tagline>Seit 2004</tagline>
<entry><title>T</title><id>x</id><issued>2004-06-01T10:00:00+02:00</issued><modified>2004-06-02T10:00:00+02:00</modified></entry></feed>`);
		expect(feed.description).toBe('Seit 2004');
		expect([feed.items[0]!.published, feed.items[0]!.updated]).toEqual(['2004-06-01T08:00:00.000Z', '2004-06-02T08:00:00.000Z']);
	});

	it('maps the Atom subtitle and inherits the feed author', async () => {
		const feed = await parsed(atom('<entry><title>T</title><id>x</id></entry>', '', '<title>T</title><subtitle>Mediation &amp; Konfliktberatung</subtitle><author><name>Jürgen Maaß</name></author>'));
		expect(feed.description).toBe('Mediation & Konfliktberatung');
		expect(feed.items[0]!.author).toBe('Jürgen Maaß');
	});
});

describe('parseFeed: RSS fields rss-parser leaves out', () => {
	it('maps dc:date, dcterms:modified and dc:description', async () => {
		const feed = await parsed(
			rss(
				'<item><title>T</title><guid>x</guid><dc:date>2025-03-03T12:00:00+01:00</dc:date><dcterms:modified>2025-03-04T12:00:00+01:00</dcterms:modified></item>',
				'<title>T</title><dc:description>Rechtsberatung für Gründerinnen</dc:description>',
			),
		);
		expect(feed.description).toBe('Rechtsberatung für Gründerinnen');
		expect([feed.items[0]!.published, feed.items[0]!.updated]).toEqual(['2025-03-03T11:00:00.000Z', '2025-03-04T11:00:00.000Z']);
	});

	it.each([
		['60', 60],
		[' 1440 ', 1440],
		['0', null],
		['-5', null],
		['eine Stunde', null],
		['1.5', null],
	])('reads ttl %j as %j minutes', async (ttl, minutes) => {
		const feed = await parsed(rss('', `<title>T</title><ttl>${ttl}</ttl>`));
		expect(feed.ttlMinutes).toBe(minutes);
	});
});

describe('parseFeed: normalization', () => {
	it('uses the guid, else the link, else a stable hash as id', async () => {
		const text = rss(`<item><title>Mit Guid</title><guid isPermaLink="false">post-1</guid><link>https://x.de/1</link></item>
<item><title>Mit Link</title><link>https://x.de/2</link></item>
<item><title>Ohne alles</title><pubDate>Mon, 03 Nov 2025 09:15:00 +0100</pubDate></item>`);
		const first = await parsed(text);
		const second = await parsed(text);
		expect(first.items[0]!.id).toBe('post-1');
		expect(first.items[1]!.id).toBe('https://x.de/2');
		expect(first.items[2]!.id).toMatch(/^[0-9a-f]{40}$/);
		expect(second.items[2]!.id).toBe(first.items[2]!.id);
	});

	it('gives entries without guid, link, title or date different ids when their texts differ', async () => {
		const feed = await parsed(rss('<item><description>Erster Hinweis</description></item><item><description>Zweiter Hinweis</description></item>'));
		expect(feed.items).toHaveLength(2);
		expect(feed.items[0]!.id).not.toBe(feed.items[1]!.id);
	});

	it('keeps the first of two entries with the same id', async () => {
		const feed = await parsed(rss('<item><title>Erste</title><guid>dup</guid></item><item><title>Zweite</title><guid>dup</guid></item>'));
		expect(feed.items.map((item) => item.title)).toEqual(['Erste']);
	});

	it('uses an RSS permalink guid as the link when there is no link', async () => {
		const item = await onlyItem(rss('<item><title>T</title><guid>https://x.de/beitrag</guid></item>'));
		expect(item.link).toBe('https://x.de/beitrag');
	});

	it('makes titles plain single-line text', async () => {
		const item = await onlyItem(rss('<item><guid>t</guid><title><![CDATA[<b>Neu:</b>   Coaching &amp;\n Supervision&nbsp;]]></title></item>'));
		expect(item.title).toBe('Neu: Coaching & Supervision');
	});

	it('cuts a title longer than 1000 characters with an ellipsis', async () => {
		const item = await onlyItem(rss(`<item><guid>t</guid><title>${'Ärger '.repeat(300)}</title></item>`));
		expect(item.title.length).toBeLessThanOrEqual(1000);
		expect(item.title.endsWith('…')).toBe(true);
	});

	it('names an untitled entry by its first words, else its link, else (untitled)', async () => {
		const feed = await parsed(
			rss(`<item><guid>a</guid><description>&lt;p&gt;Kurz notiert: Unsere Praxis bleibt vom 22. Dezember bis zum 2. Januar geschlossen. Wir wünschen frohe Feiertage!&lt;/p&gt;</description></item>
<item><guid>b</guid><link>https://x.de/ohne-titel</link></item>
<item><guid>c</guid></item>`),
		);
		expect(feed.items.map((item) => item.title)).toEqual([
			'Kurz notiert: Unsere Praxis bleibt vom 22. Dezember bis zum 2. Januar…',
			'https://x.de/ohne-titel',
			'(untitled)',
		]);
	});

	it.each([
		['<dc:creator>Sabine Groß</dc:creator>', 'Sabine Groß'],
		['<author>kontakt@praxis-lenz.de (Dr. Anna Lenz)</author>', 'Dr. Anna Lenz'],
		['<author>Anna Lenz &lt;kontakt@praxis-lenz.de&gt;</author>', 'Anna Lenz'],
		['<author>kontakt@praxis-lenz.de</author>', 'kontakt@praxis-lenz.de'],
		['', null],
	])('shows the author of %s as %j', async (element, author) => {
		const item = await onlyItem(rss(`<item><guid>a</guid><title>T</title>${element}</item>`));
		expect(item.author).toBe(author);
	});

	it('keeps content and summary apart, and drops a summary equal to the content', async () => {
		const feed = await parsed(
			rss(`<item><guid>a</guid><title>A</title><description>Kurz.</description><content:encoded><![CDATA[<p>Lang.</p>]]></content:encoded></item>
<item><guid>b</guid><title>B</title><description>&lt;p&gt;Gleich.&lt;/p&gt;</description><content:encoded><![CDATA[<p>Gleich.</p>]]></content:encoded></item>`),
		);
		expect(feed.items.map((item) => [item.content, item.summary])).toEqual([
			['<p>Lang.</p>', 'Kurz.'],
			['<p>Gleich.</p>', null],
		]);
	});

	it('keeps only http(s) links and resolves relative ones against the feed url', async () => {
		const feed = await parsed(
			rss(`<item><guid>a</guid><title>A</title><link>javascript:alert(1)</link></item>
<item><guid>b</guid><title>B</title><link>/kontakt</link></item>
<item><guid>c</guid><title>C</title><link>data:text/html,hallo</link></item>
<item><guid>d</guid><title>D</title><link> https://x.de/leerzeichen </link></item>`),
		);
		expect(feed.items.map((item) => item.link)).toEqual([null, 'https://www.kanzlei-berger.de/kontakt', null, 'https://x.de/leerzeichen']);
	});

	it('names a feed without title and without a web address (untitled)', async () => {
		const feed = await parsed(rss('', ''), 'file:///home/jana/feeds/');
		expect(feed.title).toBe('(untitled)');
	});

	it('names a feed without title by its host', async () => {
		const feed = await parsed(rss('', '<link>https://www.praxis-lenz.de/</link>'));
		expect(feed.title).toBe('www.praxis-lenz.de');
	});
});
