/**
 * One feed, over the network: conditional GET → charset decode → parse. No store here,
 * so that `blogroll add` and `refresh` fetch alike and tests can feed it plain bytes.
 */
import {isChallengePage, CHALLENGE_SNIFF_BYTES} from '../feeds/challenge.js';
import type {CharsetReport} from '../feeds/decode.js';
import type {HttpClient, HttpFailure, HttpTrace} from '../feeds/http-types.js';
import type {ParsedFeed} from '../feeds/types.js';
import {isFailure, type Failure} from '../failure.js';

/** What the answer said beyond its body: validators, freshness, where the feed lives now. */
export interface FetchMeta {
	/** 200 (or another 2xx) for content, 304 for not modified. */
	readonly status: number;
	readonly etag: string | null;
	readonly lastModified: string | null;
	/** Cache-Control max-age, else Expires, in seconds. */
	readonly maxAgeSeconds: number | null;
	/** Set when the feed moved for good (301/308 all the way): store and subscribe this url. */
	readonly permanentUrl: string | null;
	/** The url that finally answered (after any redirects); relative links resolve against it. */
	readonly finalUrl: string;
	/** What the request did on the wire (feed health); absent from test doubles. */
	readonly trace?: HttpTrace;
	/** How the body was decoded (feed health); absent for a 304. */
	readonly charset?: CharsetReport;
}

export interface FetchRequest {
	readonly url: string;
	/** Validators from the last 200, for a conditional GET. */
	readonly etag?: string | null;
	readonly lastModified?: string | null;
	/** The feed's User-Agent setting, instead of blogroll's own. */
	readonly userAgent?: string | null;
	/** The feed's charset setting: decodes the body whatever it declares. */
	readonly charset?: string | null;
	/** See HttpRequest.beforeBody: awaited before a 2xx body is read. */
	readonly beforeBody?: () => Promise<void>;
}

/** A failed fetch: an HTTP failure, or a parse failure with the status of the answer. */
export type FetchFailure = HttpFailure;

export type FetchOutcome =
	| {
			readonly kind: 'fetched';
			readonly feed: ParsedFeed;
			readonly meta: FetchMeta;
			/** Blogroll urls the channel and the answer's Link header named (for Discover). */
			readonly blogrolls: readonly string[];
	  }
	| {readonly kind: 'not-modified'; readonly meta: FetchMeta}
	| FetchFailure;

/** Decodes and parses a downloaded body; `url` is where it was served from. */
export type ParseBody = (body: Uint8Array, contentType: string | null, url: string, charset?: string | null) => Promise<(ParsedFeed & {readonly charset?: CharsetReport}) | Failure>;

// Loaded on first use: a refresh whose feeds all answer 304 never loads the parser.
const parseInProcess: ParseBody = async (body, contentType, url, override) => {
	const [{decodeBodyWithReport}, {parseFeed}] = await Promise.all([import('../feeds/decode.js'), import('../feeds/parse.js')]);
	const {text, charset} = decodeBodyWithReport(body, contentType, override);
	const feed = await parseFeed(text, url);
	return isFailure(feed) ? feed : {...feed, charset};
};

/** `parse` defaults to this thread; a refresh passes its worker pool (see parse-pool.ts). */
export async function fetchFeed(http: HttpClient, request: FetchRequest, parse: ParseBody = parseInProcess): Promise<FetchOutcome> {
	const answer = await http.get({
		url: request.url,
		etag: request.etag ?? null,
		lastModified: request.lastModified ?? null,
		...(request.userAgent ? {userAgent: request.userAgent} : {}),
		...(request.beforeBody === undefined ? {} : {beforeBody: request.beforeBody}),
	});
	if (answer.kind === 'failed') return answer;
	const meta: FetchMeta = {
		status: answer.status,
		etag: answer.etag,
		lastModified: answer.lastModified,
		maxAgeSeconds: answer.maxAgeSeconds,
		permanentUrl: answer.permanentUrl,
		finalUrl: answer.url,
		...(answer.trace === undefined ? {} : {trace: answer.trace}),
	};
	if (answer.kind === 'not-modified') return {kind: 'not-modified', meta};
	// Relative links in the feed are relative to where it was actually served from.
	const feed = await parse(answer.body, answer.contentType, answer.url, request.charset ?? null);
	// The parser's failure names the feed in its English message; the reader needs the url apart.
	if (isFailure(feed)) {
		// A page where the feed was: a bot wall tells itself by its markers (feed health).
		const trace = answer.trace === undefined ? undefined : {...answer.trace, challenge: feed.reason === 'not-a-feed' && isChallengePage(Buffer.from(answer.body.buffer, answer.body.byteOffset, Math.min(answer.body.byteLength, CHALLENGE_SNIFF_BYTES)).toString('latin1'))};
		return {...feed, params: {url: answer.url, ...feed.params}, status: answer.status, retryAfterSeconds: null, ...(trace === undefined ? {} : {trace})};
	}
	// A cheap look at the channel's head (see feed-pointers.ts), not another parse; loaded
	// with the first body, so that a refresh of 304s never loads it (nor iconv-lite with it).
	const {blogrollsOfFeedAnswer} = await import('../discover/feed-pointers.js');
	const blogrolls = blogrollsOfFeedAnswer({url: answer.url, body: answer.body, contentType: answer.contentType, link: answer.link ?? null});
	return {kind: 'fetched', feed, meta: 'charset' in feed && feed.charset !== undefined ? {...meta, charset: feed.charset} : meta, blogrolls};
}
