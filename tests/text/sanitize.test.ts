import {describe, expect, it} from 'vitest';
import {isOpenableUrl, isTerminalSafe, sanitizeLine, sanitizeText} from '../../source/text/sanitize.js';

const ESC = '\u001B';
const BEL = '\u0007';
const ST = `${ESC}\\`;

// [name, input, sanitizeText result]
const bodyCases: Array<[string, string, string]> = [
	['plain German text stays as it is', 'Größe „Maß“ – Straße…', 'Größe „Maß“ – Straße…'],
	['tab and newline stay in bodies', 'Spalte\tWert\nZeile zwei', 'Spalte\tWert\nZeile zwei'],
	['CR LF and lone CR become LF', 'eins\r\nzwei\rdrei', 'eins\nzwei\ndrei'],
	['C0 controls are dropped', `A\u0000B\u0001C\u0008D\u000BE\u000CF\u001FG`, 'ABCDEFG'],
	['BEL on its own is dropped', `Hallo${BEL}Welt`, 'HalloWelt'],
	['DEL is dropped', 'Lösch\u007Fen', 'Löschen'],
	['C1 controls are dropped', 'a\u0080b\u0085c\u008Dd\u0099e', 'abcde'],
	['an unterminated string sequence ends at the end of its line', 'vor\u009Fnutzlast\nnach', 'vor\nnach'],
	['an unterminated OSC 52 loses the rest of its line only', `Absatz eins${ESC}]52;c;cGF5bG9hZA==\nAbsatz zwei`, 'Absatz eins\nAbsatz zwei'],
	['a CSI colour sequence goes with its parameters', `${ESC}[31mrot${ESC}[0m`, 'rot'],
	['a CSI with private parameters goes (alternate screen)', `vor${ESC}[?1049hnach`, 'vornach'],
	['cursor movement and erase go', `${ESC}[2J${ESC}[1;1HText${ESC}[K`, 'Text'],
	['an 8-bit CSI (U+009B) goes with its parameters', '\u009B31mrot\u009B0m', 'rot'],
	['an OSC 8 hyperlink loses its target, keeps its text', `${ESC}]8;;https://böse.example/${BEL}Klick${ESC}]8;;${BEL}`, 'Klick'],
	['an OSC 8 hyperlink with ST terminators', `${ESC}]8;;javascript:alert(1)${ST}Klick${ESC}]8;;${ST}`, 'Klick'],
	['an OSC 52 clipboard write disappears with its payload', `vor${ESC}]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==${BEL}nach`, 'vornach'],
	['an OSC window title change disappears', `${ESC}]0;gehackt${ST}Titel`, 'Titel'],
	['an 8-bit OSC (U+009D) with 8-bit ST disappears', 'vor\u009D52;c;cGF5bG9hZA==\u009Cnach', 'vornach'],
	['a DCS string disappears', `vor${ESC}P+q544e${ST}nach`, 'vornach'],
	['an APC string disappears', `vor${ESC}_Gf=100;AAAA${ST}nach`, 'vornach'],
	['a PM string disappears', `vor${ESC}^privat${ST}nach`, 'vornach'],
	['an SOS string disappears', `vor${ESC}Xstart${ST}nach`, 'vornach'],
	['other two-byte escapes go (RIS, charset switch)', `${ESC}c${ESC}(0Text`, 'Text'],
	['a lone ESC at the end goes', `Ende${ESC}`, 'Ende'],
	['bidi embeddings and overrides go', 'a\u202Ab\u202Bc\u202Cd\u202De\u202Ef', 'abcdef'],
	['bidi isolates go', 'a\u2066b\u2067c\u2068d\u2069e', 'abcde'],
	['a filename spoofed with RLO loses the override', 'rechnung\u202Efdp.exe', 'rechnungfdp.exe'],
	['right-to-left text itself is kept', 'שלום عالم', 'שלום عالم'],
	['emoji and CJK are kept', '👍🏽 一期一会 🇩🇪', '👍🏽 一期一会 🇩🇪'],
	['no-break and soft hyphen characters are kept', '10\u00A0%, Donau\u00ADdampf', '10\u00A0%, Donau\u00ADdampf'],
];

describe('sanitizeText', () => {
	for (const [name, input, expected] of bodyCases) {
		it(name, () => {
			expect(sanitizeText(input)).toBe(expected);
		});
	}

	it('leaves no escape or control character in a mix of every payload', () => {
		const mix = bodyCases.map(([, input]) => input).join(' ');
		const result = sanitizeText(mix);
		expect(result).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
	});
});

describe('sanitizeLine', () => {
	it('turns tabs and line breaks into single spaces', () => {
		expect(sanitizeLine('Preise\terhöhen\r\nals\u2028Freelancerin')).toBe('Preise erhöhen als Freelancerin');
	});

	it('collapses runs of spaces and trims', () => {
		expect(sanitizeLine('  Coaching   für  Selbstständige  ')).toBe('Coaching für Selbstständige');
	});

	it('removes escape sequences from a title', () => {
		expect(sanitizeLine(`${ESC}]0;pwned${BEL}Neuer Beitrag${ESC}[5m!`)).toBe('Neuer Beitrag!');
	});

	it('keeps no-break spaces inside a title', () => {
		expect(sanitizeLine('Dr.\u00A0Müller')).toBe('Dr.\u00A0Müller');
	});
});

describe('isTerminalSafe', () => {
	it('is true for text with tabs, newlines and umlauts', () => {
		expect(isTerminalSafe('Größe\tMaß\nStraße')).toBe(true);
	});

	it('is false for text with an escape sequence', () => {
		expect(isTerminalSafe(`${ESC}[31mrot`)).toBe(false);
	});

	it('is false for text with a bidi override', () => {
		expect(isTerminalSafe('a\u202Eb')).toBe(false);
	});
});

describe('isOpenableUrl', () => {
	const cases: Array<[string, boolean]> = [
		['https://www.klarheit-coaching.de/mentoring/', true],
		['http://texterin-lena.de/', true],
		['mailto:hallo@klarheit-coaching.de', true],
		['javascript:alert(1)', false],
		['JAVASCRIPT:alert(1)', false],
		['data:text/html;base64,PHNjcmlwdD4=', false],
		['file:///etc/passwd', false],
		['vbscript:msgbox', false],
		['/relativ/ohne/basis', false],
		['', false],
	];
	for (const [url, expected] of cases) {
		it(`${expected ? 'opens' : 'does not open'} ${url || 'an empty url'}`, () => {
			expect(isOpenableUrl(url)).toBe(expected);
		});
	}
});
