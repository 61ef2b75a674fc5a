/** `blogroll read --images` (issue 19): pictures in place, as half-blocks through a pipe. Runs dist/cli.js. */
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import sharp from 'sharp';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runRead} from '../../source/commands/read.js';
import {createHttpClient} from '../../source/feeds/http.js';
import {createImageLoader} from '../../source/images/load-image.js';
import {makeHome, runCli} from '../helpers/cli.js';
import {startTestServer, type TestServer} from '../helpers/http-test-server.js';

const RED = [200, 30, 40];
const BLUE = [20, 60, 200];
const GREEN = [30, 160, 60];
const YELLOW = [240, 200, 20];

/** 40×20 pixels: red | blue above, green | yellow below. */
async function colourFields(): Promise<Buffer> {
	const data = Buffer.alloc(40 * 20 * 3);
	for (let y = 0; y < 20; y++) {
		for (let x = 0; x < 40; x++) data.set(y < 10 ? (x < 20 ? RED : BLUE) : x < 20 ? GREEN : YELLOW, (y * 40 + x) * 3);
	}
	return sharp(data, {raw: {width: 40, height: 20, channels: 3}}).png().toBuffer();
}

const cell = (top: readonly number[], bottom: readonly number[]) => `\u001B[38;2;${top.join(';')};48;2;${bottom.join(';')}m${'▀'.repeat(20)}`;

let server: TestServer;
let page: string;
const home = makeHome();

beforeAll(async () => {
	server = await startTestServer({
		'/farben.png': {headers: {'Content-Type': 'image/png'}, body: await colourFields()},
		'/kaputt.png': {headers: {'Content-Type': 'image/png'}, body: (await colourFields()).subarray(0, 60)},
		'/pixel.gif': {headers: {'Content-Type': 'image/gif'}, body: Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')},
	});
	page = join(home, 'atelier.html');
	writeFileSync(
		page,
		`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Farben im Atelier</title></head><body>
<p>Einleitung über „Farben“ im Atelier der Schreinerei Größle.</p>
<figure class="wp-block-image size-large"><img src="${server.url('/farben.png')}" alt="Vier Farbfelder" width="40" height="20" class="wp-image-12"><figcaption>Rot, Blau, Grün und Gelb</figcaption></figure>
<p>Nach dem Bild geht es weiter.<img src="${server.url('/pixel.gif')}" width="1" height="1" alt=""></p>
<p><img src="${server.url('/kaputt.png')}" alt="Kaputtes Foto"></p>
<p>Schluss.</p>
</body></html>`,
	);
});

afterAll(async () => {
	await server.close();
});

describe('blogroll read --images blocks', () => {
	it('prints the picture as coloured half-blocks in place, its alt text beneath', {timeout: 60_000}, async () => {
		const result = await runCli(['read', '--images', 'blocks', '--width', '40', '--no-pager', page], {home, env: {NO_COLOR: '', COLORTERM: 'truecolor', LANG: 'de_DE.UTF-8'}});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const lines = result.stdout.split('\n');
		const intro = lines.findIndex(line => line.includes('Einleitung'));
		const caption = lines.findIndex(line => line.includes('[Bild: Vier Farbfelder]'));
		const picture = lines.slice(intro + 1, caption).filter(line => line.includes('▀'));
		// 20 pixel rows are 10 lines of 40 cells, between the text before and the alt text.
		expect(picture).toHaveLength(10);
		expect(picture[0]).toContain(cell(RED, RED) + cell(BLUE, BLUE).slice(0, -20));
		expect(picture[0]).toContain(cell(BLUE, BLUE));
		expect(picture[9]).toContain(cell(GREEN, GREEN));
		expect(picture[9]).toContain(cell(YELLOW, YELLOW));
		// The text after the picture is unchanged; the broken one is a line saying why.
		expect(result.stdout).toContain('Nach dem Bild geht es weiter.');
		expect(result.stdout).toContain('[Bild nicht gezeigt: die Datei ist beschädigt]');
		expect(result.stdout).toContain('Schluss.');
		// Tracking pixels are never requested; only colour sequences reach the terminal.
		expect(server.requests.some(request => request.path === '/pixel.gif')).toBe(false);
		expect(result.stdout.replace(/\u001B\[[0-9;]*m/g, '')).not.toContain('\u001B');
	});

	it('without --images prints the text only and loads nothing', {timeout: 60_000}, async () => {
		const before = server.requests.length;
		const result = await runCli(['read', '--width', '40', '--no-pager', page], {home, env: {LANG: 'de_DE.UTF-8'}});
		expect(result.code).toBe(0);
		expect(result.stdout).not.toContain('▀');
		expect(result.stdout).toContain('[Bild: Vier Farbfelder][1]');
		expect(server.requests.length).toBe(before);
	});

	it('--images auto follows the imageProtocol setting before detecting the terminal', async () => {
		let out = '';
		const io = {stdout: {write: (text: string) => (out += text), isTTY: false}, stderr: {write: () => true}, env: {TERM: 'xterm-kitty', KITTY_WINDOW_ID: '3', COLORTERM: 'truecolor', LANG: 'de_DE.UTF-8'}};
		const imageLoader = createImageLoader({http: createHttpClient({retryDelayMs: 10}), cache: null});
		const settings = {imageProtocol: 'blocks' as const};
		expect(await runRead({target: page, width: 40, plain: false, pager: false, images: 'auto'}, {io, http: null, settings, imageLoader})).toBe(0);
		expect(out).toContain(cell(RED, RED));
		expect(out).not.toContain('\u001B_G');
		out = '';
		expect(await runRead({target: page, width: 40, plain: false, pager: false, images: 'auto'}, {io, http: null, settings: {}, imageLoader})).toBe(0);
		// Detected: kitty's graphics protocol, an image id, base64 RGBA; no half-blocks.
		expect(out).toMatch(/\u001B_Ga=T,f=32,s=\d+,v=\d+,i=1,q=2/);
		expect(out).not.toContain('▀');
	});

	it('refuses an unknown --images mode with the choices', {timeout: 60_000}, async () => {
		const result = await runCli(['read', '--images', 'retina', page], {home});
		expect(result.code).not.toBe(0);
		expect(result.stderr).toContain('auto, kitty, iterm, sixel, blocks, off');
	});
});
