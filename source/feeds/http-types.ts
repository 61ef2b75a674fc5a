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
	/** A smaller cap than the client's for this request (images: 8 MB). */
	readonly maxBytes?: number;
	/** A shorter time budget than the client's for this request. */
	readonly totalTimeoutMs?: number;
	/**
	 * Awaited when the answer is a 2xx, before its body is read (also before a retry reads
	 * it again): lets the caller hold back bodies it has no room for yet (a refresh's
	 * back-pressure, see sync/refresh.ts). The wait counts toward the time budget.
	 */
	readonly beforeBody?: () => Promise<void>;
}

/** One redirect on the way: the status that sent us on, and where it pointed. */
export interface RedirectHop {
	readonly status: number;
	readonly url: string;
}

/**
 * What one request did on the wire, for feed health (source/health/): kept small, since a
 * refresh stores one per feed. Absent fields were not known (a network failure has no status).
 */
export interface HttpTrace {
	/** Each redirect followed, in order; empty when the first url answered. */
	readonly redirects: readonly RedirectHop[];
	readonly durationMs: number;
	/** Bytes as they came over the wire (compressed), when known. */
	readonly wireBytes: number | null;
	/** Bytes after content decoding (what the parser got). */
	readonly bodyBytes: number | null;
	readonly contentType: string | null;
	/** Validators we sent with the request. */
	readonly sentEtag: boolean;
	readonly sentLastModified: boolean;
	/** An error answer (403/429/503 …) whose page is a bot challenge, not the server's own error. */
	readonly challenge: boolean;
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
	/** What the request did on the wire (feed health). */
	readonly trace?: HttpTrace;
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
	/** What the request did on the wire (feed health). */
	readonly trace?: HttpTrace;
}

export type HttpResult = HttpOk | HttpNotModified | HttpFailure;

export interface HttpClient {
	get(request: HttpRequest): Promise<HttpResult>;
}
