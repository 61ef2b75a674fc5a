/** The one-line prompts' editing, pure: a key press and the text so far → what happens. */
import {sanitizeText} from '../../text/sanitize.js';
import type {Press} from '../keys.js';

export type LineEdit =
	| {readonly kind: 'text'; readonly value: string}
	| {readonly kind: 'submit'; readonly value: string}
	| {readonly kind: 'cancel'}
	| {readonly kind: 'interrupt'}
	| {readonly kind: 'ignored'};

/**
 * Enter submits, Esc cancels, Ctrl-C interrupts (the reader quits), Backspace deletes the
 * last character, Ctrl-U empties the line (as in a shell: a prefilled value goes in one
 * key); a printable character is typed. Control characters never reach the text.
 */
export function editLine(value: string, {input, key}: Press): LineEdit {
	if (key.ctrl && input === 'c') return {kind: 'interrupt'};
	if (key.ctrl && input === 'u') return {kind: 'text', value: ''};
	if (key.return) return {kind: 'submit', value};
	if (key.escape) return {kind: 'cancel'};
	if (key.backspace || key.delete) return {kind: 'text', value: [...value].slice(0, -1).join('')};
	if (key.ctrl || key.meta || input === '') return {kind: 'ignored'};
	// Not sanitizeLine: it trims, and a space typed alone is text too.
	const text = sanitizeText(input).replace(/[\t\n\u2028\u2029]+/gu, ' ');
	return text === '' ? {kind: 'ignored'} : {kind: 'text', value: value + text};
}
