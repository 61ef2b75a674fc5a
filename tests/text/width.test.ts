import {describe, expect, it} from 'vitest';
import {displayWidth, fitToWidth, truncateToWidth} from '../../source/text/width.js';

describe('truncateToWidth never overshoots', () => {
	it.each([
		['日本語のタイトルです', 10],
		['日本語のタイトルです', 9],
		['Grüße 🎉🎉🎉 aus Köln', 10],
		['Führungskräfteentwicklung im Mittelstand', 12],
	])('cuts %j to at most %i columns, with an ellipsis', (text, columns) => {
		const cut = truncateToWidth(text, columns);
		expect(displayWidth(cut)).toBeLessThanOrEqual(columns);
		expect(displayWidth(cut)).toBeGreaterThanOrEqual(columns - 1);
		expect(cut.endsWith('…')).toBe(true);
		expect(displayWidth(fitToWidth(text, columns))).toBe(columns);
	});
});

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

describe('fitToWidth and truncateToWidth at every width', () => {
	it.each(samples)('%j is exactly as wide as asked (fit) and never wider (truncate)', text => {
		for (let columns = 0; columns <= 45; columns++) {
			expect(displayWidth(fitToWidth(text, columns)), `${columns}`).toBe(columns);
			expect(displayWidth(truncateToWidth(text, columns)), `${columns}`).toBeLessThanOrEqual(columns);
		}
	});
});
