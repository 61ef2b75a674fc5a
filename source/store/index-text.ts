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

/** HTML (or plain text) → words separated by spaces. */
export function toIndexText(html: string | null): string {
	if (!html) return '';
	return decodeEntities(html.replace(INVISIBLE_BLOCKS, ' ').replace(COMMENTS, ' ').replace(TAGS, ' '))
		.replace(/\s+/g, ' ')
		.trim();
}
