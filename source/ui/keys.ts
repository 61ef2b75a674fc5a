/**
 * Input chunks into key presses, in one place for the root handler and every prompt.
 *
 * Ink's parser splits escape sequences (arrows, Esc) out of what stdin delivers, but hands
 * a run of other characters over as one string: keys that arrive together (a held key, a
 * busy moment, a slow SSH link, `tmux send-keys`) come as `jjj`, `\x7f\x7f\x7f` (three
 * Backspaces) or `\x15Führung` (Ctrl-U, then text). Each of them is one key press.
 */
import type {KeyPress} from './keymap.js';

/** Ink's key flags as far as blogroll reads them. */
export interface InkKey extends KeyPress {
	readonly meta?: boolean;
	readonly shift?: boolean;
	readonly tab?: boolean;
}

/** One key press: what `useInput` would have reported had the key come alone. */
export interface Press {
	readonly input: string;
	readonly key: InkKey;
}

const FLAGS = ['upArrow', 'downArrow', 'leftArrow', 'rightArrow', 'pageDown', 'pageUp', 'home', 'end', 'return', 'escape', 'ctrl', 'backspace', 'delete', 'meta', 'tab'] as const;

/** One character of a chunk as a key press of its own. */
function pressOf(char: string): Press {
	const code = char.codePointAt(0) ?? 0;
	if (char === '\r' || char === '\n') return {input: '\r', key: {return: true}};
	if (char === '\u001B') return {input: '', key: {escape: true, meta: true}};
	if (char === '\u007F' || char === '\b') return {input: '', key: {backspace: true}};
	if (char === '\t') return {input: '\t', key: {tab: true}};
	// C0 controls are Ctrl + a letter (Ctrl-U is 0x15, Ctrl-L 0x0C, Ctrl-C 0x03).
	if (code >= 0x01 && code <= 0x1a) return {input: String.fromCodePoint(code + 0x60), key: {ctrl: true}};
	return {input: char, key: /^\p{Lu}$/u.test(char) ? {shift: true} : {}};
}

/**
 * The key presses in what Ink reported as one input. A single key (or a special key, which
 * Ink always reports alone) is returned as it is; a run of characters is split into one
 * press per character (per code point: `ä` and `🙂` are one key each).
 */
export function splitKeys(input: string, key: InkKey): readonly Press[] {
	if (FLAGS.some(flag => key[flag] === true)) return [{input, key}];
	const chars = [...input];
	if (chars.length <= 1) return [{input, key}];
	return chars.map(pressOf);
}
