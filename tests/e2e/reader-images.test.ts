/** images (issue 19): pictures in the reader in a real terminal (tmux), on the fixture site. Runs dist/cli.js. */
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {makeHome, runCli} from '../helpers/cli.js';
import {fixturePaths, startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';
import {hasTmux, TmuxSession} from '../helpers/tmux.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

let server: FixtureServer;
let home: string;
let session: TmuxSession | undefined;

beforeAll(async () => {
	server = await startFixtureServer();
	home = makeHome();
	const result = await runCli(['add', `${server.url}${fixturePaths.kreidezeit.feed}`], {home});
	expect(result.code).toBe(0);
});

afterEach(() => session?.kill());

afterAll(async () => {
	await server.close();
});

/** The screen with its colours (tmux capture-pane -e). */
function colouredScreen(reader: TmuxSession): string {
	return execFileSync('tmux', ['capture-pane', '-p', '-e', '-t', reader.name], {encoding: 'utf8'});
}

/** The 24-bit colours of the screen's cells, foreground and background. */
function colours(screen: string): number[][] {
	return [...screen.matchAll(/[34]8;2;(\d+);(\d+);(\d+)/g)].map(match => [Number(match[1]), Number(match[2]), Number(match[3])]);
}

function firstRowWith(screen: string, text: string): number {
	return screen.split('\n').findIndex(line => line.includes(text));
}

describe.skipIf(!hasTmux())('pictures in the reader in a real terminal', () => {
	for (const [columns, rows] of [
		[80, 24],
		[140, 40],
	] as const) {
		it(`I draws the article's picture as half-blocks in its colours; scrolling moves it; quitting is clean (${columns}x${rows})`, {timeout: 60_000}, async () => {
			server.requests.length = 0;
			const exitFile = join(home, `exit-${columns}`);
			// After the reader, the shell's screen stays on show (a marker line, then a pause) to be checked.
			session = new TmuxSession(`sh -c 'node ${CLI}; echo $? > ${exitFile}; echo Leser beendet; sleep 60'`, {
				columns,
				rows,
				env: {BLOGROLL_HOME: home, HOME: home, LANG: 'de_DE.UTF-8', TERM: 'xterm-256color', COLORTERM: 'truecolor', PATH: process.env['PATH'] ?? ''},
			});
			const reader = session;
			await reader.waitForText('Kreidezeit');
			reader.press(columns >= 120 ? 'Tab' : 'Enter');
			if (columns >= 120) reader.press('Enter');
			else await reader.waitForText('Fünf Fragen');
			// The newest post, with the portrait of Miriam Voß-Häußler.
			reader.press('g', 'Enter');
			await reader.waitForText('[Bild: Dr. Miriam Voß-Häußler');
			expect(reader.screen()).not.toContain('▀'); // images: ask — nothing loaded before the key
			expect(server.requests.some(request => request.path.includes('miriam-voss'))).toBe(false);
			reader.press('I');
			const drawn = await reader.waitFor(screen => screen.split('\n').filter(line => line.includes('▀▀▀▀')).length >= 4, 'half-block rows');
			const screen = colouredScreen(reader);
			// The generated scene: a blue sky (blue over 200, red below 200) and the sun (yellow).
			expect(colours(screen).some(([r, g, b]) => b! > 200 && r! < 200 && g! < 240)).toBe(true);
			expect(colours(screen).some(([r, g, b]) => r! > 200 && g! > 150 && b! < 120)).toBe(true);
			// The picture stands before its alt text, and the tracking pixel was never asked for.
			const top = firstRowWith(drawn, '▀▀▀▀');
			expect(firstRowWith(drawn, '[Bild: Dr. Miriam')).toBeGreaterThan(top);
			expect(server.requests.some(request => request.path.includes('pixel.gif'))).toBe(false);
			reader.press('j', 'j');
			await reader.waitFor(screen => firstRowWith(screen, '▀▀▀▀') === top - 2, 'the picture two rows higher');
			reader.press('q', 'q', 'q');
			// The wide layout may need one more q (if the reader has quit already, the paused shell gets it: harmless).
			if (columns >= 120 && !reader.screen().includes('Leser beendet')) reader.press('q');
			const after = await reader.waitForText('Leser beendet');
			expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
			// A clean terminal: the alternate screen is gone with every picture cell and colour on it.
			expect(after).not.toMatch(/[▀▄]/);
			expect(after).not.toContain('Miriam');
			expect(colours(colouredScreen(reader))).toEqual([]);
		});
	}
});
