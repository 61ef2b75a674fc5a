import {sanitizeLine, sanitizeText} from '../text/sanitize.js';
import {displayWidth, truncateToWidth} from '../text/width.js';
import type {ArticleQuestion} from './types.js';
import {IMAGE_CLOSE, IMAGE_OPEN, LINK_CLOSE, LINK_OPEN, MARKER_RANGE} from './markers.js';
import {SGR, stripStyles, type Styles} from './styles.js';
import type {LayoutLine} from './terminal.js';
import {cutCode, wrapText} from './wrap.js';

const LINK_REFERENCE = new RegExp(`${LINK_OPEN}(\\d+)${LINK_CLOSE}`, 'g');
const IMAGE_REFERENCE = new RegExp(`${IMAGE_OPEN}(\\d+)${IMAGE_CLOSE}`, 'g');
const QUESTION_MARKER = {de: 'F:', en: 'Q:'} as const;
// Below this many columns for the text itself, nesting prefixes are cut instead.
const MIN_TEXT_COLUMNS = 12;

/**
 * Step 7, lines and tidy: wrap every layout line by display width inside its prefixes
 * (hanging indents for list items, `│ ` for quotes, answers under their question),
 * record the line of each FAQ question, sanitize the text between our own styles once
 * more and drop trailing spaces.
 */
export function layoutLines(
	input: readonly LayoutLine[],
	width: number,
	styles: Styles,
	language: 'de' | 'en',
): {lines: string[]; questions: ArticleQuestion[]; imageLines: Map<number, number>} {
	const lines: string[] = [];
	const questions: ArticleQuestion[] = [];
	// images: picture index → the first line of the paragraph that holds it.
	const imageLines = new Map<number, number>();
	// Width of the text of the last wrapped line, for an underline beneath it.
	let lastWidth = 0;
	for (const line of input) {
		const text = line.text
			.replace(IMAGE_REFERENCE, (_match, index: string) => {
				imageLines.set(Number(index), lines.length);
				return '';
			})
			.replace(LINK_REFERENCE, (_match, number: string) => styles.link(`[${number}]`));
		let first = line.first;
		let rest = line.rest;
		if (line.mode === 'question') {
			const marker = QUESTION_MARKER[language];
			first += styles.question(`${marker} `);
			rest += ' '.repeat(marker.length + 1);
		}
		[first, rest] = fitPrefixes(first, rest, width);
		const room = Math.max(1, width - Math.max(displayWidth(first), displayWidth(rest)));
		switch (line.mode) {
			case 'blank': {
				lines.push(tidy(line.first));
				break;
			}
			case 'rule': {
				lines.push(tidy(first + styles.dim('─'.repeat(room))));
				break;
			}
			case 'underline': {
				lines.push(tidy(first + styles.dim(text.repeat(Math.max(1, Math.min(room, lastWidth))))));
				break;
			}
			case 'pre': {
				// Code and tables are never wrapped like prose: a cut is marked (see cutCode).
				cutCode(text, room, styles.dim).forEach((piece, index) => lines.push(tidy((index === 0 ? first : rest) + piece)));
				break;
			}
			case 'question':
			case 'wrap': {
				if (line.mode === 'question') questions.push({text: sanitizeLine(stripStyles(text).replace(MARKER_RANGE, '')), line: lines.length});
				const styled = line.mode === 'question' ? styles.question(stripStyles(text)) : text;
				const pieces = wrapText(styled, room);
				lastWidth = Math.max(...pieces.map((piece) => displayWidth(piece)));
				pieces.forEach((piece, index) => lines.push(tidy((index === 0 ? first : rest) + piece)));
				break;
			}
		}
	}
	while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
	return {lines: lines.map((line) => (displayWidth(line) > width ? truncateToWidth(line, width) : line)), questions, imageLines};
}

// Deeply nested content at a narrow width: keep the innermost part of the prefixes.
function fitPrefixes(first: string, rest: string, width: number): [string, string] {
	const limit = width - MIN_TEXT_COLUMNS;
	if (limit <= 0) return ['', ''];
	const cut = (prefix: string) => {
		if (displayWidth(prefix) <= limit) return prefix;
		let plain = stripStyles(prefix);
		while (displayWidth(plain) > limit) plain = plain.slice(1);
		return plain;
	};
	return [cut(first), cut(rest)];
}

/**
 * Defence in depth: the text between our own SGR sequences is sanitized again (content
 * was sanitized in the DOM step already), markers are gone, no trailing spaces.
 */
function tidy(line: string): string {
	let result = '';
	let last = 0;
	for (const match of line.matchAll(SGR)) {
		result += clean(line.slice(last, match.index)) + match[0];
		last = match.index + match[0].length;
	}
	result += clean(line.slice(last));
	return result.replace(/[ \u00A0]+((?:\u001B\[[0-9;]*m)*)$/, '$1').replace(/^((?:\u001B\[[0-9;]*m)+)$/, '');
}

function clean(text: string): string {
	// Not sanitizeLine: it would collapse the runs of spaces that indent code.
	return sanitizeText(text).replace(/[\t\n\u2028\u2029]/g, ' ').replace(MARKER_RANGE, '');
}
