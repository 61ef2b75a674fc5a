import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openStore} from '../../source/store/open.js';
import type {Store} from '../../source/store/types.js';
import {COACH_FEED, CONSULTANT_FEED, blogItem, coachingItems} from './fixtures.js';

const NOW = new Date('2025-03-20T12:00:00.000Z');
let store: Store;
let coach: number;
let consultant: number;

beforeEach(() => {
	store = openStore(':memory:', {now: () => NOW});
	coach = store.ensureFeed(COACH_FEED).id;
	consultant = store.ensureFeed(CONSULTANT_FEED).id;
	// Newest first: Fünf Fragen (03-10), Stundensatz (03-07), Mentoring (03-05), gut genug (02-24).
	store.upsertEntries(coach, coachingItems(), '2025-03-11T06:00:00.000Z');
	store.upsertEntries(
		consultant,
		[blogItem({id: 'b-1', title: 'Stundensatz oder Tagessatz?', author: 'Dr. Anna Grünwald', published: '2025-03-07T09:00:00.000Z'})],
		'2025-03-11T06:00:00.000Z',
	);
});

afterEach(() => {
	store.close();
});

function idOf(title: string): number {
	const entry = store.listEntries({}, {offset: 0, limit: 100}).find(item => item.title === title);
	if (!entry) throw new Error(`no entry ${title}`);
	return entry.id;
}

describe('findNextUnread', () => {
	it('finds the next older unread entry, skipping read ones', () => {
		store.setRead([idOf('Stundensatz oder Tagessatz?')], true);
		expect(store.findNextUnread({}, idOf('Fünf Fragen für ein klares Jahresgespräch'), 1)).toBe(idOf('Mentoring für Selbstständige: was es bringt'));
	});

	it('finds the next newer unread entry going up', () => {
		store.setRead([idOf('Mentoring für Selbstständige: was es bringt')], true);
		expect(store.findNextUnread({}, idOf('Warum „gut genug“ manchmal besser ist'), -1)).toBe(idOf('Stundensatz oder Tagessatz?'));
	});

	it('starts from the top or the bottom without an anchor', () => {
		expect(store.findNextUnread({}, null, 1)).toBe(idOf('Fünf Fragen für ein klares Jahresgespräch'));
		expect(store.findNextUnread({}, null, -1)).toBe(idOf('Warum „gut genug“ manchmal besser ist'));
	});

	it('stays inside the filter and answers null at the end', () => {
		const mentoring = idOf('Mentoring für Selbstständige: was es bringt');
		expect(store.findNextUnread({feedIds: [consultant]}, mentoring, 1)).toBeNull();
		expect(store.findNextUnread({feedIds: [consultant]}, mentoring, -1)).toBe(idOf('Stundensatz oder Tagessatz?'));
		expect(store.findNextUnread({}, idOf('Warum „gut genug“ manchmal besser ist'), 1)).toBeNull();
	});

	it('works from an entry that just left an unread view', () => {
		const stundensatz = idOf('Stundensatz oder Tagessatz?');
		store.setRead([stundensatz], true);
		expect(store.findNextUnread({unreadOnly: true}, stundensatz, 1)).toBe(idOf('Mentoring für Selbstständige: was es bringt'));
	});

	it('honours a compiled where condition (an ignore rule)', () => {
		const where = {sql: 'NOT (e.author = ?)', params: ['Sabine Groß']};
		expect(store.findNextUnread({where}, idOf('Stundensatz oder Tagessatz?'), 1)).toBe(idOf('Warum „gut genug“ manchmal besser ist'));
	});
});

describe('countEntriesByFeed', () => {
	it('counts total and unread per feed under a filter', () => {
		store.setRead([idOf('Fünf Fragen für ein klares Jahresgespräch')], true);
		const where = {sql: 'NOT (e.author = ?)', params: ['Sabine Groß']};
		const counts = store.countEntriesByFeed({where});
		expect(counts.get(coach)).toEqual({total: 2, unread: 1});
		expect(counts.get(consultant)).toEqual({total: 1, unread: 1});
	});

	it('leaves out feeds with nothing visible', () => {
		const counts = store.countEntriesByFeed({where: {sql: 'e.author = ?', params: ['Dr. Anna Grünwald']}});
		expect([...counts.keys()]).toEqual([consultant]);
	});
});

describe('kept rows (keepIds)', () => {
	it('stay in an unread list after they are read, in place, while the others keep their positions', () => {
		const stundensatz = idOf('Stundensatz oder Tagessatz?');
		const before = store.listEntries({unreadOnly: true}, {offset: 0, limit: 10}).map(entry => entry.title);
		store.setRead([stundensatz], true);
		const filter = {unreadOnly: true, keepIds: [stundensatz]};
		expect(store.listEntries(filter, {offset: 0, limit: 10}).map(entry => entry.title)).toEqual(before);
		expect(store.countEntries(filter)).toEqual({total: 4, unread: 3});
		expect(store.findEntryIndex(filter, stundensatz)).toBe(1);
		// Without keeping it, it leaves the list.
		expect(store.countEntries({unreadOnly: true})).toEqual({total: 3, unread: 3});
	});

	it('are never the next unread entry, and stay inside the feeds and the view', () => {
		const fuenf = idOf('Fünf Fragen für ein klares Jahresgespräch');
		store.setRead([fuenf], true);
		const filter = {unreadOnly: true, keepIds: [fuenf]};
		expect(store.findNextUnread(filter, null, 1)).toBe(idOf('Stundensatz oder Tagessatz?'));
		expect(store.countEntries({...filter, feedIds: [consultant]})).toEqual({total: 1, unread: 1});
		const where = {sql: 'NOT (e.author = ?)', params: ['Sabine Groß']};
		expect(store.countEntries({where, starredOnly: true, keepIds: [fuenf]}).total).toBe(1);
	});

	it('stay in a starred list after the star is taken off', () => {
		const mentoring = idOf('Mentoring für Selbstständige: was es bringt');
		store.setStarred(mentoring, true);
		store.setStarred(mentoring, false);
		expect(store.countEntries({starredOnly: true})).toEqual({total: 0, unread: 0});
		expect(store.listEntries({starredOnly: true, keepIds: [mentoring]}, {offset: 0, limit: 10}).map(entry => entry.id)).toEqual([mentoring]);
	});
});
