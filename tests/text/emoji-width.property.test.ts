import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {layoutLines} from '../../source/render/layout.js';
import {PLAIN_STYLES, COLOR_STYLES} from '../../source/render/styles.js';
import {cutText, wrapText} from '../../source/render/wrap.js';
import {displayWidth, fitToWidth, graphemes, truncateToWidth} from '../../source/text/width.js';

// Emoji that are one grapheme of several code points: skin tones, flags, ZWJ families,
// variation selectors (❤️ is two columns, ❤ one), keycaps and tag sequences.
const EMOJI = ['👍🏽', '🇩🇪', '🇦🇹', '👩‍👩‍👧', '👨🏿‍💻', '❤️', '❤', '☺️', '✔️', '#️⃣', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🧑‍🤝‍🧑', '🎉', '日本'];
const WORDS = ['Grüße', 'aus', 'Köln', '„Danke“', 'Führungskräfte', 'ß', '–', 'e\u0301', 'Gründer\u00ADinnen', '\u00A0', ' ', '  '];

/**
 * Columns a line takes in tmux 3.3 (measured with `#{cursor_x}`): a skin-tone modifier is
 * drawn as a glyph of its own, two more columns (👍🏽 is four); ZWJ sequences, flags and
 * ❤️ take no more than their Unicode width. A line that fits here and by Unicode fits everywhere.
 */
function tmuxWidth(line: string): number {
	const plain = line.replace(/\u001B\[[0-9;]*m/g, '');
	let width = 0;
	for (const grapheme of new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(plain)) {
		// Measured: 👍🏽 4, 👋🏻 4, 👨🏿‍💻 4, 🇩🇪 2, 👩‍👩‍👧 2, ❤️ 1.
		width += stringWidth(grapheme.segment) + 2 * (grapheme.segment.match(/\p{Emoji_Modifier}/gu)?.length ?? 0);
	}
	return width;
}

function fitsEverywhere(line: string, columns: number): void {
	expect(displayWidth(line)).toBeLessThanOrEqual(columns);
	expect(stringWidth(line)).toBeLessThanOrEqual(columns);
	expect(tmuxWidth(line)).toBeLessThanOrEqual(columns);
}

const text = fc.array(fc.oneof(fc.constantFrom(...EMOJI), fc.constantFrom(...WORDS), fc.string({maxLength: 3})), {maxLength: 30}).map((parts) => parts.join(''));
// A line narrower than the widest grapheme (4 columns) cannot hold it; real widths are 20 and more.
const width = fc.integer({min: 4, max: 40});

describe('emoji with modifiers, flags and joiners take their grapheme width everywhere', () => {
	it('counts each such emoji as one grapheme, as wide as the widest terminal draws it', () => {
		for (const [emoji, columns] of [['👍🏽', 4], ['🇩🇪', 2], ['👩‍👩‍👧', 2], ['❤️', 2], ['👨🏿‍💻', 4]] as const) {
			expect(graphemes(emoji)).toEqual([emoji]);
			expect(displayWidth(emoji)).toBe(columns);
			expect(displayWidth(`Danke ${emoji}!`)).toBe(columns + 7);
		}
	});

	it('never lets a wrapped line overflow its width', () => {
		fc.assert(fc.property(text, width, (value, columns) => {
			for (const line of wrapText(value, columns)) fitsEverywhere(line, columns);
		}), {numRuns: 400});
	});

	it('never lets a truncated or fitted line overflow its width, and never splits a grapheme', () => {
		fc.assert(fc.property(text, width, (value, columns) => {
			const cut = truncateToWidth(value, columns);
			fitsEverywhere(cut, columns);
			expect(displayWidth(fitToWidth(value, columns))).toBe(columns);
			const kept = cut.endsWith('…') ? cut.slice(0, -1) : cut;
			const whole = graphemes(value);
			const pieces = graphemes(kept);
			// Every grapheme of the cut is a grapheme of the text, in order.
			expect(pieces).toEqual(whole.slice(0, pieces.length));
		}), {numRuns: 400});
	});

	it('never lets a cut preformatted line overflow its width', () => {
		fc.assert(fc.property(text, width, (value, columns) => {
			for (const line of cutText(value, columns)) fitsEverywhere(line, columns);
		}), {numRuns: 400});
	});

	it('never lets a laid-out article line overflow its width, styled or plain', () => {
		fc.assert(fc.property(text, fc.integer({min: 16, max: 40}), fc.boolean(), (value, columns, isStyled) => {
			const styles = isStyled ? COLOR_STYLES : PLAIN_STYLES;
			const {lines} = layoutLines([
				{first: '• ', rest: '  ', mode: 'wrap', text: value},
				{first: '│ ', rest: '│ ', mode: 'question', text: value},
				{first: '  ', rest: '  ', mode: 'pre', text: value},
			], columns, styles, 'de');
			for (const line of lines) fitsEverywhere(line, columns);
		}), {numRuns: 300});
	});
});
