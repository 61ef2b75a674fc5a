import {describe, expect, it, vi} from 'vitest';
import type {HttpClient} from '../../source/feeds/http-types.js';
import {encodePng} from '../../source/images/png.js';
import {fixturePixels} from './fixture-pixels.js';

const fixturePng = () => encodePng(fixturePixels());

// A platform without sharp's prebuilt libvips: the import fails as it does there.
vi.mock('sharp', () => {
	throw new Error('Could not load the "sharp" module using the linux-riscv64 runtime');
});

describe('without the picture decoder', () => {
	it('a picture is a one-line reason, not a crash', async () => {
		const {createImageLoader} = await import('../../source/images/load-image.js');
		const http: HttpClient = {
			get: async request => ({kind: 'ok', status: 200, body: fixturePng(), contentType: 'image/png', url: request.url, permanentUrl: null, etag: null, lastModified: null, maxAgeSeconds: null}),
		};
		const result = await createImageLoader({http, cache: null}).load('https://werkstatt-groessle.de/tisch.png', {width: 8, height: 8});
		expect(result).toMatchObject({kind: 'failed', reason: 'no-decoder'});
		expect((result as {message: string}).message).toContain('sharp');
	});
});
