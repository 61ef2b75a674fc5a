import {describe, expect, it} from 'vitest';
import {parseFeed} from '../../source/feeds/parse.js';
import type {ParsedFeed} from '../../source/feeds/types.js';

// Issue 17: xml:base on RSS channels and items (not just Atom), and relative urls with
// non-ASCII characters, resolved as browsers resolve them (WHATWG URL).
async function parsed(xml: string, feedUrl = 'https://www.gaertnerei-roemer.de/feed/'): Promise<ParsedFeed> {
	const result = await parseFeed(xml, feedUrl);
	if ('kind' in result) throw new Error(result.message);
	return result;
}

describe('xml:base and relative urls in RSS', () => {
	it('resolves the channel link and item links against the channel’s and item’s xml:base', async () => {
		const feed = await parsed(`<rss version="2.0"><channel xml:base="https://roemer.example/blog/"><title>Gärtnerei</title><link>./</link>
<item xml:base="2025/11/"><title>Tomaten</title><link>tomaten-überwintern/</link><description>&lt;img src="bilder/tomate.jpg"&gt; &lt;a href="../10/rosen/"&gt;Rosen&lt;/a&gt;</description></item>
<item><title>Rosen</title><link>2025/10/rosen/</link></item></channel></rss>`);
		expect(feed.link).toBe('https://roemer.example/blog/');
		expect(feed.items.map((item) => item.link)).toEqual([
			'https://roemer.example/blog/2025/11/tomaten-%C3%BCberwintern/',
			'https://roemer.example/blog/2025/10/rosen/',
		]);
		expect(feed.items[0]?.summary).toBe('<img src="https://roemer.example/blog/2025/11/bilder/tomate.jpg"> <a href="https://roemer.example/blog/2025/10/rosen/">Rosen</a>');
	});

	it('resolves relative links against the feed url when there is no xml:base, umlauts percent-encoded', async () => {
		const feed = await parsed('<rss version="2.0"><channel><title>G</title><link>/</link><item><title>Größe</title><link>/beiträge/größe?sorte=süß#öffnen</link></item></channel></rss>');
		expect(feed.link).toBe('https://www.gaertnerei-roemer.de/');
		expect(feed.items[0]?.link).toBe('https://www.gaertnerei-roemer.de/beitr%C3%A4ge/gr%C3%B6%C3%9Fe?sorte=s%C3%BC%C3%9F#%C3%B6ffnen');
	});

	it('resolves a relative xml:base on the root against the feed url', async () => {
		const feed = await parsed('<rss version="2.0" xml:base="/archiv/"><channel><title>G</title><item><title>Alt</title><link>2019/herbst</link></item></channel></rss>');
		expect(feed.items[0]?.link).toBe('https://www.gaertnerei-roemer.de/archiv/2019/herbst');
	});
});
