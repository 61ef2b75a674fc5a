import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {displayWidth} from '../../source/text/width.js';
import {createFakeServices, GERMAN_FEEDS} from './fake-services.js';
import {linesOf, press, renderReader, waitForFrame} from './helpers.js';

afterEach(() => {
	cleanup();
});

// Two blogs of one school whose names differ only at the end, as subscriptions often do.
const FEEDS = [
	...GERMAN_FEEDS,
	{id: 6, url: 'https://alte-schule.de/blog/feed/', title: 'Die alte Schule – Blog für Lehrkräfte und Eltern', tags: ['Schule']},
	{id: 7, url: 'https://alte-schule.de/podcast/feed/', title: 'Die alte Schule – Podcast zum Nachhören', tags: ['Schule']},
];

function expectFits(text: string, columns: number): void {
	for (const line of linesOf(text)) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
}

/** The entries pane's part of a row: between the first and the second separator. */
const entriesPane = (line: string) => line.split('│')[1] ?? '';

describe('wide layout', () => {
	test.each([120, 140])('at %i columns an entry title gets at least the columns of the 100-column single pane', async columns => {
		const {instance} = await renderReader(createFakeServices({feeds: FEEDS}), {columns, rows: 30});
		await waitForFrame(instance, '│');
		await press(instance, 'enter');
		const text = await waitForFrame(instance, '│›');
		// 56 characters: all of it shows (at 120 columns it used to be cut to 17).
		expect(entriesPane(linesOf(text)[1]!)).toContain('Warum Selbstständige ihre Preise jährlich prüfen sollten');
		expectFits(text, columns);
	});

	test('two feeds with the same start keep their different ends in the feeds pane', async () => {
		const {instance} = await renderReader(createFakeServices({feeds: FEEDS}), {columns: 120, rows: 40});
		const text = await waitForFrame(instance, '# Schule');
		const feedsPane = linesOf(text).map(line => line.split('│')[0] ?? '');
		const school = feedsPane.filter(line => line.includes('Die a'));
		expect(school).toHaveLength(2);
		expect(school[0]).not.toBe(school[1]);
		expect(school.join('\n')).toMatch(/Eltern/);
		expect(school.join('\n')).toMatch(/Nachhören/);
	});

	test('while the entries pane has the keys, the feeds pane still shows which feed is open', async () => {
		const {instance} = await renderReader(createFakeServices({feeds: FEEDS}), {columns: 140, rows: 30});
		await waitForFrame(instance, '│');
		await press(instance, 'j', 'enter');
		const text = await waitForFrame(instance, '│›');
		const feedsPane = linesOf(text).map(line => line.split('│')[0] ?? '');
		expect(feedsPane.find(line => line.startsWith('·'))).toMatch(/^· +Ungelesen/);
		expect(feedsPane.some(line => line.startsWith('›'))).toBe(false);
	});

	test('the preview joins when it can be readable, and its article header keeps the date', async () => {
		// A long blog name: the header's feed title gives way, the date stays.
		const feeds = [{...FEEDS[0]!, title: 'Achtsam führen – Coaching Weber, Praxis für Führungskräfte und Teams in Hamburg-Altona'}, ...FEEDS.slice(1)];
		const {instance} = await renderReader(createFakeServices({feeds}), {columns: 200, rows: 40});
		await waitForFrame(instance, '│');
		await press(instance, 'enter');
		const text = await waitForFrame(instance, frame => /│Warum Selbstständige/.test(frame));
		const preview = linesOf(text)
			.slice(1)
			.map(line => line.split('│')[2] ?? '');
		expect(preview[0]).toMatch(/^Warum Selbstständige/);
		expect(preview.slice(0, 4).join('\n')).toMatch(/20\.11\.2026/);
		expectFits(text, 200);
	});
});
