import {describe, expect, test} from 'vitest';
import {moveIndex, pageAround, pageCovers, pageRunsOut, pagerPercent, scrollPager, scrollToShow, windowRows} from '../../../source/ui/state/window.js';

describe('list window', () => {
	test('moving stops at both ends of the list', () => {
		expect(moveIndex(0, {kind: 'by', delta: -1}, 10, 5)).toBe(0);
		expect(moveIndex(9, {kind: 'by', delta: 1}, 10, 5)).toBe(9);
		expect(moveIndex(3, {kind: 'bottom'}, 50_000, 21)).toBe(49_999);
		expect(moveIndex(3, {kind: 'top'}, 50_000, 21)).toBe(0);
	});

	test('a page move jumps by the window height', () => {
		expect(moveIndex(0, {kind: 'page', direction: 1}, 100, 21)).toBe(21);
		expect(moveIndex(30, {kind: 'page', direction: -1}, 100, 21)).toBe(9);
	});

	test('an empty list has no selection', () => {
		expect(moveIndex(0, {kind: 'by', delta: 1}, 0, 21)).toBe(-1);
	});

	test('the window scrolls only as far as needed to show the selection', () => {
		expect(scrollToShow(5, 0, 10, 100)).toBe(0);
		expect(scrollToShow(10, 0, 10, 100)).toBe(1);
		expect(scrollToShow(3, 8, 10, 100)).toBe(3);
		expect(scrollToShow(49_999, 0, 21, 50_000)).toBe(49_979);
	});

	test('a page covers a window only when it holds every visible row', () => {
		const page = {offset: 100, items: Array.from({length: 63}, (_, i) => i)};
		expect(pageCovers(page, 120, 21, 50_000)).toBe(true);
		expect(pageCovers(page, 150, 21, 50_000)).toBe(false);
		expect(pageCovers(page, 90, 21, 50_000)).toBe(false);
		// The list ends inside the page: the short tail still counts as covered.
		expect(pageCovers({offset: 0, items: [1, 2, 3]}, 0, 21, 3)).toBe(true);
	});

	test('pages are loaded with one window of margin on each side, never the whole list', () => {
		expect(pageAround(49_979, 21)).toEqual({offset: 49_958, limit: 63});
		expect(pageAround(0, 21)).toEqual({offset: 0, limit: 42});
	});

	test('a page runs out when the window comes within half a window of its edge, unless the list ends there', () => {
		const page = {offset: 100, items: Array.from({length: 63}, (_, i) => i)};
		expect(pageRunsOut(page, 121, 21, 50_000)).toBe(false);
		// 11 rows left below the window (half of 21 is 10.5): still fine; 10 left: load now.
		expect(pageRunsOut(page, 131, 21, 50_000)).toBe(false);
		expect(pageRunsOut(page, 132, 21, 50_000)).toBe(true);
		expect(pageRunsOut(page, 110, 21, 50_000)).toBe(true);
		expect(pageRunsOut(page, 150, 21, 50_000)).toBe(true);
		// The first page of a list and the last one run out only on their inner side.
		expect(pageRunsOut({offset: 0, items: page.items}, 0, 21, 50_000)).toBe(false);
		expect(pageRunsOut({offset: 0, items: page.items}, 42, 21, 63)).toBe(false);
	});

	test('window rows are sliced from the loaded page', () => {
		const page = {offset: 10, items: ['a', 'b', 'c', 'd', 'e']};
		expect(windowRows(page, 12, 2)).toEqual(['c', 'd']);
		expect(windowRows(page, 5, 2)).toEqual([]);
	});
});

describe('pager', () => {
	test('scrolling never passes the last page', () => {
		expect(scrollPager(0, {kind: 'bottom'}, 80, 17)).toBe(63);
		expect(scrollPager(60, {kind: 'by', delta: 10}, 80, 17)).toBe(63);
		expect(scrollPager(0, {kind: 'by', delta: -1}, 80, 17)).toBe(0);
	});

	test('paging keeps one line of context', () => {
		expect(scrollPager(0, {kind: 'page', direction: 1}, 80, 17)).toBe(16);
	});

	test('the position is the share of the text seen so far', () => {
		expect(pagerPercent(0, 80, 20)).toBe(25);
		expect(pagerPercent(60, 80, 20)).toBe(100);
		expect(pagerPercent(0, 10, 20)).toBe(100);
	});
});
