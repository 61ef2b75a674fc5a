import {describe, expect, it} from 'vitest';
import {compileFilter, findTitleMatches, foldForSearch, toFtsQuery} from '../../source/store/entry-sql.js';

describe('toFtsQuery', () => {
	it.each<[string, string | null]>([
		['Mentoring', '"Mentoring"*'],
		['Fünf Fragen', '"Fünf"* AND "Fragen"*'],
		['„gut genug“', '"gut"* AND "genug"*'],
		['Work-Life-Balance', '"Work"* AND "Life"* AND "Balance"*'],
		// Umlauts typed as ae, oe, ue and ß as ss: the other spelling too.
		['fuehrung Strasse', '("fuehrung"* OR "fuhrung"*) AND ("Strasse"* OR "straße"*)'],
		['NEAR(', '"NEAR"*'],
		['title:Coaching OR x', '"title"* AND "Coaching"* AND "OR"* AND "x"*'],
		['\'; DROP TABLE entries; --', '"DROP"* AND "TABLE"* AND "entries"*'],
		['"', null],
		['*', null],
		['   ', null],
		['—…–', null],
	])('%j → %j', (input, expected) => {
		expect(toFtsQuery(input)).toBe(expected);
	});

	it('never lets a quote, star, colon or parenthesis through', () => {
		const query = toFtsQuery('a"b*c:d(e)f^g{h}i+j-k ae"oe(ss');
		// Only quoted words, and the AND, OR and parentheses blogroll itself puts between them.
		expect(query!.replace(/"[\p{L}\p{N}\p{M}]+"\*/gu, '').replace(/\b(AND|OR)\b|[()]/g, '').trim()).toBe('');
	});
});

describe('foldForSearch', () => {
	it('drops diacritics and case like the index tokenizer', () => {
		expect(foldForSearch('Fünf ÄRGERNISSE, Crème brûlée')).toBe('funf argernisse, creme brulee');
	});
});

describe('findTitleMatches', () => {
	it('returns the whole words of the title that start with a search word', () => {
		const title = 'Fünf Fragen für ein klares Jahresgespräch';
		const ranges = findTitleMatches(title, 'funf JAHRES');
		expect(ranges.map((range) => title.slice(range.start, range.end))).toEqual(['Fünf', 'Jahresgespräch']);
	});

	it('finds nothing for a search without words', () => {
		expect(findTitleMatches('Mentoring für Selbstständige', '***')).toEqual([]);
	});

	it('counts positions in the original string when umlauts are precomposed or decomposed', () => {
		const decomposed = 'Gru\u0308ße aus Mu\u0308nchen';
		const [range] = findTitleMatches(decomposed, 'munchen');
		expect(decomposed.slice(range!.start, range!.end)).toBe('Mu\u0308nchen');
	});
});

describe('compileFilter', () => {
	it('is empty for an empty filter', () => {
		expect(compileFilter({})).toMatchObject({sql: '', params: [], needsFeeds: false, matchesNothing: false});
	});

	it('keeps partial-index conditions literal and values as parameters', () => {
		const compiled = compileFilter({feedIds: [7], unreadOnly: true, starredOnly: true, search: 'Gehalt'});
		expect(compiled.sql).toBe('WHERE e.feed_id = ? AND e.is_read = 0 AND e.is_starred = 1 AND e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)');
		expect(compiled.params).toEqual([7, '"Gehalt"*']);
	});

	it('matches nothing for an empty feed list or a search without words', () => {
		expect(compileFilter({feedIds: []}).matchesNothing).toBe(true);
		expect(compileFilter({search: '"*"'}).matchesNothing).toBe(true);
		expect(compileFilter({search: '  '}).matchesNothing).toBe(false);
	});
});

describe('findTitleMatches with umlauts typed out', () => {
	it('marks the words a transliterated search found', () => {
		const title = 'Führungskräfteentwicklung im Mittelstand: Straßen, Ölen und Fünf';
		const words = (query: string) => findTitleMatches(title, query).map((range) => title.slice(range.start, range.end));
		expect(words('fuehrungskraft')).toEqual(['Führungskräfteentwicklung']);
		expect(words('fuehrungskraefte strasse oelen FUENF')).toEqual(['Führungskräfteentwicklung', 'Straßen', 'Ölen', 'Fünf']);
		expect(words('mittelstrasse')).toEqual([]);
	});
});
