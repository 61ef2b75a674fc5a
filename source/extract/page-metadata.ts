import {all, lineText, sameText, type DomDocument, type DomElement} from '../render/dom.js';

/**
 * The title and byline of a page, decided by blogroll rather than guessed by Readability.
 *
 * Readability takes the title from `<title>` when the page has no metadata title, and
 * then drops whatever stands before a colon („Gendern ohne Krampf: fünf Formulierungen …“
 * becomes „fünf Formulierungen … · Klartext“) and keeps the site name. The article's own
 * heading is what its author wrote, so it wins; `<title>` comes last, without the site.
 */

// The separators sites put between a post title and the site name.
const SITE_SEPARATOR = /\s+[·|–—\-:»›•~]\s+/u;

/** Where the page names its own title, most specific first. */
const HEADLINE_SELECTORS = ['article .entry-title', '.entry-title', '.h-entry .p-name', 'article [itemprop="headline"]', '[itemprop="headline"]', 'article h1', 'main h1', '[role="main"] h1'];

// A heading that names the site, not the article (classic themes put the logo in an h1).
const SITE_HEADING = /(?:^|[-_\s])(?:site-title|site-name|site-branding|logo|brand|blog-title|masthead)(?:$|[-_\s])/i;

/**
 * The article's title: its own headline (`.entry-title`, h-entry `p-name`, `headline`
 * microdata, the `h1` of the article or main region), else `og:title`, else the page's
 * only `h1`, else `<title>`; the site name is cut from the metadata and `<title>` forms.
 * Empty when the page names none. Call before Readability, which rewrites the document.
 */
export function findTitle(doc: DomDocument): string {
	const siteNames = findSiteNames(doc);
	for (const selector of HEADLINE_SELECTORS) {
		const found = distinctTexts(all(doc.documentElement, selector).filter((element) => !isSiteHeading(element, siteNames)));
		// Several different headlines: a list of posts, not one article.
		if (found.length === 1) return found[0]!;
	}
	const ogTitle = metaContent(doc, 'meta[property="og:title"], meta[name="og:title"], meta[name="twitter:title"]');
	if (ogTitle !== '') return withoutSiteName(ogTitle, siteNames);
	const headings = distinctTexts(all(doc.documentElement, 'h1').filter((element) => !isSiteHeading(element, siteNames)));
	if (headings.length === 1) return headings[0]!;
	return withoutSiteName(lineText(doc.querySelector('title')), siteNames);
}

function distinctTexts(elements: readonly DomElement[]): string[] {
	const texts: string[] = [];
	for (const element of elements) {
		const text = lineText(element);
		if (text !== '' && !texts.some((seen) => sameText(seen, text))) texts.push(text);
	}
	return texts;
}

function isSiteHeading(element: DomElement, siteNames: readonly string[]): boolean {
	for (let node: DomElement | null = element; node; node = node.parentElement) {
		if (SITE_HEADING.test(`${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`)) return true;
		if (node.localName === 'article' || node.localName === 'main') break;
	}
	return siteNames.some((name) => sameText(name, lineText(element)));
}

function metaContent(doc: DomDocument, selector: string): string {
	return (doc.querySelector(selector)?.getAttribute('content') ?? '').replace(/\s+/g, ' ').trim();
}

/** What the page calls its site: `og:site_name`, `application-name`, the logo or site title. */
function findSiteNames(doc: DomDocument): string[] {
	const names = [
		metaContent(doc, 'meta[property="og:site_name"], meta[name="og:site_name"]'),
		metaContent(doc, 'meta[name="application-name"]'),
		...all(doc.documentElement, '.site-title, .site-name, .logo, a[rel="home"]').map((element) => lineText(element)),
	];
	return names.filter((name) => name !== '' && name.length <= 80);
}

/**
 * „Post – Site“, „Post | Site“, „Site · Post“: the part that names the site goes, only
 * when it really is the site's name (or the start of it, as a logo with a tagline), so
 * that „Gendern ohne Krampf: fünf Formulierungen“ keeps both halves.
 */
export function withoutSiteName(title: string, siteNames: readonly string[]): string {
	const isSite = (part: string) => siteNames.some((name) => sameText(name, part) || (part.length >= 3 && normalised(name).startsWith(`${normalised(part)} `)));
	const parts = splitOnce(title, 'last');
	if (parts && isSite(parts[1])) return parts[0];
	const leading = splitOnce(title, 'first');
	if (leading && isSite(leading[0])) return leading[1];
	return title;
}

function normalised(text: string): string {
	return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function splitOnce(title: string, which: 'first' | 'last'): [string, string] | null {
	const matches = [...title.matchAll(new RegExp(SITE_SEPARATOR.source, 'gu'))];
	const match = which === 'last' ? matches[matches.length - 1] : matches[0];
	if (!match || match.index === undefined) return null;
	const head = title.slice(0, match.index).trim();
	const tail = title.slice(match.index + match[0].length).trim();
	return head === '' || tail === '' ? null : [head, tail];
}

// What Readability takes for a byline (Readability.js `_isValidByline`, 0.6).
const BYLINE_MATCH = /byline|author|dateline|writtenby|p-author/i;
const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'cite', 'em', 'font', 'i', 'small', 'span', 'strong', 'time', 'u']);
// Readability keeps a byline only under 100 characters.
const MAX_BYLINE_LENGTH = 100;
const BYLINE_CLASS = 'blogroll-byline';

function isBylineCandidate(element: DomElement): boolean {
	const itemprop = element.getAttribute('itemprop') ?? '';
	return element.getAttribute('rel') === 'author' || itemprop.includes('author') || BYLINE_MATCH.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`);
}

/**
 * A byline is kept whole or dropped whole. Readability takes the first element that looks
 * like a byline (`rel="author"`, `itemprop="author"`, a class like `p-author`) and removes
 * it from the article; when that is the name inside „Von <span>Henrike Sauer</span> am
 * 29. Oktober 2026“, the article keeps „Von am 29. Oktober 2026“. So each such element is
 * widened to its whole line when the line is short (the line becomes the byline and leaves
 * the article in one piece) or, inside a longer sentence, no longer looks like a byline
 * (the sentence stays whole). Call before Readability.
 */
export function keepBylinesWhole(doc: DomDocument): void {
	// A line's text once, however many author links it holds (a hostile page may hold thousands).
	const lineTexts = new Map<DomElement, string>();
	const bylines = new Set<DomElement>();
	// An ancestor walk, not closest(): linkedom compiles the selector on every call.
	const isInByline = (element: DomElement) => {
		for (let node: DomElement | null = element; node; node = node.parentElement) if (bylines.has(node)) return true;
		return false;
	};
	for (const candidate of all(doc.documentElement, '[rel="author"], [itemprop*="author"], [class], [id]')) {
		if (!candidate.parentNode || !isBylineCandidate(candidate) || isInByline(candidate)) continue;
		const line = lineOf(candidate);
		if (line === candidate) continue;
		let text = lineTexts.get(line);
		if (text === undefined) {
			text = lineText(line);
			lineTexts.set(line, text);
		}
		if (text === lineText(candidate)) continue;
		if (text.length > 0 && text.length < MAX_BYLINE_LENGTH) {
			line.setAttribute('class', `${line.getAttribute('class') ?? ''} ${BYLINE_CLASS}`.trim());
			bylines.add(line);
			// Readability would take a `name` inside for the byline; the whole line is the byline.
			for (const name of all(line, '[itemprop*="name"]')) name.removeAttribute('itemprop');
		} else {
			neutralise(candidate);
		}
	}
}

/** The block an inline element sits in: its line of text. */
function lineOf(element: DomElement): DomElement {
	let line = element;
	while (INLINE.has(line.localName) && line.parentElement && line.parentElement.localName !== 'body') line = line.parentElement;
	return line;
}

function neutralise(element: DomElement): void {
	if (element.getAttribute('rel') === 'author') element.removeAttribute('rel');
	if ((element.getAttribute('itemprop') ?? '').includes('author')) element.removeAttribute('itemprop');
	const classes = (element.getAttribute('class') ?? '').split(/\s+/).filter((name) => name !== '' && !BYLINE_MATCH.test(name));
	element.setAttribute('class', classes.join(' '));
	if (BYLINE_MATCH.test(element.getAttribute('id') ?? '')) element.removeAttribute('id');
}

/**
 * Readability removes an `h1`/`h2` only when it resembles its own (wrong) title: the
 * article's first heading is dropped here when it repeats the title that is shown above.
 */
export function removeTitleHeading(content: DomDocument, title: string): void {
	if (title === '') return;
	const first = all(content.body, 'h1, h2, h3, p, ul, ol, blockquote, pre, table, details')[0];
	if (first && /^h[1-3]$/.test(first.localName) && sameText(lineText(first), title)) first.remove();
}
