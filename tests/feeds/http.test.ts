import {gzipSync} from 'node:zlib';
import type {ServerResponse} from 'node:http';
import {afterEach, describe, expect, it} from 'vitest';
import {createHttpClient, parseMaxAge, parseRetryAfter} from '../../source/feeds/http.js';
import type {HttpResult} from '../../source/feeds/http-types.js';
import {isTerminalSafe} from '../../source/text/sanitize.js';
import {findClosedPort, startTestServer, type TestServer} from '../helpers/http-test-server.js';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Praxis für Coaching – Anna Weiß</title><link>https://coaching-weiss.de/</link>
<item><title>„Nein“ sagen lernen: fünf Übungen</title><link>https://coaching-weiss.de/nein-sagen/</link></item>
</channel></rss>`;

const servers: TestServer[] = [];
async function serve(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
	const server = await startTestServer(...args);
	servers.push(server);
	return server;
}

afterEach(async () => {
	await Promise.all(servers.splice(0).map((server) => server.close()));
});

const fast = {retryDelayMs: 10};

/**
 * Gives requests that should not exist time to arrive before a limit is checked. Only the
 * sensitivity of the check depends on it: a correct client passes however slow the box is.
 */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 100));

function expectFailure(result: HttpResult, reason: string): asserts result is Extract<HttpResult, {kind: 'failed'}> {
	expect(result.kind).toBe('failed');
	if (result.kind === 'failed') expect(result.reason).toBe(reason);
}

/** Writes 64 KB chunks for as long as the client keeps reading. */
function writeForever(response: ServerResponse): void {
	const chunk = Buffer.alloc(64 * 1024, 'a');
	const pump = (): void => {
		while (!response.destroyed && response.write(chunk)) {
			// keep writing until the socket buffer is full
		}
	};
	response.on('drain', pump);
	pump();
}

describe('createHttpClient', () => {
	it('returns the body with content type and validators, and identifies itself as blogroll', async () => {
		const server = await serve({
			'/feed/': {
				headers: {'Content-Type': 'application/rss+xml; charset=UTF-8', ETag: '"abc123"', 'Last-Modified': 'Sat, 21 Nov 2026 08:00:00 GMT'},
				body: RSS,
			},
		});
		const result = await createHttpClient(fast).get({url: server.url('/feed/')});
		expect(result.kind).toBe('ok');
		if (result.kind !== 'ok') return;
		expect(result.status).toBe(200);
		expect(result.body.toString('utf8')).toBe(RSS);
		expect(result.contentType).toBe('application/rss+xml; charset=UTF-8');
		expect(result.etag).toBe('"abc123"');
		expect(result.lastModified).toBe('Sat, 21 Nov 2026 08:00:00 GMT');
		expect(result.url).toBe(server.url('/feed/'));
		expect(result.permanentUrl).toBeNull();
		const headers = server.requests[0]?.headers;
		expect(headers?.['user-agent']).toMatch(/^blogroll\/\S+ \(\+https:\/\/github\.com\/blogroll-reader\/blogroll\)$/);
		expect(headers?.accept).toContain('application/rss+xml');
		expect(headers?.accept).toContain('application/atom+xml');
	});

	it('sends a caller-chosen Accept header instead of the feed default', async () => {
		const server = await serve({'/': {headers: {'Content-Type': 'text/html'}, body: '<!doctype html><title>Startseite</title>'}});
		await createHttpClient(fast).get({url: server.url('/'), accept: 'text/html'});
		expect(server.requests[0]?.headers.accept).toBe('text/html');
	});

	it('sends the validators of the last answer and reports 304 as not modified', async () => {
		const server = await serve({
			'/feed/': (request, response) => {
				if (request.headers['if-none-match'] === '"v1"' && request.headers['if-modified-since'] === 'Sat, 21 Nov 2026 08:00:00 GMT') {
					response.writeHead(304, {'Cache-Control': 'max-age=900'});
					response.end();
					return;
				}
				response.writeHead(200, {'Content-Type': 'application/rss+xml'});
				response.end(RSS);
			},
		});
		const result = await createHttpClient(fast).get({url: server.url('/feed/'), etag: '"v1"', lastModified: 'Sat, 21 Nov 2026 08:00:00 GMT'});
		expect(result).toMatchObject({kind: 'not-modified', status: 304, etag: '"v1"', lastModified: 'Sat, 21 Nov 2026 08:00:00 GMT', maxAgeSeconds: 900});
	});

	it('follows permanent redirects and reports the new url to store', async () => {
		const server = await serve({
			'/rss': {status: 301, headers: {Location: '/feed'}},
			'/feed': {status: 308, headers: {Location: 'feed/'}},
			'/feed/': {headers: {'Content-Type': 'application/rss+xml'}, body: RSS},
		});
		const result = await createHttpClient(fast).get({url: server.url('/rss')});
		expect(result).toMatchObject({kind: 'ok', url: server.url('/feed/'), permanentUrl: server.url('/feed/')});
	});

	it('does not report a new url when one redirect on the way was temporary', async () => {
		const server = await serve({
			'/rss': {status: 301, headers: {Location: '/tmp'}},
			'/tmp': {status: 302, headers: {Location: '/feed/'}},
			'/feed/': {headers: {'Content-Type': 'application/rss+xml'}, body: RSS},
		});
		const result = await createHttpClient(fast).get({url: server.url('/rss')});
		expect(result).toMatchObject({kind: 'ok', url: server.url('/feed/'), permanentUrl: null});
	});

	it('gives up after too many redirects', async () => {
		const routes: Record<string, {status: number; headers: Record<string, string>}> = {};
		for (let hop = 0; hop < 10; hop++) routes[`/hop-${hop}`] = {status: 302, headers: {Location: `/hop-${hop + 1}`}};
		const server = await serve(routes);
		const result = await createHttpClient({...fast, maxRedirects: 5}).get({url: server.url('/hop-0')});
		expectFailure(result, 'too-many-redirects');
		expect(result.message).toContain(server.url('/hop-0'));
		expect(server.requests).toHaveLength(6);
	});

	it('detects a redirect loop', async () => {
		const server = await serve({
			'/a': {status: 301, headers: {Location: '/b'}},
			'/b': {status: 302, headers: {Location: '/a'}},
		});
		const result = await createHttpClient(fast).get({url: server.url('/a')});
		expectFailure(result, 'redirect-loop');
		expect(server.requests).toHaveLength(2);
	});

	it('refuses urls and redirects that are not http or https', async () => {
		const server = await serve({'/feed': {status: 302, headers: {Location: 'file:///etc/passwd'}}});
		const client = createHttpClient(fast);
		expectFailure(await client.get({url: 'file:///etc/passwd'}), 'unsupported-protocol');
		expectFailure(await client.get({url: 'not a url at all'}), 'bad-url');
		expectFailure(await client.get({url: server.url('/feed')}), 'unsupported-protocol');
	});

	it('reports HTTP errors with the status and the url, without retrying a 404', async () => {
		const server = await serve();
		const result = await createHttpClient(fast).get({url: server.url('/gibt-es-nicht.xml')});
		expectFailure(result, 'http-404');
		expect(result.status).toBe(404);
		expect(result.message).toBe(`${server.url('/gibt-es-nicht.xml')}: HTTP 404 Not Found`);
		expect(server.requests).toHaveLength(1);
	});

	it('retries a server error once and returns the second answer', async () => {
		let calls = 0;
		const server = await serve({
			'/feed/': (_request, response) => {
				calls += 1;
				if (calls === 1) {
					response.writeHead(502);
					response.end('Bad Gateway');
					return;
				}
				response.writeHead(200, {'Content-Type': 'application/rss+xml'});
				response.end(RSS);
			},
		});
		const result = await createHttpClient(fast).get({url: server.url('/feed/')});
		expect(result.kind).toBe('ok');
		expect(calls).toBe(2);
	});

	it('gives up after the one retry when the server keeps failing', async () => {
		const server = await serve({'/feed/': {status: 500, body: 'Internal Server Error'}});
		const result = await createHttpClient(fast).get({url: server.url('/feed/')});
		expectFailure(result, 'http-500');
		expect(server.requests).toHaveLength(2);
	});

	it('reads Retry-After from 429 and 503 and does not hammer the server again', async () => {
		const server = await serve({
			'/busy': {status: 429, headers: {'Retry-After': '120'}},
			'/maintenance': {status: 503, headers: {'Retry-After': new Date(Date.now() + 3_600_000).toUTCString()}},
		});
		const client = createHttpClient(fast);
		const busy = await client.get({url: server.url('/busy')});
		expectFailure(busy, 'http-429');
		expect(busy.retryAfterSeconds).toBe(120);
		const maintenance = await client.get({url: server.url('/maintenance')});
		expectFailure(maintenance, 'http-503');
		expect(maintenance.retryAfterSeconds).toBeGreaterThan(3000);
		expect(maintenance.retryAfterSeconds).toBeLessThanOrEqual(3600);
		expect(server.requests).toHaveLength(2);
	});

	it('retries once when the connection is reset', async () => {
		let calls = 0;
		const server = await serve({
			'/feed/': (request, response) => {
				calls += 1;
				if (calls === 1) {
					request.socket.destroy();
					return;
				}
				response.writeHead(200, {'Content-Type': 'application/rss+xml'});
				response.end(RSS);
			},
		});
		const result = await createHttpClient(fast).get({url: server.url('/feed/')});
		expect(result.kind).toBe('ok');
		expect(calls).toBe(2);
	});

	it('sends the user and password of a url as basic auth and never shows the password', async () => {
		const server = await serve({
			'/privat/feed/': (request, response) => {
				const expected = `Basic ${Buffer.from('anna:geheim ß').toString('base64')}`;
				response.writeHead(request.headers.authorization === expected ? 200 : 401, {'Content-Type': 'application/rss+xml'});
				response.end(RSS);
			},
		});
		const client = createHttpClient(fast);
		const url = server.url('/privat/feed/').replace('http://', 'http://anna:geheim%20%C3%9F@');
		expect((await client.get({url})).kind).toBe('ok');
		server.route('/privat/rss', {status: 301, headers: {Location: '/privat/feed/'}});
		const moved = await client.get({url: url.replace('/privat/feed/', '/privat/rss')});
		expect(moved).toMatchObject({kind: 'ok', permanentUrl: url});
		const wrong = await client.get({url: url.replace('geheim', 'falsch')});
		expectFailure(wrong, 'http-401');
		expect(wrong.message).not.toContain('falsch');
	});

	it('reports a refused connection as a network failure naming the url', async () => {
		const port = await findClosedPort();
		const url = `http://127.0.0.1:${port}/feed/`;
		const result = await createHttpClient(fast).get({url});
		expectFailure(result, 'network');
		expect(result.message).toBe(`${url}: connection refused`);
	});

	it('times out a server that accepts the connection but never answers', async () => {
		const server = await serve({'/feed/': () => undefined});
		const result = await createHttpClient({...fast, connectTimeoutMs: 200}).get({url: server.url('/feed/')});
		expectFailure(result, 'timeout');
		expect(result.message).toBe(`${server.url('/feed/')}: no answer within 0.2 s`);
		expect(server.requests).toHaveLength(1);
	});

	it('times out a server that trickles the body forever', async () => {
		const server = await serve({
			'/feed/': (_request, response) => {
				response.writeHead(200, {'Content-Type': 'application/rss+xml'});
				response.write('<?xml version="1.0" encoding="UTF-8"?>');
				const timer = setInterval(() => response.write(' '), 20);
				response.on('close', () => clearInterval(timer));
			},
		});
		const result = await createHttpClient({...fast, totalTimeoutMs: 300}).get({url: server.url('/feed/')});
		expectFailure(result, 'timeout');
		expect(result.message).toContain(server.url('/feed/'));
		expect(result.message).toContain('0.3 s');
	});

	it('refuses a body larger than the cap, announced or streamed without end', async () => {
		const server = await serve({
			'/announced.xml': {headers: {'Content-Type': 'application/rss+xml', 'Content-Length': String(2 * 1024 * 1024)}, body: Buffer.alloc(2 * 1024 * 1024, 'a')},
			'/endless.xml': (_request, response) => {
				response.writeHead(200, {'Content-Type': 'application/rss+xml'});
				writeForever(response);
			},
		});
		const client = createHttpClient({...fast, maxBytes: 1024 * 1024});
		const announced = await client.get({url: server.url('/announced.xml')});
		expectFailure(announced, 'too-large');
		expect(announced.message).toBe(`${server.url('/announced.xml')}: larger than 1 MB`);
		expectFailure(await client.get({url: server.url('/endless.xml')}), 'too-large');
	});

	it('decompresses gzip and cuts a compression bomb at the cap', async () => {
		const small = gzipSync(Buffer.from(RSS));
		const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
		const server = await serve({
			'/feed.xml': {headers: {'Content-Type': 'application/rss+xml', 'Content-Encoding': 'gzip'}, body: small},
			'/bomb.xml': {headers: {'Content-Type': 'application/rss+xml', 'Content-Encoding': 'gzip'}, body: bomb},
		});
		const client = createHttpClient({...fast, maxBytes: 1024 * 1024});
		const feed = await client.get({url: server.url('/feed.xml')});
		expect(feed.kind === 'ok' && feed.body.toString('utf8')).toBe(RSS);
		expect(bomb.length).toBeLessThan(1024 * 1024);
		expectFailure(await client.get({url: server.url('/bomb.xml')}), 'too-large');
	});

	it('keeps hostile status text out of the failure message', async () => {
		const server = await serve({
			'/feed/': (request) => {
				request.socket.end(Buffer.from('HTTP/1.1 418 \u001B[31mrot\u001B[0m \u001B]8;;http://evil.example/\u0007\r\nContent-Length: 0\r\nConnection: close\r\n\r\n', 'latin1'));
			},
		});
		const result = await createHttpClient(fast).get({url: server.url('/feed/')});
		expectFailure(result, 'http-418');
		expect(result.message).toContain('rot');
		expect(isTerminalSafe(result.message)).toBe(true);
		expect(result.message).not.toContain('evil.example');
	});

	it('never has more requests to one host in flight than the per-host limit', async () => {
		const held: ServerResponse[] = [];
		let maxHeld = 0;
		let notify: () => void = () => undefined;
		const server = await serve({
			'/feed/': (_request, response) => {
				held.push(response);
				maxHeld = Math.max(maxHeld, held.length);
				notify();
			},
		});
		const until = (count: number): Promise<void> =>
			new Promise((resolve) => {
				notify = () => {
					if (server.requests.length >= count) resolve();
				};
				notify();
			});
		const client = createHttpClient({...fast, perHostLimit: 2});
		const results = Array.from({length: 5}, () => client.get({url: server.url('/feed/')}));
		for (let answered = 0; answered < 5; answered++) {
			await until(Math.min(answered + 2, 5));
			await settle();
			const response = held.shift();
			response?.writeHead(200, {'Content-Type': 'application/rss+xml'});
			response?.end(RSS);
		}
		const all = await Promise.all(results);
		expect(all.every((result) => result.kind === 'ok')).toBe(true);
		expect(maxHeld).toBe(2);
	});

	it('shares one global limit across hosts', async () => {
		const held: ServerResponse[] = [];
		let maxHeld = 0;
		let notify: () => void = () => undefined;
		const hold = (_request: unknown, response: ServerResponse): void => {
			held.push(response);
			maxHeld = Math.max(maxHeld, held.length);
			notify();
		};
		const first = await serve({'/feed/': hold});
		const second = await serve({'/feed/': hold});
		const seen = (): number => first.requests.length + second.requests.length;
		const until = (count: number): Promise<void> =>
			new Promise((resolve) => {
				notify = () => {
					if (seen() >= count) resolve();
				};
				notify();
			});
		const client = createHttpClient({...fast, globalLimit: 1, perHostLimit: 2});
		const results = [first, second, first, second].map((server) => client.get({url: server.url('/feed/')}));
		for (let answered = 0; answered < 4; answered++) {
			await until(answered + 1);
			await settle();
			const response = held.shift();
			response?.writeHead(200);
			response?.end(RSS);
		}
		await Promise.all(results);
		expect(maxHeld).toBe(1);
	});
});


describe('parseMaxAge', () => {
	const now = Date.parse('Sun, 22 Nov 2026 06:00:00 GMT');
	it.each([
		[{'Cache-Control': 'public, max-age=600'}, 600],
		[{'Cache-Control': 's-maxage=100, max-age=60'}, 60],
		[{'Cache-Control': 'no-cache'}, 0],
		[{'Cache-Control': 'private, no-store, max-age=600'}, 0],
		[{Expires: 'Sun, 22 Nov 2026 07:00:00 GMT', Date: 'Sun, 22 Nov 2026 06:00:00 GMT'}, 3600],
		[{Expires: 'Sun, 22 Nov 2026 06:30:00 GMT'}, 1800],
		[{Expires: '0'}, 0],
		[{'Cache-Control': 'max-age=300', Expires: 'Sun, 22 Nov 2026 07:00:00 GMT'}, 300],
		[{}, null],
	])('turns %j into %s seconds', (headers, expected) => {
		expect(parseMaxAge(new Headers(headers), now)).toBe(expected);
	});
});

describe('parseRetryAfter', () => {
	const now = Date.parse('Sun, 22 Nov 2026 06:00:00 GMT');
	it.each([
		['120', 120],
		[' 3600 ', 3600],
		['Sun, 22 Nov 2026 06:10:00 GMT', 600],
		['Sat, 21 Nov 2026 06:10:00 GMT', 0],
		['bald', null],
		[null, null],
	])('reads %j as %s seconds', (value, expected) => {
		expect(parseRetryAfter(value, now)).toBe(expected);
	});
});
