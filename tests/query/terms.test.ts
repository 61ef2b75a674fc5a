import {describe, expect, it} from 'vitest';
import {parseQuery, type QueryNode} from '../../source/query/parse.js';
import {findWordMatches, highlightWords, rankingWords, splitByRanges, withoutRankedTerms} from '../../source/query/terms.js';

function parsed(query: string): QueryNode {
	const node = parseQuery(query);
	if ('kind' in node) throw new Error(node.message);
	return node;
}

/** The tree without positions, to compare queries written differently. */
function withoutColumns(node: QueryNode | null): unknown {
	return JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === 'column' ? undefined : value)));
}

describe('what a search ranks by and highlights', () => {
	it('ranks by the words every result must contain, not by words under or/not', () => {
		expect(rankingWords(parsed('Mentoring Führung'))).toBe('Mentoring Führung');
		expect(rankingWords(parsed('unread and (coaching and mentoring) text:„Social Media“'))).toBe('coaching mentoring Social Media');
		expect(rankingWords(parsed('coaching or mentoring'))).toBe('');
		expect(rankingWords(parsed('not mentoring and unread'))).toBe('');
		expect(rankingWords(parsed('title:mentoring'))).toBe('');
	});

	it('leaves the ranked words out of the filter but keeps everything else', () => {
		expect(withoutRankedTerms(parsed('mentoring'))).toBeNull();
		expect(withoutRankedTerms(parsed('mentoring führung'))).toBeNull();
		expect(withoutColumns(withoutRankedTerms(parsed('unread mentoring (tag:x or tag:y)')))).toEqual(withoutColumns(parsed('unread (tag:x or tag:y)')));
		expect(withoutRankedTerms(parsed('"Social Media" mentoring'))).toMatchObject({type: 'text', exact: true, words: ['Social', 'Media']});
		expect(withoutRankedTerms(parsed('unread (coaching mentoring)'))).toEqual(parsed('unread'));
	});

	it('highlights words of every text term that is not negated', () => {
		expect(highlightWords(parsed('mentoring or title:Führung and not Coaching author:Weiß'))).toEqual(['mentoring', 'Führung']);
	});

	it('marks whole title words that start with a search word, folded', () => {
		const title = 'Fünf Fragen an … Dr. Miriam Voß-Häußler: Mentoring im Mittelstand';
		const ranges = findWordMatches(title, ['funf', 'MENTOR', 'hau']);
		expect(ranges.map(range => title.slice(range.start, range.end))).toEqual(['Fünf', 'Häußler', 'Mentoring']);
		expect(findWordMatches(title, ['ragen'])).toEqual([]);
	});

	it('splits a title into plain and matched parts that join back to the title', () => {
		const title = 'Mentoring: Warum jede Führungskraft eine Mentorin braucht';
		const parts = splitByRanges(title, findWordMatches(title, ['mentor']));
		expect(parts.map(part => part.text).join('')).toBe(title);
		expect(parts.filter(part => part.isMatch).map(part => part.text)).toEqual(['Mentoring', 'Mentorin']);
	});
});
