import iconv from 'iconv-lite';
import {describe, expect, it} from 'vitest';
import {decodeBody} from '../../source/feeds/decode.js';
import {mayHoldMojibake, repairMojibake} from '../../source/feeds/mojibake.js';
import {parseFeed} from '../../source/feeds/parse.js';

// Issue 17, "Encodings that lie": bytes whose label (HTTP header, XML declaration or
// none) does not match what they are. Each case: the bytes, the Content-Type header, the text a reader must see.
const TITLE = 'Café „Grüße“ – très süß';

function feed(declaration: string | null, title: string): string {
	const head = declaration === null ? '<?xml version="1.0"?>' : `<?xml version="1.0" encoding="${declaration}"?>`;
	return `${head}<rss version="2.0"><channel><title>Kaffeehaus Weiß</title><item><title>${title}</title></item></channel></rss>`;
}

const bytes = (...parts: (string | number[])[]): Buffer =>
	Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

function utf32(text: string, littleEndian: boolean, bom: boolean): Buffer {
	const code = [...(bom ? '\uFEFF' : ''), ...text].map((character) => character.codePointAt(0)!);
	const buffer = Buffer.alloc(code.length * 4);
	code.forEach((point, index) => (littleEndian ? buffer.writeUInt32LE(point, index * 4) : buffer.writeUInt32BE(point, index * 4)));
	return buffer;
}

describe('decoding bytes whose label lies', () => {
	it.each<[string, Buffer, string | null, string]>([
		['UTF-8 bytes declared windows-1252 stay UTF-8', bytes(feed('windows-1252', TITLE)), null, feed('windows-1252', TITLE)],
		['UTF-8 bytes declared ISO-8859-1 stay UTF-8', bytes(feed('ISO-8859-1', TITLE)), null, feed('ISO-8859-1', TITLE)],
		['UTF-8 bytes declared ISO-8859-15 stay UTF-8', bytes(feed('ISO-8859-15', TITLE)), null, feed('ISO-8859-15', TITLE)],
		['UTF-8 bytes served as charset=iso-8859-1 stay UTF-8', bytes(feed(null, TITLE)), 'text/xml; charset=iso-8859-1', feed(null, TITLE)],
		['Latin-1 bytes declared UTF-8 are windows-1252', iconv.encode(feed('UTF-8', TITLE), 'windows-1252'), null, feed('UTF-8', TITLE)],
		['Latin-1 bytes without any declaration are windows-1252', iconv.encode(feed(null, TITLE), 'windows-1252'), null, feed(null, TITLE)],
		[
			'cp1252 smart quotes inside UTF-8 text become “ ” ’ – — …',
			bytes('<t>Grüße ', [0x93], 'Tipp', [0x94], ' Peter', [0x92], 's ', [0x96], ' gut ', [0x97], ' mehr', [0x85], '</t>'),
			'application/rss+xml; charset=UTF-8',
			'<t>Grüße “Tipp” Peter’s – gut — mehr…</t>',
		],
		[
			'cp1252 smart quotes inside ISO-8859-1 text become „ “',
			bytes('<?xml version="1.0" encoding="ISO-8859-1"?><t>', [0x84, 0x47, 0x72, 0xfc, 0xdf, 0x65, 0x93], '</t>'),
			null,
			'<?xml version="1.0" encoding="ISO-8859-1"?><t>„Grüße“</t>',
		],
		['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(feed('UTF-16', TITLE), 'utf16le')]), null, feed('UTF-16', TITLE)],
		['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(feed('UTF-16', TITLE), 'utf16be')]), null, feed('UTF-16', TITLE)],
		['UTF-16BE without BOM', iconv.encode(feed('UTF-16', TITLE), 'utf16be'), null, feed('UTF-16', TITLE)],
		['UTF-16LE without BOM or declaration', iconv.encode('<rss><channel><title>Grüße</title></channel></rss>', 'utf16le'), null, '<rss><channel><title>Grüße</title></channel></rss>'],
		['UTF-32LE with BOM', utf32(feed('UTF-32', TITLE), true, true), null, feed('UTF-32', TITLE)],
		['UTF-32BE with BOM', utf32(feed('UTF-32', TITLE), false, true), null, feed('UTF-32', TITLE)],
		['UTF-32LE without BOM', utf32(feed('UTF-32', TITLE), true, false), null, feed('UTF-32', TITLE)],
		['UTF-32BE without BOM', utf32(feed('UTF-32', TITLE), false, false), null, feed('UTF-32', TITLE)],
		[
			'a UTF-8 BOM wins over an ISO-8859-1 declaration',
			bytes([0xef, 0xbb, 0xbf], feed('ISO-8859-1', TITLE)),
			'text/xml; charset=windows-1252',
			feed('ISO-8859-1', TITLE),
		],
		[
			'a UTF-16LE BOM wins over a UTF-8 declaration and header',
			Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(feed('UTF-8', TITLE), 'utf16le')]),
			'text/xml; charset=utf-8',
			feed('UTF-8', TITLE),
		],
	])('%s', (_, body, contentType, expected) => {
		expect(decodeBody(body, contentType)).toBe(expected);
	});

	it('keeps real windows-1252 text that only looks like UTF-8 in one place as windows-1252', () => {
		// "Ã©" is valid UTF-8 (é), but the lone ü after it is not: the document is not UTF-8.
		const latin = iconv.encode(feed('windows-1252', 'SÃ© und Grüße'), 'windows-1252');
		expect(decodeBody(latin, null)).toBe(feed('windows-1252', 'SÃ© und Grüße'));
	});
});

describe('repairMojibake', () => {
	it.each([
		['â€™ and â€ž/â€œ become ’ „ “', 'Peterâ€™s â€žTippâ€œ', 'Peter’s „Tipp“'],
		['Ã¤ Ã¶ Ã¼ ÃŸ become ä ö ü ß', 'GrÃ¼ÃŸe aus KÃ¶ln, schÃ¤dlich', 'Grüße aus Köln, schädlich'],
		['â€¦ and â€“ become … and –', 'Mehr â€¦ â€“ bald', 'Mehr … – bald'],
		['markup around it stays', '<p>Ãœber <a href="/x">uns</a></p>', '<p>Über <a href="/x">uns</a></p>'],
	])('%s', (_, input, expected) => {
		expect(repairMojibake(input)).toBe(expected);
	});

	it.each([
		['a legitimate Ã on its own', 'Ã é a letra'],
		['Ã followed by a space', 'SÃO PAULO Ã 12'],
		['mojibake beside a real umlaut', 'GrÃ¼ÃŸe aus Köln'],
		['mojibake beside a character outside windows-1252', 'GrÃ¼ÃŸe → Köln'],
		['plain German text', '„Grüße aus Köln – 5 €“'],
	])('leaves %s alone', (_, input) => {
		expect(repairMojibake(input)).toBe(input);
	});
});

describe('parsing feeds with lying encodings', () => {
	it('turns numeric references to 128–159 into the windows-1252 characters they mean', async () => {
		const xml = '<rss version="2.0"><channel><title>Praxis Weiß</title><item><title>Peter&#146;s &#147;Tipp&#148; &#150; gut&#133; &#128;5 &#x92;x&#x92;</title><guid>p1</guid></item></channel></rss>';
		const result = await parseFeed(xml, 'https://praxis-weiss.de/feed/');
		expect('items' in result && result.items[0]?.title).toBe('Peter’s “Tipp” – gut… €5 ’x’');
	});

	it('repairs double-encoded UTF-8 in titles, authors and bodies', async () => {
		const xml = `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>KaffeehÃ¤user</title>
<item><title>Ãœber GrÃ¶ÃŸe â€“ ein Leitfaden</title><dc:creator>JÃ¶rg WeiÃŸ</dc:creator><guid>p1</guid>
<description><![CDATA[<p>Peterâ€™s â€žTippâ€œ fÃ¼r Sie</p>]]></description></item></channel></rss>`;
		const result = await parseFeed(xml, 'https://kaffee.example.de/feed/');
		if (!('items' in result)) throw new Error(result.message);
		expect(result.title).toBe('Kaffeehäuser');
		expect(result.items[0]).toMatchObject({title: 'Über Größe – ein Leitfaden', author: 'Jörg Weiß', summary: '<p>Peter’s „Tipp“ für Sie</p>'});
	});

	it('repairs double-encoded UTF-8 written as references, numeric or named, and in base64 content', async () => {
		const body = Buffer.from('<p>GrÃ¼ÃŸe aus KÃ¶ln</p>', 'utf8').toString('base64');
		const atom = (entry: string) => `<feed xmlns="http://purl.org/atom/ns#" version="0.3"><title>Praxis</title><entry><id>e1</id>${entry}</entry></feed>`;
		const references = await parseFeed(atom('<title>&#195;&#156;ber Gr&#xC3;&#xB6;&#xC3;&#x9F;e</title><author><name>J&Atilde;&para;rg</name></author>'), 'https://praxis.example.de/atom.xml');
		if (!('items' in references)) throw new Error(references.message);
		expect(references.items[0]).toMatchObject({title: 'Über Größe', author: 'Jörg'});
		// Base64 hides the text from any scan of the document.
		const base64 = await parseFeed(atom(`<title>Grüße</title><content type="text/html" mode="base64">${body}</content>`), 'https://praxis.example.de/atom.xml');
		if (!('items' in base64)) throw new Error(base64.message);
		expect(base64.items[0]).toMatchObject({title: 'Grüße', content: '<p>Grüße aus Köln</p>'});
	});
});

describe('the mojibake check of a whole document', () => {
	const clean = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kaffeehaus Weiß</title>
<item><title>Größe, Übermut &amp; „Grüße“ – très süß … 20 €</title><description><![CDATA[<p>Äpfel, Öl, Straße — “quoted” ’n’ ÄÖÜ äöü ß&nbsp;&#8217;</p>]]></description></item></channel></rss>`;

	it.each([
		['a double-encoded umlaut', clean.replace('Größe', 'GrÃ¶ÃŸe')],
		['a double-encoded quote', clean.replace('„Grüße“', 'â€žGrüßeâ€œ')],
		['a lead character followed by a reference', clean.replace('Größe', 'Gr&#195;&#182;&#195;&#159;e')],
		['a lead character as a hex reference', clean.replace('Größe', 'Gr&#xc3;&#xB6;e')],
		['a lead character, then a continuation as a reference', clean.replace('Größe', 'GrÃ&#182;e')],
	])('is seen in %s', (_name, xml) => {
		expect(mayHoldMojibake(xml)).toBe(true);
	});

	it('finds nothing in a clean German feed, so that its fields are not checked one by one', () => {
		expect(mayHoldMojibake(clean)).toBe(false);
	});
});
