/**
 * Feed text → ParsedFeed. The pipeline, in order:
 *   1. classify: empty, JSON, HTML page, plain text, or XML with a feed root element;
 *   2. JSON Feed → json-feed.ts;
 *   3. XML: repair.ts makes recoverable feeds well-formed, inline XHTML becomes escaped HTML;
 *   4. rss-parser reads RSS 0.9x/2.0, RSS 1.0 and Atom 0.3/1.0; we take the raw
 *      elements through customFields (rss-parser maps too little and throws on some
 *      inputs, see `guardAtomBuilders`) and collect them into a RawFeed;
 *   5. normalize.ts makes the RawFeed plain, safe data.
 */
import Parser from 'rss-parser';
import {failed, type Failure} from '../failure.js';
import {restoreCdata, shieldLargeCdata} from './cdata-shield.js';
import {sanitizeLine} from '../text/sanitize.js';
import {resolveBase} from './content-urls.js';
import {readJsonFeed} from './json-feed.js';
import {preCutItems} from './limit-items.js';
import {mayHoldMojibake} from './mojibake.js';
import {normalizeFeed, type RawFeed, type RawItem, type RawText} from './normalize.js';
import {canonicalPrefixes, entryAsFeed, itemsOutOfChannel, rootXmlBase} from './namespaces.js';
import {rebuildXml} from './rebuild.js';
import {cutLeadingJunk, escapeStrayTags, inlineXhtmlAsHtml, removeRootPrefix, repairXml, rootElementName, wrapUnescapedHtml} from './repair.js';
import type {FeedFormat, FeedHistory, ParsedFeed, RepairName} from './types.js';

/** An xml2js node: text, or an object with `_` (text), `$` (attributes) and children. */
type XmlNode = string | XmlElement;
interface XmlElement {
	readonly _?: string;
	readonly $?: Readonly<Record<string, string>>;
	readonly [child: string]: unknown;
}
type XmlNodes = readonly XmlNode[] | undefined;
type Attributes = Readonly<Record<string, string>> | undefined;

// Every element we read ourselves, kept raw (arrays of xml2js nodes, attributes intact).
const KEEP = {keepArray: true} as const;
const FEED_FIELDS: [string, string, typeof KEEP][] = [
	['$', 'rawAttributes', KEEP],
	['title', 'rawTitle', KEEP],
	['dc:title', 'rawDcTitle', KEEP],
	['atom:title', 'rawAtomTitle', KEEP],
	['link', 'rawLink', KEEP],
	['atom:link', 'rawAtomLink', KEEP],
	['description', 'rawDescription', KEEP],
	['dc:description', 'rawDcDescription', KEEP],
	['atom:subtitle', 'rawAtomSubtitle', KEEP],
	['itunes:summary', 'rawItunesSummary', KEEP],
	['subtitle', 'rawSubtitle', KEEP],
	['tagline', 'rawTagline', KEEP],
	['ttl', 'rawTtl', KEEP],
	['author', 'rawAuthor', KEEP],
	['dc:creator', 'rawCreator', KEEP],
	['fh:archive', 'rawFhArchive', KEEP],
	['fh:complete', 'rawFhComplete', KEEP],
];
const ITEM_FIELDS: [string, string, typeof KEEP][] = [
	['$', 'rawAttributes', KEEP],
	['title', 'rawTitle', KEEP],
	['dc:title', 'rawDcTitle', KEEP],
	['guid', 'rawGuid', KEEP],
	['id', 'rawId', KEEP],
	['dc:identifier', 'rawDcIdentifier', KEEP],
	['atom:id', 'rawAtomId', KEEP],
	['atom:title', 'rawAtomTitle', KEEP],
	['link', 'rawLink', KEEP],
	['atom:link', 'rawAtomLink', KEEP],
	['pubDate', 'rawPubDate', KEEP],
	['dc:date', 'rawDcDate', KEEP],
	['dcterms:created', 'rawDctermsCreated', KEEP],
	['dcterms:issued', 'rawDctermsIssued', KEEP],
	['atom:published', 'rawAtomPublished', KEEP],
	['dcterms:modified', 'rawDctermsModified', KEEP],
	['atom:updated', 'rawAtomUpdated', KEEP],
	['issued', 'rawIssued', KEEP],
	['created', 'rawCreated', KEEP],
	['modified', 'rawModified', KEEP],
	['author', 'rawAuthor', KEEP],
	['dc:creator', 'rawCreator', KEEP],
	['atom:author', 'rawAtomAuthor', KEEP],
	['itunes:author', 'rawItunesAuthor', KEEP],
	['content:encoded', 'rawEncoded', KEEP],
	['xhtml:body', 'rawXhtmlBody', KEEP],
	['atom:content', 'rawAtomContent', KEEP],
	['content', 'rawContent', KEEP],
	['summary', 'rawSummary', KEEP],
	['atom:summary', 'rawAtomSummary', KEEP],
	['itunes:summary', 'rawItunesSummary', KEEP],
	['description', 'rawDescription', KEEP],
	['dc:description', 'rawDcDescription', KEEP],
	['media:description', 'rawMediaDescription', KEEP],
	['media:group', 'rawMediaGroup', KEEP],
	['feedburner:origLink', 'rawOrigLink', KEEP],
	['category', 'rawCategory', KEEP],
	['dc:subject', 'rawDcSubject', KEEP],
];

/** Raw fields as our customFields deliver them. */
interface RawXmlFields {
	readonly rawAttributes?: Attributes;
	/** An RSS item's elements as xml2js read them (see keepRssItemElements). */
	readonly elements?: XmlElement;
	readonly [field: `raw${string}`]: XmlNodes | Attributes;
}
interface ParserOutput extends RawXmlFields {
	readonly items: readonly RawXmlFields[];
}

/**
 * Parses a decoded feed document (RSS, RDF, Atom or JSON Feed). Expected problems come
 * back as a Failure naming `feedUrl`: `not-a-feed` (HTML, plain text, empty) or
 * `parse-error` (XML or JSON too broken to repair).
 */
export async function parseFeed(text: string, feedUrl: string): Promise<ParsedFeed | Failure> {
	const trimmed = text.replace(/^[\uFEFF\s]+/, '');
	if (trimmed === '') return notAFeed(feedUrl, 'the document is empty');
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		const raw = readJsonFeed(trimmed, feedUrl);
		return 'kind' in raw ? raw : normalizeFeed(raw, feedUrl);
	}
	// Junk before the document (a PHP warning) is cut; plain text stays plain text.
	const started = cutLeadingJunk(trimmed);
	if (!started.startsWith('<')) return notAFeed(feedUrl, 'it looks like plain text');
	// What needed repair, for the refresh to record (docs/feed-repairs.md names each).
	const repairs = new Set<RepairName>();
	const rebuilt = {incomplete: 0};
	if (started !== trimmed) repairs.add('leading-junk');
	const repaired = repairXml(started, repairs);
	const format = detectXmlFormat(repaired);
	if (format === 'html') return notAFeed(feedUrl, 'it looks like an HTML page');
	if (format === null) {
		const root = rootElementName(repaired);
		return notAFeed(feedUrl, root === null ? 'it has no XML element' : `its root element is <${sanitizeLine(root).slice(0, 40)}>`);
	}
	// A standalone Atom entry document is read as a feed of that one entry.
	const document = /^(?:[\w.-]+:)?entry$/.test(rootElementName(repaired) ?? '') ? entryAsFeed(repaired) : repaired;
	let output: ParserOutput;
	try {
		output = await parseXml(document, format);
	} catch (error) {
		// xml2js errors carry "Line:"; anything else is rss-parser tripping over an
		// empty root (`<rss></rss>`, `<rdf:RDF/>`): a well-formed feed with nothing in it yet.
		if (!(error instanceof Error && /Line:/.test(error.message))) return normalizeFeed(emptyFeed(format), feedUrl);
		// Not well-formed even after repairXml: a `<` that starts no tag (`a<b`) becomes text,
		// the rest is rebuilt by a forgiving tokenizer (see rebuild.ts) and parsed once more;
		// the first error is the one worth reporting.
		try {
			const escaped = escapeStrayTags(document);
			if (escaped !== document) repairs.add('stray-tag');
			repairs.add('rebuild');
			output = await parseXml(rebuildXml(escaped, rebuilt), format);
		} catch {
			return failed('parse-error', `${feedUrl} could not be parsed: ${describeError(error)}`);
		}
	}
	const raw = format === 'atom' ? readAtom(output, feedUrl) : readRss(output, format, feedUrl, rootXmlBase(document));
	// Double-encoded UTF-8 is looked for field by field only when the document shows a trace
	// of it (one scan; a well-formed feed shows none), or hides text from that scan (base64).
	const feed = normalizeFeed(raw, feedUrl, {mojibake: mayHoldMojibake(document) || hidesTextInBase64(document), repairs});
	const dropped = rebuilt.incomplete === 0 ? feed.dropped : {...feed.dropped, incomplete: rebuilt.incomplete};
	return repairs.size === 0 && dropped === feed.dropped ? feed : {...feed, ...(repairs.size === 0 ? {} : {repairs: [...repairs]}), ...(dropped === undefined ? {} : {dropped})};
}

/** Repaired XML → rss-parser's output with our raw fields; throws what xml2js and rss-parser throw. */
async function parseXml(repaired: string, format: FeedFormat): Promise<ParserOutput> {
	// A 100 000-item document is cut before the parser builds its object tree (see limit-items.ts).
	const xml = prepareForParser(preCutItems(repaired), format);
	// Bodies skip the parser's character loop and come back into the tree (see cdata-shield.ts).
	const shielded = shieldLargeCdata(xml);
	return restoreCdata((await createParser().parseString(shielded.xml)) as unknown as ParserOutput, shielded.payloads);
}

// Atom 0.3 `mode="base64"`: text the mojibake scan of the document cannot see. Only Atom 0.3
// (its namespace on the root) has the attribute: other feeds are not scanned for it.
const BASE64_MODE = /\bmode\s*=\s*["']base64/i;

function hidesTextInBase64(document: string): boolean {
	return document.slice(0, 4096).includes('purl.org/atom/ns#') && BASE64_MODE.test(document);
}

function emptyFeed(format: FeedFormat): RawFeed {
	return {format, title: null, link: null, base: null, description: null, ttl: null, items: []};
}

function notAFeed(feedUrl: string, why: string): Failure {
	return failed('not-a-feed', `${feedUrl} is not a feed (${why})`);
}

function describeError(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	// xml2js reports "Unexpected close tag\nLine: 4\nColumn: 9\nChar: >": one line.
	const line = sanitizeLine(message.split('\n').map((part) => part.trim()).filter(Boolean).join(', '));
	return line.length > 200 ? `${line.slice(0, 199)}…` : line || 'unknown error';
}

// Elements an HTML page (or a fragment of one, as error pages often are) starts with.
const HTML_ROOTS = /^(?:html|head|body|meta|title|link|script|style|div|p|center|h1|table|br)$/i;

function detectXmlFormat(xml: string): FeedFormat | 'html' | null {
	const root = rootElementName(xml);
	const local = root === null ? null : root.replace(/^.*:/, '').toLowerCase();
	if (local === 'rss') return 'rss';
	if (local === 'rdf') return 'rdf';
	if (local === 'feed' || local === 'entry') return 'atom';
	if (/^<!doctype\s+html/i.test(xml) || (local !== null && HTML_ROOTS.test(local))) return 'html';
	return null;
}

/** Shapes rss-parser copes with: unprefixed Atom, inline XHTML and raw HTML as CDATA. */
function prepareForParser(xml: string, format: FeedFormat): string {
	const prefixed = canonicalPrefixes(xml, format === 'atom');
	if (format === 'rdf') return wrapUnescapedHtml(itemsOutOfChannel(prefixed));
	if (format !== 'atom') return wrapUnescapedHtml(prefixed);
	const root = rootElementName(prefixed) ?? 'feed';
	return inlineXhtmlAsHtml(removeRootPrefix(prefixed, root));
}

function createParser(): Parser {
	// A new parser per document: xml2js parsers keep state between parseString calls.
	const parser = new Parser({
		customFields: {feed: FEED_FIELDS as never, item: ITEM_FIELDS as never},
		// `<rss>` without a version attribute is RSS 2.0 in practice.
		defaultRSS: 2,
	});
	guardAtomBuilders(parser);
	keepRssItemElements(parser);
	return parser;
}

interface RssItemBuilder {
	parseItemRss(item: XmlElement, fields: unknown): Record<string, unknown>;
}

/**
 * rss-parser copies only the RSS elements it knows and our customFields; the item's
 * element object is kept beside them (a reference, not a copy) for the last-resort
 * fallbacks of readRssItem: a `title` or `link` in a namespace nobody declared to us.
 */
function keepRssItemElements(parser: Parser): void {
	const builder = parser as unknown as RssItemBuilder;
	if (typeof builder.parseItemRss !== 'function') {
		// A bug, not a feed problem: rss-parser's internals changed under us (see package.json).
		throw new Error('rss-parser has no parseItemRss: update keepRssItemElements');
	}
	const parseItem = builder.parseItemRss.bind(parser);
	builder.parseItemRss = (item, fields) => {
		// Set on the item rss-parser just built, not copied with it: a feed has hundreds of items.
		const parsed = parseItem(item, fields);
		parsed['elements'] = item;
		return parsed;
	};
}

interface AtomBuilders {
	buildAtomFeed(xml: {feed: XmlElement}): Record<string, unknown>;
	parseItemAtom(entry: XmlElement): Record<string, unknown>;
}

/**
 * rss-parser's Atom code calls `new Date(published).toISOString()`, which throws on one
 * bad date and loses the whole feed, and reads `link.$.rel`, which throws on a `<link>`
 * without attributes. We read dates and links ourselves, so those elements are hidden
 * from it and handed back raw.
 */
function guardAtomBuilders(parser: Parser): void {
	const builders = parser as unknown as AtomBuilders;
	if (typeof builders.buildAtomFeed !== 'function' || typeof builders.parseItemAtom !== 'function') {
		// A bug, not a feed problem: rss-parser's internals changed under us (see package.json).
		throw new Error('rss-parser has no buildAtomFeed/parseItemAtom: update guardAtomBuilders');
	}
	const buildFeed = builders.buildAtomFeed.bind(parser);
	const buildItem = builders.parseItemAtom.bind(parser);
	builders.buildAtomFeed = (xml) => {
		const {link, ...feed} = xml.feed;
		return {...buildFeed({...xml, feed}), rawLink: link};
	};
	builders.parseItemAtom = (entry) => {
		const {published, updated, link, ...rest} = entry;
		return {...buildItem(rest), rawPublished: published, rawUpdated: updated, rawLink: link};
	};
}

// ---- reading xml2js nodes ----

// `raw${name}` made once per name: built anew on every lookup (dozens per item), the key
// would be a fresh string each time, and a slow property lookup.
const RAW_KEYS = new Map<string, `raw${string}`>();

function nodes(fields: RawXmlFields, name: string): readonly XmlNode[] {
	let key = RAW_KEYS.get(name);
	if (key === undefined) RAW_KEYS.set(name, (key = `raw${name}`));
	const value = fields[key];
	return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function attributesOf(node: XmlNode | undefined): Readonly<Record<string, string>> {
	return typeof node === 'object' && node.$ ? node.$ : {};
}

/** All text of a node. Child elements (unescaped HTML in a description) contribute their text. */
function textOf(node: XmlNode | undefined): string {
	if (node === undefined) return '';
	if (typeof node === 'string') return node;
	let text = typeof node._ === 'string' ? node._ : '';
	for (const [key, value] of Object.entries(node)) {
		if (key === '_' || key === '$' || !Array.isArray(value)) continue;
		text += ` ${value.map((child) => textOf(child as XmlNode)).join(' ')}`;
	}
	return text;
}

function firstText(fields: RawXmlFields, ...names: string[]): string | null {
	for (const name of names) {
		const text = textOf(nodes(fields, name)[0]).trim();
		if (text !== '') return text;
	}
	return null;
}

function allTexts(fields: RawXmlFields, ...names: string[]): string[] {
	return names.flatMap((name) => nodes(fields, name).map((node) => textOf(node)));
}

function xmlBase(attributes: Attributes, parent: string | null, documentUrl: string): string | null {
	const value = attributes?.['xml:base'];
	if (value === undefined || value.trim() === '') return parent;
	return resolveBase(value, parent ?? documentUrl);
}

// ---- RSS 0.9x / 2.0 and RSS 1.0 ----

function rssText(fields: RawXmlFields, ...names: string[]): RawText | null {
	const text = firstText(fields, ...names);
	return text === null ? null : {value: text, type: 'html', base: null};
}

// What makes an RSS title HTML rather than text (feedparser's rule, `_looks_like_html`):
// an end tag, a line break or image, or a reference. RSS does not say which a title is.
const LOOKS_LIKE_HTML = /<\/[A-Za-z][\w:-]*\s*>|<(?:br|hr|img|wbr)\b|&#?\w+;/i;

/**
 * An RSS title: HTML when it looks like HTML, else text, so that „Wenn a<b gilt, gilt
 * dann b>a?“ keeps every character instead of losing `<b gilt, gilt dann b>` as a tag.
 */
function rssTitle(fields: RawXmlFields): RawText | null {
	const text = firstText(fields, 'Title', 'DcTitle');
	if (text === null) return null;
	return {value: text, type: text.includes('<') && !LOOKS_LIKE_HTML.test(text) ? 'text' : 'html', base: null};
}

function readRss(output: ParserOutput, format: FeedFormat, feedUrl: string, rootBase: string | null): RawFeed {
	// xml:base on `<rss>` or `<rdf:RDF>` is in scope for the channel, whose own may refine it.
	const base = xmlBase(output.rawAttributes, xmlBase(rootBase === null ? undefined : {'xml:base': rootBase}, null, feedUrl), feedUrl);
	return {
		format,
		// RSS's own elements first; Dublin Core, Atom and iTunes ones stand in when they are missing.
		title: rssTitle(output) ?? atomText(nodes(output, 'AtomTitle')[0], base, feedUrl),
		link: firstText(output, 'Link') ?? atomLink(nodes(output, 'AtomLink'), base, feedUrl),
		base,
		description:
			rssText(output, 'Description', 'DcDescription') ??
			atomText(nodes(output, 'AtomSubtitle')[0], base, feedUrl) ??
			plainText(firstText(output, 'ItunesSummary')),
		ttl: firstText(output, 'Ttl'),
		items: output.items.map((item) => readRssItem(item, base, feedUrl, format)),
		...readHistory(output, nodes(output, 'AtomLink'), base, feedUrl),
	};
}

function plainText(text: string | null): RawText | null {
	return text === null ? null : {value: text, type: 'text', base: null};
}

function htmlText(text: string | null): RawText | null {
	return text === null ? null : {value: text, type: 'html', base: null};
}

function readRssItem(item: RawXmlFields, feedBase: string | null, feedUrl: string, format: FeedFormat): RawItem {
	const base = xmlBase(item.rawAttributes, feedBase, feedUrl);
	const guidNode = nodes(item, 'Guid')[0];
	const guid = textOf(guidNode).trim() || null;
	const about = item.rawAttributes?.['rdf:about'] ?? null;
	// RSS 2.0: a guid is a permalink unless isPermaLink="false"; it stands in for a missing
	// link, but only when it really is a url: absolute, or a path from the site's root
	// (`/2026/12/beitrag/`, resolved against the item's xml:base or the feed's url like any
	// link); "post-17" is not, whatever it claims. The id itself stays as written: it names
	// the entry in the cache, and resolving it would make every cached entry of such a feed
	// new again (and again whenever the feed moves).
	const guidIsLink =
		guid !== null && attributesOf(guidNode)['isPermaLink']?.toLowerCase() !== 'false' && /^(?:https?:\/\/|\/(?!\/)\S)/i.test(guid);
	const link =
		firstText(item, 'Link') ?? atomLink(nodes(item, 'AtomLink'), base, feedUrl) ?? (guidIsLink ? guid : null) ?? (format === 'rdf' ? about : null);
	const mediaDescription = firstText(item, 'MediaDescription') ?? firstMediaGroupDescription(item);
	return {
		id: guid ?? firstText(item, 'DcIdentifier', 'AtomId') ?? about,
		title:
			rssTitle(item) ??
			atomText(nodes(item, 'AtomTitle')[0], base, feedUrl) ??
			plainText(foreignElementText(item, 'title')),
		link: link ?? foreignElementText(item, 'link'),
		origLink: firstText(item, 'OrigLink'),
		base,
		published: allTexts(item, 'PubDate', 'DcDate', 'DctermsIssued', 'DctermsCreated', 'AtomPublished'),
		updated: allTexts(item, 'DctermsModified', 'AtomUpdated'),
		authors: [...allTexts(item, 'Creator', 'Author'), ...atomAuthorNames(item, 'AtomAuthor'), ...allTexts(item, 'ItunesAuthor')],
		content: rssText(item, 'Encoded', 'XhtmlBody') ?? atomText(nodes(item, 'AtomContent')[0], base, feedUrl),
		summary:
			rssText(item, 'Description', 'DcDescription') ??
			atomText(nodes(item, 'AtomSummary')[0], base, feedUrl) ??
			plainText(firstText(item, 'ItunesSummary') ?? mediaDescription) ??
			htmlText(foreignElementText(item, 'description')),
		// RSS `<category>` and Dublin Core `dc:subject` (RSS 1.0's way to say the same).
		categories: allTexts(item, 'Category', 'DcSubject'),
	};
}

/**
 * The text of the first `<prefix:name>` among an item's elements whose prefix is none of
 * the vocabularies read above: a feed that put RSS's own elements in a namespace of its own.
 * Used only when nothing better exists, so its cost is paid only by such feeds.
 */
function foreignElementText(item: RawXmlFields, name: string): string | null {
	const elements = item.elements;
	if (elements === undefined) return null;
	const suffix = `:${name}`;
	for (const [key, value] of Object.entries(elements)) {
		if (!key.endsWith(suffix) || !Array.isArray(value)) continue;
		const text = textOf(value[0] as XmlNode).trim();
		if (text !== '') return text;
	}
	return null;
}

function firstMediaGroupDescription(item: RawXmlFields): string | null {
	const group = nodes(item, 'MediaGroup')[0];
	if (typeof group !== 'object') return null;
	const descriptions = group['media:description'];
	return Array.isArray(descriptions) ? textOf(descriptions[0] as XmlNode).trim() || null : null;
}

// ---- Atom 0.3 / 1.0 ----

/** An Atom text construct (title, subtitle, summary, content) as RawText. */
function atomText(node: XmlNode | undefined, parentBase: string | null, feedUrl: string): RawText | null {
	if (node === undefined) return null;
	const attributes = attributesOf(node);
	// Out-of-line content (`src="…"`) is a link, not a body.
	if (attributes['src'] !== undefined && textOf(node).trim() === '') return null;
	let value = textOf(node);
	// Atom 0.3 `mode="base64"`.
	if (attributes['mode']?.toLowerCase() === 'base64') value = Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
	const type = (attributes['type'] ?? 'text').toLowerCase();
	// Atom 1.0 `text`/`html` (xhtml arrives as html, see inlineXhtmlAsHtml); Atom 0.3 media types.
	const isHtml = type === 'html' || type.includes('html');
	const ownBase = attributes['xml:base'];
	return {
		value,
		type: isHtml ? 'html' : 'text',
		base: ownBase === undefined ? null : resolveBase(ownBase, parentBase ?? feedUrl),
	};
}

/**
 * The link to show: of the links with an href (or, in old feeds, a url as text), the
 * best by rel and type: `rel="alternate"` of an HTML type, then an HTML link without rel
 * (which means alternate, RFC 4287 §4.2.7.2), then alternate without a type, then a
 * link without rel or type, then any other alternate. `self`, `enclosure`, `replies`,
 * `edit` and the like are never the link. A link with its own xml:base is resolved here;
 * others stay relative for normalize.ts to resolve against the entry's base.
 */
function atomLink(links: readonly XmlNode[], parentBase: string | null, feedUrl: string): string | null {
	let best: {readonly href: string; readonly rank: number; readonly ownBase: string | undefined} | null = null;
	for (const node of links) {
		const attributes = attributesOf(node);
		const href = (attributes['href'] ?? textOf(node)).trim();
		if (href === '') continue;
		const rel = attributes['rel']?.trim().toLowerCase();
		const type = attributes['type']?.trim().toLowerCase();
		const isAlternate = rel === undefined || rel === 'alternate' || rel === 'http://www.iana.org/assignments/relation/alternate';
		if (!isAlternate) continue;
		const isHtml = type !== undefined && /html/.test(type);
		const rank = isHtml ? (rel === undefined ? 1 : 0) : type === undefined ? (rel === undefined ? 3 : 2) : 4;
		if (best === null || rank < best.rank) best = {href, rank, ownBase: attributes['xml:base']};
	}
	if (best === null) return null;
	if (best.ownBase === undefined) return best.href;
	const base = resolveBase(best.ownBase, parentBase ?? feedUrl);
	try {
		return base === null ? best.href : new URL(best.href, base).href;
	} catch {
		return best.href;
	}
}

/** Names of Atom `author` elements (`<name>` inside, or the text of an Atom 0.3 / RSS-style author). */
function atomAuthorNames(fields: RawXmlFields, field = 'Author'): string[] {
	return nodes(fields, field).map((author) => {
		if (typeof author === 'string') return author;
		const name = author['name'] ?? author['atom:name'];
		return Array.isArray(name) ? textOf(name[0] as XmlNode) : textOf(author);
	});
}

function readAtom(output: ParserOutput, feedUrl: string): RawFeed {
	const base = xmlBase(output.rawAttributes, null, feedUrl);
	const feedAuthors = atomAuthorNames(output);
	return {
		format: 'atom',
		title: atomText(nodes(output, 'Title')[0], base, feedUrl),
		link: atomLink(nodes(output, 'Link'), base, feedUrl),
		base,
		description: atomText(nodes(output, 'Subtitle')[0] ?? nodes(output, 'Tagline')[0], base, feedUrl),
		ttl: null,
		items: output.items.map((entry) => readAtomEntry(entry, base, feedUrl, feedAuthors)),
		...readHistory(output, nodes(output, 'Link'), base, feedUrl),
	};
}

function readAtomEntry(entry: RawXmlFields, feedBase: string | null, feedUrl: string, feedAuthors: readonly string[]): RawItem {
	const base = xmlBase(entry.rawAttributes, feedBase, feedUrl);
	return {
		id: firstText(entry, 'Id'),
		title: atomText(nodes(entry, 'Title')[0], base, feedUrl),
		link: atomLink(nodes(entry, 'Link'), base, feedUrl),
		origLink: firstText(entry, 'OrigLink'),
		base,
		published: allTexts(entry, 'Published', 'Issued', 'DctermsIssued', 'Created', 'DctermsCreated', 'DcDate'),
		updated: allTexts(entry, 'Updated', 'Modified', 'DctermsModified'),
		// An entry without an author inherits the feed's (RFC 4287 §4.2.1).
		authors: [...atomAuthorNames(entry), ...allTexts(entry, 'Creator'), ...feedAuthors],
		content: atomText(nodes(entry, 'Content')[0], base, feedUrl),
		summary: atomText(nodes(entry, 'Summary')[0], base, feedUrl),
		// Atom `<category term="…" label="…"/>`: the label is for people, the term for machines.
		categories: [
			...nodes(entry, 'Category').map((node) => {
				const attributes = attributesOf(node);
				return attributes['label'] ?? attributes['term'] ?? textOf(node);
			}),
			...allTexts(entry, 'DcSubject'),
		],
	};
}

// ---- RFC 5005: feed paging and archiving ----

const IANA_RELATIONS = 'http://www.iana.org/assignments/relation/';
const HISTORY_RELATIONS: Readonly<Record<string, Exclude<keyof FeedHistory, 'archive' | 'complete'>>> = {
	next: 'next',
	previous: 'previous',
	// Not in RFC 5005, but what some generators write for "previous".
	prev: 'previous',
	first: 'first',
	last: 'last',
	'prev-archive': 'prevArchive',
	'next-archive': 'nextArchive',
	current: 'current',
};

/**
 * The feed's paging and archive links (RSS through `atom:link`, Atom through `link`),
 * resolved against the feed's base, and its `fh:archive` / `fh:complete` marks: `{}` when
 * it has none of them, so that most feeds' ParsedFeed stays as it was.
 */
function readHistory(fields: RawXmlFields, links: readonly XmlNode[], base: string | null, feedUrl: string): {history?: FeedHistory} {
	const found: Record<string, string | null> = {};
	for (const node of links) {
		const attributes = attributesOf(node);
		const href = attributes['href']?.trim();
		if (href === undefined || href === '') continue;
		// A rel attribute may hold several space-separated relations, also as IANA urls.
		for (const relation of (attributes['rel'] ?? '').trim().toLowerCase().split(/\s+/)) {
			const key = HISTORY_RELATIONS[relation.startsWith(IANA_RELATIONS) ? relation.slice(IANA_RELATIONS.length) : relation];
			if (key === undefined || found[key] !== undefined) continue;
			const own = attributes['xml:base'];
			found[key] = resolveHistoryUrl(href, own === undefined ? base ?? feedUrl : resolveBase(own, base ?? feedUrl) ?? feedUrl);
		}
	}
	const archive = nodes(fields, 'FhArchive').length > 0;
	const complete = nodes(fields, 'FhComplete').length > 0;
	const linkCount = Object.values(found).filter((url) => url !== null).length;
	if (linkCount === 0 && !archive && !complete) return {};
	const link = (key: string) => found[key] ?? null;
	return {
		history: {
			next: link('next'),
			previous: link('previous'),
			first: link('first'),
			last: link('last'),
			prevArchive: link('prevArchive'),
			nextArchive: link('nextArchive'),
			current: link('current'),
			archive,
			complete,
		},
	};
}

/** An absolute http(s) url, or null for anything else (`javascript:`, junk). */
function resolveHistoryUrl(href: string, base: string): string | null {
	try {
		const url = new URL(href, base);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
	} catch {
		return null;
	}
}
