import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {displayWidth} from '../../source/text/width.js';
import {createFakeServices} from './fake-services.js';
import {frame, linesOf, press, renderReader, tick, waitForFrame} from './helpers.js';

afterEach(() => {
	cleanup();
});

function expectFits(text: string, columns: number, rows: number): void {
	const lines = linesOf(text);
	expect(lines.length).toBeLessThanOrEqual(rows);
	for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
}

describe('feeds screen', () => {
	test('shows the virtual views first, then feeds grouped by tag with unread counts', async () => {
		const {instance} = await renderReader(createFakeServices());
		const text = await waitForFrame(instance, 'Alle');
		const lines = linesOf(text);
		expect(lines[1]).toMatch(/^› +Alle +20$/);
		expect(lines[2]).toMatch(/Ungelesen +20$/);
		expect(lines[3]).toMatch(/Markiert/);
		expect(text).toContain('# Beratung');
		expect(text).toContain('# Coaching');
		expect(text).toContain('# Ohne Schlagwort');
		expect(text).toMatch(/Kanzlei Grünwald: Recht für Gründerinnen +4/);
	});

	test('marks a failing feed with ! and explains the error when it is selected', async () => {
		const {instance} = await renderReader(createFakeServices());
		const text = await waitForFrame(instance, 'Freiraum');
		expect(text).toMatch(/ ! +Freiraum Design Studio/);
		expect(text).not.toContain('HTTP 404');
		const row = linesOf(text).findIndex(line => line.includes('Freiraum Design Studio')) - 1;
		await press(instance, ...Array.from({length: row}, () => 'j'));
		// When it failed, then why.
		await waitForFrame(instance, '! Letzte Aktualisierung vor 3 Std. fehlgeschlagen: HTTP 404 bei');
	});

	test('without subscriptions a welcome screen explains how to add a feed and try the demo', async () => {
		const {instance} = await renderReader(createFakeServices({feeds: [], entryCount: 0}));
		const text = await waitForFrame(instance, 'Willkommen bei blogroll');
		expect(text).toContain('blogroll add <url>');
		// Works outside a checkout: commands the user has, never `npm run …`.
		expect(text).toContain('blogroll import <datei>');
		expect(text).not.toContain('npm');
		expect(text).toContain('a hinzufügen');
	});

	test('speaks English when asked to', async () => {
		const {instance} = await renderReader(createFakeServices(), {language: 'en'});
		const text = await waitForFrame(instance, 'All');
		expect(text).toContain('Unread');
		expect(text).toContain('Enter open');
		expect(text).toContain('q quit');
	});

	test('q on the feeds screen quits', async () => {
		let quit = 0;
		const {instance} = await renderReader(createFakeServices(), {onQuit: () => quit++});
		await press(instance, 'q');
		expect(quit).toBe(1);
	});
});

describe('entries', () => {
	test('opening a feed lists its entries newest first with unread and date marks', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		const text = await waitForFrame(instance, 'Kanzlei Grünwald');
		const row = linesOf(text).findIndex(line => line.includes('Kanzlei Grünwald')) - 1;
		await press(instance, ...Array.from({length: row}, () => 'j'), 'enter');
		const list = await waitForFrame(instance, 'blogroll › Kanzlei Grünwald');
		const lines = linesOf(list);
		expect(lines[0]).toContain('8 Einträge, 4 ungelesen');
		expect(lines[1]).toMatch(/^› +„Nein“ sagen lernen/);
		// One style per column: today's entries by their time.
		expect(lines[1]).toMatch(/ 08:55$/);
		// A one-feed list leaves out the feed column.
		expect(lines[1]).not.toContain('Kanzlei Grünwald');
		expect(list).toMatch(/ ● +Datenschutz auf der eigenen Website/);
	});

	test('the All view shows the feed of every entry', async () => {
		const {instance} = await renderReader(createFakeServices());
		await press(instance, 'enter');
		const text = await waitForFrame(instance, 'blogroll › Alle');
		// Feed names are cut in the middle: their start and their distinctive end stay.
		expect(linesOf(text)[1]).toMatch(/Warum Selbstständige.*Achtsam.*Weber.*09:55/);
	});

	test('n moves to the next unread entry and m toggles read', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		// Entry 1 is unread (●), entry 2 read: n from the first goes to the third row.
		await press(instance, 'n');
		let text = await waitForFrame(instance, text => /^›●  Größer denken/m.test(text));
		await press(instance, 'm');
		text = await waitForFrame(instance, text => /^›   Größer denken/m.test(text));
		expect(services.calls.setRead.at(-1)).toEqual({ids: [38], read: true});
		expect(linesOf(text)[0]).toContain('19 ungelesen');
		await press(instance, 'm');
		await waitForFrame(instance, text => /^›●  Größer denken/m.test(text));
	});

	test('s stars the selected entry and the star is visible', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 's');
		await waitForFrame(instance, text => /^›●★ Warum Selbstständige/m.test(text));
		expect(services.calls.setStarred).toEqual([{id: 40, starred: true}]);
		await press(instance, 'q');
		await waitForFrame(instance, text => /Markiert +1$/m.test(text));
	});

	test('A marks everything in the view read', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, '20 ungelesen');
		await press(instance, 'A');
		const text = await waitForFrame(instance, '40 Einträge, 0 ungelesen');
		expect(text).not.toContain('●');
	});

	test('o opens the selected entry in the browser', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'o');
		await waitForFrame(instance, 'Öffne https://coaching-weber.de/40/');
		expect(services.calls.openUrl).toEqual(['https://coaching-weber.de/40/']);
	});

	test('long titles with emoji, CJK and German compounds stay on one line each', async () => {
		const services = createFakeServices({entryCount: 3});
		services.entries[0] = {...services.entries[0]!, title: '🚀 Rechtsschutzversicherungsgesellschaften und 日本語のタイトル: ein sehr langer Titel, der nie umbricht'};
		const {instance} = await renderReader(services, {initialView: 'all'});
		const text = await waitForFrame(instance, '🚀');
		expectFits(text, 80, 24);
		expect(linesOf(text)[1]).toMatch(/…/);
		expect(linesOf(text)[2]).toMatch(/„Nein“ sagen/);
	});

	test('escape sequences in feed titles are not drawn', async () => {
		const services = createFakeServices({entryCount: 3});
		services.entries[0] = {...services.entries[0]!, title: 'Harmlos\u001B]52;c;ZXZpbA==\u0007 \u001B[31mrot\u001B[0m'};
		const {instance} = await renderReader(services, {initialView: 'all'});
		const text = await waitForFrame(instance, 'Harmlos');
		expect(text).not.toContain('\u001B');
		expect(text).toContain('Harmlos rot');
	});
});

describe('article', () => {
	test('opening an article shows its header and body and marks it read', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		const text = await waitForFrame(instance, 'Gerendert (feed, 80)');
		const lines = linesOf(text);
		expect(lines[1]).toBe('Warum Selbstständige ihre Preise jährlich prüfen sollten');
		expect(lines[2]).toContain('Achtsam führen – Coaching Weber · von Katrin Weber · 20.11.2026');
		expect(lines[3]).toBe('https://coaching-weber.de/40/');
		expect(lines[4]).toMatch(/^── Inhalt aus dem Feed ─+$/);
		expect(services.calls.setRead).toEqual([{ids: [40], read: true}]);
		expect(services.calls.renderArticle).toEqual([{id: 40, width: 80, variant: 'feed'}]);
		await press(instance, 'q');
		const list = await waitForFrame(instance, 'blogroll › Alle');
		expect(linesOf(list)[1]).toMatch(/^›   Warum Selbstständige/);
		expect(linesOf(list)[0]).toContain('19 ungelesen');
	});

	test('while the rendering is pending the plain text is shown, never a blank page', async () => {
		const services = createFakeServices();
		services.holdRenders = true;
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		const text = await waitForFrame(instance, 'Viele meiner Klientinnen fragen mich:');
		expect(text).toContain('• Bestandsaufnahme machen');
		services.releaseRenders();
		await waitForFrame(instance, 'Gerendert (feed, 80)');
	});

	test('scrolls by line and page and shows the position', async () => {
		const {instance} = await renderReader(createFakeServices(), {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		let text = await waitForFrame(instance, 'Gerendert');
		expect(text).toMatch(/ 28%$/m);
		await press(instance, 'j');
		text = await waitForFrame(instance, text => !text.includes('Gerendert'));
		expect(linesOf(text)[5]).toContain('Zeile 1 des Artikels');
		await press(instance, 'space');
		text = await waitForFrame(instance, 'Zeile 17 des');
		expect(linesOf(text)[5]).toContain('Zeile 17 des Artikels');
		await press(instance, 'G');
		await waitForFrame(instance, text => / 100%$/m.test(text) && text.includes('Zeile 60 des'));
		await press(instance, 'g');
		await waitForFrame(instance, 'Gerendert');
	});

	test('J and K go to the next and previous article without going back', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Warum Selbstständige ihre Preise');
		await press(instance, 'J');
		let text = await waitForFrame(instance, '„Nein“ sagen lernen');
		expect(linesOf(text)[0]).toMatch(/2\/40$/);
		await press(instance, 'K');
		text = await waitForFrame(instance, 'Warum Selbstständige ihre Preise');
		expect(linesOf(text)[0]).toMatch(/1\/40$/);
	});

	test('n in the article opens the next unread article', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Warum Selbstständige ihre Preise');
		await press(instance, 'n');
		const text = await waitForFrame(instance, 'Größer denken, ohne sich zu übernehmen');
		expect(linesOf(text)[0]).toMatch(/3\/40$/);
		expect(services.calls.setRead.map(call => call.ids[0])).toEqual([40, 38]);
	});

	test('] and [ jump between FAQ questions, t lists them', async () => {
		const {instance} = await renderReader(createFakeServices(), {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, '2 Fragen: t Liste');
		await press(instance, ']');
		await waitForFrame(instance, text => linesOf(text)[5] === 'F: Was kostet ein Erstgespräch?');
		await press(instance, ']');
		await waitForFrame(instance, text => linesOf(text)[5] === 'F: Arbeiten Sie auch online?');
		await press(instance, '[');
		await waitForFrame(instance, text => linesOf(text)[5] === 'F: Was kostet ein Erstgespräch?');
		await press(instance, 't');
		const text = await waitForFrame(instance, 'Fragen (2)');
		expect(text).toMatch(/^› Was kostet ein Erstgespräch\?/m);
		await press(instance, 'j', 'enter');
		await waitForFrame(instance, text => linesOf(text)[5] === 'F: Arbeiten Sie auch online?');
	});

	test('typing a link number and Enter opens that link; unsafe links are never opened', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Gerendert');
		await press(instance, '2');
		await waitForFrame(instance, 'Link 2 öffnen');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Öffne https://coaching-weber.de/impressum/');
		expect(services.calls.openUrl).toEqual(['https://coaching-weber.de/impressum/']);
		await press(instance, '3', 'enter');
		await waitForFrame(instance, 'javascript:alert(1)');
		await press(instance, '9', 'enter');
		await waitForFrame(instance, 'Es gibt keinen Link 9');
		expect(services.calls.openUrl).toHaveLength(1);
	});

	test('L shows the link list to pick from', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Gerendert');
		await press(instance, 'L');
		const text = await waitForFrame(instance, 'Links (3)');
		expect(text).toContain('[1] https://coaching-weber.de/mentoring/ — Mentoring');
		await press(instance, 'j', 'enter');
		await waitForFrame(instance, 'Öffne https://coaching-weber.de/impressum/');
		expect(services.calls.openUrl).toEqual(['https://coaching-weber.de/impressum/']);
	});

	test('f fetches the full article once and toggles back to the feed content', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Gerendert (feed');
		await press(instance, 'f');
		let text = await waitForFrame(instance, 'Gerendert (full');
		expect(linesOf(text)[4]).toContain('── ganzer Artikel ──');
		expect(services.calls.fetchFullArticle).toEqual([40]);
		await press(instance, 'f');
		text = await waitForFrame(instance, 'Gerendert (feed');
		await press(instance, 'f');
		await waitForFrame(instance, 'Gerendert (full');
		expect(services.calls.fetchFullArticle).toEqual([40]);
	});

	test('a failing full-article fetch shows its error inline and keeps the feed content', async () => {
		const services = createFakeServices();
		services.fullResult = () => ({kind: 'failed', reason: 'timeout', message: 'Zeitüberschreitung bei https://coaching-weber.de/40/'});
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Gerendert (feed');
		await press(instance, 'f');
		const text = await waitForFrame(instance, '! Ganzer Artikel nicht verfügbar: Zeitüberschreitung');
		expect(text).toContain('Gerendert (feed');
	});
});

describe('overlays and prompts', () => {
	test('? shows the help generated from the keymap, Esc closes it', async () => {
		const {instance} = await renderReader(createFakeServices());
		await waitForFrame(instance, 'Alle');
		await press(instance, '?');
		const text = await waitForFrame(instance, 'Tasten');
		expect(text).toMatch(/j ↓ +Nach unten/);
		expect(text).toMatch(/a +Feed per URL hinzufügen/);
		// The help of the feeds screen is longer than 24 rows: it scrolls like any list.
		await press(instance, 'G');
		expect(await waitForFrame(instance, 'Strg-L')).toMatch(/Strg-L +Bildschirm neu zeichnen/);
		await press(instance, 'escape');
		await waitForFrame(instance, text => !text.includes('Tasten') && text.includes('› ') && text.includes('Alle'));
	});

	test('a adds a feed by url and shows it; a failure stays in the prompt', async () => {
		const services = createFakeServices();
		services.addResult = {kind: 'failed', reason: 'no-feed', message: 'Kein Feed gefunden auf https://beispiel-coaching.de/'};
		const {instance} = await renderReader(services);
		await waitForFrame(instance, 'Alle');
		await press(instance, 'a');
		await waitForFrame(instance, 'URL eines Feeds oder einer Website:');
		await press(instance, 'https://beispiel-coaching.de/');
		await waitForFrame(instance, 'https://beispiel-coaching.de/_');
		await press(instance, 'enter');
		await waitForFrame(instance, '! Kein Feed gefunden auf https://beispiel-coaching.de/');
		expect(services.calls.addFeed).toEqual(['https://beispiel-coaching.de/']);
		services.addResult = {kind: 'added', title: 'Beispiel Coaching', entryCount: 12};
		await press(instance, 'backspace', 'enter');
		const text = await waitForFrame(instance, '„Beispiel Coaching“ hinzugefügt (12 Einträge)');
		expect(text).toContain('Beispiel Coaching');
		expect(services.calls.addFeed).toEqual(['https://beispiel-coaching.de/', 'https://beispiel-coaching.de']);
	});

	test('Esc leaves the add prompt without adding anything', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await waitForFrame(instance, 'Alle');
		await press(instance, 'a', 'xyz', 'escape');
		await waitForFrame(instance, text => text.includes('Alle') && !text.includes('URL eines Feeds'));
		expect(services.calls.addFeed).toEqual([]);
	});

	test('d asks before removing a feed; n keeps it, j (ja) removes it', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		const start = await waitForFrame(instance, 'Schreibstube Süß');
		const row = linesOf(start).findIndex(line => line.includes('Schreibstube Süß')) - 1;
		await press(instance, ...Array.from({length: row}, () => 'j'), 'd');
		await waitForFrame(instance, 'Den Feed „Schreibstube Süß“ mit seinen Einträgen entfernen?');
		await press(instance, 'n');
		await waitForFrame(instance, text => !text.includes('entfernen?') && text.includes('Schreibstube Süß'));
		expect(services.calls.removeFeed).toEqual([]);
		await press(instance, 'd', 'j');
		const text = await waitForFrame(instance, '„Schreibstube Süß“ entfernt');
		expect(services.calls.removeFeed).toEqual([5]);
		expect(text.split('\n').filter(line => line.includes('Schreibstube Süß'))).toHaveLength(1);
	});

	test('d on a virtual view does nothing', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await waitForFrame(instance, 'Alle');
		await press(instance, 'd');
		expect(frame(instance)).not.toContain('entfernen?');
	});
});

describe('refresh', () => {
	test('a stale cache refreshes in the background with progress, new entries appear without moving the selection', async () => {
		const services = createFakeServices({stale: true});
		const {instance} = await renderReader(services, {initialView: 'all', refreshOnStart: true});
		await waitForFrame(instance, 'Aktualisiere 0/5 …');
		expect(services.calls.refresh).toEqual(['due']);
		// Rendering is prepared once, after the first frame, not on every render.
		expect(services.calls.prepareRendering).toBe(1);
		await press(instance, 'j', 'j');
		await waitForFrame(instance, text => /^›●  Größer denken/m.test(text));
		services.addEntry(1, 'Frisch veröffentlicht: Jahresrückblick 2026');
		services.refreshes[0]!.progress({done: 1, total: 5, newEntries: 1});
		const text = await waitForFrame(instance, text => text.includes('Aktualisiere 1/5 …') && text.includes('41 Einträge'));
		// Still on the same entry, on the same screen row: the new entry is just above the window.
		expect(linesOf(text)[3]).toMatch(/^›●  Größer denken/);
		expect(text).not.toContain('Frisch veröffentlicht');
		services.refreshes[0]!.finish({feeds: 5, newEntries: 1, failures: []});
		await waitForFrame(instance, 'Aktualisiert: 1 neu, 0 fehlgeschlagen');
		await press(instance, 'g');
		await waitForFrame(instance, text => /^›●  Frisch veröffentlicht: Jahresrückblick 2026/m.test(text));
	});

	test('r refreshes the selected feed and R all feeds; a second refresh waits for the first', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		const start = await waitForFrame(instance, 'Schreibstube Süß');
		const row = linesOf(start).findIndex(line => line.includes('Schreibstube Süß')) - 1;
		await press(instance, ...Array.from({length: row}, () => 'j'), 'r');
		await waitForFrame(instance, 'Aktualisiere 0/1 …');
		expect(services.calls.refresh).toEqual([[5]]);
		await press(instance, 'R');
		await waitForFrame(instance, 'Eine Aktualisierung läuft bereits');
		services.refreshes[0]!.finish({feeds: 1, newEntries: 0, failures: [{feedId: 5, title: 'Schreibstube Süß', message: 'HTTP 500'}]});
		await waitForFrame(instance, 'Aktualisiert: 0 neu, 1 fehlgeschlagen');
		await press(instance, 'R');
		await waitForFrame(instance, 'Aktualisiere 0/5 …');
		expect(services.calls.refresh).toEqual([[5], 'all']);
	});

	test('a refresh storing feed after feed redraws its progress and re-reads the feed list a few times, not once per feed; the last figures show', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await waitForFrame(instance, 'Schreibstube Süß');
		await press(instance, 'R');
		await waitForFrame(instance, 'Aktualisiere 0/5 …');
		// Every re-read of the feed list counts every feed's entries: tens of milliseconds in a big cache.
		let feedListReads = 0;
		const listFeeds = services.listFeeds.bind(services);
		(services as {listFeeds: typeof listFeeds}).listFeeds = () => {
			feedListReads++;
			return listFeeds();
		};
		// 40 feeds stored in quick succession, each with a new entry, each in its own turn of the event loop.
		for (let done = 1; done <= 40; done++) {
			services.addEntry(1 + (done % 5), `Neu aus der Schreibstube: Folge ${done} – „Gründen mit Herz“`);
			services.refreshes[0]!.progress({done, total: 40, newEntries: done});
			await tick(1);
		}
		expect(feedListReads).toBeLessThanOrEqual(2);
		// The last progress is drawn once its interval is over, without another feed finishing.
		await waitForFrame(instance, 'Aktualisiere 40/40 …');
		services.refreshes[0]!.finish({feeds: 40, newEntries: 40, failures: []});
		await waitForFrame(instance, 'Aktualisiert: 40 neu, 0 fehlgeschlagen');
	});
});

describe('big lists and layouts', () => {
	test('G in a 50 000-entry view shows the oldest entries and loads only a window of rows', async () => {
		const services = createFakeServices({entryCount: 50_000});
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, '50.000 Einträge');
		await press(instance, 'G');
		const text = await waitForFrame(instance, text => /^›/m.test(linesOf(text)[21] ?? ''));
		const rows = linesOf(text).slice(1, 22);
		expect(rows).toHaveLength(21);
		expect(rows[20]).toMatch(/^›/);
		expectFits(text, 80, 24);
		expect(Math.max(...services.calls.listEntries.map(page => page.limit))).toBeLessThanOrEqual(63);
		expect(services.calls.listEntries.reduce((sum, page) => sum + page.limit, 0)).toBeLessThan(200);
		await press(instance, 'k', 'g');
		await waitForFrame(instance, text => /^›.*Warum Selbstständige/m.test(text));
	});

	test('the next rows are read while the selection rests near the end of the loaded ones, not on the key that needs them', async () => {
		const services = createFakeServices({entryCount: 300});
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, '300 Einträge');
		const loadedAtStart = services.calls.listEntries.length;
		// 21 rows on screen, 42 loaded: 32 moves leave fewer than half a window of rows below it.
		await press(instance, 'j'.repeat(32));
		await waitForFrame(instance, () => services.calls.listEntries.length > loadedAtStart);
		const loadedAtRest = services.calls.listEntries.length;
		await press(instance, 'j'.repeat(12));
		const text = await waitForFrame(instance, text => /^›/m.test(linesOf(text)[21] ?? '') && text.includes('45/300'));
		expect(text).toContain('45/300');
		expect(services.calls.listEntries.length).toBe(loadedAtRest);
	});

	test('80x24 fits: every line within 80 columns, 24 rows', async () => {
		const {instance} = await renderReader(createFakeServices(), {columns: 80, rows: 24, initialView: 'all'});
		let text = await waitForFrame(instance, 'blogroll › Alle');
		expect(linesOf(text)).toHaveLength(24);
		expectFits(text, 80, 24);
		await press(instance, 'enter');
		text = await waitForFrame(instance, 'Gerendert');
		expect(linesOf(text)).toHaveLength(24);
		expectFits(text, 80, 24);
	});

	test('200x50 shows feeds, entries and a preview side by side', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {columns: 200, rows: 50});
		let text = await waitForFrame(instance, '│');
		expect(linesOf(text)).toHaveLength(50);
		expectFits(text, 200, 50);
		expect(linesOf(text)[1]).toMatch(/Alle.*│.*Warum Selbstständige.*│Alle/);
		await press(instance, 'enter');
		text = await waitForFrame(instance, frame => /Gerendert \(feed, \d+\)/.test(frame));
		expect(linesOf(text)[1]).toMatch(/│›●  Warum Selbstständige.*│Warum Selbstständige/);
		expectFits(text, 200, 50);
	});

	test('the preview is rendered for the entry the selection rests on, not for every row passed', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {columns: 200, rows: 50, previewDelayMs: 400});
		await waitForFrame(instance, '│');
		await press(instance, 'enter', 'jjj');
		// The passed rows show their plain text at once; none of them is rendered.
		await waitForFrame(instance, text => /│›   Steuerliche Fallstricke/.test(text) && /│Steuerliche Fallstricke/.test(linesOf(text)[1] ?? ''));
		expect(services.calls.renderArticle).toEqual([]);
		await waitForFrame(instance, frame => /Gerendert \(feed, \d+\): Steuerliche Fallstricke/.test(frame));
		expect(services.calls.renderArticle.map(call => call.id)).toEqual([services.entries[3]!.id]);
	});

	test('on a wide terminal the entries pane follows the feeds selection where it rests, not every row passed', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {columns: 160, rows: 50});
		await waitForFrame(instance, '│');
		const pagesBefore = services.calls.listEntries.length;
		// Three moves in one read (key repeat): Alle → Ungelesen → Markiert → # Beratung.
		await press(instance, 'jjj');
		await waitForFrame(instance, text => /^› +# Beratung/m.test(text) && /│›?.*Kanzlei Grün/.test(linesOf(text)[1] ?? ''));
		expect(services.calls.listEntries.length - pagesBefore).toBe(1);
	});

	test('resizing re-lays out from narrow to wide and back', async () => {
		const {instance, resize} = await renderReader(createFakeServices(), {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		resize(160, 50);
		let text = await waitForFrame(instance, text => linesOf(text).length === 50);
		expectFits(text, 160, 50);
		expect(text).toContain('│');
		resize(80, 24);
		text = await waitForFrame(instance, text => linesOf(text).length === 24);
		expectFits(text, 80, 24);
		expect(text).not.toContain('│');
	});

	test('without colour every state is still visible by its marker', async () => {
		const services = createFakeServices();
		services.entries[1] = {...services.entries[1]!, isStarred: true};
		const {instance} = await renderReader(services, {color: false, initialView: 'all'});
		const text = await waitForFrame(instance, 'blogroll › Alle');
		expect(text).not.toContain('\u001B[');
		expect(linesOf(text)[1]).toMatch(/^›● /);
		expect(linesOf(text)[2]).toMatch(/^  ★ /);
		await press(instance, 'q');
		const feeds = await waitForFrame(instance, 'Freiraum');
		expect(feeds).toMatch(/ ! +Freiraum Design Studio/);
	});

	test('Ctrl-L redraws the same screen', async () => {
		const {instance} = await renderReader(createFakeServices(), {initialView: 'all'});
		const before = await waitForFrame(instance, 'blogroll › Alle');
		const frames = instance.frames.length;
		await press(instance, 'ctrl+l');
		await waitForFrame(instance, () => instance.frames.length > frames);
		expect(frame(instance)).toBe(before);
	});
});


describe('the unread view', () => {
	test('read entries keep their rows while the list is open, and leave it once the user leaves', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {initialView: 'unread'});
		let text = await waitForFrame(instance, 'blogroll › Ungelesen');
		expect(linesOf(text)[0]).toContain('20 Einträge, 20 ungelesen');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Warum Selbstständige ihre Preise');
		await press(instance, 'J');
		await waitForFrame(instance, 'Größer denken, ohne sich zu übernehmen');
		await press(instance, 'q');
		text = await waitForFrame(instance, text => text.includes('blogroll › Ungelesen') && text.includes('18 ungelesen'));
		expect(linesOf(text)[0]).toContain('20 Einträge, 18 ungelesen');
		expect(linesOf(text)[1]).toMatch(/^ +Warum Selbstständige ihre Preise/);
		expect(linesOf(text)[2]).toMatch(/^› +Größer denken/);
		await press(instance, 'q', 'enter');
		text = await waitForFrame(instance, text => text.includes('blogroll › Ungelesen') && text.includes('18 Einträge'));
		expect(text).not.toContain('Warum Selbstständige ihre Preise jährlich prüfen sollten ');
	});

	test('going back to the feeds and into the same list keeps the position', async () => {
		const {instance} = await renderReader(createFakeServices(), {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'j', 'j', 'j', 'q');
		await waitForFrame(instance, text => /^› +Alle +20$/m.test(text));
		await press(instance, 'enter');
		await waitForFrame(instance, text => /^›   Steuerliche Fallstricke/m.test(text));
	});
});

describe('fast typing', () => {
	test('keys that arrive in one read (key repeat) each count', async () => {
		const {instance} = await renderReader(createFakeServices(), {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'jjj');
		await waitForFrame(instance, text => /^›   Steuerliche Fallstricke/m.test(text));
		await press(instance, 'k\r');
		await waitForFrame(instance, 'Gerendert (feed, 80): Größer denken');
	});
});

describe('blank lines', () => {
	test('blank lines between paragraphs of the article are kept', async () => {
		const services = createFakeServices();
		services.render = () => ({lines: ['Erster Absatz über Preise.', '', 'Zweiter Absatz über Angebote.'], links: [], questions: []});
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		const text = await waitForFrame(instance, 'Zweiter Absatz');
		expect(linesOf(text)[5]).toBe('Erster Absatz über Preise.');
		expect(linesOf(text)[6]?.trim()).toBe('');
		expect(linesOf(text)[7]).toBe('Zweiter Absatz über Angebote.');
	});
});
