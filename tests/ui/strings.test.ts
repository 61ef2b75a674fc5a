import {describe, expect, test} from 'vitest';
import {displayWidth} from '../../source/text/width.js';
import {detectLanguage, detectLocale, formatAge, formatDate, formatDateTime, formatNumber, stringsFor} from '../../source/ui/strings.js';

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

describe('detectLocale', () => {
	test.each([
		[{LANG: 'en_GB.UTF-8'}, 'en', 'en-GB'],
		[{LANG: 'en_US.UTF-8'}, 'en', 'en-US'],
		[{LANG: 'de_DE.UTF-8'}, 'de', 'de-DE'],
		[{LANG: 'de_AT.UTF-8'}, 'de', 'de-AT'],
		[{LC_TIME: 'en_GB.UTF-8', LANG: 'en_US.UTF-8'}, 'en', 'en-GB'],
		[{LC_ALL: 'de_CH.UTF-8', LC_TIME: 'en_GB.UTF-8'}, 'de', 'de-CH'],
		[{LANG: 'de_DE.UTF-8'}, 'en', 'en-DE'],
		[{LANG: 'C.UTF-8'}, 'en', 'en-US'],
		[{LANG: 'POSIX'}, 'de', 'de-DE'],
		[{}, 'en', 'en-US'],
		[{LANG: 'de_DE@euro'}, 'de', 'de-DE'],
	] as const)('%o with a %s UI gives %s', (env, language, expected) => {
		expect(detectLocale(env, language)).toBe(expected);
	});
});

describe('dates and numbers', () => {
	test('the entries column writes today’s entries by their time, in the locale’s clock', () => {
		const fiveMinutes = new Date(now.getTime() - 5 * 60_000).toISOString();
		expect(formatDate(fiveMinutes, now, de)).toBe('09:55');
		expect(formatDate(fiveMinutes, now, en)).toBe('9:55 AM');
		expect(formatDate(fiveMinutes, now, stringsFor('en', 'en-GB'))).toBe('09:55');
	});

	test.each([
		['de', 'de-DE', '12.11.', '12.11.2025', '12.11.2026, 14:05'],
		['en', 'en-US', 'Nov 12', 'Nov 12, 2025', 'Nov 12, 2026, 2:05 PM'],
		['en', 'en-GB', '12 Nov', '12 Nov 2025', '12 Nov 2026, 14:05'],
		['en', 'en-DE', '12 Nov', '12 Nov 2025', '12 Nov 2026, 14:05'],
	] as const)('%s in %s: %s this year, %s before, %s in the article header', (language, locale, thisYear, lastYear, header) => {
		const strings = stringsFor(language, locale);
		const later = new Date('2026-11-20T10:00:00Z');
		expect(formatDate('2026-11-12T14:05:00Z', later, strings)).toBe(thisYear);
		expect(formatDate('2025-11-12T14:05:00Z', later, strings)).toBe(lastYear);
		expect(formatDateTime('2026-11-12T14:05:00Z', strings)).toBe(header);
	});

	test('en_GB never writes the month first (11/12/2026 is ambiguous)', () => {
		const strings = stringsFor('en', detectLocale({LANG: 'en_GB.UTF-8'}, 'en'));
		for (const iso of ['2026-11-12T08:00:00Z', '2025-11-12T08:00:00Z']) expect(formatDate(iso, now, strings)).not.toMatch(/^Nov|11\/12/);
	});

	test('sentences about the past stay relative for a week', () => {
		expect(formatAge(new Date(now.getTime() - 5 * 60_000).toISOString(), now, de)).toBe('vor 5 Min.');
		expect(formatAge(new Date(now.getTime() - 5 * 60_000).toISOString(), now, en)).toBe('5 min ago');
		expect(formatAge(new Date(now.getTime() - 3 * 3_600_000).toISOString(), now, de)).toBe('vor 3 Std.');
		expect(formatAge(new Date(now.getTime() - 30 * 3_600_000).toISOString(), now, de)).toBe('gestern');
		expect(formatAge('2026-03-05T12:00:00Z', now, de)).toBe('05.03.');
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

	test('the prompts’ hints fit an 80-column terminal whole and name the keys in the UI’s language', () => {
		for (const strings of [de, en]) {
			const hints = Object.entries(strings).filter(([key, value]) => key.endsWith('Hint') && typeof value === 'string') as [string, string][];
			expect(hints.length).toBeGreaterThanOrEqual(6);
			// The prompt's hint line is the whole width: cut, it loses how to cancel.
			for (const [key, hint] of hints) expect(displayWidth(hint), `${strings.language} ${key}: ${hint}`).toBeLessThanOrEqual(80);
		}
		for (const [key, hint] of Object.entries(de).filter(([key, value]) => key.endsWith('Hint') && typeof value === 'string') as [string, string][]) {
			expect(hint, key).not.toMatch(/\bEnter\b/);
		}
	});
});
