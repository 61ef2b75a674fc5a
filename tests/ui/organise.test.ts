import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {entryRowSegments} from '../../source/ui/components/entry-list.js';
import {stringsFor} from '../../source/ui/strings.js';
import {displayWidth} from '../../source/text/width.js';
import {createFakeServices, fakeTitleMatches, NOW, type FakeServices} from './fake-services.js';
import {frame, linesOf, press, renderReader, waitForFrame, type Instance} from './helpers.js';

afterEach(() => {
	cleanup();
});

const MENTORING = 'Mentoring: warum jede Führungskraft eine Mentorin braucht';

/** The fake with last month's post about mentoring among the usual entries. */
function withMentoringPost(): FakeServices {
	const services = createFakeServices();
	const post = services.addEntry(4, MENTORING);
	// Last month, and read long ago: the search must find it anyway.
	const index = services.entries.indexOf(post);
	services.entries.splice(index, 1);
	services.entries.push({...post, date: '2026-10-14T08:30:00.000Z', published: '2026-10-14T08:30:00.000Z', isRead: true});
	services.setRead([post.id], true);
	services.calls.setRead.length = 0;
	return services;
}

/** Moves the feeds selection down to the first row containing `text`. */
async function selectRow(instance: Instance, text: string): Promise<void> {
	const lines = linesOf(await waitForFrame(instance, text));
	const row = lines.findIndex(line => line.includes(text)) - 1;
	await press(instance, ...Array.from({length: row}, () => 'j'));
	await waitForFrame(instance, current => linesOf(current).some(line => line.startsWith('›') && line.includes(text)));
}

describe('search', () => {
	test('/ mentoring Enter Enter finds last month’s post and opens it', async () => {
		const services = withMentoringPost();
		const {instance} = await renderReader(services);
		await waitForFrame(instance, 'Alle');
		await press(instance, '/');
		await waitForFrame(instance, 'Suche: _');
		await press(instance, 'mentoring', 'enter');
		const results = await waitForFrame(instance, 'blogroll › Suche „mentoring“');
		// Title hits first; without colour the matched word is bracketed.
		expect(linesOf(results)[1]).toMatch(/^› +\[Mentoring\]: warum jede Führungskraft/);
		await press(instance, 'enter');
		const article = await waitForFrame(instance, text => !text.includes('Suche: ') && text.includes(MENTORING) && text.includes('Müller Organisationsentwicklung'));
		expect(article).toContain('1/');
	});

	test('back from an article returns to the results, then to where the search began', async () => {
		const services = withMentoringPost();
		const {instance} = await renderReader(services);
		await selectRow(instance, 'Kanzlei Grünwald');
		await press(instance, 'enter', 'j');
		await waitForFrame(instance, text => /^›.*Datenschutz auf der eigenen Website/m.test(text));
		await press(instance, '/', 'mentoring', 'enter');
		await waitForFrame(instance, 'Suche „mentoring“');
		await press(instance, 'enter');
		await waitForFrame(instance, text => text.includes(MENTORING) && text.includes('Inhalt aus dem Feed'));
		await press(instance, 'escape');
		await waitForFrame(instance, 'blogroll › Suche „mentoring“');
		await press(instance, 'escape');
		// The feed's list again, with the selection where it was.
		const back = await waitForFrame(instance, 'blogroll › Kanzlei Grünwald');
		expect(back).toMatch(/^›.*Datenschutz auf der eigenen Website/m);
		// What happened meanwhile shows: reading the found post (another feed) changed nothing
		// here, a star set in the results on a post of this feed does.
		await press(instance, '/', 'Datenschutz', 'enter');
		await waitForFrame(instance, 'Suche „Datenschutz“');
		await press(instance, 's', 'escape');
		await waitForFrame(instance, text => /^›●★ Datenschutz auf der eigenen Website/m.test(text));
		await press(instance, 'escape');
		await waitForFrame(instance, text => /^› .*Kanzlei Grünwald/m.test(text));
	});

	test('keys typed in one go after / go into the prompt, Enter included', async () => {
		const services = withMentoringPost();
		const {instance} = await renderReader(services);
		await waitForFrame(instance, 'Alle');
		instance.stdin.write('/mentoring\r');
		const results = await waitForFrame(instance, 'blogroll › Suche „mentoring“');
		expect(linesOf(results)[1]).toContain('[Mentoring]');
	});

	test('a search that finds nothing says so and stays where it was', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await waitForFrame(instance, 'Alle');
		await press(instance, '/', 'Quantenphysik', 'enter');
		const text = await waitForFrame(instance, 'Nichts gefunden für „Quantenphysik“');
		expect(linesOf(text)[1]).toMatch(/^› +Alle/);
	});

	test('Esc leaves the search prompt without searching', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await waitForFrame(instance, 'Alle');
		await press(instance, '/', 'Führung', 'escape');
		await waitForFrame(instance, text => !text.includes('Suche:') && text.includes('Eingabe öffnen'));
		expect(frame(instance)).not.toContain('Suche „');
	});

	test('with colour the match is underlined, not bracketed', () => {
		const strings = stringsFor('de');
		const item = {
			id: 1,
			feedId: 4,
			feedTitle: 'Müller Organisationsentwicklung',
			title: MENTORING,
			author: 'Hans-Peter Müller',
			link: null,
			date: NOW.toISOString(),
			hasFeedDate: true,
			isRead: false,
			isStarred: false,
			titleMatches: fakeTitleMatches(MENTORING, 'mentoring'),
		};
		const styled = entryRowSegments(item, {width: 60, isSelected: false, showFeed: false, strings, now: NOW, matches: 'style'});
		expect(styled.find(segment => segment.style === 'match')?.text).toBe('Mentoring');
		expect(styled.map(segment => segment.text).join('')).not.toContain('[Mentoring]');
		const plain = entryRowSegments(item, {width: 60, isSelected: false, showFeed: false, strings, now: NOW, matches: 'brackets'});
		const text = plain.map(segment => segment.text).join('');
		expect(text).toMatch(/^ ● {2}\[Mentoring\]: warum jede/);
		// Still exactly one row wide.
		expect(text.length).toBe(60);
		// The spaces around a match stay (a title is sanitized as a whole, not per piece).
		const distanz = {...item, title: 'Mehr Führung auf Distanz', titleMatches: fakeTitleMatches('Mehr Führung auf Distanz', 'fuhrung')};
		const row = entryRowSegments(distanz, {width: 60, isSelected: false, showFeed: false, strings, now: NOW, matches: 'style'});
		expect(row.map(segment => segment.text).join('')).toMatch(/^ ● {2}Mehr Führung auf Distanz +10:00 *$/);
		expect(row.filter(segment => segment.style === 'match').map(segment => segment.text)).toEqual(['Führung']);
	});
});

describe('saved views', () => {
	test('appear after the virtual views with their unread counts and list their entries', async () => {
		const services = createFakeServices({
			views: [
				{name: 'Zu lesen: Beratung', query: 'unread and tag:Beratung', matches: entry => !entry.isRead && (entry.feedId === 2 || entry.feedId === 4)},
				{name: 'Datenschutz', query: 'title:Datenschutz', matches: entry => entry.title.includes('Datenschutz')},
			],
		});
		const {instance} = await renderReader(services);
		const text = await waitForFrame(instance, 'Zu lesen: Beratung');
		const lines = linesOf(text);
		// All, Unread, Starred, then the views by name.
		expect(lines[4]).toMatch(/^ +◇ Datenschutz +5$/);
		expect(lines[5]).toMatch(/^ +◇ Zu lesen: Beratung +8$/);
		await selectRow(instance, 'Zu lesen: Beratung');
		expect(frame(instance)).toContain('Abfrage: unread and tag:Beratung');
		await press(instance, 'enter');
		const list = await waitForFrame(instance, 'blogroll › ◇ Zu lesen: Beratung');
		expect(linesOf(list)[0]).toContain('8 Einträge, 8 ungelesen');
		expect(list).not.toContain('Achtsam führen');
		// Reading one lowers the view's count.
		await press(instance, 'm', 'escape');
		await waitForFrame(instance, text => /◇ Zu lesen: Beratung +7$/m.test(text));
	});
});

describe('tags and titles', () => {
	test('t edits the selected feed’s tags, prefilled, and the feeds regroup', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await selectRow(instance, 'Müller Organisationsentwicklung');
		await press(instance, 't');
		// Prefilled with a separator at the end: the next tag is typed as a tag of its own.
		const prompt = await waitForFrame(instance, ': Beratung, Coaching, _');
		expect(prompt).toContain('Schlagwörter von „Müller');
		await press(instance, 'Mentoring', 'enter');
		const text = await waitForFrame(instance, '# Mentoring');
		expect(services.calls.setFeedTags).toEqual([{id: 4, tags: ['Beratung', 'Coaching', 'Mentoring']}]);
		expect(text).toContain('„Müller Organisationsentwicklung“ hat die Schlagwörter Beratung, Coaching, Ment');
		// The selection stays on the feed.
		expect(text).toMatch(/^› +Müller Organisationsentwicklung/m);
	});

	test('on a narrow terminal a long prompt label gives way: what is typed stays in view', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {columns: 40, rows: 15});
		await selectRow(instance, 'Müller Organisationsentwicklung');
		await press(instance, 't');
		// „Schlagwörter von „Müller Organisationsentwicklung“: “ alone is wider than the terminal.
		const prompt = await waitForFrame(instance, 'Coaching, _');
		const line = linesOf(prompt).find(candidate => candidate.includes('Coaching, _'))!;
		expect(line.startsWith('Schlagwörter von')).toBe(true);
		expect(displayWidth(line)).toBeLessThanOrEqual(40);
		await press(instance, 'Mentoring');
		await waitForFrame(instance, 'Mentoring_');
	});

	test('tags may be separated by spaces; an empty line removes them all', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await selectRow(instance, 'Schreibstube Süß');
		await press(instance, 't', 'Texte Freelancer', 'enter');
		await waitForFrame(instance, '# Texte');
		expect(services.calls.setFeedTags.at(-1)).toEqual({id: 5, tags: ['Texte', 'Freelancer']});
		expect(frame(instance)).not.toContain('# Ohne Schlagwort');
		await press(instance, 't');
		await waitForFrame(instance, 'Texte, Freelancer, _');
		await press(instance, ...Array.from({length: 'Texte, Freelancer, '.length}, () => 'backspace'), 'enter');
		await waitForFrame(instance, '„Schreibstube Süß“ hat jetzt keine Schlagwörter');
		expect(services.calls.setFeedTags.at(-1)).toEqual({id: 5, tags: []});
	});

	test('t with the tags typed in one go edits the prefilled value', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await selectRow(instance, 'Achtsam führen');
		// `Coaching, ` and ten Backspaces.
		instance.stdin.write('t\u007F\u007F\u007F\u007F\u007F\u007F\u007F\u007F\u007F\u007FFührung\r');
		await waitForFrame(instance, '# Führung');
		expect(services.calls.setFeedTags).toEqual([{id: 1, tags: ['Führung']}]);
		// Only Müller Organisationsentwicklung is left under Coaching.
		expect(frame(instance)).toMatch(/# Coaching +4$/m);
	});

	test('t on a view or tag row asks for a feed', async () => {
		const {instance} = await renderReader(createFakeServices());
		await waitForFrame(instance, 'Alle');
		await press(instance, 't');
		await waitForFrame(instance, 'Zuerst einen Feed auswählen');
	});

	test('e renames the feed locally; the list and its header follow', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await selectRow(instance, 'Freiraum Design Studio');
		await press(instance, 'e');
		await waitForFrame(instance, 'Neuer Titel: Freiraum Design Studio_');
		await press(instance, ...Array.from({length: 'Design Studio'.length}, () => 'backspace'), 'Gestaltung Anja Roth', 'enter');
		const text = await waitForFrame(instance, 'Umbenannt in „Freiraum Gestaltung Anja Roth“');
		expect(services.calls.renameFeed).toEqual([{id: 3, title: 'Freiraum Gestaltung Anja Roth'}]);
		expect(text).toMatch(/^›! +Freiraum Gestaltung Anja Roth/m);
		expect(text).not.toContain('Freiraum Design Studio');
	});
});

describe('ignore rules', () => {
	test('an ignored entry is in no list and no count', async () => {
		const services = createFakeServices();
		const before = await renderReader(services, {initialView: 'all'});
		expect(await waitForFrame(before.instance, 'blogroll › Alle')).toContain('Datenschutz auf der eigenen Website');
		cleanup();
		// As the real services do for `title:"Datenschutz"` in the ignore rules.
		services.isIgnored = entry => entry.title.startsWith('Datenschutz');
		const {instance} = await renderReader(services, {initialView: 'all'});
		const text = await waitForFrame(instance, 'blogroll › Alle');
		expect(linesOf(text)[0]).toContain('35 Einträge');
		expect(text).not.toContain('Datenschutz');
		await press(instance, 'escape');
		await waitForFrame(instance, text => /^› +Alle +35$/m.test(text) || /Alle/.test(text));
	});
});

describe('next unread', () => {
	test('n asks the store for the next unread entry instead of reading ahead', async () => {
		const services = createFakeServices({entryCount: 2000, unreadEvery: 1});
		for (const entry of services.entries.slice(0, 1500)) services.setRead([entry.id], true);
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		const listed = services.calls.listEntries.length;
		await press(instance, 'n');
		await waitForFrame(instance, text => linesOf(text).at(-1)?.endsWith('1.501/2.000') === true);
		expect(services.calls.findNextUnread).toEqual([{fromId: 2000, direction: 1}]);
		// Only the window around the new position was read, never hundreds of rows.
		for (const page of services.calls.listEntries.slice(listed)) expect(page.limit).toBeLessThan(200);
		await press(instance, 'N');
		await waitForFrame(instance, 'Keine weiteren ungelesenen Einträge');
	});
});
