import {describe, expect, it} from 'vitest';
import {inlineXhtmlAsHtml, repairXml, rootElementName, wrapUnescapedHtml} from '../../source/feeds/repair.js';

describe('repairXml', () => {
	it.each([
		['HTML named entities become numeric references', '<t>Gr&uuml;&szlig;e&nbsp;&bdquo;x&ldquo;</t>', '<t>Gr&#252;&#223;e&#160;&#8222;x&#8220;</t>'],
		['an entity for two code points keeps both', '<t>&NotEqualTilde;</t>', '<t>&#8770;&#824;</t>'],
		['the five XML entities stay', '<t a="&quot;">&amp;&lt;&gt;&apos;</t>', '<t a="&quot;">&amp;&lt;&gt;&apos;</t>'],
		['numeric references stay', '<t>&#228;&#xE4;</t>', '<t>&#228;&#xE4;</t>'],
		['a bare ampersand is escaped', '<t a="?a=1&b=2">Q&A & mehr</t>', '<t a="?a=1&amp;b=2">Q&amp;A &amp; mehr</t>'],
		['an unknown entity name is escaped as text', '<t>AT&T;</t>', '<t>AT&amp;T;</t>'],
		['an entity without semicolon is escaped as text', '<t>&auml</t>', '<t>&amp;auml</t>'],
		['CDATA is not touched', '<t><![CDATA[&auml; & &bogus;]]></t>', '<t><![CDATA[&auml; & &bogus;]]></t>'],
		['comments are not touched', '<t><!-- Tipps & Tricks --></t>', '<t><!-- Tipps & Tricks --></t>'],
		['control characters are dropped, tab and newline kept', '<t>a\u0000b\u0008c\u000Bd\te\nf</t>', '<t>abcd\te\nf</t>'],
		['an escape sequence goes whole', '<t>rot\u001B[31m!</t>', '<t>rot!</t>'],
		['BOM and blanks before the declaration go', '\uFEFF\n  <?xml version="1.0"?><t/>', '<?xml version="1.0"?><t/>'],
		['a < that cannot start a tag is escaped', '<t>Preise < 100 €, 1 <3 Coaching</t>', '<t>Preise &lt; 100 €, 1 &lt;3 Coaching</t>'],
		['junk after the root element goes', '<rss><c/></rss>\n<b>Warning</b>: x', '<rss><c/></rss>'],
	])('%s', (_, input, expected) => {
		expect(repairXml(input)).toBe(expected);
	});

	it('leaves CDATA, comments and processing instructions as they are, however many', () => {
		const sections = '<![CDATA[a & b <c>]]><!-- d & e --><?pi f & g?>'.repeat(500);
		expect(repairXml(`<t>${sections}AT&T</t>`)).toBe(`<t>${sections}AT&amp;T</t>`);
	});

	it('changes nothing in a well-formed feed', () => {
		const feed = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Weiß &amp; Partner</title><item><description><![CDATA[<p>Grüße&nbsp;&amp; mehr</p>]]></description></item></channel></rss>`;
		expect(repairXml(feed)).toBe(feed);
	});
});

describe('rootElementName', () => {
	it.each([
		['<?xml version="1.0"?><!-- x --><rdf:RDF xmlns:rdf="r"/>', 'rdf:RDF'],
		['<!DOCTYPE html><html lang="de">', 'html'],
		['<?xml version="1.0"?>', null],
		['<!-- <altes-template> --><?php echo "<kein>"; ?>\n<feed xmlns="http://www.w3.org/2005/Atom">', 'feed'],
		['<!-- nie geschlossen <rss>', null],
	])('finds the root of %j', (input, expected) => {
		expect(rootElementName(input)).toBe(expected);
	});
});

describe('inlineXhtmlAsHtml', () => {
	it('wraps inline XHTML in CDATA without its div and relabels it html', () => {
		expect(inlineXhtmlAsHtml('<content type="xhtml" xml:base="b/"><div xmlns="http://www.w3.org/1999/xhtml"><p>A <b>B</b></p></div></content>')).toBe(
			'<content type="html" xml:base="b/"><![CDATA[<p>A <b>B</b></p>]]></content>',
		);
	});

	it('keeps a literal ]]> inside the XHTML from ending the CDATA', () => {
		expect(inlineXhtmlAsHtml('<summary type="xhtml"><div>a]]>b</div></summary>')).toBe('<summary type="html"><![CDATA[a]]]]><![CDATA[>b]]></summary>');
	});

	it('wraps raw HTML in an html construct in CDATA', () => {
		expect(inlineXhtmlAsHtml('<content type="html"><p>Zeile<br>zwei</p></content>')).toBe('<content type="html"><![CDATA[<p>Zeile<br>zwei</p>]]></content>');
	});

	it('leaves text and escaped html constructs alone', () => {
		const xml = '<title type="text">A &lt;b&gt;</title><content type="html">&lt;p&gt;x&lt;/p&gt;</content>';
		expect(inlineXhtmlAsHtml(xml)).toBe(xml);
	});
});

describe('wrapUnescapedHtml', () => {
	it('wraps raw HTML in a description in CDATA', () => {
		expect(wrapUnescapedHtml('<description><p>Hallo <b>Welt</b></p></description>')).toBe('<description><![CDATA[<p>Hallo <b>Welt</b></p>]]></description>');
	});

	it('leaves escaped HTML and CDATA alone', () => {
		const xml = '<description>&lt;p&gt;x&lt;/p&gt;</description><content:encoded><![CDATA[<p>y</p>]]></content:encoded>';
		expect(wrapUnescapedHtml(xml)).toBe(xml);
	});
});
