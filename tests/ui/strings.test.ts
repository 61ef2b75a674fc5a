import {describe, expect, test} from 'vitest';
import {detectLanguage, formatDate, formatNumber, stringsFor} from '../../source/ui/strings.js';

const de = stringsFor('de');
const en = stringsFor('en');
const now = new Date('2026-11-20T10:00:00Z');

describe('detectLanguage', () => {
	test.each([
		[{LANG: 'de_DE.UTF-8'}, 'de'],
		[{LANG: 'de_AT.UTF-8'}, 'de'],
		[{LANG: 'en_US.UTF-8'}, 'en'],
		[{LANG: 'C'}, 'en'],
		[{}, 'en'],
		[{LC_ALL: 'en_GB.UTF-8', LANG: 'de_DE.UTF-8'}, 'en'],
		[{LC_MESSAGES: 'de_CH.UTF-8', LANG: 'en_US.UTF-8'}, 'de'],
		[{LC_ALL: '', LANG: 'de_DE.UTF-8'}, 'de'],
		[{LANG: 'dev'}, 'en'],
	] as const)('%o gives %s', (env, expected) => {
		expect(detectLanguage(env)).toBe(expected);
	});

	test('a setting overrides the environment', () => {
		expect(detectLanguage({LANG: 'de_DE.UTF-8'}, 'en')).toBe('en');
	});
});

describe('dates and numbers', () => {
	test('recent dates are relative in both languages', () => {
		const fiveMinutes = new Date(now.getTime() - 5 * 60_000).toISOString();
		expect(formatDate(fiveMinutes, now, de)).toBe('vor 5 Min.');
		expect(formatDate(fiveMinutes, now, en)).toBe('5 min ago');
		const threeHours = new Date(now.getTime() - 3 * 3_600_000).toISOString();
		expect(formatDate(threeHours, now, de)).toBe('vor 3 Std.');
		expect(formatDate(new Date(now.getTime() - 30 * 3_600_000).toISOString(), now, de)).toBe('gestern');
	});

	test('older dates are written the locale’s way', () => {
		expect(formatDate('2026-03-05T12:00:00Z', now, de)).toBe('05.03.2026');
		expect(formatDate('2026-03-05T12:00:00Z', now, en)).toBe('03/05/2026');
	});

	test('a broken date shows nothing rather than "Invalid Date"', () => {
		expect(formatDate('gestern', now, de)).toBe('');
	});

	test('numbers are grouped by locale', () => {
		expect(formatNumber(50_000, de)).toBe('50.000');
		expect(formatNumber(50_000, en)).toBe('50,000');
	});

	test('every command has help text in both languages', () => {
		for (const strings of [de, en]) {
			for (const text of Object.values(strings.commands)) expect(text.length).toBeGreaterThan(0);
		}
		expect(Object.keys(de.commands).sort()).toEqual(Object.keys(en.commands).sort());
	});
});
