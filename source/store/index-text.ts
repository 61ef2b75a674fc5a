/**
 * Plain text of an entry's HTML, for the full-text index only (never shown): a cheap
 * regex strip is enough, since the tokenizer ignores punctuation anyway.
 */

const INVISIBLE_BLOCKS = /<(script|style|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENTS = /<!--[\s\S]*?-->/g;
const TAGS = /<[^>]*>/g;

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

// Runs of whitespace, and single whitespace characters other than a space: replacing a
// lone space by a space (what `\s+` does for every word) costs most of the time here.
const WHITESPACE_TO_COLLAPSE = /\s\s+|[^\S ]/g;

/** HTML (or plain text) → words separated by spaces. */
export function toIndexText(html: string | null): string {
	if (!html) return '';
	let text = html.replace(INVISIBLE_BLOCKS, ' ');
	if (text.includes('<!--')) text = text.replace(COMMENTS, ' ');
	text = text.replace(TAGS, ' ');
	if (text.includes('&')) text = decodeEntities(text);
	return text.replace(WHITESPACE_TO_COLLAPSE, ' ').trim();
}
