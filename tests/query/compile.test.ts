import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {FeedItem} from '../../source/feeds/types.js';
import {compileQueryText, type QueryContext, type QueryWhere} from '../../source/query/compile.js';
import {compileIgnoreRules, withoutIgnored} from '../../source/query/ignore.js';
import {parseQuery} from '../../source/query/parse.js';
import {rankingWords} from '../../source/query/terms.js';
import {openStore} from '../../source/store/open.js';
import type {Store} from '../../source/store/types.js';

const NOW = new Date('2026-11-22T06:00:00.000Z');
const PAGE = {offset: 0, limit: 100};
const COACH = 'https://www.kreidezeit-coaching.de/feed/';
const BERATUNG = 'https://beratung-grünwald.de/blog/feed/';
const TEXTERIN = 'https://texterin-müller.de/feed/atom/';

function post(id: string, title: string, published: string, author: string, content: string): FeedItem {
	return {id, title, link: `https://www.kreidezeit-coaching.de/${id}/`, published, updated: null, author, content, summary: null};
}

let store: Store;
let context: QueryContext;

beforeEach(() => {
	store = openStore(':memory:', {now: () => NOW});
	const coach = store.ensureFeed(COACH).id;
	const beratung = store.ensureFeed(BERATUNG).id;
	const texterin = store.ensureFeed(TEXTERIN).id;
	store.upsertEntries(coach, [
		post('mentoring', 'Mentoring: Warum jede Führungskraft eine Mentorin braucht', '2026-09-02T05:30:00.000Z', 'Katharina Brenneisen',
			'<p>Coaching und Mentoring werden oft in einen Topf geworfen.&nbsp;Beides ist wertvoll.</p>'),
		post('fuenf-fragen', 'Fünf Fragen an … Dr. Miriam Voß-Häußler', '2026-11-18T06:15:00.000Z', 'Katharina Brenneisen',
			'<p>Miriam begleitet seit zwölf Jahren Führungskräfte im Mittelstand.</p>'),
		post('social-media', 'Warum ich Social Media den Rücken kehre', '2026-11-04T05:30:00.000Z', 'Katharina Brenneisen',
			'<p>Instagram, LinkedIn, „Reichweite“ – ich bin raus.</p>'),
	], NOW.toISOString());
	store.upsertEntries(beratung, [
		post('positionierung', 'Positionierung für Berater:innen', '2026-11-20T11:00:00.000Z', 'Dr. Ute Fröhlich',
			'<p>Wer alles anbietet, wird für nichts empfohlen. Auch im Mentoring gilt: klare Nische.</p>'),
		post('sponsored', 'Sponsored: Das beste CRM für Selbstständige', '2026-11-21T08:00:00.000Z', 'Gastbeitrag',
			'<p>Werbung. Dieses CRM hat mein Leben verändert.</p>'),
	], NOW.toISOString());
	store.upsertEntries(texterin, [
		post('gendern', 'Gendern ohne Krampf: fünf Formulierungen', '2026-06-01T07:00:00.000Z', 'Henrike Müller',
			'<p>Social-Media-Texte, Newsletter, Website: überall dieselbe Frage.</p>'),
	], NOW.toISOString());
	const socialMedia = store.listEntries({}, PAGE).find(entry => entry.title.startsWith('Warum ich Social'))!;
	store.setRead([socialMedia.id], true);
	store.setStarred(socialMedia.id, true);
	context = {
		now: NOW,
		feeds: [
			{id: coach, url: COACH, titles: ['Kreidezeit', 'Kreidezeit – Coaching & Supervision'], tags: ['Coaching', 'Führung']},
			{id: beratung, url: BERATUNG, titles: ['Beratung Grünwald'], tags: ['Beratung', 'coaching']},
			{id: texterin, url: TEXTERIN, titles: ['Texterin Müller'], tags: ['Text']},
		],
	};
});

afterEach(() => {
	store.close();
});

function where(query: string): QueryWhere {
	const compiled = compileQueryText(query, context);
	if ('kind' in compiled) throw new Error(compiled.message);
	return compiled;
}

/** Titles the query selects, newest first, cut at the colon for brevity. */
function titles(query: string): string[] {
	return store.listEntries({where: where(query)}, PAGE).map(entry => entry.title.split(/[:…]/)[0]!.trim());
}

describe('compiled queries select the entries a reader expects', () => {
	it('finds bare words in title, author and text, any case and umlaut', () => {
		expect(titles('Mentoring')).toEqual(['Positionierung für Berater', 'Mentoring']);
		expect(titles('MENTORING')).toEqual(titles('mentoring'));
		expect(titles('funf')).toEqual(['Fünf Fragen an', 'Gendern ohne Krampf']);
		expect(titles('Fünf')).toEqual(titles('funf'));
		expect(titles('Brenneisen')).toHaveLength(3);
	});

	it('matches unquoted words as prefixes and quoted ones as an exact phrase', () => {
		expect(titles('Führungskr')).toEqual(['Fünf Fragen an', 'Mentoring']);
		expect(titles('"Social Media"')).toEqual(['Warum ich Social Media den Rücken kehre', 'Gendern ohne Krampf']);
		expect(titles('"Media Social"')).toEqual([]);
	});

	it('limits title: and author: to that field', () => {
		expect(titles('title:mentoring')).toEqual(['Mentoring']);
		expect(titles('author:fröhlich')).toEqual(['Positionierung für Berater']);
		expect(titles('author:mentoring')).toEqual([]);
	});

	it('resolves tags case-insensitively to the feeds that carry them', () => {
		expect(titles('tag:coaching')).toHaveLength(5);
		expect(titles('tag:FÜHRUNG')).toHaveLength(3);
		expect(titles('tag:text')).toEqual(['Gendern ohne Krampf']);
		expect(titles('tag:unbekannt')).toEqual([]);
		expect(titles('not tag:unbekannt')).toHaveLength(6);
	});

	it('finds feeds by a part of the local title, the feed title or the url', () => {
		expect(titles('feed:grünwald')).toHaveLength(2);
		expect(titles('feed:"Coaching & Supervision"')).toHaveLength(3);
		expect(titles('feed:texterin-müller.de')).toEqual(['Gendern ohne Krampf']);
	});

	it('filters by reading state', () => {
		expect(titles('starred')).toEqual(['Warum ich Social Media den Rücken kehre']);
		expect(titles('read')).toEqual(['Warum ich Social Media den Rücken kehre']);
		expect(titles('unread')).toHaveLength(5);
	});

	it('filters by age relative to now, or from a date', () => {
		expect(titles('newer:7d')).toEqual(['Sponsored', 'Positionierung für Berater', 'Fünf Fragen an']);
		expect(titles('newer:2d')).toEqual(['Sponsored', 'Positionierung für Berater']);
		expect(titles('older:3m')).toEqual(['Gendern ohne Krampf']);
		expect(titles('newer:2026-11-01 and older:2026-11-19')).toEqual(['Fünf Fragen an', 'Warum ich Social Media den Rücken kehre']);
	});

	it('combines terms with and, or, not and parentheses', () => {
		expect(titles('tag:coaching and not feed:grünwald mentoring')).toEqual(['Mentoring']);
		expect(titles('starred or text:"Social Media"')).toEqual(['Warum ich Social Media den Rücken kehre', 'Gendern ohne Krampf']);
		expect(titles('unread and (tag:text or author:Gastbeitrag)')).toEqual(['Sponsored', 'Gendern ohne Krampf']);
		expect(titles('not (unread or starred)')).toEqual([]);
	});

	it('counts views with the same condition as it lists them', () => {
		expect(store.countEntries({where: where('tag:coaching and newer:30d')})).toEqual({total: 4, unread: 3});
	});
});

describe('search ranking', () => {
	it('puts a title hit above a newer entry that has the word only in its text', () => {
		const node = parseQuery('mentoring');
		if ('kind' in node) throw new Error(node.message);
		const hits = store.search(rankingWords(node), PAGE, {where: where('mentoring')});
		expect(hits.map(hit => hit.title.split(':')[0])).toEqual(['Mentoring', 'Positionierung für Berater']);
	});

	it('ranks by the and-ed words only, while or-branches still decide what qualifies', () => {
		const node = parseQuery('unread mentoring (tag:coaching or tag:text)');
		if ('kind' in node) throw new Error(node.message);
		expect(rankingWords(node)).toBe('mentoring');
		const hits = store.search(rankingWords(node), PAGE, {where: where('unread mentoring (tag:coaching or tag:text)')});
		expect(hits.map(hit => hit.title.split(':')[0])).toEqual(['Mentoring', 'Positionierung für Berater']);
	});
});

describe('ignore rules', () => {
	it('hide what any rule matches and nothing else', () => {
		const rules = compileIgnoreRules(['title:Sponsored', 'author:"Henrike Müller"'], context);
		const visible = store.listEntries({where: withoutIgnored(undefined, rules)}, PAGE).map(entry => entry.title);
		expect(visible).toHaveLength(4);
		expect(visible.some(title => title.startsWith('Sponsored') || title.startsWith('Gendern'))).toBe(false);
	});

	it('report an invalid rule (a hand-edited config) instead of hiding everything', () => {
		const rules = compileIgnoreRules(['title:(', 'author:Gastbeitrag'], context);
		expect(rules.invalid.map(rule => rule.index)).toEqual([0]);
		expect(store.countEntries({where: withoutIgnored(where('unread'), rules)})).toEqual({total: 4, unread: 4});
	});
});

describe('hostile input never becomes SQL or FTS syntax', () => {
	const HOSTILE = [
		"'; DROP TABLE entries; --",
		'" OR 1=1 --',
		'\\" OR \\"1\\"=\\"1',
		'NEAR(',
		'NEAR(mentoring coaching, 2)',
		'mentoring*',
		'*',
		'^title',
		'title : mentoring OR body',
		'{title body}: x',
		"Robert'); DELETE FROM feeds;--",
		'a" OR "b',
		'?',
		'%',
		'_',
		'\u0000',
	];
	const FORMS = [
		(value: string) => `"${value.replaceAll('"', '\\"')}"`,
		(value: string) => `text:"${value.replaceAll('"', '\\"')}"`,
		(value: string) => `title:"${value.replaceAll('"', '\\"')}"`,
		(value: string) => `author:"${value.replaceAll('"', '\\"')}"`,
		(value: string) => `tag:"${value.replaceAll('"', '\\"')}"`,
		(value: string) => `feed:"${value.replaceAll('"', '\\"')}"`,
		(value: string) => `newer:"${value.replaceAll('"', '\\"')}"`,
		(value: string) => value,
	];

	it('through every term: only parameters carry user text, and the cache is untouched', () => {
		let compiled = 0;
		for (const value of HOSTILE) {
			for (const form of FORMS) {
				const query = form(value);
				const result = compileQueryText(query, context);
				if ('kind' in result) {
					// A refusal is fine; it must still be one line that names a column (or says the query holds nothing to search for).
					expect(result.message).toMatch(/at column \d+|^nothing to search for in/);
					expect(result.message).not.toContain('\n');
					continue;
				}
				compiled++;
				for (const word of ['DROP', 'DELETE', '1=1', 'NEAR', 'body']) expect(result.sql).not.toContain(word);
				expect(result.sql).not.toMatch(/'/);
				expect(() => store.listEntries({where: result}, PAGE)).not.toThrow();
				expect(() => store.countEntries({where: result})).not.toThrow();
			}
		}
		expect(compiled).toBeGreaterThan(HOSTILE.length * 3);
		expect(store.countEntries({})).toEqual({total: 6, unread: 5});
		expect(store.listFeeds()).toHaveLength(3);
	});

	it('refuses a query too long for SQLite instead of failing in the database', () => {
		const long = Array.from({length: 300}, (_, index) => `wort${index}`).join(' and ');
		expect(compileQueryText(long, context)).toMatchObject({kind: 'failed', reason: 'query'});
		// An even number of nots: just the unread ones.
		const deep = `${'not '.repeat(150)}unread`;
		const compiled = compileQueryText(deep, context);
		if ('kind' in compiled) throw new Error(compiled.message);
		expect(store.countEntries({where: compiled})).toEqual({total: 5, unread: 5});
		const wide = Array.from({length: 199}, () => 'unread').join(' ');
		const chain = compileQueryText(wide, context);
		if ('kind' in chain) throw new Error(chain.message);
		expect(store.countEntries({where: chain}).unread).toBe(5);
	});

	it('treats injected operators as plain words to find', () => {
		expect(titles('"\\" OR 1=1"')).toEqual([]);
		expect(titles('title:"mentoring OR positionierung"')).toEqual([]);
		expect(titles('text:"NEAR(mentoring coaching)"')).toEqual([]);
		expect(titles('tag:"\' OR 1=1 --"')).toEqual([]);
		expect(titles('feed:"%"')).toEqual([]);
	});
});
