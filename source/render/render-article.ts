import {sanitizeLine} from '../text/sanitize.js';
import {displayWidth} from '../text/width.js';
import type {ArticleImage, ArticleLink, RenderOptions, RenderedArticle} from './types.js';
import {parseArticle} from './dom.js';
import {cleanBoilerplate, limitHeadings, removeControls, removeHidden, sanitizeDom} from './clean.js';
import {appendMissingFaq, normaliseFaq, readJsonLdFaq} from './faq.js';
import {numberReferences} from './references.js';
import {convertToMarkdown} from './markdown.js';
import {loadMarkedTerminal, renderMarkdown} from './terminal.js';
import {layoutLines} from './layout.js';
import {cutText} from './wrap.js';
import {COLOR_STYLES, PLAIN_STYLES} from './styles.js';
import {MARKER_RANGE} from './markers.js';

/** Default comfortable reading width when the options do not name one. */
export const DEFAULT_READING_WIDTH = 80;

const FAQ_HEADING = {de: 'Häufige Fragen', en: 'Frequently asked questions'} as const;

/** The columns the text itself uses: the pane width capped at the reading width. */
export function textWidth(options: Pick<RenderOptions, 'width' | 'readingWidth'>): number {
	return Math.max(1, Math.min(options.width, options.readingWidth ?? DEFAULT_READING_WIDTH));
}

/**
 * Article HTML (a feed body or extracted page content) as terminal lines, with its links
 * numbered and its FAQ questions located. The pipeline, in this order:
 *
 * 1. article DOM (linkedom), JSON-LD FAQ read before scripts go
 * 2. sanitize: non-content elements out, text nodes terminal-safe, embeds to placeholders
 * 3. clean: share/comment/footer boilerplate out, empty paragraphs out, text bullets to lists
 * 4. FAQ: every form to one canonical shape, JSON-LD questions added only when not shown;
 *    then what sighted readers never see goes (screen-reader text, hidden, aria-hidden)
 * 5. links and images to numbered references, tracking pixels removed
 * 6. turndown (+ GFM tables) to Markdown
 * 7. Marked (one instance per call, marked-terminal loaded lazily) to layout lines
 * 8. wrap by display width, prefixes, sanitize again between our own styles, tidy
 */
export async function renderArticle(html: string, options: RenderOptions): Promise<RenderedArticle> {
	const doc = parseArticle(html);
	const faqEntries = readJsonLdFaq(doc).map((entry) => ({
		question: sanitizeLine(entry.question).replace(MARKER_RANGE, ''),
		answerHtml: entry.answerHtml,
	}));
	sanitizeDom(doc);
	cleanBoilerplate(doc);
	normaliseFaq(doc);
	removeHidden(doc);
	appendMissingFaq(doc, faqEntries, FAQ_HEADING[options.language], sanitizeFragment);
	limitHeadings(doc);
	removeControls(doc);
	const found: Omit<ArticleImage, 'line'>[] = [];
	const links = numberReferences(doc, options.language, options.baseUrl, found);
	const markdown = convertToMarkdown(doc.body.innerHTML);
	const styles = options.color ? COLOR_STYLES : PLAIN_STYLES;
	const width = textWidth(options);
	const layout = await renderMarkdown(markdown, {width, styles, color: options.color, language: options.language});
	const {lines, questions, imageLines} = layoutLines(layout, width, styles, options.language);
	// A picture whose text did not survive (e.g. inside a removed element) has no place: not listed.
	const images = found.flatMap((image, index) => {
		const line = imageLines.get(index);
		return line === undefined ? [] : [{...image, line: Math.min(line, lines.length)}];
	});
	return {lines, links, questions, images};
}

/**
 * Load marked-terminal (and highlight.js with it, 300–650 ms here) ahead of the first
 * article, e.g. right after the reader has drawn its first frame.
 */
export async function warmUpRenderer(): Promise<void> {
	await loadMarkedTerminal();
}

/** JSON-LD answers are HTML from the page: through the same sanitize step as the body. */
function sanitizeFragment(html: string): string {
	const doc = parseArticle(html);
	sanitizeDom(doc);
	return doc.body.innerHTML;
}

/**
 * Text-only content (a feed item without HTML): escaped and rendered like HTML, so that
 * line breaks become paragraphs and the same wrapping and sanitizing apply.
 */
export async function renderPlainText(text: string, options: RenderOptions): Promise<RenderedArticle> {
	const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const paragraphs = escaped.replace(/\r\n?/g, '\n').split(/\n{2,}/).map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>')}</p>`);
	return renderArticle(paragraphs.join(''), options);
}

const LINK_LIST_TITLE = {de: 'Links', en: 'Links'} as const;
const NOT_OPENABLE = {de: 'wird nicht geöffnet', en: 'not opened'} as const;

/**
 * The numbered link list printed after an article: `[3] https://…`, urls that blogroll
 * will not open marked as such. Lines are cut to the width.
 */
export function renderLinkList(links: readonly ArticleLink[], options: Pick<RenderOptions, 'width' | 'color' | 'language'>): string[] {
	if (links.length === 0) return [];
	const styles = options.color ? COLOR_STYLES : PLAIN_STYLES;
	const numberWidth = String(links.length).length + 2;
	const lines = [styles.bold(`${LINK_LIST_TITLE[options.language]}:`)];
	for (const link of links) {
		const number = `[${link.number}]`.padStart(numberWidth);
		const note = link.isOpenable ? '' : ` (${NOT_OPENABLE[options.language]})`;
		// Urls are wrapped, never shortened: the list is where they are copied from.
		const room = Math.max(1, options.width - numberWidth - 1);
		const pieces = cutText(sanitizeLine(link.url), room);
		const last = pieces.length - 1;
		if (note !== '') {
			if (displayWidth(pieces[last]! + note) <= room) pieces[last] = pieces[last]! + styles.dim(note);
			else pieces.push(styles.dim(note.trimStart()));
		}
		pieces.forEach((piece, index) => lines.push(`${index === 0 ? styles.link(number) : ' '.repeat(numberWidth)} ${piece}`));
	}
	return lines;
}

