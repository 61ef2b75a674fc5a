import {isFailure, type Failure} from '../failure.js';
import {encodeBlocks} from './encode-blocks.js';
import {encodeIterm, encodeKitty, type CellBox} from './encode-graphics.js';
import {encodeSixel} from './encode-sixel.js';
import type {GraphicsLayer} from './graphics-layer.js';
import type {ImageLoader} from './load-image.js';
import type {BlockColors, ImageProtocol} from './types.js';

/** How pictures are drawn: the protocol, block colours, and the cells one picture may take. */
export interface DrawOptions {
	readonly protocol: Exclude<ImageProtocol, 'off'>;
	readonly colors: BlockColors;
	/** The most cells a picture gets (see imageCells). */
	readonly box: CellBox;
	/** kitty: the id the picture is shown under (and deleted by). */
	readonly id?: number;
	/**
	 * The reader's pictures (kitty, iTerm2, sixel): the layer sends or draws them beside Ink
	 * and gives the lines to show; without it, the sequence is printed in place (`read`).
	 */
	readonly layer?: GraphicsLayer | null;
}

// Pixels per cell for the graphics protocols: enough for a sharp picture at common font
// sizes, without sending more than the terminal will show.
const CELL_WIDTH_PX = 10;
const CELL_HEIGHT_PX = 20;

/**
 * One picture as lines to print: half-blocks are one line per cell row; kitty, iTerm2 and
 * sixel are one escape sequence (the terminal moves the cursor below the picture) then
 * the rows it covers minus one, so the text below starts after it.
 */
export async function drawImage(loader: ImageLoader, url: string, options: DrawOptions): Promise<string[] | Failure> {
	const {box} = options;
	if (options.protocol === 'blocks') {
		const pixels = await loader.load(url, {width: box.columns, height: box.rows * 2});
		return isFailure(pixels) ? pixels : encodeBlocks(pixels, options.colors);
	}
	const cell = options.layer?.cell ?? {width: CELL_WIDTH_PX, height: CELL_HEIGHT_PX};
	const pixels = await loader.load(url, {width: box.columns * cell.width, height: box.rows * cell.height});
	if (isFailure(pixels)) return pixels;
	// The cells the scaled picture really covers, at the same cell size.
	const cells: CellBox = {columns: Math.max(1, Math.ceil(pixels.width / cell.width)), rows: Math.max(1, Math.ceil(pixels.height / cell.height))};
	// kitty and iTerm2 scale a picture into its cells: a small one fills the box as half-blocks
	// do (its aspect kept); sixel draws pixels 1:1, so it keeps the size it has.
	if (options.layer) return options.layer.add(pixels, options.layer.protocol === 'sixel' ? cells : fitCells(pixels, cell, box));
	const sequence =
		options.protocol === 'kitty' ? encodeKitty(pixels, options.id ?? 1, cells) : options.protocol === 'iterm' ? encodeIterm(pixels, cells) : encodeSixel(pixels);
	return [sequence];
}

/** The most cells of `box` a picture fills with its aspect kept, at `cell` pixels per cell. */
export function fitCells(pixels: {readonly width: number; readonly height: number}, cell: {readonly width: number; readonly height: number}, box: CellBox): CellBox {
	const scale = Math.min((box.columns * cell.width) / pixels.width, (box.rows * cell.height) / pixels.height);
	return {
		columns: Math.max(1, Math.min(box.columns, Math.round((pixels.width * scale) / cell.width))),
		rows: Math.max(1, Math.min(box.rows, Math.round((pixels.height * scale) / cell.height))),
	};
}
