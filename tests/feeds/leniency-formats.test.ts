import {describe, expect, it} from 'vitest';
import {canonicalPrefixes, entryAsFeed, itemsOutOfChannel} from '../../source/feeds/namespaces.js';
import {parseFeed} from '../../source/feeds/parse.js';
import type {FeedItem, ParsedFeed} from '../../source/feeds/types.js';

// Issue 17, "Namespaces and formats". Whole feeds are golden fixtures
// (rss2-namespace-fallbacks.xml, rdf-unusual-prefixes.xml, atom-entry-document.xml);
// here one bullet per case.
const FEED_URL = 'https://www.heimatverein-obermoos.de/feed/';

async function parsed(xml: string): Promise<ParsedFeed> {
	const result = await parseFeed(xml, FEED_URL);
	if ('kind' in result) throw new Error(result.message);
	return result;
}

const NAMESPACES =
	'xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/" xmlns:xhtml="http://www.w3.org/1999/xhtml"';
const rssItem = (item: string): string => `<rss version="2.0" ${NAMESPACES}><channel><title>Heimatverein</title><item>${item}</item></channel></rss>`;

async function onlyItem(xml: string): Promise<FeedItem> {
	const feed = await parsed(xml);
	expect(feed.items).toHaveLength(1);
	return feed.items[0]!;
}

describe('fallback elements of other vocabularies inside RSS', () => {
	it.each<[string, string, Partial<FeedItem>]>([
		['atom:title stands in for a missing title', '<atom:title>Die alte Mühle</atom:title><guid>m</guid>', {title: 'Die alte Mühle'}],
		['dc:title stands in for a missing title', '<dc:title>Die alte Mühle</dc:title><guid>m</guid>', {title: 'Die alte Mühle'}],
		['title wins over atom:title', '<title>RSS-Titel</title><atom:title>Atom-Titel</atom:title><guid>m</guid>', {title: 'RSS-Titel'}],
		['atom:link rel=alternate stands in for a missing link', '<title>M</title><atom:link rel="alternate" href="https://obermoos.de/m"/>', {link: 'https://obermoos.de/m'}],
		['atom:link rel=self is never the link', '<title>M</title><guid>m</guid><atom:link rel="self" href="https://obermoos.de/feed"/>', {link: null}],
		['an enclosure is never the link', '<title>M</title><guid>m</guid><enclosure url="https://obermoos.de/m.mp3" type="audio/mpeg" length="1"/>', {link: null}],
		['atom:author’s name stands in for a missing author', '<title>M</title><guid>m</guid><atom:author><atom:name>Gertrud Maier</atom:name></atom:author>', {author: 'Gertrud Maier'}],
		['dc:creator with an e-mail in parentheses shows the name', '<title>M</title><guid>m</guid><dc:creator>Gertrud Maier (g.maier@obermoos.de)</dc:creator>', {author: 'Gertrud Maier'}],
		['dc:creator with an e-mail in angle brackets shows the name', '<title>M</title><guid>m</guid><dc:creator>Gertrud Maier &lt;g.maier@obermoos.de&gt;</dc:creator>', {author: 'Gertrud Maier'}],
		['itunes:author stands in for a missing author', '<title>M</title><guid>m</guid><itunes:author>Gertrud Maier</itunes:author>', {author: 'Gertrud Maier'}],
		['dc:identifier is the id when there is no guid', '<title>M</title><dc:identifier>urn:obermoos:17</dc:identifier>', {id: 'urn:obermoos:17'}],
		['guid wins over dc:identifier', '<title>M</title><guid>g-17</guid><dc:identifier>urn:obermoos:17</dc:identifier>', {id: 'g-17'}],
		['atom:content stands in for content:encoded', '<title>M</title><guid>m</guid><atom:content type="html">&lt;p&gt;Gebaut &lt;b&gt;1873&lt;/b&gt;&lt;/p&gt;</atom:content>', {content: '<p>Gebaut <b>1873</b></p>'}],
		['atom:content of type text is escaped', '<title>M</title><guid>m</guid><atom:content type="text">a &lt;b&gt; c</atom:content>', {content: '<p>a &lt;b&gt; c</p>'}],
		['content:encoded wins over atom:content', '<title>M</title><guid>m</guid><content:encoded>&lt;p&gt;Voll&lt;/p&gt;</content:encoded><atom:content type="html">&lt;p&gt;Atom&lt;/p&gt;</atom:content>', {content: '<p>Voll</p>'}],
		['xhtml:body stands in for content, its markup kept', '<title>M</title><guid>m</guid><xhtml:body><xhtml:p>Die <xhtml:em>alte</xhtml:em> Mühle</xhtml:p></xhtml:body>', {content: '<p>Die <em>alte</em> Mühle</p>'}],
		['atom:summary stands in for a missing description', '<title>M</title><guid>m</guid><atom:summary>Kurz &amp; bündig</atom:summary>', {summary: '<p>Kurz &amp; bündig</p>'}],
		['itunes:summary stands in for a missing description', '<title>M</title><guid>m</guid><itunes:summary>Eine Folge über Mühlen</itunes:summary>', {summary: '<p>Eine Folge über Mühlen</p>'}],
		['title, link and description in an unknown namespace stand in when nothing better exists', '<x:title xmlns:x="urn:eigenes">Die alte Mühle</x:title><x:link xmlns:x="urn:eigenes">https://obermoos.de/m</x:link><x:description xmlns:x="urn:eigenes">Gebaut 1873</x:description>', {title: 'Die alte Mühle', link: 'https://obermoos.de/m', summary: 'Gebaut 1873'}],
		['an element in an unknown namespace never wins over the real one', '<title>Echt</title><link>https://obermoos.de/echt</link><x:title xmlns:x="urn:eigenes">Fremd</x:title><x:link xmlns:x="urn:eigenes">https://fremd.de/</x:link>', {title: 'Echt', link: 'https://obermoos.de/echt'}],
		['media:description stands in for a missing description', '<title>M</title><guid>m</guid><media:description>Foto der Mühle</media:description>', {summary: '<p>Foto der Mühle</p>'}],
	])('%s', async (_, item, expected) => {
		expect(await onlyItem(rssItem(item))).toMatchObject(expected);
	});

	it('takes the feed’s title, site link and description from atom: and itunes: elements when RSS gives none', async () => {
		const feed = await parsed(
			`<rss version="2.0" ${NAMESPACES}><channel><atom:title>Obermoos</atom:title><atom:link rel="self" href="https://obermoos.de/feed"/><atom:link rel="alternate" type="text/html" href="https://obermoos.de/"/><itunes:summary>Dorfchronik</itunes:summary></channel></rss>`,
		);
		expect(feed).toMatchObject({title: 'Obermoos', link: 'https://obermoos.de/', description: 'Dorfchronik'});
	});
});

describe('choosing among several links', () => {
	const atomEntry = (links: string): string =>
		`<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><id>urn:1</id><title>E</title>${links}</entry></feed>`;

	it.each([
		['alternate text/html before alternate without type', '<link rel="alternate" href="https://o.de/a"/><link rel="alternate" type="text/html" href="https://o.de/html"/>', 'https://o.de/html'],
		['alternate without type before a link without rel', '<link href="https://o.de/ohne-rel"/><link rel="alternate" href="https://o.de/alt"/>', 'https://o.de/alt'],
		['a link without rel before an alternate of another type', '<link rel="alternate" type="application/pdf" href="https://o.de/x.pdf"/><link href="https://o.de/ohne-rel"/>', 'https://o.de/ohne-rel'],
		['an alternate of another type when nothing better exists', '<link rel="alternate" type="application/pdf" href="https://o.de/x.pdf"/>', 'https://o.de/x.pdf'],
		['a link without href is skipped', '<link rel="alternate" type="text/html"/><link href="https://o.de/da"/>', 'https://o.de/da'],
		['enclosure, self, edit and replies are never the link', '<link rel="enclosure" href="https://o.de/a.mp3"/><link rel="self" href="https://o.de/s"/><link rel="edit" href="https://o.de/e"/><link rel="replies" type="text/html" href="https://o.de/r"/>', null],
	])('%s', async (_, links, expected) => {
		expect((await onlyItem(atomEntry(links))).link).toBe(expected);
	});

	it('chooses the feed’s site link the same way', async () => {
		const feed = await parsed('<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><link rel="self" href="https://o.de/feed"/><link rel="alternate" href="https://o.de/plain"/><link rel="alternate" type="text/html" href="https://o.de/"/></feed>');
		expect(feed.link).toBe('https://o.de/');
	});
});

describe('formats and shapes', () => {
	it.each([
		['<rss></rss>', 'rss'],
		['<rss version="2.0"><channel></channel></rss>', 'rss'],
		['<feed/>', 'atom'],
		['<feed xmlns="http://www.w3.org/2005/Atom"></feed>', 'atom'],
		['<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"></rdf:RDF>', 'rdf'],
	])('reads the well-formed empty feed %s as a valid feed without entries', async (xml, format) => {
		expect(await parsed(xml)).toMatchObject({format, items: []});
	});

	it('reads a standalone Atom entry document as a feed of one entry', async () => {
		const item = await onlyItem('<entry xmlns="http://www.w3.org/2005/Atom"><id>urn:e</id><title>Allein</title><link href="https://o.de/allein"/><updated>2025-11-04T10:00:00Z</updated></entry>');
		expect(item).toMatchObject({id: 'urn:e', title: 'Allein', link: 'https://o.de/allein', published: '2025-11-04T10:00:00.000Z'});
	});

	it.each([
		['RSS 1.0 with items inside the channel', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://o.de/"><title>O</title><link>https://o.de/</link><item rdf:about="https://o.de/1"><title>Eins</title><link>https://o.de/1</link></item></channel></rdf:RDF>'],
		['RSS 0.90 with items outside the channel', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>O</title><link>https://o.de/</link></channel><item><title>Eins</title><link>https://o.de/1</link></item></rdf:RDF>'],
		['RSS 0.90 with items inside the channel', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>O</title><link>https://o.de/</link><item><title>Eins</title><link>https://o.de/1</link></item></channel></rdf:RDF>'],
		['RSS 1.0 with every element prefixed', '<x:RDF xmlns:x="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:r="http://purl.org/rss/1.0/"><r:channel><r:title>O</r:title><r:link>https://o.de/</r:link></r:channel><r:item x:about="https://o.de/1"><r:title>Eins</r:title><r:link>https://o.de/1</r:link></r:item></x:RDF>'],
		['RSS 0.91', '<rss version="0.91"><channel><title>O</title><link>https://o.de/</link><language>de</language><item><title>Eins</title><link>https://o.de/1</link></item></channel></rss>'],
		['RSS 0.92', '<rss version="0.92"><channel><title>O</title><link>https://o.de/</link><item><title>Eins</title><link>https://o.de/1</link><source url="https://x.de/rss">X</source></item></channel></rss>'],
		['RSS 0.93', '<rss version="0.93"><channel><title>O</title><link>https://o.de/</link><item><title>Eins</title><link>https://o.de/1</link><pubDate>Tue, 04 Nov 2025 10:00:00 GMT</pubDate></item></channel></rss>'],
		['RSS 0.94', '<rss version="0.94"><channel><title>O</title><link>https://o.de/</link><item><title>Eins</title><link>https://o.de/1</link></item></channel></rss>'],
		['Dublin Core bound to an unusual prefix', '<rss version="2.0" xmlns:dublin="http://purl.org/dc/elements/1.1/"><channel><title>O</title><link>https://o.de/</link><item><dublin:title>Eins</dublin:title><link>https://o.de/1</link></item></channel></rss>'],
		['Atom bound to an unusual prefix', '<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>O</a:title><a:link href="https://o.de/"/><a:entry><a:id>1</a:id><a:title>Eins</a:title><a:link href="https://o.de/1"/></a:entry></a:feed>'],
	])('reads %s', async (_, xml) => {
		const feed = await parsed(xml);
		expect({title: feed.title, link: feed.link, items: feed.items.map((item) => [item.title, item.link])}).toEqual({
			title: 'O',
			link: 'https://o.de/',
			items: [['Eins', 'https://o.de/1']],
		});
	});
});

describe('the shape helpers leave ordinary documents alone', () => {
	const wordpress = '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>T</title><item><title>I</title></item></channel></rss>';

	it('returns the very same string for canonical prefixes, RSS 2.0 items and feed documents', () => {
		expect(canonicalPrefixes(wordpress, false)).toBe(wordpress);
		expect(itemsOutOfChannel('<rdf:RDF><channel><title>T</title></channel><item><title>I</title></item></rdf:RDF>')).toBe('<rdf:RDF><channel><title>T</title></channel><item><title>I</title></item></rdf:RDF>');
		expect(entryAsFeed('<?xml version="1.0"?><feed><title>T</title></feed>')).toBe('<?xml version="1.0"?><feed><title>T</title></feed>');
	});

	it('does not rename a prefix onto one that is bound to something else', () => {
		const xml = '<rss xmlns:dc="urn:eigenes" xmlns:d="http://purl.org/dc/elements/1.1/"><channel><d:title>T</d:title></channel></rss>';
		expect(canonicalPrefixes(xml, false)).toBe(xml);
	});
});
