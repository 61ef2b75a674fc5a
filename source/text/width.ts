import stringWidth from 'string-width';
import cliTruncate from 'cli-truncate';

// Intl.Segmenter (which string-width uses) gets quadratically slow on long strings in
// Node 20 (16 000 characters: 100 ms, 40 000: over a second). Long text is therefore
// measured and split in slices that start at a safe grapheme boundary: a letter, digit,
// punctuation or space that cannot continue the previous grapheme.
const SLICE = 200;
const SAFE_START = /^[\p{L}\p{N}\p{P}\p{Zs}]$/u;
const JAMO = /^[\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF]$/;
// Anything that may join code points into one grapheme: marks, ZWJ, variation selectors,
// emoji modifiers and flags, tags, conjoining jamo, surrogate pairs that are emoji.
const COMPLEX = /[\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200D\uFE0E\uFE0F\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u{E0020}-\u{E007F}]/u;
const CSI = /\u001B\[[0-?]*[ -/]*[@-~]/g;

function isSafeBoundary(text: string, index: number): boolean {
	const code = text.charCodeAt(index);
	if (code >= 0xdc00 && code <= 0xdfff) return false;
	if (text[index - 1] === '\u200D') return false;
	const character = String.fromCodePoint(text.codePointAt(index)!);
	return SAFE_START.test(character) && !JAMO.test(character);
}

function slices(text: string): string[] {
	const result: string[] = [];
	let start = 0;
	while (start < text.length) {
		let end = Math.min(text.length, start + SLICE);
		while (end < text.length && !isSafeBoundary(text, end)) end++;
		result.push(text.slice(start, end));
		start = end;
	}
	return result;
}

let segmenter: Intl.Segmenter | null = null;

/** The graphemes of a text without escape sequences (what a cut must never split). */
export function graphemes(text: string): string[] {
	if (!COMPLEX.test(text)) return Array.from(text);
	segmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'});
	const result: string[] = [];
	for (const slice of slices(text)) for (const {segment} of segmenter.segment(slice)) result.push(segment);
	return result;
}

// One narrow column for sure: printable Latin, Greek, Cyrillic, Hebrew, Arabic letters,
// general punctuation, box drawing. Everything else is asked of string-width (memoised).
const NARROW = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u0370-\u0482\u048A-\u0590\u05BE\u05C0\u05C3\u05C6-\u060F\u061B-\u064A\u0660-\u066F\u0671-\u06D5\u0E00-\u0E30\u1E00-\u1FFF\u2010-\u2027\u2030-\u205E\u20A0-\u20C0\u2100-\u214F\u2190-\u21FF\u2500-\u257F]$/;
const graphemeWidths = new Map<string, number>();

// An emoji skin-tone modifier (👍🏽, 👋🏻, 👨🏿‍💻) after its base. Unicode makes the pair one
// grapheme of two columns, and cluster-aware terminals draw it so; tmux 3.3 (and VTE, xterm,
// Alacritty) draw the modifier as a glyph of its own, four columns in all. Counting the
// wider of the two keeps every line inside its width on every terminal: two columns too
// few in some is a gap, two too many in others wraps the line and shifts the screen.
const MODIFIED_EMOJI = /\p{Emoji_Modifier_Base}\uFE0F?\p{Emoji_Modifier}/gu;
const MODIFIER_WIDTH = 2;

function modifierExtra(text: string): number {
	let extra = 0;
	for (const _match of text.matchAll(MODIFIED_EMOJI)) extra += MODIFIER_WIDTH;
	return extra;
}

// A skin-tone modifier (U+1F3FB–U+1F3FF) as UTF-16: a surrogate pair.
const SKIN_TONE = /\uD83C[\uDFFB-\uDFFF]/g;

/**
 * Text as the reader hands it to the terminal: without skin-tone modifiers. Ink lays a row
 * out by Unicode width (👍🏽 two columns) while tmux, VTE, xterm and Alacritty draw the
 * modifier as a glyph of its own (four): beside another pane that shifts the rest of the row
 * and wraps it. The plain emoji is two columns for both, on every terminal.
 */
export function withoutSkinTones(text: string): string {
	return text.includes('\uD83C') ? text.replace(SKIN_TONE, '') : text;
}

/**
 * Columns of one grapheme (a character, or an emoji/combining sequence), memoised: its
 * Unicode width (string-width), plus two for each skin-tone modifier (see MODIFIED_EMOJI).
 */
export function graphemeWidth(grapheme: string): number {
	if (NARROW.test(grapheme)) return 1;
	let width = graphemeWidths.get(grapheme);
	if (width === undefined) {
		width = stringWidth(grapheme) + modifierExtra(grapheme);
		if (graphemeWidths.size > 20_000) graphemeWidths.clear();
		graphemeWidths.set(grapheme, width);
	}
	return width;
}

/** Display width in terminal columns: wide CJK characters and emoji count two (skin-toned emoji four). */
export function displayWidth(text: string): number {
	const plain = text.includes('\u001B') ? text.replace(CSI, '') : text;
	if (!COMPLEX.test(plain)) {
		// No grapheme joins code points: the width is the sum of the characters' widths.
		let total = 0;
		for (const character of plain) total += graphemeWidth(character);
		return total;
	}
	if (plain.length <= SLICE) return stringWidth(plain) + modifierExtra(plain);
	let total = 0;
	for (const slice of slices(plain)) total += stringWidth(slice) + modifierExtra(slice);
	return total;
}

// Characters that always take one column: ASCII, Latin-1 and Latin Extended (without the
// soft hyphen), general punctuation („“ – … ›), €, box drawing, ● and ★. German text is
// almost always made of these; for them width is length and cutting is slicing.
const NARROW_TEXT = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u024F\u2010-\u2027\u2030-\u205E\u20AC\u2500-\u257F\u25CF\u2605]*$/;

/** Cut to at most `columns` display columns, with an ellipsis when something was cut. */
export function truncateToWidth(text: string, columns: number): string {
	if (columns <= 0) return '';
	if (NARROW_TEXT.test(text)) return text.length <= columns ? text : `${text.slice(0, columns - 1)}…`;
	// cli-truncate returns one column too many when a wide (CJK, emoji) character straddles
	// the cut ('日本語のタイトル' to 10 gives 11): ask again for one column less until it fits.
	let cut = cliTruncate(text, columns, {position: 'end'});
	for (let budget = columns - 1; budget > 0 && displayWidth(cut) > columns; budget--) {
		cut = cliTruncate(text, budget, {position: 'end'});
	}
	return displayWidth(cut) > columns ? '' : cut;
}

/** Cut or pad with spaces to exactly `columns` display columns. */
export function fitToWidth(text: string, columns: number): string {
	const cut = truncateToWidth(text, columns);
	const missing = columns - displayWidth(cut);
	return missing > 0 ? cut + ' '.repeat(missing) : cut;
}
