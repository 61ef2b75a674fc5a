import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {inflateSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {encodeBlocks} from '../../source/images/encode-blocks.js';
import {deleteKitty, encodeIterm, encodeKitty, kittyPlaceholders, wrapForTmux} from '../../source/images/encode-graphics.js';
import {encodeSixel} from '../../source/images/encode-sixel.js';
import {nearest256, nearestGrey} from '../../source/images/palette.js';
import {encodePng} from '../../source/images/png.js';
import {fixturePixels} from './fixture-pixels.js';

// Golden files hold each protocol's output for the 4×4 fixture, escapes spelled out as JSON.
// After an intended change, `UPDATE_GOLDEN=1 npx vitest run tests/images` rewrites them; review the diff.
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const GOLDEN = join(import.meta.dirname, '..', 'fixtures', 'golden-images');

function expectGolden(name: string, output: string | readonly string[]): void {
	const path = join(GOLDEN, `${name}.json`);
	const text = `${JSON.stringify(output, null, '\t')}\n`;
	if (UPDATE || !existsSync(path)) writeFileSync(path, text);
	expect(text).toBe(readFileSync(path, 'utf8'));
}

describe('half-block encoder', () => {
	it('draws two pixel rows per line, upper pixel as foreground, lower as background, in 24-bit colour', () => {
		const lines = encodeBlocks(fixturePixels(), 'truecolor');
		expect(lines).toHaveLength(2);
		// First cell: red above black.
		expect(lines[0]!.startsWith('\u001B[38;2;255;0;0;48;2;0;0;0m▀')).toBe(true);
		// The transparent pixel (row 2, column 3) keeps the background: the lower pixel is drawn with ▄.
		expect(lines[1]).toContain('\u001B[38;2;10;20;30;49m▄');
		expect(lines.every(line => line.endsWith('\u001B[39;49m'))).toBe(true);
		expectGolden('blocks-truecolor', lines);
	});

	it('uses the 256-colour palette without COLORTERM and greys under NO_COLOR', () => {
		const palette = encodeBlocks(fixturePixels(), '256');
		expect(palette[0]!.startsWith('\u001B[38;5;196;48;5;16m▀')).toBe(true); // red on black
		expectGolden('blocks-256', palette);
		const greys = encodeBlocks(fixturePixels(), 'grey');
		expect(greys.join('')).not.toMatch(/38;5;(?:196|46|21)\b/);
		expectGolden('blocks-grey', greys);
	});

	it('maps colours to the nearest palette entry', () => {
		expect([nearest256(255, 0, 0), nearest256(0, 255, 0), nearest256(0, 0, 255), nearest256(128, 128, 128)]).toEqual([196, 46, 21, 244]);
		expect([nearestGrey(0, 0, 0), nearestGrey(255, 255, 255), nearestGrey(128, 128, 128)]).toEqual([16, 231, 244]);
	});
});

describe('kitty encoder', () => {
	it('sends raw RGBA under an image id, base64 in chunks of at most 4096', () => {
		const output = encodeKitty(fixturePixels(), 7, {columns: 4, rows: 2});
		expect(output.startsWith('\u001B_Ga=T,f=32,s=4,v=4,i=7,q=2,c=4,r=2,m=0;')).toBe(true);
		expectGolden('kitty', output);
		expect(deleteKitty(7)).toBe('\u001B_Ga=d,d=I,i=7,q=2\u001B\\');
	});

	it('splits a large picture into chunks, all but the last with m=1', () => {
		const data = new Uint8Array(64 * 64 * 4).fill(200);
		const output = encodeKitty({width: 64, height: 64, data}, 1, {columns: 10, rows: 5});
		const chunks = output.split('\u001B\\').filter(Boolean);
		expect(chunks.length).toBe(Math.ceil(Math.ceil((64 * 64 * 4) / 3) * 4 / 4096));
		for (const chunk of chunks) expect(chunk.slice(chunk.indexOf(';') + 1).length).toBeLessThanOrEqual(4096);
		expect(chunks.slice(0, -1).every(chunk => /m=1;/.test(chunk))).toBe(true);
		expect(chunks.at(-1)).toMatch(/^\u001B_Gm=0;/);
		const payload = chunks.map(chunk => chunk.slice(chunk.indexOf(';') + 1)).join('');
		expect(Buffer.from(payload, 'base64')).toEqual(Buffer.from(data));
	});
});

describe('iTerm2 encoder', () => {
	it('carries a PNG that blogroll built from the pixels', () => {
		const output = encodeIterm(fixturePixels(), {columns: 4, rows: 2});
		expect(output).toMatch(/^\u001B\]1337;File=inline=1;size=\d+;width=4;height=2;preserveAspectRatio=1:[A-Za-z0-9+/=]+\u0007$/);
		expectGolden('iterm', output);
	});

	it('writes a PNG whose pixels decode back unchanged', () => {
		const png = encodePng(fixturePixels());
		expect(png.subarray(1, 4).toString()).toBe('PNG');
		const idat = png.indexOf('IDAT');
		const length = png.readUInt32BE(idat - 4);
		const raw = inflateSync(png.subarray(idat + 4, idat + 4 + length));
		const rows = [0, 1, 2, 3].map(y => raw.subarray(y * 17 + 1, y * 17 + 17));
		expect(Buffer.concat(rows)).toEqual(Buffer.from(fixturePixels().data));
	});
});

describe('sixel encoder', () => {
	it('defines only the colours used and leaves transparent pixels unset', () => {
		const output = encodeSixel(fixturePixels());
		expect(output.startsWith('\u001BP0;1;0q"1;1;4;4')).toBe(true);
		expect(output.endsWith('\u001B\\')).toBe(true);
		expect(output).toContain('#180;2;100;0;0'); // red register
		expect(output).toContain('#0;2;0;0;0'); // black
		expectGolden('sixel', output);
	});
});

describe('kitty Unicode placeholders (the reader)', () => {
	it('transmits a virtual placement and draws rows of U+10EEEE cells, the id in the foreground colour', () => {
		const transmit = encodeKitty(fixturePixels(), 300, {columns: 4, rows: 2}, {virtual: true});
		expect(transmit.startsWith('\u001B_Ga=T,U=1,f=32,s=4,v=4,i=300,q=2,c=4,r=2,m=0;')).toBe(true);
		const lines = kittyPlaceholders(300, {columns: 4, rows: 2});
		// Row 0 and row 1 by their diacritics (U+0305, U+030D), column 0 (U+0305); the cells after count on.
		expect(lines).toEqual([
			'\u001B[38;2;0;1;44m\u{10EEEE}\u0305\u0305\u{10EEEE}\u{10EEEE}\u{10EEEE}\u001B[39m',
			'\u001B[38;2;0;1;44m\u{10EEEE}\u030D\u0305\u{10EEEE}\u{10EEEE}\u{10EEEE}\u001B[39m',
		]);
		expectGolden('kitty-placeholders', [transmit, ...lines]);
	});

	it('wraps each chunk for tmux passthrough, ESC doubled', () => {
		expect(wrapForTmux('\u001B_Ga=d,d=I,i=1,q=2\u001B\\')).toBe('\u001BPtmux;\u001B\u001B_Ga=d,d=I,i=1,q=2\u001B\u001B\\\u001B\\');
	});
});
