import type {Failure} from '../failure.js';

/** Limits of the one shared HTTP client. Defaults in DEFAULT_HTTP_OPTIONS. */
export interface HttpOptions {
	readonly connectTimeoutMs: number;
	readonly totalTimeoutMs: number;
	readonly maxBytes: number;
	readonly maxRedirects: number;
	readonly userAgent: string;
	readonly globalLimit: number;
	readonly perHostLimit: number;
	/** One retry with backoff on network errors and 5xx; tests set this low. */
	readonly retryDelayMs: number;
}

export interface HttpRequest {
	readonly url: string;
	/** Conditional GET validators from the last 200. */
	readonly etag?: string | null;
	readonly lastModified?: string | null;
	readonly accept?: string;
	/** Instead of the client's own User-Agent (a feed's setting); printable ASCII. */
	readonly userAgent?: string;
	/** The caller gave up (Esc in the reader's add dialog): the request ends at once, as `aborted`. */
	readonly signal?: AbortSignal;
}

/** Fields every non-failed answer carries. */
interface HttpAnswer {
	/** The url that finally answered, after redirects. */
	readonly url: string;
	/** Set when every redirect on the way was permanent (301/308): the new url to store. */
	readonly permanentUrl: string | null;
	readonly etag: string | null;
	readonly lastModified: string | null;
	/** Freshness the server asks for (Cache-Control max-age, else Expires), in seconds. */
	readonly maxAgeSeconds: number | null;
}

export interface HttpOk extends HttpAnswer {
	readonly kind: 'ok';
	readonly status: number;
	readonly body: Buffer;
	readonly contentType: string | null;
	/** The raw `Link` header (RFC 8288), when the server sent one: Discover reads rel="blogroll". */
	readonly link?: string | null;
}

export interface HttpNotModified extends HttpAnswer {
	readonly kind: 'not-modified';
	readonly status: 304;
}

export interface HttpFailure extends Failure {
	readonly status: number | null;
	/** From 429/503 Retry-After: do not ask this feed again before that many seconds. */
	readonly retryAfterSeconds: number | null;
}

export type HttpResult = HttpOk | HttpNotModified | HttpFailure;

export interface HttpClient {
	get(request: HttpRequest): Promise<HttpResult>;
}
