import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openStore} from '../../source/store/open.js';
import {prepareItem} from '../../source/store/prepare-item.js';
import type {Store} from '../../source/store/types.js';
import {COACH_FEED, CONSULTANT_FEED, FREELANCER_FEED, blogItem, coachingItems} from './fixtures.js';

const ALL = {offset: 0, limit: 100};
const NOW = new Date('2025-03-20T12:00:00.000Z');
let store: Store;

beforeEach(() => {
	store = openStore(':memory:', {now: () => NOW});
});

afterEach(() => {
	store.close();
});

function titles(filter = {}, page = ALL): string[] {
	return store.listEntries(filter, page).map((entry) => entry.title);
}

function idOf(title: string): number {
	const entry = store.listEntries({}, ALL).find((item) => item.title === title);
	if (!entry) throw new Error(`no entry ${title}`);
	return entry.id;
}

describe('feeds', () => {
	it('ensureFeed inserts a feed once and returns the same record again', () => {
		const first = store.ensureFeed(COACH_FEED);
		const second = store.ensureFeed(COACH_FEED);
		expect(second.id).toBe(first.id);
		expect(first).toMatchObject({url: COACH_FEED, title: null, errorStreak: 0, nextFetchAt: null});
		expect(store.getFeed(first.id)?.url).toBe(COACH_FEED);
		expect(store.getFeedByUrl('https://unbekannt.example/feed/')).toBeNull();
	});

	it('lists feeds with unread and total counts, by title', () => {
		const coach = store.ensureFeed(COACH_FEED);
		const consultant = store.ensureFeed(CONSULTANT_FEED);
		store.ensureFeed(FREELANCER_FEED);
		store.recordFetchSuccess(coach.id, {status: 200, etag: null, lastModified: null, title: 'Coaching mit Herz', fetchedAt: NOW.toISOString(), nextFetchAt: null});
		store.recordFetchSuccess(consultant.id, {status: 200, etag: null, lastModified: null, title: 'Beratung Grünwald', fetchedAt: NOW.toISOString(), nextFetchAt: null});
		store.upsertEntries(coach.id, coachingItems(), '2025-03-11T06:00:00.000Z');
		store.upsertEntries(consultant.id, [blogItem({id: 'b-1', title: 'Preise kalkulieren als Berater'})], '2025-03-11T06:00:00.000Z');
		store.setRead([idOf('Mentoring für Selbstständige: was es bringt')], true);

		const feeds = store.listFeeds();
		expect(feeds.map((feed) => [feed.title ?? feed.url, feed.unreadCount, feed.totalCount])).toEqual([
			['Beratung Grünwald', 1, 1],
			['Coaching mit Herz', 2, 3],
			[FREELANCER_FEED, 0, 0],
		]);
	});

	it('lists feed summaries with the same counts, fetch state and titles as the full feed list', () => {
		const coach = store.ensureFeed(COACH_FEED);
		const consultant = store.ensureFeed(CONSULTANT_FEED);
		store.ensureFeed(FREELANCER_FEED);
		store.recordFetchSuccess(coach.id, {status: 200, etag: null, lastModified: null, title: 'Coaching mit Herz', fetchedAt: NOW.toISOString(), nextFetchAt: null});
		store.recordFetchFailure(consultant.id, {status: 500, message: 'HTTP 500', fetchedAt: NOW.toISOString(), nextFetchAt: null});
		store.upsertEntries(coach.id, coachingItems(), '2025-03-11T06:00:00.000Z');
		store.setRead([idOf('Mentoring für Selbstständige: was es bringt')], true);

		const summaries = [...store.listFeedSummaries()].sort((a, b) => a.id - b.id);
		const full = [...store.listFeeds()].sort((a, b) => a.id - b.id);
		expect(summaries).toEqual(full.map(({id, url, title, lastError, lastFetchedAt, lastUpdatedAt, unreadCount, totalCount}) => ({id, url, title, lastError, lastErrorDetail: null, lastFetchedAt, lastUpdatedAt, unreadCount, totalCount})));
		expect(summaries.map((feed) => [feed.url, feed.unreadCount, feed.totalCount])).toEqual([
			[COACH_FEED, 2, 3],
			[CONSULTANT_FEED, 0, 0],
			[FREELANCER_FEED, 0, 0],
		]);
		expect(summaries[1]?.lastError).toBe('HTTP 500');
		expect(store.listFeedUrls().sort()).toEqual([COACH_FEED, CONSULTANT_FEED, FREELANCER_FEED].sort());
	});

	it('removing a feed removes its entries and their search index', () => {
		const coach = store.ensureFeed(COACH_FEED);
		store.upsertEntries(coach.id, coachingItems(), '2025-03-11T06:00:00.000Z');
		expect(store.removeFeed(coach.id)).toBe(true);
		expect(store.countEntries({})).toEqual({total: 0, unread: 0});
		expect(store.search('Mentoring', ALL)).toEqual([]);
		expect(store.countSearch('Mentoring')).toEqual({total: 0, unread: 0});
	});

	it('removeFeedsNotIn drops unsubscribed feeds only', () => {
		store.ensureFeed(COACH_FEED);
		store.ensureFeed(CONSULTANT_FEED);
		expect(store.removeFeedsNotIn([COACH_FEED])).toBe(1);
		expect(store.listFeeds().map((feed) => feed.url)).toEqual([COACH_FEED]);
	});

	it('lists as due the feeds never fetched or whose next fetch time has come', () => {
		const coach = store.ensureFeed(COACH_FEED);
		const consultant = store.ensureFeed(CONSULTANT_FEED);
		store.ensureFeed(FREELANCER_FEED);
		store.recordFetchSuccess(coach.id, {status: 200, etag: null, lastModified: null, fetchedAt: '2025-03-20T11:00:00.000Z', nextFetchAt: '2025-03-20T11:30:00.000Z'});
		store.recordFetchSuccess(consultant.id, {status: 200, etag: null, lastModified: null, fetchedAt: '2025-03-20T11:50:00.000Z', nextFetchAt: '2025-03-20T12:20:00.000Z'});
		expect(store.listDueFeeds('2025-03-20T12:00:00.000Z').map((feed) => feed.url).sort()).toEqual([COACH_FEED, FREELANCER_FEED].sort());
	});
});

describe('fetch state', () => {
	it('a 304 keeps the validators and the content date and clears the error streak', () => {
		const feed = store.ensureFeed(COACH_FEED);
		store.recordFetchSuccess(feed.id, {status: 200, etag: '"abc"', lastModified: 'Mon, 10 Mar 2025 07:00:00 GMT', title: 'Coaching mit Herz', siteUrl: 'https://www.coaching-mit-herz.de/', fetchedAt: '2025-03-10T08:00:00.000Z', nextFetchAt: '2025-03-10T08:30:00.000Z'});
		store.recordFetchFailure(feed.id, {status: 503, message: 'Server antwortet mit 503', fetchedAt: '2025-03-10T09:00:00.000Z', nextFetchAt: '2025-03-10T09:30:00.000Z'});
		store.recordFetchSuccess(feed.id, {status: 304, etag: null, lastModified: null, fetchedAt: '2025-03-10T10:00:00.000Z', nextFetchAt: '2025-03-10T10:30:00.000Z'});
		expect(store.getFeed(feed.id)).toMatchObject({
			title: 'Coaching mit Herz',
			siteUrl: 'https://www.coaching-mit-herz.de/',
			etag: '"abc"',
			lastModified: 'Mon, 10 Mar 2025 07:00:00 GMT',
			lastUpdatedAt: '2025-03-10T08:00:00.000Z',
			lastFetchedAt: '2025-03-10T10:00:00.000Z',
			lastStatus: 304,
			lastError: null,
			errorStreak: 0,
			nextFetchAt: '2025-03-10T10:30:00.000Z',
		});
	});

	it('failures count up the error streak and keep a one-line, terminal-safe message', () => {
		const feed = store.ensureFeed(COACH_FEED);
		store.recordFetchFailure(feed.id, {status: null, message: 'Zeitüberschreitung\n\u001B[31mbei www.coaching-mit-herz.de', fetchedAt: '2025-03-10T09:00:00.000Z', nextFetchAt: null});
		store.recordFetchFailure(feed.id, {status: 404, message: 'Nicht gefunden: 404', fetchedAt: '2025-03-10T10:00:00.000Z', nextFetchAt: null});
		const first = store.getFeed(feed.id)!;
		expect(first.errorStreak).toBe(2);
		expect(first.lastStatus).toBe(404);
		store.recordFetchFailure(feed.id, {status: null, message: 'Zeitüberschreitung\n\u001B[31mbei www.coaching-mit-herz.de', fetchedAt: '2025-03-10T11:00:00.000Z', nextFetchAt: null});
		expect(store.getFeed(feed.id)).toMatchObject({errorStreak: 3, lastStatus: 0, lastError: 'Zeitüberschreitung bei www.coaching-mit-herz.de'});
	});
});

describe('upsertEntries', () => {
	it('counts new entries and ignores the same items on the next fetch', () => {
		const feed = store.ensureFeed(COACH_FEED);
		expect(store.upsertEntries(feed.id, coachingItems(), '2025-03-11T06:00:00.000Z')).toEqual({added: 3, updated: 0});
		expect(store.upsertEntries(feed.id, coachingItems(), '2025-03-11T07:00:00.000Z')).toEqual({added: 0, updated: 0});
		expect(store.countEntries({})).toEqual({total: 3, unread: 3});
	});

	it('stores a guid that a feed repeats only once', () => {
		const feed = store.ensureFeed(COACH_FEED);
		const [item] = coachingItems();
		expect(store.upsertEntries(feed.id, [item!, {...item!, title: 'Doppelt veröffentlicht'}], '2025-03-11T06:00:00.000Z')).toEqual({added: 1, updated: 0});
		expect(titles()).toEqual(['Fünf Fragen für ein klares Jahresgespräch']);
	});

	it('the same guid in two feeds is two entries', () => {
		const coach = store.ensureFeed(COACH_FEED);
		const consultant = store.ensureFeed(CONSULTANT_FEED);
		store.upsertEntries(coach.id, [blogItem({id: '1'})], '2025-03-11T06:00:00.000Z');
		store.upsertEntries(consultant.id, [blogItem({id: '1'})], '2025-03-11T06:00:00.000Z');
		expect(store.countEntries({}).total).toBe(2);
	});

	it('an entry changed upstream is updated and keeps its read and starred flags', () => {
		const feed = store.ensureFeed(COACH_FEED);
		store.upsertEntries(feed.id, coachingItems(), '2025-03-11T06:00:00.000Z');
		const id = idOf('Mentoring für Selbstständige: was es bringt');
		store.setRead([id], true);
		store.setStarred(id, true);

		const changed = coachingItems().map((item) => item.title.startsWith('Mentoring')
			? {...item, title: 'Mentoring für Selbstständige: was es wirklich bringt', content: '<p>Aktualisiert: mit Erfahrungsbericht.</p>'}
			: item);
		expect(store.upsertEntries(feed.id, changed, '2025-03-12T06:00:00.000Z')).toEqual({added: 0, updated: 1});

		const entry = store.getEntry(id)!;
		expect(entry).toMatchObject({title: 'Mentoring für Selbstständige: was es wirklich bringt', isRead: true, isStarred: true, firstSeenAt: '2025-03-11T06:00:00.000Z'});
		expect(entry.content).toContain('Erfahrungsbericht');
		expect(store.search('Erfahrungsbericht', ALL).map((hit) => hit.id)).toEqual([id]);
		expect(store.search('ergänzt', ALL)).toEqual([]);
	});

	it('entries that drop out of the feed stay in the cache', () => {
		const feed = store.ensureFeed(COACH_FEED);
		store.upsertEntries(feed.id, coachingItems(), '2025-03-11T06:00:00.000Z');
		store.upsertEntries(feed.id, [blogItem({id: 'neu', title: 'Neu im Blog', published: '2025-03-15T06:00:00.000Z'})], '2025-03-16T06:00:00.000Z');
		expect(store.countEntries({}).total).toBe(4);
	});

	it('dates entries without a feed date by first sight, and future dates by first sight too', () => {
		const feed = store.ensureFeed(COACH_FEED);
		store.upsertEntries(feed.id, [
			blogItem({id: 'ohne-datum', title: 'Ohne Datum', published: null, updated: null}),
			blogItem({id: 'zukunft', title: 'Veranstaltung im Herbst', published: '2031-09-01T10:00:00.000Z'}),
			blogItem({id: 'nur-updated', title: 'Nur aktualisiert', published: null, updated: '2025-03-01T10:00:00+01:00'}),
		], '2025-03-11T06:00:00.000Z');
		const byTitle = Object.fromEntries(store.listEntries({}, ALL).map((entry) => [entry.title, entry]));
		expect(byTitle['Ohne Datum']).toMatchObject({date: '2025-03-11T06:00:00.000Z', hasFeedDate: false});
		expect(byTitle['Veranstaltung im Herbst']).toMatchObject({date: '2025-03-11T06:00:00.000Z', hasFeedDate: false});
		expect(byTitle['Nur aktualisiert']).toMatchObject({date: '2025-03-01T09:00:00.000Z', hasFeedDate: true});
		// A later fetch must not move an undated entry to the top again.
		store.upsertEntries(feed.id, [blogItem({id: 'ohne-datum', title: 'Ohne Datum (ergänzt)', published: null, updated: null})], '2025-03-18T06:00:00.000Z');
		expect(store.listEntries({}, ALL).find((entry) => entry.title === 'Ohne Datum (ergänzt)')?.date).toBe('2025-03-11T06:00:00.000Z');
	});
});

describe('lists', () => {
	function seedThreeFeeds(): {coach: number; consultant: number; freelancer: number} {
		const coach = store.ensureFeed(COACH_FEED).id;
		const consultant = store.ensureFeed(CONSULTANT_FEED).id;
		const freelancer = store.ensureFeed(FREELANCER_FEED).id;
		store.upsertEntries(coach, coachingItems(), '2025-03-11T06:00:00.000Z');
		store.upsertEntries(consultant, [
			blogItem({id: 'c-1', title: 'Stundensatz oder Tagessatz?', published: '2025-03-08T12:00:00.000Z'}),
			blogItem({id: 'c-2', title: 'Angebote schreiben, die überzeugen', published: '2025-02-20T12:00:00.000Z'}),
		], '2025-03-11T06:00:00.000Z');
		store.upsertEntries(freelancer, [
			blogItem({id: 'f-1', title: 'Texte für die „Über mich“-Seite', published: '2025-03-08T12:00:00.000Z'}),
		], '2025-03-11T06:00:00.000Z');
		return {coach, consultant, freelancer};
	}

	it('lists newest first, same dates by id, and pages without gaps or repeats', () => {
		seedThreeFeeds();
		const all = titles();
		expect(all).toEqual([
			'Fünf Fragen für ein klares Jahresgespräch',
			'Texte für die „Über mich“-Seite',
			'Stundensatz oder Tagessatz?',
			'Mentoring für Selbstständige: was es bringt',
			'Warum „gut genug“ manchmal besser ist',
			'Angebote schreiben, die überzeugen',
		]);
		const paged = [0, 2, 4].flatMap((offset) => titles({}, {offset, limit: 2}));
		expect(paged).toEqual(all);
		expect(store.listEntries({}, ALL)[0]).toMatchObject({feedTitle: COACH_FEED, hasFeedDate: true, isRead: false});
	});

	it('filters by feed, unread and starred, and counts the same way', () => {
		const {coach, consultant} = seedThreeFeeds();
		store.setRead([idOf('Stundensatz oder Tagessatz?'), idOf('Fünf Fragen für ein klares Jahresgespräch')], true);
		store.setStarred(idOf('Angebote schreiben, die überzeugen'), true);

		expect(titles({feedIds: [consultant]})).toEqual(['Stundensatz oder Tagessatz?', 'Angebote schreiben, die überzeugen']);
		expect(titles({feedIds: [consultant], unreadOnly: true})).toEqual(['Angebote schreiben, die überzeugen']);
		expect(titles({starredOnly: true})).toEqual(['Angebote schreiben, die überzeugen']);
		expect(titles({feedIds: [coach, consultant], unreadOnly: true})).toHaveLength(3);
		expect(titles({feedIds: []})).toEqual([]);
		expect(store.countEntries({})).toEqual({total: 6, unread: 4});
		expect(store.countEntries({feedIds: [coach]})).toEqual({total: 3, unread: 2});
		expect(store.countEntries({unreadOnly: true})).toEqual({total: 4, unread: 4});
	});

	it('accepts a pre-compiled where condition over entries and feeds', () => {
		seedThreeFeeds();
		const filter = {where: {sql: 'f.url = ? AND e.author = ?', params: [COACH_FEED, 'Sabine Groß']}};
		expect(titles(filter)).toEqual(['Mentoring für Selbstständige: was es bringt']);
		expect(store.countEntries(filter)).toEqual({total: 1, unread: 1});
	});

	it('findEntryIndex gives the position of an entry in the filtered list, or null', () => {
		const {coach} = seedThreeFeeds();
		const mentoring = idOf('Mentoring für Selbstständige: was es bringt');
		expect(store.findEntryIndex({}, mentoring)).toBe(3);
		expect(store.findEntryIndex({feedIds: [coach]}, mentoring)).toBe(1);
		store.setRead([mentoring], true);
		expect(store.findEntryIndex({unreadOnly: true}, mentoring)).toBeNull();
		const texte = idOf('Texte für die „Über mich“-Seite');
		const stundensatz = idOf('Stundensatz oder Tagessatz?');
		// Same date: the higher id comes first, exactly as listEntries orders them.
		const order = titles();
		expect(order.indexOf('Texte für die „Über mich“-Seite')).toBe(store.findEntryIndex({}, texte));
		expect(order.indexOf('Stundensatz oder Tagessatz?')).toBe(store.findEntryIndex({}, stundensatz));
		expect(store.findEntryIndex({}, 999_999)).toBeNull();
	});

	it('getEntry returns the bodies and getEntry of an unknown id null', () => {
		seedThreeFeeds();
		const entry = store.getEntry(idOf('Mentoring für Selbstständige: was es bringt'))!;
		expect(entry).toMatchObject({
			guid: 'https://www.coaching-mit-herz.de/?p=398',
			author: 'Sabine Groß',
			published: '2025-03-05T08:15:00.000Z',
			fullContent: null,
			firstSeenAt: '2025-03-11T06:00:00.000Z',
		});
		expect(entry.content).toContain('ergänzt');
		expect(store.getEntry(424_242)).toBeNull();
	});
});

describe('flags', () => {
	it('markAllRead marks the filtered unread entries and says how many', () => {
		const coach = store.ensureFeed(COACH_FEED).id;
		const consultant = store.ensureFeed(CONSULTANT_FEED).id;
		store.upsertEntries(coach, coachingItems(), '2025-03-11T06:00:00.000Z');
		store.upsertEntries(consultant, [blogItem({id: 'c-1', title: 'Stundensatz oder Tagessatz?'})], '2025-03-11T06:00:00.000Z');
		store.setRead([idOf('Fünf Fragen für ein klares Jahresgespräch')], true);
		expect(store.markAllRead({feedIds: [coach]})).toBe(2);
		expect(store.countEntries({})).toEqual({total: 4, unread: 1});
		expect(store.markAllRead({})).toBe(1);
		expect(store.markAllRead({})).toBe(0);
	});

	it('setRead marks read and unread again', () => {
		const coach = store.ensureFeed(COACH_FEED).id;
		store.upsertEntries(coach, coachingItems(), '2025-03-11T06:00:00.000Z');
		const ids = store.listEntries({}, ALL).map((entry) => entry.id);
		expect(store.setRead(ids, true)).toBe(3);
		expect(store.setRead([ids[0]!], false)).toBe(1);
		expect(store.countEntries({}).unread).toBe(1);
		expect(store.setRead([], true)).toBe(0);
	});

	it('markReadOlderThan marks only entries dated before the cutoff, optionally of one feed', () => {
		const coach = store.ensureFeed(COACH_FEED).id;
		const consultant = store.ensureFeed(CONSULTANT_FEED).id;
		store.upsertEntries(coach, coachingItems(), '2025-03-11T06:00:00.000Z');
		store.upsertEntries(consultant, [blogItem({id: 'c-1', title: 'Alt', published: '2025-01-02T12:00:00.000Z'})], '2025-03-11T06:00:00.000Z');
		// NOW is 2025-03-20: 14 days back is 2025-03-06.
		expect(store.markReadOlderThan(14, coach)).toBe(2);
		expect(titles({unreadOnly: true})).toEqual(['Fünf Fragen für ein klares Jahresgespräch', 'Alt']);
		expect(store.markReadOlderThan(14)).toBe(1);
	});
});

describe('pruneReadOlderThan', () => {
	it('keeps unread, starred, recent entries and those still in the feed', () => {
		const coach = store.ensureFeed(COACH_FEED).id;
		const old = [
			blogItem({id: 'alt-gelesen', title: 'Alt und gelesen', published: '2024-06-01T10:00:00.000Z'}),
			blogItem({id: 'alt-ungelesen', title: 'Alt und ungelesen', published: '2024-06-02T10:00:00.000Z'}),
			blogItem({id: 'alt-stern', title: 'Alt mit Stern', published: '2024-06-03T10:00:00.000Z'}),
			blogItem({id: 'noch-im-feed', title: 'Alt, aber noch im Feed', published: '2024-06-04T10:00:00.000Z'}),
			blogItem({id: 'neu-gelesen', title: 'Neu und gelesen', published: '2025-03-18T10:00:00.000Z'}),
		];
		store.upsertEntries(coach, old, '2024-06-05T06:00:00.000Z');
		// The latest fetch lists only two of them.
		store.upsertEntries(coach, [old[3]!, old[4]!], '2025-03-19T06:00:00.000Z');
		store.setRead(store.listEntries({}, ALL).filter((entry) => entry.title !== 'Alt und ungelesen').map((entry) => entry.id), true);
		store.setStarred(idOf('Alt mit Stern'), true);

		expect(store.pruneReadOlderThan(30)).toBe(1);
		expect(titles()).toEqual(['Neu und gelesen', 'Alt, aber noch im Feed', 'Alt mit Stern', 'Alt und ungelesen']);
		expect(store.search('gelesen', ALL).map((hit) => hit.title)).not.toContain('Alt und gelesen');
	});
});

describe('pruneReadOlderThan after a change upstream', () => {
	it('keeps an old read entry that the latest fetch still listed, changed', () => {
		const coach = store.ensureFeed(COACH_FEED).id;
		const old = blogItem({id: 'geaendert', title: 'Alt, im Feed geändert', published: '2024-06-04T10:00:00.000Z'});
		const gone = blogItem({id: 'weg', title: 'Alt und nicht mehr im Feed', published: '2024-06-03T10:00:00.000Z'});
		store.upsertEntries(coach, [old, gone], '2024-06-05T06:00:00.000Z');
		expect(store.upsertEntries(coach, [{...old, content: '<p>Nachgetragen</p>'}], '2025-03-19T06:00:00.000Z')).toEqual({added: 0, updated: 1});
		store.setRead(store.listEntries({}, ALL).map((entry) => entry.id), true);

		expect(store.pruneReadOlderThan(30)).toBe(1);
		expect(titles()).toEqual(['Alt, im Feed geändert']);
	});
});

describe('upsertEntries with prepared items', () => {
	it('uses their hash and index text, and matches items the store prepares itself', () => {
		const coach = store.ensureFeed(COACH_FEED).id;
		const item = blogItem({id: 'p-1', title: 'Führung', content: '<p>Klarheit im Gespr&auml;ch</p>', summary: '<p>Kurz &amp; gut</p>'});
		expect(store.upsertEntries(coach, [prepareItem(item)], '2025-03-11T06:00:00.000Z')).toEqual({added: 1, updated: 0});
		expect(store.search('gespräch', ALL).map((hit) => hit.title)).toEqual(['Führung']);
		expect(store.search('gut', ALL).map((hit) => hit.title)).toEqual(['Führung']);
		// The same item unprepared has the same hash: nothing to write.
		expect(store.upsertEntries(coach, [item], '2025-03-12T06:00:00.000Z')).toEqual({added: 0, updated: 0});
		// A changed one replaces its index entry: the old words no longer find it.
		expect(store.upsertEntries(coach, [prepareItem({...item, content: '<p>Haltung zeigen</p>'})], '2025-03-13T06:00:00.000Z')).toEqual({added: 0, updated: 1});
		expect(store.search('gespräch', ALL)).toEqual([]);
		expect(store.search('haltung', ALL).map((hit) => hit.title)).toEqual(['Führung']);
	});

	it('keeps the stored body of an item the parser found unchanged, and never writes one that has gone meanwhile', () => {
		const coach = store.ensureFeed(COACH_FEED).id;
		const item = blogItem({id: 'p-2', title: 'Gelassen verhandeln', content: '<p>Die „Pause“ als Werkzeug</p>'});
		store.upsertEntries(coach, [item], '2025-03-11T06:00:00.000Z');
		// What the parse worker sends for it on the next fetch: the hash, no bodies.
		const stub = prepareItem(item, store.entryHashes(coach));
		expect(stub).toMatchObject({unchanged: true, content: null, summary: null});
		expect(store.upsertEntries(coach, [stub], '2025-03-12T06:00:00.000Z')).toEqual({added: 0, updated: 0});
		const [entry] = store.listEntries({}, ALL);
		expect(store.getEntry(entry!.id)?.content).toBe('<p>Die „Pause“ als Werkzeug</p>');
		expect(store.search('werkzeug', ALL).map((hit) => hit.title)).toEqual(['Gelassen verhandeln']);
		// Removed between parse and store: the stub would be an entry without a body, so it waits for the next fetch.
		store.removeFeed(coach);
		const again = store.ensureFeed(COACH_FEED).id;
		expect(store.upsertEntries(again, [stub], '2025-03-13T06:00:00.000Z')).toEqual({added: 0, updated: 0});
		expect(store.countEntries({})).toEqual({total: 0, unread: 0});
	});
});

describe('renameFeedUrl', () => {
	const NEW_URL = 'https://coaching-mit-herz.de/feed/';

	it('moves a feed to its new url with entries and flags', () => {
		const feed = store.ensureFeed(COACH_FEED);
		store.upsertEntries(feed.id, coachingItems(), '2025-03-11T06:00:00.000Z');
		const id = idOf('Fünf Fragen für ein klares Jahresgespräch');
		store.setStarred(id, true);
		store.setRead([id], true);

		const moved = store.renameFeedUrl(COACH_FEED, NEW_URL);
		expect(moved?.id).toBe(feed.id);
		expect(store.getFeedByUrl(COACH_FEED)).toBeNull();
		expect(store.getEntry(id)).toMatchObject({feedId: feed.id, isRead: true, isStarred: true});
		expect(store.listFeeds().map((item) => [item.url, item.totalCount])).toEqual([[NEW_URL, 3]]);
	});

	it('merges into an existing feed at the new url, keeping flags of entries both have', () => {
		const old = store.ensureFeed(COACH_FEED);
		const target = store.ensureFeed(NEW_URL);
		const [first, second, third] = coachingItems();
		store.upsertEntries(old.id, [first!, second!], '2025-03-11T06:00:00.000Z');
		store.upsertEntries(target.id, [second!, third!], '2025-03-11T06:00:00.000Z');
		const oldSecond = store.listEntries({feedIds: [old.id]}, ALL).find((entry) => entry.title === second!.title)!;
		store.setStarred(oldSecond.id, true);
		store.setRead([oldSecond.id], true);

		const merged = store.renameFeedUrl(COACH_FEED, NEW_URL);
		expect(merged?.id).toBe(target.id);
		expect(store.listFeeds().map((feed) => feed.url)).toEqual([NEW_URL]);
		const entries = store.listEntries({}, ALL);
		expect(entries.map((entry) => entry.title)).toEqual([first!.title, second!.title, third!.title]);
		expect(entries.every((entry) => entry.feedId === target.id)).toBe(true);
		expect(entries.find((entry) => entry.title === second!.title)).toMatchObject({isRead: true, isStarred: true});
		expect(store.search('Mentoring', ALL)).toHaveLength(1);
	});

	it('returns null when the old url is unknown and there is no feed at the new one', () => {
		expect(store.renameFeedUrl('https://nie-gesehen.example/feed/', NEW_URL)).toBeNull();
	});
});

describe('setFullContent', () => {
	it('stores the extracted article and makes its words searchable', () => {
		const feed = store.ensureFeed(COACH_FEED);
		store.upsertEntries(feed.id, coachingItems(), '2025-03-11T06:00:00.000Z');
		const id = idOf('Warum „gut genug“ manchmal besser ist');
		expect(store.search('Pareto', ALL)).toEqual([]);
		expect(store.setFullContent(id, '<article><h2>Das Pareto-Prinzip</h2><p>80&nbsp;% des Ergebnisses …</p></article>')).toBe(true);
		expect(store.getEntry(id)?.fullContent).toContain('Pareto-Prinzip');
		expect(store.search('pareto', ALL).map((hit) => hit.id)).toEqual([id]);
		expect(store.search('Perfektionismus', ALL).map((hit) => hit.id)).toContain(id);
		expect(store.setFullContent(987_654, '<p>x</p>')).toBe(false);
	});
});
