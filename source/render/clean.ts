import {sanitizeText, limitLength, MAX_LINE_FIELD_LENGTH} from '../text/sanitize.js';
import {MARKER_RANGE} from './markers.js';
import {all, descendants, isElement, lineText, textNodes, unwrap, type DomDocument, type DomElement, type DomNode} from './dom.js';

// Elements whose content is never article text. `button` is not here: accordion FAQs
// keep their question in one, so buttons are removed only after FAQ normalisation.
const DROPPED = 'script, style, noscript, form, template, svg, canvas, object, embed, input, select, textarea, link, meta, head, title, map, dialog[aria-modal]';

/**
 * Step 1, sanitize: remove non-content elements, make every text node terminal-safe and
 * free of our private markers, turn iframes, video and audio into `<a data-media>`
 * placeholders that the reference step numbers like links.
 */
export function sanitizeDom(doc: DomDocument): void {
	for (const element of all(doc.body, DROPPED)) element.remove();
	for (const comment of commentNodes(doc.body)) comment.remove();
	flattenDeepNesting(doc.body);
	for (const media of all(doc.body, 'iframe, video, audio')) {
		const source = media.getAttribute('src') ?? media.getAttribute('data-src') ?? media.querySelector('source[src]')?.getAttribute('src') ?? '';
		if (source.trim() === '') {
			media.remove();
			continue;
		}
		const link = doc.createElement('a');
		link.setAttribute('href', source.trim());
		link.setAttribute('data-media', media.localName === 'audio' ? 'audio' : media.localName === 'video' ? 'video' : 'iframe');
		// A block of its own: an embed is never part of a sentence.
		const block = doc.createElement('p');
		block.append(link);
		media.replaceWith(block);
	}
	for (const node of textNodes(doc.body)) {
		const text = node.textContent ?? '';
		const safe = sanitizeText(text).replace(MARKER_RANGE, '');
		if (safe !== text) node.textContent = safe;
	}
}

/**
 * Step 3b, after FAQ detection (which needs whole questions): a heading or a question is a
 * line to read, not a place for a megabyte, so it is cut like a feed title.
 */
export function limitHeadings(doc: DomDocument): void {
	for (const heading of all(doc.body, 'h1, h2, h3, h4, h5, h6, details > summary')) {
		const text = heading.textContent ?? '';
		if (text.length > MAX_LINE_FIELD_LENGTH) heading.textContent = limitLength(text);
	}
}

function commentNodes(root: DomNode): DomNode[] {
	return descendants(root).filter(({node}) => node.nodeType === 8).map(({node}) => node);
}

// Real articles nest a dozen levels; turndown and marked recurse per level and overflow
// the stack on a thousand. Deeper elements are replaced by their content.
const MAX_DEPTH = 40;

function flattenDeepNesting(root: DomElement): void {
	const tooDeep = descendants(root).filter(({node, depth}) => depth > MAX_DEPTH && isElement(node));
	for (let index = tooDeep.length - 1; index >= 0; index--) unwrap(tooDeep[index]!.node as DomElement);
}

// Share and like blocks, comment sections, related-post widgets of WordPress, Jetpack,
// Shariff, AddToAny, Blogger and friends. Matched on whole class or id tokens, so that a
// class like `category-social-work` on real content is left alone.
const BOILERPLATE_TOKEN = /^(?:sharedaddy|sharing|share|shares|shariff(?:-[\w-]+)?|sd-(?:sharing[\w-]*|like|social[\w-]*)|social-(?:share|sharing|icons|links|buttons|media-icons|bookmarks)|share-(?:buttons|links|this|bar|icons|post)|(?:wp-block-)?social-links|a2a_kit|addtoany[\w-]*|jetpack-likes[\w-]*|likes-widget[\w-]*|post-likes-widget[\w-]*|jp-relatedposts|yarpp-related|related-posts|relatedposts|comments?|comments-area|comment-respond|comment-list|commentlist|comment-form|respond|akismet[\w-]*|antispam[\w-]*|post-navigation|nav-links|screen-reader-text|sr-only|visually-hidden)$/i;

function isBoilerplate(element: DomElement): boolean {
	const tokens = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`.split(/\s+/);
	return tokens.some((token) => token !== '' && BOILERPLATE_TOKEN.test(token));
}

const PROTECTED = new Set(['html', 'body', 'main', 'article', 'details', 'summary']);

// "Der Beitrag … erschien zuerst auf …" (WordPress' German feed footer) and friends.
const FOOTER_TEXT = /^(?:der beitrag|dieser beitrag|the post|this post)\b.*\b(?:erschien zuerst auf|ist zuerst auf|appeared first on|was first published on)\b/i;
const SPAM_NOTICE = /akismet|spam zu reduzieren|reduce spam|antispam|zum schutz vor spam/i;

/**
 * Step 2, clean: remove the boilerplate blog feeds drag along (share buttons, comment
 * sections and forms, "The post … appeared first on …", spam-protection notices, empty
 * paragraphs) and turn paragraphs of text bullets (`• …`, `– …`) into real lists.
 */
export function cleanBoilerplate(doc: DomDocument): void {
	for (const element of all(doc.body, '*')) {
		if (PROTECTED.has(element.localName) || !element.parentNode) continue;
		if (isBoilerplate(element)) element.remove();
	}
	for (const element of all(doc.body, 'p, div, small, footer, aside')) {
		if (!element.parentNode) continue;
		const text = lineText(element);
		if (text.length > 400) continue;
		if (FOOTER_TEXT.test(text) || (SPAM_NOTICE.test(text) && element.localName !== 'div')) element.remove();
	}
	for (const element of all(doc.body, 'p, div, span, section')) {
		if (element.parentNode && isEmpty(element)) element.remove();
	}
	convertTextBullets(doc);
}

function isEmpty(element: DomElement): boolean {
	return lineText(element).replace(/\u00A0/g, '').trim() === '' && !element.querySelector('img, a[data-media], table, hr, pre, br + br');
}

const BULLET = /^[\s\u00A0]*([•·▪●◦‣–—-])[\s\u00A0]+/u;

/**
 * `<p>• Klarheit<br>• Struktur</p>` and runs of `<p>– Punkt</p>` are lists written as
 * text; as real lists they get a hanging indent when wrapped.
 */
function convertTextBullets(doc: DomDocument): void {
	// Runs of adjacent bulleted paragraphs; a lone „– Name“ under a quote is no list.
	const runs: Array<Array<{paragraph: DomElement; segments: DomNode[][]}>> = [];
	for (const paragraph of all(doc.body, 'p')) {
		const segments = splitAtBreaks(paragraph);
		const isBulleted = segments.length > 0 && segments.every((segment) => BULLET.test(segment.map((node) => node.textContent ?? '').join('')));
		if (!isBulleted) continue;
		const run = runs[runs.length - 1];
		const previous = run?.[run.length - 1]?.paragraph;
		if (run && previous && paragraph.previousElementSibling === previous) run.push({paragraph, segments});
		else runs.push([{paragraph, segments}]);
	}
	for (const run of runs) {
		if (run.reduce((count, {segments}) => count + segments.length, 0) < 2) continue;
		const list = doc.createElement('ul');
		run[0]!.paragraph.before(list);
		for (const {paragraph, segments} of run) {
			for (const segment of segments) {
				const item = doc.createElement('li');
				item.append(...segment);
				stripBullet(item);
				list.append(item);
			}
			paragraph.remove();
		}
	}
}

function splitAtBreaks(paragraph: DomElement): DomNode[][] {
	const segments: DomNode[][] = [[]];
	for (const child of Array.from(paragraph.childNodes)) {
		if (isElement(child) && child.localName === 'br') segments.push([]);
		else segments[segments.length - 1]!.push(child);
	}
	return segments.filter((segment) => segment.some((node) => (node.textContent ?? '').trim() !== ''));
}

function stripBullet(item: DomElement): void {
	for (const node of textNodes(item)) {
		const text = node.textContent ?? '';
		if (text.trim() === '') continue;
		node.textContent = text.replace(BULLET, '');
		return;
	}
}

/** Buttons left after FAQ normalisation are toggles, "read more" and share widgets. */
export function removeControls(doc: DomDocument): void {
	for (const element of all(doc.body, 'button, [role="button"]:not(a)')) element.remove();
	for (const element of all(doc.body, 'span, font, center')) {
		if (element.attributes.length === 0) unwrap(element);
	}
}

// Classes that hide text from sighted readers (WordPress, Bootstrap, Tailwind, Foundation, …).
const HIDDEN_CLASS = /^(?:screen-reader-text|screen-reader-only|sr-only|visually-hidden|visuallyhidden|hidden|hide|show-for-sr|element-invisible|assistive-text|a11y-hidden|u-hidden|is-hidden)$/i;
// Tailwind's `hidden md:block`: hidden only on small screens, shown on a page's desktop view.
const SHOWN_AT_SOME_SIZE = /^[a-z0-9-]+:(?:block|inline|inline-block|flex|inline-flex|grid|table|contents)$/i;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

/** Whether an element is hidden from sighted readers by a class (screen-reader text and friends). */
function hasHiddenClass(element: DomElement): boolean {
	const tokens = (element.getAttribute('class') ?? '').split(/\s+/);
	return tokens.some((token) => HIDDEN_CLASS.test(token)) && !tokens.some((token) => SHOWN_AT_SOME_SIZE.test(token));
}

/** Whether an element is hidden by state: the `hidden` attribute, `aria-hidden`, an inline style. */
function isHiddenByState(element: DomElement): boolean {
	return element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true' || HIDDEN_STYLE.test(element.getAttribute('style') ?? '');
}

/**
 * Drop what a sighted reader never sees: screen-reader-only text (WordPress's
 * „Beitragsnavigation“ heading, „Zum Inhalt springen“, „Kategorien“), `hidden`,
 * `aria-hidden="true"` and `display: none`. Call after FAQ normalisation: a collapsed FAQ
 * answer is hidden only until clicked, and in a terminal every answer is open, so its
 * state is cleared instead.
 */
export function removeHidden(doc: DomDocument): void {
	for (const element of all(doc.documentElement, '[class], [hidden], [aria-hidden], [style]')) {
		if (!element.parentNode || PROTECTED_FROM_HIDING.has(element.localName)) continue;
		if (hasHiddenClass(element)) {
			element.remove();
		} else if (isHiddenByState(element)) {
			if (element.parentElement?.hasAttribute('data-faq-answer')) {
				for (const name of ['hidden', 'aria-hidden', 'style']) element.removeAttribute(name);
			} else {
				element.remove();
			}
		}
	}
}

const PROTECTED_FROM_HIDING = new Set(['html', 'head', 'body']);
