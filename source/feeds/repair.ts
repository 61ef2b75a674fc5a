/**
 * Makes recoverable feeds well-formed before the XML parser sees them. Real feeds from
 * small WordPress blogs carry HTML entities XML does not define (`&nbsp;`, `&auml;`),
 * bare ampersands, control characters pasted from word processors, a BOM or blank line
 * before `<?xml`, and plugin output after the closing root tag. A strict parser rejects
 * all of them; a browser-like reader shows the feed. Every step is a no-op on a
 * well-formed document, so there is one path for good and bad feeds alike.
 */
import {decodeHTMLStrict} from 'entities';
import {sanitizeText} from '../text/sanitize.js';
import type {RepairName} from './types.js';

// XML 1.0 never allows U+FFFE/U+FFFF or unpaired surrogates. (C0 controls other than
// tab, LF and CR are removed by sanitizeText, together with whole escape sequences.)
const XML_INVALID_CHARACTERS = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MAYBE_XML_INVALID = /[\uD800-\uDFFF\uFFFE\uFFFF]/;

// Sections whose content must pass through untouched: CDATA (the usual wrapper of
// content:encoded), comments, processing instructions and the doctype (whose internal
// subset declares entities with references of its own, see internalEntities).
// Each ends at its terminator or at the end of the text. Found with indexOf, not a regex:
// most of a feed's bytes are CDATA, and a lazy `[\s\S]*?` walks them one by one.
const SECTION_TERMINATORS: ReadonlyArray<readonly [opening: string, terminator: string]> = [
	['<![CDATA[', ']]>'],
	['<!--', '-->'],
	['<?', '?>'],
];

/** The protected section starting at `start` (a `<`): its end (after the terminator) and whether it is CDATA. */
function sectionAt(text: string, start: number): {readonly end: number; readonly isCdata: boolean} | null {
	// Every section starts with `<!` or `<?`; the document's many tags are told apart by one character.
	const next = text.charCodeAt(start + 1);
	if (next !== 0x21 && next !== 0x3f) return null;
	if (text.startsWith('<!DOCTYPE', start) || text.startsWith('<!doctype', start)) {
		// `<!DOCTYPE rss [ … ]>` ends at `]>`, a doctype without internal subset at `>`.
		const close = text.indexOf('>', start);
		const open = text.indexOf('[', start);
		const subsetEnd = open !== -1 && (close === -1 || open < close) ? text.indexOf(']>', open) : -1;
		const end = subsetEnd !== -1 ? subsetEnd + 2 : close === -1 ? text.length : close + 1;
		return {end, isCdata: false};
	}
	for (const [opening, terminator] of SECTION_TERMINATORS) {
		if (!text.startsWith(opening, start)) continue;
		const close = text.indexOf(terminator, start + opening.length);
		return {end: close === -1 ? text.length : close + terminator.length, isCdata: opening === '<![CDATA['};
	}
	return null;
}

// `&` followed by a name, a decimal or a hex reference, with or without the semicolon.
const AMPERSAND = /&(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)?/g;
const XML_ENTITIES: ReadonlySet<string> = new Set(['amp;', 'lt;', 'gt;', 'quot;', 'apos;']);

// A numeric character reference that rawControl changes: to a control character other than
// tab, LF and CR (C0, DEL, C1). Only those match, so that the references every feed is full
// of (`&#8217;`, `&#038;`) cost no callback and a feed without any keeps its string as it is.
const CONTROL_REFERENCE = /&#(?:[xX]0*([0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])|0*([0-8]|1[124-9]|2\d|3[01]|12[7-9]|1[3-5]\d));/g;

// HTML's rule for numeric references to 0x80–0x9F (WHATWG "numeric character reference
// end state"): they mean the windows-1252 character, as in `Peter&#146;s &#147;Tipp&#148;`
// from feeds written on Windows. The five code points cp1252 leaves undefined stay controls.
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * A reference to a C1 code point that cp1252 defines becomes that character's reference;
 * a reference to any other control (C0 but tab, LF, CR; DEL; the undefined C1 five)
 * becomes the raw character; others stay unchanged.
 */
function rawControl(whole: string, hex: string | undefined, decimal: string | undefined, repairs?: Set<RepairName>): string {
	const code = hex === undefined ? Number(decimal) : Number.parseInt(hex, 16);
	if (code >= 0x80 && code <= 0x9f) {
		const character = CP1252_C1.charAt(code - 0x80);
		const meant = character.charCodeAt(0);
		repairs?.add(meant > 0x9f ? 'cp1252-references' : 'control-characters');
		return meant > 0x9f ? `&#${meant};` : character;
	}
	const isControl = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
	return isControl ? String.fromCodePoint(code) : whole;
}

/**
 * The repaired document: feed it to a strict XML parser. `repairs` collects the names of
 * the repairs that changed something (docs/feed-repairs.md).
 */
export function repairXml(text: string, repairs?: Set<RepairName>): string {
	// Control characters are invalid XML even inside CDATA, so they go everywhere; an
	// escape sequence goes whole, so that no `[31m` remnant is left in a title.
	// A control character written as a reference (`&#x1B;]52;c;…&#x7;`) is made raw first, so
	// that its sequence goes whole as well instead of leaving `]52;c;…` as visible text.
	const start = text.replace(/^[\uFEFF\s]+/, '');
	// indexOf first: most documents have no numeric reference at all, and it is far cheaper than the pattern.
	const raw = start.includes('&#') ? start.replace(CONTROL_REFERENCE, (whole, hex: string | undefined, decimal: string | undefined) => rawControl(whole, hex, decimal, repairs)) : start;
	const safe = sanitizeText(raw);
	// Most documents hold no surrogate or noncharacter at all: one cheap test skips the pass.
	const trimmed = MAYBE_XML_INVALID.test(safe) ? safe.replace(XML_INVALID_CHARACTERS, '') : safe;
	// sanitizeText returns its input when it removed nothing (then this costs no compare); line
	// ends it made LF are no repair.
	if (repairs !== undefined && trimmed !== raw && trimmed.length !== raw.replace(/\r\n?/g, '\n').length) repairs.add('control-characters');
	const entities = internalEntities(trimmed);
	const fixed = fixEntitiesOutsideCdata(trimmed, entities, repairs);
	const cut = cutAfterRootElement(fixed);
	// The line end after the root's end tag that nearly every feed has is no junk.
	// cutAfterRootElement ends its result with the root's `>`: when `fixed` has none there, it was added.
	if (repairs !== undefined && cut !== fixed && (fixed.charAt(cut.length - 1) !== '>' || fixed.slice(cut.length).trim() !== '')) repairs.add('trailing-junk');
	return cut;
}

// ---- entities declared in the document's internal DTD subset ----

// Bounds that keep billion laughs (and its quadratic cousin) impossible: an entity whose
// replacement text grows beyond MAX_ENTITY_LENGTH, or nests deeper than MAX_ENTITY_DEPTH,
// stays undefined; once the references of one document have produced
// MAX_EXPANDED_CHARACTERS, further references stay unexpanded text ("&lol9;").
const MAX_ENTITY_LENGTH = 4096;
const MAX_ENTITY_DEPTH = 8;
const MAX_EXPANDED_CHARACTERS = 1_000_000;
const ENTITY_DECLARATION = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g;

/** What fixEntities needs to expand a document's own entities, with a budget shared by all references. */
interface DocumentEntities {
	readonly values: ReadonlyMap<string, string>;
	budget: number;
}

/**
 * Internal general entities (`<!ENTITY firma "Müller &amp; Söhne">`) of the doctype before
 * the root element, each as XML-escaped text. Parameter entities and external entities
 * (SYSTEM/PUBLIC) are ignored: nothing is ever fetched. The replacement text is taken as
 * text, never as markup, so an entity cannot inject elements.
 */
function internalEntities(text: string): DocumentEntities | null {
	// The doctype comes first (after the declaration and perhaps a comment): only the
	// beginning is searched, so a long feed costs nothing and a quoted page in a body is not taken for it.
	const doctype = text.slice(0, 4096).search(/<!DOCTYPE[^>[]*\[/i);
	if (doctype === -1) return null;
	const subsetEnd = text.indexOf(']>', doctype);
	if (subsetEnd === -1) return null;
	const raw = new Map<string, string>();
	for (const match of text.slice(doctype, subsetEnd).matchAll(ENTITY_DECLARATION)) {
		// XML 1.0 §4.2: the first declaration of a name is binding.
		if (!raw.has(match[1]!)) raw.set(match[1]!, match[2] ?? match[3] ?? '');
	}
	if (raw.size === 0) return null;
	const expanded = new Map<string, string | null>();
	const expand = (name: string, depth: number): string | null => {
		if (expanded.has(name)) return expanded.get(name)!;
		const value = raw.get(name);
		if (value === undefined || depth > MAX_ENTITY_DEPTH) return null;
		let failed = false;
		const replaced = value.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z_][\w.-]*);/g, (whole, reference: string) => {
			if (failed) return '';
			if (reference.startsWith('#') || XML_ENTITIES.has(`${reference};`) || !raw.has(reference)) return decodeHTMLStrict(whole);
			const inner = expand(reference, depth + 1);
			if (inner === null) failed = true;
			return inner ?? '';
		});
		const result = failed || replaced.length > MAX_ENTITY_LENGTH ? null : replaced;
		expanded.set(name, result);
		return result;
	};
	const values = new Map<string, string>();
	for (const name of raw.keys()) {
		const value = expand(name, 0);
		if (value !== null) values.set(`${name};`, value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
	}
	return {values, budget: MAX_EXPANDED_CHARACTERS};
}

function fixEntitiesOutsideCdata(text: string, entities: DocumentEntities | null, repairs?: Set<RepairName>): string {
	let result = '';
	let last = 0;
	let changed = false;
	const fixGap = (gap: string): string => {
		const fixed = fixEntities(gap, entities, repairs);
		changed ||= fixed !== gap;
		return fixed;
	};
	for (let start = text.indexOf('<'); start !== -1; start = text.indexOf('<', start + 1)) {
		const section = sectionAt(text, start);
		if (section === null) continue;
		result += fixGap(text.slice(last, start)) + text.slice(start, section.end);
		last = section.end;
		start = section.end - 1;
	}
	result += fixGap(text.slice(last));
	// A well-formed feed (nearly every one) comes back as the very same string: rebuilding
	// it piece by piece would cost a copy of the whole document later.
	return changed ? result : text;
}

// `<` that cannot start a tag: "Preise < 100 €", "1 <3 Coaching", a stray `<` at the end.
const STRAY_LESS_THAN = /<(?=[\s\d<=]|$)/g;

function fixEntities(text: string, entities: DocumentEntities | null, repairs?: Set<RepairName>): string {
	return text.replace(STRAY_LESS_THAN, () => {
		repairs?.add('stray-less-than');
		return '&lt;';
	}).replace(AMPERSAND, (whole, reference: string | undefined) => {
		if (reference === undefined) {
			repairs?.add('bare-ampersand');
			return '&amp;';
		}
		if (reference.startsWith('#') || XML_ENTITIES.has(reference)) return whole;
		const own = entities?.values.get(reference);
		if (own !== undefined && entities !== null && own.length <= entities.budget) {
			entities.budget -= own.length;
			repairs?.add('internal-entities');
			return own;
		}
		// An HTML5 named entity becomes the numeric reference of its code points;
		// an unknown name was meant literally ("AT&T;" in a title) and is escaped.
		const decoded = decodeHTMLStrict(whole);
		if (decoded === whole) {
			repairs?.add('bare-ampersand');
			return `&amp;${reference}`;
		}
		repairs?.add('html-entities');
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
	// `</rss` at the very end, its `>` lost (a truncated upload, a template typo).
	if (end === -1) return /^\s*$/.test(text.slice(close + root.length + 2)) ? `${text.slice(0, close)}</${root}>` : text;
	return text.slice(0, end + 1);
}

// Where a feed document starts: its declaration, else a feed root element.
const DOCUMENT_START = /<\?xml\s|<(?:[\w.-]+:)?(?:rss|feed|RDF|entry)[\s>]/;
const LEADING_JUNK_LIMIT = 64 * 1024;
const FEED_ROOT = /^(?:[\w.-]+:)?(?:rss|feed|RDF|entry)$/;

/**
 * The document without the junk a broken server puts before it: a PHP warning
 * ("<b>Warning</b>: Cannot modify header information … in …"), a debug line, a second
 * declaration's leftovers. Only the first 64 KB are searched, and only when the document
 * does not already start with a declaration or a known root element.
 */
export function cutLeadingJunk(text: string): string {
	// A doctype or comment before a feed root is no junk.
	if (text.startsWith('<') && FEED_ROOT.test(rootElementName(text) ?? '')) return text;
	const match = DOCUMENT_START.exec(text.slice(0, LEADING_JUNK_LIMIT));
	if (match === null || match.index === 0) return text;
	// An HTML page that quotes a feed in a code sample is still an HTML page.
	if (/<html[\s>]|<!doctype\s+html/i.test(text.slice(0, match.index))) return text;
	return text.slice(match.index);
}

const ELEMENT_NAME = /[A-Za-z_][\w.:-]*/y;

/**
 * Name of the first element of an XML document (`rss`, `feed`, `rdf:RDF`), or null.
 * Comments and processing instructions before it are skipped; the scan stops at the
 * root, so it costs next to nothing however long the document.
 */
export function rootElementName(text: string): string | null {
	for (let start = text.indexOf('<'); start !== -1; start = text.indexOf('<', start + 1)) {
		const section = sectionAt(text, start);
		if (section !== null && !section.isCdata) {
			start = section.end - 1;
			continue;
		}
		ELEMENT_NAME.lastIndex = start + 1;
		const name = ELEMENT_NAME.exec(text);
		if (name !== null) return name[0];
	}
	return null;
}

// Atom elements that may hold inline XHTML (Atom 1.0 `type="xhtml"`) or inline XML
// (Atom 0.3 `mode="xml"`). Attributes are bounded so that a hostile `<content ` without
// `>` cannot make the scan quadratic.
const INLINE_MARKUP_ELEMENT = /<((?:[\w.-]+:)?(?:content|summary|title|subtitle|tagline|rights|copyright|info))(\s[^<>]{0,2000}?)?(?<!\/)>/g;
// `xhtml`, or the XHTML media type Atom 0.3 (and some 1.0 generators) use for inline XHTML.
const XHTML_TYPE = /\b(type\s*=\s*["'])(?:xhtml|application\/xhtml\+xml)(["'])/;
const NOT_INLINE_MODE = /\bmode\s*=\s*["'](?:escaped|base64)["']/;
const XML_MODE = /\b(mode\s*=\s*["'])xml(["'])/;
const HTML_TYPE = /\btype\s*=\s*["'](?:html|text\/html)["']/;
const ANY_TYPE = /\b(type\s*=\s*["'])[^"']*(["'])/;

/**
 * Atom inline XHTML as escaped HTML. xml2js (under rss-parser) keeps no order of mixed
 * content, so `<p>Hallo <b>Welt</b>!</p>` would come back scrambled; wrapped in CDATA,
 * the markup survives as one string. The required wrapper `div` is dropped (RFC 4287
 * §3.1.1.3) and the element is relabelled `type="html"` / `mode="escaped"`.
 */
export function inlineXhtmlAsHtml(text: string): string {
	return replaceElements(text, INLINE_MARKUP_ELEMENT, (name, attributes, inner, whole) => {
		if (XHTML_TYPE.test(attributes) && !NOT_INLINE_MODE.test(attributes)) {
			return `<${name}${attributes.replace(XHTML_TYPE, '$1html$2')}>${asCdata(unwrapDiv(inner))}</${name}>`;
		}
		if (XML_MODE.test(attributes)) {
			return `<${name}${attributes.replace(XML_MODE, '$1escaped$2')}>${asCdata(unwrapDiv(inner))}</${name}>`;
		}
		// `type="html"` means escaped markup, but some generators put raw HTML there.
		if (HTML_TYPE.test(attributes) && /<[A-Za-z]/.test(inner) && !inner.includes('<![CDATA[')) {
			return `<${name}${attributes}>${asCdata(inner.trim())}</${name}>`;
		}
		// "Naked" markup: elements in a construct without an HTML type (Atom 0.3's default
		// mode is xml; Atom 1.0 generators forget type="xhtml"). Read as element children,
		// xml2js would reorder the words; as HTML, every character stays in place.
		if (/<[A-Za-z]/.test(inner) && !inner.includes('<![CDATA[')) {
			const typed = ANY_TYPE.test(attributes) ? attributes.replace(ANY_TYPE, '$1html$2') : `${attributes} type="html"`;
			return `<${name}${typed}>${asCdata(unwrapDiv(inner))}</${name}>`;
		}
		return whole;
	});
}

/**
 * Replaces each element whose start tag `open` matches (group 1: name, group 2:
 * attributes) together with its content up to the next matching end tag. Elements
 * found inside a replaced one are skipped; once a name has no end tag left, later start
 * tags of that name are ignored, which keeps the whole pass linear.
 */
function replaceElements(
	text: string,
	open: RegExp,
	transform: (name: string, attributes: string, inner: string, whole: string) => string,
): string {
	const unclosed = new Set<string>();
	let result = '';
	let position = 0;
	open.lastIndex = 0;
	for (let match = open.exec(text); match !== null; match = open.exec(text)) {
		const name = match[1]!;
		if (unclosed.has(name)) continue;
		const innerStart = match.index + match[0].length;
		const close = text.indexOf(`</${name}`, innerStart);
		const closeEnd = close === -1 ? -1 : text.indexOf('>', close);
		if (closeEnd === -1) {
			unclosed.add(name);
			continue;
		}
		const whole = text.slice(match.index, closeEnd + 1);
		const replacement = transform(name, match[2] ?? '', text.slice(innerStart, close), whole);
		open.lastIndex = closeEnd + 1;
		// Unchanged elements are not copied: an untouched document stays the same string.
		if (replacement === whole) continue;
		result += text.slice(position, match.index) + replacement;
		position = closeEnd + 1;
	}
	return position === 0 ? text : result + text.slice(position);
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

// RSS elements whose HTML should have been escaped or wrapped in CDATA, but often is not.
const RSS_HTML_ELEMENT = /<((?:[\w.-]+:)?(?:title|description|encoded|body))(\s[^<>]{0,2000}?)?(?<!\/)>/g;

/**
 * Raw HTML inside an RSS `title`, `description` or `content:encoded` (`<description><p>Hallo
 * <b>Welt</b></p></description>`) is parsed as XML elements, and xml2js scrambles mixed
 * content. Wrapped in CDATA it stays the HTML the author meant.
 */
export function wrapUnescapedHtml(text: string): string {
	return replaceElements(text, RSS_HTML_ELEMENT, (name, attributes, inner, whole) => {
		if (!/<[A-Za-z]/.test(inner) || inner.includes('<![CDATA[')) return whole;
		// `<xhtml:body><xhtml:p>…`: the markup is HTML once its prefix is gone.
		const html = name.endsWith(':body') ? inner.replace(/<(\/?)[\w.-]+:/g, '<$1') : inner;
		return `<${name}${attributes}>${asCdata(html.trim())}</${name}>`;
	});
}

/**
 * `<atom:feed xmlns:atom="…">`: the same document without the prefix, which rss-parser
 * (looking for `feed`, `entry`, `title`) would otherwise not recognise.
 */
export function removeRootPrefix(text: string, root: string): string {
	const colon = root.indexOf(':');
	if (colon === -1) return text;
	const prefix = root.slice(0, colon).replace(/[.]/g, '\\.');
	return text.replace(new RegExp(`<(/?)${prefix}:`, 'g'), '<$1');
}

// A start tag as XML allows it: a name, then attributes with quoted values, then `>` or `/>`.
const XML_START_TAG = /<[A-Za-z_][\w.:-]*(?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*\/?>/y;
// A name followed by what ends a word in prose (space, punctuation, another `<`, the end):
// `<a$b/>` or `<wp$thumb>` stay markup, broken beyond repair, and are reported.
const END_TAG_NAME = /<\/([A-Za-z_][\w.:-]*)/g;
const START_TAG_NAME = /<([A-Za-z_][\w.:-]*)(?=[\s,;!?)"'<]|\.(?![\w])|$)/y;
// Unescaped HTML in a description writes these without end tag and often without quotes
// (`<img src=bild.jpg>`): they are markup, for rebuildXml to read, not text.
const HTML_VOID = /^(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)$/i;

/**
 * `<` followed by a letter that cannot be a tag, escaped: `a<b` in „Wenn a<b gilt“, `x<y,`.
 * A `<name` counts as text when it is not a start tag XML allows (`<b gilt</title>`,
 * `<b,`), is followed by what ends a word, no end tag of that name exists anywhere in the document, and it is no HTML void
 * element. Runs only after the strict parse has failed (see parse.ts), before rebuildXml,
 * which would otherwise read `<b gilt` as an element and lose the rest of the title.
 */
export function escapeStrayTags(text: string): string {
	// Every end tag's name, found in one scan (a `text.includes` per `<` would be quadratic).
	let endTags: Set<string> | null = null;
	let result = '';
	let last = 0;
	for (let start = text.indexOf('<'); start !== -1; start = text.indexOf('<', start + 1)) {
		const section = sectionAt(text, start);
		if (section !== null) {
			start = section.end - 1;
			continue;
		}
		START_TAG_NAME.lastIndex = start;
		const name = START_TAG_NAME.exec(text)?.[1];
		if (name === undefined) continue;
		XML_START_TAG.lastIndex = start;
		if (XML_START_TAG.test(text) || HTML_VOID.test(name)) continue;
		endTags ??= new Set(Array.from(text.matchAll(END_TAG_NAME), (match) => match[1]!));
		if (endTags.has(name)) continue;
		result += `${text.slice(last, start)}&lt;`;
		last = start + 1;
	}
	return last === 0 ? text : result + text.slice(last);
}
