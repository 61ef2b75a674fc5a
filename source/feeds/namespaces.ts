/**
 * Shapes of feed documents rss-parser does not expect, made into the ones it does. Each
 * step looks at the root element (or a few tags) first and is a no-op, returning the same
 * string, for the feeds nearly everyone writes.
 *
 * - Namespaces bound to unusual prefixes (`xmlns:d="http://purl.org/dc/elements/1.1/"`,
 *   `<r:RDF xmlns:r="…rdf-syntax-ns#" xmlns:z="http://purl.org/rss/1.0/">`): rss-parser
 *   and our customFields match element names, so the prefixes become the usual ones.
 *   Only declarations on the root element are seen (where generators put them).
 * - RSS 1.0 / 0.90 items written inside `<channel>`: moved after it, where the spec and
 *   rss-parser have them.
 * - A standalone Atom entry document (root `<entry>`): wrapped in a feed of one entry.
 */

// The prefix each namespace is read under; '' means unprefixed (the RSS 1.0 and 0.90
// element namespaces are the document's own). In an Atom document the Atom namespace is
// unprefixed too (see canonicalPrefixes).
const CANONICAL_PREFIXES: ReadonlyMap<string, string> = new Map([
	['http://www.w3.org/2005/Atom', 'atom'],
	['http://purl.org/dc/elements/1.1/', 'dc'],
	['http://purl.org/dc/terms/', 'dcterms'],
	['http://purl.org/rss/1.0/modules/content/', 'content'],
	['http://search.yahoo.com/mrss/', 'media'],
	['http://www.itunes.com/dtds/podcast-1.0.dtd', 'itunes'],
	['http://www.w3.org/1999/02/22-rdf-syntax-ns#', 'rdf'],
	['http://www.w3.org/1999/xhtml', 'xhtml'],
	['http://rssnamespace.org/feedburner/ext/1.0', 'feedburner'],
	// RFC 5005 feed history (`<fh:archive/>`, `<fh:complete/>`).
	['http://purl.org/syndication/history/1.0', 'fh'],
	['http://purl.org/rss/1.0/', ''],
	['http://my.netscape.com/rdf/simple/0.9/', ''],
	['http://backend.userland.com/rss2', ''],
]);

const ROOT_START = /<(?:[\w.-]+:)?(?:rss|feed|RDF|entry)\b[^<>]{0,8192}>/;
const PREFIX_DECLARATION = /\bxmlns:([\w.-]+)\s*=\s*(["'])([^"']*)\2/g;

/**
 * The document with every namespace of CANONICAL_PREFIXES that the root binds to another
 * prefix renamed to its usual prefix, in element and attribute names. A rename is skipped
 * when the usual prefix is already bound to something else.
 */
export function canonicalPrefixes(xml: string, isAtom: boolean): string {
	const root = ROOT_START.exec(xml);
	if (root === null) return xml;
	const declared = new Map<string, string>();
	for (const match of root[0].matchAll(PREFIX_DECLARATION)) declared.set(match[1]!, match[3]!.trim());
	const renames: [from: string, to: string][] = [];
	for (const [prefix, uri] of declared) {
		let canonical = CANONICAL_PREFIXES.get(uri);
		if (canonical === undefined && !uri.endsWith('/')) canonical = CANONICAL_PREFIXES.get(`${uri}/`);
		if (canonical === undefined) continue;
		if (isAtom && canonical === 'atom') canonical = '';
		if (canonical === prefix) continue;
		// `xmlns:dc` bound elsewhere: renaming `d:` to `dc:` would mix two vocabularies.
		if (canonical !== '' && declared.has(canonical) && declared.get(canonical) !== uri) continue;
		renames.push([prefix, canonical]);
	}
	if (renames.length === 0) return xml;
	let result = xml;
	for (const [from, to] of renames) {
		const escaped = from.replace(/[.]/g, '\\.');
		const replacement = to === '' ? '' : `${to}:`;
		// Element names, then attribute names inside tags (`r:about="…"`).
		result = result
			.replace(new RegExp(`<(/?)${escaped}:`, 'g'), `<$1${replacement}`)
			.replace(new RegExp(`(<[^<>!?]*?\\s)${escaped}:(?=[\\w.-]+\\s*=)`, 'g'), `$1${replacement}`);
	}
	return result;
}

const CHANNEL_END = '</channel>';
const ITEM_START = /<(?:[\w.-]+:)?item[\s>]/;

/** RSS 1.0 / 0.90 with `<item>`s inside `<channel>`: `</channel>` moved before the first item. */
export function itemsOutOfChannel(xml: string): string {
	const channelEnd = xml.indexOf(CHANNEL_END);
	if (channelEnd === -1) return xml;
	const firstItem = ITEM_START.exec(xml);
	if (firstItem === null || firstItem.index > channelEnd) return xml;
	return `${xml.slice(0, firstItem.index)}${CHANNEL_END}${xml.slice(firstItem.index, channelEnd)}${xml.slice(channelEnd + CHANNEL_END.length)}`;
}

const ENTRY_ROOT = /<((?:[\w.-]+:)?)entry[\s>/]/;

/**
 * A standalone Atom entry document (RFC 5023 §9.2, and what some sites link as their
 * "feed") as a feed with that one entry. The entry keeps its own namespace declarations.
 */
export function entryAsFeed(xml: string): string {
	const entry = ENTRY_ROOT.exec(xml);
	if (entry === null) return xml;
	const prefix = entry[1]!;
	const namespace = prefix === '' ? 'xmlns' : `xmlns:${prefix.slice(0, -1)}`;
	return `${xml.slice(0, entry.index)}<${prefix}feed ${namespace}="http://www.w3.org/2005/Atom">${xml.slice(entry.index)}</${prefix}feed>`;
}

/** The xml:base attribute of the root element (`<rss xml:base="…">`), which rss-parser does not hand on. */
export function rootXmlBase(xml: string): string | null {
	const root = ROOT_START.exec(xml);
	const base = root === null ? null : /\sxml:base\s*=\s*(["'])([^"']*)\1/.exec(root[0]);
	return base === null ? null : decodeXmlAttribute(base[2]!);
}

function decodeXmlAttribute(value: string): string {
	return value.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (whole, name: string) => {
		if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
		if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
		return ({amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"} as Record<string, string>)[name] ?? whole;
	});
}
