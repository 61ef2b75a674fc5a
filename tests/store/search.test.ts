import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openStore} from '../../source/store/open.js';
import type {Store} from '../../source/store/types.js';
import {COACH_FEED, CONSULTANT_FEED, blogItem, coachingItems} from './fixtures.js';

const PAGE = {offset: 0, limit: 50};
let store: Store;
let coach: number;
let consultant: number;

beforeEach(() => {
	store = openStore(':memory:');
	coach = store.ensureFeed(COACH_FEED).id;
	consultant = store.ensureFeed(CONSULTANT_FEED).id;
	store.upsertEntries(coach, coachingItems(), '2025-03-11T06:00:00.000Z');
	store.upsertEntries(consultant, [
		blogItem({
			id: 'c-1',
			title: 'Positionierung für Berater:innen',
			author: 'Dr. Ute Fröhlich',
			published: '2025-03-09T12:00:00.000Z',
			content: '<p>Wer alles anbietet, wird für nichts empfohlen. Auch im Mentoring&nbsp;gilt: klare Nische.</p>',
			summary: null,
		}),
		blogItem({
			id: 'c-2',
			title: 'Straßenfeste als Akquise?',
			author: 'Dr. Ute Fröhlich',
			published: '2025-02-01T12:00:00.000Z',
			content: '<p>Netzwerken auf der Straße &ndash; warum das &bdquo;funktioniert&ldquo;.</p><script>var fuenf = 5;</script>',
			summary: null,
		}),
	], '2025-03-11T06:00:00.000Z');
});

afterEach(() => {
	store.close();
});

describe('search', () => {
	it('folds umlauts and case: funf finds „Fünf Fragen“, MENTORING finds Mentoring', () => {
		expect(store.search('funf', PAGE).map((hit) => hit.title)).toContain('Fünf Fragen für ein klares Jahresgespräch');
		expect(store.search('FÜNF fragen', PAGE).map((hit) => hit.title)).toEqual(['Fünf Fragen für ein klares Jahresgespräch']);
		expect(store.search('MENTORING', PAGE).map((hit) => hit.title)).toContain('Mentoring für Selbstständige: was es bringt');
	});

	it('lists title hits of equal rank newest first, above author and text hits, as a feed stores them (newest first)', () => {
		const feed = store.ensureFeed('https://fuehrung.example/feed/').id;
		const item = (id: string, title: string, published: string, content: string, author = 'Katharina Brenner') =>
			blogItem({id, title, author, published, content: `<p>${content}</p>`, summary: null});
		// A feed lists its newest entry first, so the newest is stored first.
		store.upsertEntries(feed, [
			item('f-5', 'Wochenrückblick', '2026-11-10T06:00:00.000Z', 'Diesmal ging es um Führung im Kleinen.'),
			item('f-4', 'Führung auf Distanz: Was Teams brauchen', '2026-10-14T06:00:00.000Z', 'Homeoffice verändert alles.'),
			item('f-3', 'Gastbeitrag', '2026-09-20T06:00:00.000Z', 'Über Zusammenarbeit.', 'Führungsakademie Nord'),
			item('f-2', 'Führungskraft werden: die ersten 100 Tage, gute Führung', '2026-09-02T06:00:00.000Z', 'Ein Leitfaden mit vielen Beispielen und noch mehr Text, der die Bewertung verschiebt.'),
			item('f-1', 'Führungskräfteentwicklung im Mittelstand', '2026-07-15T06:00:00.000Z', 'Drei Irrtümer.'),
		], '2026-11-11T06:00:00.000Z');
		expect(store.search('führung', PAGE, {feedIds: [feed]}).map((hit) => hit.title)).toEqual([
			'Führung auf Distanz: Was Teams brauchen',
			'Führungskraft werden: die ersten 100 Tage, gute Führung',
			'Führungskräfteentwicklung im Mittelstand',
			'Gastbeitrag',
			'Wochenrückblick',
		]);
		expect(store.search('führung', PAGE).slice(0, 3).map((hit) => hit.title)).toEqual([
			'Führung auf Distanz: Was Teams brauchen',
			'Führungskraft werden: die ersten 100 Tage, gute Führung',
			'Führungskräfteentwicklung im Mittelstand',
		]);
		// With several words, a title holding all of them comes before one holding some.
		expect(store.search('Führung Mittelstand', PAGE).map((hit) => hit.title)[0]).toBe('Führungskräfteentwicklung im Mittelstand');
		// Pages follow the same order without overlap.
		const pages = [0, 1, 2, 3, 4].flatMap((offset) => store.search('führung', {offset, limit: 1}, {feedIds: [feed]}).map((hit) => hit.title));
		expect(pages).toEqual(store.search('führung', PAGE, {feedIds: [feed]}).map((hit) => hit.title));
	});

	it('ranks a title match above a match in the text only', () => {
		const hits = store.search('Mentoring', PAGE).map((hit) => hit.title);
		expect(hits).toEqual(['Mentoring für Selbstständige: was es bringt', 'Positionierung für Berater:innen']);
	});

	it('finds authors, words decoded from entities, and words as prefixes', () => {
		expect(store.search('fröhlich', PAGE)).toHaveLength(2);
		expect(store.search('funktioniert', PAGE).map((hit) => hit.title)).toEqual(['Straßenfeste als Akquise?']);
		expect(store.search('Straßen', PAGE).map((hit) => hit.title)).toEqual(['Straßenfeste als Akquise?']);
		expect(store.search('Positio', PAGE).map((hit) => hit.title)).toEqual(['Positionierung für Berater:innen']);
	});

	it('does not index what a script element holds', () => {
		// `var fuenf` is only in the script of „Straßenfeste als Akquise?“; `fuenf` still finds „Fünf“.
		expect(store.search('fuenf', PAGE).map((hit) => hit.title)).toEqual(['Fünf Fragen für ein klares Jahresgespräch']);
	});

	it('reads ae, oe, ue as umlauts and ss as ß: fuehrung finds „Führung“, strasse finds „Straße“', () => {
		expect(store.search('FUENF fragen', PAGE).map((hit) => hit.title)).toEqual(['Fünf Fragen für ein klares Jahresgespräch']);
		expect(store.search('fuenf', PAGE)[0]!.titleMatches).toEqual([{start: 0, end: 4}]);
		expect(store.search('strassenfeste', PAGE).map((hit) => hit.title)).toEqual(['Straßenfeste als Akquise?']);
		expect(store.search('Strasse', PAGE).map((hit) => hit.title)).toEqual(['Straßenfeste als Akquise?']);
		expect(store.search('jahresgespraech', PAGE).map((hit) => hit.title)).toEqual(['Fünf Fragen für ein klares Jahresgespräch']);
		// The plain spelling still works, and a word with ss that is no ß still finds itself.
		expect(store.search('jahresgesprach', PAGE)).toHaveLength(1);
		expect(store.search('Selbstständige', PAGE).map((hit) => hit.title)).toContain('Mentoring für Selbstständige: was es bringt');
	});

	it('requires every word', () => {
		expect(store.search('Mentoring Nische', PAGE).map((hit) => hit.title)).toEqual(['Positionierung für Berater:innen']);
		expect(store.search('Mentoring Straße', PAGE)).toEqual([]);
	});

	it('marks the title words that match, for highlighting', () => {
		const [hit] = store.search('fünf jahresgesprach', PAGE);
		expect(hit!.titleMatches.map((range) => hit!.title.slice(range.start, range.end))).toEqual(['Fünf', 'Jahresgespräch']);
		const [textOnly] = store.search('Nische', PAGE);
		expect(textOnly!.titleMatches).toEqual([]);
	});

	it('combines with a filter and counts the same way', () => {
		expect(store.search('Mentoring', PAGE, {feedIds: [consultant]}).map((hit) => hit.title)).toEqual(['Positionierung für Berater:innen']);
		expect(store.countSearch('Mentoring')).toEqual({total: 2, unread: 2});
		const id = store.search('Positionierung', PAGE)[0]!.id;
		store.setRead([id], true);
		expect(store.countSearch('Mentoring')).toEqual({total: 2, unread: 1});
		expect(store.search('Mentoring', PAGE, {unreadOnly: true})).toHaveLength(1);
	});

	it('works as a list filter, in date order, together with other fields', () => {
		expect(store.listEntries({search: 'mentoring'}, PAGE).map((entry) => entry.title))
			.toEqual(['Positionierung für Berater:innen', 'Mentoring für Selbstständige: was es bringt']);
		expect(store.countEntries({search: 'mentoring', feedIds: [coach]})).toEqual({total: 1, unread: 1});
		const id = store.listEntries({search: 'mentoring'}, PAGE)[1]!.id;
		expect(store.findEntryIndex({search: 'mentoring'}, id)).toBe(1);
		expect(store.markAllRead({search: 'mentoring'})).toBe(2);
		expect(store.countEntries({})).toEqual({total: 5, unread: 3});
	});

	it('pages search results', () => {
		const all = store.search('für', PAGE).map((hit) => hit.id);
		expect(all.length).toBeGreaterThan(2);
		expect([...store.search('für', {offset: 0, limit: 2}), ...store.search('für', {offset: 2, limit: 50})].map((hit) => hit.id)).toEqual(all);
	});

	it.each([
		'"',
		'*',
		'NEAR(',
		'\'; DROP TABLE entries; --',
		'Fünf" OR "x',
		'title:Mentoring',
		'^Mentoring',
		'(Mentoring',
		'Mentoring AND',
		'NOT',
		'-',
		'',
		'   ',
		'\u0000',
		'„Fünf“',
		'x'.repeat(5000),
	])('never throws on hostile input %j', (query) => {
		expect(() => store.search(query, PAGE)).not.toThrow();
		expect(() => store.countSearch(query)).not.toThrow();
		expect(() => store.listEntries({search: query}, PAGE)).not.toThrow();
		expect(() => store.countEntries({search: query})).not.toThrow();
		expect(() => store.markAllRead({search: query, feedIds: [999]})).not.toThrow();
		expect(store.countEntries({}).total).toBe(5);
	});

	it('reads operators in user text as plain words', () => {
		expect(store.search('title:Mentoring', PAGE)).toEqual([]);
		expect(store.search('„Fünf“', PAGE).map((hit) => hit.title)).toEqual(['Fünf Fragen für ein klares Jahresgespräch']);
		expect(store.search('Mentoring AND', PAGE)).toEqual([]);
		expect(store.search('*', PAGE)).toEqual([]);
	});
});
