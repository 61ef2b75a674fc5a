// A small web of sites for Discover tests: each site is its own server on its own loopback
// address (127.0.0.2, .3, …), so that "another site" is another host, as on the web.
// Pages (bodies and headers) are templates: `{{name}}` becomes that site's base url (`http://127.0.0.N:PORT`).
// Every answer has a strong ETag and a Last-Modified; If-None-Match / If-Modified-Since
// get a 304. Every request is recorded with its site, for "only conditional requests".
import {createHash} from 'node:crypto';
import {createServer, type IncomingHttpHeaders, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';

/** One page of a site. */
export interface WebPage {
	readonly type: string;
	readonly body: string;
	readonly headers?: Readonly<Record<string, string>>;
}

/** A site: its pages by path (with query, if any). */
export type WebSite = Readonly<Record<string, WebPage>>;

export interface WebRequest {
	readonly site: string;
	readonly path: string;
	readonly headers: IncomingHttpHeaders;
	readonly status: number;
}

export interface FixtureWeb {
	/** Base url of each site by name, without a trailing slash. */
	readonly urls: Readonly<Record<string, string>>;
	readonly requests: WebRequest[];
	/** Sites that answer every request with 503 Service Unavailable while named here. */
	readonly down: Set<string>;
	close(): Promise<void>;
}

const LAST_MODIFIED = new Date('2026-11-20T07:30:00Z').toUTCString();

/** Starts one server per site, on 127.0.0.2 upwards, in the order given. */
export async function startFixtureWeb(sites: Readonly<Record<string, WebSite>>): Promise<FixtureWeb> {
	const urls: Record<string, string> = {};
	const requests: WebRequest[] = [];
	const servers: Server[] = [];
	const down = new Set<string>();
	const render = (text: string) => text.replace(/\{\{([\w-]+)\}\}/g, (whole, name: string) => urls[name] ?? whole);
	let address = 2;
	for (const [name, pages] of Object.entries(sites)) {
		const server = createServer((request, response) => {
			const path = request.url ?? '/';
			const page = pages[path];
			const log = (status: number) => requests.push({site: name, path, headers: request.headers, status});
			if (down.has(name)) {
				log(503);
				response.writeHead(503, {'Content-Type': 'text/plain; charset=utf-8'});
				response.end('Wartungsarbeiten – bitte später wieder versuchen.');
				return;
			}
			if (page === undefined) {
				log(404);
				response.writeHead(404, {'Content-Type': 'text/html; charset=utf-8'});
				response.end('<!doctype html><html lang="de"><title>Nicht gefunden</title><h1>404 – Seite nicht gefunden</h1></html>');
				return;
			}
			const body = Buffer.from(render(page.body));
			const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
			const own = Object.fromEntries(Object.entries(page.headers ?? {}).map(([header, value]) => [header, render(value)]));
			const headers = {'Content-Type': page.type, ETag: etag, 'Last-Modified': LAST_MODIFIED, ...own};
			const unchanged = request.headers['if-none-match'] === etag || (request.headers['if-none-match'] === undefined && request.headers['if-modified-since'] === LAST_MODIFIED);
			if (unchanged) {
				log(304);
				response.writeHead(304, {ETag: etag, 'Last-Modified': LAST_MODIFIED});
				response.end();
				return;
			}
			log(200);
			response.writeHead(200, {...headers, 'Content-Length': body.length});
			response.end(body);
		});
		const host = `127.0.0.${address++}`;
		await new Promise<void>(resolve => server.listen(0, host, resolve));
		urls[name] = `http://${host}:${(server.address() as AddressInfo).port}`;
		servers.push(server);
	}
	return {
		urls,
		requests,
		down,
		close: () =>
			Promise.all(
				servers.map(
					server =>
						new Promise<void>(resolve => {
							server.closeAllConnections();
							server.close(() => resolve());
						}),
				),
			).then(() => undefined),
	};
}
