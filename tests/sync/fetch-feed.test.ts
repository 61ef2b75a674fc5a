import {describe, expect, it} from 'vitest';
import type {HttpClient, HttpRequest, HttpResult} from '../../source/feeds/http-types.js';
import {fetchFeed} from '../../source/sync/fetch-feed.js';
import {wordpressRss, coachingPosts} from './feed-server.js';

/** An HttpClient that answers from a function and remembers what it was asked. */
function fakeHttp(answer: (request: HttpRequest) => HttpResult): HttpClient & {requests: HttpRequest[]} {
	const requests: HttpRequest[] = [];
	return {
		requests,
		async get(request) {
			requests.push(request);
			return answer(request);
		},
	};
}

const FEED_URL = 'https://www.coaching-mit-herz.de/feed/';
const answerFields = {url: FEED_URL, permanentUrl: null, etag: '"33a64df5"', lastModified: 'Mon, 10 Mar 2025 07:00:00 GMT', maxAgeSeconds: 600};

describe('fetchFeed', () => {
	it('sends the stored validators and returns the parsed feed with the answer meta', async () => {
		const body = Buffer.from(wordpressRss({title: 'Coaching mit Herz', site: 'https://www.coaching-mit-herz.de/', posts: coachingPosts(), ttl: 60}));
		const http = fakeHttp(() => ({kind: 'ok', status: 200, body, contentType: 'application/rss+xml; charset=UTF-8', ...answerFields}));
		const outcome = await fetchFeed(http, {url: FEED_URL, etag: '"alt"', lastModified: 'Sun, 09 Mar 2025 07:00:00 GMT'});
		expect(http.requests).toEqual([{url: FEED_URL, etag: '"alt"', lastModified: 'Sun, 09 Mar 2025 07:00:00 GMT'}]);
		if (outcome.kind !== 'fetched') throw new Error(`expected fetched, got ${outcome.kind}`);
		expect(outcome.meta).toEqual({status: 200, etag: '"33a64df5"', lastModified: 'Mon, 10 Mar 2025 07:00:00 GMT', maxAgeSeconds: 600, permanentUrl: null, finalUrl: FEED_URL, charset: {declared: 'utf-8', source: 'document', used: 'utf-8', correction: null}});
		expect(outcome.feed.title).toBe('Coaching mit Herz');
		expect(outcome.feed.ttlMinutes).toBe(60);
		expect(outcome.feed.items.map((item) => item.title)).toEqual(coachingPosts().map((post) => post.title));
	});

	it('decodes a Latin-1 feed by its declared charset', async () => {
		const xml = wordpressRss({title: 'Beratung Grünwald', site: 'https://beratung-gruenwald.de/', posts: [{...coachingPosts()[0]!, title: 'Größe zeigen: Preise erhöhen'}]})
			.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
		const http = fakeHttp(() => ({kind: 'ok', status: 200, body: Buffer.from(xml, 'latin1'), contentType: 'text/xml; charset=ISO-8859-1', ...answerFields}));
		const outcome = await fetchFeed(http, {url: FEED_URL});
		if (outcome.kind !== 'fetched') throw new Error(`expected fetched, got ${outcome.kind}`);
		expect(outcome.feed.title).toBe('Beratung Grünwald');
		expect(outcome.feed.items[0]?.title).toBe('Größe zeigen: Preise erhöhen');
	});

	it('passes a 304 through as not modified, with the new url of a permanent move', async () => {
		const http = fakeHttp(() => ({kind: 'not-modified', status: 304, ...answerFields, url: 'https://coaching-mit-herz.de/feed/', permanentUrl: 'https://coaching-mit-herz.de/feed/'}));
		expect(await fetchFeed(http, {url: FEED_URL, etag: '"33a64df5"'})).toEqual({
			kind: 'not-modified',
			meta: {status: 304, etag: '"33a64df5"', lastModified: 'Mon, 10 Mar 2025 07:00:00 GMT', maxAgeSeconds: 600, permanentUrl: 'https://coaching-mit-herz.de/feed/', finalUrl: 'https://coaching-mit-herz.de/feed/'},
		});
	});

	it('passes an HTTP failure through unchanged', async () => {
		const failure = {kind: 'failed', reason: 'http-429', message: `${FEED_URL}: HTTP 429 Too Many Requests`, status: 429, retryAfterSeconds: 120} as const;
		expect(await fetchFeed(fakeHttp(() => failure), {url: FEED_URL})).toEqual(failure);
	});

	it('turns a page that is not a feed into a failure that keeps the status', async () => {
		const html = '<!DOCTYPE html><html lang="de"><head><title>Coaching mit Herz</title></head><body><p>Willkommen!</p></body></html>';
		const http = fakeHttp(() => ({kind: 'ok', status: 200, body: Buffer.from(html), contentType: 'text/html; charset=utf-8', ...answerFields}));
		const outcome = await fetchFeed(http, {url: FEED_URL});
		expect(outcome).toMatchObject({kind: 'failed', reason: 'not-a-feed', status: 200, retryAfterSeconds: null});
		if (outcome.kind === 'failed') expect(outcome.message).toContain(FEED_URL);
	});
});
