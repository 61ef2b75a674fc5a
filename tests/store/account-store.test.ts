import {describe, expect, it} from 'vitest';
import {openStore} from '../../source/store/open.js';
import type {Store} from '../../source/store/types.js';

const FEED = 'https://kreidezeit.example.de/feed/';

function cacheWithServerItems(): {store: Store; ids: number[]} {
	const store = openStore(':memory:');
	const feed = store.ensureFeed(FEED);
	store.upsertEntries(
		feed.id,
		['Wenn „Feedback“ weh tut', 'Führen ohne Titel', 'Lokal abonniert'].map((title, index) => ({
			id: `guid-${index}`,
			title,
			link: `https://kreidezeit.example.de/${index}/`,
			published: `2026-11-2${index}T10:00:00.000Z`,
			updated: null,
			author: 'Anja Brandt',
			content: `<p>${title}</p>`,
			summary: null,
		})),
		'2026-12-01T00:00:00.000Z',
	);
	const ids = store.listEntries({}, {offset: 0, limit: 10}).map(entry => entry.id).sort((a, b) => a - b);
	// The first two are server items; the third is a local feed's entry.
	store.accounts().map('ttrss-home', '101', ids[0]!);
	store.accounts().map('ttrss-home', '102', ids[1]!);
	return {store, ids};
}

describe('the account outbox', () => {
	it('a read through store.setRead queues exactly one change, in the same transaction', () => {
		const {store, ids} = cacheWithServerItems();
		expect(store.setRead([ids[0]!], true)).toBe(1);
		const outbox = store.accounts().outbox('ttrss-home');
		expect(outbox.map(change => [change.remoteId, change.field, change.value])).toEqual([['101', 'read', true]]);
		expect(Date.parse(outbox[0]!.at)).not.toBeNaN();
	});

	it('a change made again replaces the one waiting: one row per item and field, the newest value', () => {
		const {store, ids} = cacheWithServerItems();
		store.setRead([ids[0]!], true);
		store.setRead([ids[0]!], false);
		store.setStarred(ids[0]!, true);
		store.markAllRead({});
		expect(store.accounts().outbox('ttrss-home').map(change => [change.remoteId, change.field, change.value])).toEqual([
			['101', 'starred', true],
			['101', 'read', true],
			['102', 'read', true],
		]);
	});

	it('queues nothing for entries that are no server items, nor for a flag that did not change', () => {
		const {store, ids} = cacheWithServerItems();
		store.setRead([ids[2]!], true);
		store.setRead([ids[1]!], false);
		expect(store.accounts().outboxSize('ttrss-home')).toBe(0);
	});

	it('applying the server’s states queues none', () => {
		const {store, ids} = cacheWithServerItems();
		const counts = store.accounts().applying(() => store.accounts().applyStates('ttrss-home', ['102'], ['101']));
		expect(counts).toEqual({read: 1, unread: 0, starred: 1, unstarred: 0});
		store.accounts().applying(() => store.accounts().setFlag(ids[1]!, 'read', true));
		expect(store.accounts().outboxSize('ttrss-home')).toBe(0);
		// Outside applying, the next local change is queued again.
		store.setRead([ids[0]!], false);
		expect(store.accounts().outboxSize('ttrss-home')).toBe(1);
	});

	it('the server’s states leave a flag with a pending local change alone', () => {
		const {store, ids} = cacheWithServerItems();
		store.setRead([ids[0]!], true);
		const counts = store.accounts().applying(() => store.accounts().applyStates('ttrss-home', ['101', '102'], []));
		expect(counts.unread).toBe(0);
		expect(store.getEntry(ids[0]!)?.isRead).toBe(true);
	});

	it('an entry deleted takes its mapping along; its waiting change is still sent', () => {
		const {store, ids} = cacheWithServerItems();
		store.setRead([ids[0]!], true);
		store.removeFeed(store.getFeedByUrl(FEED)!.id);
		expect(store.accounts().entryIds('ttrss-home', ['101', '102']).size).toBe(0);
		expect(store.accounts().outboxSize('ttrss-home')).toBe(1);
	});
});
