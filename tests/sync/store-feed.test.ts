import {describe, expect, it} from 'vitest';
import type {ParsedFeed} from '../../source/feeds/types.js';
import {openStore} from '../../source/store/open.js';
import {storeParsedFeed} from '../../source/sync/store-feed.js';
import {COACH_FEED, coachingItems} from '../store/fixtures.js';

const FEED: ParsedFeed = {
	format: 'rss',
	title: 'Coaching mit Herz',
	link: 'https://www.coaching-mit-herz.de/',
	description: 'Impulse für Selbstständige',
	ttlMinutes: null,
	items: coachingItems(),
};

describe('storeParsedFeed', () => {
	it('stores what `blogroll add` already fetched: feed metadata, validators, entries, next fetch time', () => {
		const store = openStore(':memory:');
		const stored = storeParsedFeed(store, COACH_FEED, FEED, {etag: 'W/"5e1f"', lastModified: null, maxAgeSeconds: null}, new Date('2025-03-11T06:00:00.000Z'), 60);
		expect(stored).toMatchObject({added: 3, updated: 0});
		expect(stored.feed).toMatchObject({
			url: COACH_FEED,
			title: 'Coaching mit Herz',
			siteUrl: 'https://www.coaching-mit-herz.de/',
			description: 'Impulse für Selbstständige',
			etag: 'W/"5e1f"',
			lastStatus: 200,
			lastUpdatedAt: '2025-03-11T06:00:00.000Z',
			nextFetchAt: '2025-03-11T07:00:00.000Z',
		});
		expect(store.countEntries({feedIds: [stored.feed.id]})).toEqual({total: 3, unread: 3});
		store.close();
	});

	it('keeps the stored title when the feed has none', () => {
		const store = openStore(':memory:');
		storeParsedFeed(store, COACH_FEED, FEED, {etag: null, lastModified: null, maxAgeSeconds: null}, new Date('2025-03-11T06:00:00.000Z'));
		const stored = storeParsedFeed(store, COACH_FEED, {...FEED, title: ''}, {etag: null, lastModified: null, maxAgeSeconds: null}, new Date('2025-03-11T07:00:00.000Z'));
		expect(stored.feed.title).toBe('Coaching mit Herz');
		expect(stored).toMatchObject({added: 0, updated: 0});
		store.close();
	});
});

describe('storeParsedFeed without answer meta', () => {
	it('stores no validators and schedules the next fetch after the default interval', () => {
		const store = openStore(':memory:');
		const stored = storeParsedFeed(store, COACH_FEED, {...FEED, ttlMinutes: 120}, null, new Date('2025-03-11T06:00:00.000Z'));
		expect(stored.feed).toMatchObject({etag: null, lastModified: null, nextFetchAt: '2025-03-11T08:00:00.000Z'});
		store.close();
	});
});
