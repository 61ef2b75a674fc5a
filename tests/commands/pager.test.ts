import {mkdtempSync, readFileSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {needsPager, pagerCommand, writePaged} from '../../source/commands/pager.js';
import {runRead} from '../../source/commands/read.js';
import type {CommandIO} from '../../source/commands/types.js';

const ARTICLES = join(import.meta.dirname, '..', 'fixtures', 'articles');

function terminalIo(env: Record<string, string>, rows = 10): CommandIO & {out: () => string; err: () => string} {
	let out = '';
	let err = '';
	return {
		stdout: {write: (text: string) => (out += text), isTTY: true, columns: 80, rows},
		stderr: {write: (text: string) => (err += text)},
		env,
		out: () => out,
		err: () => err,
	};
}

const tall = Array.from({length: 40}, (_, index) => `Zeile ${index + 1}: Größenverhältnisse`).join('\n') + '\n';

describe('choosing a pager', () => {
	it('prefers BLOGROLL_PAGER, then PAGER, then less; empty or cat means none', () => {
		expect(pagerCommand({})).toBe('less');
		expect(pagerCommand({PAGER: 'most'})).toBe('most');
		expect(pagerCommand({PAGER: 'most', BLOGROLL_PAGER: 'less -S'})).toBe('less -S');
		expect(pagerCommand({PAGER: ''})).toBeNull();
		expect(pagerCommand({PAGER: 'cat'})).toBeNull();
	});

	it('pages only text taller than the terminal, and never into a pipe', () => {
		expect(needsPager(tall, {write: () => true, isTTY: true, rows: 30})).toBe(true);
		expect(needsPager('kurz\nund knapp\n', {write: () => true, isTTY: true, rows: 30})).toBe(false);
		expect(needsPager(tall, {write: () => true, isTTY: false, rows: 30})).toBe(false);
		expect(needsPager(tall, {write: () => true})).toBe(false);
	});
});

describe('writing through the pager', () => {
	it('hands long text to the pager, with LESS=FRX unless LESS is set', async () => {
		const directory = mkdtempSync(join(tmpdir(), 'blogroll-pager-'));
		const io = terminalIo({PAGER: `cat > ${join(directory, 'paged.txt')}; printf %s "$LESS" > ${join(directory, 'less.txt')}`});
		await writePaged(tall, io);
		expect(readFileSync(join(directory, 'paged.txt'), 'utf8')).toBe(tall);
		expect(readFileSync(join(directory, 'less.txt'), 'utf8')).toBe('FRX');
		expect(io.out()).toBe('');
	});

	it('prints directly when the pager does not exist, with one line saying so', async () => {
		const io = terminalIo({PAGER: 'kein-solcher-pager-vorhanden'});
		await writePaged(tall, io);
		expect(io.out()).toBe(tall);
		expect(io.err()).toBe('blogroll: the pager "kein-solcher-pager-vorhanden" could not be started; printing directly\n');
	});

	it('survives a pager that quits before reading everything', async () => {
		const io = terminalIo({PAGER: 'head -c 10 >/dev/null'});
		await writePaged(tall.repeat(2000), io);
		expect(io.out()).toBe('');
		expect(io.err()).toBe('');
	});

	it('blogroll read pages a long article at a terminal, and --no-pager prints it', async () => {
		const directory = mkdtempSync(join(tmpdir(), 'blogroll-pager-'));
		const paged = join(directory, 'paged.txt');
		const target = join(ARTICLES, 'langer-blogpost.html');
		const viaPager = terminalIo({PAGER: `cat > ${paged}`, NO_COLOR: '1'});
		expect(await runRead({target, width: 60, plain: true}, {io: viaPager, http: null})).toBe(0);
		expect(readFileSync(paged, 'utf8')).toContain('Warum ich keine Fünf-Jahres-Pläne mehr schreibe');
		expect(viaPager.out()).toBe('');

		const other = join(directory, 'never.txt');
		const direct = terminalIo({PAGER: `cat > ${other}`, NO_COLOR: '1'});
		expect(await runRead({target, width: 60, plain: true, pager: false}, {io: direct, http: null})).toBe(0);
		expect(direct.out()).toContain('Warum ich keine Fünf-Jahres-Pläne mehr schreibe');
		expect(existsSync(other)).toBe(false);
	});
});
