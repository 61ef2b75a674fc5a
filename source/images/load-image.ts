import pLimit from 'p-limit';
import {failed, isFailure, type Failure} from '../failure.js';
import type {HttpClient} from '../feeds/http-types.js';
import {sanitizeLine} from '../text/sanitize.js';
import type {ImageDiskCache} from './disk-cache.js';
import {sniffFormat} from './sniff.js';
import type {Pixels} from './types.js';

/** The limits every image is loaded under; defaults in DEFAULT_IMAGE_LIMITS. */
export interface ImageLimits {
	/** Bytes per image, cut while streaming. */
	readonly maxBytes: number;
	/** Time for the whole download. */
	readonly timeoutMs: number;
	/** Pixels of the source picture (width × height, first frame), checked from its header before decoding. */
	readonly maxPixels: number;
	/** Time libvips may spend decoding and scaling one picture. */
	readonly decodeSeconds: number;
	/** Pictures decoded at once: each holds its full-size pixels while it is scaled. */
	readonly decodeConcurrency: number;
	/** Pictures downloaded at once: each may hold up to `maxBytes` until it is decoded. */
	readonly fetchConcurrency: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
	maxBytes: 8 * 1024 * 1024,
	timeoutMs: 15_000,
	maxPixels: 40_000_000,
	decodeSeconds: 5,
	decodeConcurrency: 2,
	fetchConcurrency: 4,
};

/** The largest picture, in pixels, the caller wants back: scaled down to fit, never up. */
export interface PixelBox {
	readonly width: number;
	readonly height: number;
}

/** Reasons an image ends in a placeholder (each worded in ui/strings.ts imageProblem). */
export type ImageProblem = 'no-decoder' | 'cancelled' | 'too-large' | 'timeout' | 'unreachable' | 'svg' | 'not-an-image' | 'too-many-pixels' | 'broken' | 'not-http';

export interface ImageLoader {
	/**
	 * A picture scaled into `box`, or why not (a Failure whose reason is an ImageProblem).
	 * Once `signal` aborted, a picture still waiting for its turn is not loaded (`cancelled`).
	 */
	load(url: string, box: PixelBox, signal?: AbortSignal): Promise<Pixels | Failure>;
}

export interface ImageLoaderDeps {
	readonly http: HttpClient;
	/** null: no disk cache (a pipe, a test). */
	readonly cache: ImageDiskCache | null;
	readonly limits?: Partial<ImageLimits>;
}

const IMAGE_ACCEPT = 'image/png, image/jpeg, image/gif, image/webp;q=0.9, */*;q=0.1';

type Sharp = typeof import('sharp').default;
let sharpModule: Promise<Sharp> | null = null;

// libvips loads on the first picture, not at start: the reader's first frame never waits for it.
function loadSharp(): Promise<Sharp> {
	sharpModule ??= import('sharp').then(module => module.default);
	return sharpModule;
}

/**
 * Fetch (disk cache first, then the one HTTP client under the image limits), check the
 * format by its bytes (PNG, JPEG, GIF, WebP; SVG is never rendered), check the pixel count
 * from the header, then decode the first frame and scale it with sharp — on libuv's pool,
 * a few at a time, under a time bound — to RGBA pixels.
 */
export function createImageLoader(deps: ImageLoaderDeps): ImageLoader {
	const limits: ImageLimits = {...DEFAULT_IMAGE_LIMITS, ...deps.limits};
	const decodeSlots = pLimit(limits.decodeConcurrency);
	// Whole pictures (fetch and decode) at once: memory stays a few images' worth, whatever the article holds.
	const slots = pLimit(limits.fetchConcurrency);

	async function fetchBytes(url: string): Promise<Buffer | Failure> {
		const cached = await deps.cache?.read(url);
		if (cached) return cached;
		const shown = sanitizeLine(url);
		if (!/^https?:\/\//i.test(url)) return failed('not-http', `${shown}: not an http(s) image`, {url: shown});
		const result = await deps.http.get({url, accept: IMAGE_ACCEPT, maxBytes: limits.maxBytes, totalTimeoutMs: limits.timeoutMs});
		if (result.kind === 'failed') {
			const reason = result.reason === 'too-large' || result.reason === 'timeout' ? result.reason : 'unreachable';
			return failed(reason, result.message, {...result.params, url: shown, bytes: limits.maxBytes, seconds: limits.timeoutMs / 1000});
		}
		if (result.kind !== 'ok') return failed('unreachable', `${shown}: no image in the answer`, {url: shown});
		return result.body;
	}

	function load(url: string, box: PixelBox, signal?: AbortSignal): Promise<Pixels | Failure> {
		return slots(() => (signal?.aborted ? failed('cancelled', `${sanitizeLine(url)}: not loaded, the article was left`, {url: sanitizeLine(url)}) : loadNow(url, box)));
	}

	async function loadNow(url: string, box: PixelBox): Promise<Pixels | Failure> {
		const shown = sanitizeLine(url);
		const bytes = await fetchBytes(url);
		if (isFailure(bytes)) return bytes;
		const format = sniffFormat(bytes);
		if (format === 'svg') return failed('svg', `${shown}: SVG images are not shown`, {url: shown});
		if (format === 'unknown') return failed('not-an-image', `${shown}: not a PNG, JPEG, GIF or WebP image`, {url: shown});
		const pixels = await decodeSlots(() => decode(bytes, box, limits, shown));
		// Only pictures that decoded are kept: a broken file is fetched again next time.
		if (!isFailure(pixels) && deps.cache) await deps.cache.write(url, bytes);
		return pixels;
	}

	return {load};
}

async function decode(bytes: Buffer, box: PixelBox, limits: ImageLimits, shown: string): Promise<Pixels | Failure> {
	let sharp: Sharp;
	try {
		sharp = await loadSharp();
	} catch (error) {
		// No prebuilt libvips for this platform (or a broken install): text only, never a crash.
		sharpModule = null;
		const text = sanitizeLine(error instanceof Error ? error.message : String(error)).slice(0, 80);
		return failed('no-decoder', `${shown}: pictures need the sharp package, which did not load (${text})`, {url: shown});
	}
	const options = {limitInputPixels: limits.maxPixels, pages: 1, page: 0, failOn: 'truncated', sequentialRead: true} as const;
	try {
		// The header first: a decompression bomb is refused before a single row is decoded.
		// (metadata reads the header only, so the pixel limit is checked here, with the size in the message).
		const meta = await sharp(bytes, {...options, limitInputPixels: false}).metadata();
		const width = meta.width ?? 0;
		const height = meta.pageHeight ?? meta.height ?? 0;
		if (width * height > limits.maxPixels) {
			return failed('too-many-pixels', `${shown}: ${width}×${height} pixels is too many to decode`, {url: shown, target: `${width}×${height}`});
		}
		const {data, info} = await sharp(bytes, options)
			.timeout({seconds: limits.decodeSeconds})
			.autoOrient()
			.resize({width: Math.max(1, Math.floor(box.width)), height: Math.max(1, Math.floor(box.height)), fit: 'inside', withoutEnlargement: true})
			.ensureAlpha()
			.raw()
			.toBuffer({resolveWithObject: true});
		return {width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength)};
	} catch (error) {
		const text = sanitizeLine(error instanceof Error ? error.message : String(error));
		if (/pixel limit/i.test(text)) return failed('too-many-pixels', `${shown}: too many pixels to decode`, {url: shown});
		if (/timeout/i.test(text)) return failed('timeout', `${shown}: decoding took longer than ${limits.decodeSeconds} s`, {url: shown, seconds: limits.decodeSeconds});
		return failed('broken', `${shown}: the image is damaged (${text.slice(0, 80)})`, {url: shown});
	}
}
