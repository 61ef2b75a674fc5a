/** The xterm 256-colour palette's colour cube and grey ramp, and nearest-colour lookups. Pure. */

const CUBE_LEVELS = [0, 95, 135, 175, 215, 255] as const;

function nearestLevel(value: number): number {
	let best = 0;
	for (let index = 1; index < CUBE_LEVELS.length; index++) {
		if (Math.abs(CUBE_LEVELS[index]! - value) < Math.abs(CUBE_LEVELS[best]! - value)) best = index;
	}
	return best;
}

function distance(r: number, g: number, b: number, r2: number, g2: number, b2: number): number {
	return (r - r2) ** 2 + (g - g2) ** 2 + (b - b2) ** 2;
}

/** The palette index (16–255) nearest to a colour: the 6×6×6 cube or the 24 greys. */
export function nearest256(r: number, g: number, b: number): number {
	const [ri, gi, bi] = [nearestLevel(r), nearestLevel(g), nearestLevel(b)];
	const cube = 16 + 36 * ri + 6 * gi + bi;
	const cubeDistance = distance(r, g, b, CUBE_LEVELS[ri]!, CUBE_LEVELS[gi]!, CUBE_LEVELS[bi]!);
	const grey = greyIndex(luminance(r, g, b));
	const greyValue = 8 + 10 * (grey - 232);
	return distance(r, g, b, greyValue, greyValue, greyValue) < cubeDistance ? grey : cube;
}

/** Perceived brightness 0–255 (Rec. 601 weights). */
export function luminance(r: number, g: number, b: number): number {
	return Math.round(0.299 * r + 0.587 * g + 0.114 * b);
}

/** The grey ramp (232–255) for a brightness; black and white ends go to 16 and 231. */
export function nearestGrey(r: number, g: number, b: number): number {
	const value = luminance(r, g, b);
	if (value < 4) return 16;
	if (value > 246) return 231;
	return greyIndex(value);
}

function greyIndex(value: number): number {
	return 232 + Math.max(0, Math.min(23, Math.round((value - 8) / 10)));
}
