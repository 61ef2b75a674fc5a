import {spawn} from 'node:child_process';
import {sanitizeLine} from '../text/sanitize.js';
import type {CommandIO} from './types.js';

/** Exit status of `sh -c` when the command does not exist. */
const COMMAND_NOT_FOUND = 127;

/**
 * The pager to use, as git and man choose it: BLOGROLL_PAGER, then PAGER, then `less`.
 * Empty or `cat` means "no pager".
 */
export function pagerCommand(env: CommandIO['env']): string | null {
	const command = (env['BLOGROLL_PAGER'] ?? env['PAGER'] ?? 'less').trim();
	return command === '' || command === 'cat' ? null : command;
}

/** A pager is worth starting only for a person at a terminal and text taller than it. */
export function needsPager(text: string, stdout: CommandIO['stdout']): boolean {
	if (stdout.isTTY !== true || stdout.rows === undefined) return false;
	let lines = 0;
	for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
		if (++lines >= stdout.rows) return true;
	}
	return false;
}

/**
 * Writes `text` to stdout, through the user's pager when it does not fit on the screen.
 * `less` gets `LESS=FRX` unless LESS is set: colours pass through (R), one screen or less
 * prints directly (F), and the text stays on screen after quitting (X). A pager that
 * cannot be started costs one line on stderr and the text is printed directly.
 */
export async function writePaged(text: string, io: CommandIO): Promise<void> {
	const command = pagerCommand(io.env);
	if (command === null || !needsPager(text, io.stdout)) {
		io.stdout.write(text);
		return;
	}
	const status = await runPager(command, text, {...io.env, LESS: io.env['LESS'] ?? 'FRX'});
	if (status === 'failed') {
		io.stderr.write(`blogroll: the pager "${sanitizeLine(command)}" could not be started; printing directly\n`);
		io.stdout.write(text);
	}
}

function runPager(command: string, text: string, env: CommandIO['env']): Promise<'done' | 'failed'> {
	return new Promise(resolve => {
		const child = spawn('/bin/sh', ['-c', command], {stdio: ['pipe', 'inherit', 'inherit'], env});
		child.once('error', () => resolve('failed'));
		child.once('close', code => resolve(code === COMMAND_NOT_FOUND ? 'failed' : 'done'));
		// Quitting the pager early closes the pipe: EPIPE is the user's choice, not an error.
		child.stdin.on('error', () => undefined);
		child.stdin.end(text);
	});
}
