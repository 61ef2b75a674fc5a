import {nearest256, nearestGrey} from './palette.js';
import type {BlockColors, Pixels} from './types.js';

/** Below this alpha a pixel is background: the terminal's own colour shows through. */
const OPAQUE = 128;

const UPPER = '▀';
const LOWER = '▄';

/**
 * Pixels as half-block lines: one cell per pixel column and two pixel rows per line, `▀`
 * in the upper pixel's colour on the lower pixel's colour. Transparent pixels keep the
 * terminal's background (`▄`, or a plain space). Each line ends with its colours reset,
 * so a line can be drawn, cut or scrolled on its own. Pure.
 */
export function encodeBlocks(pixels: Pixels, colors: BlockColors): string[] {
	const lines: string[] = [];
	const color = (layer: 'fg' | 'bg', offset: number): string => {
		const {data} = pixels;
		const [r, g, b] = [data[offset]!, data[offset + 1]!, data[offset + 2]!];
		const base = layer === 'fg' ? 38 : 48;
		if (colors === 'truecolor') return `${base};2;${r};${g};${b}`;
		return `${base};5;${colors === 'grey' ? nearestGrey(r, g, b) : nearest256(r, g, b)}`;
	};
	for (let y = 0; y < pixels.height; y += 2) {
		let line = '';
		let state = '';
		for (let x = 0; x < pixels.width; x++) {
			const top = (y * pixels.width + x) * 4;
			const bottom = y + 1 < pixels.height ? top + pixels.width * 4 : -1;
			const hasTop = pixels.data[top + 3]! >= OPAQUE;
			const hasBottom = bottom >= 0 && pixels.data[bottom + 3]! >= OPAQUE;
			let wanted: string;
			let glyph: string;
			if (hasTop && hasBottom) [wanted, glyph] = [`${color('fg', top)};${color('bg', bottom)}`, UPPER];
			else if (hasTop) [wanted, glyph] = [`${color('fg', top)};49`, UPPER];
			else if (hasBottom) [wanted, glyph] = [`${color('fg', bottom)};49`, LOWER];
			else [wanted, glyph] = ['39;49', ' '];
			// Repeated colours are not sent again: a flat area costs one character per cell.
			if (wanted !== state) {
				line += `\u001B[${wanted}m`;
				state = wanted;
			}
			line += glyph;
		}
		lines.push(`${line}\u001B[39;49m`);
	}
	return lines;
}
