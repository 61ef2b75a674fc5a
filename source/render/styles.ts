/**
 * blogroll's own styling: the only escape sequences that ever reach the terminal.
 * With `color: false` every style is the identity, so --plain output has no ANSI at all.
 */
export interface Styles {
	readonly bold: (text: string) => string;
	readonly italic: (text: string) => string;
	readonly underline: (text: string) => string;
	readonly dim: (text: string) => string;
	readonly strike: (text: string) => string;
	readonly code: (text: string) => string;
	readonly link: (text: string) => string;
	readonly heading: (text: string) => string;
	readonly question: (text: string) => string;
}

const sgr = (open: number, close: number) => (text: string) => (text === '' ? '' : `\u001B[${open}m${text}\u001B[${close}m`);
const identity = (text: string) => text;

export const COLOR_STYLES: Styles = {
	bold: sgr(1, 22),
	italic: sgr(3, 23),
	underline: sgr(4, 24),
	dim: sgr(2, 22),
	strike: sgr(9, 29),
	code: sgr(33, 39),
	link: sgr(36, 39),
	heading: (text) => sgr(1, 22)(sgr(32, 39)(text)),
	question: (text) => sgr(1, 22)(sgr(35, 39)(text)),
};

export const PLAIN_STYLES: Styles = {
	bold: identity,
	italic: identity,
	underline: identity,
	dim: identity,
	strike: identity,
	code: identity,
	link: identity,
	heading: identity,
	question: identity,
};

/** Our own SGR sequences (the only escapes in rendered lines). */
export const SGR = /\u001B\[[0-9;]*m/g;

/** Text without our styling. */
export function stripStyles(text: string): string {
	return text.replace(SGR, '');
}
