/**
 * A local HTTP server on 127.0.0.1, port 0, for tests that need a real network peer.
 * Routes map a path (with query, e.g. `/?feed=rss2`, or without) to a canned answer or a
 * handler; `*` answers every other path, else unknown paths get a 404. Every request is
 * recorded for assertions.
 */
import {createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

/** A canned answer. */
export interface CannedResponse {
	readonly status?: number;
	readonly headers?: Readonly<Record<string, string | number | readonly string[]>>;
	readonly body?: string | Buffer;
}

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void;

export type Route = CannedResponse | RouteHandler;

/** What the server saw. */
export interface RecordedRequest {
	readonly method: string;
	/** Path with query, as sent. */
	readonly path: string;
	readonly headers: IncomingHttpHeaders;
}

export interface TestServer {
	/** `http://127.0.0.1:<port>` */
	readonly origin: string;
	readonly port: number;
	readonly requests: RecordedRequest[];
	/** Absolute url of a path on this server. */
	url(path: string): string;
	/** Adds or replaces a route while the server runs. */
	route(path: string, route: Route): void;
	close(): Promise<void>;
}

export async function startTestServer(routes: Readonly<Record<string, Route>> = {}): Promise<TestServer> {
	const table = new Map<string, Route>(Object.entries(routes));
	const requests: RecordedRequest[] = [];
	const server = createServer((request, response) => {
		const path = request.url ?? '/';
		requests.push({method: request.method ?? 'GET', path, headers: request.headers});
		const pathname = path.split('?')[0] ?? path;
		const route = table.get(path) ?? table.get(pathname) ?? table.get('*');
		if (route === undefined) {
			response.writeHead(404, {'Content-Type': 'text/html; charset=utf-8'});
			response.end('<!doctype html><title>Seite nicht gefunden</title><h1>404 – Seite nicht gefunden</h1>');
			return;
		}
		if (typeof route === 'function') {
			route(request, response);
			return;
		}
		response.writeHead(route.status ?? 200, route.headers as Record<string, string | number | string[]>);
		response.end(route.body ?? '');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	const origin = `http://127.0.0.1:${port}`;
	return {
		origin,
		port,
		requests,
		url: (path) => new URL(path, origin).href,
		route: (path, route) => {
			table.set(path, route);
		},
		close: () =>
			new Promise<void>((resolve) => {
				// Tests leave hanging responses (never-answering, trickling servers) behind on purpose.
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** A port on 127.0.0.1 where nothing listens (it was free a moment ago), for refused connections. */
export async function findClosedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}
