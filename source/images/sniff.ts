/** What the first bytes of a response say it is; only these formats are decoded. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'svg' | 'unknown';

/**
 * The format by magic bytes, never by Content-Type or file name (both lie). SVG is
 * recognised only to be refused: an SVG may load other files and urls while it renders.
 */
export function sniffFormat(bytes: Uint8Array): ImageFormat {
	const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
	if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(1, 4) === 'PNG') return 'png';
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
	if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(0, 6))) return 'gif';
	if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
	const head = ascii(0, 1024).replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
	if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg')) || head.includes('<!doctype svg')) return 'svg';
	return 'unknown';
}
