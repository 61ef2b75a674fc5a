import {describe, expect, test} from 'vitest';
import type {EntryListItem} from '../../../source/store/types.js';
import {displayWidth} from '../../../source/text/width.js';
import {entryRowSegments} from '../../../source/ui/components/entry-list.js';
import {feedRowSegments} from '../../../source/ui/components/feed-list.js';
import {helpLines} from '../../../source/ui/components/help-overlay.js';
import {piecesOf} from '../../../source/ui/components/styled-line.js';
import {statusHints} from '../../../source/ui/components/status-line.js';
import {bindingsFor} from '../../../source/ui/keymap.js';
import type {FeedRow} from '../../../source/ui/state/feed-rows.js';
import {stringsFor} from '../../../source/ui/strings.js';
import {NOW} from '../fake-services.js';

const de = stringsFor('de');
const text = (segments: readonly {text: string}[]) => segments.map(segment => segment.text).join('');

function item(title: string, flags: Partial<EntryListItem> = {}): EntryListItem {
	return {
		id: 1,
		feedId: 1,
		feedTitle: 'Achtsam führen – Coaching Weber',
		title,
		author: null,
		link: null,
		date: '2026-11-20T09:55:00Z',
		hasFeedDate: true,
		isRead: false,
		isStarred: false,
		...flags,
	};
}

describe('entry rows', () => {
	test.each([
		['Größer denken, ohne sich zu übernehmen'],
		['Führungskräfteentwicklungsprogrammevaluationsberichtszusammenfassung für Geschäftsführerinnen'],
		['日本語のタイトルと中文标题，一个很长的标题'],
		['🚀🎉 Launch-Party im Coworking 🥂 mit\u00A0Freund:innen'],
		['Kurz'],
	])('%s takes exactly the row width at 80, 60 and 41 columns', title => {
		for (const width of [80, 60, 41]) {
			const row = text(entryRowSegments(item(title), {width, isSelected: false, showFeed: true, strings: de, now: NOW}));
			expect(displayWidth(row)).toBe(width);
			expect(row).not.toContain('\n');
		}
	});

	test('selection, unread and star are marked by characters', () => {
		const row = text(entryRowSegments(item('Titel', {isStarred: true}), {width: 80, isSelected: true, showFeed: false, strings: de, now: NOW}));
		expect(row.startsWith('›●★ Titel')).toBe(true);
		const read = text(entryRowSegments(item('Titel', {isRead: true}), {width: 80, isSelected: false, showFeed: false, strings: de, now: NOW}));
		expect(read.startsWith('    Titel')).toBe(true);
	});

	test('the date column shows today’s entries by their time, never relative', () => {
		const row = text(entryRowSegments(item('Titel'), {width: 80, isSelected: false, showFeed: true, strings: de, now: NOW}));
		expect(row.trimEnd().endsWith(' 09:55')).toBe(true);
	});

	test('control characters in a title are not drawn', () => {
		const row = text(entryRowSegments(item('Titel\u001B[2J mit\u0007 Steuerzeichen'), {width: 80, isSelected: false, showFeed: false, strings: de, now: NOW}));
		expect(row).toContain('Titel mit Steuerzeichen');
		expect(row).not.toMatch(/[\u0000-\u001F]/);
	});
});

describe('feed rows', () => {
	const feedRow: FeedRow = {
		kind: 'feed',
		key: 'feed:3',
		isIndented: true,
		feed: {id: 3, url: 'https://freiraum-design.de/feed/', title: 'Freiraum Design Studio – Gestaltung für Selbstständige', tags: [], unreadCount: 1234, totalCount: 5000, lastError: 'HTTP 404', lastFetchedAt: null},
	};

	test('a failing feed carries ! and a grouped unread count, in exactly the pane width', () => {
		for (const width of [32, 80]) {
			const row = text(feedRowSegments(feedRow, width, false, de));
			expect(displayWidth(row)).toBe(width);
			expect(row.startsWith(' !   Freiraum')).toBe(true);
			expect(row.endsWith('1.234')).toBe(true);
		}
	});

	test('the selected row starts with ›', () => {
		expect(text(feedRowSegments(feedRow, 80, true, de)).startsWith('›!')).toBe(true);
	});

	test('a feed server account’s feed carries @name, in at most a third of the title’s room, in exactly the pane width', () => {
		const accountRow: FeedRow = {...feedRow, feed: {...feedRow.feed, lastError: null, account: 'ttrss-home'}};
		const wide = text(feedRowSegments(accountRow, 80, false, de));
		expect(displayWidth(wide)).toBe(80);
		expect(wide).toMatch(/^ {5}Freiraum Design Studio – Gestaltung für Selbstständige +@ttrss-home +1\.234$/);
		const narrow = text(feedRowSegments(accountRow, 32, false, de));
		expect(displayWidth(narrow)).toBe(32);
		expect(narrow).toContain(' @ttr…');
		expect(narrow).toContain('Frei');
		for (const width of [16, 20, 24, 40]) {
			const row = text(feedRowSegments(accountRow, width, false, de));
			expect(displayWidth(row)).toBe(width);
		}
		expect(text(feedRowSegments(accountRow, 20, false, de))).toMatch(/Frei… @ +1\.234$/);
	});
});

describe('help and hints', () => {
	test('the help lists every command bound on the screen, with its keys', () => {
		const lines = helpLines('entries', de);
		expect(lines).toHaveLength(bindingsFor('entries').length);
		expect(lines).toContainEqual({keys: 'm', help: 'Gelesen umschalten'});
		expect(lines).toContainEqual({keys: 'Bild↓ Leertaste', help: 'Seite vor'});
	});

	test('the German help names keys as German keyboards do, the English help as English ones', () => {
		const german = helpLines('entries', de).map(line => line.keys).join(' ');
		for (const name of ['Strg-L', 'Leertaste', 'Bild↓', 'Bild↑', 'Pos1', 'Ende', 'Eingabe']) expect(german).toContain(name);
		expect(german).not.toMatch(/Ctrl|Space|PgDn|PgUp|Home|Enter/);
		const english = helpLines('entries', stringsFor('en')).map(line => line.keys).join(' ');
		for (const name of ['Ctrl-L', 'Space', 'PgDn', 'PgUp', 'Home', 'End', 'Enter']) expect(english).toContain(name);
		expect(statusHints('feeds', de, 80)).toContain('Eingabe öffnen');
		expect(statusHints('feeds', stringsFor('en'), 80)).toContain('Enter open');
	});

	test('hints drop whole entries to fit, but keep the help key', () => {
		const narrow = statusHints('article', de, 40);
		expect(displayWidth(narrow)).toBeLessThanOrEqual(40);
		expect(narrow.endsWith('? Hilfe')).toBe(true);
		expect(narrow).not.toMatch(/…/);
		const wide = statusHints('article', de, 200);
		expect(wide).toContain('f ganz');
		expect(wide).toContain('L Links');
	});
});

describe('line pieces', () => {
	test('padding and leading blanks are left out, every piece keeps its column', () => {
		const pieces = piecesOf([
			{text: ' ', style: 'accent'},
			{text: ' ', style: 'error'},
			{text: '   '},
			{text: 'Größer denken      ', style: 'bold'},
			{text: ' vor 5 Min.', style: 'dim'},
		]);
		expect(pieces.map(piece => [piece.column, piece.width, piece.segments.map(segment => segment.text).join('')])).toEqual([
			[5, 13, 'Größer denken'],
			[25, 10, 'vor 5 Min.'],
		]);
	});

	test('a search match stays whole, its spaces included', () => {
		const pieces = piecesOf([{text: ' ●  '}, {text: 'Preise   kommunizieren', style: 'match'}, {text: ' ohne Bauchschmerzen'}]);
		expect(pieces).toHaveLength(1);
		expect(pieces[0]!.column).toBe(1);
		expect(pieces[0]!.segments.map(segment => segment.text).join('')).toBe('●  Preise   kommunizieren ohne Bauchschmerzen');
	});
});
