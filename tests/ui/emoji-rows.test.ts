import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {displayWidth, withoutSkinTones} from '../../source/text/width.js';
import {createFakeServices} from './fake-services.js';
import {linesOf, press, renderReader, waitForFrame} from './helpers.js';

afterEach(() => {
	cleanup();
});

// Emoji with skin-tone modifiers, flags, ZWJ sequences and variation selectors: one grapheme,
// two columns each. Counted by code point they are wider, by UTF-16 unit wider still.
const FEEDS = [
	{id: 1, url: 'https://reisen.example/feed/', title: '🇩🇪🇦🇹🇨🇭 Unterwegs im DACH-Raum 👍🏽👍🏿', tags: ['Reisen 🧳']},
	{id: 2, url: 'https://familie.example/feed/', title: 'Familienblog 👨‍👩‍👧‍👦 „Wir vier“ ❤️', tags: ['Reisen 🧳']},
	{id: 3, url: 'https://kueche.example/feed/', title: 'Küchenlatein 🧑🏽‍🍳 – Rezepte für jeden Tag', tags: []},
];

// What the terminal receives (run-reader writes through withoutSkinTones), measured the
// widest way a terminal draws it.
function expectEveryLineFits(text: string, columns: number): void {
	for (const line of linesOf(withoutSkinTones(text))) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
}

describe('rows with emoji fit their width by grapheme', () => {
	test.each([
		[80, 24],
		[100, 30],
		[140, 40],
		[200, 50],
	])('feeds, entries, article and help at %ix%i', async (columns, rows) => {
		const services = createFakeServices({feeds: FEEDS, entryCount: 12});
		// The fake keeps its entries by identity: retitle them in place.
		for (const [index, entry] of services.entries.entries()) {
			(entry as {title: string}).title = ['👍🏽 Daumen hoch für den 🇩🇪 Nahverkehr: Deutschlandticket im Test 🚆', '🏳️‍🌈 Vielfalt im Verein – was wir gelernt haben 👩🏾‍🤝‍👩🏻', entry.title][index % 3]!;
		}
		const {instance} = await renderReader(services, {columns, rows});
		let text = await waitForFrame(instance, 'Alle');
		expectEveryLineFits(text, columns);
		await press(instance, 'enter');
		text = await waitForFrame(instance, 'blogroll › Alle');
		expectEveryLineFits(text, columns);
		await press(instance, 'enter');
		text = await waitForFrame(instance, 'Daumen hoch');
		expectEveryLineFits(text, columns);
		await press(instance, '?');
		text = await waitForFrame(instance, 'Tasten');
		expectEveryLineFits(text, columns);
	});
});
