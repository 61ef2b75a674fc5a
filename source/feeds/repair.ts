/**
 * Makes recoverable feeds well-formed before the XML parser sees them. Real feeds from
 * small WordPress blogs carry HTML entities XML does not define (`&nbsp;`, `&auml;`),
 * bare ampersands, control characters pasted from word processors, a BOM or blank line
 * before `<?xml`, and plugin output after the closing root tag. A strict parser rejects
 * all of them; a browser-like reader shows the feed. Every step is a no-op on a
 * well-formed document, so there is one path for good and bad feeds alike.
 */
import {decodeHTMLStrict} from 'entities';

// XML 1.0 allows tab, LF and CR only among the C0 controls; U+FFFE/U+FFFF never.
const XML_INVALID_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Sections whose content must pass through untouched: CDATA (the usual wrapper of
// content:encoded), comments, processing instructions and the doctype.
const PROTECTED_SECTION = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>/gi;

// `&` followed by a name, a decimal or a hex reference, with or without the semicolon.
const AMPERSAND = /&(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)?/g;
const XML_ENTITIES: ReadonlySet<string> = new Set(['amp;', 'lt;', 'gt;', 'quot;', 'apos;']);

/** The repaired document: feed it to a strict XML parser. */
export function repairXml(text: string): string {
	const trimmed = text.replace(/^[\uFEFF\s]+/, '').replace(XML_INVALID_CHARACTERS, '');
	return cutAfterRootElement(fixEntitiesOutsideCdata(trimmed));
}

function fixEntitiesOutsideCdata(text: string): string {
	let result = '';
	let last = 0;
	for (const match of text.matchAll(PROTECTED_SECTION)) {
		result += fixEntities(text.slice(last, match.index)) + match[0];
		last = match.index + match[0].length;
	}
	return result + fixEntities(text.slice(last));
}

function fixEntities(text: string): string {
	return text.replace(AMPERSAND, (whole, reference: string | undefined) => {
		if (reference === undefined) return '&amp;';
		if (reference.startsWith('#') || XML_ENTITIES.has(reference)) return whole;
		// An HTML5 named entity becomes the numeric reference of its code points;
		// an unknown name was meant literally ("AT&T;" in a title) and is escaped.
		const decoded = decodeHTMLStrict(whole);
		if (decoded === whole) return `&amp;${reference}`;
		return Array.from(decoded, (character) => `&#${character.codePointAt(0)};`).join('');
	});
}

// Junk after the root element (a plugin's debug output, a second document, an
// analytics snippet) makes the whole feed unreadable for a strict parser.
function cutAfterRootElement(text: string): string {
	const root = rootElementName(text);
	if (root === null) return text;
	const close = text.lastIndexOf(`</${root}`);
	if (close === -1) return text;
	const end = text.indexOf('>', close);
	return end === -1 ? text : text.slice(0, end + 1);
}

/** Name of the first element of an XML document (`rss`, `feed`, `rdf:RDF`), or null. */
export function rootElementName(text: string): string | null {
	const withoutProlog = text.replace(PROTECTED_SECTION, (section) => (section.startsWith('<![CDATA[') ? section : ''));
	const match = /<([A-Za-z_][\w.:-]*)/.exec(withoutProlog);
	return match ? match[1]! : null;
}

// Atom elements that may hold inline XHTML (Atom 1.0 `type="xhtml"`) or inline XML
// (Atom 0.3 `mode="xml"`).
const INLINE_MARKUP_ELEMENT = /<((?:[\w.-]+:)?(?:content|summary|title|subtitle|tagline|rights|copyright|info))(\s[^>]*?)?(?<!\/)>([\s\S]*?)<\/\1\s*>/g;
const XHTML_TYPE = /\b(type\s*=\s*["'])xhtml(["'])/;
const XML_MODE = /\b(mode\s*=\s*["'])xml(["'])/;

/**
 * Atom inline XHTML as escaped HTML. xml2js (under rss-parser) keeps no order of mixed
 * content, so `<p>Hallo <b>Welt</b>!</p>` would come back scrambled; wrapped in CDATA,
 * the markup survives as one string. The required wrapper `div` is dropped (RFC 4287
 * §3.1.1.3) and the element is relabelled `type="html"` / `mode="escaped"`.
 */
export function inlineXhtmlAsHtml(text: string): string {
	return text.replace(INLINE_MARKUP_ELEMENT, (whole, name: string, attributes: string | undefined, inner: string) => {
		const attributeText = attributes ?? '';
		if (XHTML_TYPE.test(attributeText)) {
			const html = unwrapDiv(inner);
			return `<${name}${attributeText.replace(XHTML_TYPE, '$1html$2')}>${asCdata(html)}</${name}>`;
		}
		if (XML_MODE.test(attributeText)) {
			const html = unwrapDiv(inner);
			return `<${name}${attributeText.replace(XML_MODE, '$1escaped$2')}>${asCdata(html)}</${name}>`;
		}
		return whole;
	});
}

function unwrapDiv(inner: string): string {
	const match = /^\s*<((?:[\w.-]+:)?)div\b[^>]*>([\s\S]*)<\/\1div\s*>\s*$/.exec(inner);
	if (!match) return inner.trim();
	const prefix = match[1]!;
	let html = match[2]!;
	if (prefix !== '') {
		// `<xhtml:p>` → `<p>`: the HTML renderer knows no namespaces.
		const escaped = prefix.replace(/[.]/g, '\\.');
		html = html.replace(new RegExp(`<(/?)${escaped}`, 'g'), '<$1');
	}
	return html.trim();
}

function asCdata(markup: string): string {
	// CDATA inside the XHTML is text: escape it so that it stays text in HTML.
	const flat = markup.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, data: string) => escapeHtml(data));
	return `<![CDATA[${flat.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** Escapes text for use inside HTML element content or a quoted attribute. */
export function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
