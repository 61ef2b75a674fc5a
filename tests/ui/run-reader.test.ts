import {EventEmitter} from 'node:events';
import {describe, expect, test} from 'vitest';
import {runReader} from '../../source/ui/run-reader.js';
import {createFakeServices} from './fake-services.js';

class FakeStdin extends EventEmitter {
	isTTY = true;
	rawMode: boolean[] = [];
	private data: string | null = null;
	setRawMode(mode: boolean) {
		this.rawMode.push(mode);
		return this;
	}
	setEncoding() {
		return this;
	}
	resume() {
		return this;
	}
	pause() {
		return this;
	}
	ref() {
		return this;
	}
	unref() {
		return this;
	}
	read() {
		const {data} = this;
		this.data = null;
		return data;
	}
	type(text: string) {
		this.data = text;
		this.emit('readable');
	}
}

class FakeStdout extends EventEmitter {
	isTTY = false;
	columns = 80;
	rows = 24;
	output = '';
	write(text: string) {
		this.output += text;
		this.emit('written');
		return true;
	}
}

function start() {
	const stdin = new FakeStdin();
	const stdout = new FakeStdout();
	const done = runReader(createFakeServices(), {
		columns: 80,
		rows: 24,
		language: 'de',
		color: false,
		refreshOnStart: false,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
	});
	return {stdin, stdout, done};
}

/** Resolves at the write that brings `text` (Ink throttles frames outside its debug mode). */
function waitForOutput(stdout: FakeStdout, text: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const check = () => {
			if (!stdout.output.includes(text)) return;
			stdout.off('written', check);
			clearTimeout(timer);
			resolve();
		};
		// Only a safety net for a hang, far above any real frame time.
		const timer = setTimeout(() => {
			stdout.off('written', check);
			reject(new Error(`never written: ${text}`));
		}, 15_000);
		stdout.on('written', check);
		check();
	});
}

describe('runReader', () => {
	test('enters the alternate screen and restores the terminal when the user quits', async () => {
		const {stdin, stdout, done} = start();
		await waitForOutput(stdout, 'Alle');
		expect(stdout.output.startsWith('\u001B[?1049h')).toBe(true);
		stdin.type('q');
		await done;
		expect(stdout.output.endsWith('\u001B[?25h\u001B[?1049l')).toBe(true);
		expect(stdin.rawMode.at(-1)).toBe(false);
	});

	test('Ctrl-C quits and restores the terminal too', async () => {
		const {stdin, stdout, done} = start();
		await waitForOutput(stdout, 'Alle');
		stdin.type('\u0003');
		await done;
		expect(stdout.output.endsWith('\u001B[?25h\u001B[?1049l')).toBe(true);
	});

	test('SIGTERM ends the reader with the terminal restored', async () => {
		const {stdout, done} = start();
		await waitForOutput(stdout, 'Alle');
		const before = process.exitCode;
		process.emit('SIGTERM', 'SIGTERM');
		await done;
		expect(process.exitCode).toBe(143);
		process.exitCode = before;
		expect(stdout.output.endsWith('\u001B[?25h\u001B[?1049l')).toBe(true);
	});

	test('a resize of the terminal re-lays out the reader', async () => {
		const {stdin, stdout, done} = start();
		await waitForOutput(stdout, 'Alle');
		stdout.columns = 160;
		stdout.rows = 50;
		stdout.emit('resize');
		await waitForOutput(stdout, '│');
		stdin.type('q');
		await done;
	});
});
