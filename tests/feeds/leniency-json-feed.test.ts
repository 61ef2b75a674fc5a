import {describe, expect, it} from 'vitest';
import {parseFeed} from '../../source/feeds/parse.js';
import type {FeedItem, ParsedFeed} from '../../source/feeds/types.js';

// Issue 17 for JSON Feed: what hand-rolled JSON feeds get wrong, read the way it was meant.
const FEED_URL = 'https://www.lea-hoffmann.design/feed.json';
const V1_1 = 'https://jsonfeed.org/version/1.1';

async function parsedText(text: string): Promise<ParsedFeed> {
	const result = await parseFeed(text, FEED_URL);
	if ('kind' in result) throw new Error(result.message);
	return result;
}

async function onlyItem(item: object, feed: object = {}): Promise<FeedItem> {
	const parsed = await parsedText(JSON.stringify({version: V1_1, title: 'Freelance-Notizen', ...feed, items: [item]}));
	expect(parsed.items).toHaveLength(1);
	return parsed.items[0]!;
}

describe('JSON Feed oddities', () => {
	it('reads a feed whose lists and objects end with a trailing comma', async () => {
		const text = `{"version": "${V1_1}", "title": "Freelance-Notizen",
			"items": [
				{"id": "1", "title": "Angebote schreiben, aber richtig", "content_text": "Drei Tipps [a,] {b,}",},
				{"id": "2", "title": "Preise erhöhen", "tags": ["Geld", "Kunden",],},
			],
		}`;
		const feed = await parsedText(text);
		expect(feed.items.map((item) => item.title)).toEqual(['Angebote schreiben, aber richtig', 'Preise erhöhen']);
		expect(feed.items[0]?.content).toBe('<p>Drei Tipps [a,] {b,}</p>');
	});

	it('still reports JSON that no comma repair makes valid', async () => {
		const result = await parseFeed('{"version": "https://jsonfeed.org/version/1.1", "items": [', FEED_URL);
		expect(result).toMatchObject({kind: 'failed', reason: 'parse-error'});
	});

	it.each<[string, object, object, Partial<FeedItem>]>([
		['an author written as a bare name', {id: '1', title: 'A', author: 'Lea Hoffmann'}, {}, {author: 'Lea Hoffmann'}],
		['authors written as one object instead of a list', {id: '1', title: 'A', authors: {name: 'Lea Hoffmann'}}, {}, {author: 'Lea Hoffmann'}],
		['a feed author written as a list of names', {id: '1', title: 'A'}, {authors: ['Lea Hoffmann']}, {author: 'Lea Hoffmann'}],
		['an empty content_html beside content_text', {id: '1', title: 'A', content_html: '', content_text: 'Grüße aus Köln'}, {}, {content: '<p>Grüße aus Köln</p>'}],
		['an empty url beside external_url', {id: '1', title: 'A', url: '', external_url: 'https://andere-seite.de/artikel'}, {}, {link: 'https://andere-seite.de/artikel'}],
		['a numeric id', {id: 17, title: 'A'}, {}, {id: '17'}],
		['a date that is not RFC 3339', {id: '1', title: 'A', date_published: 'Tue, 04 Nov 2025 10:00:00 +0100'}, {}, {published: '2025-11-04T09:00:00.000Z'}],
		['only date_modified', {id: '1', title: 'A', date_modified: '2025-11-04T10:00:00Z'}, {}, {published: '2025-11-04T10:00:00.000Z', updated: '2025-11-04T10:00:00.000Z'}],
	])('reads %s', async (_, item, feed, expected) => {
		expect(await onlyItem(item, feed)).toMatchObject(expected);
	});
});
