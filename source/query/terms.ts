/**
 * What a search shows besides its matches: the words to rank by and the words to
 * highlight in titles. Both come from the parsed query, so the two always agree.
 */
import type {TextRange} from '../store/types.js';
import {startsWithWord} from '../text/fold.js';
import type {QueryNode} from './parse.js';

/**
 * Words every result must contain anywhere (bare words and `text:` that are and-ed at the
 * top level, not under `or`/`not`), joined for `Store.search`, which ranks by them.
 * Empty when the query has no such word: then results are listed by date.
 */
export function rankingWords(node: QueryNode): string {
	const words: string[] = [];
	const visit = (current: QueryNode) => {
		if (current.type === 'and') current.children.forEach(visit);
		else if (current.type === 'text' && current.field === 'any') words.push(...current.words);
	};
	visit(node);
	return words.join(' ');
}

/** Words a result's title may show as matches: every text term not under `not`. */
export function highlightWords(node: QueryNode): string[] {
	const words: string[] = [];
	const visit = (current: QueryNode) => {
		if (current.type === 'and' || current.type === 'or') current.children.forEach(visit);
		else if (current.type === 'text' && current.field !== 'author') words.push(...current.words);
	};
	visit(node);
	return [...new Set(words)];
}

// Whole words of a title, split as the index splits them.
const TITLE_WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Case and diacritics folded, as `remove_diacritics 2` compares: „Fünf“ → `funf`. */
function fold(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Whole words of `title` that start with one of `words` (folded), as [start, end) ranges
 * in UTF-16 units: what a search result highlights.
 */
export function findWordMatches(title: string, words: readonly string[]): TextRange[] {
	const typed = words.filter(word => fold(word) !== '');
	if (typed.length === 0) return [];
	const ranges: TextRange[] = [];
	for (const match of title.matchAll(TITLE_WORD)) {
		if (typed.some(prefix => startsWithWord(match[0], prefix))) ranges.push({start: match.index, end: match.index + match[0].length});
	}
	return ranges;
}

/**
 * Splits `text` into alternating plain and matched parts, so that a caller can sanitize
 * each part and style the matched ones (ranges are into the unsanitized text).
 */
export function splitByRanges(text: string, ranges: readonly TextRange[]): {readonly text: string; readonly isMatch: boolean}[] {
	const parts: {text: string; isMatch: boolean}[] = [];
	let position = 0;
	for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
		if (range.start < position || range.end <= range.start || range.end > text.length) continue;
		if (range.start > position) parts.push({text: text.slice(position, range.start), isMatch: false});
		parts.push({text: text.slice(range.start, range.end), isMatch: true});
		position = range.end;
	}
	if (position < text.length) parts.push({text: text.slice(position), isMatch: false});
	return parts;
}

/**
 * The query without the words `rankingWords` takes: `Store.search` already requires those
 * (each as a prefix, all of them), so repeating them in `where` would only make SQLite look
 * them up twice. Null when nothing else is left. Exact phrases stay: the ranking words
 * only require the phrase's words, not their order.
 */
export function withoutRankedTerms(node: QueryNode): QueryNode | null {
	const isRanked = (current: QueryNode) => current.type === 'text' && current.field === 'any' && !current.exact;
	if (isRanked(node)) return null;
	if (node.type !== 'and') return node;
	const rest = node.children.flatMap(child => (child.type === 'and' ? [withoutRankedTerms(child)] : [child])).filter(
		(child): child is QueryNode => child !== null && !isRanked(child),
	);
	if (rest.length === 0) return null;
	return rest.length === 1 ? rest[0]! : {type: 'and', children: rest};
}
