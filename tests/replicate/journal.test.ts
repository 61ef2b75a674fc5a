import {describe, expect, it} from 'vitest';
import {classifyFolderEntry, encodeHeader, encodeOperation, encodeOperations, readJournal} from '../../source/replicate/journal.js';
import {compareStamps} from '../../source/replicate/hlc.js';
import {change, withStamp, type Operation} from '../../source/replicate/operations.js';

const DEVICE = '3f9c0a5be210';

describe('the journal format', () => {
	it.each([
		['blogroll-3f9c0a5be210.journal', {kind: 'journal', device: DEVICE, isCopy: false}],
		['blogroll-3f9c0a5be210.snapshot', {kind: 'snapshot', device: DEVICE, isCopy: false}],
		['blogroll-3f9c0a5be210.sync-conflict-20261205-101112-ABCDEFG.journal', {kind: 'journal', device: DEVICE, isCopy: true}],
		['blogroll-3f9c0a5be210 (conflicted copy 2026-12-05).journal', {kind: 'journal', device: DEVICE, isCopy: true}],
		['blogroll-3f9c0a5be210 (Konflikt-Kopie 2026-12-05 101112).snapshot', {kind: 'snapshot', device: DEVICE, isCopy: true}],
		['.syncthing.blogroll-3f9c0a5be210.journal.tmp', {kind: 'other'}],
		['~blogroll-3f9c0a5be210.journal', {kind: 'other'}],
		['.~lock.blogroll-3f9c0a5be210.journal#', {kind: 'other'}],
		['.blogroll-3f9c0a5be210.snapshot.4711.tmp', {kind: 'other'}],
		['blogroll-3f9c0a5be210.journal.part', {kind: 'other'}],
		['Notizen zur Führung.md', {kind: 'other'}],
	])('reads %s as %o', (name, expected) => {
		expect(classifyFolderEntry(name)).toEqual(expected);
	});

	it('reads whole lines only, skips damaged ones, and says where to go on', () => {
		const stamp = {wall: 1_764_930_000_000, counter: 0, device: DEVICE};
		const header = encodeHeader({kind: 'journal', device: DEVICE, name: 'Jörgs Laptop', epoch: 'e1'});
		const first = encodeOperation(withStamp(change.rename('https://www.coaching-mit-herz.de/feed/', 'Coaching mit Herz – „Praxis“'), stamp));
		const second = encodeOperation(withStamp(change.read('https://www.coaching-mit-herz.de/feed/', 'https://www.coaching-mit-herz.de/?p=412', true), {...stamp, counter: 1}));
		const text = Buffer.from(header + first + '{"s": "kaputt"\n' + second.slice(0, 30));
		const chunk = readJournal(text, 0);
		expect(chunk.header).toEqual({kind: 'journal', device: DEVICE, name: 'Jörgs Laptop', epoch: 'e1'});
		expect(chunk.operations).toHaveLength(1);
		expect(chunk.badLines).toBe(1);
		expect(chunk.readTo).toBe(Buffer.byteLength(header + first + '{"s": "kaputt"\n'));
		const rest = readJournal(Buffer.from(header + first + '{"s": "kaputt"\n' + second), chunk.readTo);
		expect(rest.operations.map(operation => operation.kind === 'set' && operation.field)).toEqual(['read']);
	});

	it('reads nothing of a file whose first line is not a header of ours', () => {
		expect(readJournal(Buffer.from('{"blogroll":"journal","device":"x"}\n{}\n'), 0)).toMatchObject({header: null, operations: [], readTo: 0});
		expect(readJournal(Buffer.from('{"blogroll":"jour'), 0)).toMatchObject({header: null, readTo: 0, badLines: 0});
	});

	it('writes many flags of one feed as a few lines, a third of the bytes, and reads back the same operations', () => {
		const feed = 'https://www.jörg-coaching.de/feed/';
		const operations: Operation[] = [
			withStamp(change.rename(feed, 'Jörgs Praxis – „Klartext“'), {wall: 1_764_930_000_000, counter: 0, device: DEVICE}),
			...Array.from({length: 2500}, (_, index) => withStamp(change.read(feed, `https://www.jörg-coaching.de/?p=${index}`, true), {wall: 1_764_930_000_001 + index, counter: index % 3, device: DEVICE})),
			withStamp(change.star(feed, 'https://www.jörg-coaching.de/?p=7', true), {wall: 1_764_930_009_000, counter: 0, device: DEVICE}),
		];
		const header = encodeHeader({kind: 'snapshot', device: DEVICE, name: 'Jörgs Laptop', epoch: 'e2'});
		const text = encodeOperations(operations);
		const lineByLine = operations.map(encodeOperation).join('');
		expect(text.split('\n').length - 1).toBe(2 + 3); // the title, the star, 2 500 flags in three lines
		expect(Buffer.byteLength(text)).toBeLessThan(Buffer.byteLength(lineByLine) / 2.5);
		const chunk = readJournal(Buffer.from(header + text), 0);
		expect(chunk.badLines).toBe(0);
		const ordered = (list: readonly Operation[]) => [...list].sort((a, b) => compareStamps(a.stamp, b.stamp));
		expect(ordered(chunk.operations)).toEqual(ordered(operations));
		// Files written line by line (before) read the same.
		expect(ordered(readJournal(Buffer.from(header + lineByLine), 0).operations)).toEqual(ordered(operations));
	});

	it('skips a damaged line of many flags as one bad line, and keeps the lines around it', () => {
		const feed = 'https://www.jörg-coaching.de/feed/';
		const reads = Array.from({length: 10}, (_, index) => withStamp(change.read(feed, `guid-${index}`, true), {wall: 1_764_930_000_000 + index, counter: 0, device: DEVICE}));
		const sets = encodeOperations(reads);
		const damaged = sets.replace(/"s":\["[^"]+"/, '"s":["gestern"');
		const rename = encodeOperation(withStamp(change.rename(feed, 'Führung'), {wall: 1_764_930_100_000, counter: 0, device: DEVICE}));
		const chunk = readJournal(Buffer.from(encodeHeader({kind: 'journal', device: DEVICE, name: 'x', epoch: 'e'}) + damaged + rename), 0);
		expect(chunk.badLines).toBe(1);
		expect(chunk.operations).toHaveLength(1);
	});
});
