import {describe, expect, it} from 'vitest';
import {carryStyles, cutText, wrapText} from '../../source/render/wrap.js';
import {displayWidth} from '../../source/text/width.js';

describe('wrapText', () => {
	it('breaks between words so that no line is wider than the width', () => {
		const lines = wrapText('Seit über zehn Jahren begleite ich Selbstständige von der ersten Idee bis zum Business.', 24);
		expect(lines).toEqual(['Seit über zehn Jahren', 'begleite ich', 'Selbstständige von der', 'ersten Idee bis zum', 'Business.']);
	});

	it('never breaks a line at a no-break space', () => {
		const lines = wrapText('Das Erstgespräch dauert 30\u00A0Minuten', 28);
		expect(lines).toEqual(['Das Erstgespräch dauert', '30\u00A0Minuten']);
	});

	it('breaks a long German word at a soft hyphen and shows a hyphen there', () => {
		const lines = wrapText('Die Donau\u00ADdampf\u00ADschiff\u00ADfahrts\u00ADgesellschaft tagt', 20);
		expect(lines).toEqual(['Die Donaudampf-', 'schifffahrts-', 'gesellschaft tagt']);
	});

	it('removes soft hyphens where the word fits', () => {
		expect(wrapText('Kreativ\u00ADbranche', 40)).toEqual(['Kreativbranche']);
	});

	it('breaks after a real hyphen in a compound when the word does not fit', () => {
		expect(wrapText('ein gescheiterter Fünf-Jahres-Plan', 24)).toEqual(['ein gescheiterter Fünf-', 'Jahres-Plan']);
	});

	it('cuts a word wider than the line by graphemes', () => {
		const lines = wrapText('https://www.klarheit-coaching.de/blog/mein-erstes-jahr-als-coachin/', 20);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(20);
		expect(lines.join('')).toBe('https://www.klarheit-coaching.de/blog/mein-erstes-jahr-als-coachin/');
	});

	it('counts CJK characters and emoji as two columns and breaks CJK anywhere', () => {
		const lines = wrapText('こんにちは！東京でフリーランスの翻訳者をしています。', 10);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(10);
		expect(lines.join('')).toBe('こんにちは！東京でフリーランスの翻訳者をしています。');
		expect(wrapText('Kaffee ☕ und 👍🏽 Feedback', 11)).toEqual(['Kaffee ☕', 'und 👍🏽', 'Feedback']);
	});

	it('keeps right-to-left text in its logical order', () => {
		expect(wrapText('שלום! אני מעצבת גרפית', 12)).toEqual(['שלום! אני', 'מעצבת גרפית']);
	});

	it('closes a style at the end of a line and reopens it on the next', () => {
		const lines = wrapText('\u001B[1mfett über zwei Zeilen\u001B[22m danach', 12);
		expect(lines[0]).toBe('\u001B[1mfett über\u001B[0m');
		expect(lines[1]).toBe('\u001B[1mzwei Zeilen\u001B[22m');
		expect(lines[2]).toBe('danach');
	});
});

describe('cutText', () => {
	it('cuts preformatted text at the width without losing characters', () => {
		expect(cutText('def wochenordner(start: date):', 12)).toEqual(['def wochenor', 'dner(start: ', 'date):']);
	});
});

describe('carryStyles', () => {
	it('does not reopen a style that was closed on the same line', () => {
		expect(carryStyles(['\u001B[36m[1]\u001B[39m Text', 'weiter'])).toEqual(['\u001B[36m[1]\u001B[39m Text', 'weiter']);
	});
});
