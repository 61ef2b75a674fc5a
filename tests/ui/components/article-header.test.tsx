import {renderToString} from 'ink';
import {describe, expect, test} from 'vitest';
import {displayWidth} from '../../../source/text/width.js';
import {ArticleView} from '../../../source/ui/components/article-view.js';
import {articleBodyHeight, wrapToWidth} from '../../../source/ui/state/article-header.js';
import {articleLines} from '../../../source/ui/state/selectors.js';
import {createInitialState, readerReducer} from '../../../source/ui/state/reader-state.js';
import {stringsFor} from '../../../source/ui/strings.js';
import {createFakeServices} from '../fake-services.js';

const de = stringsFor('de');
const en = stringsFor('en');
const base = createFakeServices({entryCount: 1}).entries[0]!;
const LONG_TITLE = 'Gendern ohne Krampf: fünf Formulierungen für den Alltag, die in jeder Teamsitzung funktionieren';
const LONG_FEED = 'Die alte Schule – Blog für Lehrkräfte, Eltern und alle, die gern lernen';

const view = (entry: typeof base, width: number, height = 12, strings = de) =>
	renderToString(<ArticleView entry={entry} lines={['Erste Zeile', 'Zweite Zeile']} variant="feed" notice={null} width={width} height={height} strings={strings} color={false} />, {
		columns: width,
	}).split('\n');

describe('article header', () => {
	test('a long title wraps over the lines it needs at 60 columns, nothing of it is cut', () => {
		const lines = view({...base, title: LONG_TITLE}, 60);
		const title = wrapToWidth(LONG_TITLE, 60);
		expect(title.length).toBeGreaterThan(1);
		expect(lines.slice(0, title.length).join(' ')).toBe(LONG_TITLE);
		expect(lines[title.length]).toMatch(/^Achtsam führen/);
		expect(lines[title.length + 3]).toBe('Erste Zeile');
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(60);
	});

	test('the date stays when the feed title is long: the feed title is cut first', () => {
		for (const [strings, date] of [
			[de, /20\.11\.2026, \d\d:\d\d$/],
			[en, /Nov 20, 2026, \d+:\d\d\s?[AP]M$/],
		] as const) {
			for (const width of [60, 45]) {
				const meta = view({...base, feedTitle: LONG_FEED}, width, 12, strings)[wrapToWidth(base.title, width).length]!;
				expect(meta, `${width} columns`).toMatch(date);
				expect(meta).toMatch(/^Die alte/);
				expect(displayWidth(meta)).toBeLessThanOrEqual(width);
			}
		}
	});

	test('a word longer than the line is broken, not lost', () => {
		const lines = wrapToWidth('Führungskräfteentwicklungsprogrammevaluationsbericht 2026', 20);
		expect(lines.join(' ').replaceAll(' ', '')).toBe('Führungskräfteentwicklungsprogrammevaluationsbericht2026');
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(20);
	});

	test('the pager scrolls to the last line of the text under a wrapped title', () => {
		const entry = {...base, title: LONG_TITLE, content: Array.from({length: 60}, (_, index) => `<p>Absatz ${index + 1}: Grüße aus Köln.</p>`).join('')};
		let state = createInitialState({size: {columns: 60, rows: 24}, locale: 'de-DE', feeds: [], starred: {total: 0, unread: 0}});
		state = readerReducer(state, {type: 'articleOpened', entry});
		state = readerReducer(state, {type: 'articleScrolled', move: {kind: 'bottom'}});
		// 21 body rows at 24 (header, info and status line take 3); the title takes two of them.
		const height = articleBodyHeight(LONG_TITLE, 60, 21);
		expect(height).toBe(21 - 2 - 3);
		// Scrolled to the end, the last body row is the text's last line: none is out of reach.
		const lineCount = articleLines(state, entry, 'feed', 60).length;
		expect(lineCount).toBeGreaterThan(height);
		expect(state.article!.scroll + height).toBe(lineCount);
	});
});
