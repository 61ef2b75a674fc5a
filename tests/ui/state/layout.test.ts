import {describe, expect, test} from 'vitest';
import {fitLabel} from '../../../source/ui/state/fit-label.js';
import {buildFeedRows} from '../../../source/ui/state/feed-rows.js';
import {layoutFor, measureFeedRows, type Layout} from '../../../source/ui/state/layout.js';
import {displayWidth} from '../../../source/text/width.js';
import type {FeedView} from '../../../source/ui/services.js';

function feed(id: number, title: string, tags: string[] = [], unreadCount = 12): FeedView {
	return {id, url: `https://example.de/${id}/feed/`, title, tags, unreadCount, totalCount: 40, lastError: null, lastFetchedAt: null};
}

// Long German blog names, two of them alike at the start.
const FEEDS = [
	feed(1, 'Die alte Schule – Blog für Lehrkräfte', ['Schule']),
	feed(2, 'Die alte Schule – Podcast zum Nachhören', ['Schule']),
	feed(3, 'Achtsam führen – Coaching Weber', ['Coaching']),
	feed(4, 'Kanzlei Grünwald: Recht für Gründerinnen', ['Beratung'], 1234),
	feed(5, 'Schreibstube Süß'),
];
const content = measureFeedRows(buildFeedRows(FEEDS, {total: 3, unread: 0}, 'de-DE'));
const at = (columns: number): Layout => layoutFor({columns, rows: 40}, content);
const WIDTHS = Array.from({length: 121}, (_, index) => 100 + index);

describe('wide layout', () => {
	test('entry titles never get fewer columns than in the 100-column single pane, at any width up to 220', () => {
		const floor = at(100).entryColumns.title;
		expect(floor).toBe(60);
		for (const width of WIDTHS) expect(at(width).entryColumns.title, `${width} columns`).toBeGreaterThanOrEqual(floor);
	});

	test('entry titles, feeds pane and preview never shrink as the terminal grows (within one arrangement)', () => {
		for (const width of WIDTHS.slice(1)) {
			const before = at(width - 1);
			const after = at(width);
			// 119 → 120 adds the feeds pane; its columns must come from somewhere.
			if (before.isWide !== after.isWide) continue;
			for (const key of ['feedsWidth', 'previewWidth'] as const) expect(after[key], `${key} at ${width}`).toBeGreaterThanOrEqual(before[key]);
			expect(after.entryColumns.title, `titles at ${width}`).toBeGreaterThanOrEqual(before.entryColumns.title);
			expect(after.entryColumnsWithoutFeed.title, `one-feed titles at ${width}`).toBeGreaterThanOrEqual(before.entryColumnsWithoutFeed.title);
		}
	});

	test('the panes and the entry row columns add up to the terminal width', () => {
		for (const width of WIDTHS) {
			const layout = at(width);
			const panes = layout.isWide ? layout.feedsWidth + 1 + layout.entriesWidth + (layout.previewWidth > 0 ? 1 + layout.previewWidth : 0) : layout.entriesWidth;
			expect(panes, `${width} columns`).toBe(width);
			for (const row of [layout.entryColumns, layout.entryColumnsWithoutFeed]) {
				const used = 4 + row.title + (row.feed > 0 ? row.feed + 1 : 0) + (row.date > 0 ? row.date + 1 : 0);
				expect(used, `${width} columns`).toBeLessThanOrEqual(layout.entriesWidth);
			}
		}
	});

	test('the feeds pane is as wide as its titles need, within bounds', () => {
		const few = measureFeedRows(buildFeedRows([feed(1, 'Kurz'), feed(2, 'Notizen')], {total: 0, unread: 0}, 'de-DE'));
		expect(layoutFor({columns: 200, rows: 40}, few).feedsWidth).toBe(20);
		expect(at(120).feedsWidth).toBeLessThan(at(200).feedsWidth);
		expect(at(200).feedsWidth).toBeLessThanOrEqual(34);
	});

	test('a preview only where it is readable beside the titles; 120 and 140 columns show feeds and entries', () => {
		expect(at(120).previewWidth).toBe(0);
		expect(at(140).previewWidth).toBe(0);
		expect(at(200).previewWidth).toBeGreaterThanOrEqual(40);
		expect(at(120).entryColumns.title).toBeGreaterThanOrEqual(at(100).entryColumns.title);
	});
});

describe('labels cut in the middle', () => {
	test('two feeds alike at the start stay apart in the feeds pane', () => {
		const first = fitLabel('Die alte Schule – Blog für Lehrkräfte', 22);
		const second = fitLabel('Die alte Schule – Podcast zum Nachhören', 22);
		expect(first).not.toBe(second);
		expect(first).toMatch(/^Die alte.*…Lehrkräfte *$/);
		expect(second).toMatch(/Nachhören$/);
		expect(displayWidth(first)).toBe(22);
	});

	test('what fits is padded, not cut; wide characters are cut by their width', () => {
		expect(fitLabel('Schreibstube Süß', 20)).toBe('Schreibstube Süß    ');
		for (const width of [8, 9, 10, 15]) expect(displayWidth(fitLabel('日本語のブログ 🇩🇪 Tagebuch 👍🏽 Notizen', width))).toBe(width);
	});
});
