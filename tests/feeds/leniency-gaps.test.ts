import iconv from 'iconv-lite';
import {describe, expect, it} from 'vitest';
import {parseDate} from '../../source/feeds/dates.js';
import {decodeBody} from '../../source/feeds/decode.js';
import {parseFeed} from '../../source/feeds/parse.js';
import {escapeStrayTags} from '../../source/feeds/repair.js';
import type {FeedItem, ParsedFeed} from '../../source/feeds/types.js';

// Issue 17, the bullets the first pass left open: `<` that is no tag, categories
// (dc:subject), relative ids, Atom 0.3 base64/xml modes, every zone name of the list,
// impossible dates, bare `&` in urls, undefined prefixes, non-ASCII relative urls, and
// the encoding when the HTTP header and the document disagree.

const FEED_URL = 'https://praxis-weiss.de/feed/';

async function parsed(xml: string, feedUrl = FEED_URL): Promise<ParsedFeed> {
	const result = await parseFeed(xml, feedUrl);
	if ('kind' in result) throw new Error(result.message);
	return result;
}

async function firstItem(xml: string): Promise<FeedItem> {
	const item = (await parsed(xml)).items[0];
	if (item === undefined) throw new Error('no item');
	return item;
}

const rss = (items: string, namespaces = ''): string =>
	`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"${namespaces}><channel><title>Praxis Weiß</title><link>https://praxis-weiss.de/</link>\n${items}\n</channel></rss>`;

describe('a `<` in text that starts no tag', () => {
	it.each([
		['a comparison at the end of a title', '<title>Ende: a<b</title>', 'Ende: a<b'],
		['a comparison inside a title', '<title>Wenn a<b gilt, gilt dann b>a?</title>', 'Wenn a<b gilt, gilt dann b>a?'],
		['a comparison before punctuation', '<title>Ungleichung x<y, und jetzt?</title>', 'Ungleichung x<y, und jetzt?'],
		['a price', '<title>Preis < 5 € – „günstig“</title>', 'Preis < 5 € – „günstig“'],
		['a heart', '<title>Wir <3 Kaffee</title>', 'Wir <3 Kaffee'],
		['a comparison with an unquoted-looking rest', '<title>Wenn a<b und b>c</title>', 'Wenn a<b und b>c'],
	])('keeps %s as text', async (_, title, expected) => {
		const item = await firstItem(rss(`<item>${title}<link>https://praxis-weiss.de/?p=1</link></item>`));
		expect(item.title).toBe(expected);
	});

	it('keeps unescaped HTML in a description as markup (void elements, elements with end tags)', async () => {
		const item = await firstItem(rss('<item><title>Bild</title><link>https://praxis-weiss.de/?p=2</link><description><p>Foto: <img src=bild.jpg> und <a href=kontakt.html>Kontakt</a></p></description></item>'));
		expect(item.summary).toBe('<p>Foto: <img src="https://praxis-weiss.de/bild.jpg"> und <a href="https://praxis-weiss.de/kontakt.html">Kontakt</a></p>');
	});

	it('stays linear in a document full of stray `<` (200 000 of them, each a new name)', () => {
		const title = Array.from({length: 200_000}, (_, index) => `a<b${index} `).join('');
		const escaped = escapeStrayTags(`<rss><channel><item><title>${title}</title></item></channel></rss>`);
		expect(escaped).toContain('a&lt;b0 a&lt;b1 ');
		expect(escaped).toContain('a&lt;b199999 </title>');
	});

	it('still reports a tag name no repair can guess', async () => {
		const result = await parseFeed(rss('<item><title>A</title><wp$thumb>bild.jpg</wp$thumb></item>'), FEED_URL);
		expect(result).toMatchObject({kind: 'failed', reason: 'parse-error'});
	});

	it('keeps RSS titles with real markup as HTML', async () => {
		const item = await firstItem(rss('<item><title>Warum &lt;em&gt;Nein&lt;/em&gt; sagen &amp;amp; gut</title><link>https://praxis-weiss.de/?p=3</link></item>'));
		expect(item.title).toBe('Warum Nein sagen & gut');
	});
});

describe('categories', () => {
	it.each([
		['RSS category and dc:subject, each once', rss('<item><title>A</title><link>https://praxis-weiss.de/a</link><category><![CDATA[Führung]]></category><category>Coaching &amp; Beratung</category><dc:subject>Führung</dc:subject><dc:subject>Selbstständigkeit</dc:subject></item>'), ['Führung', 'Coaching & Beratung', 'Selbstständigkeit']],
		['dc:subject in RSS 1.0', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://praxis-weiss.de/"><title>Praxis</title><link>https://praxis-weiss.de/</link></channel><item rdf:about="https://praxis-weiss.de/a"><title>A</title><link>https://praxis-weiss.de/a</link><dc:subject>Supervision</dc:subject></item></rdf:RDF>', ['Supervision']],
		['Atom category label, else term, and dc:subject', '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"><title>P</title><entry><id>tag:praxis-weiss.de,2026:1</id><title>A</title><category term="fuehrung" label="Führung &amp; Haltung"/><category term="coaching"/><dc:subject>Ökologie</dc:subject></entry></feed>', ['Führung & Haltung', 'coaching', 'Ökologie']],
		['JSON Feed tags', JSON.stringify({version: 'https://jsonfeed.org/version/1.1', title: 'P', items: [{id: '1', title: 'A', tags: ['Akquise', '', 7, 'akquise', '<b>Preise</b>']}]}), ['Akquise', '<b>Preise</b>']],
	])('%s', async (_, document, expected) => {
		expect((await firstItem(document)).categories).toEqual(expected);
	});

	it('is absent when an entry names none', async () => {
		expect((await firstItem(rss('<item><title>A</title><link>https://praxis-weiss.de/a</link></item>'))).categories).toBeUndefined();
	});
});

describe('relative ids', () => {
	it('keep the id as written (the cache knows the entry by it) and use a root-relative permalink guid as the link', async () => {
		const item = await firstItem(rss('<item xml:base="https://praxis-weiss.de/blog/"><title>Über Grenzen</title><guid>/2026/12/über-grenzen/</guid></item>'));
		expect(item.id).toBe('/2026/12/über-grenzen/');
		expect(item.link).toBe('https://praxis-weiss.de/2026/12/%C3%BCber-grenzen/');
	});

	it.each([
		['a guid that is no url', '<guid>beitrag-17</guid>'],
		['a guid that is no permalink', '<guid isPermaLink="false">/2026/12/a/</guid>'],
		['a protocol-relative guid', '<guid>//cdn.example.de/a</guid>'],
	])('never take %s for the link', async (_, guid) => {
		expect((await firstItem(rss(`<item><title>A</title>${guid}</item>`))).link).toBeNull();
	});
});

describe('Atom 0.3 modes', () => {
	const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64').replace(/(.{20})/g, '$1\n');
	const atom03 = (entry: string): string =>
		`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title mode="base64">${base64('Grüße aus Köln')}</title><link rel="alternate" type="text/html" href="https://koeln.example.de/"/>${entry}</feed>`;

	it('decodes base64 feed titles, entry titles and content', async () => {
		const feed = await parsed(atom03(`<entry><id>tag:koeln,1</id><title mode="base64" type="text/plain">${base64('„Teil 2“ – Dom & Rhein')}</title><link rel="alternate" href="https://koeln.example.de/2"/><content mode="base64" type="text/html">${base64('<p>Ein <b>fetter</b> Gruß &amp; mehr</p>')}</content></entry>`));
		expect(feed.title).toBe('Grüße aus Köln');
		expect(feed.items[0]).toMatchObject({title: '„Teil 2“ – Dom & Rhein', content: '<p>Ein <b>fetter</b> Gruß &amp; mehr</p>'});
	});

	it('reads mode="xml" titles and summaries as markup and mode="escaped" content as HTML', async () => {
		const feed = await parsed(atom03('<entry><id>tag:koeln,2</id><title mode="xml" type="application/xhtml+xml"><div xmlns="http://www.w3.org/1999/xhtml">Ein <em>xml</em>-Titel</div></title><link rel="alternate" href="https://koeln.example.de/3"/><summary mode="xml" type="application/xhtml+xml"><div xmlns="http://www.w3.org/1999/xhtml">Kurz: <em>wichtig</em></div></summary><content mode="escaped" type="text/html">&lt;p&gt;Escaped &amp;amp; gut&lt;/p&gt;</content></entry>'));
		expect(feed.items[0]).toMatchObject({title: 'Ein xml-Titel', summary: 'Kurz: <em>wichtig</em>', content: '<p>Escaped &amp; gut</p>'});
	});
});

describe('zone names', () => {
	// Every name the issue lists, the US ones and the military letters (read as UTC, RFC 2822 §4.3).
	it.each([
		['MET', '09:00'], ['MEST', '08:00'], ['CET', '09:00'], ['CEST', '08:00'], ['WET', '10:00'], ['WEST', '09:00'],
		['EET', '08:00'], ['EEST', '07:00'], ['BST', '09:00'], ['IST', '04:30'], ['JST', '01:00'], ['AEST', '00:00'],
		['UT', '10:00'], ['Z', '10:00'], ['GMT', '10:00'], ['Etc/GMT', '10:00'], ['GMT+01:00', '09:00'], ['GMT-01:01', '11:01'], ['UTC+2', '08:00'],
		['EST', '15:00'], ['EDT', '14:00'], ['CST', '16:00'], ['CDT', '15:00'], ['MST', '17:00'], ['MDT', '16:00'],
		['PST', '18:00'], ['PDT', '17:00'], ['AKST', '19:00'], ['HST', '20:00'],
		['A', '10:00'], ['M', '10:00'], ['N', '10:00'], ['Y', '10:00'],
		['EAT', '07:00'], ['SAST', '08:00'], ['BRT', '13:00'],
	])('reads %s in RFC 822 and ISO dates', (zone, utc) => {
		expect(parseDate(`Mon, 07 Dec 2026 10:00:00 ${zone}`)).toBe(`2026-12-07T${utc}:00.000Z`);
		if (zone.length > 1) expect(parseDate(`2026-12-07 10:00:00 ${zone}`)).toBe(`2026-12-07T${utc}:00.000Z`);
	});

	it('gives no date for a zone nobody knows, rather than a guess', () => {
		expect(parseDate('2026-12-07 10:00 XYZ')).toBeNull();
		expect(parseDate('Mon, 07 Dec 2026 10:00:00 XYZ')).toBeNull();
	});
});

describe('impossible dates', () => {
	it.each([
		'2026-02-31T10:00:00Z', '2026-13-01', '2026-12-07T25:00:00Z', '2026-12-07T10:61:00Z', '2026-02-29',
		'Tue, 31 Feb 2026 10:00:00 GMT', 'Mon, 07 Dec 2026 24:30:00 GMT', 'Mon, 32 Dec 2026 10:00:00 GMT', '2026-366', '2026-W54-1', '31.02.2026',
	])('%s is no date', (text) => {
		expect(parseDate(text)).toBeNull();
	});

	it('an entry with an impossible date has none, not a shifted one', async () => {
		const item = await firstItem(rss('<item><title>A</title><link>https://praxis-weiss.de/a</link><pubDate>Tue, 31 Feb 2026 10:00:00 +0100</pubDate></item>'));
		expect(item.published).toBeNull();
	});
});

describe('urls', () => {
	it('reads bare ampersands in links, enclosures and Atom hrefs', async () => {
		expect((await firstItem(rss('<item><title>A</title><link>https://praxis-weiss.de/?p=17&lang=de&seite=2</link></item>'))).link).toBe('https://praxis-weiss.de/?p=17&lang=de&seite=2');
		const feed = await parsed('<feed xmlns="http://www.w3.org/2005/Atom"><title>P</title><entry><id>tag:p,1</id><title>A</title><link rel="alternate" href="https://praxis-weiss.de/?p=1&amp;x=1&y=2"/></entry></feed>');
		expect(feed.items[0]!.link).toBe('https://praxis-weiss.de/?p=1&x=1&y=2');
	});

	it.each([
		['a path with umlauts', 'beiträge/grüße.html', 'https://praxis-weiss.de/blog/beitr%C3%A4ge/gr%C3%BC%C3%9Fe.html'],
		['a query with umlauts and a space', '?suche=Größe Ähnlichkeit', 'https://praxis-weiss.de/blog/?suche=Gr%C3%B6%C3%9Fe%20%C3%84hnlichkeit'],
		['a fragment with an umlaut', '#über', 'https://praxis-weiss.de/blog/#%C3%BCber'],
		['a root-relative path', '/über-mich/', 'https://praxis-weiss.de/%C3%BCber-mich/'],
	])('resolves %s as a browser does', async (_, href, expected) => {
		const item = await firstItem(rss(`<item xml:base="https://praxis-weiss.de/blog/"><title>A</title><link>${href}</link></item>`));
		expect(item.link).toBe(expected);
	});

	it('resolves non-ASCII relative urls in content against the entry', async () => {
		const item = await firstItem(rss('<item><title>A</title><link>https://praxis-weiss.de/2026/a/</link><description><![CDATA[<a href="../grüße/">Grüße</a>]]></description></item>'));
		expect(item.summary).toBe('<a href="https://praxis-weiss.de/2026/gr%C3%BC%C3%9Fe/">Grüße</a>');
	});
});

describe('undefined namespace prefixes', () => {
	it.each([
		['on an unknown element of an item', '<item><title>A</title><link>https://praxis-weiss.de/a</link><wfw:commentRss>https://praxis-weiss.de/a/feed/</wfw:commentRss><slash:comments>3</slash:comments></item>', 'A'],
		['on an attribute', '<item><title>B</title><link>https://praxis-weiss.de/b</link><enclosure url="https://praxis-weiss.de/b.mp3" length="1" type="audio/mpeg" podcast:duration="12"/></item>', 'B'],
		['on the title itself, used when nothing better exists', '<item><ns0:title>C</ns0:title><link>https://praxis-weiss.de/c</link></item>', 'C'],
	])('are tolerated %s', async (_, item, title) => {
		expect((await firstItem(rss(item))).title).toBe(title);
	});
});

describe('when the HTTP header and the document disagree', () => {
	const document = (declaration: string, text: string): string =>
		`<?xml version="1.0" encoding="${declaration}"?><rss version="2.0"><channel><title>${text}</title></channel></rss>`;
	const titleOf = async (body: Buffer, contentType: string | null): Promise<string> => (await parsed(decodeBody(body, contentType))).title;

	it.each<[string, Buffer, string | null, string]>([
		// The bytes prove a label wrong: valid UTF-8 under a single-byte label is UTF-8.
		['header Latin-1, declaration UTF-8, UTF-8 bytes', Buffer.from(document('UTF-8', 'Grüße aus Köln'), 'utf8'), 'application/rss+xml; charset=ISO-8859-1', 'Grüße aus Köln'],
		// A moved blog: the new server stamps UTF-8, the document keeps its own declaration.
		['header UTF-8, declaration ISO-8859-1, Latin-1 bytes', iconv.encode(document('ISO-8859-1', 'Grüße aus Köln'), 'latin1'), 'text/xml; charset=UTF-8', 'Grüße aus Köln'],
		['header UTF-8, declaration windows-1251, Cyrillic bytes', iconv.encode(document('windows-1251', 'Привет из Кёльна'), 'win1251'), 'application/xml; charset=utf-8', 'Привет из Кёльна'],
		['header Latin-1, declaration UTF-8, Latin-1 bytes', iconv.encode(document('UTF-8', 'très café'), 'latin1'), 'text/xml; charset=ISO-8859-1', 'très café'],
		['header windows-1252, no declaration, UTF-8 bytes', Buffer.from('<rss version="2.0"><channel><title>Grüße</title></channel></rss>', 'utf8'), 'text/xml; charset=windows-1252', 'Grüße'],
		['header UTF-8, declaration UTF-16, UTF-8 bytes', Buffer.from(document('UTF-16', 'Grüße'), 'utf8'), 'application/xml; charset=utf-8', 'Grüße'],
		// The BOM beats both (WHATWG BOM sniff, XML 1.0 appendix F).
		['a UTF-16LE BOM against a UTF-8 header and declaration', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(document('UTF-8', 'Grüße'), 'utf16le')]), 'text/xml; charset=utf-8', 'Grüße'],
	])('%s', async (_, body, contentType, expected) => {
		expect(await titleOf(body, contentType)).toBe(expected);
	});
});
