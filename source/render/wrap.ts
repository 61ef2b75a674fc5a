import {displayWidth, graphemes, graphemeWidth} from '../text/width.js';

const SOFT_HYPHEN = '\u00AD';
const SOFT_HYPHENS = /\u00AD/g;
const ESCAPE_OR_GRAPHEME = /\u001B\[[0-9;]*m/y;

/** ANSI styling and graphemes of a word, so that a cut never splits either. */
function units(word: string): string[] {
	const result: string[] = [];
	let index = 0;
	while (index < word.length) {
		ESCAPE_OR_GRAPHEME.lastIndex = index;
		const escape = ESCAPE_OR_GRAPHEME.exec(word);
		if (escape) {
			result.push(escape[0]);
			index += escape[0].length;
			continue;
		}
		const next = word.indexOf('\u001B', index);
		const chunk = word.slice(index, next === -1 ? word.length : next);
		for (const grapheme of graphemes(chunk)) result.push(grapheme);
		index += chunk.length;
	}
	return result;
}

function visibleWidth(word: string): number {
	return displayWidth(word.replace(SOFT_HYPHENS, ''));
}

function unitWidth(unit: string): number {
	if (unit === SOFT_HYPHEN || unit.startsWith('\u001B')) return 0;
	return graphemeWidth(unit);
}

/** Cut by display width: at least one grapheme, so that progress is always made. */
function hardSplit(word: string, columns: number): [string, string] {
	const parts = units(word);
	let head = '';
	let width = 0;
	let index = 0;
	for (; index < parts.length; index++) {
		const part = parts[index]!;
		const partWidth = unitWidth(part);
		if (width + partWidth > columns && width > 0) break;
		head += part;
		width += partWidth;
	}
	return [head, parts.slice(index).join('')];
}

/**
 * The longest head of `word` that fits `columns` when broken at a soft hyphen (shown as
 * `-`) or after a real hyphen between letters („Coaching-|Angebot“). Null if none fits.
 */
function hyphenSplit(word: string, columns: number): [string, string] | null {
	const parts = units(word);
	let best: [string, string] | null = null;
	let head = '';
	for (let index = 0; index < parts.length - 1; index++) {
		const part = parts[index]!;
		head += part;
		const isSoft = part === SOFT_HYPHEN;
		const isHard = part === '-' && /\p{L}/u.test(parts[index - 1] ?? '') && /\p{L}/u.test(parts[index + 1] ?? '');
		if (!isSoft && !isHard) continue;
		const shown = isSoft ? head.slice(0, -1) + '-' : head;
		if (visibleWidth(shown) > columns) break;
		if (visibleWidth(shown) >= 2) best = [shown, parts.slice(index + 1).join('')];
	}
	return best;
}

/** Wide characters (CJK) may break anywhere; such a word fills the line instead of moving down. */
function isBreakableAnywhere(word: string): boolean {
	return /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]/u.test(word);
}

/**
 * Greedy word wrap by display width. Breaks only at ASCII spaces (never at a no-break
 * space), at soft hyphens (shown as `-`, removed elsewhere) and hyphens when a word does
 * not fit, anywhere in CJK text, and cuts words wider than the line by graphemes.
 * ANSI styling is carried over to continuation lines.
 */
export function wrapText(text: string, columns: number): string[] {
	const width = Math.max(1, columns);
	const lines: string[] = [];
	let current = '';
	let currentWidth = 0;
	const flush = () => {
		lines.push(current);
		current = '';
		currentWidth = 0;
	};
	const words = text.split(' ').filter((word) => word !== '');
	for (let word of words) {
		let wordWidth = visibleWidth(word);
		if (wordWidth === 0) {
			current += word; // Styling alone: attach, it takes no room.
			continue;
		}
		if (wordWidth > width * 4) {
			// A megabyte without spaces: cut in one pass instead of re-scanning the tail.
			if (currentWidth > 0) flush();
			const chunks = chunk(word, width);
			for (const piece of chunks.slice(0, -1)) lines.push(piece);
			word = chunks[chunks.length - 1]!;
			wordWidth = visibleWidth(word);
		}
		for (;;) {
			if (currentWidth === 0 && wordWidth <= width) {
				current = current + word;
				currentWidth = wordWidth;
				break;
			}
			if (currentWidth > 0 && currentWidth + 1 + wordWidth <= width) {
				current += ` ${word}`;
				currentWidth += 1 + wordWidth;
				break;
			}
			const room = currentWidth === 0 ? width : width - currentWidth - 1;
			const split = room >= 2 ? hyphenSplit(word, room) ?? (isBreakableAnywhere(word) || currentWidth === 0 ? hardSplit(word, room) : null) : null;
			if (split && split[0] !== '') {
				current += (currentWidth === 0 ? '' : ' ') + split[0];
				flush();
				word = split[1];
				wordWidth = visibleWidth(word);
				if (wordWidth === 0) {
					current += word;
					break;
				}
				continue;
			}
			if (currentWidth === 0) {
				// Narrower than two columns: cut by graphemes.
				const [head, tail] = hardSplit(word, width);
				current += head;
				flush();
				word = tail;
				wordWidth = visibleWidth(word);
				if (wordWidth === 0) break;
				continue;
			}
			flush();
		}
	}
	if (current !== '' || lines.length === 0) lines.push(current);
	return carryStyles(lines.map((line) => line.replace(SOFT_HYPHENS, '')));
}

/** Cut by display width in one pass over the graphemes (at least one per piece). */
function chunk(text: string, columns: number): string[] {
	const pieces: string[] = [];
	let piece = '';
	let width = 0;
	for (const part of units(text)) {
		const partWidth = unitWidth(part);
		if (width + partWidth > columns && width > 0) {
			pieces.push(piece);
			piece = '';
			width = 0;
		}
		piece += part;
		width += partWidth;
	}
	pieces.push(piece);
	return pieces;
}

/** Cut a preformatted line (code, table) into pieces of at most `columns`. */
export function cutText(text: string, columns: number): string[] {
	const width = Math.max(1, columns);
	return carryStyles(visibleWidth(text) > width ? chunk(text, width) : [text]);
}

/** Drawn at the right edge where a code line is cut, and where its rest goes on. */
export const CODE_CUT = '→';
export const CODE_CONTINUED = '↪ ';

/**
 * A line of code (or of a preformatted table) that is wider than `columns` is never
 * wrapped like prose, where a break would look like a line of its own: every row but the
 * last ends with `→` at the right edge, every row but the first starts with `↪ ` (after
 * the line's own indent), so the
 * cut is plain to see and nothing of the line is lost. Rows are cut after a space when
 * one falls in the row's second half, else between graphemes. Below four columns there
 * is no room for the markers and the line is cut as is.
 */
export function cutCode(text: string, columns: number, mark: (marker: string) => string = (marker) => marker): string[] {
	const width = Math.max(1, columns);
	if (visibleWidth(text) <= width) return [text];
	if (width < 4) return cutText(text, width);
	const parts = units(text);
	const widths = parts.map(unitWidth);
	// Columns from each unit to the end, so that "does the rest fit" is one lookup (a
	// 200 000-character line must not be measured again for every row).
	const remaining = new Array<number>(parts.length + 1).fill(0);
	for (let index = parts.length - 1; index >= 0; index--) remaining[index] = remaining[index + 1]! + widths[index]!;
	// Continuation rows keep the line's own indent (at most half the width), then ↪.
	const indent = ' '.repeat(Math.min(/^ */.exec(text.replace(SGR_SEQUENCE, ''))![0].length, Math.floor(width / 2) - 2));
	const continued = indent + CODE_CONTINUED;
	const lead = displayWidth(continued);
	const rows: string[] = [];
	let start = 0;
	while (start < parts.length) {
		const room = width - (rows.length === 0 ? 0 : lead);
		if (remaining[start]! <= room) {
			rows.push(parts.slice(start).join(''));
			break;
		}
		const end = cutPoint(parts, widths, start, room - 1);
		rows.push(parts.slice(start, end).join(''));
		start = end;
	}
	return carryStyles(rows).map((row, index, all) => {
		const prefix = index === 0 ? '' : indent + mark(CODE_CONTINUED);
		if (index === all.length - 1) return prefix + row;
		const room = width - (index === 0 ? 0 : lead) - 1;
		return prefix + row + ' '.repeat(Math.max(0, room - visibleWidth(row))) + mark(CODE_CUT);
	});
}

// Where a row starting at `start` ends within `room` columns: after the last space in its
// second half, else after as many units as fit (at least one).
function cutPoint(parts: readonly string[], widths: readonly number[], start: number, room: number): number {
	let width = 0;
	let end = start;
	let afterSpace = 0;
	for (; end < parts.length; end++) {
		if (width + widths[end]! > room && width > 0) break;
		width += widths[end]!;
		if (parts[end] === ' ' && width >= room / 2) afterSpace = end + 1;
	}
	return afterSpace > 0 && afterSpace < end ? afterSpace : Math.max(start + 1, end);
}

const SGR_SEQUENCE = /\u001B\[([0-9;]*)m/g;

/**
 * A style open at the end of a line is closed there and reopened on the next line, so
 * that prefixes (quote bars, indents) and the pane around the text stay unstyled.
 */
export function carryStyles(lines: string[]): string[] {
	let open: string[] = [];
	return lines.map((line) => {
		const carried = open.join('');
		for (const match of line.matchAll(SGR_SEQUENCE)) {
			const code = match[1] ?? '';
			if (code === '' || code === '0') open = [];
			else open.push(match[0]);
		}
		open = stillOpen(open);
		return carried + line + (open.length > 0 ? '\u001B[0m' : '');
	});
}

// Drops openers that a later closer ended (22 ends 1 and 2, 39 ends colours, …).
function stillOpen(codes: string[]): string[] {
	const closes: Record<string, RegExp> = {'22': /^(?:1|2)$/, '23': /^3$/, '24': /^4$/, '27': /^7$/, '29': /^9$/, '39': /^(?:3[0-8]|9[0-7])(?:;|$)/, '49': /^(?:4[0-8]|10[0-7])(?:;|$)/};
	const result: string[] = [];
	for (const sequence of codes) {
		const code = sequence.slice(2, -1);
		const closer = closes[code];
		if (closer) {
			const index = findLastIndex(result, (open) => closer.test(open.slice(2, -1)));
			if (index !== -1) result.splice(index, 1);
			continue;
		}
		result.push(sequence);
	}
	return result;
}

function findLastIndex<T>(items: T[], predicate: (item: T) => boolean): number {
	for (let index = items.length - 1; index >= 0; index--) if (predicate(items[index]!)) return index;
	return -1;
}
