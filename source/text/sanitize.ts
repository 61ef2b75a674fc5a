/**
 * The one terminal-safety sanitizer (CWE-150). Everything that came from a feed, a web
 * page, an HTTP header or an error message goes through here before it is stored and
 * again before it is drawn, so that only blogroll's own styling ever emits escapes.
 */

// Whole escape sequences first, so that their payload (an OSC 52 clipboard blob, an
// OSC 8 link target, a DCS string) disappears with them instead of showing as text.
// 7-bit and 8-bit (C1) introducers are both handled. An unterminated string ends at the
// end of its line: one stray C1 character (U+009F is also a mis-decoded „Ÿ“) must not
// swallow the rest of an article; what follows the newline is plain text again.
const STRING_SEQUENCE = /(?:\u001B[\]P_^X]|[\u0090\u0098\u009D\u009E\u009F])[^\u0007\u001B\u009C\n]*(?:\u0007|\u001B\\|\u009C)?/g;
const CSI_SEQUENCE = /(?:\u001B\[|\u009B)[\u0030-\u003F]*[\u0020-\u002F]*[\u0040-\u007E]?/g;
const OTHER_ESCAPE = /\u001B[\u0020-\u002F]*[\u0030-\u007E]?/g;

// C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates.
const BODY_UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
// Single-line fields lose tabs, newlines and line/paragraph separators as well.
const LINE_BREAKING = /[\t\n\u2028\u2029]+/g;

// Every character any pass below would change or remove (CR included): one cheap test
// lets clean text, nearly all of it, skip the replace passes. Written as the
// complement of the safe characters, which V8 scans about twice as fast.
const NEEDS_SANITIZING = /[^\t\n\u0020-\u007E\u00A0-\u2029\u202F-\u2065\u206A-\uFFFF]/;

function removeEscapeSequences(text: string): string {
	return text.replace(STRING_SEQUENCE, '').replace(CSI_SEQUENCE, '').replace(OTHER_ESCAPE, '');
}

/**
 * For multi-line text (article bodies, plain-text content): keeps tab and newline,
 * turns CR LF / CR into LF, drops every other control character and escape sequence.
 */
export function sanitizeText(text: string): string {
	if (!NEEDS_SANITIZING.test(text)) return text;
	return removeEscapeSequences(text.replace(/\r\n?/g, '\n')).replace(BODY_UNSAFE, '');
}

/**
 * For single-line fields (titles, authors, feed names, urls, error messages): like
 * sanitizeText, and any line break or tab becomes one space; whitespace is collapsed.
 */
export function sanitizeLine(text: string): string {
	return sanitizeText(text)
		.replace(LINE_BREAKING, ' ')
		.replace(/ {2,}/g, ' ')
		.trim();
}

/** True when the text holds nothing sanitizeText would change. */
export function isTerminalSafe(text: string): boolean {
	return sanitizeText(text) === text.replace(/\r\n?/g, '\n');
}

const OPENABLE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * Only http, https and mailto links may be opened or shown as clickable; anything else
 * (javascript:, data:, file:, …) is displayed as text and never passed to an opener.
 */
export function isOpenableUrl(url: string): boolean {
	try {
		return OPENABLE_PROTOCOLS.has(new URL(url).protocol);
	} catch {
		return false;
	}
}

/** Longest single-line field blogroll shows (titles, headings): a 1 MB title is a hostile one. */
export const MAX_LINE_FIELD_LENGTH = 1000;

/** Cut to at most `limit` characters (code points, never half a surrogate pair), with … when cut. */
export function limitLength(text: string, limit: number = MAX_LINE_FIELD_LENGTH): string {
	if (text.length <= limit) return text;
	return `${Array.from(text.slice(0, limit * 2)).slice(0, limit - 1).join('').trimEnd()}…`;
}
