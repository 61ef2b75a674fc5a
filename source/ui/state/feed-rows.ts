/** The feeds screen as rows: virtual views, then feeds grouped by tag. Pure. */
import type {EntryCounts, EntryFilter} from '../../store/types.js';
import type {FeedView, ViewInfo} from '../services.js';

export type VirtualView = 'all' | 'unread' | 'starred';

/** One row of the feeds screen. `key` identifies it across reloads (selection survives a refresh). */
export type FeedRow =
	| {readonly kind: 'view'; readonly key: string; readonly view: VirtualView; readonly counts: EntryCounts}
	| {readonly kind: 'saved'; readonly key: string; readonly view: ViewInfo; readonly counts: EntryCounts}
	| {readonly kind: 'tag'; readonly key: string; readonly tag: string | null; readonly feedIds: readonly number[]; readonly counts: EntryCounts}
	| {readonly kind: 'feed'; readonly key: string; readonly feed: FeedView; readonly isIndented: boolean};

function sum(feeds: readonly FeedView[]): EntryCounts {
	let total = 0;
	let unread = 0;
	for (const feed of feeds) {
		total += feed.totalCount;
		unread += feed.unreadCount;
	}
	return {total, unread};
}

/**
 * All, Unread, Starred, then the saved views by name (as given); then one group per tag (alphabetical) with its feeds, and the
 * untagged feeds last. A feed with two tags appears in both groups. Without any tags
 * the feeds are listed flat, without group rows.
 */
export function buildFeedRows(feeds: readonly FeedView[], starred: EntryCounts, locale: string, views: readonly ViewInfo[] = []): FeedRow[] {
	const all = sum(feeds);
	const rows: FeedRow[] = [
		{kind: 'view', key: 'view:all', view: 'all', counts: all},
		{kind: 'view', key: 'view:unread', view: 'unread', counts: {total: all.unread, unread: all.unread}},
		{kind: 'view', key: 'view:starred', view: 'starred', counts: starred},
		...views.map((view): FeedRow => ({kind: 'saved', key: `saved:${view.name}`, view, counts: view.counts})),
	];
	const tags = [...new Set(feeds.flatMap(feed => feed.tags))].sort((a, b) => a.localeCompare(b, locale));
	if (tags.length === 0) {
		for (const feed of feeds) rows.push({kind: 'feed', key: `feed:${feed.id}`, feed, isIndented: false});
		return rows;
	}
	const groups: {tag: string | null; feeds: FeedView[]}[] = tags.map(tag => ({tag, feeds: feeds.filter(feed => feed.tags.includes(tag))}));
	const untagged = feeds.filter(feed => feed.tags.length === 0);
	if (untagged.length > 0) groups.push({tag: null, feeds: untagged});
	for (const group of groups) {
		const tagKey = group.tag ?? '';
		rows.push({kind: 'tag', key: `tag:${tagKey}`, tag: group.tag, feedIds: group.feeds.map(feed => feed.id), counts: sum(group.feeds)});
		for (const feed of group.feeds) rows.push({kind: 'feed', key: `feed:${feed.id}:${tagKey}`, feed, isIndented: true});
	}
	return rows;
}

/** The entries a feeds row opens. */
export function filterForRow(row: FeedRow): EntryFilter {
	switch (row.kind) {
		case 'view':
			if (row.view === 'unread') return {unreadOnly: true};
			if (row.view === 'starred') return {starredOnly: true};
			return {};
		case 'saved':
			return row.view.filter;
		case 'tag':
			return {feedIds: row.feedIds};
		case 'feed':
			return {feedIds: [row.feed.id]};
	}
}

