import {deflateSync} from 'node:zlib';
import type {Pixels} from './types.js';

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

function crc32(bytes: Uint8Array): number {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
}

/**
 * RGBA pixels as a PNG file (8-bit, no filter), built by blogroll itself: what iTerm2's
 * inline-image sequence carries, so no byte from the network reaches the terminal.
 */
export function encodePng(pixels: Pixels): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(pixels.width, 0);
	header.writeUInt32BE(pixels.height, 4);
	header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
	const stride = pixels.width * 4;
	const raw = Buffer.alloc((stride + 1) * pixels.height);
	for (let y = 0; y < pixels.height; y++) raw.set(pixels.data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw, {level: 6})),
		chunk('IEND', new Uint8Array(0)),
	]);
}
