/**
 * The one shared HTTP client. Every request blogroll makes goes through here, so that the
 * limits (time, size, redirects, concurrency) hold everywhere and every expected failure
 * comes back as a value with one sanitized line that names the url.
 *
 * Retry policy: one retry after `retryDelayMs` on network errors (refused, reset, DNS)
 * and on 5xx, except a 503 that carries Retry-After (the server told us when to come
 * back). No retry on 4xx, on a timeout (the time budget is spent; a second try would
 * double the wait for a dead server), on too-large, or on redirect problems.
 * Each attempt gets its own total time budget, which covers all redirect hops and the body.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {setFlagsFromString} from 'node:v8';
import pLimit, {type LimitFunction} from 'p-limit';
import type {FailureParams} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {CHALLENGE_SNIFF_BYTES, isChallengePage} from './challenge.js';
import type {HttpClient, HttpFailure, HttpOptions, HttpRequest, HttpResult, HttpTrace, RedirectHop} from './http-types.js';

const VERSION = process.env.BLOGROLL_VERSION ?? '0.1.0';

/** What a feed fetch accepts unless the request says otherwise. */
export const FEED_ACCEPT =
	'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8';

export const DEFAULT_HTTP_OPTIONS: HttpOptions = {
	connectTimeoutMs: 10_000,
	totalTimeoutMs: 30_000,
	maxBytes: 10 * 1024 * 1024,
	maxRedirects: 5,
	userAgent: `blogroll/${VERSION} (+https://github.com/blogroll-reader/blogroll)`,
	// Per-host politeness is the limit that matters to a site; this one only bounds our own
	// sockets. With ~100 ms per answer, 500 feeds need 3 s of waiting at 16, 1.6 s at 32.
	globalLimit: 32,
	perHostLimit: 2,
	retryDelayMs: 1000,
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECTS = new Set([301, 308]);

/** One attempt's outcome; `retryable` tells `get` whether a second attempt may help. */
interface Attempt {
	readonly result: HttpResult;
	readonly retryable: boolean;
}

/**
 * Node's fetch parses HTTP with llhttp compiled to WebAssembly on first use. V8 compiles it
 * twice, quickly (Liftoff) and then optimised (TurboFan), and the optimising compile alone
 * raises the peak RSS by ~20–30 MB, for parsing that is a sliver of a refresh's CPU (issue 18:
 * a cold refresh of 100 feeds peaked at 187 MB instead of 207, with the same CPU time).
 * For the `refresh` command only, before its first request: the flag holds for all
 * WebAssembly of the process, and the reader lays out every frame with yoga's.
 */
let wasmTierSet = false;
export function keepWasmUnoptimized(): void {
	if (wasmTierSet) return;
	wasmTierSet = true;
	setFlagsFromString('--liftoff-only');
}

export function createHttpClient(options: Partial<HttpOptions> = {}): HttpClient {
	const settings: HttpOptions = {...DEFAULT_HTTP_OPTIONS, ...options};
	const globalLimit = pLimit(settings.globalLimit);
	// One limiter per host, counted by the requests that hold or wait for it, and dropped
	// when the last one is done so that a long session does not keep one per site forever.
	const hostLimits = new Map<string, {readonly limit: LimitFunction; users: number}>();

	async function get(request: HttpRequest): Promise<HttpResult> {
		let start: URL;
		try {
			start = new URL(request.url);
		} catch {
			return httpFailure('bad-url', `Not a url: ${request.url}`, {url: sanitizeLine(request.url), problem: 'malformed'});
		}
		if (!isHttpUrl(start)) {
			return httpFailure('unsupported-protocol', `${displayUrl(start)}: only http and https are supported, not ${start.protocol}`, {url: sanitizeLine(displayUrl(start)), target: sanitizeLine(start.protocol)});
		}
		const credentials = takeCredentials(start);
		if (credentials === 'malformed') return httpFailure('bad-url', `${displayUrl(start)}: the user name or password in the url is malformed`, {url: sanitizeLine(displayUrl(start)), problem: 'credentials'});
		const host = start.host;
		let entry = hostLimits.get(host);
		if (entry === undefined) {
			entry = {limit: pLimit(settings.perHostLimit), users: 0};
			hostLimits.set(host, entry);
		}
		entry.users += 1;
		try {
			// The host slot is taken first and the global slot inside it, so a request queued
			// behind a busy host never sits on one of the global slots.
			return await entry.limit(() =>
				globalLimit(async () => {
					const first = await tracedAttempt(request, displayUrl(start), start, credentials, settings);
					if (!first.retryable) return first.result;
					await sleep(settings.retryDelayMs);
					return (await tracedAttempt(request, displayUrl(start), start, credentials, settings)).result;
				}),
			);
		} finally {
			entry.users -= 1;
			if (entry.users === 0) hostLimits.delete(host);
		}
	}

	return {get};
}

/** What `attempt` notes on the way, for the trace (feed health). */
interface TraceDraft {
	readonly redirects: RedirectHop[];
	wireBytes: number | null;
	bodyBytes: number | null;
	contentType: string | null;
	challenge: boolean;
}

/** One attempt with its trace on the result: a few fields, no extra work on the wire. */
async function tracedAttempt(request: HttpRequest, original: string, start: URL, credentials: Credentials | null, settings: HttpOptions): Promise<Attempt> {
	const started = performance.now();
	const draft: TraceDraft = {redirects: [], wireBytes: null, bodyBytes: null, contentType: null, challenge: false};
	const done = await attempt(request, original, start, credentials, settings, draft);
	const trace: HttpTrace = {
		...draft,
		durationMs: Math.round(performance.now() - started),
		sentEtag: Boolean(request.etag && isHeaderValue(request.etag)),
		sentLastModified: Boolean(request.lastModified && isHeaderValue(request.lastModified)),
	};
	return {...done, result: {...done.result, trace}};
}

/** One attempt: follows redirects by hand and reads the body under the limits. */
async function attempt(request: HttpRequest, original: string, start: URL, credentials: Credentials | null, clientSettings: HttpOptions, trace: TraceDraft): Promise<Attempt> {
	// A request may only tighten the client's limits, never loosen them.
	const settings: HttpOptions = {
		...clientSettings,
		maxBytes: Math.min(clientSettings.maxBytes, request.maxBytes ?? Number.POSITIVE_INFINITY),
		totalTimeoutMs: Math.min(clientSettings.totalTimeoutMs, request.totalTimeoutMs ?? Number.POSITIVE_INFINITY),
	};
	const controller = new AbortController();
	let timedOut: 'connect' | 'total' | 'cancelled' | null = null;
	// The caller's signal ends the attempt like a timeout does, but never retried.
	const onCancel = () => {
		timedOut ??= 'cancelled';
		controller.abort();
	};
	if (request.signal?.aborted) onCancel();
	else request.signal?.addEventListener('abort', onCancel, {once: true});
	const totalTimer = setTimeout(() => {
		timedOut ??= 'total';
		controller.abort();
	}, settings.totalTimeoutMs);
	const timeoutFailure = (): Attempt => ({
		result:
			timedOut === 'cancelled'
				? httpFailure('aborted', `${original}: cancelled`, {url: original})
				: timedOut === 'connect'
				? httpFailure('timeout', `${original}: no answer within ${formatSeconds(settings.connectTimeoutMs)}`, {url: original, problem: 'connect', seconds: settings.connectTimeoutMs / 1000})
				: httpFailure('timeout', `${original}: no complete answer within ${formatSeconds(settings.totalTimeoutMs)}`, {url: original, problem: 'total', seconds: settings.totalTimeoutMs / 1000}),
		retryable: false,
	});

	try {
		const visited = new Set<string>([start.href]);
		let current = start;
		let allPermanent = true;
		let hops = 0;
		for (;;) {
			const headers: Record<string, string> = {
				'User-Agent': request.userAgent && isHeaderValue(request.userAgent) ? request.userAgent : settings.userAgent,
				Accept: request.accept ?? FEED_ACCEPT,
			};
			// Validators come back from storage; one that fetch would refuse is dropped, not fatal.
			if (request.etag && isHeaderValue(request.etag)) headers['If-None-Match'] = request.etag;
			if (request.lastModified && isHeaderValue(request.lastModified)) headers['If-Modified-Since'] = request.lastModified;
			// Credentials from the url go only to the origin they were given for.
			if (credentials !== null && current.origin === credentials.origin) headers.Authorization = credentials.authorization;

			// The connect timer stands in for a real connect timeout: it fires when the
			// response headers have not arrived in time, which covers DNS, TCP, TLS and a
			// server that accepts but never answers.
			const connectTimer = setTimeout(() => {
				timedOut ??= 'connect';
				controller.abort();
			}, settings.connectTimeoutMs);
			let response: Response;
			try {
				response = await fetch(current, {headers, redirect: 'manual', signal: controller.signal});
			} catch (error) {
				if (timedOut !== null) return timeoutFailure();
				return {result: httpFailure('network', `${original}: ${describeNetworkError(error)}`, networkParams(original, error)), retryable: true};
			} finally {
				clearTimeout(connectTimer);
			}

			const status = response.status;
			const where = current.href === start.href ? original : `${original} (redirected to ${displayUrl(current)})`;

			if (REDIRECT_STATUSES.has(status)) {
				await discardBody(response);
				const location = response.headers.get('location');
				if (location === null || location.trim() === '') {
					return {result: httpFailure(`http-${status}`, `${where}: HTTP ${status} redirect without a Location`, {url: original, status, problem: 'no-location'}, status), retryable: false};
				}
				let next: URL;
				try {
					next = new URL(location.trim(), current);
				} catch {
					return {result: httpFailure('bad-url', `${where}: redirected to an invalid url: ${sanitizeLine(location)}`, {url: original, problem: 'redirect', target: sanitizeLine(location)}, status), retryable: false};
				}
				if (!isHttpUrl(next)) {
					return {
						result: httpFailure('unsupported-protocol', `${where}: redirected to ${sanitizeLine(next.href)}, only http and https are supported`, {url: original, problem: 'redirect', target: sanitizeLine(next.protocol)}, status),
						retryable: false,
					};
				}
				next.hash = '';
				if (visited.has(next.href)) {
					return {result: httpFailure('redirect-loop', `${original}: redirect loop at ${sanitizeLine(next.href)}`, {url: original, target: sanitizeLine(next.href)}, status), retryable: false};
				}
				hops += 1;
				if (hops > settings.maxRedirects) {
					return {result: httpFailure('too-many-redirects', `${original}: more than ${settings.maxRedirects} redirects`, {url: original, count: settings.maxRedirects}, status), retryable: false};
				}
				if (!PERMANENT_REDIRECTS.has(status)) allPermanent = false;
				trace.redirects.push({status, url: sanitizeLine(displayUrl(next))});
				visited.add(next.href);
				current = next;
				continue;
			}

			const answer = {
				url: current.href,
				permanentUrl: hops > 0 && allPermanent ? withCredentials(current, credentials) : null,
				maxAgeSeconds: parseMaxAge(response.headers),
			};

			if (status === 304) {
				await discardBody(response);
				return {
					result: {
						kind: 'not-modified',
						status: 304,
						...answer,
						// A 304 may omit the validators; the ones we sent still hold.
						etag: response.headers.get('etag') ?? request.etag ?? null,
						lastModified: response.headers.get('last-modified') ?? request.lastModified ?? null,
					},
					retryable: false,
				};
			}

			trace.contentType = response.headers.get('content-type');
			if (status < 200 || status > 299) {
				// A bot wall answers 403/429/503 with a challenge page: its start tells it from
				// the site's own error page. Other error bodies are not read.
				if (status === 403 || status === 429 || status === 503) trace.challenge = isChallengePage(await readHead(response, CHALLENGE_SNIFF_BYTES));
				else await discardBody(response);
				const retryAfter = status === 429 || status === 503 ? parseRetryAfter(response.headers.get('retry-after')) : null;
				const statusText = sanitizeLine(response.statusText);
				const failure = httpFailure(`http-${status}`, `${where}: HTTP ${status}${statusText === '' ? '' : ` ${statusText}`}`, {url: original, status, statusText}, status, retryAfter);
				return {result: failure, retryable: status >= 500 && retryAfter === null};
			}

			if (request.beforeBody !== undefined) await request.beforeBody();
			const body = await readLimited(response, settings.maxBytes, controller);
			if (body === 'too-large') {
				return {result: httpFailure('too-large', `${where}: larger than ${formatBytes(settings.maxBytes)}`, {url: original, bytes: settings.maxBytes}, status), retryable: false};
			}
			if (body instanceof Error) {
				if (timedOut !== null) return timeoutFailure();
				return {result: httpFailure('network', `${where}: ${describeNetworkError(body)}`, networkParams(original, body), status), retryable: true};
			}
			trace.bodyBytes = body.byteLength;
			trace.wireBytes = wireBytes(response.headers, body.byteLength);
			return {
				result: {
					kind: 'ok',
					status,
					...answer,
					body,
					contentType: response.headers.get('content-type'),
					link: response.headers.get('link'),
					etag: response.headers.get('etag'),
					lastModified: response.headers.get('last-modified'),
				},
				retryable: false,
			};
		}
	} finally {
		clearTimeout(totalTimer);
		request.signal?.removeEventListener('abort', onCancel);
	}
}

/**
 * Streams the body and stops as soon as it passes `maxBytes`, so that a huge or endless
 * answer is never buffered. fetch has already undone gzip/deflate/br, so the cap counts
 * decompressed bytes and a compression bomb is cut as well.
 */
async function readLimited(response: Response, maxBytes: number, controller: AbortController): Promise<Buffer | 'too-large' | Error> {
	const declared = Number(response.headers.get('content-length'));
	// Content-Length is only the decompressed size when nothing is compressed.
	if (response.headers.get('content-encoding') === null && Number.isFinite(declared) && declared > maxBytes) {
		controller.abort();
		return 'too-large';
	}
	if (response.body === null) return Buffer.alloc(0);
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	try {
		for (;;) {
			const {done, value} = await reader.read();
			if (done) break;
			total += value.byteLength;
			if (total > maxBytes) {
				controller.abort();
				await reader.cancel().catch(() => undefined);
				return 'too-large';
			}
			chunks.push(value);
		}
	} catch (error) {
		return error instanceof Error ? error : new Error(String(error));
	}
	return Buffer.concat(chunks, total);
}

/** The first `limit` bytes of a body as latin1 text (markers are ASCII); the rest is dropped. */
async function readHead(response: Response, limit: number): Promise<string> {
	if (response.body === null) return '';
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	try {
		while (total < limit) {
			const {done, value} = await reader.read();
			if (done) break;
			chunks.push(value);
			total += value.byteLength;
		}
	} catch {
		// A broken error page is still an error page.
	} finally {
		await reader.cancel().catch(() => undefined);
	}
	return Buffer.concat(chunks).toString('latin1', 0, Math.min(total, limit));
}

/** Compressed size from Content-Length when the body was content-encoded, else the body's size. */
function wireBytes(headers: Headers, bodyBytes: number): number | null {
	if (headers.get('content-encoding') === null) return bodyBytes;
	const declared = Number(headers.get('content-length'));
	return Number.isFinite(declared) && declared > 0 ? declared : null;
}

async function discardBody(response: Response): Promise<void> {
	await response.body?.cancel().catch(() => undefined);
}

/** Basic auth taken out of a `https://user:password@host/feed` url. */
interface Credentials {
	readonly origin: string;
	readonly authorization: string;
	/** As written in the url (percent-encoded), to put back into a permanent new url. */
	readonly username: string;
	readonly password: string;
}

/**
 * fetch refuses urls with credentials, so they move into an Authorization header (and
 * out of the url, which is changed in place).
 */
function takeCredentials(url: URL): Credentials | null | 'malformed' {
	if (url.username === '' && url.password === '') return null;
	let user: string;
	let password: string;
	try {
		user = decodeURIComponent(url.username);
		password = decodeURIComponent(url.password);
	} catch {
		return 'malformed';
	}
	const written = {username: url.username, password: url.password};
	url.username = '';
	url.password = '';
	return {origin: url.origin, authorization: `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`, ...written};
}

/** The url to store after a permanent move: the credentials stay with their origin. */
function withCredentials(url: URL, credentials: Credentials | null): string {
	if (credentials === null || url.origin !== credentials.origin) return url.href;
	const stored = new URL(url.href);
	stored.username = credentials.username;
	stored.password = credentials.password;
	return stored.href;
}

/** A url for messages: never shows a password. */
function displayUrl(url: URL): string {
	if (url.password === '') return url.href;
	const shown = new URL(url.href);
	shown.password = '***';
	return shown.href;
}

function isHeaderValue(value: string): boolean {
	return /^[\t\x20-\x7E\x80-\xFF]*$/.test(value);
}

function isHttpUrl(url: URL): boolean {
	return url.protocol === 'http:' || url.protocol === 'https:';
}

function httpFailure(reason: string, message: string, params: FailureParams, status: number | null = null, retryAfterSeconds: number | null = null): HttpFailure {
	return {kind: 'failed', reason, message: sanitizeLine(message), params, status, retryAfterSeconds};
}

/** The url and, when there is one, the system's error code: the reader words it in its language. */
function networkParams(url: string, error: unknown): FailureParams {
	const code = findErrorCode(error);
	return code === null ? {url} : {url, code: sanitizeLine(code)};
}

const NETWORK_ERROR_TEXT: Readonly<Record<string, string>> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host not found (DNS lookup failed)',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ETIMEDOUT: 'connection timed out',
	EPIPE: 'connection closed',
	UND_ERR_SOCKET: 'connection closed by the server',
	UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
	UND_ERR_HEADERS_OVERFLOW: 'response headers too large',
	CERT_HAS_EXPIRED: 'TLS certificate has expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
	SELF_SIGNED_CERT_IN_CHAIN: 'self-signed TLS certificate in chain',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate cannot be verified',
	ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate is for another host',
};

/** undici wraps the system error in `cause` (sometimes an AggregateError per address). */
export function describeNetworkError(error: unknown): string {
	const code = findErrorCode(error);
	if (code !== null) return NETWORK_ERROR_TEXT[code] ?? `network error (${code})`;
	const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
	return cause instanceof Error && cause.message !== '' ? `network error (${cause.message})` : 'network error';
}

export function findErrorCode(error: unknown, depth = 0): string | null {
	if (typeof error !== 'object' || error === null || depth > 4) return null;
	const {code, cause, errors} = error as {code?: unknown; cause?: unknown; errors?: unknown};
	if (typeof code === 'string' && code !== 'ABORT_ERR') return code;
	const fromCause = findErrorCode(cause, depth + 1);
	if (fromCause !== null) return fromCause;
	if (Array.isArray(errors)) {
		for (const inner of errors) {
			const found = findErrorCode(inner, depth + 1);
			if (found !== null) return found;
		}
	}
	return null;
}

/**
 * Freshness in seconds: Cache-Control max-age (s-maxage is for shared caches, ignored),
 * no-cache/no-store mean 0; else Expires minus Date (or now). Null when the server says nothing.
 */
export function parseMaxAge(headers: Headers, now: number = Date.now()): number | null {
	const cacheControl = headers.get('cache-control');
	if (cacheControl !== null) {
		const directives = cacheControl.split(',').map((part) => part.trim().toLowerCase());
		if (directives.some((directive) => directive === 'no-cache' || directive === 'no-store')) return 0;
		for (const directive of directives) {
			const match = /^max-age\s*=\s*"?(\d+)"?$/.exec(directive);
			if (match?.[1] !== undefined) return Number.parseInt(match[1], 10);
		}
	}
	const expires = headers.get('expires');
	if (expires !== null) {
		const expiresAt = Date.parse(expires);
		// An invalid Expires (often "0" or "-1") means "already expired" (RFC 9111 5.3).
		if (Number.isNaN(expiresAt)) return 0;
		const dateHeader = headers.get('date');
		const serverNow = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
		const base = Number.isNaN(serverNow) ? now : serverNow;
		return Math.max(0, Math.round((expiresAt - base) / 1000));
	}
	return null;
}

/** Retry-After as delta seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
	if (value === null) return null;
	const text = value.trim();
	if (/^\d+$/.test(text)) return Number.parseInt(text, 10);
	const at = Date.parse(text);
	if (Number.isNaN(at)) return null;
	return Math.max(0, Math.ceil((at - now) / 1000));
}

function formatSeconds(ms: number): string {
	const seconds = ms / 1000;
	return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
	if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
	return `${bytes} bytes`;
}
