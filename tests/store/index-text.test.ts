import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {toIndexText} from '../../source/store/index-text.js';

/** What the full-text tokenizer sees: the words, whatever whitespace is between them. */
const words = (text: string): string[] => text.split(/\s+/).filter(word => word !== '');

/**
 * The regex strip toIndexText replaced (blocks, comments, tags, entities, whitespace, one
 * pass each): the words must stay the same, so that search finds what it found before.
 */
function regexStrip(html: string): string {
	const named: Record<string, string> = {amp: '&', lt: '<', gt: '>', nbsp: ' ', uuml: 'ü', szlig: 'ß', bdquo: '„', ldquo: '“', hellip: '…', shy: ''};
	return html
		.replace(/<(script|style|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
		.replace(/<!--[\s\S]*?-->/g, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
			if (!name.startsWith('#')) return named[name] ?? whole;
			const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
			return code > 0 && code <= 0x10_FFFF ? String.fromCodePoint(code) : ' ';
		})
		.replace(/\s+/g, ' ')
		.trim();
}

// Pieces of WordPress bodies; each markup piece is whole (a lone `<!--` or `<` before a
// comment is where the two differ: see the test below).
const piece = fc.constantFrom(
	'<p>', '</p>', '<p class="has-text-align-center">', '<a href="https://beispiel.de/?a=1&amp;b=2">', '</a>', '<br/>', '<STRONG>', '</STRONG>',
	'<!-- wp:paragraph -->', '<!-- a > b -->', '<script>if (a < b) { x = "</p>"; }</script>', '<style type="text/css">.x > p {color: red}</style>',
	'<noscript><img src="pixel.gif"></noscript>', '<template><p>Vorlage</p></template>', '<scripts>', '<Script >var x;</SCRIPT >',
	'Grüße', 'aus', 'München', '„gut genug“', 'Preis:', '3 €', 'Straße', 'e-mail',
	'&amp;', '&uuml;', '&szlig;', '&#252;', '&#x201E;', '&#X201c;', '&nbsp;', '&shy;', '&hellip;', '&unbekannt;', '&#99999999;', '&#0;', '&lt;b&gt;', '&', ';',
	' ', '  ', '\n', '\t', '\u00A0', '>',
);

describe('toIndexText', () => {
	it('strips WordPress markup and decodes the entities German blogs use', () => {
		const html = '<p>Gr&uuml;&szlig;e aus M&#252;nchen&nbsp;&#8211; &bdquo;gut genug&ldquo; reicht.</p>\n<!-- wp:paragraph --><div class="wp-block"><a href="/x">Mehr&hellip;</a></div>';
		expect(words(toIndexText(html))).toEqual(['Grüße', 'aus', 'München', '–', '„gut', 'genug“', 'reicht.', 'Mehr…']);
	});

	it('keeps words on both sides of a tag apart', () => {
		expect(words(toIndexText('Coaching<br>Beratung<p>Supervision</p>'))).toEqual(['Coaching', 'Beratung', 'Supervision']);
	});

	it('leaves out scripts, styles, templates and comments, whatever their case', () => {
		expect(toIndexText('<style>.x{color:red}</style><p>Sichtbar</p><SCRIPT type="module">var geheim = 1;</SCRIPT ><!-- <p>versteckt</p> -->')).toBe('Sichtbar');
	});

	it('keeps an unknown entity as it is and survives broken numeric ones', () => {
		expect(words(toIndexText('A &unbekannt; B &#99999999; C'))).toEqual(['A', '&unbekannt;', 'B', 'C']);
	});

	it('reads a `<` that no `>` follows as text, and a decoded `&lt;` never as a tag', () => {
		expect(words(toIndexText('<p>a &lt;b&gt; c</p> wenn x < y'))).toEqual(['a', '<b>', 'c', 'wenn', 'x', '<', 'y']);
	});

	it('is empty for no content', () => {
		expect(toIndexText(null)).toBe('');
		expect(toIndexText('')).toBe('');
		expect(toIndexText('<p> </p><!-- -->')).toBe('');
	});

	it('gives the same words as the regex strip it replaced', () => {
		fc.assert(
			fc.property(fc.array(piece, {maxLength: 40}), pieces => {
				const html = pieces.join('');
				expect(words(toIndexText(html))).toEqual(words(regexStrip(html)));
			}),
			{numRuns: 2000},
		);
	});

	it('differs from the regex strip only where a lone `<` comes before a comment', () => {
		// The regex strip removed the comment first, and its `<`, no `>` left after it, stayed
		// text; here that `<` reaches the comment's closing `>`, and the text between goes.
		const html = 'a < b <!-- c --> d';
		expect(words(toIndexText(html))).toEqual(['a', 'd']);
		expect(words(regexStrip(html))).toEqual(['a', '<', 'b', 'd']);
	});
});
