import {afterEach, describe, expect, it} from 'vitest';
import {openStore} from '../../source/store/open.js';
import type {Store} from '../../source/store/types.js';
import {blogItem, COACH_FEED} from './fixtures.js';

let store: Store;
afterEach(() => store?.close());

describe('discover store', () => {
	it('reads only entries stored after the watermark, with their feed', () => {
		store = openStore(':memory:');
		const feed = store.ensureFeed(COACH_FEED);
		store.upsertEntries(feed.id, [blogItem({id: 'a', content: '<p>Siehe <a href="https://praxisnah.de/">Praxisnah</a></p>'})], '2026-12-01T08:00:00Z');
		const discover = store.discover();
		const first = [...discover.entriesSince(discover.linksScannedTo())];
		expect(first.map(entry => [entry.feedUrl, entry.html.includes('praxisnah.de')])).toEqual([[COACH_FEED, true]]);
		discover.addLinkCounts([{site: 'praxisnah.de', sourceFeedUrl: COACH_FEED, url: 'https://praxisnah.de/', count: 1}], 0, first.at(-1)!.id);

		store.upsertEntries(feed.id, [blogItem({id: 'b', content: '<p>Noch einmal <a href="https://praxisnah.de/x">hier</a></p>'})], '2026-12-02T08:00:00Z');
		const second = [...discover.entriesSince(discover.linksScannedTo())];
		expect(second).toHaveLength(1);
		discover.addLinkCounts([{site: 'praxisnah.de', sourceFeedUrl: COACH_FEED, url: 'https://praxisnah.de/x', count: 1}], first.at(-1)!.id, second[0]!.id);
		expect(discover.listEvidence()).toEqual([
			{site: 'praxisnah.de', sourceFeedUrl: COACH_FEED, kind: 'link', url: 'https://praxisnah.de/', feedUrl: null, title: null, via: null, count: 2},
		]);
	});

	it('counts nothing when the watermark moved meanwhile (another process counted those entries)', () => {
		store = openStore(':memory:');
		const feed = store.ensureFeed(COACH_FEED);
		store.upsertEntries(feed.id, [blogItem({id: 'a', content: '<p>Siehe <a href="https://praxisnah.de/">Praxisnah</a></p>'})], '2026-12-01T08:00:00Z');
		const discover = store.discover();
		expect(discover.latestEntryId()).toBeGreaterThan(0);
		const counts = [{site: 'praxisnah.de', sourceFeedUrl: COACH_FEED, url: 'https://praxisnah.de/', count: 1}];
		discover.addLinkCounts(counts, 0, discover.latestEntryId());
		discover.addLinkCounts(counts, 0, discover.latestEntryId());
		expect(discover.listEvidence().map(row => row.count)).toEqual([1]);
	});

	it('replaces a feed’s blogroll evidence and keeps its link counts', () => {
		store = openStore(':memory:');
		const discover = store.discover();
		discover.addLinkCounts([{site: 'tafel.example', sourceFeedUrl: COACH_FEED, url: 'https://tafel.example/', count: 3}], 0, 0);
		const via = 'https://www.coaching-mit-herz.de/blogroll.opml';
		discover.replaceBlogrollEvidence(COACH_FEED, [
			{site: 'tafel.example', url: 'https://tafel.example/', feedUrl: 'https://tafel.example/feed/', title: 'Schreibtisch & Tafel', via},
			{site: 'werkbank.example', url: 'https://werkbank.example/', feedUrl: null, title: 'Werkbank', via},
		]);
		discover.replaceBlogrollEvidence(COACH_FEED, [{site: 'werkbank.example', url: 'https://werkbank.example/', feedUrl: null, title: 'Werkbank', via}]);
		expect(discover.listEvidence().map(row => [row.site, row.kind, row.count])).toEqual([
			['tafel.example', 'link', 3],
			['werkbank.example', 'blogroll', 0],
		]);
	});

	it('remembers fetch validators, probed sites and dismissals', () => {
		store = openStore(':memory:');
		const discover = store.discover();
		discover.putFetch({url: 'https://tafel.example/feed/', etag: '"v1"', lastModified: null, status: 200, result: '{}', fetchedAt: '2026-12-01T08:00:00.000Z'});
		expect(discover.getFetch('https://tafel.example/feed/')).toMatchObject({etag: '"v1"', status: 200});
		discover.putSite({
			site: 'tafel.example', status: 'found', message: null, feedUrl: 'https://tafel.example/feed/', siteUrl: 'https://tafel.example/',
			title: 'Schreibtisch & Tafel', lastPostAt: '2026-11-30T08:00:00.000Z', postsPerMonth: 2.5, language: 'de', dormant: false, probedAt: '2026-12-01T08:00:00.000Z',
		});
		expect(discover.getSite('tafel.example')).toMatchObject({title: 'Schreibtisch & Tafel', dormant: false, postsPerMonth: 2.5});
		discover.dismiss('tafel.example', 'https://tafel.example/feed/', '2026-12-01T09:00:00.000Z');
		discover.dismiss('tafel.example', 'https://tafel.example/', '2026-12-01T10:00:00.000Z');
		expect(discover.listDismissed()).toEqual([{site: 'tafel.example', url: 'https://tafel.example/feed/', dismissedAt: '2026-12-01T09:00:00.000Z'}]);
		expect(discover.undismiss('tafel.example')).toBe(true);
		expect(discover.undismiss('tafel.example')).toBe(false);
	});
});
