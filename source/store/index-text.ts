/**
 * Plain text of an entry's HTML, for the full-text index only (never shown): a cheap
 * strip is enough, since the tokenizer ignores punctuation and whitespace anyway.
 */

// The named entities German WordPress blogs actually emit; numeric ones are decoded generally.
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
	amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ',
	auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß',
	eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç',
	bdquo: '„', ldquo: '“', rdquo: '”', sbquo: '‚', lsquo: '‘', rsquo: '’',
	laquo: '«', raquo: '»', ndash: '–', mdash: '—', hellip: '…', euro: '€', shy: '',
};

function decodeEntities(text: string): string {
	return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name.startsWith('#')) {
			const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
			return code > 0 && code <= 0x10_FFFF ? String.fromCodePoint(code) : ' ';
		}
		return NAMED_ENTITIES[name] ?? whole;
	});
}

/** `<script>`, `<style>`, `<template>` or `<noscript>` with its contents, at lastIndex only. */
const INVISIBLE_BLOCK = /<(script|style|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/iy;

/** Where the markup starting with the `<` at `open` ends, or -1: no `>` follows, so the `<` is text. */
function markupEnd(html: string, open: number): number {
	const next = html.charCodeAt(open + 1) | 0x20; // lower case
	if (next === 0x73 || next === 0x74 || next === 0x6e) { // s, t, n: perhaps an invisible block
		INVISIBLE_BLOCK.lastIndex = open;
		if (INVISIBLE_BLOCK.test(html)) return INVISIBLE_BLOCK.lastIndex;
	} else if (next === 0x21 && html.startsWith('<!--', open)) {
		const close = html.indexOf('-->', open + 4);
		if (close !== -1) return close + 3;
	}
	const close = html.indexOf('>', open + 1);
	return close === -1 ? -1 : close + 1;
}

/**
 * HTML (or plain text) → its words, separated by whitespace: the text between tags,
 * entities decoded, without scripts, styles and comments. One pass that copies the text
 * once: a parse worker makes this for every new post, and the regex passes it replaces
 * (strip blocks, comments, tags, then collapse whitespace) each copied the whole body.
 * Whitespace is not collapsed: the tokenizer splits on any run of it.
 */
export function toIndexText(html: string | null): string {
	if (!html) return '';
	const texts: string[] = [];
	let at = 0;
	while (at < html.length) {
		let open = html.indexOf('<', at);
		const next = open === -1 ? -1 : markupEnd(html, open);
		if (next === -1) open = html.length; // the rest is text
		if (open > at) {
			const text = html.slice(at, open);
			texts.push(text.includes('&') ? decodeEntities(text) : text);
		}
		if (next === -1) break;
		at = next;
	}
	return texts.join(' ').trim();
}
