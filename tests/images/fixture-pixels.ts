import type {Pixels} from '../../source/images/types.js';

/** Known colours, row by row, for golden tests: a 4×4 picture with one transparent pixel. */
export const FIXTURE_COLORS: readonly (readonly [number, number, number, number])[][] = [
	[[255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 255], [255, 255, 255, 255]],
	[[0, 0, 0, 255], [255, 255, 0, 255], [0, 255, 255, 255], [255, 0, 255, 255]],
	[[128, 128, 128, 255], [128, 128, 128, 255], [0, 0, 0, 0], [255, 128, 0, 255]],
	[[10, 20, 30, 255], [10, 20, 30, 255], [10, 20, 30, 255], [10, 20, 30, 255]],
];

export function fixturePixels(): Pixels {
	const data = new Uint8Array(4 * 4 * 4);
	FIXTURE_COLORS.flat().forEach((pixel, index) => data.set(pixel, index * 4));
	return {width: 4, height: 4, data};
}
