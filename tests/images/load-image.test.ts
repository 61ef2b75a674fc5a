import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {isFailure} from '../../source/failure.js';
import type {HttpClient} from '../../source/feeds/http-types.js';
import {drawArticleImages} from '../../source/images/article-images.js';
import {createImageLoader} from '../../source/images/load-image.js';
import {fixturePng} from './image-bytes.js';

/** An HTTP client that answers every url with the fixture PNG after a while, counting requests in flight. */
function slowClient() {
	const stats = {inFlight: 0, most: 0, urls: [] as string[]};
	const http: HttpClient = {
		async get(request) {
			stats.urls.push(request.url);
			stats.inFlight++;
			stats.most = Math.max(stats.most, stats.inFlight);
			await sleep(20);
			stats.inFlight--;
			return {kind: 'ok', status: 200, body: fixturePng(), contentType: 'image/png', url: request.url, permanentUrl: null, etag: null, lastModified: null, maxAgeSeconds: null};
		},
	};
	return {http, stats};
}

const images = Array.from({length: 30}, (_, index) => ({url: `https://fotos-${index}.example/bild-${index}.png`, alt: `Foto ${index}`, line: index, size: null}));

describe('image loader bounds', () => {
	it('loads a few pictures at a time, whatever the article holds, each with the image size cap', async () => {
		const {http, stats} = slowClient();
		const requests: (number | undefined)[] = [];
		const loader = createImageLoader({http: {get: request => (requests.push(request.maxBytes), http.get(request))}, cache: null});
		const results = await drawArticleImages(images, loader, {protocol: 'blocks', colors: 'truecolor', columns: 8, maxRows: 4});
		expect(results.size).toBe(30);
		expect([...results.values()].every(result => !isFailure(result))).toBe(true);
		expect(stats.most).toBeLessThanOrEqual(4);
		expect(new Set(requests)).toEqual(new Set([8 * 1024 * 1024]));
	});

	it('a cancelled article loads none of the pictures not yet started', async () => {
		const {http, stats} = slowClient();
		const loader = createImageLoader({http, cache: null});
		const controller = new AbortController();
		const done = drawArticleImages(images, loader, {protocol: 'blocks', colors: 'truecolor', columns: 8, maxRows: 4}, undefined, controller.signal);
		await sleep(5);
		controller.abort();
		await done;
		expect(stats.urls.length).toBeLessThanOrEqual(8);
	});
});
