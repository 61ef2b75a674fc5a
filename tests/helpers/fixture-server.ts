// The offline fixture site on 127.0.0.1: the blogs under tests/fixtures/site/ plus a few
// misbehaving routes (redirects, errors, slow and endless bodies, a gzip bomb) for the
// http client, discovery, sync and the benchmarks. node:http/zlib/fs/crypto only, so the
// server tests nothing but itself.
//
// Test routes (all bounded, all stopped by close()):
//   /redirect/permanent/<n>   n × 301 (absolute Location), then the Kreidezeit feed; /redirect/permanent = 1 hop
//   /redirect/permanent-308   308 to the feed
//   /redirect/temporary       302 (relative Location) to the feed
//   /redirect/mixed           301 to /redirect/temporary: not every hop is permanent
//   /redirect/loop            302 ⇄ /redirect/loop/b forever
//   /status/<code>            that status; 429 and 503 with Retry-After: 120
//   /slow?ms=N                the feed, headers after N ms (at most 120 s)
//   /cache/max-age?s=N        the feed with Cache-Control: max-age=N
//   /trickle                  200, then one byte a second until the client goes
//   /big?mb=N[&chunked=1]     exactly N MB of valid RSS, streamed (with Content-Length unless chunked=1)
//   /gzip-bomb?mb=N           Content-Encoding: gzip, ~1 KB per MB that inflates to N MB (default 64)
//   /image.png                a real 4×4 PNG
// Site files are answered with a strong ETag, Last-Modified, 304 for If-None-Match /
// If-Modified-Since, gzip when asked (Accept-Encoding), HEAD, and a 301 for a directory
// without its trailing slash.
import {createHash} from 'node:crypto';
import {existsSync, readFileSync, statSync} from 'node:fs';
import {createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {createGzip, deflateSync, gzipSync} from 'node:zlib';

/** Where the site's files live; `routes.json` in it maps url paths to files. */
export const FIXTURE_SITE_ROOT = fileURLToPath(new URL('../fixtures/site/', import.meta.url));

/** The placeholder in the site's files that the server replaces with its own base url. */
export const BASE_PLACEHOLDER = '{{BASE}}';

/** Options of `startFixtureServer`. */
export interface FixtureServerOptions {
	/** Address to listen on; default 127.0.0.1. Also the host in `url` and `{{BASE}}`. */
	readonly host?: string;
	/** Default 0: a free port. */
	readonly port?: number;
	/** Delay before every response, for benchmarks; default 0. */
	readonly latencyMs?: number;
	/** Keep `requests`; default true. Benchmarks with many requests may turn it off. */
	readonly recordRequests?: boolean;
}

/** One request the server saw. `status` is null until the response head has been sent. */
export interface RequestLog {
	readonly method: string;
	/** Path and query as requested, e.g. `/kreidezeit/feed/` or `/slow?ms=200`. */
	readonly path: string;
	readonly headers: IncomingHttpHeaders;
	readonly status: number | null;
}

/** A canned answer for `setRoute`; a string body gets `{{BASE}}` replaced. */
export interface StaticResponse {
	readonly status?: number;
	readonly headers?: Readonly<Record<string, string>>;
	readonly body?: string | Buffer;
}

/** A hand-written route; it must end the response itself. */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** A running fixture server. */
export interface FixtureServer {
	/** `http://127.0.0.1:PORT` (no trailing slash); what `{{BASE}}` becomes. */
	readonly url: string;
	readonly port: number;
	/** Every request so far, oldest first (empty when `recordRequests` is false). Tests may clear it with `requests.length = 0`. */
	readonly requests: RequestLog[];
	/** Stops listening, destroys open sockets and stops every timer; never hangs on an endless response. */
	close(): Promise<void>;
	/** Answers `path` (exact path, with or without query) before any built-in or file route. */
	setRoute(path: string, route: RouteHandler | StaticResponse): void;
	/** Drops every `setRoute` route and every `bump`, back to the files on disk. */
	resetRoutes(): void;
	/**
	 * Changes a file route (e.g. `/kreidezeit/feed/`) so that the next fetch sees new content,
	 * a new ETag and a later Last-Modified. `change` gets the current text (with the
	 * `{{BASE}}` placeholder still in it, decoded in the file's own encoding); without it a
	 * new item/entry is added at the top of the feed (or a comment to an HTML page).
	 */
	bump(path: string, change?: (body: string) => string): void;
}

/** Well-known paths of the fixture site, so tests do not repeat string literals. */
export const fixturePaths = {
	index: '/',
	kreidezeit: {
		home: '/kreidezeit/',
		feed: '/kreidezeit/feed/',
		commentsFeed: '/kreidezeit/comments/feed/',
		faq: '/kreidezeit/faq/',
		article: '/kreidezeit/feedbackkultur-beginnt-beim-zuhoeren/',
	},
	klartext: {home: '/klartext/', feed: '/klartext/atom.xml', faqMicrodata: '/klartext/fragen/'},
	fieldnotes: {home: '/fieldnotes/', feed: '/fieldnotes/feed.json'},
	alteSchule: {
		home: '/alte-schule/',
		latin1Feed: '/alte-schule/rss.xml',
		windows1252Feed: '/alte-schule/windows.xml',
		latin9Feed: '/alte-schule/latin9.xml',
		faqDefinitionList: '/alte-schule/fragen.html',
	},
	auszug: {home: '/auszug/', feed: '/auszug/feed/', faqToggle: '/auszug/faq/'},
	nurLink: {home: '/nur-link/', feed: '/nur-link/feed/', faqHeadings: '/nur-link/faq/'},
} as const;

/** One entry of `routes.json`: which file answers a url path, and how. */
interface RouteEntry {
	readonly file: string;
	/** Content-Type exactly as sent (with or without charset). */
	readonly type: string;
	/** How the file is encoded, for `bump`; default utf-8. */
	readonly encoding?: 'utf-8' | 'latin1';
	readonly headers?: Readonly<Record<string, string>>;
}

interface FileState {
	readonly route: RouteEntry;
	/** The template bytes, `{{BASE}}` not yet replaced. */
	readonly template: Buffer;
	readonly lastModified: Date;
}

interface Rendered {
	readonly body: Buffer;
	readonly etag: string;
	gzipped: Buffer | null;
}

// Every file claims to have changed last on the same morning, so Last-Modified does not
// depend on when git checked the file out.
const SITE_LAST_MODIFIED = new Date('2026-11-20T07:30:00Z');

const TYPES_BY_EXTENSION: Readonly<Record<string, string>> = {
	'.html': 'text/html; charset=UTF-8',
	'.xml': 'application/xml',
	'.json': 'application/json',
	'.css': 'text/css; charset=UTF-8',
	'.png': 'image/png',
	'.gif': 'image/gif',
	'.jpg': 'image/jpeg',
	'.txt': 'text/plain; charset=UTF-8',
};

// Upper bounds for the query parameters of the special routes: a typo in a test must not
// make the server sleep for an hour or stream a terabyte.
const MAX_SLOW_MS = 120_000;
const MAX_BIG_MB = 2048;
const MAX_BOMB_MB = 1024;
const MAX_REDIRECT_HOPS = 50;
const MEGABYTE = 1024 * 1024;

// Compressed bombs take a moment to build; one per size for the whole test process.
const bombCache = new Map<number, Promise<Buffer>>();

function loadRoutes(): Record<string, RouteEntry> {
	return JSON.parse(readFileSync(path.join(FIXTURE_SITE_ROOT, 'routes.json'), 'utf8')) as Record<string, RouteEntry>;
}

function etagOf(body: Buffer): string {
	return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

function replaceBase(template: Buffer, base: string): Buffer {
	// On bytes, not text: the Latin-1 and windows-1252 files must come out byte for byte.
	const placeholder = Buffer.from(BASE_PLACEHOLDER, 'ascii');
	const replacement = Buffer.from(base, 'ascii');
	const parts: Buffer[] = [];
	let from = 0;
	for (let at = template.indexOf(placeholder, from); at !== -1; at = template.indexOf(placeholder, from)) {
		parts.push(template.subarray(from, at), replacement);
		from = at + placeholder.length;
	}
	if (from === 0) return template;
	parts.push(template.subarray(from));
	return Buffer.concat(parts);
}

/** Maps a url path to a file under the site root, or null; never leaves the root. */
function resolveStaticFile(urlPath: string): string | null {
	let decoded: string;
	try {
		decoded = decodeURIComponent(urlPath);
	} catch {
		return null;
	}
	const segments = decoded.split('/').filter(segment => segment !== '');
	// `_build/`, dotfiles and the route table are the site's machinery, not its content.
	if (segments.some(segment => segment.startsWith('_') || segment.startsWith('.') || segment === '..')) return null;
	if (segments.length === 1 && (segments[0] === 'routes.json' || segments[0] === 'README.md')) return null;
	const relative = decoded.endsWith('/') ? [...segments, 'index.html'] : segments;
	const file = path.join(FIXTURE_SITE_ROOT, ...relative);
	if (!file.startsWith(FIXTURE_SITE_ROOT)) return null;
	return file;
}

function isFile(file: string): boolean {
	return existsSync(file) && statSync(file).isFile();
}

function isDirectoryWithIndex(file: string): boolean {
	return existsSync(file) && statSync(file).isDirectory() && isFile(path.join(file, 'index.html'));
}

function rfc822(date: Date): string {
	return date.toUTCString();
}

/** The default `bump`: a new item at the top of a feed, a comment in a page. */
function addNewEntry(text: string, routePath: string, count: number, type: string): string {
	const prefix = routePath.split('/').filter(Boolean)[0] ?? 'neu';
	const now = new Date();
	const title = `Nachtrag Nr. ${count}: Gedanken zum Jahresende`;
	const link = `${BASE_PLACEHOLDER}/${prefix}/nachtrag-${count}/`;
	if (type.includes('json')) {
		const feed = JSON.parse(text) as {items?: unknown[]};
		feed.items = [
			{
				id: `${link}#bump`,
				url: link,
				title,
				content_html: `<p>Ein frischer Beitrag, geschrieben für den Test Nr. ${count}.</p>`,
				date_published: now.toISOString(),
			},
			...(feed.items ?? []),
		];
		return JSON.stringify(feed, null, '\t') + '\n';
	}
	const rssAt = text.search(/<item[\s>]/);
	if (rssAt !== -1) {
		const item = [
			'<item>',
			`\t\t<title>${title}</title>`,
			`\t\t<link>${link}</link>`,
			`\t\t<guid isPermaLink="false">${BASE_PLACEHOLDER}/${prefix}/?p=${9000 + count}</guid>`,
			`\t\t<pubDate>${rfc822(now)}</pubDate>`,
			`\t\t<description><![CDATA[<p>Ein frischer Beitrag, geschrieben für den Test Nr. ${count}.</p>]]></description>`,
			'\t</item>\n\t',
		].join('\n');
		return text.slice(0, rssAt) + item + text.slice(rssAt);
	}
	const atomAt = text.search(/<entry[\s>]/);
	if (atomAt !== -1) {
		const entry = [
			'<entry>',
			`\t\t<title>${title}</title>`,
			`\t\t<link rel="alternate" type="text/html" href="${link}"/>`,
			`\t\t<id>tag:blogroll.test,2026:nachtrag-${count}</id>`,
			`\t\t<updated>${now.toISOString()}</updated>`,
			`\t\t<content type="html">&lt;p&gt;Ein frischer Beitrag, geschrieben für den Test Nr. ${count}.&lt;/p&gt;</content>`,
			'\t</entry>\n\t',
		].join('\n');
		return text.slice(0, atomAt) + entry + text.slice(atomAt);
	}
	const bodyEnd = text.lastIndexOf('</body>');
	const comment = `<!-- geändert: Nachtrag ${count} -->\n`;
	return bodyEnd === -1 ? text + comment : text.slice(0, bodyEnd) + comment + text.slice(bodyEnd);
}

function numberParameter(url: URL, name: string, fallback: number, max: number): number {
	const value = Number(url.searchParams.get(name) ?? fallback);
	return Number.isFinite(value) && value >= 0 ? Math.min(value, max) : fallback;
}

/** A real, tiny PNG (4×4, one colour), built here so the server needs no binary file. */
function tinyPng(): Buffer {
	const crcTable = Array.from({length: 256}, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc32 = (data: Buffer): number => {
		let c = 0xffffffff;
		for (const byte of data) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (kind: string, data: Buffer): Buffer => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(kind, 'ascii'), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body));
		return Buffer.concat([length, body, crc]);
	};
	const size = 4;
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header.set([8, 2, 0, 0, 0], 8); // 8 bit, truecolour, deflate, no filter method, no interlace
	const row = Buffer.from([0, ...Array.from({length: size}, () => [0x2e, 0x7d, 0x32]).flat()]);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(Buffer.concat(Array.from({length: size}, () => row)))),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/** A gzip body that inflates to `mb` MB of whitespace after an XML prologue. */
function buildGzipBomb(mb: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const gzip = createGzip({level: 9});
		const output: Buffer[] = [];
		gzip.on('data', (chunk: Buffer) => output.push(chunk));
		gzip.on('end', () => resolve(Buffer.concat(output)));
		gzip.on('error', reject);
		gzip.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bombe</title>');
		const spaces = Buffer.alloc(MEGABYTE, 0x20);
		let written = 0;
		const pump = (): void => {
			while (written < mb) {
				written++;
				if (!gzip.write(spaces)) {
					gzip.once('drain', pump);
					return;
				}
			}
			gzip.end();
		};
		pump();
	});
}

function gzipBomb(mb: number): Promise<Buffer> {
	let bomb = bombCache.get(mb);
	if (!bomb) {
		bomb = buildGzipBomb(mb);
		bombCache.set(mb, bomb);
	}
	return bomb;
}

/** Starts the fixture server; see `FixtureServer`. */
export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
	const host = options.host ?? '127.0.0.1';
	const latencyMs = options.latencyMs ?? 0;
	const recordRequests = options.recordRequests ?? true;
	const routes = loadRoutes();
	const customRoutes = new Map<string, RouteHandler | StaticResponse>();
	// Keyed by url path; filled lazily from disk, replaced by bump(), emptied by resetRoutes().
	const files = new Map<string, FileState>();
	const rendered = new Map<string, Rendered>();
	const bumpCounts = new Map<string, number>();
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	const requests: RequestLog[] = [];
	const png = tinyPng();
	let closed = false;
	let base = '';

	// Timers die with close(); a sleeping handler then simply never wakes up, and its socket is destroyed.
	const sleep = (ms: number): Promise<void> =>
		new Promise(resolve => {
			if (closed) return;
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});

	const fileState = (urlPath: string): FileState | null => {
		const known = files.get(urlPath);
		if (known) return known;
		const route = routes[urlPath];
		let entry: RouteEntry | null = null;
		if (route) {
			entry = route;
		} else {
			const file = resolveStaticFile(urlPath);
			if (file && isFile(file)) {
				const type = TYPES_BY_EXTENSION[path.extname(file)] ?? 'application/octet-stream';
				entry = {file: path.relative(FIXTURE_SITE_ROOT, file), type};
			}
		}
		if (!entry) return null;
		const state: FileState = {
			route: entry,
			template: readFileSync(path.join(FIXTURE_SITE_ROOT, entry.file)),
			lastModified: SITE_LAST_MODIFIED,
		};
		files.set(urlPath, state);
		return state;
	};

	const render = (urlPath: string, state: FileState): Rendered => {
		let result = rendered.get(urlPath);
		if (!result) {
			const body = replaceBase(state.template, base);
			result = {body, etag: etagOf(body), gzipped: null};
			rendered.set(urlPath, result);
		}
		return result;
	};

	const isNotModified = (request: IncomingMessage, etag: string, lastModified: Date): boolean => {
		const ifNoneMatch = request.headers['if-none-match'];
		// If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 13.2.2).
		if (ifNoneMatch !== undefined) {
			return ifNoneMatch.split(',').some(tag => {
				const trimmed = tag.trim().replace(/^W\//, '');
				return trimmed === '*' || trimmed === etag;
			});
		}
		const ifModifiedSince = request.headers['if-modified-since'];
		if (ifModifiedSince === undefined) return false;
		const since = Date.parse(ifModifiedSince);
		return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
	};

	const sendFile = (request: IncomingMessage, response: ServerResponse, urlPath: string, state: FileState, extraHeaders: Record<string, string> = {}): void => {
		const result = render(urlPath, state);
		const validators = {ETag: result.etag, 'Last-Modified': state.lastModified.toUTCString()};
		if (isNotModified(request, result.etag, state.lastModified)) {
			response.writeHead(304, {...validators, ...extraHeaders});
			response.end();
			return;
		}
		const type = state.route.type;
		const compressible = !type.startsWith('image/') && result.body.length > 1024;
		const wantsGzip = compressible && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
		let body = result.body;
		const headers: Record<string, string | number> = {'Content-Type': type, ...validators, ...state.route.headers, ...extraHeaders};
		if (compressible) headers['Vary'] = 'Accept-Encoding';
		if (wantsGzip) {
			result.gzipped ??= gzipSync(result.body);
			body = result.gzipped;
			headers['Content-Encoding'] = 'gzip';
		}
		headers['Content-Length'] = body.length;
		response.writeHead(200, headers);
		response.end(request.method === 'HEAD' ? undefined : body);
	};

	const sendText = (response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void => {
		const body = Buffer.from(text, 'utf8');
		response.writeHead(status, {'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': body.length, ...headers});
		response.end(body);
	};

	const redirect = (response: ServerResponse, status: number, location: string): void => {
		sendText(response, status, `<!DOCTYPE html><title>Umgezogen</title><p>Diese Seite ist umgezogen: <a href="${location}">${location}</a></p>`, {Location: location});
	};

	const feedState = (): FileState => {
		const state = fileState(fixturePaths.kreidezeit.feed);
		if (!state) throw new Error('routes.json lacks /kreidezeit/feed/');
		return state;
	};

	const streamBig = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
		const total = Math.floor(numberParameter(url, 'mb', 1, MAX_BIG_MB) * MEGABYTE);
		const head = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n<title>Riesenfeed</title>\n<link>${base}/big</link>\n<description>Ein absichtlich übergroßer Feed</description>\n`);
		const tail = Buffer.from('</channel>\n</rss>\n');
		const item = (n: number): string => {
			const number = String(n).padStart(9, '0');
			return `<item><title>Eintrag ${number}</title><guid isPermaLink="false">big-${number}</guid><description>Füllmaterial für den Größentest, Zeile ${number}.</description></item>\n`;
		};
		const itemLength = Buffer.byteLength(item(0));
		const middle = Math.max(0, total - head.length - tail.length);
		const count = Math.floor(middle / itemLength);
		const padding = middle - count * itemLength;
		const headers: Record<string, string | number> = {'Content-Type': 'application/rss+xml; charset=UTF-8'};
		if (url.searchParams.get('chunked') !== '1') headers['Content-Length'] = head.length + middle + tail.length;
		response.writeHead(200, headers);
		if (request.method === 'HEAD') {
			response.end();
			return;
		}
		const write = async (chunk: Buffer | string): Promise<boolean> => {
			if (closed || response.destroyed) return false;
			if (!response.write(chunk)) {
				await new Promise<void>(resolve => {
					const done = (): void => {
						response.off('drain', done);
						response.off('close', done);
						resolve();
					};
					response.on('drain', done);
					response.on('close', done);
				});
			}
			return !closed && !response.destroyed;
		};
		if (!(await write(head))) return;
		const batch = 512;
		for (let n = 0; n < count; n += batch) {
			const lines: string[] = [];
			for (let k = n; k < Math.min(count, n + batch); k++) lines.push(item(k));
			if (!(await write(lines.join('')))) return;
		}
		if (padding > 0 && !(await write(Buffer.alloc(padding, 0x20)))) return;
		response.end(tail);
	};

	const trickle = (response: ServerResponse): void => {
		response.writeHead(200, {'Content-Type': 'application/rss+xml; charset=UTF-8'});
		response.write('<');
		const timer = setInterval(() => {
			if (response.destroyed) {
				clearInterval(timer);
				timers.delete(timer);
				return;
			}
			response.write(' ');
		}, 1000);
		timers.add(timer);
		response.on('close', () => {
			clearInterval(timer);
			timers.delete(timer);
		});
	};

	/** The built-in test routes; returns false when `url` is none of them. */
	const handleSpecial = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> => {
		const route = url.pathname;
		const feed = fixturePaths.kreidezeit.feed;
		let match: RegExpMatchArray | null;
		if ((match = route.match(/^\/redirect\/permanent(?:\/(\d+))?\/?$/))) {
			const hops = Math.min(Number(match[1] ?? 1), MAX_REDIRECT_HOPS);
			// Absolute Location here, relative below: clients must handle both.
			redirect(response, 301, hops <= 1 ? `${base}${feed}` : `${base}/redirect/permanent/${hops - 1}`);
		} else if (route === '/redirect/permanent-308') {
			redirect(response, 308, `${base}${feed}`);
		} else if (route === '/redirect/temporary') {
			redirect(response, 302, feed);
		} else if (route === '/redirect/mixed') {
			redirect(response, 301, '/redirect/temporary');
		} else if (route === '/redirect/loop') {
			redirect(response, 302, '/redirect/loop/b');
		} else if (route === '/redirect/loop/b') {
			redirect(response, 302, '/redirect/loop');
		} else if ((match = route.match(/^\/status\/(\d{3})$/))) {
			const status = Number(match[1]);
			const headers: Record<string, string> = status === 429 || status === 503 ? {'Retry-After': '120'} : {};
			if (status === 204 || status === 304 || status < 200) {
				response.writeHead(status, headers);
				response.end();
			} else {
				sendText(response, status, `<!DOCTYPE html><title>Fehler ${status}</title><h1>Fehler ${status}</h1><p>Das hat leider nicht geklappt.</p>`, headers);
			}
		} else if (route === '/slow') {
			await sleep(numberParameter(url, 'ms', 1000, MAX_SLOW_MS));
			sendFile(request, response, feed, feedState());
		} else if (route === '/cache/max-age') {
			sendFile(request, response, feed, feedState(), {'Cache-Control': `max-age=${numberParameter(url, 's', 3600, 86_400 * 365)}`});
		} else if (route === '/trickle') {
			trickle(response);
		} else if (route === '/big') {
			await streamBig(request, response, url);
		} else if (route === '/gzip-bomb') {
			const body = await gzipBomb(numberParameter(url, 'mb', 64, MAX_BOMB_MB));
			if (closed || response.destroyed) return true;
			response.writeHead(200, {'Content-Type': 'application/rss+xml; charset=UTF-8', 'Content-Encoding': 'gzip', 'Content-Length': body.length});
			response.end(request.method === 'HEAD' ? undefined : body);
		} else if (route === '/image.png') {
			response.writeHead(200, {'Content-Type': 'image/png', 'Content-Length': png.length, ETag: etagOf(png), 'Last-Modified': SITE_LAST_MODIFIED.toUTCString()});
			response.end(request.method === 'HEAD' ? undefined : png);
		} else {
			return false;
		}
		return true;
	};

	const sendStatic = (response: ServerResponse, canned: StaticResponse): void => {
		const body = typeof canned.body === 'string' ? replaceBase(Buffer.from(canned.body, 'utf8'), base) : (canned.body ?? Buffer.alloc(0));
		response.writeHead(canned.status ?? 200, {'Content-Length': body.length, ...canned.headers});
		response.end(body);
	};

	const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
		const url = new URL(request.url ?? '/', base);
		if (recordRequests) {
			const entry: {method: string; path: string; headers: IncomingHttpHeaders; status: number | null} = {
				method: request.method ?? 'GET',
				path: request.url ?? '/',
				headers: request.headers,
				status: null,
			};
			requests.push(entry);
			// writeHead is also what an implicit header (write() without writeHead) goes through.
			const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
			response.writeHead = ((...args: unknown[]) => {
				const result = writeHead(...args);
				entry.status = response.statusCode;
				return result;
			}) as typeof response.writeHead;
		}
		if (latencyMs > 0) await sleep(latencyMs);
		const custom = customRoutes.get(request.url ?? '/') ?? customRoutes.get(url.pathname);
		if (custom) {
			if (typeof custom === 'function') await custom(request, response);
			else sendStatic(response, custom);
			return;
		}
		if (await handleSpecial(request, response, url)) return;
		const state = fileState(url.pathname);
		if (state) {
			sendFile(request, response, url.pathname, state);
			return;
		}
		// Like WordPress and every other web server: a directory without its slash gets one.
		const file = resolveStaticFile(url.pathname);
		if (!url.pathname.endsWith('/') && ((file && isDirectoryWithIndex(file)) || routes[`${url.pathname}/`])) {
			redirect(response, 301, `${url.pathname}/${url.search}`);
			return;
		}
		sendText(response, 404, '<!DOCTYPE html><title>Seite nicht gefunden</title><h1>Huch – diese Seite gibt es nicht.</h1>');
	};

	const server = createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			if (response.headersSent) {
				response.destroy();
				return;
			}
			sendText(response, 500, `<!DOCTYPE html><title>Serverfehler</title><pre>${String(error)}</pre>`);
		});
	});
	server.on('connection', socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

	return {
		url: base,
		port,
		requests,
		close() {
			closed = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			const stopped = new Promise<void>(resolve => server.close(() => resolve()));
			for (const socket of sockets) socket.destroy();
			server.closeAllConnections();
			return stopped;
		},
		setRoute(routePath, route) {
			customRoutes.set(routePath, route);
		},
		resetRoutes() {
			customRoutes.clear();
			files.clear();
			rendered.clear();
			bumpCounts.clear();
		},
		bump(routePath, change) {
			const state = fileState(routePath);
			if (!state) throw new Error(`bump: no file route for ${routePath}`);
			const count = (bumpCounts.get(routePath) ?? 0) + 1;
			bumpCounts.set(routePath, count);
			// latin1 is a byte-exact round trip, which also keeps windows-1252 bytes intact.
			const encoding = state.route.encoding === 'latin1' ? 'latin1' : 'utf8';
			const text = state.template.toString(encoding);
			const changed = change ? change(text) : addNewEntry(text, routePath, count, state.route.type);
			// Last-Modified has one-second resolution: a bump must move it by at least that.
			const now = Math.floor(Date.now() / 1000) * 1000;
			const lastModified = new Date(Math.max(now, state.lastModified.getTime() + 1000));
			files.set(routePath, {route: state.route, template: Buffer.from(changed, encoding), lastModified});
			rendered.delete(routePath);
		},
	};
}
