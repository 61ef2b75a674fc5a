import {describe, expect, it} from 'vitest';
import {parseFeed} from '../../source/feeds/parse.js';
import type {FeedItem} from '../../source/feeds/types.js';

// Issue 17, "Atom text constructs and escaping" (RFC 4287 §3.1; Atom 0.3 §3.1 for `mode`).
const atom1 = (entry: string): string => `<feed xmlns="http://www.w3.org/2005/Atom"><title>Kanzlei Berger</title><entry><id>urn:1</id>${entry}</entry></feed>`;
const atom03 = (entry: string): string => `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Kanzlei Berger</title><entry><id>urn:1</id>${entry}</entry></feed>`;
const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

async function onlyItem(xml: string): Promise<FeedItem> {
	const result = await parseFeed(xml, 'https://www.kanzlei-berger.de/feed/');
	if ('kind' in result) throw new Error(result.message);
	expect(result.items).toHaveLength(1);
	return result.items[0]!;
}

describe('Atom text constructs', () => {
	it.each<[string, string, Partial<FeedItem>]>([
		['type="text" is escaped when shown as HTML', atom1('<title type="text">1 &lt; 2 &amp; &lt;b&gt;</title><content type="text">Zeile &lt;eins&gt;\n\nZwei</content>'), {title: '1 < 2 & <b>', content: '<p>Zeile &lt;eins&gt;</p>\n<p>Zwei</p>'}],
		['type="html" is unescaped exactly once', atom1('<title type="html">&lt;b&gt;Fett&lt;/b&gt; &amp;amp; gut</title><content type="html">&lt;p&gt;a &amp;lt;b&amp;gt;&lt;/p&gt;</content>'), {title: 'Fett & gut', content: '<p>a &lt;b&gt;</p>'}],
		['type="xhtml" loses its wrapper div', atom1('<title>T</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hallo <b>Welt</b></p></div></content>'), {content: '<p>Hallo <b>Welt</b></p>'}],
		['type="xhtml" with a prefixed wrapper div', atom1('<title>T</title><content type="xhtml"><xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml"><xhtml:p>Hallo <xhtml:b>Welt</xhtml:b></xhtml:p></xhtml:div></content>'), {content: '<p>Hallo <b>Welt</b></p>'}],
		['type="xhtml" whose div holds escaped markup keeps it as text', atom1('<title>T</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">&lt;p&gt;wörtlich&lt;/p&gt;</div></content>'), {content: '&lt;p&gt;wörtlich&lt;/p&gt;'}],
		['an xhtml title becomes text, every character in place', atom1('<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Was gilt bei <em>Schimmel</em>? Das <b>Große</b> &amp; „Kleine“</div></title>'), {title: 'Was gilt bei Schimmel? Das Große & „Kleine“'}],
		['an html title with inline markup keeps its words together', atom1('<title type="html">Mietrecht: &lt;em&gt;Schimmel&lt;/em&gt;?</title>'), {title: 'Mietrecht: Schimmel?'}],
		['Atom 0.3 mode="escaped"', atom03('<title type="text/plain" mode="escaped">1 &lt; 2</title><content type="text/html" mode="escaped">&lt;p&gt;Hallo &lt;b&gt;Welt&lt;/b&gt;&lt;/p&gt;</content>'), {title: '1 < 2', content: '<p>Hallo <b>Welt</b></p>'}],
		['Atom 0.3 mode="xml"', atom03('<title>T</title><content type="application/xhtml+xml" mode="xml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hallo <b>Welt</b></p></div></content>'), {content: '<p>Hallo <b>Welt</b></p>'}],
		[
			'Atom 0.3 mode="base64" in title, content and summary',
			atom03(`<title mode="base64">${base64('Grüße „aus“ Köln')}</title><content mode="base64" type="text/html">${base64('<p>Grüße</p>')}</content><summary mode="base64">${base64('Grüße & < Text')}</summary>`),
			{title: 'Grüße „aus“ Köln', content: '<p>Grüße</p>', summary: '<p>Grüße &amp; &lt; Text</p>'},
		],
		['Atom 0.3 naked markup in a title (mode="xml" by default)', atom03('<title>Das <b>ist</b> fett &amp; gut</title>'), {title: 'Das ist fett & gut'}],
		['naked markup between words keeps the word order', atom03('<title>Naked <b>markup</b> title</title>'), {title: 'Naked markup title'}],
		['naked markup in Atom 1.0 content without a type', atom1('<title>T</title><content><p>Ohne <i>type</i></p></content>'), {content: '<p>Ohne <i>type</i></p>'}],
	])('%s', async (_, xml, expected) => {
		expect(await onlyItem(xml)).toMatchObject(expected);
	});
});
