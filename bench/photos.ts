import sharp from 'sharp';

/** A generated photo-like JPEG (a gradient with noise, so it compresses like a photo): `width × height` at `quality`. */
export async function photo(width: number, height: number, quality: number, seed: number): Promise<Buffer> {
	const data = Buffer.alloc(width * height * 3);
	let state = seed;
	for (let index = 0; index < data.length; index++) {
		state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
		const pixel = Math.floor(index / 3);
		data[index] = (((pixel % width) * 255) / width + (state % 64)) & 0xff;
	}
	return sharp(data, {raw: {width, height, channels: 3}}).jpeg({quality}).toBuffer();
}
