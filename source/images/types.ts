/** Decoded pixels: `width × height`, four bytes (R, G, B, A) per pixel, row by row. */
export interface Pixels {
	readonly width: number;
	readonly height: number;
	readonly data: Uint8Array;
}

/** How pictures reach the terminal; `off` shows only the `[image: alt]` text. */
export type ImageProtocol = 'kitty' | 'iterm' | 'sixel' | 'blocks' | 'off';

/** Colours a half-block picture may use: 24-bit, the 256-colour palette, or greys (NO_COLOR). */
export type BlockColors = 'truecolor' | '256' | 'grey';
