/** Where things go on a terminal of a given size, pure. Every view takes its sizes from here. */
import {displayWidth} from '../../text/width.js';
import type {FeedRow} from './feed-rows.js';

/** Terminal size in character cells, read once in run-reader and passed down. */
export interface TerminalSize {
	readonly columns: number;
	readonly rows: number;
}

/** How wide the content of the feeds pane and of the entries' feed column wants to be. */
export interface LayoutContent {
	/** Columns the widest feeds row needs: marker, error mark, indent, label, count. */
	readonly feedsNeed: number;
	/** Columns of the widest feed title (the entries' feed column). */
	readonly feedTitleNeed: number;
	/** Columns of the widest unread count in the feeds pane. */
	readonly countWidth: number;
}

/** The columns of one entry row: `›●★ title  feed  date`; blank columns after the title fill the rest. */
export interface EntryColumns {
	readonly title: number;
	/** 0: no feed column. */
	readonly feed: number;
	/** 0: no date column. */
	readonly date: number;
}

/** Sizes of the reader's panes. The article header's height depends on its title: see article-header.ts. */
export interface Layout {
	/** Feeds | entries (| preview) side by side (>= 120 columns). */
	readonly isWide: boolean;
	readonly columns: number;
	/** Rows between the header line and the info + status lines. */
	readonly bodyHeight: number;
	readonly feedsWidth: number;
	/** Width of the unread counts in the feeds pane. */
	readonly countWidth: number;
	readonly entriesWidth: number;
	/** 0 on narrow terminals, and on wide ones without room for a preview beside readable titles. */
	readonly previewWidth: number;
	/** Entry rows with a feed column (All, Unread, tags, views, search). */
	readonly entryColumns: EntryColumns;
	/** Entry rows of a one-feed list: no feed column. */
	readonly entryColumnsWithoutFeed: EntryColumns;
}

export const WIDE_COLUMNS = 120;
// Header line, info line, status line.
const CHROME_ROWS = 3;

// An entry row: `›●★ ` (4), then title, ` feed`, ` date`.
const ROW_MARKERS = 4;
// The widest date the entries column writes: "Nov 12, 2026", "12 Sept 2026" (formatDate).
const DATE_WIDTH = 12;
const NARROW_FEED_COLUMN = 24;

// The wide layout. Entry titles come first: never fewer columns than the 100-column single
// pane gives them (62), so that a wider terminal never shows less of a title. Then the feeds
// pane, as wide as its rows need within bounds; then titles up to a comfortable width; a
// preview only once it can be readable beside them.
const TITLE_FLOOR = 62;
const TITLE_COMFORT = 72;
const FEED_COLUMN_MIN = 14;
const FEED_COLUMN_MAX = 24;
// While no preview fits, spare columns widen the feed column up to this (long blog names).
const FEED_COLUMN_SPARE = 32;
const FEEDS_PANE_MIN = 20;
const FEEDS_PANE_MAX = 34;
const PREVIEW_MIN = 40;
// Of the columns beyond the minimum preview, entries get a third, the preview the rest.
const ENTRIES_SHARE = 1 / 3;

/** Until the feeds are known: what a typical subscription list needs. */
const DEFAULT_CONTENT: LayoutContent = {feedsNeed: 32, feedTitleNeed: NARROW_FEED_COLUMN, countWidth: 7};

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

/** The entry row's columns in a pane of `width` columns on a narrow terminal (one pane). */
export function narrowEntryColumns(width: number, showFeed: boolean): EntryColumns {
	const date = Math.min(DATE_WIDTH, Math.max(0, width - 12));
	const feed = showFeed ? Math.max(0, Math.min(NARROW_FEED_COLUMN, Math.floor(width * 0.22))) : 0;
	const title = Math.max(1, width - ROW_MARKERS - (feed > 0 ? feed + 1 : 0) - (date > 0 ? date + 1 : 0));
	return {title, feed, date};
}

const rowChrome = (feed: number) => ROW_MARKERS + (feed > 0 ? feed + 1 : 0) + DATE_WIDTH + 1;

/**
 * The entry columns of the wide layout's entries pane: `rest` is what feeds pane and
 * separator leave. Titles only ever grow with `rest` (the preview, when it comes, takes
 * columns that were spare, never title columns).
 */
function wideEntries(rest: number, feedTitleNeed: number): {entries: number; preview: number; withFeed: EntryColumns; withoutFeed: EntryColumns} {
	const feedTarget = clamp(feedTitleNeed, FEED_COLUMN_MIN, FEED_COLUMN_MAX);
	const comfortable = TITLE_COMFORT + rowChrome(feedTarget);
	const spare = rest - comfortable - 1 - PREVIEW_MIN;
	if (spare >= 0) {
		const entries = comfortable + Math.floor(spare * ENTRIES_SHARE);
		const title = entries - rowChrome(feedTarget);
		return {
			entries,
			preview: rest - entries - 1,
			withFeed: {title, feed: feedTarget, date: DATE_WIDTH},
			withoutFeed: {title: title + feedTarget + 1, feed: 0, date: DATE_WIDTH},
		};
	}
	// No preview: the floor for titles, then the feed column to its target, then titles to
	// the comfortable width, then spare columns to long feed names, then blank.
	let room = rest - ROW_MARKERS - DATE_WIDTH - 1 - TITLE_FLOOR - 1;
	const feed = clamp(room, FEED_COLUMN_MIN, feedTarget);
	room -= feed;
	const title = TITLE_FLOOR + clamp(room, 0, TITLE_COMFORT - TITLE_FLOOR);
	room -= title - TITLE_FLOOR;
	const spareFeed = clamp(Math.min(room, feedTitleNeed - feed, FEED_COLUMN_SPARE - feed), 0, Number.MAX_SAFE_INTEGER);
	return {
		entries: rest,
		preview: 0,
		withFeed: {title, feed: feed + spareFeed, date: DATE_WIDTH},
		// Without a feed column titles may use its columns, but no more than with a preview.
		withoutFeed: {title: Math.min(rest - rowChrome(0), TITLE_COMFORT + feedTarget + 1), feed: 0, date: DATE_WIDTH},
	};
}

export function layoutFor(size: TerminalSize, content: LayoutContent = DEFAULT_CONTENT): Layout {
	const columns = Math.max(20, size.columns);
	const bodyHeight = Math.max(3, size.rows - CHROME_ROWS);
	const isWide = columns >= WIDE_COLUMNS;
	const countWidth = clamp(content.countWidth, 1, 7);
	if (!isWide) {
		return {
			isWide,
			columns,
			bodyHeight,
			feedsWidth: columns,
			countWidth,
			entriesWidth: columns,
			previewWidth: 0,
			entryColumns: narrowEntryColumns(columns, true),
			entryColumnsWithoutFeed: narrowEntryColumns(columns, false),
		};
	}
	// The feeds pane may not take what the titles' floor needs (with a short feed column).
	const feedsRoom = columns - 1 - (TITLE_FLOOR + rowChrome(FEED_COLUMN_MIN));
	const feedsWidth = clamp(content.feedsNeed, FEEDS_PANE_MIN, Math.max(FEEDS_PANE_MIN, Math.min(FEEDS_PANE_MAX, feedsRoom)));
	const entries = wideEntries(columns - feedsWidth - 1, content.feedTitleNeed);
	return {
		isWide,
		columns,
		bodyHeight,
		feedsWidth,
		countWidth,
		entriesWidth: entries.entries,
		previewWidth: entries.preview,
		entryColumns: entries.withFeed,
		entryColumnsWithoutFeed: entries.withoutFeed,
	};
}

// Measured once per loaded feed list, not per frame (2 000 feeds: ~2 ms).
const measured = new WeakMap<readonly FeedRow[], LayoutContent>();

/** Grouped digits as the feeds pane shows them: `12.345`. */
function countColumns(value: number): number {
	const digits = String(Math.max(0, Math.floor(value))).length;
	return digits + Math.floor((digits - 1) / 3);
}

/** What the feeds rows need, measured on all of them (the width must not change while scrolling). */
export function measureFeedRows(rows: readonly FeedRow[]): LayoutContent {
	let content = measured.get(rows);
	if (content) return content;
	let label = 0;
	let feedTitle = 0;
	let count = 1;
	for (const row of rows) {
		let width: number;
		let value: number;
		if (row.kind === 'feed') {
			width = displayWidth(row.feed.title) + (row.isIndented ? 2 : 0);
			feedTitle = Math.max(feedTitle, displayWidth(row.feed.title));
			value = row.feed.unreadCount;
		} else if (row.kind === 'tag') {
			// The untagged group's name comes from the strings: room for the longer one („Ohne Schlagwort“).
			width = 2 + (row.tag === null ? 15 : displayWidth(row.tag));
			value = row.counts.unread;
		} else if (row.kind === 'saved') {
			width = 2 + displayWidth(row.view.name);
			value = row.counts.unread;
		} else {
			// All, Unread, Starred: short words in both languages, below the pane's minimum.
			width = 0;
			value = Math.max(row.counts.unread, row.counts.total);
		}
		label = Math.max(label, width);
		count = Math.max(count, countColumns(value));
	}
	// `›! ` before the label, a space and the count after it.
	content = {feedsNeed: 3 + label + 1 + count, feedTitleNeed: feedTitle, countWidth: count};
	measured.set(rows, content);
	return content;
}

/** The layout of the reader's state: its terminal size and what its feeds pane holds. */
export function readerLayout(state: {readonly size: TerminalSize; readonly feeds: {readonly rows: readonly FeedRow[]}}): Layout {
	return layoutFor(state.size, state.feeds.rows.length > 0 ? measureFeedRows(state.feeds.rows) : DEFAULT_CONTENT);
}
