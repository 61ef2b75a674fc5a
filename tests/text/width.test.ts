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
