import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {failed} from '../../source/failure.js';
import {displayWidth} from '../../source/text/width.js';
import {suggestionWhy} from '../../source/ui/components/suggestion-list.js';
import {stringsFor} from '../../source/ui/strings.js';
import {createFakeServices, GERMAN_SUGGESTIONS} from './fake-services.js';
import {frame, linesOf, press, renderReader, waitForFrame, type Instance} from './helpers.js';

afterEach(() => {
	cleanup();
});

function expectFits(text: string, columns: number, rows: number): void {
	const lines = linesOf(text);
	expect(lines.length).toBeLessThanOrEqual(rows);
	for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
}

/** D on the feeds screen, until the suggestions (or the empty state) are shown. */
async function openDiscover(instance: Instance, expected = 'Praxisnah'): Promise<string> {
	await waitForFrame(instance, 'Alle');
	await press(instance, 'D');
	return waitForFrame(instance, text => text.includes('blogroll › Entdecken') && text.includes(expected));
}

describe('the Discover screen', () => {
	test('D on the feeds screen lists the suggestions best first: title, site, date, posts a month, why; dormant marked', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		const feeds = await waitForFrame(instance, 'Alle');
		expect(feeds).toContain('D entdecken');
		const text = await openDiscover(instance);
		const lines = linesOf(text);
		expect(lines[0]).toMatch(/^blogroll › Entdecken +3 Vorschläge$/);
		// At 80 columns long site names give way to the title.
		expect(lines[1]).toMatch(/^› Praxisnah – Supervision & Coaching +praxisnah-supervis… +12\.11\. +4,3\/Monat$/);
		expect(lines[2]).toMatch(/^ {4}in den Blogrolls von Achtsam führen – Coaching Weber und Müller Organisatio…$/);
		expect(lines[3]).toMatch(/^ {2}Kreidezeit – Notizen aus dem Klass… +kreidezeit-blog\.de +19\.11\. +12\/Monat$/);
		expect(lines[4]).toBe('    3-mal verlinkt von Schreibstube Süß');
		expect(lines[5]).toMatch(/Altes Handwerk: Buchbinderei Öhlin… +altes-handwerk\.at +03\.02\.2024 +ruht$/);
		// The info line names the feed a subscription would follow.
		expect(text).toContain('https://praxisnah-supervision.de/feed/');
		expect(text).toMatch(/Eingabe öffnen +q zurück +a abonnieren +x ausblenden/);
		expectFits(text, 80, 24);
		// What is known first, then a bounded probe in the background.
		expect(services.calls.listSuggestions).toBe(1);
		expect(services.calls.findSuggestions).toEqual([{refresh: false}]);
	});

	test('D on the welcome screen (no feeds yet) opens Discover too, and q goes back to the welcome screen', async () => {
		const services = createFakeServices({feeds: [], entryCount: 0});
		const {instance} = await renderReader(services, {columns: 80, rows: 24});
		const welcome = await waitForFrame(instance, 'Willkommen bei blogroll');
		expect(welcome).toContain('D entdecken');
		expectFits(welcome, 80, 24);
		await press(instance, 'D');
		const text = await waitForFrame(instance, found => found.includes('blogroll › Entdecken') && found.includes('Praxisnah'));
		expectFits(text, 80, 24);
		await press(instance, 'q');
		await waitForFrame(instance, found => found.includes('Willkommen bei blogroll') && !found.includes('Entdecken'));
	});

	test('q goes back to the feeds screen', async () => {
		const {instance} = await renderReader(createFakeServices());
		await openDiscover(instance);
		await press(instance, 'q');
		await waitForFrame(instance, text => text.includes('# Beratung') && !text.includes('Entdecken'));
	});

	test('the reasons read as plain words in both languages', () => {
		const [praxisnah, kreidezeit, handwerk] = GERMAN_SUGGESTIONS;
		expect(suggestionWhy(praxisnah!, stringsFor('en'))).toBe(
			'in the blogrolls of Achtsam führen – Coaching Weber and Müller Organisationsentwicklung; linked 7 times from 3 of your feeds',
		);
		expect(suggestionWhy(praxisnah!, stringsFor('de'))).toBe(
			'in den Blogrolls von Achtsam führen – Coaching Weber und Müller Organisationsentwicklung; 7-mal verlinkt von 3 deiner Feeds',
		);
		expect(suggestionWhy(kreidezeit!, stringsFor('en'))).toBe('linked 3 times from Schreibstube Süß');
		expect(suggestionWhy(handwerk!, stringsFor('en'))).toBe('in the blogroll of Kanzlei Grünwald: Recht für Gründerinnen');
		expect(suggestionWhy(handwerk!, stringsFor('de'))).toBe('in der Blogroll von Kanzlei Grünwald: Recht für Gründerinnen');
	});

	test('Enter previews the latest posts without subscribing; Enter again renders one like any article', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await openDiscover(instance);
		await press(instance, 'enter');
		const posts = await waitForFrame(instance, 'Supervision im Team');
		const lines = linesOf(posts);
		expect(lines[0]).toMatch(/^blogroll › Entdecken › Praxisnah – Supervision & Coaching +3 Beiträge$/);
		expect(lines[1]).toMatch(/^› +Supervision im Team: wenn „alle reden“ und keiner zuhört +18\.11\.$/);
		expect(posts).toContain('Vorschau, nicht abonniert · a abonniert');
		expect(services.calls.previewSuggestion).toEqual(['https://praxisnah-supervision.de/feed/']);

		await press(instance, 'j', 'enter');
		const article = await waitForFrame(instance, 'Gerendert (feed, 80): Fünf Fragen für das erste Gespräch');
		expect(article).toContain('von Dr. Renate Öztürk');
		expect(article).toContain('https://praxisnah-supervision.de/2025/beitrag-2/');
		// Rendered through the one render path, under an id no stored entry has.
		expect(services.calls.renderArticle).toHaveLength(1);
		expect(services.calls.renderArticle[0]!.id).toBeLessThan(0);
		// Nothing subscribed, nothing marked.
		expect(services.calls.subscribeToSuggestion).toEqual([]);
		expect(services.calls.addFeed).toEqual([]);
		expect(services.calls.setRead).toEqual([]);
		expectFits(article, 80, 24);

		await press(instance, 'space');
		await waitForFrame(instance, 'Zeile 19 des Artikels');
		// Its links as in any article: a number and Enter, or L for the list.
		await press(instance, '2', 'enter');
		await waitForFrame(instance, () => services.calls.openUrl.length === 1);
		expect(services.calls.openUrl).toEqual(['https://coaching-weber.de/impressum/']);
		await press(instance, 'L');
		await waitForFrame(instance, 'Links (3)');
		await press(instance, 'escape');
		await waitForFrame(instance, text => text.includes('Zeile 19 des Artikels') && !text.includes('Links (3)'));
		// J and K step through the preview's posts, each from its top.
		await press(instance, 'J');
		await waitForFrame(instance, 'Gerendert (feed, 80): Über Grenzen');
		await press(instance, 'J');
		expect(frame(instance)).toContain('Gerendert (feed, 80): Über Grenzen');
		await press(instance, 'K');
		await waitForFrame(instance, 'Gerendert (feed, 80): Fünf Fragen');
		expect(frame(instance)).not.toContain('Zeile 19 des Artikels');
		await press(instance, 'q');
		await waitForFrame(instance, text => text.includes('› ') && text.includes('3 Beiträge') && !text.includes('Gerendert'));
		await press(instance, 'q');
		await waitForFrame(instance, '3 Vorschläge');
	});

	test('in the open preview post, L without links and J / K at the ends say so on the status line, as in any article', async () => {
		const services = createFakeServices();
		services.render = entry => ({lines: [`Gerendert: ${entry.title ?? ''}`, 'Ein Beitrag ganz ohne Verweise.'], links: [], questions: []});
		const {instance} = await renderReader(services);
		await openDiscover(instance);
		await press(instance, 'enter');
		await waitForFrame(instance, 'Supervision im Team');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Gerendert: Supervision im Team');
		await press(instance, 'L');
		const links = await waitForFrame(instance, 'Dieser Artikel enthält keine Links.');
		// No overlay that offers Enter: the post stays on screen and keys go to it.
		expect(links).toContain('Ein Beitrag ganz ohne Verweise.');
		expect(links).not.toContain('Links (0)');
		await press(instance, 'K');
		const first = await waitForFrame(instance, 'Das ist der erste Eintrag der Liste');
		expect(first).toContain('Gerendert: Supervision im Team');
		await press(instance, 'J', 'J');
		await waitForFrame(instance, 'Gerendert: Über Grenzen');
		await press(instance, 'J');
		const last = await waitForFrame(instance, 'Das ist der letzte Eintrag der Liste');
		expect(last).toContain('Gerendert: Über Grenzen');
	});

	test('f in a previewed post shows its page’s full text, kept in the preview only; f again the feed’s text', async () => {
		const services = createFakeServices();
		const rendered: string[] = [];
		const render = services.render;
		services.render = (entry, width, variant) => {
			rendered.push(variant === 'full' ? entry.fullContent ?? '' : entry.content ?? '');
			return render(entry, width, variant);
		};
		const {instance} = await renderReader(services);
		await openDiscover(instance);
		await press(instance, 'enter');
		await waitForFrame(instance, 'Supervision im Team');
		await press(instance, 'j', 'enter');
		await waitForFrame(instance, 'Gerendert (feed, 80): Fünf Fragen für das erste Gespräch');
		await press(instance, 'f');
		await waitForFrame(instance, 'Gerendert (full, 80): Fünf Fragen für das erste Gespräch');
		expect(services.calls.extractPage).toEqual(['https://praxisnah-supervision.de/2025/beitrag-2/']);
		expect(services.calls.renderArticle.at(-1)).toMatchObject({variant: 'full', width: 80});
		expect(rendered.at(-1)).toContain('Über „gute Sätze“ schreibe ich seit Jahren');
		// Nothing of a feed not subscribed goes into the cache.
		expect(services.calls.fetchFullArticle).toEqual([]);
		expect(services.calls.addFeed).toEqual([]);
		// f toggles back without a second request; J and K back to this post keep the page.
		await press(instance, 'f');
		await waitForFrame(instance, 'Gerendert (feed, 80): Fünf Fragen');
		await press(instance, 'J');
		await waitForFrame(instance, 'Gerendert (feed, 80): Über Grenzen');
		await press(instance, 'K', 'f');
		await waitForFrame(instance, 'Gerendert (full, 80): Fünf Fragen');
		expect(services.calls.extractPage).toHaveLength(1);
	});

	test('f in a previewed post whose page cannot be read says why in one line and keeps the feed’s text', async () => {
		const services = createFakeServices();
		services.pageResult = url => failed('http-404', `HTTP 404 for ${url}`, {url, status: 404});
		const {instance} = await renderReader(services, {language: 'en'});
		await waitForFrame(instance, 'All');
		await press(instance, 'D');
		await waitForFrame(instance, text => text.includes('blogroll › Discover') && text.includes('Praxisnah'));
		await press(instance, 'enter');
		await waitForFrame(instance, 'Supervision im Team');
		await press(instance, 'enter');
		await waitForFrame(instance, text => /Gerendert \(feed, 80\): Supervision im Team/.test(text));
		await press(instance, 'f');
		const failedFrame = await waitForFrame(instance, 'Full article not available');
		expect(failedFrame).toContain('Gerendert (feed, 80): Supervision im Team');
		expect(linesOf(failedFrame).filter(line => line.includes('404'))).toHaveLength(1);
	});

	test('a failed preview says why in one line, and back returns to the suggestions', async () => {
		const services = createFakeServices();
		services.previewResult = () => failed('http', 'HTTP 503 bei https://praxisnah-supervision.de/feed/');
		const {instance} = await renderReader(services);
		await openDiscover(instance);
		await press(instance, 'enter');
		await waitForFrame(instance, '! Keine Vorschau: HTTP 503 bei https://praxisnah-supervision.de/feed/');
		await press(instance, 'escape');
		await waitForFrame(instance, '3 Vorschläge');
	});

	test('a subscribes with the tags prompt; the feed is in the feeds list and no longer suggested', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await openDiscover(instance);
		await press(instance, 'a');
		const prompt = await waitForFrame(instance, 'abonnieren mit den Schlagwörtern:');
		expect(prompt).toContain('„Praxisnah – Supervision &…“ abonnieren');
		expect(prompt).toContain('Eingabe abonniert, Esc bricht ab');
		await press(instance, 'Coaching, Supervision', 'enter');
		const text = await waitForFrame(instance, '„Praxisnah – Supervision & Coaching“ abonniert (3 Einträge)');
		expect(services.calls.subscribeToSuggestion).toEqual([{feedUrl: 'https://praxisnah-supervision.de/feed/', tags: ['Coaching', 'Supervision']}]);
		expect(text).toContain('2 Vorschläge');
		expect(linesOf(text)[1]).toMatch(/^› Kreidezeit/);
		await press(instance, 'q');
		const feeds = await waitForFrame(instance, '# Supervision');
		expect(feeds).toContain('Praxisnah – Supervision & Coaching');
	});

	test('Esc in the tags prompt subscribes to nothing', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await openDiscover(instance);
		await press(instance, 'a');
		await waitForFrame(instance, 'abonnieren mit den Schlagwörtern:');
		await press(instance, 'Coaching', 'escape');
		await waitForFrame(instance, text => !text.includes('abonnieren mit') && text.includes('3 Vorschläge'));
		expect(services.calls.subscribeToSuggestion).toEqual([]);
	});

	test('a in the preview subscribes to the previewed suggestion; a failure is one line and keeps it', async () => {
		const services = createFakeServices();
		services.subscribeFailure = 'Kein gültiger Feed unter https://kreidezeit-blog.de/feed/';
		const {instance} = await renderReader(services);
		await openDiscover(instance);
		await press(instance, 'j', 'enter');
		await waitForFrame(instance, 'Supervision im Team');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Gerendert');
		await press(instance, 'a');
		await waitForFrame(instance, text => text.includes('„Kreidezeit – Notizen aus') && text.includes('abonnieren mit den Schlagwörtern'));
		await press(instance, 'enter');
		await waitForFrame(instance, 'Kein gültiger Feed unter https://kreidezeit-blog.de/feed/');
		expect(services.calls.subscribeToSuggestion).toEqual([{feedUrl: 'https://kreidezeit-blog.de/feed/', tags: []}]);
		await press(instance, 'q', 'q');
		await waitForFrame(instance, '3 Vorschläge');
	});

	test('x dismisses the selected suggestion: gone from the list, with a message saying how to bring it back', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await openDiscover(instance);
		await press(instance, 'j', 'x');
		const text = await waitForFrame(instance, '2 Vorschläge');
		expect(services.calls.dismissSuggestion).toEqual(['kreidezeit-blog.de']);
		expect(linesOf(text).slice(1, 6).join('\n')).not.toContain('Kreidezeit');
		// The title gives way so that the way back fits the line.
		expect(text).toMatch(/^„Kreideze…“ ausgeblendet \(zurück: blogroll suggest undismiss kreidezeit-blog\.de\)$/m);
		// The selection moves to the row that took its place.
		expect(text).toMatch(/^› Altes Handwerk/m);
	});

	test('a dismissed suggestion stays away when a probe that began before answers with it', async () => {
		const services = createFakeServices();
		services.holdProbes = true;
		const {instance} = await renderReader(services);
		await openDiscover(instance);
		await press(instance, 'x');
		await waitForFrame(instance, '2 Vorschläge');
		// The probe's list was computed before the dismissal.
		services.foundSuggestions = [...GERMAN_SUGGESTIONS];
		services.probes[0]!.finish();
		await waitForFrame(instance, text => !text.includes('Frage Websites') && !text.includes('Schaue in Blogrolls'));
		expect(frame(instance)).toContain('2 Vorschläge');
		expect(linesOf(frame(instance)).slice(1, 6).join('\n')).not.toContain('Praxisnah');
	});

	test('the probe in the background shows its progress and adds what it finds', async () => {
		const services = createFakeServices({suggestions: []});
		services.holdProbes = true;
		const {instance} = await renderReader(services);
		await waitForFrame(instance, 'Alle');
		await press(instance, 'D');
		// Nothing known yet, but not "no suggestions" while the sites are asked.
		await waitForFrame(instance, text => text.includes('Suche Vorschläge …') && text.includes('Schaue in Blogrolls und Links nach …'));
		services.probes[0]!.progress({done: 1, total: 4});
		await waitForFrame(instance, 'Frage Websites nach ihren Feeds 1/4 …');
		services.foundSuggestions = [GERMAN_SUGGESTIONS[1]!];
		services.probes[0]!.finish();
		const text = await waitForFrame(instance, '1 neuer Vorschlag');
		expect(linesOf(text)[1]).toMatch(/^› Kreidezeit – Notizen aus dem Klasse… kreidezeit-blog\.de/);
		expect(text).toContain('1 Vorschlag');
	});

	test('a failing look for suggestions says so in one line and keeps what is listed', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await openDiscover(instance);
		services.findSuggestions = async () => {
			throw new TypeError('feedPointers is not iterable');
		};
		await press(instance, 'R');
		const text = await waitForFrame(instance, '! Suche nach Vorschlägen fehlgeschlagen: feedPointers is not iterable');
		expect(text).toContain('3 Vorschläge');
		// The probe is over: R may ask again.
		expect(text).not.toContain('Schaue in Blogrolls');
	});

	test('R asks the sites again (refresh) and says what it found', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await openDiscover(instance);
		await waitForFrame(instance, () => services.calls.findSuggestions.length === 1);
		await press(instance, 'R');
		await waitForFrame(instance, 'Keine neuen Vorschläge');
		expect(services.calls.findSuggestions).toEqual([{refresh: false}, {refresh: true}]);
		// R on Discover is not a refresh of the feeds.
		expect(services.calls.refresh).toEqual([]);
	});

	test('without suggestions the screen says how they arise', async () => {
		const services = createFakeServices({suggestions: []});
		const {instance} = await renderReader(services);
		const text = await openDiscover(instance, 'Noch keine Vorschläge.');
		expect(text).toContain('Lies zuerst ein paar Feeds; Vorschläge kommen aus ihren Blogrolls und Links.');
		expect(text).toContain('0 Vorschläge');
		expectFits(text, 80, 24);
		// Keys that need a suggestion do nothing.
		await press(instance, 'enter', 'a', 'x');
		expect(services.calls.previewSuggestion).toEqual([]);
		expect(services.calls.dismissSuggestion).toEqual([]);
		expect(frame(instance)).not.toContain('abonnieren mit');
	});

	test('speaks English: the empty state and the list', async () => {
		const empty = createFakeServices({suggestions: []});
		const first = await renderReader(empty, {language: 'en'});
		await waitForFrame(first.instance, 'All');
		await press(first.instance, 'D');
		await waitForFrame(first.instance, 'Read a few feeds first; suggestions come from their blogrolls and links.');
		cleanup();
		const {instance} = await renderReader(createFakeServices(), {language: 'en'});
		await waitForFrame(instance, 'All');
		expect(frame(instance)).toContain('D discover');
		await press(instance, 'D');
		const text = await waitForFrame(instance, 'blogroll › Discover');
		expect(text).toMatch(/Praxisnah – Supervision & Coaching +praxisnah-supervis… +Nov 12 +4\.3\/month/);
		expect(text).toMatch(/Altes Handwerk.*dormant$/m);
		expect(text).toContain('in the blogrolls of Achtsam führen');
	});

	test('the help lists Discover’s keys', async () => {
		const {instance} = await renderReader(createFakeServices());
		await openDiscover(instance);
		await press(instance, '?');
		const help = await waitForFrame(instance, 'Tasten');
		expect(help).toMatch(/a +Abonnieren \(fragt nach Schlagwörtern\)/);
		expect(help).toMatch(/x +Vorschlag dauerhaft ausblenden/);
		expect(help).toMatch(/R +Die Websites erneut fragen/);
	});
});

describe('Discover and hostile text', () => {
	test('control sequences in a suggestion’s title, site or reasons never reach the terminal', async () => {
		const hostile = {
			...GERMAN_SUGGESTIONS[0]!,
			title: 'Praxisnah\u001B[2J\u001B]8;;https://böse.example\u0007 – Supervision',
			siteUrl: 'https://praxisnah-supervision.de/\u001B[31m',
			reasons: [{kind: 'blogroll' as const, feed: 'Achtsam\u001B[1m führen\r\nFalsche Zeile'}],
		};
		for (const columns of [80, 160]) {
			const {instance} = await renderReader(createFakeServices({suggestions: [hostile]}), {columns, rows: columns === 80 ? 24 : 50});
			const text = await openDiscover(instance);
			expect(text).not.toMatch(/[\u001B\u0007\r]/);
			expect(text).toContain('in der Blogroll von Achtsam führen Falsche Zeile');
			await press(instance, 'enter');
			const preview = await waitForFrame(instance, 'Supervision im Team');
			expect(preview).not.toMatch(/[\u001B\u0007\r]/);
			cleanup();
		}
	});
});

describe('Discover on a wide terminal', () => {
	test('160x50: the suggestions beside the selected one’s details, each reason on its own line', async () => {
		const {instance} = await renderReader(createFakeServices(), {columns: 160, rows: 50});
		const text = await openDiscover(instance);
		expectFits(text, 160, 50);
		expect(linesOf(text)).toHaveLength(50);
		const lines = linesOf(text);
		expect(lines[1]).toMatch(/^› Praxisnah – Supervision & Coaching .*│Praxisnah – Supervision & Coaching/);
		expect(text).toMatch(/│Website +https:\/\/praxisnah-supervision\.de\/ *$/m);
		expect(text).toMatch(/│Warum +in der Blogroll von Achtsam führen – Coaching Weber *$/m);
		expect(text).toMatch(/│ +4-mal verlinkt von Schreibstube Süß *$/m);
		await press(instance, 'G');
		await waitForFrame(instance, text => /│Beiträge +0\/Monat · ruht/.test(text));
	});

	test('the preview’s posts beside the selected post, rendered where the selection rests', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {columns: 160, rows: 50, previewDelayMs: 10});
		await openDiscover(instance);
		await press(instance, 'enter');
		const text = await waitForFrame(instance, 'Gerendert (feed, 71): Supervision im Team');
		expect(linesOf(text)[1]).toMatch(/^› +Supervision im Team.*│Supervision im Team/);
		expectFits(text, 160, 50);
		await press(instance, 'enter');
		await waitForFrame(instance, 'Gerendert (feed, 160): Supervision im Team');
	});

	test('a resize keeps the selected suggestion in view', async () => {
		const many = Array.from({length: 30}, (_, index) => ({...GERMAN_SUGGESTIONS[1]!, site: `blog-${index}.de`, title: `Lehrerzimmer ${index + 1}`}));
		const {instance, resize} = await renderReader(createFakeServices({suggestions: many}), {columns: 160, rows: 50});
		await openDiscover(instance, 'Lehrerzimmer 1');
		await press(instance, 'G');
		await waitForFrame(instance, '› Lehrerzimmer 30');
		resize(80, 24);
		const text = await waitForFrame(instance, text => text.includes('› Lehrerzimmer 30') && !text.includes('│'));
		expectFits(text, 80, 24);
		expect(text).toContain('30/30');
	});
});
