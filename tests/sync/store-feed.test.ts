import {describe, expect, it} from 'vitest';
import type {ParsedFeed} from '../../source/feeds/types.js';
import {openStore} from '../../source/store/open.js';
import {storeParsedFeed, storeParsedFeedInSlices} from '../../source/sync/store-feed.js';
import {blogItem, COACH_FEED, coachingItems} from '../store/fixtures.js';

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

describe('storeParsedFeedInSlices (the reader: keys are read between slices)', () => {
	const posts = Array.from({length: 21}, (_, index) =>
		blogItem({id: `post-${index}`, title: `Woche ${index + 1}: „Gelassen führen“ im Mittelstand`, published: new Date(Date.UTC(2025, 2, 1 + index, 9)).toISOString()}),
	);
	const SLICED: ParsedFeed = {...FEED, items: posts};
	const meta = {etag: 'W/"21"', lastModified: null, maxAgeSeconds: null};
	const at = new Date('2025-03-25T06:00:00.000Z');
	const attempt = {at: at.toISOString(), url: COACH_FEED, status: 200, outcome: 'updated' as const, durationMs: 120};

	it('ends where storing the feed at once ends, each slice in a turn of its own', async () => {
		const whole = openStore(':memory:');
		const sliced = openStore(':memory:');
		const once = storeParsedFeed(whole, COACH_FEED, SLICED, meta, at, 60, attempt);
		const turns: number[] = [];
		const turn = async <T>(work: () => T): Promise<T> => {
			await new Promise(resolve => setImmediate(resolve));
			turns.push(sliced.countEntries({}).total);
			return work();
		};
		const inSlices = await storeParsedFeedInSlices(sliced, {url: COACH_FEED, feed: SLICED, meta, now: at, intervalMinutes: 60, attempt, pointers: {}, maxEntries: null}, 8, turn);
		expect(inSlices).toMatchObject({added: 21, updated: 0});
		expect(inSlices.feed).toMatchObject({etag: 'W/"21"', lastStatus: 200, nextFetchAt: once.feed.nextFetchAt});
		// One turn to read the feed's keys, slices of 8 and 5, then the last 8 with the validators.
		expect(turns).toEqual([0, 0, 8, 13]);
		const titles = (store: typeof whole) => store.listEntries({}, {offset: 0, limit: 50}).map(entry => entry.title);
		expect(titles(sliced)).toEqual(titles(whole));
		expect(sliced.health().listAttempts(inSlices.feed.id)[0]?.items).toEqual({new: 21, updated: 0, unchanged: 0});
		whole.close();
		sliced.close();
	});

	it('writes the validators last: stopped between two slices, the next fetch is not skipped and stores nothing twice', async () => {
		const store = openStore(':memory:');
		let turnsLeft = 2;
		const stopping = async <T>(work: () => T): Promise<T> => {
			if (turnsLeft-- === 0) throw new Error('killed');
			return work();
		};
		await expect(storeParsedFeedInSlices(store, {url: COACH_FEED, feed: SLICED, meta, now: at, intervalMinutes: 60, attempt, pointers: {}, maxEntries: null}, 8, stopping)).rejects.toThrow('killed');
		const halfway = store.getFeedByUrl(COACH_FEED)!;
		expect(halfway.etag).toBeNull();
		expect(store.countEntries({}).total).toBe(8);
		const again = await storeParsedFeedInSlices(store, {url: COACH_FEED, feed: SLICED, meta, now: new Date('2025-03-25T07:00:00.000Z'), intervalMinutes: 60, attempt, pointers: {}, maxEntries: null}, 8, async work => work());
		expect(again).toMatchObject({added: 13, updated: 0});
		expect(store.countEntries({})).toEqual({total: 21, unread: 21});
		expect(again.feed.etag).toBe('W/"21"');
		store.close();
	});
});
