/**
 * Blogrolls a web page publishes or points to, read without fetching anything:
 *   - `<link rel="blogroll" href="…">` in the head (an OPML; whatever its `type`);
 *   - WordPress link lists: `<ul class="xoxo blogroll">` and the Links widget (`widget_links`),
 *     and any list or section whose class names a blogroll;
 *   - a page linked with a blogroll label ("Blogroll", "Links", "Linkliste", "Empfehlungen",
 *     "Blogs, die ich lese", "Lesenswert", "Leseliste", …; BLOGROLL_LABELS), on the same site.
 * htmlparser2 is forgiving and streams: no DOM is built for a home page.
 */
import {Parser} from 'htmlparser2';
import {sanitizeLine} from '../text/sanitize.js';
import {resolveHttpUrl, siteKeyOf} from './site-key.js';
import type {ListedSite} from './types.js';

/** Link texts that name a blogroll page, compared in lower case without punctuation. */
export const BLOGROLL_LABELS: readonly string[] = [
	'blogroll',
	'links',
	'linkliste',
	'linksammlung',
	'empfehlungen',
	'blogempfehlungen',
	'blogs die ich lese',
	'blogs, die ich lese',
	'lesenswert',
	'leseliste',
	'lesetipps',
	'andere blogs',
	'blogs i read',
	'blogs i follow',
	'reading list',
	'recommendations',
	'recommended blogs',
	'linkroll',
	'other blogs',
];

const LABELS = new Set(BLOGROLL_LABELS.map(normalizeLabel));

// Caps per page: a hostile page cannot make a blogroll of ten thousand sites.
const MAX_LISTED = 500;
const MAX_POINTERS = 5;

/** What one page tells about blogrolls. */
export interface HtmlBlogrolls {
	/** OPML files named by `<link rel="blogroll">`. */
	readonly opmlUrls: readonly string[];
	/** Same-site pages linked with a blogroll label. */
	readonly pageUrls: readonly string[];
	/** Sites listed on this very page (WordPress link lists). */
	readonly listed: readonly ListedSite[];
}

export function findHtmlBlogrolls(html: string, pageUrl: string): HtmlBlogrolls {
	const opmlUrls: string[] = [];
	const pageUrls: string[] = [];
	const listed: ListedSite[] = [];
	const pageSite = siteKeyOf(pageUrl);
	let base = pageUrl;
	const stack: string[] = [];
	// Depth of the stack when the innermost open link list began; -1 outside one.
	let listDepth = -1;
	let anchor: {href: string; text: string; title: string | null} | null = null;

	const parser = new Parser(
		{
			onopentag(name, attributes) {
				stack.push(name);
				if (name === 'base' && attributes['href']) base = resolveHttpUrl(attributes['href'], pageUrl) ?? base;
				if (name === 'link' && hasToken(attributes['rel'], 'blogroll') && attributes['href']) {
					const url = resolveHttpUrl(attributes['href'], base);
					if (url !== null && opmlUrls.length < MAX_POINTERS && !opmlUrls.includes(url)) opmlUrls.push(url);
				}
				if (listDepth < 0 && isLinkList(attributes['class'])) listDepth = stack.length;
				if (name === 'a' && attributes['href']) anchor = {href: attributes['href'], text: '', title: attributes['title'] ?? null};
			},
			ontext(text) {
				if (anchor !== null && anchor.text.length < 300) anchor.text += text;
			},
			onclosetag(name) {
				if (name === 'a' && anchor !== null) {
					const url = resolveHttpUrl(anchor.href, base);
					const text = sanitizeLine(anchor.text);
					if (url !== null) {
						if (listDepth >= 0) {
							if (siteKeyOf(url) !== pageSite && listed.length < MAX_LISTED) listed.push({url, feedUrl: null, title: text || anchor.title});
						} else if (LABELS.has(normalizeLabel(text)) && siteKeyOf(url) === pageSite && url !== pageUrl) {
							if (pageUrls.length < MAX_POINTERS && !pageUrls.includes(url)) pageUrls.push(url);
						}
					}
					anchor = null;
				}
				if (listDepth >= 0 && stack.length === listDepth) listDepth = -1;
				stack.pop();
			},
		},
		{decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true},
	);
	parser.write(html);
	parser.end();
	return {opmlUrls, pageUrls, listed: uniqueBySite(listed)};
}

/**
 * The sites a blogroll page lists: every link to another site in the page's body, except
 * those in its header, navigation and footer (the theme's links, not the author's list).
 */
export function listedOnBlogrollPage(html: string, pageUrl: string): ListedSite[] {
	const pageSite = siteKeyOf(pageUrl);
	const listed: ListedSite[] = [];
	let base = pageUrl;
	const stack: string[] = [];
	let chromeDepth = -1;
	let anchor: {href: string; text: string} | null = null;
	const parser = new Parser(
		{
			onopentag(name, attributes) {
				stack.push(name);
				if (name === 'base' && attributes['href']) base = resolveHttpUrl(attributes['href'], pageUrl) ?? base;
				if (chromeDepth < 0 && (name === 'nav' || name === 'header' || name === 'footer' || name === 'head')) chromeDepth = stack.length;
				if (name === 'a' && attributes['href'] && chromeDepth < 0) anchor = {href: attributes['href'], text: ''};
			},
			ontext(text) {
				if (anchor !== null && anchor.text.length < 300) anchor.text += text;
			},
			onclosetag(name) {
				if (name === 'a' && anchor !== null) {
					const url = resolveHttpUrl(anchor.href, base);
					if (url !== null && siteKeyOf(url) !== pageSite && listed.length < MAX_LISTED) {
						listed.push({url, feedUrl: null, title: sanitizeLine(anchor.text) || null});
					}
					anchor = null;
				}
				if (chromeDepth >= 0 && stack.length === chromeDepth) chromeDepth = -1;
				stack.pop();
			},
		},
		{decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true},
	);
	parser.write(html);
	parser.end();
	return uniqueBySite(listed);
}

/** The blogroll urls of an HTTP `Link` header (`<…>; rel="blogroll"`, RFC 8288). */
export function blogrollsFromLinkHeader(header: string | null | undefined, base: string): string[] {
	if (!header) return [];
	const urls: string[] = [];
	for (const match of header.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]*)*)/g)) {
		const parameters = match[2] ?? '';
		const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(parameters);
		if (!hasToken(rel?.[1] ?? rel?.[2], 'blogroll')) continue;
		const url = resolveHttpUrl(match[1] ?? '', base);
		if (url !== null && !urls.includes(url)) urls.push(url);
	}
	return urls.slice(0, MAX_POINTERS);
}

function isLinkList(classes: string | undefined): boolean {
	if (!classes) return false;
	const tokens = classes.toLowerCase().split(/\s+/);
	return tokens.includes('blogroll') || tokens.includes('widget_links') || tokens.includes('linkcat');
}

function hasToken(list: string | undefined, token: string): boolean {
	return (list ?? '').toLowerCase().split(/\s+/).includes(token);
}

function normalizeLabel(text: string): string {
	return text
		.toLowerCase()
		.replace(/[„“”"'’:.!?…,»«›‹→·|()[\]]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** One entry per site, the first one kept (the list's own order). */
export function uniqueBySite(sites: readonly ListedSite[]): ListedSite[] {
	const seen = new Set<string>();
	return sites.filter(site => {
		const key = siteKeyOf(site.url);
		if (key === null || seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
