/**
 * The HTTP transport of account clients: one request, one bounded answer, failures as
 * values. Separate from the feed client (source/feeds/http.ts), which only GETs feeds with
 * validators and per-host politeness; APIs need POST bodies and auth headers instead.
 * Every message passes through `redact`, so a password (or a token derived from it) that
 * a server echoes in an error, or that sits in a url, never reaches the user or a log.
 */
import {failed, type Failure} from '../failure.js';
import {describeNetworkError, findErrorCode} from '../feeds/http.js';
import {sanitizeLine} from '../text/sanitize.js';
import {blankSecrets} from './secrets.js';

export interface ApiRequest {
	readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	readonly url: string;
	readonly headers?: Readonly<Record<string, string>>;
	/** A string is sent as it is (set its content type); URLSearchParams as a form. */
	readonly body?: string | URLSearchParams;
}

export interface ApiResponse {
	readonly status: number;
	readonly headers: Headers;
	readonly text: string;
}

export interface Transport {
	request(request: ApiRequest): Promise<ApiResponse | Failure>;
	/** Adds a secret (a session id, an auth token) that must never be shown. */
	addSecret(secret: string): void;
	/** The text with every known secret replaced by `•••`: for messages built outside the transport. */
	redact(text: string): string;
}

export interface TransportOptions {
	readonly userAgent: string;
	readonly timeoutMs: number;
	/** An answer larger than this is refused: a server is untrusted like any feed. */
	readonly maxBytes: number;
	/** The password and anything else never to be shown. */
	readonly secrets?: readonly string[];
}

export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = {
	userAgent: 'blogroll (feed reader; account sync)',
	timeoutMs: 30_000,
	maxBytes: 64 * 1024 * 1024,
};

export function createTransport(options: TransportOptions): Transport {
	const secrets = new Set<string>((options.secrets ?? []).filter(secret => secret.length > 0));
	const redact = (text: string): string => blankSecrets(text, secrets);
	const fail = (reason: string, message: string, url: string, code?: string): Failure =>
		failed(reason, sanitizeLine(redact(message)), code === undefined ? {url: redact(originOf(url))} : {url: redact(originOf(url)), code});

	return {
		addSecret(secret) {
			if (secret.length > 0) secrets.add(secret);
		},
		redact,
		async request(request) {
			const origin = originOf(request.url);
			let response: Response;
			const signal = AbortSignal.timeout(options.timeoutMs);
			try {
				response = await fetch(request.url, {
					method: request.method,
					headers: {'user-agent': options.userAgent, ...request.headers},
					...(request.body === undefined ? {} : {body: request.body}),
					signal,
					redirect: 'follow',
				});
			} catch (error) {
				if (signal.aborted) return fail('account-timeout', `${origin}: no answer within ${Math.round(options.timeoutMs / 1000)} s`, request.url, 'timeout');
				const code = findErrorCode(error) ?? undefined;
				return fail('account-unreachable', `${origin}: ${describeNetworkError(error)}`, request.url, code);
			}
			const declared = Number(response.headers.get('content-length') ?? '0');
			if (declared > options.maxBytes) {
				await response.body?.cancel().catch(() => undefined);
				return fail('account-server', `${origin}: the answer is larger than ${Math.round(options.maxBytes / 1024 / 1024)} MB`, request.url);
			}
			try {
				const chunks: Buffer[] = [];
				let size = 0;
				if (response.body !== null) {
					for await (const chunk of response.body) {
						size += (chunk as Uint8Array).byteLength;
						if (size > options.maxBytes) {
							return fail('account-server', `${origin}: the answer is larger than ${Math.round(options.maxBytes / 1024 / 1024)} MB`, request.url);
						}
						chunks.push(Buffer.from(chunk as Uint8Array));
					}
				}
				return {status: response.status, headers: response.headers, text: Buffer.concat(chunks).toString('utf8')};
			} catch (error) {
				if (signal.aborted) return fail('account-timeout', `${origin}: no answer within ${Math.round(options.timeoutMs / 1000)} s`, request.url, 'timeout');
				return fail('account-unreachable', `${origin}: ${describeNetworkError(error)}`, request.url, findErrorCode(error) ?? undefined);
			}
		},
	};
}

/** `https://news.example.org` of a url (no path, no user info): how messages name a server. */
export function originOf(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return sanitizeLine(url).slice(0, 80);
	}
}

/** The JSON of an answer, or a Failure naming the server when it is not JSON (a login page, a proxy error). */
export function parseJson(response: ApiResponse, url: string): unknown {
	try {
		return JSON.parse(response.text) as unknown;
	} catch {
		return failed('account-server', `${originOf(url)}: the answer is not the API's JSON (HTTP ${response.status})`, {url: originOf(url), status: response.status});
	}
}
