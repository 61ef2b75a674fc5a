import {displayWidth, fitToWidth, truncateToWidth} from '../text/width.js';

// Characters that always take one column: ASCII, Latin-1 and Latin Extended (without
// the soft hyphen), general punctuation („“ – … ›), €, box drawing, ● and ★. German text
// is almost always made of these, and string-width is the most expensive part of a frame,
// so for them width is length and cutting is slicing.
const NARROW = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u024F\u2010-\u2027\u2030-\u205E\u20AC\u2500-\u257F\u25CF\u2605]*$/;

/** Display width, fast for narrow text (see NARROW). */
export function columnsOf(text: string): number {
	return NARROW.test(text) ? text.length : displayWidth(text);
}

/**
 * Cut (with an ellipsis) or pad to exactly `columns` display columns, like fitToWidth,
 * but never overshooting: source/text/width.ts (cli-truncate) returns one column too
 * many when a wide (CJK/emoji) character straddles the cut, e.g. truncateToWidth of
 * '日本語のタイトル' to 10 is 11 columns wide. Rows must be exact, so cut once more.
 */
export function fitColumns(text: string, columns: number): string {
	if (columns <= 0) return '';
	if (NARROW.test(text)) {
		if (text.length <= columns) return text + ' '.repeat(columns - text.length);
		return text.slice(0, columns - 1) + '…';
	}
	const cut = fitToWidth(text, columns);
	if (displayWidth(cut) <= columns) return cut;
	const shorter = truncateToWidth(text, Math.max(0, columns - 1));
	return shorter + ' '.repeat(Math.max(0, columns - displayWidth(shorter)));
}

/** Cut to at most `columns` display columns with an ellipsis, never overshooting (see fitColumns). */
export function truncateColumns(text: string, columns: number): string {
	if (columns <= 0) return '';
	if (NARROW.test(text)) return text.length <= columns ? text : text.slice(0, columns - 1) + '…';
	const cut = truncateToWidth(text, columns);
	return displayWidth(cut) <= columns ? cut : truncateToWidth(text, Math.max(0, columns - 1));
}
