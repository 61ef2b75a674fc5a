import {displayWidth} from '../text/width.js';
import {deleteKitty, encodeIterm, encodeKitty, kittyPlaceholders, KITTY_MAX_ROWS, wrapForTmux, type CellBox} from './encode-graphics.js';
import {encodeSixel} from './encode-sixel.js';
import type {Pixels} from './types.js';

/** The protocols that draw real pictures in the reader (half-blocks are plain lines). */
export type LayerProtocol = 'kitty' | 'iterm' | 'sixel';

/** A terminal cell's size in pixels. */
export interface CellPixels {
	readonly width: number;
	readonly height: number;
}

/** Pixels per cell when the terminal does not say: common font sizes. */
export const DEFAULT_CELL: CellPixels = {width: 10, height: 20};

export interface GraphicsLayerOptions {
	readonly protocol: LayerProtocol;
	/** Inside tmux with `allow-passthrough on`: kitty's sequences go out wrapped for it. */
	readonly tmux?: boolean;
	/** The terminal's cell size (sixel draws pixels 1:1, so its pictures are scaled to it). */
	readonly cell?: CellPixels;
}

/**
 * images: the reader's pictures in kitty, iTerm2 or sixel, beside Ink. Ink redraws by
 * rewriting its lines, so a picture must be text to Ink or be drawn again after each frame:
 *
 * - kitty: the picture's data goes out once (a virtual placement); its lines are Unicode
 *   placeholder cells, ordinary text that Ink scrolls, cuts and erases, and that tmux
 *   passes on. Nothing is ever positioned by hand.
 * - iTerm2 and sixel draw at the cursor: each picture's lines carry an invisible marker
 *   per row (a colour on blank cells); after every frame Ink writes, the markers found in
 *   it give the rows and column where the picture stands now, and the picture (or the
 *   part of it on screen) is drawn there, the cursor put back. Ink erases every line
 *   before it writes the next frame, which removes the picture with the text: scrolling,
 *   another screen, an overlay or a resize leave nothing behind.
 */
export interface GraphicsLayer {
	readonly protocol: LayerProtocol;
	/** Pixels per cell pictures are scaled for. */
	readonly cell: CellPixels;
	/** The article's pictures are gone: the next article's replace them (kitty frees their data). */
	reset(): void;
	/** A decoded picture covering `cells`: the lines the article shows for it. */
	add(pixels: Pixels, cells: CellBox): string[];
	/** Connects the terminal: what was waiting (kitty's data) goes out now. */
	attach(write: (data: string) => void): void;
	/** What to write for `chunk` that Ink writes: the chunk, and pictures drawn at its markers. */
	filter(chunk: string): string;
	/** On quit, before the alternate screen is left: kitty's pictures deleted. */
	dispose(): string;
}

// Markers: a foreground colour nobody else writes, on blank cells (so never visible).
const MARKER = /\u001B\[38;2;254;(\d+);(\d+)m/g;
const SAVE_CURSOR = '\u001B7';
const RESTORE_CURSOR = '\u001B8';
// Ink wraps a frame in a synchronized update (begin, frame, end as three writes): pictures go
// before its end, so the terminal shows text and pictures at once.
const END_SYNCHRONIZED = '\u001B[?2026l';

interface Overlay {
	readonly pixels: Pixels;
	readonly cells: CellBox;
	/** The last rows drawn and their sequence: redrawn unchanged on every frame. */
	cached: {readonly from: number; readonly to: number; readonly sequence: string} | null;
}

export function createGraphicsLayer(options: GraphicsLayerOptions): GraphicsLayer {
	const {protocol} = options;
	const cell = options.cell ?? DEFAULT_CELL;
	const wrap = (sequence: string) => (options.tmux === true ? wrapForTmux(sequence) : sequence);
	let write: ((data: string) => void) | null = null;
	let waiting = '';
	let pending = '';
	// kitty: ids of pictures sent (a counter, so an old placeholder never shows a new picture).
	let kittyIds: number[] = [];
	let nextKittyId = 1;
	// iTerm2 / sixel: pictures by marker tag (1–250, reused in turn).
	const overlays = new Map<number, Overlay>();
	let nextTag = 1;

	const send = (data: string) => {
		if (write) write(data);
		else waiting += data;
	};

	function sequenceFor(overlay: Overlay, from: number, to: number): string {
		if (overlay.cached?.from === from && overlay.cached.to === to) return overlay.cached.sequence;
		const {pixels, cells} = overlay;
		// Rows from..to of the picture: sixel by the cell height it was scaled for, iTerm2 in proportion.
		const top = protocol === 'sixel' ? from * cell.height : Math.round((from * pixels.height) / cells.rows);
		const bottom = Math.min(pixels.height, protocol === 'sixel' ? (to + 1) * cell.height : Math.round(((to + 1) * pixels.height) / cells.rows));
		const part: Pixels =
			top === 0 && bottom === pixels.height
				? pixels
				: {width: pixels.width, height: Math.max(1, bottom - top), data: pixels.data.subarray(top * pixels.width * 4, Math.max(top + 1, bottom) * pixels.width * 4)};
		const sequence = protocol === 'sixel' ? encodeSixel(part) : encodeIterm(part, {columns: cells.columns, rows: to - from + 1});
		overlay.cached = {from, to, sequence};
		return sequence;
	}

	/** The pictures whose markers `chunk` holds, drawn where they stand (only the rows on screen). */
	function drawAt(chunk: string): string {
		if (overlays.size === 0 || !chunk.includes('\u001B[38;2;254;')) return '';
		const found = new Map<number, Map<number, {screenRow: number; column: number}>>();
		let screenRow = 0;
		let lineStart = 0;
		let scanned = 0;
		for (const match of chunk.matchAll(MARKER)) {
			// The frame starts at the screen's top left (the alternate screen, Ink erasing its last frame).
			for (let at = chunk.indexOf('\n', scanned); at !== -1 && at < match.index; at = chunk.indexOf('\n', at + 1)) {
				screenRow++;
				lineStart = at + 1;
			}
			scanned = match.index;
			const tag = Number(match[1]);
			const row = Number(match[2]);
			const rows = found.get(tag) ?? new Map<number, {screenRow: number; column: number}>();
			rows.set(row, {screenRow, column: displayWidth(chunk.slice(lineStart, match.index))});
			found.set(tag, rows);
		}
		let out = '';
		for (const [tag, rows] of found) {
			const overlay = overlays.get(tag);
			if (!overlay) continue;
			const shown = [...rows.keys()].sort((a, b) => a - b);
			const from = shown[0]!;
			const to = shown.at(-1)!;
			const first = rows.get(from)!;
			// Only a picture whose rows on screen are one unbroken run (an overlay cut through it: not drawn).
			if (to - from + 1 !== shown.length || rows.get(to)!.screenRow - first.screenRow !== to - from) continue;
			out += `${SAVE_CURSOR}\u001B[${first.screenRow + 1};${first.column + 1}H${sequenceFor(overlay, from, to)}${RESTORE_CURSOR}`;
		}
		return out;
	}

	return {
		protocol,
		cell,
		reset() {
			if (kittyIds.length > 0) send(wrap(kittyIds.map(id => deleteKitty(id)).join('')));
			kittyIds = [];
			overlays.clear();
		},
		add(pixels, cells) {
			if (protocol === 'kitty') {
				const id = nextKittyId++;
				const box = {columns: cells.columns, rows: Math.min(cells.rows, KITTY_MAX_ROWS)};
				kittyIds.push(id);
				send(wrap(encodeKitty(pixels, id, box, {virtual: true})));
				return kittyPlaceholders(id, box);
			}
			const tag = nextTag;
			nextTag = (nextTag % 250) + 1;
			overlays.set(tag, {pixels, cells, cached: null});
			return Array.from({length: cells.rows}, (_, row) => `\u001B[38;2;254;${tag};${row}m${' '.repeat(cells.columns)}\u001B[39m`);
		},
		attach(writer) {
			write = writer;
			if (waiting !== '') writer(waiting);
			waiting = '';
		},
		filter(chunk) {
			if (chunk === END_SYNCHRONIZED && pending !== '') {
				const out = pending + chunk;
				pending = '';
				return out;
			}
			const drawn = drawAt(chunk);
			if (drawn !== '') {
				pending = drawn;
				// Without a synchronized update, the pictures follow the frame at once.
				queueMicrotask(() => {
					if (pending === drawn) {
						pending = '';
						send(drawn);
					}
				});
			}
			return chunk;
		},
		dispose() {
			const out = kittyIds.length > 0 ? wrap(kittyIds.map(id => deleteKitty(id)).join('')) : '';
			kittyIds = [];
			overlays.clear();
			return out;
		},
	};
}
