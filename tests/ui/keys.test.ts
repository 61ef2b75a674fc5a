/** Key handling across screens: chunks of keys, dialogs that own their keys, confirmations, lists that keep their rows. */
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {bindingsFor} from '../../source/ui/keymap.js';
import {splitKeys} from '../../source/ui/keys.js';
import {stringsFor} from '../../source/ui/strings.js';
import {editLine} from '../../source/ui/state/line-editor.js';
import {createFakeServices} from './fake-services.js';
import {frame, linesOf, press, renderReader, tick, waitForFrame, type Instance} from './helpers.js';

afterEach(() => {
	cleanup();
});

/** Moves the feeds selection down to the first row containing `text`. */
async function selectRow(instance: Instance, text: string): Promise<void> {
	const lines = linesOf(await waitForFrame(instance, text));
	const row = lines.findIndex(line => line.includes(text)) - 1;
	await press(instance, ...Array.from({length: row}, () => 'j'));
	await waitForFrame(instance, current => linesOf(current).some(line => line.startsWith('›') && line.includes(text)));
}

describe('splitKeys', () => {
	test.each([
		['three Backspaces', '\u007F\u007F\u007F', [{input: '', key: {backspace: true}}, {input: '', key: {backspace: true}}, {input: '', key: {backspace: true}}]],
		['Ctrl-U, then text', '\u0015Fü', [{input: 'u', key: {ctrl: true}}, {input: 'F', key: {shift: true}}, {input: 'ü', key: {}}]],
		['text, then Enter', 'ja\r', [{input: 'j', key: {}}, {input: 'a', key: {}}, {input: '\r', key: {return: true}}]],
		['held j', 'jjj', [{input: 'j', key: {}}, {input: 'j', key: {}}, {input: 'j', key: {}}]],
		['Ctrl-L and an emoji', '\u000C🙂', [{input: 'l', key: {ctrl: true}}, {input: '🙂', key: {}}]],
	])('splits %s into one press per key', (_name, chunk, presses) => {
		expect(splitKeys(chunk, {})).toEqual(presses);
	});

	test('leaves a key Ink has already named alone', () => {
		expect(splitKeys('', {downArrow: true})).toEqual([{input: '', key: {downArrow: true}}]);
		expect(splitKeys('u', {ctrl: true})).toEqual([{input: 'u', key: {ctrl: true}}]);
		expect(splitKeys('ä', {})).toEqual([{input: 'ä', key: {}}]);
	});
});

describe('editLine', () => {
	test.each([
		['types a space', 'Führung', {input: ' ', key: {}}, {kind: 'text', value: 'Führung '}],
		['deletes the last character, not half of it', 'Größe 🙂', {input: '', key: {backspace: true}}, {kind: 'text', value: 'Größe '}],
		['clears the line with Ctrl-U', 'Coaching, ', {input: 'u', key: {ctrl: true}}, {kind: 'text', value: ''}],
		['submits with Enter', 'Mentoring', {input: '\r', key: {return: true}}, {kind: 'submit', value: 'Mentoring'}],
		['cancels with Esc', 'x', {input: '', key: {escape: true}}, {kind: 'cancel'}],
		['ignores a control character', 'x', {input: '\u009B', key: {}}, {kind: 'ignored'}],
	])('%s', (_name, value, pressed, edit) => {
		expect(editLine(value, pressed)).toEqual(edit);
	});
});

describe('keys arriving in one chunk count one by one in every prompt', () => {
	test('three Backspaces in one burst delete three characters; Ctrl-U and text at once clear, then type', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await selectRow(instance, 'Freiraum Design Studio');
		await press(instance, 'e');
		await waitForFrame(instance, 'Neuer Titel: Freiraum Design Studio_');
		instance.stdin.write('\u007F\u007F\u007F');
		await waitForFrame(instance, 'Neuer Titel: Freiraum Design Stu_');
		instance.stdin.write('\u0015Atelier Süd');
		await waitForFrame(instance, 'Neuer Titel: Atelier Süd_');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Atelier Süd');
		expect(services.calls.renameFeed).toEqual([{id: 3, title: 'Atelier Süd'}]);
	});

	test('in the search prompt, a burst with Backspaces and Enter searches for what is left', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await waitForFrame(instance, 'Alle');
		await press(instance, '/');
		await waitForFrame(instance, 'Suche: _');
		instance.stdin.write('Datenschutzx\u007F\r');
		await waitForFrame(instance, 'blogroll › Suche „Datenschutz“');
	});

	test('in the add dialog, Ctrl-U then a url in one burst replace what was typed', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await waitForFrame(instance, 'Alle');
		await press(instance, 'a');
		await waitForFrame(instance, 'URL eines Feeds oder einer Website:');
		await press(instance, 'falsch');
		await waitForFrame(instance, 'falsch_');
		instance.stdin.write('\u0015https://schreibstube-süß.de\r');
		await waitForFrame(instance, '„Neues Blog“ hinzugefügt');
		expect(services.calls.addFeed).toEqual(['https://schreibstube-süß.de']);
	});

	test('a and a url typed in one go go into the add dialog, Enter included, and nothing reaches the list', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await waitForFrame(instance, 'Alle');
		instance.stdin.write('ahttps://schreibstube-süß.dex\u007F\r');
		await waitForFrame(instance, '„Neues Blog“ hinzugefügt');
		expect(services.calls.addFeed).toEqual(['https://schreibstube-süß.de']);
		expect(services.calls.renameFeed).toEqual([]);
	});

	test('a and the start of a url in one go: the dialog shows it and the rest is typed on', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await waitForFrame(instance, 'Alle');
		instance.stdin.write('ahttps://schreib');
		await waitForFrame(instance, 'URL eines Feeds oder einer Website: https://schreib_');
		await press(instance, 'stube-süß.de', 'enter');
		await waitForFrame(instance, '„Neues Blog“ hinzugefügt');
		expect(services.calls.addFeed).toEqual(['https://schreibstube-süß.de']);
	});
});

describe('the add dialog while it looks for the feed', () => {
	test('keeps its keys: other keys are ignored, Esc cancels and aborts the lookup, nothing reaches the list', async () => {
		const services = createFakeServices();
		services.holdAdds = true;
		const {instance} = await renderReader(services);
		await waitForFrame(instance, 'Alle');
		await press(instance, 'a', 'https://langsam.example/', 'enter');
		await waitForFrame(instance, 'Suche den Feed …');
		// Typed while it looks: neither into the url nor, later, onto the feed list.
		await press(instance, 'j', 'j', 'j', 'G', 'backspace');
		instance.stdin.write('jjj');
		await tick();
		expect(frame(instance)).toContain('https://langsam.example/');
		expect(frame(instance)).toContain('Suche den Feed …');
		await press(instance, 'escape');
		const after = await waitForFrame(instance, text => !text.includes('URL eines Feeds'));
		expect(services.addSignals[0]?.aborted).toBe(true);
		// The selection is still on the first row.
		expect(linesOf(after)[1]).toMatch(/^› +Alle/);
		// A late answer changes nothing.
		services.releaseAdds();
		await tick(5);
		expect(frame(instance)).not.toContain('hinzugefügt');
		expect(linesOf(frame(instance))[1]).toMatch(/^› +Alle/);
	});
});

describe('removing a feed asks for this language’s explicit yes', () => {
	test('d on a row that is no feed (All, a tag) says to select a feed, as t and e do, and asks nothing', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await waitForFrame(instance, 'Alle');
		await press(instance, 'd');
		const text = await waitForFrame(instance, 'Zuerst einen Feed auswählen');
		expect(text).not.toContain('entfernen?');
		expect(services.calls.removeFeed).toEqual([]);
	});

	test('in English, j is not yes: the feed stays; y removes it', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {language: 'en'});
		await selectRow(instance, 'Schreibstube Süß');
		await press(instance, 'd');
		const question = await waitForFrame(instance, 'Remove the feed “Schreibstube Süß” and its entries?');
		expect(question).toContain('y removes, n or Esc keeps it');
		await press(instance, 'j', 'j');
		await tick(5);
		expect(services.calls.removeFeed).toEqual([]);
		expect(frame(instance)).toContain('Remove the feed “Schreibstube Süß”');
		await press(instance, 'y');
		await waitForFrame(instance, 'Removed “Schreibstube Süß”');
		expect(services.calls.removeFeed).toEqual([5]);
	});

	test('in German, y is not yes; j (ja) removes', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {language: 'de'});
		await selectRow(instance, 'Schreibstube Süß');
		await press(instance, 'd');
		const question = await waitForFrame(instance, 'Den Feed „Schreibstube Süß“ mit seinen Einträgen entfernen?');
		expect(question).toContain('j entfernt, n oder Esc behält ihn');
		await press(instance, 'y');
		await tick(5);
		expect(services.calls.removeFeed).toEqual([]);
		await press(instance, 'j');
		await waitForFrame(instance, '„Schreibstube Süß“ entfernt');
		expect(services.calls.removeFeed).toEqual([5]);
	});

	test.each(['en', 'de'] as const)('the %s hint names exactly the yes key the keymap takes', language => {
		const yes = bindingsFor('confirm', language).find(binding => binding.command === 'confirm')!;
		expect(yes.keys).toHaveLength(1);
		expect(stringsFor(language).removeHint.startsWith(`${yes.keys[0]} `)).toBe(true);
	});
});

describe('a filtered list keeps its rows while the user works in it', () => {
	test('m m in Unread toggles the same entry twice; the row and the selection stay, the count follows', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'unread'});
		await waitForFrame(instance, '20 Einträge, 20 ungelesen');
		const first = services.entries.find(entry => entry.title.startsWith('Warum Selbstständige'))!;
		await press(instance, 'm');
		let text = await waitForFrame(instance, '20 Einträge, 19 ungelesen');
		expect(linesOf(text)[1]).toMatch(/^› +Warum Selbstständige/);
		await press(instance, 'm');
		text = await waitForFrame(instance, '20 Einträge, 20 ungelesen');
		expect(linesOf(text)[1]).toMatch(/^›● +Warum Selbstständige/);
		expect(services.calls.setRead).toEqual([
			{ids: [first.id], read: true},
			{ids: [first.id], read: false},
		]);
	});

	test('s s in Starred unstars and stars the same entry again', async () => {
		const services = createFakeServices();
		const starred = services.entries.slice(0, 3);
		for (const entry of starred) services.setStarred(entry.id, true);
		services.calls.setStarred.length = 0;
		const {instance} = await renderReader(services, {initialView: 'starred'});
		await waitForFrame(instance, 'blogroll › Markiert');
		await press(instance, 's');
		await tick(5);
		await press(instance, 's');
		await tick(5);
		expect(services.calls.setStarred).toEqual([
			{id: starred[0]!.id, starred: false},
			{id: starred[0]!.id, starred: true},
		]);
		expect(services.entries.filter(entry => entry.isStarred)).toHaveLength(3);
		expect(linesOf(frame(instance))[0]).toContain('3 Einträge');
	});

	test('J J J in an article opened from Unread walks 1/20 to 4/20, K returns to the one just read', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'unread'});
		await waitForFrame(instance, '20 Einträge, 20 ungelesen');
		await press(instance, 'enter');
		await waitForFrame(instance, text => text.includes('1/20') && text.includes('Warum Selbstständige'));
		await press(instance, 'J');
		await waitForFrame(instance, text => text.includes('2/20') && text.includes('Größer denken'));
		await press(instance, 'J');
		await waitForFrame(instance, text => text.includes('3/20') && text.includes('Führungskräfteentwicklungsprogramm'));
		await press(instance, 'J');
		const fourth = await waitForFrame(instance, '4/20');
		await press(instance, 'K');
		await waitForFrame(instance, text => text.includes('3/20') && text.includes('Führungskräfteentwicklungsprogramm'));
		expect(fourth).not.toContain('Führungskräfteentwicklungsprogramm');
		// Counts follow: four read.
		await press(instance, 'q');
		await waitForFrame(instance, '20 Einträge, 16 ungelesen');
	});

	test('a refresh the user asks for renews the list: what was read leaves it', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'unread'});
		await waitForFrame(instance, '20 Einträge, 20 ungelesen');
		await press(instance, 'm', 'j', 'm');
		await waitForFrame(instance, '20 Einträge, 18 ungelesen');
		await press(instance, 'R');
		services.refreshes[0]!.finish({feeds: 5, newEntries: 0, failures: []});
		await waitForFrame(instance, '18 Einträge, 18 ungelesen');
	});
});

describe('marking everything read', () => {
	test('A on more than a screenful asks first; n keeps everything unread', async () => {
		const services = createFakeServices({entryCount: 60, unreadEvery: 1});
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, '60 Einträge, 60 ungelesen');
		await press(instance, 'A');
		const question = await waitForFrame(instance, '60 Einträge als gelesen markieren? j markiert sie, n lässt sie ungelesen');
		expect(question).toContain('j ja');
		expect(services.calls.setRead).toEqual([]);
		await press(instance, 'n');
		await waitForFrame(instance, text => !text.includes('als gelesen markieren?'));
		expect(services.calls.setRead).toEqual([]);
		expect(services.calls.markAllRead).toEqual([]);
		// The list still takes its keys.
		await press(instance, 'j');
		await waitForFrame(instance, text => /^›/.test(linesOf(text)[2] ?? ''));
	});

	test('A then the language’s yes marks them all; u makes exactly those unread again', async () => {
		const services = createFakeServices({entryCount: 60, unreadEvery: 2});
		const {instance} = await renderReader(services, {initialView: 'all', language: 'en'});
		await waitForFrame(instance, '60 entries, 30 unread');
		await press(instance, 'A');
		await waitForFrame(instance, 'Mark 30 entries read? y marks them, n keeps them unread');
		await press(instance, 'y');
		await waitForFrame(instance, text => text.includes('60 entries, 0 unread') && text.includes('Marked 30 entries read · u undoes'));
		const marked = services.calls.setRead.at(-1)!;
		expect(marked.read).toBe(true);
		expect(marked.ids).toHaveLength(30);
		await press(instance, 'u');
		await waitForFrame(instance, text => text.includes('60 entries, 30 unread') && text.includes('30 entries unread again'));
		expect(services.calls.setRead.at(-1)).toEqual({ids: marked.ids, read: false});
		await press(instance, 'u');
		await waitForFrame(instance, 'Nothing to undo');
	});

	test('A on a screenful or less marks at once, and says how to undo', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, '40 Einträge, 20 ungelesen');
		await press(instance, 'A');
		await waitForFrame(instance, text => text.includes('40 Einträge, 0 ungelesen') && text.includes('20 Einträge als gelesen markiert · u macht es rückgängig'));
		await press(instance, 'A');
		await waitForFrame(instance, 'Hier ist nichts ungelesen');
	});
});

describe('feedback instead of silence', () => {
	test('m in the article says what it did', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Gerendert (feed');
		await press(instance, 'm');
		await waitForFrame(instance, 'Als ungelesen markiert');
		await press(instance, 'm');
		await waitForFrame(instance, 'Als gelesen markiert');
	});

	test('J on the last entry and K on the first say so and stay on the article', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'all', language: 'en'});
		await waitForFrame(instance, 'blogroll › All');
		await press(instance, 'enter');
		await waitForFrame(instance, text => text.includes('1/40') && text.includes('Gerendert (feed'));
		await press(instance, 'K');
		const first = await waitForFrame(instance, 'This is the first entry of the list');
		expect(first).toContain('1/40');
		await press(instance, 'q', 'G', 'enter');
		await waitForFrame(instance, '40/40');
		await press(instance, 'J');
		const last = await waitForFrame(instance, 'This is the last entry of the list');
		expect(last).toContain('40/40');
	});

	test('a link number that does not exist is said, and the link list stays open', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Gerendert (feed');
		await press(instance, 'L');
		await waitForFrame(instance, 'Links (3)');
		await press(instance, '9', '9', 'enter');
		const text = await waitForFrame(instance, 'Es gibt keinen Link 99');
		expect(text).toContain('Links (3)');
		expect(services.calls.openUrl).toEqual([]);
		// Still the list: 2 Enter opens link 2.
		await press(instance, '2', 'enter');
		await waitForFrame(instance, 'Öffne https://coaching-weber.de/impressum/');
	});

	test('t on an article without FAQ, and L without links, say so on the status line instead of an empty overlay', async () => {
		const services = createFakeServices();
		services.render = () => ({lines: ['Ein Beitrag über Preise, ganz ohne Fragen.'], links: [], questions: []});
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, 'ganz ohne Fragen');
		await press(instance, 't');
		const text = await waitForFrame(instance, 'Dieser Artikel enthält keine FAQ-Fragen.');
		expect(text).toContain('ganz ohne Fragen');
		// The same for L without links.
		await press(instance, 'L');
		const links = await waitForFrame(instance, 'Dieser Artikel enthält keine Links.');
		expect(links).toContain('ganz ohne Fragen');
		// Keys still go to the article: q goes back to the list.
		await press(instance, 'q');
		await waitForFrame(instance, text => /^›/m.test(linesOf(text)[1] ?? ''));
	});

	test('o on an empty list says there is no entry', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'starred'});
		await waitForFrame(instance, 'blogroll › Markiert');
		await press(instance, 'o');
		await waitForFrame(instance, 'Hier ist kein Eintrag');
		expect(services.calls.openUrl).toEqual([]);
	});

	test('the full article is not sticky: the entry reopens as the feed’s content', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Gerendert (feed');
		await press(instance, 'f');
		await waitForFrame(instance, 'Gerendert (full');
		await press(instance, 'q', 'enter');
		const text = await waitForFrame(instance, 'Gerendert (feed');
		expect(text).toContain('Inhalt aus dem Feed');
		// One f shows the fetched article again, without fetching it twice.
		await press(instance, 'f');
		await waitForFrame(instance, 'Gerendert (full');
		expect(services.calls.fetchFullArticle).toEqual([40]);
	});
});
