/** Image files for tests, generated here (sharp and by hand): nothing downloaded. */
import sharp from 'sharp';
import {deflateSync} from 'node:zlib';
import {encodePng} from '../../source/images/png.js';
import {fixturePixels} from './fixture-pixels.js';

/** The 4×4 fixture of known colours as a PNG file. */
export function fixturePng(): Buffer {
	return encodePng(fixturePixels());
}

/** A photo-like picture (a colour gradient with noise) as a JPEG or PNG of some size. */
export async function gradient(width: number, height: number, format: 'png' | 'jpeg'): Promise<Buffer> {
	const data = Buffer.alloc(width * height * 3);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const offset = (y * width + x) * 3;
			data[offset] = (x * 255) / width;
			data[offset + 1] = (y * 255) / height;
			data[offset + 2] = (x * y * 7) % 256;
		}
	}
	const image = sharp(data, {raw: {width, height, channels: 3}});
	return format === 'png' ? image.png().toBuffer() : image.jpeg({quality: 80}).toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
}

function crc32(bytes: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of bytes) {
		crc ^= byte;
		for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
	}
	return (crc ^ 0xffffffff) >>> 0;
}

/** A decompression bomb: a PNG header claiming 100 000 × 100 000 pixels, a few bytes of data. */
export function pixelBombPng(): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(100_000, 0);
	header.writeUInt32BE(100_000, 4);
	header.set([8, 6, 0, 0, 0], 8);
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.alloc(1024))), pngChunk('IEND', Buffer.alloc(0))]);
}

/** An animated GIF of `frames` frames (1×1 each, alternating red and blue, on a 32×32 canvas). */
export function manyFrameGif(frames: number): Buffer {
	const parts: Buffer[] = [Buffer.from('GIF89a', 'latin1')];
	const screen = Buffer.alloc(7);
	screen.writeUInt16LE(32, 0);
	screen.writeUInt16LE(32, 2);
	screen.set([0xf0, 0, 0], 4); // global colour table of 2 entries
	parts.push(screen, Buffer.from([255, 0, 0, 0, 0, 255]));
	parts.push(Buffer.from([0x21, 0xff, 0x0b, ...Buffer.from('NETSCAPE2.0', 'latin1'), 0x03, 0x01, 0x00, 0x00, 0x00]));
	for (let frame = 0; frame < frames; frame++) {
		parts.push(Buffer.from([0x21, 0xf9, 0x04, 0x00, 0x02, 0x00, 0x00, 0x00])); // 20 ms
		const descriptor = Buffer.alloc(10);
		descriptor[0] = 0x2c;
		descriptor.writeUInt16LE(frame % 32, 1);
		descriptor.writeUInt16LE(0, 3);
		descriptor.writeUInt16LE(1, 5);
		descriptor.writeUInt16LE(1, 7);
		parts.push(descriptor, Buffer.from([0x02, 0x02, frame % 2 === 0 ? 0x44 : 0x4c, 0x01, 0x00]));
	}
	parts.push(Buffer.from([0x3b]));
	return Buffer.concat(parts);
}
