/**
 * Bytes → string, the way browsers do it (WHATWG Encoding), with one deliberate change
 * of order for feeds. Where the encoding comes from, first match wins:
 *
 * 1. a byte order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE), or BOM-less UTF-16/UTF-32 XML
 *    recognised by its first bytes, `<` and zero bytes (XML 1.0 appendix F). The BOM wins
 *    over any declaration that contradicts it (WHATWG "BOM sniff" and XML appendix F agree);
 * 2. the document's own declaration: `<?xml … encoding="…"?>` in the first 1 KB, or for a
 *    non-XML document `<meta charset>` / `<meta http-equiv="Content-Type">` in the first 4 KB;
 * 3. the charset parameter of the Content-Type header;
 * 4. UTF-8.
 *
 * Browsers let the header win over the document. For feeds in the wild the document is
 * right more often: a blog moved to a new host keeps its `encoding="ISO-8859-1"` while the
 * web server stamps `charset=UTF-8` on everything it serves. An unknown label is skipped,
 * so the next step decides. Labels are mapped with the WHATWG table, which makes
 * ISO-8859-1 and ASCII mean windows-1252.
 *
 * When the header and the document disagree, case by case (tests/feeds/leniency-gaps.test.ts):
 *
 * - a BOM against either: the BOM (WHATWG Encoding "decode", BOM sniff; XML 1.0 appendix F),
 *   as browsers and feedparser;
 * - header and declaration name different encodings: the declaration (XML 1.0 §4.3.3 and
 *   appendix F, the document's own word), where browsers follow RFC 7303 §8.1 and WHATWG
 *   ("the transport layer's encoding wins") and feedparser RFC 3023 §3.1; the bytes then
 *   settle what neither label can: valid UTF-8 stays UTF-8 under any single-byte label, and
 *   bytes that are not UTF-8 under a UTF-8 label are read as windows-1252 (below), so the
 *   cases where header-first would have been right come out the same;
 * - a declaration of UTF-16 on bytes without a BOM or zero bytes: impossible as written
 *   (XML 1.0 appendix F: `<?xml` readable as ASCII means an ASCII-compatible encoding), so
 *   it means UTF-8, WHATWG's rule for a UTF-16 label found by an ASCII prescan (asciiCompatible);
 * - a declaration without encoding, or no declaration: the header (RFC 7303 §8.1), else
 *   UTF-8 (XML 1.0 §4.3.3), not RFC 3023's US-ASCII for text/xml (WHATWG and feedparser
 *   ignore that rule too).
 *
 * Two corrections after that, where the bytes themselves prove the label wrong (neither
 * browsers nor feedparser make them; both show "CafÃ©" or "tr�s"):
 *
 * - a single-byte label (windows-1252, ISO-8859-x, …) on bytes that are valid UTF-8 and
 *   hold at least one multi-byte sequence: the bytes are UTF-8. Latin-1 text that is
 *   valid UTF-8 by chance needs pairs like "Ã©" throughout, which real text never has;
 * - UTF-8 (declared or by default) with invalid bytes: each invalid byte is read as
 *   windows-1252, so Latin-1 served as UTF-8 and stray cp1252 „smart quotes“ (0x91–0x94,
 *   0x96, 0x97, 0x85) inside UTF-8 text both come out right (see decodeMixedUtf8).
 *
 * Decoding uses iconv-lite: Node 20's TextDecoder('windows-1252') turns 0x80–0x9F into
 * C1 controls instead of „quotes“, dashes and €. Bytes that are invalid in the chosen
 * encoding become U+FFFD (except in UTF-8, see above); decoding never throws.
 */
import iconv from 'iconv-lite';
import {resolveEncodingLabel} from './encoding-labels.js';

const XML_DECLARATION_BYTES = 1024;
const META_PRESCAN_BYTES = 4096;

/** Canonical WHATWG names whose iconv-lite name differs. */
const ICONV_NAMES: Readonly<Record<string, string>> = {
	'iso-8859-8-i': 'iso-8859-8',
	'x-mac-cyrillic': 'maccyrillic',
	// Not WHATWG labels (the Encoding standard has no UTF-32); found by BOM or first bytes only.
	'utf-32le': 'utf32le',
	'utf-32be': 'utf32be',
};

/** The canonical (lower-case WHATWG) name of the encoding `body` is in. */
export function detectEncoding(body: Uint8Array, contentType: string | null): string {
	return fromByteOrderMark(body) ?? fromDocument(body) ?? fromContentType(contentType) ?? 'utf-8';
}

/**
 * Decodes a downloaded body to a string (without BOM); see the module comment for the order.
 * `override` (a feed's charset setting, a canonical name) wins over everything, BOM and the
 * corrections included: the user has looked at the text and knows better than the labels.
 */
export function decodeBody(body: Uint8Array, contentType: string | null, override?: string | null): string {
	if (override) return decodeAs(stripByteOrderMark(body), override, false);
	return decodeAs(body, detectEncoding(body, contentType));
}

/**
 * Which encoding decoded a body, where its label came from, and whether the bytes proved
 * that label wrong (see the module comment): what feed health reports as a wrong charset.
 */
export interface CharsetReport {
	/** The label's encoding (canonical WHATWG name), or UTF-8 by default. */
	readonly declared: string;
	readonly source: 'bom' | 'document' | 'header' | 'default' | 'override';
	/** What was used: `declared`, or UTF-8 after a correction. */
	readonly used: string;
	/** `utf-8-bytes`: a single-byte label on valid UTF-8; `invalid-utf-8`: UTF-8 with stray single bytes. */
	readonly correction: 'utf-8-bytes' | 'invalid-utf-8' | null;
}

/** decodeBody, telling how it decoded (the refresh records it per fetch). */
export function decodeBodyWithReport(body: Uint8Array, contentType: string | null, override?: string | null): {readonly text: string; readonly charset: CharsetReport} {
	// The user's per-feed charset wins over BOM, document and header, without correction.
	if (override) return {text: decodeAs(stripByteOrderMark(body), override, false), charset: {declared: override, source: 'override', used: override, correction: null}};
	const bom = fromByteOrderMark(body);
	const document = bom === null ? fromDocument(body) : null;
	const header = bom === null && document === null ? fromContentType(contentType) : null;
	const declared = bom ?? document ?? header ?? 'utf-8';
	const source = bom !== null ? 'bom' : document !== null ? 'document' : header !== null ? 'header' : 'default';
	const decoded = decodeReporting(body, declared);
	return {text: decoded.text, charset: {declared, source, used: decoded.correction === null ? declared : 'utf-8', correction: decoded.correction}};
}

/** The body without a UTF-8/16/32 byte order mark (an override decodes what follows it). */
function stripByteOrderMark(body: Uint8Array): Uint8Array {
	const [a, b, c, d] = body;
	if (a === 0xef && b === 0xbb && c === 0xbf) return body.subarray(3);
	if ((a === 0xff && b === 0xfe && c === 0 && d === 0) || (a === 0 && b === 0 && c === 0xfe && d === 0xff)) return body.subarray(4);
	if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return body.subarray(2);
	return body;
}

function decodeAs(body: Uint8Array, encoding: string, correct = true): string {
	return decodeReporting(body, encoding, correct).text;
}

/** `correct`: a single-byte label on valid UTF-8 bytes reads as UTF-8 (never for a user's override). */
function decodeReporting(body: Uint8Array, encoding: string, correct = true): {readonly text: string; readonly correction: CharsetReport['correction']} {
	const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	const utf8Bytes = correct && encoding !== 'utf-8' && isSingleByte(encoding) && isUtf8WithMultiByte(buffer);
	if (encoding === 'utf-8' || utf8Bytes) {
		// TextDecoder is correct for UTF-8: BOM dropped, invalid sequences throw here.
		try {
			return {text: new TextDecoder('utf-8', {fatal: true}).decode(buffer), correction: utf8Bytes ? 'utf-8-bytes' : null};
		} catch {
			return {text: decodeMixedUtf8(buffer), correction: 'invalid-utf-8'};
		}
	}
	const iconvName = ICONV_NAMES[encoding] ?? encoding;
	if (iconv.encodingExists(iconvName)) return {text: iconv.decode(buffer, iconvName), correction: null};
	// ISO-2022-JP is not in iconv-lite; Node's ICU decoder handles it.
	try {
		return {text: new TextDecoder(encoding).decode(buffer), correction: null};
	} catch {
		return {text: new TextDecoder('utf-8').decode(buffer), correction: null};
	}
}

// Encodings whose every byte is one character: a label of one of these on UTF-8 bytes is
// a lie the bytes can prove (see the module comment).
const SINGLE_BYTE = /^(?:windows-125\d|iso-8859-\d+|koi8-[ru]|ibm866|macintosh|x-mac-cyrillic|windows-874)$/;

function isSingleByte(encoding: string): boolean {
	return SINGLE_BYTE.test(encoding);
}

/** Length of the well-formed UTF-8 sequence of two to four bytes at `index`, else 0 (RFC 3629 table). */
function multiByteLength(bytes: Uint8Array, index: number): number {
	const lead = bytes[index]!;
	let length: number;
	let low = 0x80;
	let high = 0xbf;
	if (lead >= 0xc2 && lead <= 0xdf) length = 2;
	else if (lead >= 0xe0 && lead <= 0xef) {
		length = 3;
		if (lead === 0xe0) low = 0xa0; // no overlong forms
		if (lead === 0xed) high = 0x9f; // no surrogates
	} else if (lead >= 0xf0 && lead <= 0xf4) {
		length = 4;
		if (lead === 0xf0) low = 0x90;
		if (lead === 0xf4) high = 0x8f; // nothing above U+10FFFF
	} else return 0;
	if (index + length > bytes.length) return 0;
	const second = bytes[index + 1]!;
	if (second < low || second > high) return 0;
	for (let next = 2; next < length; next++) if ((bytes[index + next]! & 0xc0) !== 0x80) return 0;
	return length;
}

/** True when the bytes are valid UTF-8 and hold at least one multi-byte sequence. */
function isUtf8WithMultiByte(bytes: Uint8Array): boolean {
	let hasMultiByte = false;
	for (let index = 0; index < bytes.length; index++) {
		if (bytes[index]! < 0x80) continue;
		const length = multiByteLength(bytes, index);
		if (length === 0) return false;
		hasMultiByte = true;
		index += length - 1;
	}
	return hasMultiByte;
}

/**
 * UTF-8 with invalid bytes: valid sequences are UTF-8, every other byte is windows-1252.
 * Old German blogs serve Latin-1 under a UTF-8 label (the server's default), and UTF-8
 * posts pasted from Word keep their cp1252 quotes; both kinds of bytes come out as meant
 * („Größe“, “Tipp”) instead of U+FFFD. (feedparser falls back to windows-1252 for the
 * whole document, which would garble the valid UTF-8 around them.)
 */
function decodeMixedUtf8(bytes: Buffer): string {
	let text = '';
	let runStart = 0;
	for (let index = 0; index < bytes.length; index++) {
		if (bytes[index]! < 0x80) continue;
		const length = multiByteLength(bytes, index);
		if (length > 0) {
			index += length - 1;
			continue;
		}
		text += bytes.toString('utf8', runStart, index) + iconv.decode(bytes.subarray(index, index + 1), 'windows-1252');
		runStart = index + 1;
	}
	return (text + bytes.toString('utf8', runStart)).replace(/^\uFEFF/, '');
}

function fromByteOrderMark(body: Uint8Array): string | null {
	const [b0, b1, b2, b3] = body;
	if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'utf-8';
	// UTF-32 before UTF-16: the UTF-32LE BOM starts with the UTF-16LE one.
	if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) return 'utf-32le';
	if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) return 'utf-32be';
	if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
	if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
	// `<` in UTF-32 or UTF-16 without a BOM (XML 1.0 appendix F): the ASCII scans below
	// cannot see a declaration in such bytes. The second character must be ASCII too
	// (`?`, a letter), so that a lone `<` followed by a zero byte proves nothing.
	if (b0 === 0x3c && b1 === 0x00 && b2 === 0x00 && b3 === 0x00) return 'utf-32le';
	if (b0 === 0x00 && b1 === 0x00 && b2 === 0x00 && b3 === 0x3c) return 'utf-32be';
	if (b0 === 0x3c && b1 === 0x00 && b2 !== undefined && b2 > 0 && b2 < 0x80 && b3 === 0x00) return 'utf-16le';
	if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 !== undefined && b3 > 0 && b3 < 0x80) return 'utf-16be';
	return null;
}

function fromDocument(body: Uint8Array): string | null {
	const head = asciiView(body, META_PRESCAN_BYTES);
	const xmlHead = head.slice(0, XML_DECLARATION_BYTES);
	const declaration = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])\s*([^"'\s]+)\s*\1/i.exec(xmlHead);
	if (declaration?.[2] !== undefined) {
		const encoding = asciiCompatible(resolveEncodingLabel(declaration[2]));
		if (encoding !== null) return encoding;
	}
	// A feed's CDATA can quote a web page with its own <meta charset>; only HTML is
	// prescanned for meta tags.
	if (/^\s*<(?:\?xml|rss\b|feed\b|rdf:RDF\b)/i.test(head)) return null;
	return fromMetaTags(head);
}

/** The HTML prescan, simplified: the first meta tag that names a known charset wins. */
function fromMetaTags(head: string): string | null {
	// Comments may hold commented-out meta tags from an older template.
	const text = head.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
	for (const match of text.matchAll(/<meta\b([^>]*)>/gi)) {
		const attributes = parseAttributes(match[1] ?? '');
		let label = attributes.get('charset');
		if (label === undefined && attributes.get('http-equiv')?.toLowerCase() === 'content-type') {
			label = charsetParameter(attributes.get('content') ?? '') ?? undefined;
		}
		if (label === undefined) continue;
		const encoding = asciiCompatible(resolveEncodingLabel(label));
		if (encoding !== null) return encoding;
	}
	return null;
}

function parseAttributes(source: string): Map<string, string> {
	const attributes = new Map<string, string>();
	for (const match of source.matchAll(/([^\s"'=<>/]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
		const name = match[1]?.toLowerCase();
		if (name === undefined || attributes.has(name)) continue;
		attributes.set(name, match[2] ?? match[3] ?? match[4] ?? '');
	}
	return attributes;
}

function fromContentType(contentType: string | null): string | null {
	if (contentType === null) return null;
	const label = charsetParameter(contentType);
	return label === null ? null : resolveEncodingLabel(label);
}

function charsetParameter(value: string): string | null {
	const match = /(?:^|[;\s])charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^;\s"']+))/i.exec(value);
	return match === null ? null : (match[1] ?? match[2] ?? match[3] ?? null);
}

/**
 * A declaration read by an ASCII scan cannot be UTF-16: had the bytes been UTF-16, the
 * scan would not have found it. The standard maps such labels to UTF-8 (and
 * x-user-defined, which is not in the table here, to windows-1252).
 */
function asciiCompatible(encoding: string | null): string | null {
	return encoding === 'utf-16le' || encoding === 'utf-16be' ? 'utf-8' : encoding;
}

/** The first bytes as a Latin-1 string: enough to find ASCII markup in any ASCII-compatible encoding. */
function asciiView(body: Uint8Array, length: number): string {
	const slice = body.subarray(0, Math.min(length, body.byteLength));
	return Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength).toString('latin1');
}
