import {renderToString} from 'ink';
import {describe, expect, test} from 'vitest';
import {ArticleView} from '../../../source/ui/components/article-view.js';
import {ConfirmDialog} from '../../../source/ui/components/confirm-dialog.js';
import {EntryList} from '../../../source/ui/components/entry-list.js';
import {StyledLine} from '../../../source/ui/components/styled-line.js';
import {Welcome} from '../../../source/ui/components/welcome.js';
import {displayWidth, fitToWidth} from '../../../source/text/width.js';
import {stringsFor} from '../../../source/ui/strings.js';
import {createFakeServices, NOW} from '../fake-services.js';

const de = stringsFor('de');
const en = stringsFor('en');

describe('article view', () => {
	const entry = createFakeServices({entryCount: 1}).entries[0]!;

	test('shows title, feed, author, date, link and the visible body lines', () => {
		const output = renderToString(
			<ArticleView entry={entry} lines={['Erste Zeile', 'Zweite Zeile']} variant="feed" notice={null} width={80} height={9} strings={de} color={false} />,
			{columns: 80},
		);
		const lines = output.split('\n');
		expect(lines[0]).toBe('Warum Selbstständige ihre Preise jährlich prüfen sollten');
		expect(lines[1]).toMatch(/^Achtsam führen – Coaching Weber · von Katrin Weber · 20\.11\.2026/);
		expect(lines[2]).toBe('https://coaching-weber.de/1/');
		expect(lines[3]).toMatch(/^── Inhalt aus dem Feed ─+$/);
		expect(lines[4]).toBe('Erste Zeile');
	});

	test('a full-article failure replaces the rule with the error, in English too', () => {
		const output = renderToString(
			<ArticleView
				entry={entry}
				lines={[]}
				variant="feed"
				notice={{text: en.fullFailed('timeout after 20 s'), tone: 'error'}}
				width={80}
				height={6}
				strings={en}
				color={false}
			/>,
			{columns: 80},
		);
		expect(output).toContain('! Full article not available: timeout after 20 s');
		expect(output).toContain('by Katrin Weber');
	});
});

describe('small views', () => {
	test('the welcome screen names both ways to add a feed and importing, as commands that work outside a checkout', () => {
		const output = renderToString(<Welcome width={80} height={12} strings={en} color={false} />, {columns: 80});
		expect(output).toContain('Welcome to blogroll');
		expect(output).toContain('blogroll add <url>');
		expect(output).toContain('press a here');
		expect(output).toContain('blogroll import <file>');
		expect(output).not.toContain('npm run');
	});

	test('the welcome screen wraps its lines on a narrow terminal, every word kept, the bullets’ text indented', () => {
		const output = renderToString(<Welcome width={40} height={15} strings={stringsFor('de')} color={false} />, {columns: 40});
		const lines = output.split('\n').map(line => line.trimEnd());
		for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(40);
		expect(output).not.toContain('…');
		expect(lines).toContain('    • hier a drücken und die Adresse');
		expect(lines).toContain('      eines Blogs oder Feeds eingeben,');
		expect(lines).toContain('      oder');
		expect(lines).toContain('    in der Shell  blogroll import');
		expect(lines).toContain('    <datei>  aufrufen.');
	});

	test('the remove question says what will be removed and how to answer', () => {
		const output = renderToString(<ConfirmDialog question={de.removeQuestion('Schreibstube Süß')} hint={de.removeHint} width={80} height={4} color={false} />, {
			columns: 80,
		});
		expect(output).toContain('Den Feed „Schreibstube Süß“ mit seinen Einträgen entfernen?');
		expect(output).toContain('j entfernt, n oder Esc behält ihn');
	});
});

describe('coloured lines', () => {
	const strip = (text: string) => text.replace(/\u001B\[[0-9;]*m/g, '');
	const entries = createFakeServices({entryCount: 6}).entries.map((entry, index) => ({
		...entry,
		title: ['Größer denken, ohne sich zu übernehmen', '日本語のタイトルと中文标题，一个很长的标题', '🚀🎉 Launch-Party im Coworking 🥂', 'Kurz', 'Ä', entry.title][index]!,
		isStarred: index === 3,
	}));

	test.each([100, 80, 41])('an entry list in colour shows the same text in the same columns as without, at %i columns', width => {
		const list = (color: boolean) =>
			renderToString(
				<EntryList rows={entries} selected={2} width={width} height={entries.length} isFocused showFeed strings={de} now={NOW} color={color} />,
				{columns: width},
			);
		// Ink drops trailing blanks of a line either way.
		expect(strip(list(true))).toBe(list(false));
	});

	test('header and status line in colour keep their right-hand text at the edge', () => {
		const line = (color: boolean) =>
			renderToString(<StyledLine segments={[{text: fitToWidth('Enter öffnen  q zurück', 60), style: 'dim'}, {text: ' 4/49.980', style: 'accent'}]} color={color} />, {columns: 69});
		expect(strip(line(true))).toBe(line(false).trimEnd());
		expect(strip(line(true))).toMatch(/^Enter öffnen  q zurück {38} 4\/49\.980$/);
	});
});
