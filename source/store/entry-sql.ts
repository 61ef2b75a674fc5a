/**
 * Pure SQL building for entry lists: an EntryFilter becomes one parameterised WHERE
 * clause over `entries e` (and `feeds f`). Conditions are written so that SQLite can
 * answer them from the indexes of migration 1: `e.is_read = 0` and `e.is_starred = 1`
 * stay literal (a partial index only serves a query that repeats its condition), and
 * one feed is `e.feed_id = ?` so that (feed_id, sort_date) also gives the order.
 */
import {ftsPrefixTerm, startsWithWord} from '../text/fold.js';
import type {EntryFilter, TextRange} from './types.js';

export type SqlParam = string | number;

export interface SqlFragment {
	readonly sql: string;
	readonly params: readonly SqlParam[];
}

/** The columns of an EntryListItem, in the store's row shape (see store.ts `toListItem`). */
export const LIST_COLUMNS = `e.id AS id, e.feed_id AS feedId, coalesce(f.title, f.url) AS feedTitle,
	e.title AS title, e.author AS author, e.link AS link, e.sort_date AS date,
	e.has_feed_date AS hasFeedDate, e.is_read AS isRead, e.is_starred AS isStarred`;

// CROSS JOIN makes SQLite keep `entries` as the outer loop: it walks an index in list
// order and stops at LIMIT, instead of starting from feeds and sorting afterwards.
export const FEEDS_OF_ENTRIES = 'CROSS JOIN feeds f ON f.id = e.feed_id';
export const ENTRIES_WITH_FEEDS = `entries e ${FEEDS_OF_ENTRIES}`;

// unicode61 splits on everything that is not a letter, digit or mark; so do we, which
// also drops every character FTS5 would read as syntax (quotes, *, ^, :, parentheses).
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MAX_SEARCH_WORDS = 16;

/** The words of a search, as the index sees them. */
export function searchWords(query: string): string[] {
	return (query.match(WORD) ?? []).slice(0, MAX_SEARCH_WORDS);
}

/**
 * A user's search text → an FTS5 MATCH expression that is only quoted words, each a
 * prefix (`coach` finds „Coaching“), all required. Null when there is no word to look for.
 * Quoting also turns AND, OR, NOT and NEAR into plain words.
 */
export function toFtsQuery(query: string): string | null {
	const words = searchWords(query);
	if (words.length === 0) return null;
	return words.map(ftsPrefixTerm).join(' AND ');
}

/**
 * For a search of several words, the FTS5 MATCH of "every word in the title": such hits rank
 * first. Null for one word (then "the word in the title" is that rank already).
 */
export function everyWordInTitle(query: string): string | null {
	const words = searchWords(query);
	return words.length < 2 ? null : `title : (${words.map(ftsPrefixTerm).join(' AND ')})`;
}

/** The FTS5 MATCH of "any of the words in this column" (a search ranks title, then author hits first). */
export function anyWordIn(column: 'title' | 'author', query: string): string | null {
	const words = searchWords(query);
	return words.length === 0 ? null : `${column} : (${words.map(ftsPrefixTerm).join(' OR ')})`;
}

/** Lower case without diacritics, as `remove_diacritics 2` compares: „Fünf“ → `funf`. */
export function foldForSearch(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whole words of `title` that start with one of the search words, for highlighting. */
export function findTitleMatches(title: string, query: string): TextRange[] {
	const words = searchWords(query);
	if (words.length === 0) return [];
	const ranges: TextRange[] = [];
	for (const match of title.matchAll(WORD)) {
		if (words.some((word) => startsWithWord(match[0], word))) {
			ranges.push({start: match.index, end: match.index + match[0].length});
		}
	}
	return ranges;
}

/**
 * The filter as `WHERE …` (or '' for "all"), and whether it needs `feeds f` joined.
 * `matchesNothing` when the search has no words: callers answer without a query.
 */
export function compileFilter(filter: EntryFilter): SqlFragment & {readonly needsFeeds: boolean; readonly matchesNothing: boolean} {
	const conditions: string[] = [];
	const params: SqlParam[] = [];
	let matchesNothing = false;
	const feedIds = filter.feedIds;
	if (feedIds !== undefined) {
		if (feedIds.length === 0) {
			matchesNothing = true;
		} else if (feedIds.length === 1) {
			conditions.push('e.feed_id = ?');
			params.push(feedIds[0]!);
		} else {
			// One parameter whatever the count: the statement text (and its cache slot) stays the same.
			conditions.push('e.feed_id IN (SELECT value FROM json_each(?))');
			params.push(JSON.stringify(feedIds));
		}
	}
	// What makes an entry a member of the list (its state, a view's query). Kept rows
	// (`keepIds`) stay members whatever it says: then it is collected and OR-ed with them.
	const hasWhere = filter.where !== undefined && filter.where.sql.trim() !== '';
	const isKeeping = filter.keepIds !== undefined && filter.keepIds.length > 0 && (filter.unreadOnly === true || filter.starredOnly === true || hasWhere);
	const membership: string[] = isKeeping ? [] : conditions;
	const membershipParams: SqlParam[] = isKeeping ? [] : params;
	if (filter.unreadOnly) membership.push('e.is_read = 0');
	if (filter.starredOnly) membership.push('e.is_starred = 1');
	if (filter.search !== undefined && filter.search.trim() !== '') {
		const match = toFtsQuery(filter.search);
		if (match === null) {
			matchesNothing = true;
		} else {
			conditions.push('e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)');
			params.push(match);
		}
	}
	if (hasWhere) {
		membership.push(`(${filter.where!.sql})`);
		membershipParams.push(...filter.where!.params);
	}
	if (isKeeping) {
		conditions.push(`((${membership.join(' AND ')}) OR e.id IN (SELECT value FROM json_each(?)))`);
		params.push(...membershipParams, JSON.stringify(filter.keepIds));
	}
	return {
		sql: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`,
		params,
		needsFeeds: filter.where !== undefined,
		matchesNothing,
	};
}

/** `… AND extra` appended to a compiled WHERE (or `WHERE extra`). */
export function andWhere(where: string, condition: string): string {
	return where === '' ? `WHERE ${condition}` : `${where} AND ${condition}`;
}

/** The list query: newest first by date, then id, one page. */
export function buildListQuery(filter: EntryFilter, page: {offset: number; limit: number}): SqlFragment {
	const where = compileFilter(filter);
	const from = where.needsFeeds ? ENTRIES_WITH_FEEDS : 'entries e';
	// Pick the page's ids from the indexes first, then read only those rows: sorting the
	// full rows of a many-feed view (a tag) drags every body off disk (~150 ms at 100 000
	// entries, against well under 1 ms this way).
	return {
		sql: `SELECT ${LIST_COLUMNS} FROM ${ENTRIES_WITH_FEEDS}
			WHERE e.id IN (SELECT e.id FROM ${from} ${where.sql} ORDER BY e.sort_date DESC, e.id DESC LIMIT ? OFFSET ?)
			ORDER BY e.sort_date DESC, e.id DESC`,
		params: [...where.params, clampInt(page.limit, 0), clampInt(page.offset, 0)],
	};
}

/** Total and unread of a filter; joins feeds only when the filter refers to them. */
export function buildCountQuery(filter: EntryFilter): SqlFragment {
	const where = compileFilter(filter);
	const from = where.needsFeeds ? ENTRIES_WITH_FEEDS : 'entries e';
	return {
		sql: `SELECT count(*) AS total, coalesce(sum(e.is_read = 0), 0) AS unread FROM ${from} ${where.sql}`,
		params: where.params,
	};
}

/** Unread and total per feed, from the (feed_id, is_read) index alone. */
export const COUNTS_PER_FEED_SQL = `SELECT feed_id AS feedId, count(*) AS total, sum(is_read = 0) AS unread
	FROM entries GROUP BY feed_id`;

/** A FeedRecord's columns. */
export const FEED_COLUMNS = `id, url, title, site_url AS siteUrl, description, etag, last_modified AS lastModified,
	last_fetched_at AS lastFetchedAt, last_updated_at AS lastUpdatedAt, last_status AS lastStatus,
	last_error AS lastError, error_streak AS errorStreak, next_fetch_at AS nextFetchAt, ttl_minutes AS ttlMinutes`;

/** All feeds with counts: one grouped pass over the covering index, joined to the few feeds. */
export const LIST_FEEDS_SQL = `SELECT ${FEED_COLUMNS},
		coalesce(c.unread, 0) AS unreadCount, coalesce(c.total, 0) AS totalCount
	FROM feeds LEFT JOIN (${COUNTS_PER_FEED_SQL}) c ON c.feedId = feeds.id
	ORDER BY lower(coalesce(feeds.title, feeds.url)), feeds.id`;

/**
 * The few columns a list of feeds shows, counted per feed on the (feed_id, is_read) index:
 * at 2 000 feeds half the time of LIST_FEEDS_SQL, whose wide rows cost more than the counting.
 */
export const LIST_FEED_SUMMARIES_SQL = `SELECT id, url, title, last_error AS lastError, last_error_detail AS lastErrorDetail, last_fetched_at AS lastFetchedAt, last_updated_at AS lastUpdatedAt,
		(SELECT count(*) FROM entries WHERE feed_id = feeds.id AND is_read = 0) AS unreadCount,
		(SELECT count(*) FROM entries WHERE feed_id = feeds.id) AS totalCount
	FROM feeds`;

export function clampInt(value: number, minimum: number): number {
	return Number.isFinite(value) ? Math.max(minimum, Math.floor(value)) : minimum;
}
