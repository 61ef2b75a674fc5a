/**
 * Makes the urls inside an entry's HTML absolute, so that links and images still work
 * when the article is read away from its site (in the pager, in the browser, in the
 * full-article view). Relative references resolve against the entry's base: xml:base,
 * else the entry link, else the feed url.
 */
import {parseHTML} from 'linkedom';

// Attributes holding one url. `srcset` holds a list and is handled apart.
const URL_ATTRIBUTES: ReadonlyArray<readonly [string, string]> = [
	['a', 'href'],
	['area', 'href'],
	['img', 'src'],
	['source', 'src'],
	['iframe', 'src'],
	['video', 'src'],
	['video', 'poster'],
	['audio', 'src'],
	['track', 'src'],
	['embed', 'src'],
];
const SRCSET_ELEMENTS = 'img[srcset], source[srcset]';

// A cheap pre-check: most bodies have nothing relative, and a DOM round trip would
// re-serialize them (`&nbsp;` → `&#160;`) and costs most of a refresh's CPU for nothing.
// The quote is optional, so the look-ahead must refuse it too: otherwise `href="https:`
// matches with the quote left unconsumed and every body with a link looks relative.
const MAYBE_RELATIVE = /\s(?:href|src|srcset|poster)\s*=\s*(?:"|')?(?!["']|[a-z][a-z0-9+.-]*:)/i;

/** True when the HTML may hold a relative url (false means: certainly none). */
export function mayHaveRelativeUrls(html: string): boolean {
	return MAYBE_RELATIVE.test(html);
}

/** The HTML with relative urls resolved against `base`; unchanged when nothing is relative. */
export function resolveContentUrls(html: string, base: string | null): string {
	if (base === null || !mayHaveRelativeUrls(html)) return html;
	const {document} = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
	let changed = false;
	for (const [element, attribute] of URL_ATTRIBUTES) {
		for (const node of document.querySelectorAll(`${element}[${attribute}]`)) {
			const value = node.getAttribute(attribute) ?? '';
			const resolved = resolveReference(value, base);
			if (resolved !== value) {
				node.setAttribute(attribute, resolved);
				changed = true;
			}
		}
	}
	for (const node of document.querySelectorAll(SRCSET_ELEMENTS)) {
		const value = node.getAttribute('srcset') ?? '';
		const resolved = resolveSrcset(value, base);
		if (resolved !== value) {
			node.setAttribute('srcset', resolved);
			changed = true;
		}
	}
	return changed ? document.body.innerHTML : html;
}

/**
 * One reference inside content: relative → absolute; absolute urls of any scheme and
 * in-page anchors (`#fn1`) stay as they are (the renderer decides what may be opened).
 */
function resolveReference(value: string, base: string): string {
	const trimmed = value.trim();
	if (trimmed === '' || trimmed.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return value;
	try {
		return new URL(trimmed, base).href;
	} catch {
		return value;
	}
}

function resolveSrcset(value: string, base: string): string {
	// WordPress writes `a.jpg 300w, b.jpg 1024w`; candidates are split at ", ".
	return value
		.split(/\s*,\s+/)
		.map((candidate) => {
			const [url = '', ...descriptors] = candidate.trim().split(/\s+/);
			return [resolveReference(url, base), ...descriptors].join(' ');
		})
		.join(', ');
}

/**
 * A feed-level url (entry link, site link): absolute http(s) or null. Relative ones
 * resolve against `base`; `javascript:`, `data:`, `mailto:` and garbage become null.
 */
export function resolveLink(value: string | null | undefined, base: string | null): string | null {
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	if (trimmed === '') return null;
	try {
		const url = base === null ? new URL(trimmed) : new URL(trimmed, base);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
	} catch {
		return null;
	}
}

/** An xml:base value made absolute against the base in scope (it may itself be relative). */
export function resolveBase(value: string | null | undefined, parent: string | null): string | null {
	if (typeof value !== 'string' || value.trim() === '') return parent;
	try {
		return (parent === null ? new URL(value.trim()) : new URL(value.trim(), parent)).href;
	} catch {
		return parent;
	}
}
