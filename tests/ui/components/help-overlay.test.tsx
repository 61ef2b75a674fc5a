import {renderToString} from 'ink';
import {describe, expect, test} from 'vitest';
import {displayWidth} from '../../../source/text/width.js';
import {helpLines, HelpOverlay} from '../../../source/ui/components/help-overlay.js';
import {stringsFor} from '../../../source/ui/strings.js';

const de = stringsFor('de');
const en = stringsFor('en');

const help = (offset: number, height: number, strings = en) =>
	renderToString(<HelpOverlay context="article" offset={offset} width={80} height={height} strings={strings} color={false} />, {columns: 80}).split('\n');

describe('help overlay', () => {
	// 24 rows: the header, info and status lines leave 21 for the help.
	test('at 80x24 the article help says that there is more, and which lines show', () => {
		const total = helpLines('article', en).length;
		expect(total).toBeGreaterThan(19);
		const lines = help(0, 21);
		expect(lines).toHaveLength(21);
		expect(lines.at(-1)).toBe(`1–19 of ${total} · ↓ more · Esc or ? closes the help`);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
	});

	test('scrolled to the end, the last keys show and “more” is gone, in German too', () => {
		const total = helpLines('article', de).length;
		const lines = help(total - 19, 21, de);
		expect(lines.at(-1)).toBe(`${total - 18}–${total} von ${total} · Esc oder ? schließt die Hilfe`);
		expect(lines.at(-2)).toContain(de.commands.redraw);
	});

	test('when every key fits, the footer only says how to close', () => {
		expect(help(0, 60).filter(line => line.trim() !== '').at(-1)).toBe('Esc or ? closes the help');
	});
});
