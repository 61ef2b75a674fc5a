import {renderToString} from 'ink';
import {describe, expect, test} from 'vitest';
import {ArticleView} from '../../../source/ui/components/article-view.js';
import {ConfirmDialog} from '../../../source/ui/components/confirm-dialog.js';
import {Welcome} from '../../../source/ui/components/welcome.js';
import {stringsFor} from '../../../source/ui/strings.js';
import {createFakeServices} from '../fake-services.js';

const de = stringsFor('de');
const en = stringsFor('en');

describe('article view', () => {
	const entry = createFakeServices({entryCount: 1}).entries[0]!;

	test('shows title, feed, author, date, link and the visible body lines', () => {
		const output = renderToString(
			<ArticleView entry={entry} lines={['Erste Zeile', 'Zweite Zeile']} variant="feed" notice={null} width={80} bodyHeight={5} strings={de} color={false} />,
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
				bodyHeight={2}
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
	test('the welcome screen names both ways to add a feed and the demo', () => {
		const output = renderToString(<Welcome width={80} height={12} strings={en} color={false} />, {columns: 80});
		expect(output).toContain('Welcome to blogroll');
		expect(output).toContain('blogroll add <url>');
		expect(output).toContain('press a here');
		expect(output).toContain('npm run demo');
	});

	test('the remove question says what will be removed and how to answer', () => {
		const output = renderToString(<ConfirmDialog question={de.removeQuestion('Schreibstube Süß')} hint={de.removeHint} width={80} height={4} color={false} />, {
			columns: 80,
		});
		expect(output).toContain('Den Feed „Schreibstube Süß“ mit seinen Einträgen entfernen?');
		expect(output).toContain('j oder y entfernt, n oder Esc behält ihn');
	});
});
