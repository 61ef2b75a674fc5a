import {afterEach, describe, expect, it} from 'vitest';
import {createHttpClient} from '../../source/feeds/http.js';
import {startTestServer, type TestServer} from '../helpers/http-test-server.js';

let server: TestServer | undefined;

afterEach(async () => {
	await server?.close();
	server = undefined;
});

describe('a request the caller gives up on', () => {
	it('ends at once as aborted when its signal aborts, and is not retried', async () => {
		// A blog that accepts the connection and never answers.
		let asked = 0;
		const controller = new AbortController();
		server = await startTestServer({
			'/feed/': () => {
				asked += 1;
				// The user gives up once the request is under way.
				setTimeout(() => controller.abort(), 50);
			},
		});
		const http = createHttpClient({retryDelayMs: 10});
		const started = Date.now();
		const pending = http.get({url: server.url('/feed/'), signal: controller.signal});
		const result = await pending;
		expect(result).toMatchObject({kind: 'failed', reason: 'aborted'});
		expect(Date.now() - started).toBeLessThan(2000);
		// No second attempt after the retry delay.
		await new Promise(resolve => setTimeout(resolve, 50));
		expect(asked).toBe(1);
	});

	it('is not sent at all when its signal has already aborted', async () => {
		server = await startTestServer({'/feed/': {body: '<rss version="2.0"><channel><title>Kreidezeit</title></channel></rss>'}});
		const controller = new AbortController();
		controller.abort();
		const result = await createHttpClient().get({url: server.url('/feed/'), signal: controller.signal});
		expect(result).toMatchObject({kind: 'failed', reason: 'aborted'});
	});
});
