import type {Pixels} from './types.js';

const OPAQUE = 128;
// A fixed 6×6×6 colour cube (0, 51, … 255 per channel): a small, stable quantiser whose
// output is the same for the same pixels, which golden tests need; 216 of sixel's 256 registers.
const STEPS = 6;

function quantise(value: number): number {
	return Math.round((value / 255) * (STEPS - 1));
}

function runs(sixels: readonly number[]): string {
	let out = '';
	for (let at = 0; at < sixels.length; ) {
		let end = at;
		while (end < sixels.length && sixels[end] === sixels[at]) end++;
		const char = String.fromCharCode(63 + sixels[at]!);
		const count = end - at;
		out += count >= 4 ? `!${count}${char}` : char.repeat(count);
		at = end;
	}
	return out;
}

/**
 * Sixel (xterm, foot, mlterm, Windows Terminal): pixels quantised to a colour cube, six
 * rows per band, each colour of a band as one run-length-encoded row of sixels.
 * Transparent pixels are left unset (background kept, `P2=1`). Pure.
 */
export function encodeSixel(pixels: Pixels): string {
	const {width, height, data} = pixels;
	const colorOf = new Int16Array(width * height).fill(-1);
	const used = new Set<number>();
	for (let index = 0; index < width * height; index++) {
		if (data[index * 4 + 3]! < OPAQUE) continue;
		const color = quantise(data[index * 4]!) * STEPS * STEPS + quantise(data[index * 4 + 1]!) * STEPS + quantise(data[index * 4 + 2]!);
		colorOf[index] = color;
		used.add(color);
	}
	const percent = (step: number) => Math.round((step * 100) / (STEPS - 1));
	let out = `\u001BP0;1;0q"1;1;${width};${height}`;
	for (const color of [...used].sort((a, b) => a - b)) {
		const [r, g, b] = [Math.floor(color / (STEPS * STEPS)), Math.floor(color / STEPS) % STEPS, color % STEPS];
		out += `#${color};2;${percent(r)};${percent(g)};${percent(b)}`;
	}
	for (let top = 0; top < height; top += 6) {
		const colors = new Map<number, number[]>();
		for (let x = 0; x < width; x++) {
			for (let row = 0; row < 6 && top + row < height; row++) {
				const color = colorOf[(top + row) * width + x]!;
				if (color < 0) continue;
				let sixels = colors.get(color);
				if (!sixels) {
					sixels = new Array<number>(width).fill(0);
					colors.set(color, sixels);
				}
				sixels[x]! |= 1 << row;
			}
		}
		out += [...colors.keys()]
			.sort((a, b) => a - b)
			.map(color => `#${color}${runs(colors.get(color)!)}`)
			.join('$');
		out += top + 6 < height ? '-' : '';
	}
	return `${out}\u001B\\`;
}
