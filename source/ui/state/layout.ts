/** Where things go on a terminal of a given size, pure. Every view takes its sizes from here. */

/** Terminal size in character cells, read once in run-reader and passed down. */
export interface TerminalSize {
	readonly columns: number;
	readonly rows: number;
}

export interface Layout {
	/** Feeds | entries | preview side by side (>= 120 columns). */
	readonly isWide: boolean;
	readonly columns: number;
	/** Rows between the header line and the info + status lines. */
	readonly bodyHeight: number;
	readonly feedsWidth: number;
	readonly entriesWidth: number;
	/** 0 on narrow terminals. */
	readonly previewWidth: number;
	/** Lines of the article header (title, meta, link, rule). */
	readonly articleHeaderHeight: number;
	/** Body lines of the full-screen article pager. */
	readonly articleBodyHeight: number;
	/** Body lines of the preview pane. */
	readonly previewBodyHeight: number;
}

export const WIDE_COLUMNS = 120;
const FEEDS_PANE = 32;
const ARTICLE_HEADER = 4;
// Header line, info line, status line.
const CHROME_ROWS = 3;

export function layoutFor(size: TerminalSize): Layout {
	const columns = Math.max(20, size.columns);
	const bodyHeight = Math.max(3, size.rows - CHROME_ROWS);
	const isWide = columns >= WIDE_COLUMNS;
	// One separator column between panes.
	const previewWidth = isWide ? Math.floor((columns - FEEDS_PANE - 2) / 2) : 0;
	const entriesWidth = isWide ? columns - FEEDS_PANE - 2 - previewWidth : columns;
	return {
		isWide,
		columns,
		bodyHeight,
		feedsWidth: isWide ? FEEDS_PANE : columns,
		entriesWidth,
		previewWidth,
		articleHeaderHeight: ARTICLE_HEADER,
		articleBodyHeight: Math.max(1, bodyHeight - ARTICLE_HEADER),
		previewBodyHeight: Math.max(1, bodyHeight - ARTICLE_HEADER),
	};
}

