import {describe, expect, it} from 'vitest';
import {formatQueryFailure, parseAgeSpec, parseQuery, type QueryFailure, type QueryNode} from '../../source/query/parse.js';

function parsed(query: string): QueryNode {
	const node = parseQuery(query);
	if ('kind' in node) throw new Error(`did not parse: ${node.message}`);
	return node;
}

function failure(query: string): QueryFailure {
	const node = parseQuery(query);
	if (!('kind' in node)) throw new Error(`parsed: ${JSON.stringify(node)}`);
	return node;
}

describe('parseQuery: valid queries', () => {
	it('reads bare words as full-text terms that are and-ed', () => {
		expect(parsed('Mentoring Führungskraft')).toEqual({
			type: 'and',
			children: [
				{type: 'text', field: 'any', words: ['Mentoring'], exact: false, column: 1},
				{type: 'text', field: 'any', words: ['Führungskraft'], exact: false, column: 11},
			],
		});
	});

	it('binds and tighter than or, and not tighter than and', () => {
		expect(parsed('unread and tag:coaching or not starred')).toEqual({
			type: 'or',
			children: [
				{
					type: 'and',
					children: [
						{type: 'flag', flag: 'unread', column: 1},
						{type: 'tag', value: 'coaching', column: 12},
					],
				},
				{type: 'not', child: {type: 'flag', flag: 'starred', column: 32}},
			],
		});
	});

	it('lets parentheses override precedence', () => {
		const node = parsed('unread and (tag:coaching or tag:beratung)');
		expect(node.type).toBe('and');
		expect(node.type === 'and' && node.children[1]!.type).toBe('or');
	});

	it('treats keywords and field names case-insensitively', () => {
		expect(parsed('UNREAD AND Tag:Coaching')).toEqual(parsed('unread and tag:Coaching'));
		expect(parsed('NOT Starred')).toEqual({type: 'not', child: {type: 'flag', flag: 'starred', column: 5}});
	});

	it('reads a quoted value as one exact phrase, with ASCII or German quotes', () => {
		const expected = {type: 'text', field: 'any', words: ['Social', 'Media'], exact: true};
		expect(parsed('text:"Social Media"')).toMatchObject(expected);
		expect(parsed('text:„Social Media“')).toMatchObject(expected);
		expect(parsed('"Social Media"')).toMatchObject(expected);
		expect(parsed('feed:"Kreidezeit Coaching"')).toEqual({type: 'feed', value: 'Kreidezeit Coaching', column: 1});
	});

	it('keeps umlauts and ß in words and values', () => {
		expect(parsed('title:Führung author:„Voß-Häußler“')).toEqual({
			type: 'and',
			children: [
				{type: 'text', field: 'title', words: ['Führung'], exact: false, column: 1},
				{type: 'text', field: 'author', words: ['Voß', 'Häußler'], exact: true, column: 15},
			],
		});
	});

	it('reads ages in hours, days, weeks, months, years and as a date', () => {
		const ago = (query: string) => {
			const node = parsed(query);
			return node.type === 'age' ? node.since : undefined;
		};
		expect(ago('newer:12h')).toEqual({kind: 'ago', milliseconds: 12 * 3_600_000});
		expect(ago('newer:7d')).toEqual({kind: 'ago', milliseconds: 7 * 86_400_000});
		expect(ago('older:7')).toEqual({kind: 'ago', milliseconds: 7 * 86_400_000});
		expect(ago('older:2w')).toEqual({kind: 'ago', milliseconds: 14 * 86_400_000});
		expect(ago('older:3m')).toEqual({kind: 'ago', milliseconds: 90 * 86_400_000});
		expect(ago('older:1y')).toEqual({kind: 'ago', milliseconds: 365 * 86_400_000});
		expect(ago('newer:2026-11-01')).toEqual({kind: 'date', iso: '2026-11-01T00:00:00.000Z'});
	});

	it('separates terms on non-breaking spaces too', () => {
		expect(parsed('unread\u00A0tag:coaching').type).toBe('and');
	});
});

describe('parseQuery: errors point at the column', () => {
	it('names the missing ) at the end of the query', () => {
		const error = failure('unread and (tag:x');
		expect(error).toMatchObject({kind: 'failed', reason: 'query', column: 18});
		expect(error.message).toBe('expected ) to close the ( from column 12 at column 18: unread and (tag:x');
	});

	it('draws a caret under the column for the command line', () => {
		expect(formatQueryFailure(failure('unread and (tag:x'))).toBe(
			'expected ) to close the ( from column 12 at column 18\n  unread and (tag:x\n                   ^',
		);
	});

	it('counts columns in characters, so umlauts do not shift the caret', () => {
		const error = failure('Fünf Fragen)');
		expect(error.column).toBe(12);
		expect(formatQueryFailure(error, '').split('\n')[2]).toBe(`${' '.repeat(11)}^`);
	});

	it('rejects an operator without a term after it', () => {
		expect(failure('unread and')).toMatchObject({problem: 'expected a term after and, but the query ends', column: 11});
		expect(failure('tag:x or or starred')).toMatchObject({problem: 'expected a term after or, found or', column: 10});
		expect(failure('not')).toMatchObject({column: 4});
	});

	it('rejects an operator at the start', () => {
		expect(failure('and unread')).toMatchObject({problem: 'expected a term, found and', column: 1});
	});

	it('rejects a stray closing parenthesis and empty parentheses', () => {
		expect(failure('unread) starred')).toMatchObject({problem: 'unexpected ) without a matching (', column: 7});
		expect(failure('()')).toMatchObject({problem: 'expected a term after (, found )', column: 2});
	});

	it('rejects an unclosed quote, naming where it started', () => {
		expect(failure('title:"Social Media')).toMatchObject({problem: 'the quote from column 7 is not closed', column: 20});
	});

	it('rejects an unknown field and a field without a value', () => {
		expect(failure('unread autor:Weiß')).toMatchObject({column: 8});
		expect(failure('unread autor:Weiß').problem).toContain('unknown field "autor:"');
		expect(failure('tag: unread')).toMatchObject({problem: 'expected a value after tag:', column: 5});
	});

	it('rejects a malformed age', () => {
		expect(failure('newer:7x')).toMatchObject({column: 7});
		expect(failure('older:2026-02-30').problem).toContain('expected an age');
	});

	it('skips a term without letters or digits when other terms remain: punctuation is just text', () => {
		expect(parseQuery('Feder & Faden')).toMatchObject({type: 'and', children: [{words: ['Feder']}, {words: ['Faden']}]});
		expect(parseQuery('Preis – Leistung')).toMatchObject({type: 'and', children: [{words: ['Preis']}, {words: ['Leistung']}]});
		expect(parseQuery('4,50 €')).toMatchObject({type: 'text', words: ['4', '50']});
		expect(parseQuery('unread *')).toEqual({type: 'flag', flag: 'unread', column: 1});
		expect(parseQuery('Kreide or – or Klartext')).toMatchObject({type: 'or', children: [{words: ['Kreide']}, {words: ['Klartext']}]});
		expect(parseQuery('not & Mentoring')).toMatchObject({type: 'text', words: ['Mentoring']});
		expect(parseQuery('(&) Mentoring')).toMatchObject({type: 'text', words: ['Mentoring']});
	});

	it('looks for C++ and C# as whole words, not as every word starting with c', () => {
		expect(parseQuery('C++')).toMatchObject({type: 'text', words: ['C'], exact: true});
		expect(parseQuery('title:C#')).toMatchObject({type: 'text', field: 'title', words: ['C'], exact: true});
		expect(parseQuery('Coaching+')).toMatchObject({words: ['Coaching'], exact: false});
	});

	it('keeps operators, fields and quotes working beside punctuation', () => {
		expect(parseQuery('title:„Feder & Faden“ and not tag:x')).toMatchObject({
			type: 'and',
			children: [{type: 'text', field: 'title', words: ['Feder', 'Faden'], exact: true}, {type: 'not', child: {type: 'tag', value: 'x'}}],
		});
		expect(failure('Feder & (Faden').problem).toContain('expected )');
	});

	it('refuses a query of only punctuation in one line, without a column to point at', () => {
		for (const query of ['&', '– €', 'text:"--"', '(*) or ?']) {
			const refused = failure(query);
			expect(refused.problem).toMatch(/^nothing to search for in ".*" \(only letters and digits are searched\)$/);
			expect(refused.message).toBe(refused.problem);
			expect(formatQueryFailure(refused)).not.toContain('\n');
		}
		expect(failure('&').problem).toBe('nothing to search for in "&" (only letters and digits are searched)');
	});

	it('rejects an empty query', () => {
		expect(failure('   ')).toMatchObject({problem: 'the query is empty', column: 1});
	});

	it('keeps control characters out of the one-line message', () => {
		expect(failure('unread (\u001B[31m').message).not.toMatch(/[\u0000-\u001F]/);
		const bidi = failure('title:x (\u202Egnirotnem');
		expect(bidi.message).not.toContain('\u202E');
		expect(formatQueryFailure(bidi)).not.toContain('\u202E');
	});
});

describe('parseAgeSpec', () => {
	it('reads an option value like --older-than 30d', () => {
		expect(parseAgeSpec('30d')).toEqual({kind: 'ago', milliseconds: 30 * 86_400_000});
		expect(parseAgeSpec('dreißig Tage')).toMatchObject({kind: 'failed', reason: 'query'});
	});
});
