import {describe, expect, it} from 'vitest';
import {classifyFolderEntry, encodeHeader, encodeOperation, readJournal} from '../../source/replicate/journal.js';
import {change, withStamp} from '../../source/replicate/operations.js';

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
});
