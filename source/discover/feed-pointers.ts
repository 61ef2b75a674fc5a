/**
 * Blogroll pointers in answers fetched anyway: a followed feed's answer while refreshing or
 * adding, and the page `add` discovered the feed from. No request of their own, and on the
 * refresh path no parse of their own unless the channel names a blogroll: the feed's bytes
 * before its first item are searched for the word, natively, and only then read.
 */
import {decodeBody} from '../feeds/decode.js';
import {blogrollsFromLinkHeader, findHtmlBlogrolls} from './blogroll-html.js';
import {blogrollsFromFeedXml} from './blogroll-lists.js';

/** One HTTP answer as the pointer readers need it. */
export interface FetchedAnswer {
	/** Where it was served from (relative urls resolve against it). */
	readonly url: string;
	readonly body: Uint8Array;
	readonly contentType: string | null;
	/** The raw `Link` header, if any. */
	readonly link: string | null;
}

// Channel elements come before the items; a feed's head is small. Caps keep a hostile
// feed (one giant channel) or page (a head of megabytes) cheap.
const MAX_CHANNEL_BYTES = 64 * 1024;
const MAX_HEAD_CHARS = 256 * 1024;

/**
 * `<source:blogroll>` / `<blogChannel:blogRoll>` in the channel, and `Link: <…>; rel="blogroll"`
 * on the feed's answer. A feed whose channel does not mention "blogroll" costs two byte searches.
 */
export function blogrollsOfFeedAnswer(answer: FetchedAnswer): string[] {
	const bytes = Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength);
	const channel = bytes.subarray(0, channelEnd(bytes));
	const fromChannel = channel.includes('logroll') || channel.includes('logRoll') ? blogrollsFromFeedXml(decodeBody(channel, answer.contentType), answer.url) : [];
	return unique([...fromChannel, ...blogrollsFromLinkHeader(answer.link, answer.url)]);
}

/** `<link rel="blogroll">` in a page's head, and the page answer's `Link` header. */
export function blogrollsOfPageAnswer(answer: FetchedAnswer): string[] {
	const text = decodeBody(answer.body, answer.contentType).slice(0, MAX_HEAD_CHARS);
	const headEnd = text.search(/<\/head\s*>|<body[\s>]/i);
	const head = headEnd < 0 ? text : text.slice(0, headEnd);
	return unique([...findHtmlBlogrolls(head, answer.url).opmlUrls, ...blogrollsFromLinkHeader(answer.link, answer.url)]);
}

/** Where the first item or entry starts (the channel is what comes before), capped. */
function channelEnd(bytes: Buffer): number {
	const head = bytes.subarray(0, MAX_CHANNEL_BYTES);
	const starts = [head.indexOf('<item'), head.indexOf('<entry')].filter(index => index >= 0);
	return starts.length === 0 ? head.length : Math.min(...starts);
}

function unique(urls: readonly string[]): string[] {
	return [...new Set(urls)].slice(0, 10);
}
