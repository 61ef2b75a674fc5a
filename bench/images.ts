// Pictures (issue 19): time to the first picture, uncached and cached, and peak RSS while
// 20 large pictures of one article are drawn. Not part of `npm run bench`; run by hand:
//   npx tsx bench/images.ts
// A server on 127.0.0.1 serves generated JPEGs (sharp); nothing leaves the machine.
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createHttpClient} from '../source/feeds/http.js';
import {drawArticleImages} from '../source/images/article-images.js';
import {ImageDiskCache} from '../source/images/disk-cache.js';
import {createImageLoader} from '../source/images/load-image.js';
import {encodeBlocks} from '../source/images/encode-blocks.js';
import {isFailure} from '../source/failure.js';
import {photo} from './photos.js';

const small = await photo(1100, 800, 95, 1);
const large = await Promise.all(Array.from({length: 20}, (_, index) => photo(3000, 2000, 80, index + 2)));
const server = createServer((request, response) => {
	const match = /^\/gross-(\d+)\.jpg$/.exec(request.url ?? '');
	const body = request.url === '/foto.jpg' ? small : match ? large[Number(match[1])] : undefined;
	response.writeHead(body ? 200 : 404, {'Content-Type': 'image/jpeg'});
	response.end(body ?? '');
});
await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const directory = mkdtempSync(join(tmpdir(), 'blogroll-bench-images-'));
const http = createHttpClient();
const cacheOf = () => new ImageDiskCache(directory, 200 * 1024 * 1024);

async function firstPicture(): Promise<number> {
	const loader = createImageLoader({http, cache: cacheOf()});
	const started = performance.now();
	const pixels = await loader.load(`${origin}/foto.jpg`, {width: 80, height: 52});
	if (isFailure(pixels)) throw new Error(pixels.message);
	encodeBlocks(pixels, 'truecolor');
	return performance.now() - started;
}

const uncached = await firstPicture();
const cached: number[] = [];
for (let run = 0; run < 5; run++) cached.push(await firstPicture());
rmSync(directory, {recursive: true, force: true});

const baseline = process.memoryUsage().rss;
let peak = baseline;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
const images = large.map((_, index) => ({url: `${origin}/gross-${index}.jpg`, alt: `Foto ${index}`, line: index, size: {width: 3000, height: 2000}}));
const started = performance.now();
const results = await drawArticleImages(images, createImageLoader({http, cache: null}), {protocol: 'blocks', colors: 'truecolor', columns: 80, maxRows: 13});
const allTime = performance.now() - started;
clearInterval(sampler);
server.close();

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(`500 KB JPEG (${(small.length / 1024).toFixed(0)} KB, 1100×800): first picture uncached ${uncached.toFixed(0)} ms, cached ${Math.min(...cached).toFixed(0)}–${Math.max(...cached).toFixed(0)} ms`);
console.log(`20 JPEGs of 3000×2000 (${mb(large.reduce((sum, bytes) => sum + bytes.length, 0))} in all): drawn in ${allTime.toFixed(0)} ms, ${[...results.values()].filter(result => !isFailure(result)).length} drawn; RSS ${mb(baseline)} before (the generated test files included), peak ${mb(peak)} (+${mb(peak - baseline)})`);
