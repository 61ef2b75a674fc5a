// Discover's link counts grow as entries are stored (issue 13: the first `suggest` over a
// big cache reads counts, not 200 MB of post bodies).
import {describe, expect, it} from 'vitest';
import {countNewLinks} from '../../source/discover/scan-links.js';
import type {ParsedFeed} from '../../source/feeds/types.js';
import {openStore} from '../../source/store/open.js';
import {storeParsedFeed} from '../../source/sync/store-feed.js';
import {blogItem, COACH_FEED} from '../store/fixtures.js';

const NOW = new Date('2026-11-20T10:00:00.000Z');

function feedWith(...items: ParsedFeed['items']): ParsedFeed {
	return {format: 'rss', title: 'Coaching mit Herz', link: 'https://www.coaching-mit-herz.de/', description: null, ttlMinutes: null, items};
}

const linking = (id: string, hrefs: readonly string[]) =>
	blogItem({
		id,
		content: `<p>Lesenswert: ${hrefs.map(href => `<a href="${href}">„${new URL(href).hostname}“</a>`).join(', ')} – und <a href="https://www.coaching-mit-herz.de/archiv/">mein Archiv</a>.</p>`,
	});

function linkCounts(store: ReturnType<typeof openStore>): [string, number][] {
	return store
		.discover()
		.listEvidence()
		.filter(row => row.kind === 'link')
		.map(row => [row.site, row.count]);
}

describe('link counts at store time', () => {
	it('counts the links of new entries in the transaction that stores them, and never twice', () => {
		const store = openStore(':memory:', {now: () => NOW});
		storeParsedFeed(store, COACH_FEED, feedWith(linking('a', ['https://praxisnah.de/fuehrung/', 'https://blog.klartext.co.uk/'])), null, NOW);
		expect(linkCounts(store)).toEqual([
			['klartext.co.uk', 1],
			['praxisnah.de', 1],
		]);
		expect(store.discover().linksScannedTo()).toBe(store.discover().latestEntryId());

		// The same entries again (every 200 brings them), and one new entry.
		storeParsedFeed(store, COACH_FEED, feedWith(linking('b', ['https://www.praxisnah.de/']), linking('a', ['https://praxisnah.de/fuehrung/', 'https://blog.klartext.co.uk/'])), null, NOW);
		expect(linkCounts(store)).toEqual([
			['klartext.co.uk', 1],
			['praxisnah.de', 2],
		]);
		// What suggest scans first has nothing left.
		countNewLinks(store.discover());
		expect(linkCounts(store)).toEqual([
			['klartext.co.uk', 1],
			['praxisnah.de', 2],
		]);
		store.close();
	});

	it('leaves entries of an older cache (stored before counting) to suggest, and counts them once', () => {
		const store = openStore(':memory:', {now: () => NOW});
		const feed = store.ensureFeed(COACH_FEED);
		// Written straight through the store, as a cache from before link counting was.
		store.upsertEntries(feed.id, [linking('alt', ['https://praxisnah.de/'])], NOW.toISOString());
		storeParsedFeed(store, COACH_FEED, feedWith(linking('neu', ['https://praxisnah.de/team/'])), null, NOW);
		expect(linkCounts(store)).toEqual([]);
		countNewLinks(store.discover());
		expect(linkCounts(store)).toEqual([['praxisnah.de', 2]]);
		// Caught up: from now on entries are counted as they are stored.
		storeParsedFeed(store, COACH_FEED, feedWith(linking('neuer', ['https://praxisnah.de/kontakt/'])), null, NOW);
		expect(linkCounts(store)).toEqual([['praxisnah.de', 3]]);
		store.close();
	});
});
