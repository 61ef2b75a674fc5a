import {describe, expect, it} from 'vitest';
import {isFailure} from '../../source/failure.js';
import {parseFeed} from '../../source/feeds/parse.js';
import type {ParsedFeed} from '../../source/feeds/types.js';

const FEED_URL = 'https://www.lea-hoffmann.design/feed.json';

async function parsed(feed: object): Promise<ParsedFeed> {
	const result = await parseFeed(JSON.stringify(feed), FEED_URL);
	if (isFailure(result)) throw new Error(result.message);
	return result;
}

const V1 = 'https://jsonfeed.org/version/1';
const V1_1 = 'https://jsonfeed.org/version/1.1';

describe('JSON Feed', () => {
	it('reads the feed head of a 1.1 feed', async () => {
		const feed = await parsed({version: V1_1, title: 'Freelance-Notizen', home_page_url: 'https://www.lea-hoffmann.design/', description: 'Design & Selbstständigkeit', items: []});
		expect(feed).toEqual({format: 'json', title: 'Freelance-Notizen', link: 'https://www.lea-hoffmann.design/', description: 'Design & Selbstständigkeit', ttlMinutes: null, items: []});
	});

	it('takes the author from 1.0 `author` and from 1.1 `authors`, the item before the feed', async () => {
		const old = await parsed({version: V1, title: 'T', author: {name: 'Lea Hoffmann'}, items: [{id: '1', title: 'A'}, {id: '2', title: 'B', author: {name: 'Gastautor Jörg'}}]});
		const current = await parsed({version: V1_1, title: 'T', authors: [{name: 'Lea Hoffmann'}], items: [{id: '1', title: 'A'}, {id: '2', title: 'B', authors: [{url: 'https://x.de'}, {name: 'Tom Berger'}]}]});
		expect(old.items.map((item) => item.author)).toEqual(['Lea Hoffmann', 'Gastautor Jörg']);
		expect(current.items.map((item) => item.author)).toEqual(['Lea Hoffmann', 'Tom Berger']);
	});

	it('prefers content_html, escapes content_text, and keeps the summary apart', async () => {
		const feed = await parsed({
			version: V1_1,
			title: 'T',
			items: [
				{id: '1', title: 'Html', content_html: '<p>Ein <em>Angebot</em>.</p>', content_text: 'Ein Angebot.', summary: 'Kurz & knapp'},
				{id: '2', title: 'Text', content_text: 'Nutze <b> sparsam.\nWirklich.'},
			],
		});
		expect(feed.items.map((item) => [item.content, item.summary])).toEqual([
			['<p>Ein <em>Angebot</em>.</p>', '<p>Kurz &amp; knapp</p>'],
			['<p>Nutze &lt;b&gt; sparsam.<br>Wirklich.</p>', null],
		]);
	});

	it('reads date_published and date_modified', async () => {
		const feed = await parsed({version: V1_1, title: 'T', items: [{id: '1', title: 'A', date_published: '2025-11-02T10:00:00+01:00', date_modified: 'gestern'}]});
		expect([feed.items[0]!.published, feed.items[0]!.updated]).toEqual(['2025-11-02T09:00:00.000Z', null]);
	});

	it('links to external_url when url is missing, and resolves relative urls', async () => {
		const feed = await parsed({
			version: V1_1,
			title: 'T',
			items: [
				{id: '1', title: 'Extern', external_url: 'https://www.gesundheit.example.org/atmung'},
				{id: '2', title: 'Relativ', url: '/notizen/relativ', content_html: '<img src="bild.png">'},
			],
		});
		expect(feed.items.map((item) => item.link)).toEqual(['https://www.gesundheit.example.org/atmung', 'https://www.lea-hoffmann.design/notizen/relativ']);
		expect(feed.items[1]!.content).toBe('<img src="https://www.lea-hoffmann.design/notizen/bild.png">');
	});

	it('turns numeric ids into strings and falls back to the url without an id', async () => {
		const feed = await parsed({version: V1, title: 'T', items: [{id: 2025110301, title: 'A'}, {title: 'B', url: 'https://x.de/b'}]});
		expect(feed.items.map((item) => item.id)).toEqual(['2025110301', 'https://x.de/b']);
	});

	it('skips items that are not objects instead of failing the feed', async () => {
		const feed = await parsed({version: V1_1, title: 'T', items: [null, 'kaputt', {id: '1', title: 'Heil'}]});
		expect(feed.items.map((item) => item.title)).toEqual(['Heil']);
	});
});
