/**
 * Asking on the terminal: a password without echo, a choice, and reading a whole stdin.
 * Only for commands run by a person at a terminal; scripts pass flags and files instead.
 */
import {createInterface} from 'node:readline';
import type {Output} from './types.js';

/** True when a person can answer: stdin is a terminal. */
export function canAsk(): boolean {
	return process.stdin.isTTY === true;
}

/** Reads a line without echoing it; null when the user pressed Ctrl-C or Ctrl-D on an empty line. */
export function askHidden(question: string, output: Output): Promise<string | null> {
	const stdin = process.stdin;
	output.write(question);
	stdin.setRawMode(true);
	stdin.setEncoding('utf8');
	stdin.resume();
	return new Promise(resolve => {
		let value = '';
		const done = (result: string | null) => {
			stdin.off('data', onData);
			stdin.setRawMode(false);
			stdin.pause();
			output.write('\n');
			resolve(result);
		};
		const onData = (chunk: string) => {
			for (const char of chunk) {
				if (char === '\r' || char === '\n') return done(value);
				if (char === '\u0003') return done(null);
				if (char === '\u0004') return done(value === '' ? null : value);
				if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
				else if (char >= ' ') value += char;
			}
		};
		stdin.on('data', onData);
	});
}

/** One line of answer (echoed), trimmed; null at end of input. */
export function askLine(question: string, output: Output): Promise<string | null> {
	const rl = createInterface({input: process.stdin, output: process.stdout, terminal: true});
	return new Promise(resolve => {
		let answered = false;
		rl.on('close', () => {
			if (!answered) {
				output.write('\n');
				resolve(null);
			}
		});
		rl.question(question, answer => {
			answered = true;
			rl.close();
			resolve(answer.trim());
		});
	});
}

/** All of stdin as text (`--password-file -`). */
export async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
	return Buffer.concat(chunks).toString('utf8');
}
