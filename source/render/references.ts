import {isOpenableUrl, sanitizeLine} from '../text/sanitize.js';
import type {ArticleImage, ArticleLink} from './types.js';
import {imageMarker, linkMarker} from './markers.js';
import {all, lineText, unwrap, type DomDocument, type DomElement} from './dom.js';

/** Words for placeholders, by the article's language. */
const LABELS = {
	de: {image: 'Bild', video: 'Video', audio: 'Audio', iframe: 'Einbettung'},
	en: {image: 'image', video: 'video', audio: 'audio', iframe: 'embed'},
} as const;

// Counting pixels and feed-stat beacons: never content, always invisible.
const TRACKER_HOSTS = /(?:^|\.)(?:pixel\.wp\.com|stats\.wp\.com|feeds\.feedburner\.com|feedproxy\.google\.com|met\.vgwort\.de|vgwort\.de|doubleclick\.net|google-analytics\.com|googletagmanager\.com|facebook\.com|pixel\.[\w.-]+|px\.[\w.-]+|analytics\.[\w.-]+|counter\.[\w.-]+)$/i;
const VIDEO_HOSTS = /(?:^|\.)(?:youtube\.com|youtube-nocookie\.com|youtu\.be|vimeo\.com|player\.vimeo\.com|dailymotion\.com|twitch\.tv|wistia\.com|loom\.com)$/i;

/**
 * Numbers links as they are met; the same url keeps its first number.
 */
class LinkRegistry {
	readonly links: ArticleLink[] = [];
	private readonly byUrl = new Map<string, number>();

	register(url: string, label: string, isImage = false): number {
		const known = this.byUrl.get(url);
		if (known !== undefined) return known;
		const number = this.links.length + 1;
		this.links.push(isImage ? {number, url, label, isOpenable: isOpenableUrl(url), isImage} : {number, url, label, isOpenable: isOpenableUrl(url)});
		this.byUrl.set(url, number);
		return number;
	}
}

// Urls are shown in the link list and handed to the reader: one safe line either way
// (the URL parser percent-encodes controls, but an unparsable href is kept as text).
function resolve(href: string, baseUrl: string | null | undefined): string {
	const trimmed = sanitizeLine(href);
	try {
		return new URL(trimmed, baseUrl ?? undefined).href;
	} catch {
		return trimmed; // Relative without a base, or garbage: shown as text, not openable.
	}
}

function isTrackingPixel(image: DomElement, source: string): boolean {
	const tiny = (value: string | null) => value !== null && /^\s*[01](?:px)?\s*$/.test(value);
	if (tiny(image.getAttribute('width')) || tiny(image.getAttribute('height'))) return true;
	if (/(?:^|;)\s*(?:width|height)\s*:\s*[01]px/i.test(image.getAttribute('style') ?? '')) return true;
	try {
		const url = new URL(source);
		if (TRACKER_HOSTS.test(url.hostname)) return true;
		if (url.pathname.startsWith('/~r/') || url.pathname.includes('/~ff/')) return true;
	} catch {
		// Not a url: judged by size only.
	}
	return false;
}

/** `youtube.com/embed/abc…`: host without www and path, short enough for one line. */
function shortUrl(url: string): string {
	let text = url;
	try {
		const parsed = new URL(url);
		text = parsed.hostname.replace(/^www\./, '') + (parsed.pathname === '/' ? '' : parsed.pathname);
	} catch {
		// Keep the text as given.
	}
	text = sanitizeLine(text);
	return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

function imageSource(image: DomElement): string {
	// Lazy-loading plugins keep the real image in data-* and a placeholder in src.
	for (const name of ['data-src', 'data-lazy-src', 'data-orig-file', 'src']) {
		const value = image.getAttribute(name)?.trim();
		if (value) return value;
	}
	return '';
}

/**
 * Step 4, links and images to numbered references: `<a>` becomes its text plus `[n]`,
 * `<img>` a `[Bild: alt]` placeholder with the image's number (or the enclosing link's),
 * embeds `[video: youtube.com/…][n]`; tracking pixels vanish.
 */
export function numberReferences(
	doc: DomDocument,
	language: 'de' | 'en',
	baseUrl: string | null | undefined,
	// images: each picture worth loading is listed here and marked in the text (line found by layout).
	images: Omit<ArticleImage, 'line'>[] = [],
): ArticleLink[] {
	const registry = new LinkRegistry();
	const labels = LABELS[language];
	const replaceImage = (image: DomElement, isNumbered: boolean): void => {
		const source = resolve(imageSource(image), baseUrl);
		if (source === '' || isTrackingPixel(image, source)) {
			image.remove();
			return;
		}
		const alt = sanitizeLine(image.getAttribute('alt') ?? image.getAttribute('title') ?? '');
		const text = alt === '' ? `[${labels.image}]` : `[${labels.image}: ${alt}]`;
		// data: urls are not worth a number (nothing to open).
		const number = !isNumbered || source.startsWith('data:') ? null : registry.register(source, alt || labels.image, true);
		const marker = /^https?:/i.test(source) ? imageMarker(images.push({url: source, alt, size: declaredSize(image)}) - 1) : '';
		image.replaceWith(doc.createTextNode(marker + (number === null ? text : text + linkMarker(number))));
	};
	for (const element of all(doc.body, 'a, img')) {
		if (!element.parentNode) continue;
		if (element.localName === 'img') {
			replaceImage(element, true);
			continue;
		}
		const href = element.getAttribute('href');
		const media = element.getAttribute('data-media');
		if (href === null || href.trim() === '' || href.trim().startsWith('#')) {
			unwrap(element); // In-page anchors and named targets: just their text.
			continue;
		}
		const url = resolve(href, baseUrl);
		// Images inside a link: the link's number is the one to follow.
		for (const image of all(element, 'img')) replaceImage(image, false);
		if (media !== null) {
			const kind = media === 'iframe' && !isVideoHost(url) ? 'iframe' : media === 'iframe' ? 'video' : (media as 'video' | 'audio');
			const label = `[${labels[kind]}: ${shortUrl(url)}]`;
			element.replaceWith(doc.createTextNode(label + linkMarker(registry.register(url, label))));
			continue;
		}
		const label = sanitizeLine(lineText(element)) || shortUrl(url);
		if (lineText(element) === '') {
			element.remove(); // An empty link (icon font, removed image) has nothing to show.
			continue;
		}
		const number = registry.register(url, label);
		element.after(doc.createTextNode(linkMarker(number)));
		unwrap(element);
	}
	return registry.links;
}

function isVideoHost(url: string): boolean {
	try {
		return VIDEO_HOSTS.test(new URL(url).hostname);
	} catch {
		return false;
	}
}

/** `width` and `height` attributes in pixels, when both are plain numbers (images: reserve the space). */
function declaredSize(image: DomElement): {width: number; height: number} | null {
	const width = Number.parseInt(image.getAttribute('width') ?? '', 10);
	const height = Number.parseInt(image.getAttribute('height') ?? '', 10);
	return width > 0 && height > 0 && width < 100_000 && height < 100_000 ? {width, height} : null;
}
