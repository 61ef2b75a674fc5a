import {describe, expect, it} from 'vitest';
import {parseFeed} from '../../source/feeds/parse.js';
import {rebuildXml} from '../../source/feeds/rebuild.js';
import {cutLeadingJunk, repairXml} from '../../source/feeds/repair.js';
import type {ParsedFeed} from '../../source/feeds/types.js';

// Issue 17, "Broken XML": documents a strict parser rejects and feedparser reads.
// (Whole WordPress-shaped feeds of each kind are golden fixtures: broken-truncated.xml,
// broken-unclosed-items.xml, broken-internal-entities.xml, broken-php-warning.xml.)

async function parsed(xml: string): Promise<ParsedFeed> {
	const result = await parseFeed(xml, 'https://praxis-weiss.de/feed/');
	if ('kind' in result) throw new Error(result.message);
	return result;
}

const titles = (feed: ParsedFeed): string[] => feed.items.map((item) => item.title);

describe('rebuildXml', () => {
	it.each([
		['closes an item before the next one opens', '<rss><channel><item><title>A</title><item><title>B</title></item></channel></rss>', '<rss><channel><item><title>A</title></item><item><title>B</title></item></channel></rss>'],
		['closes elements left open inside the element an end tag closes', '<rss><channel><item><title>A</title><description>x</channel></rss>', '<rss><channel><item><title>A</title><description>x</description></item></channel></rss>'],
		['drops an end tag that matches nothing', '<rss><channel><title>A</b></title></channel></rss>', '<rss><channel><title>A</title></channel></rss>'],
		['drops the item a truncated document ends in, keeps the complete ones', '<rss><channel><item><title>A</title></item><item><title>Hal', '<rss><channel><item><title>A</title></item></channel></rss>'],
		['keeps CDATA and attributes as they are', '<rss a="1&amp;2"><channel><item><description><![CDATA[<p>x & y</p>]]></description></channel>', '<rss a="1&amp;2"><channel><item><description><![CDATA[<p>x & y</p>]]></description></item></channel></rss>'],
		['keeps self-closing elements', '<feed><entry><link href="/a"/><title>A</title></feed>', '<feed><entry><link href="/a"></link><title>A</title></entry></feed>'],
	])('%s', (_, input, expected) => {
		expect(rebuildXml(input)).toBe(expected);
	});
});

describe('repairXml with entities of the internal DTD subset', () => {
	it('expands internal entities as text, nested ones too, HTML entities inside them included', () => {
		const xml = '<!DOCTYPE rss [<!ENTITY ort "K&ouml;ln"><!ENTITY gruss "Gr&#252;&#223;e aus &ort; &amp; <b>Bonn</b>">]><rss><t>&gruss;</t></rss>';
		expect(repairXml(xml)).toBe('<!DOCTYPE rss [<!ENTITY ort "K&ouml;ln"><!ENTITY gruss "Gr&#252;&#223;e aus &ort; &amp; <b>Bonn</b>">]><rss><t>Grüße aus Köln &amp; &lt;b&gt;Bonn&lt;/b&gt;</t></rss>');
	});

	it('never expands external or parameter entities, and leaves undeclared names as text', () => {
		const xml = '<!DOCTYPE rss [<!ENTITY ext SYSTEM "file:///etc/passwd"><!ENTITY % p "x">]><rss><t>&ext; &p; &nix;</t></rss>';
		expect(repairXml(xml)).toContain('<rss><t>&amp;ext; &amp;p; &amp;nix;</t></rss>');
	});

	it('keeps billion laughs impossible: an entity that would grow past the bound stays unexpanded', () => {
		let dtd = '<!ENTITY lol "lol">';
		for (let level = 1; level <= 9; level++) dtd += `<!ENTITY lol${level} "${`&lol${level === 1 ? '' : level - 1};`.repeat(10)}">`;
		const repaired = repairXml(`<!DOCTYPE rss [${dtd}]><rss><t>Witz &lol2; &lol9;</t></rss>`);
		expect(repaired.length).toBeLessThan(2000);
		expect(repaired).toContain(`<t>Witz ${'lol'.repeat(100)} &amp;lol9;</t>`);
	});

	it('stops expanding once a document has used up its budget', () => {
		const big = 'x'.repeat(4000);
		const repaired = repairXml(`<!DOCTYPE rss [<!ENTITY b "${big}">]><rss><t>${'&b;'.repeat(1000)}</t></rss>`);
		expect(repaired.length).toBeLessThan(1_100_000);
		expect(repaired).toContain('&amp;b;');
	});

	it('survives entities that refer to each other in a circle', () => {
		expect(repairXml('<!DOCTYPE rss [<!ENTITY a "&b;"><!ENTITY b "&a;">]><rss><t>&a;</t></rss>')).toContain('<t>&amp;a;</t>');
	});
});

describe('cutLeadingJunk', () => {
	it.each([
		['a PHP warning before the declaration goes', '<b>Warning</b>: x in <b>/var/www/f.php</b>\n<?xml version="1.0"?><rss/>', '<?xml version="1.0"?><rss/>'],
		['a debug line before the root goes', 'DEBUG 1\n<feed xmlns="http://www.w3.org/2005/Atom"/>', '<feed xmlns="http://www.w3.org/2005/Atom"/>'],
		['an HTML page quoting a feed stays an HTML page', '<!DOCTYPE html><html><pre>&lt;rss&gt;<rss></pre></html>', '<!DOCTYPE html><html><pre>&lt;rss&gt;<rss></pre></html>'],
		['plain text stays plain text', 'Nicht gefunden', 'Nicht gefunden'],
	])('%s', (_, input, expected) => {
		expect(cutLeadingJunk(input)).toBe(expected);
	});
});

describe('parsing broken XML', () => {
	const item = (title: string): string => `<item><title>${title}</title><guid>${title}</guid></item>`;

	it.each([
		['a missing </item>', `<rss><channel><title>T</title><item><title>Eins</title>${item('Zwei')}</channel></rss>`, ['Eins', 'Zwei']],
		['a truncated document', `<rss><channel><title>T</title>${item('Eins')}${item('Zwei')}<item><title>Dr`, ['Eins', 'Zwei']],
		['</rss without >', `<rss><channel><title>T</title>${item('Eins')}</channel></rss`, ['Eins']],
		['garbage before the declaration', `Warning: feed.php line 3\n<?xml version="1.0"?><rss><channel><title>T</title>${item('Eins')}</channel></rss>`, ['Eins']],
		['an undefined namespace prefix', `<rss><channel><title>T</title><item><title>Eins</title><wp:thumb>x</wp:thumb><guid>1</guid></item></channel></rss>`, ['Eins']],
		['bare & and < in text and urls', `<rss><channel><title>T</title><item><title>Q&A: Preise < 100 € & mehr</title><link>https://b.de/?a=1&b=2</link></item></channel></rss>`, ['Q&A: Preise < 100 € & mehr']],
		['an HTML entity XML does not define', `<rss><channel><title>T</title>${item('Gr&uuml;&szlig;e&nbsp;&rsquo;n&hellip;')}</channel></rss>`, ['Grüße ’n…']],
		['an entity of the internal subset', `<!DOCTYPE rss [<!ENTITY firma "Weiß &amp; Söhne">]><rss><channel><title>T</title>${item('Neu bei &firma;')}</channel></rss>`, ['Neu bei Weiß & Söhne']],
	])('reads a feed with %s', async (_, xml, expected) => {
		expect(titles(await parsed(xml))).toEqual(expected);
	});

	it('still names the first error when even the rebuilt document is unreadable', async () => {
		const result = await parseFeed('<rss><channel><title>T</title></channel><<<</rss>', 'https://praxis-weiss.de/feed/');
		expect('kind' in result ? 'failed' : 'parsed').toBe('parsed');
	});
});
