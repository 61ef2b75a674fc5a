/**
 * The loopback feed farm: N generated blogs served from many loopback addresses
 * (127.0.1.1 … 127.0.1.H, one port), so that per-host politeness limits of the readers
 * apply as they would across real sites. Conditional GET (ETag, Last-Modified → 304),
 * gzip when asked, a fixed latency per request, `changeAll()` for "every feed has new
 * posts". Traffic never leaves 127.0.0.0/8; the farm stops itself after `maxLifetimeMs`
 * or `maxRequests`, whatever the bench does.
 */
import {createHash} from 'node:crypto';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {Socket} from 'node:net';
import {gzipSync} from 'node:zlib';
import {describeBlogs, feedPath, renderFeed, type BlogSpec} from './generate.js';

export interface FarmOptions {
	readonly feeds: number;
	/** Loopback addresses to spread the feeds over; default 50 (127.0.1.1 … 127.0.1.50). */
	readonly hosts?: number;
	/** Delay before every answer, 304s included; default 100 ms. */
	readonly latencyMs?: number;
	readonly seed?: number;
	/** The farm closes itself after this long; default 40 minutes. */
	readonly maxLifetimeMs?: number;
	/** …or after this many requests; default 2 000 000. */
	readonly maxRequests?: number;
}

/** Requests seen since the last `resetStats()`. */
export interface FarmStats {
	readonly requests: number;
	readonly ok: number;
	readonly notModified: number;
	readonly other: number;
	/** Bytes of bodies sent (after gzip). */
	readonly bytes: number;
	/** Highest number of requests in flight at once on one host. */
	readonly maxPerHost: number;
	/** Highest number of requests in flight at once over all hosts. */
	readonly maxInFlight: number;
}

export interface FeedFarm {
	/** Feed urls, one per blog, in blog order. */
	readonly urls: readonly string[];
	readonly blogs: readonly BlogSpec[];
	readonly hosts: readonly string[];
	readonly port: number;
	/** Uncompressed size of all feeds at the current version. */
	readonly totalBytes: number;
	/** Every feed gets five new posts (and loses its five oldest): new ETag, new Last-Modified. */
	changeAll(): void;
	/**
	 * A day's change: one feed in `every` (another fifth on each call) gets one new post and
	 * loses its oldest; the others stay as they were (and answer 304). Returns how many changed.
	 */
	changeSome(every?: number): number;
	stats(): FarmStats;
	resetStats(): void;
	close(): Promise<void>;
}

interface Served {
	readonly body: Buffer;
	readonly gzipped: Buffer;
	readonly contentType: string;
	readonly etag: string;
	readonly lastModified: string;
	readonly lastModifiedTime: number;
}

function hostAddress(index: number): string {
	// 127.0.1.1 … 127.0.1.254, then 127.0.2.1 …: never 127.0.0.1, where the test fixture server lives.
	return `127.0.${1 + Math.floor(index / 254)}.${1 + (index % 254)}`;
}

function listen(server: Server, host: string, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const onError = (error: Error) => reject(error);
		server.once('error', onError);
		server.listen({host, port, exclusive: true}, () => {
			server.off('error', onError);
			resolve((server.address() as {port: number}).port);
		});
	});
}

export async function startFarm(options: FarmOptions): Promise<FeedFarm> {
	const hostCount = Math.max(1, Math.min(options.hosts ?? 50, 1000));
	const latencyMs = options.latencyMs ?? 100;
	const maxRequests = options.maxRequests ?? 2_000_000;
	const blogs = describeBlogs(options.feeds, options.seed);
	const hosts = Array.from({length: hostCount}, (_, index) => hostAddress(index));

	const servers: Server[] = [];
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	const byPath = new Map<string, {blog: BlogSpec; served: Served}>();
	const inFlight = new Map<string, number>();
	let stats = {requests: 0, ok: 0, notModified: 0, other: 0, bytes: 0, maxPerHost: 0, maxInFlight: 0};
	let totalInFlight = 0;
	let closed = false;
	let version = 0;
	let port = 0;
	// One new post on some blogs (changeSome), per blog index; and which fifth is next.
	const extra = new Map<number, number>();
	let dayCalls = 0;

	const baseOf = (blog: BlogSpec) => `http://${hosts[blog.index % hostCount]}:${port}/blog-${blog.index + 1}`;
	const render = (only?: (blog: BlogSpec) => boolean) => {
		for (const blog of blogs) {
			if (only !== undefined && !only(blog)) continue;
			const document = renderFeed(blog, version, baseOf(blog), extra.get(blog.index) ?? 0);
			const hash = createHash('sha1').update(document.body).digest('base64url').slice(0, 16);
			byPath.set(`${hosts[blog.index % hostCount]} ${feedPath(blog)}`, {
				blog,
				served: {
					body: document.body,
					// Compressed once here, so that serving costs the farm (which shares the CPU with the reader measured) next to nothing.
					gzipped: gzipSync(document.body, {level: 6}),
					contentType: document.contentType,
					etag: `"${hash}"`,
					lastModified: document.lastModified.toUTCString(),
					lastModifiedTime: Math.floor(document.lastModified.getTime() / 1000) * 1000,
				},
			});
		}
	};

	const answer = (request: IncomingMessage, response: ServerResponse, host: string) => {
		const path = (request.url ?? '/').split('?')[0] ?? '/';
		const found = byPath.get(`${host} ${path}`);
		response.setHeader('Server', 'Apache');
		if (!found || (request.method !== 'GET' && request.method !== 'HEAD')) {
			stats.other++;
			response.writeHead(404, {'Content-Type': 'text/html; charset=UTF-8'}).end('<h1>Seite nicht gefunden</h1>');
			return;
		}
		const {served} = found;
		const headers = {ETag: served.etag, 'Last-Modified': served.lastModified, 'Cache-Control': 'max-age=0, must-revalidate', Vary: 'Accept-Encoding'};
		const ifNoneMatch = request.headers['if-none-match'];
		const ifModifiedSince = request.headers['if-modified-since'];
		// RFC 9110: If-None-Match wins; If-Modified-Since only counts without it.
		const fresh = ifNoneMatch !== undefined
			? ifNoneMatch.split(',').some(tag => tag.trim().replace(/^W\//, '') === served.etag)
			: ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= served.lastModifiedTime;
		if (fresh) {
			stats.notModified++;
			response.writeHead(304, headers).end();
			return;
		}
		stats.ok++;
		const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
		const body = gzip ? served.gzipped : served.body;
		stats.bytes += body.length;
		response.writeHead(200, {
			...headers,
			'Content-Type': served.contentType,
			'Content-Length': String(body.length),
			...(gzip ? {'Content-Encoding': 'gzip'} : {}),
		});
		response.end(request.method === 'HEAD' ? undefined : body);
	};

	const handler = (host: string) => (request: IncomingMessage, response: ServerResponse) => {
		stats.requests++;
		if (closed || stats.requests > maxRequests) {
			response.writeHead(503, {'Retry-After': '3600'}).end();
			if (!closed) void farm.close();
			return;
		}
		const current = (inFlight.get(host) ?? 0) + 1;
		inFlight.set(host, current);
		totalInFlight++;
		stats.maxPerHost = Math.max(stats.maxPerHost, current);
		stats.maxInFlight = Math.max(stats.maxInFlight, totalInFlight);
		const finish = () => {
			inFlight.set(host, (inFlight.get(host) ?? 1) - 1);
			totalInFlight--;
		};
		const timer = setTimeout(() => {
			timers.delete(timer);
			try {
				answer(request, response, host);
			} finally {
				finish();
			}
		}, latencyMs);
		timers.add(timer);
		// A client that gives up early must not leave the counters high.
		request.once('close', () => {
			if (timers.delete(timer)) {
				clearTimeout(timer);
				finish();
			}
		});
	};

	// One port for all hosts; a port taken on one of the addresses means: start over with another.
	for (let attempt = 0; ; attempt++) {
		try {
			for (const host of hosts) {
				const server = createServer({keepAliveTimeout: 5_000}, handler(host));
				server.on('connection', socket => {
					sockets.add(socket);
					socket.once('close', () => sockets.delete(socket));
				});
				port = await listen(server, host, port);
				servers.push(server);
			}
			break;
		} catch (error) {
			await Promise.all(servers.splice(0).map(server => new Promise(resolve => server.close(resolve))));
			port = 0;
			if (attempt >= 4) throw error;
		}
	}
	render();

	const lifetime = setTimeout(() => void farm.close(), options.maxLifetimeMs ?? 40 * 60_000);

	const farm: FeedFarm = {
		urls: blogs.map(blog => `${baseOf(blog)}${feedPath(blog).slice(`/blog-${blog.index + 1}`.length)}`),
		blogs,
		hosts,
		port,
		get totalBytes() {
			let total = 0;
			for (const {served} of byPath.values()) total += served.body.length;
			return total;
		},
		changeAll() {
			version++;
			render();
		},
		changeSome(every = 5) {
			const turn = dayCalls++ % every;
			const chosen = (blog: BlogSpec) => blog.index % every === turn;
			let changed = 0;
			for (const blog of blogs) {
				if (!chosen(blog)) continue;
				extra.set(blog.index, (extra.get(blog.index) ?? 0) + 1);
				changed++;
			}
			render(chosen);
			return changed;
		},
		stats: () => ({...stats}),
		resetStats() {
			stats = {requests: 0, ok: 0, notModified: 0, other: 0, bytes: 0, maxPerHost: 0, maxInFlight: 0};
		},
		async close() {
			if (closed) return;
			closed = true;
			clearTimeout(lifetime);
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			for (const socket of sockets) socket.destroy();
			await Promise.all(servers.map(server => new Promise(resolve => server.close(resolve))));
		},
	};
	return farm;
}
