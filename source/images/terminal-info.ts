import {execFile} from 'node:child_process';
import type {CellPixels} from './graphics-layer.js';

/** `tmux show -gv allow-passthrough` printed `on` or `all`: passthrough is allowed. Pure. */
export function parsePassthrough(output: string): boolean {
	return /^(?:on|all)$/.test(output.trim());
}

/**
 * Whether the tmux the reader runs in passes sequences through (tmux ≥ 3.3, off by
 * default): the value in force for this pane (`show -Apv`: set on the pane, its window, or
 * globally with `set -g`), else the global one (`show -gv`). Any failure (no tmux binary,
 * an older tmux without the option, a hang) is no.
 */
export async function readTmuxPassthrough(timeoutMs = 1000): Promise<boolean> {
	const ask = (args: readonly string[]) =>
		new Promise<string | null>(resolve => {
			execFile('tmux', [...args], {timeout: timeoutMs}, (error, stdout) => resolve(error === null ? stdout : null));
		});
	const pane = await ask(['show', '-Apv', 'allow-passthrough']);
	return parsePassthrough(pane ?? (await ask(['show', '-gv', 'allow-passthrough'])) ?? '');
}

/** The answer to `CSI 16 t` (cell size in pixels) in what the terminal sent back, or null. Pure. */
export function parseCellSize(answer: string): CellPixels | null {
	const match = /\u001B\[6;(\d{1,4});(\d{1,4})t/.exec(answer);
	if (!match) return null;
	const [height, width] = [Number(match[1]), Number(match[2])];
	return width >= 2 && height >= 2 ? {width, height} : null;
}

/** The device attributes answer (`CSI ? … c`) that ends the query: every terminal sends one. */
const DEVICE_ATTRIBUTES = /\u001B\[\?[\d;]*c/;

/**
 * Asks the terminal for its cell size (sixel draws pixels 1:1, so pictures are scaled to it),
 * before Ink reads the keyboard: the answers would otherwise arrive as key presses. The
 * device-attributes query after it is answered by every terminal, so the wait ends as soon
 * as the terminal has answered what it knows; `timeoutMs` bounds it for one that says nothing.
 */
export function queryCellSize(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream, timeoutMs = 500): Promise<CellPixels | null> {
	if (!stdin.isTTY || !stdout.isTTY) return Promise.resolve(null);
	return new Promise(resolve => {
		let answer = '';
		const wasRaw = stdin.isRaw;
		const finish = () => {
			clearTimeout(timer);
			stdin.off('data', onData);
			stdin.pause();
			try {
				stdin.setRawMode(wasRaw);
			} catch {
				// The terminal went away: the reader will find out.
			}
			resolve(parseCellSize(answer));
		};
		const onData = (data: Buffer | string) => {
			answer += typeof data === 'string' ? data : data.toString('latin1');
			if (DEVICE_ATTRIBUTES.test(answer)) finish();
		};
		const timer = setTimeout(finish, timeoutMs);
		stdin.setRawMode(true);
		stdin.on('data', onData);
		stdin.resume();
		stdout.write('\u001B[16t\u001B[c');
	});
}
