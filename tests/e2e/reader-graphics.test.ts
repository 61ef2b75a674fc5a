/**
 * images (issue 19): kitty, iTerm2 and sixel pictures in the reader, in a real pty (`script`),
 * on the fixture site. The raw bytes the reader writes are checked: where each picture is
 * drawn, that scrolling moves it, that leaving the article and quitting leave nothing behind.
 * Runs dist/cli.js.
 */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {makeHome, runCli} from '../helpers/cli.js';
import {fixturePaths, startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';
import {hasTmux, TmuxSession} from '../helpers/tmux.js';
import {execFileSync} from 'node:child_process';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const ESC = '\u001B';
const hasScript = existsSync('/usr/bin/script');

/** The reader in a pty of a fixed size; every byte it writes is kept, raw. */
class RawPty {
	readonly child: ChildProcessWithoutNullStreams;
	output = '';
	exitCode: number | null = null;
	readonly #waiters = new Set<() => void>();

	constructor(columns: number, rows: number, env: Record<string, string>) {
		this.child = spawn('script', ['-qfec', `stty cols ${columns} rows ${rows}; exec node ${CLI}`, '/dev/null'], {
			env: {PATH: process.env['PATH'] ?? '', LANG: 'de_DE.UTF-8', TERM: 'xterm-256color', COLORTERM: 'truecolor', ...env},
			stdio: ['pipe', 'pipe', 'pipe'],
		}) as ChildProcessWithoutNullStreams;
		this.child.stdout.on('data', (chunk: Buffer) => {
			this.output += chunk.toString('utf8');
			for (const wake of this.#waiters) wake();
		});
		this.child.stderr.resume();
		this.child.once('exit', code => {
			this.exitCode = code ?? -1;
			for (const wake of this.#waiters) wake();
		});
	}

	press(keys: string): void {
		this.child.stdin.write(keys);
	}

	/** Waits until `predicate` holds for the output from `from` on; returns the output's length then. */
	waitFor(predicate: (output: string) => boolean, what: string, from = 0, timeoutMs = 20_000): Promise<number> {
		return new Promise((resolve, reject) => {
			const check = () => {
				if (predicate(this.output.slice(from))) finish(() => resolve(this.output.length));
				else if (this.exitCode !== null) finish(() => reject(new Error(`the reader ended (${this.exitCode}) before: ${what}`)));
			};
			const timer = setTimeout(() => finish(() => reject(new Error(`timed out waiting for: ${what}\n${JSON.stringify(this.output.slice(-600))}`))), timeoutMs);
			const finish = (done: () => void) => {
				clearTimeout(timer);
				this.#waiters.delete(check);
				done();
			};
			this.#waiters.add(check);
			check();
		});
	}

	kill(): void {
		if (this.exitCode === null) this.child.kill('SIGKILL');
	}
}

let server: FixtureServer;
let home: string;
let pty: RawPty | undefined;
let session: TmuxSession | undefined;

beforeAll(async () => {
	server = await startFixtureServer();
	home = makeHome();
	const result = await runCli(['add', `${server.url}${fixturePaths.kreidezeit.feed}`], {home});
	expect(result.code).toBe(0);
});

afterEach(() => {
	pty?.kill();
	session?.kill();
});

afterAll(async () => {
	await server.close();
});

/** Opens the portrait post and presses I; resolves with the output offset before I. */
async function openPortraitWithPictures(reader: RawPty): Promise<number> {
	await reader.waitFor(output => output.includes('Kreidezeit'), 'the feeds');
	reader.press('\r');
	await reader.waitFor(output => output.includes('Fünf Fragen'), 'the entries');
	reader.press('g');
	reader.press('\r');
	await reader.waitFor(output => output.includes('[Bild: Dr. Miriam'), 'the article');
	const before = reader.output.length;
	reader.press('I');
	return before;
}

/** Row and column (1-based) of every picture drawn at a position in `output`. */
function drawnAt(output: string, start: string): {row: number; column: number}[] {
	const pattern = new RegExp(`${ESC}7${ESC}\\[(\\d+);(\\d+)H${start.replaceAll('[', '\\[').replaceAll(']', '\\]')}`, 'g');
	return [...output.matchAll(pattern)].map(match => ({row: Number(match[1]), column: Number(match[2])}));
}

describe.skipIf(!hasScript)('kitty, iTerm2 and sixel pictures in the reader (a real pty)', () => {
	it('kitty: the data goes out once as a virtual placement, the picture is placeholder text that scrolls with the article; quitting deletes it', {timeout: 60_000}, async () => {
		pty = new RawPty(80, 24, {BLOGROLL_HOME: home, HOME: home, BLOGROLL_IMAGES: 'kitty', KITTY_WINDOW_ID: '1', TERM: 'xterm-kitty'});
		const reader = pty;
		const before = await openPortraitWithPictures(reader);
		// Each placeholder row names the picture by its id in the foreground colour, its row by a diacritic.
		const placement = /_Ga=T,U=1,f=32,s=\d+,v=\d+,i=(\d+),q=2,c=(\d+),r=(\d+)/;
		const colourOf = (imageId: number) => `${ESC}[38;2;0;${imageId >> 8};${imageId & 0xff}m\u{10EEEE}`;
		// Until every row is drawn: the frame may reach the pty in more than one chunk.
		await reader.waitFor(output => {
			const found = placement.exec(output);
			return found !== null && output.split(colourOf(Number(found[1]))).length - 1 >= Number(found[3]);
		}, 'the picture sent and all its placeholder rows drawn', before);
		const sent = reader.output.slice(before);
		const id = placement.exec(sent)!;
		const [imageId, columns, rows] = [Number(id[1]), Number(id[2]), Number(id[3])];
		expect(columns).toBeLessThanOrEqual(80);
		const colour = colourOf(imageId);
		expect(sent.split(colour).length - 1).toBeGreaterThanOrEqual(rows);
		// Scrolling redraws the frame as text: the placeholders come again; the data is not sent again.
		const mark = reader.output.length;
		reader.press('j');
		await reader.waitFor(output => output.includes(colour), 'the placeholders after scrolling', mark);
		expect(reader.output.slice(mark)).not.toContain('a=T,');
		reader.press('q');
		reader.press('q');
		reader.press('q');
		await reader.waitFor(output => output.includes(`${ESC}[?1049l`), 'the alternate screen left', mark);
		const end = reader.output.slice(mark);
		// The picture is deleted (its data freed) before the reader leaves the alternate screen.
		expect(end.indexOf(`${ESC}_Ga=d,d=I,i=${imageId},q=2${ESC}\\`)).toBeGreaterThanOrEqual(0);
		expect(end.indexOf(`${ESC}_Ga=d,d=I,i=${imageId},q=2`)).toBeLessThan(end.lastIndexOf(`${ESC}[?1049l`));
	});

	for (const [columns, rows] of [
		[80, 24],
		[140, 40],
	] as const) {
		it(`iTerm2: the picture is drawn after each frame where its lines stand, one row higher after j, not drawn on the help screen, nothing after quit (${columns}x${rows})`, {timeout: 60_000}, async () => {
			pty = new RawPty(columns, rows, {BLOGROLL_HOME: home, HOME: home, BLOGROLL_IMAGES: 'iterm', TERM_PROGRAM: 'iTerm.app'});
			const reader = pty;
			if (columns >= 120) {
				await reader.waitFor(output => output.includes('Kreidezeit'), 'the feeds');
				reader.press('\t');
			}
			const before = await openPortraitWithPictures(reader);
			await reader.waitFor(output => drawnAt(output, `${ESC}]1337;File=inline=1;`).length > 0, 'the picture drawn', before);
			const first = drawnAt(reader.output.slice(before), `${ESC}]1337;File=inline=1;`).at(-1)!;
			expect(first.row).toBeGreaterThan(3);
			expect(first.row).toBeLessThan(rows);
			let mark = reader.output.length;
			reader.press('j');
			await reader.waitFor(output => drawnAt(output, `${ESC}]1337;`).some(at => at.row === first.row - 1), 'the picture one row higher', mark);
			// The help screen hides the article: the next frame has no picture.
			mark = reader.output.length;
			reader.press('?');
			await reader.waitFor(output => output.includes('q') && output.length > 200, 'the help', mark);
			await new Promise(resolve => setTimeout(resolve, 300));
			expect(drawnAt(reader.output.slice(mark), `${ESC}]1337;`)).toEqual([]);
			reader.press(ESC);
			await reader.waitFor(output => drawnAt(output, `${ESC}]1337;`).length > 0, 'the picture back after the help', mark);
			mark = reader.output.length;
			for (let press = 0; press < 4; press++) reader.press('q');
			await reader.waitFor(output => output.includes(`${ESC}[?1049l`), 'the alternate screen left', mark);
			const end = reader.output.slice(mark);
			expect(end.slice(end.lastIndexOf(`${ESC}[?1049l`))).not.toContain('1337;File');
		});
	}

	it('sixel: asks the cell size first, scales to it, draws at the picture’s lines', {timeout: 60_000}, async () => {
		pty = new RawPty(80, 24, {BLOGROLL_HOME: home, HOME: home, BLOGROLL_IMAGES: 'sixel', TERM: 'foot'});
		const reader = pty;
		await reader.waitFor(output => output.includes(`${ESC}[16t${ESC}[c`), 'the cell size query');
		// A terminal with 8×16 cells that speaks sixel.
		reader.press(`${ESC}[6;16;8t${ESC}[?62;4;22c`);
		const before = await openPortraitWithPictures(reader);
		await reader.waitFor(output => drawnAt(output, `${ESC}P0;1;0q`).length > 0, 'the sixel picture drawn', before);
		const sent = reader.output.slice(before);
		const size = /\u001BP0;1;0q"1;1;(\d+);(\d+)/.exec(sent)!;
		// Scaled to whole cells of 8×16 pixels, never wider than the text.
		expect(Number(size[1])).toBeLessThanOrEqual(80 * 8);
		expect(Number(size[2]) % 16 === 0 || Number(size[2]) < 16 * 8).toBe(true);
		expect(sent).not.toContain('1337;File');
		for (let press = 0; press < 4; press++) reader.press('q');
		await reader.waitFor(output => output.includes(`${ESC}[?1049l`), 'the alternate screen left', before);
	});
});

describe.skipIf(!hasTmux())('pictures inside tmux', () => {
	for (const passthrough of [true, false]) {
		it(`from kitty, with allow-passthrough ${passthrough ? 'on: kitty placeholders in the pane' : 'off: half-blocks'}`, {timeout: 60_000}, async () => {
			// The reader starts a moment after the session, once the pane's option is set (for this pane only).
			session = new TmuxSession(`sh -c 'sleep 1; node ${CLI}'`, {
				columns: 80,
				rows: 24,
				env: {BLOGROLL_HOME: home, HOME: home, LANG: 'de_DE.UTF-8', KITTY_WINDOW_ID: '1', COLORTERM: 'truecolor', PATH: process.env['PATH'] ?? ''},
			});
			const reader = session;
			execFileSync('tmux', ['set-option', '-p', '-t', reader.name, 'allow-passthrough', passthrough ? 'on' : 'off']);
			await reader.waitForText('Kreidezeit');
			reader.press('Enter');
			await reader.waitForText('Fünf Fragen');
			reader.press('g', 'Enter');
			await reader.waitForText('[Bild: Dr. Miriam');
			reader.press('I');
			const drawn = await reader.waitFor(screen => screen.includes('\u{10EEEE}') || screen.includes('▀▀▀▀'), 'the picture');
			if (passthrough) {
				// Rows of placeholder cells, the first of each naming its row: tmux keeps them as text in the pane.
				expect(drawn.split('\n').filter(line => line.includes('\u{10EEEE}')).length).toBeGreaterThanOrEqual(3);
				expect(drawn).not.toContain('▀');
			} else {
				expect(drawn).not.toContain('\u{10EEEE}');
			}
			reader.press('q', 'q', 'q');
			await reader.waitForExit();
		});
	}
});
