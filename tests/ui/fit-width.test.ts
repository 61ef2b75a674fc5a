import {describe, expect, test} from 'vitest';
import {displayWidth, fitToWidth, truncateToWidth} from '../../source/text/width.js';
import {columnsOf, fitColumns, truncateColumns} from '../../source/ui/fit-width.js';

const samples = [
	'Größer denken, ohne sich zu übernehmen',
	'„Nein“ sagen lernen – fünf Sätze … für schwierige Kundengespräche',
	'Preis:\u00A0120\u00A0€ pro Stunde',
	'Gründer\u00ADinnen-Workshop mit Soft Hyphen',
	'日本語のタイトルと中文标题，一个很长的标题',
	'🚀 Launch 🎉 im Coworking',
	'e\u0301 combining accent',
	'',
];

describe('fitColumns', () => {
	test.each(samples)('%j is exactly as wide as asked at every width', text => {
		for (let columns = 0; columns <= 45; columns++) {
			expect(displayWidth(fitColumns(text, columns)), `${columns}`).toBe(columns);
			expect(displayWidth(truncateColumns(text, columns)), `${columns}`).toBeLessThanOrEqual(columns);
		}
	});

	test.each(samples)('%j: the fast path agrees with the shared width helpers', text => {
		expect(columnsOf(text)).toBe(displayWidth(text));
		for (const columns of [5, 12, 30, 80]) {
			if (displayWidth(fitToWidth(text, columns)) === columns) expect(fitColumns(text, columns)).toBe(fitToWidth(text, columns));
			if (displayWidth(truncateToWidth(text, columns)) <= columns) expect(truncateColumns(text, columns)).toBe(truncateToWidth(text, columns));
		}
	});
});
