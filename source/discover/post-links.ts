/**
 * Links in cached posts, counted per site. This runs over every entry stored since the
 * last scan (100 000 on a first run), so it is a scan of `href` attributes, not an HTML
 * parse: the feed pipeline has made every url absolute already.
 */
import {siteKeyOf} from './site-key.js';

const HREF = /<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

/** Every http(s) link target of the HTML, in order (repeats kept: they count). */
export function linksInHtml(html: string): string[] {
	const urls: string[] = [];
	for (const match of html.matchAll(HREF)) {
		const raw = (match[1] ?? match[2] ?? match[3] ?? '').trim().replace(/&amp;/gi, '&').replace(/&#0*38;/g, '&');
		if (/^https?:\/\//i.test(raw)) urls.push(raw);
	}
	return urls;
}

/**
 * Links per site of one post, without the post's own site: a blog linking its own
 * archive says nothing about other blogs. The url kept per site is the first one seen.
 */
export function countLinksBySite(html: string, ownSite: string | null): Map<string, {count: number; url: string}> {
	const counts = new Map<string, {count: number; url: string}>();
	for (const url of linksInHtml(html)) {
		const site = siteKeyOf(url);
		if (site === null || site === ownSite) continue;
		const known = counts.get(site);
		if (known) known.count++;
		else counts.set(site, {count: 1, url});
	}
	return counts;
}
