import {describe, expect, test} from 'vitest';
import type {EntryListItem} from '../../../source/store/types.js';
import {createInitialState, readerReducer, type Action, type ReaderState} from '../../../source/ui/state/reader-state.js';
import {GERMAN_FEEDS} from '../fake-services.js';
import type {FeedView} from '../../../source/ui/services.js';

const feeds: FeedView[] = GERMAN_FEEDS.map(feed => ({
	id: feed.id,
	url: feed.url,
	title: feed.title,
	tags: feed.tags,
	unreadCount: 3,
	totalCount: 10,
	lastError: feed.lastError ?? null,
	lastFetchedAt: null,
}));

function item(id: number, isRead = false): EntryListItem {
	return {id, feedId: 1, feedTitle: 'Achtsam führen – Coaching Weber', title: `Beitrag ${id}`, author: null, link: null, date: '2026-11-20T09:00:00Z', hasFeedDate: true, isRead, isStarred: false};
}

function reduce(state: ReaderState, ...actions: Action[]): ReaderState {
	return actions.reduce(readerReducer, state);
}

const base = createInitialState({size: {columns: 80, rows: 24}, locale: 'de-DE', feeds, starred: {total: 2, unread: 1}});

function withList(total: number, selected = 0): ReaderState {
	const items = Array.from({length: Math.min(total, 42)}, (_, i) => item(total - i));
	return reduce(base, {
		type: 'listOpened',
		focus: true,
		list: {rowKey: 'view:all', source: {kind: 'view', view: 'all'}, filter: {}, counts: {total, unread: total}, selected, page: {offset: 0, items}},
	});
}

describe('readerReducer', () => {
	test('the feeds screen starts on All with views, tags and feeds as rows', () => {
		expect(base.screen).toBe('feeds');
		expect(base.feeds.rows.slice(0, 3).map(row => row.key)).toEqual(['view:all', 'view:unread', 'view:starred']);
		expect(base.feeds.rows.some(row => row.kind === 'tag' && row.tag === 'Coaching')).toBe(true);
	});

	test('reloading feeds keeps the selected row even when rows move', () => {
		const moved = reduce(base, {type: 'feedMoved', move: {kind: 'to', index: 5}});
		const key = moved.feeds.rows[5]!.key;
		const extra: FeedView = {...feeds[0]!, id: 99, title: 'Aaa Neues Blog', tags: ['Beratung']};
		const reloaded = reduce(moved, {type: 'feedsLoaded', feeds: [extra, ...feeds], starred: {total: 2, unread: 1}});
		expect(reloaded.feeds.rows[reloaded.feeds.selected]!.key).toBe(key);
		expect(reloaded.feeds.selected).toBe(6);
	});

	test('opening a list selects its first entry', () => {
		const state = withList(100);
		expect(state.screen).toBe('entries');
		expect(state.list?.selectedId).toBe(100);
	});

	test('moving to the end of 50 000 entries scrolls the window there and waits for the page', () => {
		const state = reduce(withList(50_000), {type: 'entryMoved', move: {kind: 'bottom'}});
		expect(state.list?.selected).toBe(49_999);
		expect(state.list?.offset).toBe(50_000 - 21);
		// The row is not loaded yet: the id follows with the page.
		expect(state.list?.selectedId).toBeNull();
		const loaded = reduce(state, {type: 'entriesPageLoaded', page: {offset: 49_958, items: Array.from({length: 42}, (_, i) => item(42 - i))}});
		expect(loaded.list?.selectedId).toBe(1);
	});

	test('new entries above keep the selection on its entry and on its screen row', () => {
		const state = reduce(withList(100), {type: 'entryMoved', move: {kind: 'to', index: 30}});
		const row = state.list!.selected - state.list!.offset;
		const id = state.list!.selectedId;
		// Five new entries arrived at the top: the same entry is now at index 35.
		const items = Array.from({length: 63}, (_, i) => item(105 - 14 - i));
		const reloaded = reduce(state, {type: 'entriesReloaded', counts: {total: 105, unread: 105}, index: 35, page: {offset: 14, items}});
		expect(reloaded.list!.selected).toBe(35);
		expect(reloaded.list!.selected - reloaded.list!.offset).toBe(row);
		expect(reloaded.list!.selectedId).toBe(id);
	});

	test('marking an entry read updates its row and the unread count', () => {
		const state = reduce(withList(10), {type: 'entryFlagsChanged', id: 10, isRead: true});
		expect(state.list!.page.items[0]!.isRead).toBe(true);
		expect(state.list!.counts.unread).toBe(9);
		const again = reduce(state, {type: 'entryFlagsChanged', id: 10, isRead: true});
		expect(again.list!.counts.unread).toBe(9);
	});

	test('back goes from the article to the list and from the list to the feeds', () => {
		const entry = {...item(10), guid: 'x', published: null, updated: null, content: '<p>Hallo</p>', summary: null, fullContent: null, firstSeenAt: '2026-11-20T09:00:00Z'};
		const article = reduce(withList(10), {type: 'articleOpened', entry});
		expect(article.screen).toBe('article');
		const list = reduce(article, {type: 'screenLeft'});
		expect(list.screen).toBe('entries');
		expect(reduce(list, {type: 'screenLeft'}).screen).toBe('feeds');
	});

	test('a shrinking terminal keeps the selected entry in the window', () => {
		const state = reduce(withList(100), {type: 'entryMoved', move: {kind: 'to', index: 20}});
		const small = reduce(state, {type: 'resized', size: {columns: 80, rows: 10}});
		const list = small.list!;
		expect(list.selected).toBeGreaterThanOrEqual(list.offset);
		expect(list.selected).toBeLessThan(list.offset + 7);
	});

	test('a typed link number is capped at five digits', () => {
		const state = reduce(base, ...Array.from({length: 8}, (): Action => ({type: 'digitTyped', digit: '1'})));
		expect(state.digits).toBe('11111');
	});
});

describe('search results', () => {
	const results = {
		rowKey: 'search:mentoring',
		source: {kind: 'search', query: 'mentoring'},
		filter: {search: 'mentoring'},
		counts: {total: 2, unread: 2},
		selected: 0,
		page: {offset: 0, items: [item(7), item(3)]},
	} as const;

	test('back from the results returns to the list and row the search began from', () => {
		const before = reduce(withList(100), {type: 'entryMoved', move: {kind: 'to', index: 5}});
		const searching = reduce(before, {type: 'searchOpened', list: results});
		expect(searching.screen).toBe('entries');
		expect(searching.list?.source).toEqual({kind: 'search', query: 'mentoring'});
		const back = reduce(searching, {type: 'screenLeft'});
		expect(back.list).toBe(before.list);
		expect(back.list?.selected).toBe(5);
		expect(back.searchReturn).toBeNull();
	});

	test('a second search from the results still returns to the first place', () => {
		const searching = reduce(base, {type: 'searchOpened', list: results}, {type: 'searchOpened', list: {...results, rowKey: 'search:coaching', source: {kind: 'search', query: 'coaching'}}});
		const back = reduce(searching, {type: 'screenLeft'});
		expect(back.screen).toBe('feeds');
		expect(back.list).toBeNull();
	});

	test('opening another list forgets where the search began', () => {
		const searching = reduce(withList(10), {type: 'searchOpened', list: results});
		const other = reduce(searching, {
			type: 'listOpened',
			focus: true,
			list: {rowKey: 'view:unread', source: {kind: 'view', view: 'unread'}, filter: {unreadOnly: true}, counts: {total: 1, unread: 1}, selected: 0, page: {offset: 0, items: [item(1)]}},
		});
		expect(other.searchReturn).toBeNull();
		expect(reduce(other, {type: 'screenLeft'}).screen).toBe('feeds');
	});

	test('keys typed before a prompt listens edit its text', () => {
		const prompt = reduce(base, {type: 'overlayOpened', overlay: {kind: 'prompt', purpose: 'tags', feedId: 1, title: 'Achtsam führen', initial: 'Coaching'}}, {type: 'promptEdited', value: 'Coaching, Führung'});
		expect(prompt.overlay).toMatchObject({kind: 'prompt', initial: 'Coaching, Führung'});
		expect(reduce(base, {type: 'promptEdited', value: 'x'}).overlay).toEqual({kind: 'none'});
	});
});

describe('kept rows of a list the user works in', () => {
	function unreadList(): ReaderState {
		return reduce(base, {
			type: 'listOpened',
			focus: true,
			list: {rowKey: 'view:unread', source: {kind: 'view', view: 'unread'}, filter: {unreadOnly: true}, counts: {total: 3, unread: 3}, selected: 0, page: {offset: 0, items: [item(3), item(2), item(1)]}},
		});
	}

	test('an entry changed in Unread is kept once, and released when the user leaves', () => {
		const kept = reduce(unreadList(), {type: 'entryKept', id: 3}, {type: 'entryKept', id: 2}, {type: 'entryKept', id: 3});
		expect(kept.list?.filter).toEqual({unreadOnly: true, keepIds: [3, 2]});
		expect(reduce(kept, {type: 'keptReleased'}).list?.filter).toEqual({unreadOnly: true});
	});

	test('a list nothing can leave (a feed, All) keeps no ids', () => {
		expect(reduce(withList(5), {type: 'entryKept', id: 5}).list?.filter).toEqual({});
	});

	test('an article always opens as the feed’s content, even when the full article is stored', () => {
		const entry = {...item(3), guid: 'g-3', published: null, updated: null, content: '<p>Kurz</p>', summary: null, fullContent: '<p>Ganz</p>', firstSeenAt: '2026-11-20T09:00:00Z'};
		expect(reduce(unreadList(), {type: 'articleOpened', entry}).article?.variant).toBe('feed');
	});
});
