import {describe, expect, it} from 'vitest';
import type {FeedItem} from '../../source/feeds/types.js';
import {stableKeys, titleDateKey, withStableIds} from '../../source/sync/stable-ids.js';

const item = (id: string, link: string | null, title: string, published: string | null = '2026-11-30T09:00:00.000Z'): FeedItem => ({
	id, link, title, published, updated: null, author: 'Jana Köhler', content: '<p>Wie Sie „Nein“ sagen, ohne zu verletzen.</p>', summary: null,
});

describe('stable entry keys for feeds whose ids churn', () => {
	it('keys each post by its link', () => {
		const items = [item('p-17-1733', 'https://www.kreidezeit-praxis.de/nein-sagen/', 'Nein sagen'), item('p-18-1733', 'https://www.kreidezeit-praxis.de/grenzen/', 'Grenzen setzen')];
		expect(withStableIds(items).map((entry) => entry.id)).toEqual(['https://www.kreidezeit-praxis.de/nein-sagen/', 'https://www.kreidezeit-praxis.de/grenzen/']);
	});

	it('keys posts without a link, or sharing one link under different titles, by title and date', () => {
		const home = 'https://www.kreidezeit-praxis.de/';
		const entries = [item('a', home, 'Fünf Fragen'), item('b', home, 'Grüße aus Köln'), item('c', null, 'Ohne Link')];
		expect(stableKeys(entries)).toEqual([titleDateKey(entries[0]!), titleDateKey(entries[1]!), titleDateKey(entries[2]!)]);
		expect(new Set(stableKeys(entries)).size).toBe(3);
	});

	it('gives the same post the same key on every fetch, whatever its id', () => {
		const once = withStableIds([item('x-1', null, 'Über „Führung“')]);
		const again = withStableIds([item('x-2', null, 'Über „Führung“')]);
		expect(once[0]!.id).toBe(again[0]!.id);
		expect(once[0]).toMatchObject({title: 'Über „Führung“', author: 'Jana Köhler'});
		// The date as the feed wrote it or as the cache stores it: the same key.
		expect(titleDateKey({link: null, title: 'Über „Führung“', published: 'Mon, 30 Nov 2026 09:00:00 GMT'})).toBe(once[0]!.id);
	});
});
