import {request as httpRequest, type IncomingMessage} from 'node:http';
import {gunzipSync} from 'node:zlib';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {fixturePaths, startFixtureServer, type FixtureServer} from './helpers/fixture-server.js';

interface RawResponse {
	readonly status: number;
	readonly headers: IncomingMessage['headers'];
	readonly body: Buffer;
}

/** A plain node:http GET: no redirects followed, no decompression, bytes as sent. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const request = httpRequest(url, {headers}, response => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks)}));
			response.on('error', reject);
		});
		request.on('error', reject);
		request.end();
	});
}

let server: FixtureServer;

beforeAll(async () => {
	server = await startFixtureServer();
});

afterEach(() => {
	server.resetRoutes();
	server.requests.length = 0;
});

afterAll(async () => {
	await server.close();
});

describe('the fixture site', () => {
	it('serves the Latin-1 feed byte for byte as text/xml without a charset', async () => {
		const response = await rawGet(server.url + fixturePaths.alteSchule.latin1Feed);
		expect(response.status).toBe(200);
		expect(response.headers['content-type']).toBe('text/xml');
		expect(response.body.subarray(0, 45).toString('latin1')).toBe('<?xml version="1.0" encoding="ISO-8859-1"?>\n<');
		// „Möß“ as ISO-8859-1: ö = 0xF6, ß = 0xDF; never the UTF-8 pair 0xC3 0xB6.
		expect(response.body.includes(Buffer.from([0x4d, 0xf6, 0xdf]))).toBe(true);
		expect(response.body.includes(Buffer.from([0xe4]))).toBe(true);
		expect(response.body.includes(Buffer.from([0xc3, 0xb6]))).toBe(false);
	});

	it('serves the windows-1252 feed with „…“, – and € as single bytes and says so in the header', async () => {
		const response = await rawGet(server.url + fixturePaths.alteSchule.windows1252Feed);
		expect(response.headers['content-type']).toBe('application/rss+xml; charset=windows-1252');
		expect(response.body.includes(Buffer.from([0x84, 0x48, 0x6f, 0x62, 0x65, 0x6c]))).toBe(true); // „Hobel
		expect(response.body.includes(Buffer.from([0x80]))).toBe(true);
		expect(response.body.includes(Buffer.from([0x96]))).toBe(true);
		expect(response.body.includes(Buffer.from([0x93]))).toBe(true);
	});

	it('replaces the base placeholder with its own url, also inside the Latin-1 feed', async () => {
		const feed = await (await fetch(server.url + fixturePaths.kreidezeit.feed)).text();
		expect(feed).toContain(`<atom:link href="${server.url}/kreidezeit/feed/" rel="self"`);
		expect(feed).not.toContain('{{BASE}}');
		const latin1 = await rawGet(server.url + fixturePaths.alteSchule.latin1Feed);
		expect(latin1.body.toString('latin1')).toContain(`<link>${server.url}/alte-schule/</link>`);
		expect(latin1.body.includes(Buffer.from('{{BASE}}'))).toBe(false);
	});

	it('advertises the Kreidezeit feed and comments feed on the home page', async () => {
		const response = await fetch(server.url + fixturePaths.kreidezeit.home);
		expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
		const html = await response.text();
		expect(html).toContain(`<link rel="alternate" type="application/rss+xml" title="Kreidezeit &raquo; Feed" href="${server.url}/kreidezeit/feed/" />`);
		expect(html).toContain(`title="Kreidezeit &raquo; Kommentar-Feed" href="${server.url}/kreidezeit/comments/feed/"`);
	});

	it('has no feed link on the nur-link home page, only a footer anchor to a feed that exists', async () => {
		const html = await (await fetch(server.url + fixturePaths.nurLink.home)).text();
		expect(html).not.toContain('rel="alternate"');
		expect(html).toContain(`<a href="${server.url}/nur-link/feed/">RSS-Feed abonnieren</a>`);
		const feed = await fetch(server.url + fixturePaths.nurLink.feed);
		expect(feed.status).toBe(200);
		expect(feed.headers.get('content-type')).toBe('application/rss+xml; charset=UTF-8');
	});

	it('serves every feed the route table names with its own content type', async () => {
		const expected: Array<[string, string]> = [
			[fixturePaths.kreidezeit.commentsFeed, 'application/rss+xml; charset=UTF-8'],
			[fixturePaths.klartext.feed, 'application/atom+xml; charset=utf-8'],
			[fixturePaths.fieldnotes.feed, 'application/feed+json'],
			[fixturePaths.alteSchule.latin9Feed, 'text/xml; charset=ISO-8859-15'],
			[fixturePaths.auszug.feed, 'application/rss+xml; charset=UTF-8'],
		];
		for (const [path, type] of expected) {
			const response = await fetch(server.url + path);
			expect([path, response.status, response.headers.get('content-type')]).toEqual([path, 200, type]);
		}
	});

	it('sends a gzip body only to clients that ask for it, with the same content', async () => {
		const plain = await rawGet(server.url + fixturePaths.kreidezeit.feed);
		const zipped = await rawGet(server.url + fixturePaths.kreidezeit.feed, {'Accept-Encoding': 'gzip, deflate'});
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(zipped.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
		expect(zipped.headers.etag).toBe(plain.headers.etag);
	});

	it('redirects a directory without its trailing slash and answers 404 for unknown pages', async () => {
		const redirect = await rawGet(`${server.url}/kreidezeit/feed`);
		expect(redirect.status).toBe(301);
		expect(redirect.headers.location).toBe('/kreidezeit/feed/');
		expect((await rawGet(`${server.url}/kreidezeit/gibt-es-nicht/`)).status).toBe(404);
	});

	it('does not serve its generator, its route table or anything outside the site', async () => {
		for (const path of ['/_build/build-site.mjs', '/routes.json', '/README.md', '/../helpers/fixture-server.ts', '/%2e%2e/fixture-server.test.ts']) {
			expect([path, (await rawGet(server.url + path)).status]).toEqual([path, 404]);
		}
	});
});

describe('the links inside the site', () => {
	it('lead from every feed item to a page the site serves', async () => {
		const links: string[] = [];
		for (const path of [fixturePaths.kreidezeit.feed, fixturePaths.auszug.feed, fixturePaths.nurLink.feed, fixturePaths.alteSchule.latin1Feed, fixturePaths.alteSchule.windows1252Feed, fixturePaths.alteSchule.latin9Feed]) {
			const text = (await rawGet(server.url + path)).body.toString('latin1');
			for (const match of text.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)) links.push(String(match[1]));
		}
		const atom = await (await fetch(server.url + fixturePaths.klartext.feed)).text();
		// Atom links are relative to the feed's xml:base.
		for (const match of atom.matchAll(/<entry>[\s\S]*?<link rel="alternate" type="text\/html" href="([^"]+)"/g)) links.push(new URL(String(match[1]), `${server.url}/klartext/`).href);
		const json = (await (await fetch(server.url + fixturePaths.fieldnotes.feed)).json()) as {items: Array<{url: string}>};
		links.push(...json.items.map(item => item.url));
		expect(links).toHaveLength(8 + 4 + 3 + 4 + 3 + 2 + 5 + 4);
		for (const link of links) {
			expect([link, (await rawGet(link)).status]).toEqual([link, 200]);
		}
	});

	it('include a real image for every upload a Kreidezeit post shows', async () => {
		const feed = await (await fetch(server.url + fixturePaths.kreidezeit.feed)).text();
		const images = [...new Set([...feed.matchAll(/src="([^"]+\/uploads\/[^"]+)"/g)].map(match => String(match[1])))];
		expect(images.length).toBeGreaterThan(1);
		for (const image of images) {
			const response = await rawGet(image);
			expect([image, response.status, response.headers['content-type']]).toEqual([image, 200, 'image/png']);
		}
	});
});

describe('conditional requests', () => {
	it('answers 304 to a matching If-None-Match and 200 to a stale one', async () => {
		const first = await rawGet(server.url + fixturePaths.kreidezeit.feed);
		const etag = String(first.headers.etag);
		expect(etag).toMatch(/^"[\w-]+"$/);
		const again = await rawGet(server.url + fixturePaths.kreidezeit.feed, {'If-None-Match': etag});
		expect(again.status).toBe(304);
		expect(again.body.length).toBe(0);
		expect(again.headers.etag).toBe(etag);
		expect((await rawGet(server.url + fixturePaths.kreidezeit.feed, {'If-None-Match': '"veraltet"'})).status).toBe(200);
	});

	it('answers 304 to an If-Modified-Since that is not older than Last-Modified', async () => {
		const first = await rawGet(server.url + fixturePaths.klartext.feed);
		const lastModified = String(first.headers['last-modified']);
		expect((await rawGet(server.url + fixturePaths.klartext.feed, {'If-Modified-Since': lastModified})).status).toBe(304);
		const earlier = new Date(Date.parse(lastModified) - 60_000).toUTCString();
		expect((await rawGet(server.url + fixturePaths.klartext.feed, {'If-Modified-Since': earlier})).status).toBe(200);
	});

	it('gives a bumped feed a new item, a new ETag and a later Last-Modified', async () => {
		const before = await rawGet(server.url + fixturePaths.kreidezeit.feed);
		server.bump(fixturePaths.kreidezeit.feed);
		const conditional = await rawGet(server.url + fixturePaths.kreidezeit.feed, {
			'If-None-Match': String(before.headers.etag),
		});
		expect(conditional.status).toBe(200);
		expect(conditional.headers.etag).not.toBe(before.headers.etag);
		expect(Date.parse(String(conditional.headers['last-modified']))).toBeGreaterThan(Date.parse(String(before.headers['last-modified'])));
		const text = conditional.body.toString('utf8');
		expect(text.match(/<item>/g)?.length).toBe(9);
		expect(text.indexOf('Nachtrag Nr. 1')).toBeLessThan(text.indexOf('Fünf Fragen an'));
		expect(text).toContain(`<link>${server.url}/kreidezeit/nachtrag-1/</link>`);
	});

	it('adds a new entry to a bumped Atom and JSON feed', async () => {
		server.bump(fixturePaths.klartext.feed);
		server.bump(fixturePaths.fieldnotes.feed);
		const atom = await (await fetch(server.url + fixturePaths.klartext.feed)).text();
		expect(atom.match(/<entry>/g)?.length).toBe(6);
		const json = (await (await fetch(server.url + fixturePaths.fieldnotes.feed)).json()) as {items: Array<{title: string}>};
		expect(json.items).toHaveLength(5);
		expect(json.items[0]?.title).toBe('Nachtrag Nr. 1: Gedanken zum Jahresende');
	});

	it('keeps a bumped Latin-1 feed in Latin-1', async () => {
		server.bump(fixturePaths.alteSchule.latin1Feed, body => body.replace('Ein Eichentisch', 'Ein großer Eichentisch'));
		const response = await rawGet(server.url + fixturePaths.alteSchule.latin1Feed);
		expect(response.body.includes(Buffer.from('Ein gro\u00dfer Eichentisch f\u00fcr Familie M\u00f6\u00df', 'latin1'))).toBe(true);
		expect(response.body.includes(Buffer.from([0xc3]))).toBe(false);
	});

	it('forgets bumps and custom routes on resetRoutes', async () => {
		const original = (await rawGet(server.url + fixturePaths.auszug.feed)).headers.etag;
		server.bump(fixturePaths.auszug.feed);
		server.setRoute(fixturePaths.auszug.home, {status: 500, body: 'kaputt'});
		expect((await rawGet(server.url + fixturePaths.auszug.feed)).headers.etag).not.toBe(original);
		server.resetRoutes();
		expect((await rawGet(server.url + fixturePaths.auszug.feed)).headers.etag).toBe(original);
		expect((await rawGet(server.url + fixturePaths.auszug.home)).status).toBe(200);
	});
});

describe('test routes', () => {
	it('answers a custom route with its canned response, base placeholder filled in', async () => {
		server.setRoute('/eigener/feed', {status: 200, headers: {'Content-Type': 'application/rss+xml'}, body: '<rss><channel><link>{{BASE}}/eigener/</link></channel></rss>'});
		const response = await fetch(`${server.url}/eigener/feed`);
		expect(response.headers.get('content-type')).toBe('application/rss+xml');
		expect(await response.text()).toBe(`<rss><channel><link>${server.url}/eigener/</link></channel></rss>`);
	});

	it('lets a custom handler override a file route', async () => {
		server.setRoute(fixturePaths.kreidezeit.feed, (_request, response) => {
			response.writeHead(410, {'Content-Type': 'text/plain'});
			response.end('Dieser Feed wurde eingestellt.');
		});
		const response = await fetch(server.url + fixturePaths.kreidezeit.feed);
		expect(response.status).toBe(410);
		expect(await response.text()).toBe('Dieser Feed wurde eingestellt.');
	});

	it('follows a chain of permanent redirects to the Kreidezeit feed', async () => {
		const first = await rawGet(`${server.url}/redirect/permanent/3`);
		expect(first.status).toBe(301);
		expect(first.headers.location).toBe(`${server.url}/redirect/permanent/2`);
		const last = await rawGet(`${server.url}/redirect/permanent/1`);
		expect(last.headers.location).toBe(`${server.url}/kreidezeit/feed/`);
		const followed = await fetch(`${server.url}/redirect/permanent/3`);
		expect(followed.url).toBe(`${server.url}/kreidezeit/feed/`);
		expect(await followed.text()).toContain('<title>Kreidezeit</title>');
	});

	it('redirects temporarily, mixed and in a loop', async () => {
		expect((await rawGet(`${server.url}/redirect/temporary`)).status).toBe(302);
		const mixed = await rawGet(`${server.url}/redirect/mixed`);
		expect([mixed.status, mixed.headers.location]).toEqual([301, '/redirect/temporary']);
		const loop = await rawGet(`${server.url}/redirect/loop`);
		const back = await rawGet(`${server.url}${String(loop.headers.location)}`);
		expect(back.headers.location).toBe('/redirect/loop');
		await expect(fetch(`${server.url}/redirect/loop`)).rejects.toThrow();
	});

	it('answers any status, with Retry-After for 429 and 503', async () => {
		const unavailable = await rawGet(`${server.url}/status/503`);
		expect([unavailable.status, unavailable.headers['retry-after']]).toEqual([503, '120']);
		const tooMany = await rawGet(`${server.url}/status/429`);
		expect([tooMany.status, tooMany.headers['retry-after']]).toEqual([429, '120']);
		const gone = await rawGet(`${server.url}/status/404`);
		expect([gone.status, gone.headers['retry-after']]).toEqual([404, undefined]);
	});

	it('delivers the feed from /slow once the delay is over', async () => {
		const response = await fetch(`${server.url}/slow?ms=50`);
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('<title>Kreidezeit</title>');
	});

	it('streams exactly the requested megabytes of XML from /big, with or without Content-Length', async () => {
		const declared = await rawGet(`${server.url}/big?mb=1`);
		expect(declared.headers['content-length']).toBe(String(1024 * 1024));
		expect(declared.body.length).toBe(1024 * 1024);
		expect(declared.body.subarray(-18).toString()).toBe('</channel>\n</rss>\n');
		const chunked = await rawGet(`${server.url}/big?mb=0.5&chunked=1`);
		expect(chunked.headers['content-length']).toBeUndefined();
		expect(chunked.body.length).toBe(512 * 1024);
	});

	it('sends a small gzip body from /gzip-bomb that inflates to many megabytes', async () => {
		const response = await rawGet(`${server.url}/gzip-bomb?mb=16`);
		expect(response.headers['content-encoding']).toBe('gzip');
		expect(response.body.length).toBeLessThan(100 * 1024);
		expect(gunzipSync(response.body).length).toBeGreaterThan(16 * 1024 * 1024);
	});

	it('serves a real PNG at /image.png', async () => {
		const response = await rawGet(`${server.url}/image.png`);
		expect(response.headers['content-type']).toBe('image/png');
		expect(response.body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
		expect(response.body.subarray(12, 16).toString('ascii')).toBe('IHDR');
	});

	it('records method, path, request headers and status of every request', async () => {
		await rawGet(`${server.url}/status/418`, {'User-Agent': 'blogroll-test/1.0'});
		await rawGet(server.url + fixturePaths.kreidezeit.home);
		expect(server.requests.map(({method, path, status}) => ({method, path, status}))).toEqual([
			{method: 'GET', path: '/status/418', status: 418},
			{method: 'GET', path: '/kreidezeit/', status: 200},
		]);
		expect(server.requests[0]?.headers['user-agent']).toBe('blogroll-test/1.0');
	});
});

describe('closing', () => {
	it('ends an endless /trickle response instead of hanging', async () => {
		const own = await startFixtureServer();
		const {status, firstByte, ended} = await new Promise<{status: number; firstByte: string; ended: Promise<string>}>((resolve, reject) => {
			const request = httpRequest(`${own.url}/trickle`, response => {
				const finished = new Promise<string>(done => {
					response.on('error', () => done('aborted'));
					response.on('close', () => done('closed'));
				});
				response.once('data', (chunk: Buffer) => resolve({status: response.statusCode ?? 0, firstByte: chunk.toString(), ended: finished}));
			});
			request.on('error', reject);
			request.end();
		});
		expect([status, firstByte]).toEqual([200, '<']);
		await own.close();
		expect(await ended).toMatch(/aborted|closed/);
	});

	it('serves on the host it was given, with that host in its url', async () => {
		const own = await startFixtureServer({host: '127.0.0.1', latencyMs: 5});
		try {
			expect(own.url).toBe(`http://127.0.0.1:${own.port}`);
			const html = await (await fetch(`${own.url}/`)).text();
			expect(html).toContain(`<a href="${own.url}/kreidezeit/">`);
		} finally {
			await own.close();
		}
	});
});
