/**
 * Article HTML as plain wrapped lines: what the pager shows while the real rendering
 * (services.renderArticle) is pending, so that an opened article is never blank.
 * Deliberately crude — tags dropped, blocks become paragraphs — and pure.
 */
import {wrapText} from '../../render/wrap.js';
import {sanitizeText} from '../../text/sanitize.js';

const BLOCK_END = /<\/(?:p|div|h[1-6]|li|blockquote|pre|tr|table|ul|ol|dl|dd|dt|section|article|header|footer|figure|details|summary)\s*>|<br\s*\/?>/gi;
const INVISIBLE = /<(script|style|noscript|template)[\s>][\s\S]*?<\/\1\s*>/gi;
const ENTITIES: Readonly<Record<string, string>> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00A0',
	shy: '\u00AD',
	ndash: '–',
	mdash: '—',
	hellip: '…',
	bdquo: '„',
	ldquo: '“',
	rdquo: '”',
	lsquo: '‘',
	rsquo: '’',
	sbquo: '‚',
	laquo: '«',
	raquo: '»',
	auml: 'ä',
	ouml: 'ö',
	uuml: 'ü',
	Auml: 'Ä',
	Ouml: 'Ö',
	Uuml: 'Ü',
	szlig: 'ß',
	euro: '€',
};

function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name.startsWith('#')) {
			const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
			return Number.isFinite(code) && code > 0 && code <= 0x10_ffff ? String.fromCodePoint(code) : whole;
		}
		return ENTITIES[name] ?? whole;
	});
}

/** Paragraphs of plain text from HTML (or from text that has no tags at all). */
export function htmlToParagraphs(html: string): string[] {
	const text = decodeEntities(
		html
			.replace(INVISIBLE, '')
			.replace(/<li[\s>]/gi, '\n• $&')
			.replace(BLOCK_END, '\n\n')
			.replace(/<[^>]*>/g, ''),
	);
	return sanitizeText(text)
		.split(/\n\s*\n/)
		.map(paragraph => paragraph.replace(/[ \t\n]+/g, ' ').trim())
		.filter(paragraph => paragraph !== '');
}

/**
 * Plain lines at a width: paragraphs wrapped by display width, a blank line between them.
 * With `maxLines`, only the first lines (a preview pane's worth): wrapping a whole article
 * costs tens of milliseconds, too much for every move of the selection.
 */
export function plainTextLines(html: string | null, width: number, maxLines = Number.POSITIVE_INFINITY): string[] {
	if (html === null || html.trim() === '') return [];
	const lines: string[] = [];
	for (const paragraph of htmlToParagraphs(html)) {
		if (lines.length >= maxLines) break;
		if (lines.length > 0) lines.push('');
		// The renderer's wrapper: wrap-ansi takes ~5 µs a character here, 20 times as long.
		lines.push(...wrapText(paragraph, Math.max(10, width)));
	}
	return lines.length > maxLines ? lines.slice(0, maxLines) : lines;
}
