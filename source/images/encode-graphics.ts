import {encodePng} from './png.js';
import type {Pixels} from './types.js';

/** Cells a picture covers: kitty and iTerm2 scale the pixels into them. */
export interface CellBox {
	readonly columns: number;
	readonly rows: number;
}

const KITTY_CHUNK = 4096;

/**
 * kitty's graphics protocol: transmit and display raw RGBA (`f=32`) under an image id,
 * base64 in chunks of 4096 (the protocol's limit), quietly (`q=2`: no answers on the
 * input), scaled into `columns × rows` cells. Pure.
 */
export function encodeKitty(pixels: Pixels, id: number, box: CellBox, options: {readonly virtual?: boolean} = {}): string {
	const payload = Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength).toString('base64');
	const parts: string[] = [];
	for (let at = 0; at < payload.length || at === 0; at += KITTY_CHUNK) {
		const piece = payload.slice(at, at + KITTY_CHUNK);
		const more = at + KITTY_CHUNK < payload.length ? 1 : 0;
		// `U=1`: a virtual placement, shown where placeholder cells name the image (see kittyPlaceholders).
		const virtual = options.virtual === true ? 'U=1,' : '';
		const control = at === 0 ? `a=T,${virtual}f=32,s=${pixels.width},v=${pixels.height},i=${id},q=2,c=${box.columns},r=${box.rows},m=${more}` : `m=${more}`;
		parts.push(`\u001B_G${control};${piece}\u001B\\`);
		if (payload.length === 0) break;
	}
	return parts.join('');
}

/** kitty: delete the picture with this id and free its data (`d=I`). */
export function deleteKitty(id: number): string {
	return `\u001B_Ga=d,d=I,i=${id},q=2\u001B\\`;
}

/**
 * iTerm2's inline image (also WezTerm, VS Code, Konsole): a PNG blogroll encoded from the
 * decoded pixels, shown in `columns × rows` cells. Pure.
 */
export function encodeIterm(pixels: Pixels, box: CellBox): string {
	const png = encodePng(pixels);
	return `\u001B]1337;File=inline=1;size=${png.length};width=${box.columns};height=${box.rows};preserveAspectRatio=1:${png.toString('base64')}\u0007`;
}

// kitty's row/column diacritics (rowcolumn-diacritics.txt), the first 108: the number n is
// the n-th mark. Pictures are never taller than this many rows (see KITTY_MAX_ROWS).
const DIACRITICS = [
	0x0305, 0x030d, 0x030e, 0x0310, 0x0312, 0x033d, 0x033e, 0x033f, 0x0346, 0x034a, 0x034b, 0x034c,
	0x0350, 0x0351, 0x0352, 0x0357, 0x035b, 0x0363, 0x0364, 0x0365, 0x0366, 0x0367, 0x0368, 0x0369,
	0x036a, 0x036b, 0x036c, 0x036d, 0x036e, 0x036f, 0x0483, 0x0484, 0x0485, 0x0486, 0x0487, 0x0592,
	0x0593, 0x0594, 0x0595, 0x0597, 0x0598, 0x0599, 0x059c, 0x059d, 0x059e, 0x059f, 0x05a0, 0x05a1,
	0x05a8, 0x05a9, 0x05ab, 0x05ac, 0x05af, 0x05c4, 0x0610, 0x0611, 0x0612, 0x0613, 0x0614, 0x0615,
	0x0616, 0x0617, 0x0657, 0x0658, 0x0659, 0x065a, 0x065b, 0x065d, 0x065e, 0x06d6, 0x06d7, 0x06d8,
	0x06d9, 0x06da, 0x06db, 0x06dc, 0x06df, 0x06e0, 0x06e1, 0x06e2, 0x06e4, 0x06e7, 0x06e8, 0x06eb,
	0x06ec, 0x0730, 0x0732, 0x0733, 0x0735, 0x0736, 0x073a, 0x073d, 0x073f, 0x0740, 0x0741, 0x0743,
	0x0745, 0x0747, 0x0749, 0x074a, 0x07eb, 0x07ec, 0x07ed, 0x07ee, 0x07ef, 0x07f0, 0x07f1, 0x07f3,
].map(code => String.fromCodePoint(code));

/** The most rows a kitty placeholder picture may have: one diacritic per row. */
export const KITTY_MAX_ROWS = DIACRITICS.length;

const PLACEHOLDER = '\u{10EEEE}';

/**
 * kitty's Unicode placeholders: the picture `id` (sent with `encodeKitty(…, {virtual: true})`)
 * as `box.rows` lines of text, one placeholder cell per column, the image id in the 24-bit
 * foreground colour. The first cell of a row names its row and column 0; the cells after it
 * count on by themselves. Being text, the lines scroll, cut and redraw like any line (Ink,
 * tmux): no position to track, nothing left behind. Pure.
 */
export function kittyPlaceholders(id: number, box: CellBox): string[] {
	const color = `\u001B[38;2;${(id >> 16) & 0xff};${(id >> 8) & 0xff};${id & 0xff}m`;
	const rows = Math.min(box.rows, KITTY_MAX_ROWS);
	return Array.from({length: rows}, (_, row) => `${color}${PLACEHOLDER}${DIACRITICS[row]}${DIACRITICS[0]}${PLACEHOLDER.repeat(Math.max(0, box.columns - 1))}\u001B[39m`);
}

/**
 * tmux passes a sequence to the terminal outside it only wrapped in its DCS, every ESC
 * doubled (and only with `allow-passthrough on`). kitty's chunks are wrapped one by one:
 * tmux bounds what one passthrough may hold.
 */
export function wrapForTmux(sequence: string): string {
	const parts = sequence.split(/(?<=\u001B\\)/);
	return parts.map(part => `\u001BPtmux;${part.replaceAll('\u001B', '\u001B\u001B')}\u001B\\`).join('');
}
