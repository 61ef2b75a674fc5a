import {join} from 'node:path';
import type {HttpClient} from '../feeds/http-types.js';
import {ImageDiskCache} from './disk-cache.js';
import {createImageLoader, type ImageLoader} from './load-image.js';

/** The picture loader of the reader and of `read`: the shared HTTP client and a disk cache of `cacheMegabytes`. */
export function createReaderImages(options: {readonly http: () => HttpClient; readonly imagesDir: string | null; readonly cacheMegabytes: number}): ImageLoader {
	const cache = options.imagesDir !== null && options.cacheMegabytes > 0 ? new ImageDiskCache(options.imagesDir, options.cacheMegabytes * 1024 * 1024) : null;
	return createImageLoader({http: options.http(), cache});
}

/** Where pictures are cached: `images/` in the data dir, beside cache.db. */
export function imagesDirOf(dataDir: string): string {
	return join(dataDir, 'images');
}
