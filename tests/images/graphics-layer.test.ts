import React from 'react';
import {renderToString} from 'ink';
import {describe, expect, it} from 'vitest';
import {createGraphicsLayer} from '../../source/images/graphics-layer.js';
import {kittyPlaceholders} from '../../source/images/encode-graphics.js';
import type {Pixels} from '../../source/images/types.js';
import {ArticleView} from '../../source/ui/components/article-view.js';
import {stringsFor} from '../../source/ui/strings.js';
import type {Entry} from '../../source/store/types.js';
import {fixturePixels} from './fixture-pixels.js';

const ESC = '\u001B';
const END_SYNCHRONIZED = `${ESC}[?2026l`;

/** A picture of `width × height` pixels, each row one grey (row index × 10), opaque. */
function rows(width: number, height: number): Pixels {
	const data = new Uint8Array(width * height * 4);
	for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([y * 10, y * 10, y * 10, 255], (y * width + x) * 4);
	return {width, height, data};
}

function collect(): {written: string[]; write: (data: string) => void} {
	const written: string[] = [];
	return {written, write: data => written.push(data)};
}

describe('graphics layer: kitty', () => {
	it('sends the picture once as a virtual placement and shows it as placeholder lines naming its id', () => {
		const layer = createGraphicsLayer({protocol: 'kitty'});
		const {written, write} = collect();
		layer.attach(write);
		const lines = layer.add(fixturePixels(), {columns: 4, rows: 2});
		expect(written).toHaveLength(1);
		expect(written[0]).toMatch(/^\u001B_Ga=T,U=1,f=32,s=4,v=4,i=1,q=2,c=4,r=2,m=0;[A-Za-z0-9+/=]+\u001B\\$/);
		expect(lines).toEqual(kittyPlaceholders(1, {columns: 4, rows: 2}));
		// Frames pass unchanged: the placeholders are text that Ink draws.
		expect(layer.filter(lines.join('\n'))).toBe(lines.join('\n'));
		expect(written).toHaveLength(1);
	});

	it('holds the data until the terminal is attached', () => {
		const layer = createGraphicsLayer({protocol: 'kitty'});
		layer.add(fixturePixels(), {columns: 4, rows: 2});
		const {written, write} = collect();
		layer.attach(write);
		expect(written.join('')).toContain('a=T,U=1');
	});

	it('frees the last article’s pictures by id when the next article’s come, and all on quit', () => {
		const layer = createGraphicsLayer({protocol: 'kitty'});
		const {written, write} = collect();
		layer.attach(write);
		layer.add(fixturePixels(), {columns: 4, rows: 2});
		layer.add(fixturePixels(), {columns: 4, rows: 2});
		layer.reset();
		expect(written.at(-1)).toBe(`${ESC}_Ga=d,d=I,i=1,q=2${ESC}\\${ESC}_Ga=d,d=I,i=2,q=2${ESC}\\`);
		// New ids: a placeholder still on screen from before never shows a new picture.
		expect(layer.add(fixturePixels(), {columns: 4, rows: 2})[0]).toContain(`${ESC}[38;2;0;0;3m`);
		expect(layer.dispose()).toBe(`${ESC}_Ga=d,d=I,i=3,q=2${ESC}\\`);
		expect(layer.dispose()).toBe('');
	});

	it('inside tmux wraps every chunk in tmux’s passthrough with its escapes doubled', () => {
		const layer = createGraphicsLayer({protocol: 'kitty', tmux: true});
		const {written, write} = collect();
		layer.attach(write);
		layer.add(rows(40, 40), {columns: 4, rows: 2});
		const sent = written.join('');
		const wrapped = sent.split(`${ESC}\\`).filter(Boolean);
		expect(wrapped.length).toBeGreaterThan(1);
		for (const part of sent.match(/\u001BPtmux;[\s\S]*?(?<!\u001B)\u001B\\(?!\u001B)/g) ?? []) {
			expect(part.startsWith(`${ESC}Ptmux;${ESC}${ESC}_G`)).toBe(true);
		}
		expect(sent.replace(/\u001BPtmux;/g, '').replaceAll(`${ESC}${ESC}`, ESC)).toContain('a=T,U=1');
	});
});

describe('graphics layer: iTerm2 and sixel at their markers', () => {
	const frameWith = (pictureLines: readonly string[], above: number, indent = '') =>
		[...Array.from({length: above}, (_, index) => `Zeile ${index + 1} über dem Bild`), ...pictureLines.map(line => indent + line), 'Text unter dem Bild'].join('\n');

	it('draws the picture after the frame at the row and column where its lines stand, the cursor put back', async () => {
		const layer = createGraphicsLayer({protocol: 'iterm'});
		const {written, write} = collect();
		layer.attach(write);
		const lines = layer.add(rows(40, 60), {columns: 4, rows: 3});
		expect(lines).toHaveLength(3);
		const frame = `${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[G${frameWith(lines, 5, '„ ')}`;
		expect(layer.filter(frame)).toBe(frame);
		await Promise.resolve();
		expect(written).toHaveLength(1);
		expect(written[0]).toMatch(/^\u001B7\u001B\[6;3H\u001B\]1337;File=inline=1;size=\d+;width=4;height=3;preserveAspectRatio=1:[A-Za-z0-9+/=]+\u0007\u001B8$/);
	});

	it('puts the pictures inside Ink’s synchronized update, before its end', async () => {
		const layer = createGraphicsLayer({protocol: 'sixel', cell: {width: 10, height: 20}});
		const {written, write} = collect();
		layer.attach(write);
		const lines = layer.add(rows(40, 60), {columns: 4, rows: 3});
		layer.filter(frameWith(lines, 2));
		const end = layer.filter(END_SYNCHRONIZED);
		expect(end.startsWith(`${ESC}7${ESC}[3;1H${ESC}P0;1;0q"1;1;40;60`)).toBe(true);
		expect(end.endsWith(`${ESC}8${END_SYNCHRONIZED}`)).toBe(true);
		await Promise.resolve();
		expect(written).toHaveLength(0);
	});

	it('draws only the rows on screen when the picture is scrolled half out of view', () => {
		const layer = createGraphicsLayer({protocol: 'sixel', cell: {width: 10, height: 20}});
		const lines = layer.add(rows(40, 60), {columns: 4, rows: 3});
		// The first row scrolled off the top: rows 1 and 2 stand on screen rows 1 and 2.
		layer.filter(frameWith(lines.slice(1), 0));
		const drawn = layer.filter(END_SYNCHRONIZED);
		expect(drawn).toContain(`${ESC}[1;1H${ESC}P0;1;0q"1;1;40;40`);
	});

	it('draws nothing for a frame without its lines (another screen, an overlay over it) and nothing after reset', async () => {
		const layer = createGraphicsLayer({protocol: 'iterm'});
		const {written, write} = collect();
		layer.attach(write);
		const lines = layer.add(rows(40, 60), {columns: 4, rows: 3});
		layer.filter('Hilfe\nj/k  blättern\nq  beenden');
		// An overlay covering the middle row: the rows left are not one run.
		layer.filter(frameWith([lines[0]!, 'Überdeckt', lines[2]!], 1));
		await Promise.resolve();
		expect(written).toHaveLength(0);
		layer.reset();
		layer.filter(frameWith(lines, 1));
		await Promise.resolve();
		expect(written).toHaveLength(0);
	});

	it('its markers and kitty’s placeholders survive Ink’s article view unchanged, at the body’s rows', () => {
		const layer = createGraphicsLayer({protocol: 'iterm'});
		const picture = layer.add(rows(40, 40), {columns: 4, rows: 2});
		const placeholders = kittyPlaceholders(7, {columns: 4, rows: 2});
		const entry = {id: 1, feedId: 1, title: 'Fünf Fragen an die Kreidezeit', feedTitle: 'Kreidezeit', author: null, date: new Date('2026-12-01T10:00:00Z'), link: 'https://kreidezeit.example/fragen', isRead: false, isStarred: false} as unknown as Entry;
		const frame = renderToString(
			React.createElement(ArticleView, {
				entry,
				lines: ['„Erster Absatz“', ...picture, ...placeholders, 'Letzter Absatz mit Umlauten: äöü'],
				variant: 'feed',
				notice: null,
				width: 40,
				height: 12,
				strings: stringsFor('de'),
				color: true,
			}),
			{columns: 40},
		);
		// Ink writes the colours back in its own way; what counts is each line's start and text.
		for (const line of [...picture, ...placeholders]) expect(frame).toContain(line.slice(0, line.indexOf('\u001B[39m')));
		const drawn = layer.filter(frame) + layer.filter(END_SYNCHRONIZED);
		// The picture's first line is the one under the first paragraph (screen rows count from 1).
		const pictureRow = frame.split('\n').findIndex(line => line.includes('Erster Absatz')) + 2;
		expect(drawn).toContain(`${ESC}[${pictureRow};1H${ESC}]1337;`);
	});
});

describe('fitCells (kitty and iTerm2 pictures fill their box)', () => {
	it('scales a small picture up into the box with its aspect kept, and a large one down', async () => {
		const {fitCells} = await import('../../source/images/draw-image.js');
		const cell = {width: 10, height: 20};
		// 96×64 pixels (3:2) into 80×7 cells: the height limits, 7 rows of 20 px = 140 px, so 210 px = 21 columns.
		expect(fitCells({width: 96, height: 64}, cell, {columns: 80, rows: 7})).toEqual({columns: 21, rows: 7});
		// 3000×2000 into 40×20 cells: the width limits, 400 px wide, 267 px high = 13 rows.
		expect(fitCells({width: 3000, height: 2000}, cell, {columns: 40, rows: 20})).toEqual({columns: 40, rows: 13});
		// A 1-pixel-high strip still gets a row.
		expect(fitCells({width: 500, height: 1}, cell, {columns: 40, rows: 20})).toEqual({columns: 40, rows: 1});
	});
});
