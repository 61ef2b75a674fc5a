/**
 * Bytes → string, the way browsers do it (WHATWG Encoding), with one deliberate change
 * of order for feeds. Where the encoding comes from, first match wins:
 *
 * 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE), or BOM-less UTF-16 XML recognised by
 *    its first bytes `<?` (XML 1.0 appendix F);
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
 * Decoding uses iconv-lite: Node 20's TextDecoder('windows-1252') turns 0x80–0x9F into
 * C1 controls instead of „quotes“, dashes and €. Bytes that are invalid in the chosen
 * encoding become U+FFFD (except Latin-1 served as UTF-8, see decodeAs); decoding never throws.
 */
import iconv from 'iconv-lite';
import {resolveEncodingLabel} from './encoding-labels.js';

const XML_DECLARATION_BYTES = 1024;
const META_PRESCAN_BYTES = 4096;

/** Canonical WHATWG names whose iconv-lite name differs. */
const ICONV_NAMES: Readonly<Record<string, string>> = {
	'iso-8859-8-i': 'iso-8859-8',
	'x-mac-cyrillic': 'maccyrillic',
};

/** The canonical (lower-case WHATWG) name of the encoding `body` is in. */
export function detectEncoding(body: Uint8Array, contentType: string | null): string {
	return fromByteOrderMark(body) ?? fromDocument(body) ?? fromContentType(contentType) ?? 'utf-8';
}

/** Decodes a downloaded body to a string (without BOM); see the module comment for the order. */
export function decodeBody(body: Uint8Array, contentType: string | null): string {
	return decodeAs(body, detectEncoding(body, contentType));
}

function decodeAs(body: Uint8Array, encoding: string): string {
	const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (encoding === 'utf-8') {
		// TextDecoder is correct for UTF-8: BOM dropped, invalid sequences become U+FFFD.
		try {
			return new TextDecoder('utf-8', {fatal: true}).decode(buffer);
		} catch {
			// Old German blogs often serve Latin-1 under a UTF-8 label (the server's default).
			// Text with not one valid multi-byte sequence but invalid bytes is that case: read
			// it as windows-1252 so „Größe“ survives. Mostly-UTF-8 text keeps U+FFFD instead.
			if (!hasMultiByteUtf8(buffer)) return iconv.decode(buffer, 'windows-1252');
			return new TextDecoder('utf-8').decode(buffer);
		}
	}
	const iconvName = ICONV_NAMES[encoding] ?? encoding;
	if (iconv.encodingExists(iconvName)) return iconv.decode(buffer, iconvName);
	// ISO-2022-JP is not in iconv-lite; Node's ICU decoder handles it.
	try {
		return new TextDecoder(encoding).decode(buffer);
	} catch {
		return new TextDecoder('utf-8').decode(buffer);
	}
}

/** True when the bytes hold at least one well-formed UTF-8 sequence of two to four bytes. */
function hasMultiByteUtf8(bytes: Uint8Array): boolean {
	for (let index = 0; index < bytes.length; index++) {
		const lead = bytes[index]!;
		const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
		if (length === 0) continue;
		let valid = index + length <= bytes.length;
		for (let next = 1; valid && next < length; next++) valid = (bytes[index + next]! & 0xc0) === 0x80;
		if (valid) return true;
	}
	return false;
}

function fromByteOrderMark(body: Uint8Array): string | null {
	const [b0, b1, b2, b3] = body;
	if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'utf-8';
	if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
	if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
	// `<?` in UTF-16 without a BOM: the ASCII scans below cannot see such a declaration.
	if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return 'utf-16le';
	if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return 'utf-16be';
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
