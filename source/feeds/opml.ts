/**
 * OPML import and export (OPML 1.0 and 2.0), the format every feed reader exchanges
 * subscription lists in. Folders become tags and back: the first tag of a feed is its
 * folder, further tags go into the `category` attribute, so that
 * parseOpml(serializeOpml(feeds)) gives back every feed's url, title and tags. A feed's own
 * settings travel as namespaced `blogroll:` attributes on its outline (BLOGROLL_OPML_NAMESPACE),
 * which other readers ignore.
 */
import {XMLParser, XMLValidator} from 'fast-xml-parser';
import {failed, type Failure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {repairXml} from './repair.js';

/** A subscription as import and export formats carry it. */
export interface ImportedFeed {
	readonly url: string;
	readonly title: string | null;
	/** Folder names and categories, each once, in document order. */
	readonly tags: string[];
	/** The site's home page (OPML `htmlUrl`), when known. */
	readonly siteUrl?: string | null;
	/**
	 * The feed's own settings as text, by the key `blogroll feed set` takes (`interval` in
	 * minutes, `max-entries`, `user-agent`, `charset`, `full-article`, `paused`, `note`); unchecked
	 * here: the importer validates them like typed values.
	 */
	readonly settings?: Readonly<Record<string, string>>;
}

/** The XML namespace of blogroll's own outline attributes (`xmlns:blogroll` on `<opml>`). */
export const BLOGROLL_OPML_NAMESPACE = 'https://github.com/blogroll-reader/blogroll/opml';

/** Setting key → the local name of its `blogroll:` outline attribute. */
const SETTING_ATTRIBUTES: Readonly<Record<string, string>> = {
	interval: 'interval',
	'max-entries': 'maxEntries',
	'user-agent': 'userAgent',
	charset: 'charset',
	'full-article': 'fullArticle',
	paused: 'paused',
};

/**
 * The feed's note (`blogroll feed set <feed> note …`) is OPML 2.0's own `description` of a
 * feed outline, not a `blogroll:` attribute: other readers and blogroll directories show it.
 */
const NOTE_ATTRIBUTE = 'description';

type OutlineAttributes = Readonly<Record<string, string>>;
interface Outline {
	readonly attributes: OutlineAttributes;
	readonly children: readonly Outline[];
}

const ATTRIBUTE_PREFIX = '@_';

/**
 * Reads an OPML document. `source` names the file in failure messages.
 * Fails when the text is not XML, not OPML, or lists no feed.
 */
export function parseOpml(text: string, source = 'The file'): {feeds: ImportedFeed[]} | Failure {
	const trimmed = text.replace(/^[\uFEFF\s]+/, '');
	if (!trimmed.startsWith('<')) return failed('not-opml', `${source} is not an OPML file (it is not XML)`);
	// The same repairs as for feeds: exported OPML is often hand-edited ("Tipps & Tricks").
	const xml = repairXml(trimmed);
	const validation = XMLValidator.validate(xml);
	if (validation !== true) {
		const {msg, line} = validation.err;
		return failed('parse-error', sanitizeLine(`${source} is not valid OPML: ${msg} (line ${line})`));
	}
	const document: unknown = new XMLParser({
		ignoreAttributes: false,
		attributeNamePrefix: ATTRIBUTE_PREFIX,
		htmlEntities: true,
		parseAttributeValue: false,
		parseTagValue: false,
		isArray: (name) => name === 'outline',
	}).parse(xml);
	const opml = findChild(document, 'opml');
	const body = findChild(opml, 'body');
	if (opml === undefined) return failed('not-opml', `${source} is not an OPML file (no <opml> element)`);
	const feeds = new Map<string, CollectedFeed>();
	collectFeeds(readOutlines(body), [], feeds, blogrollPrefix(opml));
	if (feeds.size === 0) return failed('no-feeds', `${source} lists no feeds (no outline has an xmlUrl)`);
	return {
		feeds: [...feeds.values()].map(({siteUrl, settings, ...feed}) => ({
			...feed,
			...(siteUrl === null ? {} : {siteUrl}),
			...(Object.keys(settings).length === 0 ? {} : {settings}),
		})),
	};
}

function findChild(node: unknown, name: string): unknown {
	if (typeof node !== 'object' || node === null) return undefined;
	// Element names are matched case-insensitively: `<OPML>` and `<Body>` exist in the wild.
	const entry = Object.entries(node).find(([key]) => key.toLowerCase() === name);
	return entry?.[1];
}

function readOutlines(node: unknown): Outline[] {
	const outlines = findChild(node, 'outline');
	if (!Array.isArray(outlines)) return [];
	return outlines.map((outline: unknown) => {
		const attributes: Record<string, string> = {};
		if (typeof outline === 'object' && outline !== null) {
			for (const [key, value] of Object.entries(outline)) {
				// `xmlUrl`, `xmlurl`, `XMLURL`: attribute names compared in lower case.
				if (key.startsWith(ATTRIBUTE_PREFIX) && typeof value === 'string') {
					attributes[key.slice(ATTRIBUTE_PREFIX.length).toLowerCase()] = value;
				}
			}
		}
		return {attributes, children: readOutlines(outline)};
	});
}

interface CollectedFeed {
	url: string;
	title: string | null;
	tags: string[];
	siteUrl: string | null;
	settings: Record<string, string>;
}

/** The prefix (lower case) the document binds to blogroll's namespace; `blogroll` when it binds none. */
function blogrollPrefix(opml: unknown): string {
	if (typeof opml === 'object' && opml !== null) {
		for (const [key, value] of Object.entries(opml)) {
			const match = /^@_xmlns:(.+)$/i.exec(key);
			if (match && value === BLOGROLL_OPML_NAMESPACE) return match[1]!.toLowerCase();
		}
	}
	return 'blogroll';
}

function settingsOf(attributes: OutlineAttributes, prefix: string): Record<string, string> {
	const settings: Record<string, string> = {};
	for (const [key, local] of Object.entries(SETTING_ATTRIBUTES)) {
		const value = attributes[`${prefix}:${local.toLowerCase()}`];
		if (value !== undefined) settings[key] = value;
	}
	const note = attributes[NOTE_ATTRIBUTE]?.trim();
	if (note !== undefined && note !== '') settings['note'] = note;
	return settings;
}

function collectFeeds(outlines: readonly Outline[], folders: readonly string[], feeds: Map<string, CollectedFeed>, prefix: string): void {
	for (const {attributes, children} of outlines) {
		const url = feedUrlOf(attributes);
		const name = nonEmpty(attributes['title']) ?? nonEmpty(attributes['text']);
		if (url === null) {
			// A folder: its name tags every feed inside it, however deep.
			collectFeeds(children, name === null ? folders : [...folders, name], feeds, prefix);
			continue;
		}
		const tags = [...folders, ...categoryTags(attributes['category'])];
		const existing = feeds.get(url);
		if (existing) {
			// The same feed in several folders is one subscription with all their tags.
			existing.tags = unique([...existing.tags, ...tags]);
			existing.title ??= titleOf(attributes, url);
			existing.siteUrl ??= httpUrl(attributes['htmlurl']);
			existing.settings = {...settingsOf(attributes, prefix), ...existing.settings};
		} else {
			feeds.set(url, {url, title: titleOf(attributes, url), tags: unique(tags), siteUrl: httpUrl(attributes['htmlurl']), settings: settingsOf(attributes, prefix)});
		}
		collectFeeds(children, folders, feeds, prefix);
	}
}

function feedUrlOf(attributes: OutlineAttributes): string | null {
	const type = attributes['type']?.toLowerCase();
	// Some exporters write `url` on `type="rss"` outlines instead of `xmlUrl`.
	const candidate = attributes['xmlurl'] ?? (type === 'rss' || type === 'atom' ? attributes['url'] : undefined);
	return httpUrl(candidate?.replace(/^feed:(\/\/)?/i, (_, slashes: string | undefined) => (slashes ? 'http://' : '')));
}

function httpUrl(value: string | undefined): string | null {
	if (value === undefined) return null;
	try {
		// Validated, but kept as written, so that an export gives back the very same string.
		const url = new URL(value.trim());
		return url.protocol === 'http:' || url.protocol === 'https:' ? value.trim() : null;
	} catch {
		return null;
	}
}

function titleOf(attributes: OutlineAttributes, url: string): string | null {
	const title = nonEmpty(attributes['title']) ?? nonEmpty(attributes['text']);
	// Exporters (ours included) write the url as `text` when a feed has no title.
	return title === null || title === url || title === attributes['xmlurl'] ? null : title;
}

function categoryTags(category: string | undefined): string[] {
	if (category === undefined) return [];
	// OPML 2.0: comma-separated slash-delimited paths ("/Coaching/Führung,Newsletter").
	return category
		.split(',')
		.map((path) => sanitizeLine(path).replace(/^\/+|\/+$/g, ''))
		.filter((tag) => tag !== '');
}

function nonEmpty(value: string | undefined): string | null {
	if (value === undefined) return null;
	const line = sanitizeLine(value);
	return line === '' ? null : line;
}

function unique(tags: readonly string[]): string[] {
	return [...new Set(tags)];
}

/**
 * OPML 2.0 that newsboat, Miniflux and NetNewsWire import: one folder outline per first
 * tag (in order of first appearance), untagged feeds at the top level after them.
 */
export function serializeOpml(feeds: readonly ImportedFeed[], title = 'blogroll subscriptions'): string {
	const folders = new Map<string, ImportedFeed[]>();
	const untagged: ImportedFeed[] = [];
	for (const feed of feeds) {
		const folder = feed.tags[0];
		if (folder === undefined) {
			untagged.push(feed);
			continue;
		}
		const members = folders.get(folder) ?? [];
		members.push(feed);
		folders.set(folder, members);
	}
	const lines = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		// The namespace only where a feed has settings of its own: a plain export stays the plain OPML it was.
		feeds.some(feed => Object.keys(feed.settings ?? {}).some(key => key in SETTING_ATTRIBUTES)) ? `<opml version="2.0" xmlns:blogroll="${BLOGROLL_OPML_NAMESPACE}">` : '<opml version="2.0">',
		'\t<head>',
		`\t\t<title>${escapeXml(title)}</title>`,
		'\t</head>',
		'\t<body>',
	];
	for (const [folder, members] of folders) {
		lines.push(`\t\t<outline text="${escapeXml(folder)}" title="${escapeXml(folder)}">`);
		for (const feed of members) lines.push(`\t\t\t${feedOutline(feed, feed.tags.slice(1))}`);
		lines.push('\t\t</outline>');
	}
	for (const feed of untagged) lines.push(`\t\t${feedOutline(feed, [])}`);
	lines.push('\t</body>', '</opml>', '');
	return lines.join('\n');
}

function feedOutline(feed: ImportedFeed, categories: readonly string[]): string {
	const attributes: [string, string][] = [
		['type', 'rss'],
		['text', feed.title ?? feed.url],
	];
	if (feed.title !== null) attributes.push(['title', feed.title]);
	attributes.push(['xmlUrl', feed.url]);
	if (feed.siteUrl) attributes.push(['htmlUrl', feed.siteUrl]);
	if (categories.length > 0) attributes.push(['category', categories.join(',')]);
	const note = feed.settings?.['note'];
	if (note !== undefined) attributes.push([NOTE_ATTRIBUTE, note]);
	for (const [key, local] of Object.entries(SETTING_ATTRIBUTES)) {
		const value = feed.settings?.[key];
		if (value !== undefined) attributes.push([`blogroll:${local}`, value]);
	}
	return `<outline ${attributes.map(([name, value]) => `${name}="${escapeXml(value)}"`).join(' ')}/>`;
}

/** Escapes text for XML element content and double- or single-quoted attributes. */
function escapeXml(text: string): string {
	return sanitizeLine(text)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}
