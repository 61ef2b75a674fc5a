import iconv from 'iconv-lite';
import {describe, expect, it} from 'vitest';
import {decodeBody, detectEncoding} from '../../source/feeds/decode.js';
import {resolveEncodingLabel} from '../../source/feeds/encoding-labels.js';

const GREETING = '„Grüße aus Köln – 5 €“, sagt die Coachin, weiß und süß.';

function rss(encodingDeclaration: string | null, title: string): string {
	const declaration = encodingDeclaration === null ? '<?xml version="1.0"?>' : `<?xml version="1.0" encoding="${encodingDeclaration}"?>`;
	return `${declaration}
<rss version="2.0"><channel><title>Beratung Müller</title>
<item><title>${title}</title><description>Straße\u00A0Nr.\u00A012</description></item>
</channel></rss>`;
}

function html(meta: string, text: string): string {
	return `<!DOCTYPE html>
<html lang="de-DE">
<head>
${meta}
<title>Freiberufliche Lektorin | Jörg Weiß</title>
<link rel="stylesheet" id="wp-block-library-css" href="https://lektorat-weiss.de/wp-includes/css/dist/block-library/style.min.css?ver=6.4.2" media="all">
</head>
<body class="home blog"><p>${text}</p></body></html>`;
}

describe('decodeBody', () => {
	it('decodes UTF-8 with and without a byte order mark', () => {
		const bytes = Buffer.from(rss('UTF-8', GREETING), 'utf8');
		expect(decodeBody(bytes, null)).toBe(rss('UTF-8', GREETING));
		const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss(null, GREETING), 'utf8')]);
		expect(decodeBody(withBom, 'text/xml; charset=ISO-8859-1')).toBe(rss(null, GREETING));
	});

	it('decodes ISO-8859-1 as windows-1252, so that stray 0x80–0x9F bytes become quotes and €', () => {
		// Latin-1 has no € or typographic quotes; real "ISO-8859-1" blogs send the cp1252 bytes anyway.
		const bytes = iconv.encode(rss('ISO-8859-1', GREETING), 'windows-1252');
		expect(bytes.includes(0x84)).toBe(true);
		expect(decodeBody(bytes, 'application/rss+xml')).toBe(rss('ISO-8859-1', GREETING));
		expect(detectEncoding(bytes, null)).toBe('windows-1252');
	});

	it('decodes ISO-8859-15 with the euro sign at 0xA4', () => {
		const text = rss('ISO-8859-15', 'Grüße aus Köln – Honorar 5 € pro Seite, Straße');
		const bytes = iconv.encode(text.replace('–', '-'), 'iso-8859-15');
		expect(bytes.includes(0xa4)).toBe(true);
		expect(decodeBody(bytes, null)).toBe(text.replace('–', '-'));
	});

	it('decodes windows-1252 quotes, dash and euro', () => {
		const bytes = Buffer.concat([
			Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss><channel><title>'),
			Buffer.from([0x84, 0x47, 0x72, 0xfc, 0xdf, 0x65, 0x93, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80]),
			Buffer.from('</title></channel></rss>'),
		]);
		expect(decodeBody(bytes, null)).toBe('<?xml version="1.0" encoding="windows-1252"?><rss><channel><title>„Grüße“ – 5 €</title></channel></rss>');
	});

	it('decodes UTF-16LE with a byte order mark, and without one when the XML declaration shows it', () => {
		const text = rss('UTF-16', GREETING);
		const withBom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		expect(decodeBody(withBom, 'text/xml; charset=utf-8')).toBe(text);
		expect(decodeBody(Buffer.from(text, 'utf16le'), null)).toBe(text);
		expect(detectEncoding(iconv.encode(text, 'utf-16be'), null)).toBe('utf-16be');
	});

	it('trusts the XML declaration when the server says text/xml without a charset', () => {
		const bytes = iconv.encode(rss('iso-8859-1', GREETING), 'windows-1252');
		expect(decodeBody(bytes, 'text/xml')).toBe(rss('iso-8859-1', GREETING));
	});

	it('prefers the XML declaration over a charset in the Content-Type header', () => {
		const bytes = iconv.encode(rss('windows-1252', GREETING), 'windows-1252');
		expect(decodeBody(bytes, 'application/rss+xml; charset=UTF-8')).toBe(rss('windows-1252', GREETING));
	});

	it('uses the Content-Type charset when the document declares nothing', () => {
		const bytes = iconv.encode(rss(null, GREETING), 'windows-1252');
		expect(decodeBody(bytes, 'application/xml; charset="iso-8859-1"')).toBe(rss(null, GREETING));
	});

	it('reads the charset of an HTML page from <meta charset> and from http-equiv', () => {
		const page = html('<meta charset="windows-1252">', GREETING);
		expect(decodeBody(iconv.encode(page, 'windows-1252'), 'text/html; charset=UTF-8')).toBe(page);
		const legacy = html('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15" />', 'Grüße, Straße, 5 €');
		expect(decodeBody(iconv.encode(legacy, 'iso-8859-15'), 'text/html')).toBe(legacy);
	});

	it('ignores a meta charset inside a commented-out template block', () => {
		const page = html('<!-- <meta charset="iso-8859-1"> --><meta charset="utf-8">', GREETING);
		expect(decodeBody(Buffer.from(page, 'utf8'), null)).toBe(page);
	});

	it('does not take a meta tag quoted inside a feed for the feed’s charset', () => {
		const feed = `<rss version="2.0"><channel><title>Webdesign Schäfer</title><item><description><![CDATA[<meta charset="windows-1252"><p>Grüße</p>]]></description></item></channel></rss>`;
		expect(decodeBody(Buffer.from(feed, 'utf8'), null)).toBe(feed);
	});

	it('falls back to UTF-8 for an unknown label, and to the header before that', () => {
		const text = rss('x-klingonisch', GREETING);
		expect(decodeBody(Buffer.from(text, 'utf8'), null)).toBe(text);
		const latin = iconv.encode(rss('x-klingonisch', GREETING), 'windows-1252');
		expect(decodeBody(latin, 'text/xml; charset=latin1')).toBe(rss('x-klingonisch', GREETING));
	});

	it('reads Latin-1 served under a UTF-8 label as windows-1252, so its umlauts survive', () => {
		const latin = iconv.encode('<rss><channel><title>Grüße aus Köln – 5 €</title></channel></rss>', 'windows-1252');
		expect(decodeBody(latin, 'application/rss+xml; charset=utf-8')).toBe('<rss><channel><title>Grüße aus Köln – 5 €</title></channel></rss>');
	});

	it('keeps mostly-UTF-8 text as UTF-8 and reads its few invalid bytes as windows-1252', () => {
		const bytes = Buffer.concat([Buffer.from('<rss><channel><title>Grüße '), Buffer.from([0xfc]), Buffer.from('</title></channel></rss>')]);
		expect(decodeBody(bytes, 'application/rss+xml; charset=utf-8')).toBe('<rss><channel><title>Grüße ü</title></channel></rss>');
	});

	it('decodes an empty body to an empty string', () => {
		expect(decodeBody(Buffer.alloc(0), null)).toBe('');
	});
});

describe('resolveEncodingLabel', () => {
	it.each([
		['UTF-8', 'utf-8'],
		[' utf8 ', 'utf-8'],
		['ISO-8859-1', 'windows-1252'],
		['latin1', 'windows-1252'],
		['US-ASCII', 'windows-1252'],
		['l1', 'windows-1252'],
		['cp1252', 'windows-1252'],
		['ISO-8859-9', 'windows-1254'],
		['iso_8859-15', 'iso-8859-15'],
		['latin2', 'iso-8859-2'],
		['koi8', 'koi8-r'],
		['mac', 'macintosh'],
		['Shift-JIS', 'shift_jis'],
		['gb2312', 'gbk'],
		['big5-hkscs', 'big5'],
		['ks_c_5601-1987', 'euc-kr'],
		['utf-16', 'utf-16le'],
		['unicodeFFFE', 'utf-16be'],
		['x-klingonisch', null],
		['iso-2022-kr', null],
	])('maps %j to %s', (label, expected) => {
		expect(resolveEncodingLabel(label)).toBe(expected);
	});
});

describe('decodeBody with a feed’s charset override', () => {
	const text = '<?xml version="1.0" encoding="utf-8"?><rss><channel><title>„Grüße“ aus Köln</title></channel></rss>';

	it('wins over the declaration and the header: Mac Roman bytes labelled UTF-8', () => {
		const bytes = iconv.encode(text, 'macintosh');
		expect(decodeBody(bytes, 'application/rss+xml; charset=utf-8')).not.toContain('„Grüße“');
		expect(decodeBody(bytes, 'application/rss+xml; charset=utf-8', 'macintosh')).toBe(text);
	});

	it('wins over a byte order mark, which is dropped', () => {
		const latin = iconv.encode('<?xml version="1.0"?><rss><channel><title>Grüße</title></channel></rss>', 'windows-1252');
		const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), latin]);
		expect(decodeBody(bytes, null, 'windows-1252')).toBe('<?xml version="1.0"?><rss><channel><title>Grüße</title></channel></rss>');
	});

	it('is taken at its word even where the bytes look like UTF-8', () => {
		// "GrÃ¼ÃŸe" is what the feed's author really wrote (a post about mojibake).
		const bytes = iconv.encode('GrÃ¼ÃŸe', 'windows-1252');
		expect(decodeBody(bytes, null)).toBe('Grüße');
		expect(decodeBody(bytes, null, 'windows-1252')).toBe('GrÃ¼ÃŸe');
	});
});
