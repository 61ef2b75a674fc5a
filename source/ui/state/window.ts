/**
 * Window maths for lists and the pager, pure. A list of `count` rows shows `height` of
 * them from `offset`; only `rows.slice(offset, offset + height)` is ever drawn.
 */

/** How a selection moves: by rows, by pages, or to an end. */
export type Move =
	| {readonly kind: 'by'; readonly delta: number}
	| {readonly kind: 'page'; readonly direction: 1 | -1}
	| {readonly kind: 'top'}
	| {readonly kind: 'bottom'}
	| {readonly kind: 'to'; readonly index: number};

export function clamp(value: number, min: number, max: number): number {
	return Math.max(min, Math.min(max, value));
}

/** Index after a move in a list of `count` rows; -1 when the list is empty. */
export function moveIndex(index: number, move: Move, count: number, height: number): number {
	if (count <= 0) return -1;
	const page = Math.max(1, height);
	switch (move.kind) {
		case 'by':
			return clamp(index + move.delta, 0, count - 1);
		case 'page':
			return clamp(index + move.direction * page, 0, count - 1);
		case 'top':
			return 0;
		case 'bottom':
			return count - 1;
		case 'to':
			return clamp(move.index, 0, count - 1);
	}
}

/** The smallest change of `offset` that keeps `index` visible in a window of `height`. */
export function scrollToShow(index: number, offset: number, height: number, count: number): number {
	const visible = Math.max(1, height);
	const maxOffset = Math.max(0, count - visible);
	let next = offset;
	if (index < next) next = index;
	if (index >= next + visible) next = index - visible + 1;
	return clamp(next, 0, maxOffset);
}

/** Scroll position of a pager after a move: lines, pages or ends, never past the last page. */
export function scrollPager(scroll: number, move: Move, lineCount: number, height: number): number {
	const maxScroll = Math.max(0, lineCount - Math.max(1, height));
	switch (move.kind) {
		case 'by':
			return clamp(scroll + move.delta, 0, maxScroll);
		case 'page':
			// Keep one line of context when paging, like less.
			return clamp(scroll + move.direction * Math.max(1, height - 1), 0, maxScroll);
		case 'top':
			return 0;
		case 'bottom':
			return maxScroll;
		case 'to':
			return clamp(move.index, 0, maxScroll);
	}
}

/** How far through a pager the reader is, in percent of the text seen (100 when all fits). */
export function pagerPercent(scroll: number, lineCount: number, height: number): number {
	if (lineCount <= height) return 100;
	return Math.round((Math.min(lineCount, scroll + height) / lineCount) * 100);
}

/** A loaded slice of a long list. */
export interface LoadedPage<T> {
	readonly offset: number;
	readonly items: readonly T[];
}

/** True when the page holds every row of the window (or the list ends inside it). */
export function pageCovers<T>(page: LoadedPage<T>, offset: number, height: number, count: number): boolean {
	const end = Math.min(count, offset + height);
	if (end <= offset) return true;
	return offset >= page.offset && end <= page.offset + page.items.length;
}

/** Which rows to load around a window: a window above and a window below, so that small moves need no query. */
export function pageAround(offset: number, height: number): {readonly offset: number; readonly limit: number} {
	const size = Math.max(1, height);
	const start = Math.max(0, offset - size);
	return {offset: start, limit: offset - start + 2 * size};
}

/**
 * True when a window comes within half its height of an edge of the loaded page, where
 * the list goes on: the page around the window should be loaded before a move needs it.
 */
export function pageRunsOut<T>(page: LoadedPage<T>, offset: number, height: number, count: number): boolean {
	if (!pageCovers(page, offset, height, count)) return true;
	const margin = Math.ceil(Math.max(1, height) / 2);
	const pageEnd = page.offset + page.items.length;
	const nearStart = page.offset > 0 && offset - page.offset < margin;
	const nearEnd = pageEnd < count && pageEnd - (offset + height) < margin;
	return nearStart || nearEnd;
}

/** The rows of a window, from a page that covers it. */
export function windowRows<T>(page: LoadedPage<T>, offset: number, height: number): readonly T[] {
	const start = offset - page.offset;
	if (start < 0) return [];
	return page.items.slice(start, start + height);
}
