/**
 * Links without trackers (issue 14): tracking parameters are removed from entry links and
 * from links and images inside content before anything is stored, and 1×1 web-bug images
 * are dropped from bodies. Only the parameters named below go: a link that needs its other
 * parameters keeps working. Pure; the normalize step calls it (see normalize.ts).
 */
import {parseHTML} from 'linkedom';

/**
 * The tracking parameters removed from links, by exact name (compared without case).
 * Edit this list to add one; names ending in `*` are prefixes (`utm_*` is every utm_ name).
 */
export const TRACKING_PARAMETERS: readonly string[] = [
	'utm_*', // Google Analytics campaigns (utm_source, utm_medium, utm_campaign, utm_term, utm_content …)
	'fbclid', // Facebook
	'gclid', // Google Ads
	'dclid', // Google Display
	'gbraid',
	'wbraid',
	'msclkid', // Microsoft Ads
	'mc_cid', // Mailchimp
	'mc_eid',
	'_hsenc', // HubSpot
	'_hsmi',
	'mkt_tok', // Marketo
	'igshid', // Instagram
	'yclid', // Yandex
	'oly_anon_id', // Omeda
	'oly_enc_id',
	'vero_id', // Vero
	'vero_conv',
	'wt_mc', // Webtrekk
	'_ga', // Google Analytics cross-domain
	'_gl',
	'twclid', // Twitter
	'ttclid', // TikTok
	'li_fat_id', // LinkedIn
	'ref_src', // Twitter share links
];

interface Matcher {
	readonly exact: ReadonlySet<string>;
	readonly prefixes: readonly string[];
	/** Cheap test of a whole body: does any listed name occur as a parameter at all? */
	readonly anywhere: RegExp;
}

function buildMatcher(names: readonly string[]): Matcher {
	const exact = new Set<string>();
	const prefixes: string[] = [];
	for (const name of names) {
		const lower = name.toLowerCase();
		if (lower.endsWith('*')) prefixes.push(lower.slice(0, -1));
		else exact.add(lower);
	}
	const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const alternatives = [...[...exact].map((name) => `${escape(name)}=`), ...prefixes.map((prefix) => `${escape(prefix)}[^=&#"'\\s]*=`)];
	// `?` or `&` (also as `&amp;` or `&#38;` in HTML) right before the name.
	return {exact, prefixes, anywhere: new RegExp(`(?:[?&;]|&amp;|&#0*38;)(?:${alternatives.join('|')})`, 'i')};
}

const DEFAULT_MATCHER = buildMatcher(TRACKING_PARAMETERS);

function isTracking(name: string, matcher: Matcher): boolean {
	const lower = name.toLowerCase();
	return matcher.exact.has(lower) || matcher.prefixes.some((prefix) => lower.startsWith(prefix));
}

/** A url without its tracking parameters, and how many were removed (0: the url is returned as it was). */
export function cleanUrl(url: string, names: readonly string[] = TRACKING_PARAMETERS): {readonly url: string; readonly removed: number} {
	const matcher = names === TRACKING_PARAMETERS ? DEFAULT_MATCHER : buildMatcher(names);
	const query = url.indexOf('?');
	if (query === -1) return {url, removed: 0};
	const hash = url.indexOf('#', query);
	const end = hash === -1 ? url.length : hash;
	const parts = url.slice(query + 1, end).split('&');
	// Each parameter is judged by its raw name, so the others keep their exact spelling.
	const kept = parts.filter((part) => {
		const name = part.split('=')[0] ?? '';
		let decoded = name;
		try {
			decoded = decodeURIComponent(name.replace(/\+/g, ' '));
		} catch {
			// A malformed escape is not one of our names.
		}
		return !isTracking(decoded, matcher);
	});
	const removed = parts.length - kept.length;
	if (removed === 0) return {url, removed: 0};
	const rest = kept.filter((part) => part !== '').join('&');
	return {url: `${url.slice(0, query)}${rest === '' ? '' : `?${rest}`}${url.slice(end)}`, removed};
}

/** True when the HTML may hold a tracking parameter or a web bug (false means: certainly none). */
export function mayHaveTrackers(html: string): boolean {
	return hasTrackingParameter(html) || hasWebBugHint(html);
}

// Where a url in HTML ends: a quote, white space or the next tag.
const URL_END = /["'\s<>]/g;

/**
 * A listed parameter in a query anywhere in the body. Only the text from each `?` to the end
 * of its url is tested: found with indexOf, it costs far less than a pattern over a whole body
 * full of „quotes“ (a tracking parameter always follows the `?` of its url).
 */
function hasTrackingParameter(html: string): boolean {
	for (let query = html.indexOf('?'); query !== -1; query = html.indexOf('?', query + 1)) {
		URL_END.lastIndex = query + 1;
		const end = URL_END.exec(html)?.index ?? html.length;
		if (end - query > 2 && DEFAULT_MATCHER.anywhere.test(html.slice(query, end))) return true;
		query = Math.max(query, end - 1);
	}
	return false;
}

/** WEB_BUG_HINT in one of the body's `<img>` tags, each found with indexOf. */
function hasWebBugHint(html: string): boolean {
	for (const opening of ['<img', '<IMG', '<Img']) {
		for (let start = html.indexOf(opening); start !== -1; start = html.indexOf(opening, start + 1)) {
			const end = html.indexOf('>', start);
			if (WEB_BUG_HINT.test(html.slice(start, end === -1 ? html.length : end + 1))) return true;
		}
	}
	return false;
}

// A 1×1 image by its attributes or its style, or an image from a known counting pixel.
const WEB_BUG_HINT = /<img\b[^>]*(?:\b(?:width|height)\s*=\s*["']?[01](?:px)?["'\s/>]|(?:width|height)\s*:\s*[01]px|feeds\.feedburner\.com\/~r\/|\/~4\/|pixel\.wp\.com|stats\.wordpress\.com\/b\.gif)/i;
const PIXEL_SOURCES = /^https?:\/\/(?:feeds\.feedburner\.com\/~r\/|[^/]*feedburner\.com\/~4\/|pixel\.wp\.com\/|stats\.wordpress\.com\/b\.gif)/i;

function isWebBug(image: {getAttribute(name: string): string | null}): boolean {
	const source = image.getAttribute('src') ?? '';
	if (PIXEL_SOURCES.test(source)) return true;
	const size = (name: string) => {
		const attribute = image.getAttribute(name);
		if (attribute !== null && /^\s*[01](?:px)?\s*$/.test(attribute)) return true;
		const style = image.getAttribute('style') ?? '';
		return new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*[01]px`, 'i').test(style);
	};
	return size('width') && size('height');
}

const LINK_ATTRIBUTES: ReadonlyArray<readonly [string, string]> = [
	['a', 'href'],
	['area', 'href'],
	['img', 'src'],
	['source', 'src'],
];

/**
 * Body HTML without tracking parameters in its links and images and without web bugs;
 * `removed` counts both. Bodies without any (nearly all) are returned untouched, unparsed.
 */
export function cleanContentLinks(html: string): {readonly html: string; readonly removed: number} {
	if (!mayHaveTrackers(html)) return {html, removed: 0};
	const {document} = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
	let removed = 0;
	for (const image of [...document.querySelectorAll('img')]) {
		if (isWebBug(image)) {
			image.remove();
			removed++;
		}
	}
	for (const [element, attribute] of LINK_ATTRIBUTES) {
		for (const node of document.querySelectorAll(`${element}[${attribute}]`)) {
			const cleaned = cleanUrl(node.getAttribute(attribute) ?? '');
			if (cleaned.removed > 0) {
				node.setAttribute(attribute, cleaned.url);
				removed += cleaned.removed;
			}
		}
	}
	return removed === 0 ? {html, removed: 0} : {html: document.body.innerHTML, removed};
}
