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
export function encodeKitty(pixels: Pixels, id: number, box: CellBox): string {
	const payload = Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength).toString('base64');
	const parts: string[] = [];
	for (let at = 0; at < payload.length || at === 0; at += KITTY_CHUNK) {
		const piece = payload.slice(at, at + KITTY_CHUNK);
		const more = at + KITTY_CHUNK < payload.length ? 1 : 0;
		const control = at === 0 ? `a=T,f=32,s=${pixels.width},v=${pixels.height},i=${id},q=2,c=${box.columns},r=${box.rows},m=${more}` : `m=${more}`;
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
