import {describe, expect, it} from 'vitest';
import {isFailure} from '../../source/failure.js';
import type {ImportedFeed} from '../../source/feeds/opml.js';
import {parseSubscriptionsJson, serializeSubscriptionsJson} from '../../source/feeds/subscriptions-json.js';

describe('subscriptions JSON', () => {
	const feeds: ImportedFeed[] = [
		{url: 'https://www.weitblick-coaching.de/feed/', title: 'Coaching mit Weitblick', tags: ['Coaching', 'Führung'], siteUrl: 'https://www.weitblick-coaching.de/'},
		{url: 'https://yoga-im-buero.de/feed.json', title: null, tags: []},
	];

	it('gives back the same feeds after a round trip', () => {
		const result = parseSubscriptionsJson(serializeSubscriptionsJson(feeds));
		expect(result).toEqual({feeds});
	});

	it('reads hand-written lists: bare arrays, url strings, missing fields, duplicates', () => {
		const result = parseSubscriptionsJson(`[
			"https://steuerberatung-koenig.de/rss",
			{"url": "https://www.weitblick-coaching.de/feed/", "tags": ["Coaching", "Coaching", " ", 3]},
			{"url": "https://www.weitblick-coaching.de/feed/", "title": "Doppelt"}
		]`);
		expect(result).toEqual({
			feeds: [
				{url: 'https://steuerberatung-koenig.de/rss', title: null, tags: []},
				{url: 'https://www.weitblick-coaching.de/feed/', title: null, tags: ['Coaching']},
			],
		});
	});

	it.each([
		['not JSON', '{feeds: [', 'parse-error'],
		['no feeds list', '{"abos": []}', 'invalid-subscriptions'],
		['an entry without url', '{"feeds": [{"title": "Ohne Url"}]}', 'invalid-subscriptions'],
		['a javascript: url', '{"feeds": [{"url": "javascript:alert(1)"}]}', 'invalid-subscriptions'],
	])('fails clearly on %s', (_, text, reason) => {
		const result = parseSubscriptionsJson(text, 'feeds.json');
		expect(isFailure(result) && result.reason).toBe(reason);
		expect(isFailure(result) && result.message).toMatch(/^feeds\.json/);
	});
});
