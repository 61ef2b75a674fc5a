/**
 * Blogrolls as files: the pointer elements in an RSS channel, an OPML blogroll, and
 * Ghost's recommendations JSON. Text in, urls or listed sites out; nothing is fetched.
 */
import {Parser} from 'htmlparser2';
import {isFailure} from '../failure.js';
import {parseOpml} from '../feeds/opml.js';
import {sanitizeLine} from '../text/sanitize.js';
import {uniqueBySite} from './blogroll-html.js';
import {resolveHttpUrl} from './site-key.js';
import type {ListedSite} from './types.js';

/** `<source:blogroll>` (Dave Winer's source namespace, today's form). */
export const SOURCE_NAMESPACE = 'http://source.scripting.com/';
/** `<blogChannel:blogRoll>` (UserLand's blogChannel module, the older form). */
export const BLOG_CHANNEL_NAMESPACE = 'http://backend.userland.com/blogChannelModule';

const MAX_LISTED = 500;

/**
 * The blogroll urls a feed names in its channel: `<source:blogroll>` and
 * `<blogChannel:blogRoll>`, whatever prefix the feed binds those namespaces to.
 */
export function blogrollsFromFeedXml(xml: string, feedUrl: string): string[] {
	const prefixes = new Map<string, string>();
	const urls: string[] = [];
	let capture: string | null = null;
	const parser = new Parser(
		{
			onopentag(name, attributes) {
				for (const [attribute, value] of Object.entries(attributes)) {
					if (attribute.startsWith('xmlns:')) prefixes.set(attribute.slice('xmlns:'.length), value.trim().replace(/\/?$/, '/'));
				}
				const colon = name.indexOf(':');
				if (colon < 0) return;
				const namespace = prefixes.get(name.slice(0, colon));
				const local = name.slice(colon + 1).toLowerCase();
				if (local === 'blogroll' && (namespace === SOURCE_NAMESPACE || namespace === `${BLOG_CHANNEL_NAMESPACE}/`)) capture = '';
			},
			ontext(text) {
				if (capture !== null && capture.length < 2000) capture += text;
			},
			onclosetag() {
				if (capture === null) return;
				const url = resolveHttpUrl(capture, feedUrl);
				if (url !== null && !urls.includes(url) && urls.length < 5) urls.push(url);
				capture = null;
			},
		},
		{xmlMode: true, decodeEntities: true},
	);
	parser.write(xml);
	parser.end();
	return urls;
}

/** The sites of an OPML blogroll: each outline's `htmlUrl` (else its feed's), with the feed. */
export function listedInOpml(text: string): ListedSite[] {
	const parsed = parseOpml(text, 'The blogroll');
	if (isFailure(parsed)) return [];
	return uniqueBySite(
		parsed.feeds.slice(0, MAX_LISTED).map(feed => ({url: feed.siteUrl ?? feed.url, feedUrl: feed.url, title: feed.title})),
	);
}

/**
 * Ghost's `/.well-known/recommendations.json`: an array of `{url, title?, reason?}` (or an
 * object with a `recommendations` array). Anything else lists nothing.
 */
export function listedInRecommendationsJson(text: string, base: string): ListedSite[] {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return [];
	}
	const items = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data['recommendations']) ? data['recommendations'] : [];
	const listed: ListedSite[] = [];
	for (const item of items.slice(0, MAX_LISTED)) {
		if (!isRecord(item) || typeof item['url'] !== 'string') continue;
		const url = resolveHttpUrl(item['url'], base);
		if (url === null) continue;
		const title = typeof item['title'] === 'string' ? sanitizeLine(item['title']) || null : null;
		listed.push({url, feedUrl: null, title});
	}
	return uniqueBySite(listed);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
