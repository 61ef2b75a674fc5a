/**
 * The cap on entries per feed (source/feeds/limit-items.ts), on the shapes a huge feed
 * really comes in; the end-to-end case (100 000 items through `refresh`) is in
 * bounded-refresh.test.ts.
 */
import {describe, expect, it} from 'vitest';
import {keepNewestItems, MAX_ITEMS_PER_FEED, preCutItems} from '../../source/feeds/limit-items.js';
import {parseFeed} from '../../source/feeds/parse.js';
import {isFailure} from '../../source/failure.js';

const rssItem = (index: number) => `<item><title>Notiz ${index}</title><guid>n${index}</guid></item>`;
const rss = (items: string) => `<rss version="2.0"><channel><title>Zettelkasten</title>${items}</channel></rss>`;

describe('preCutItems', () => {
	it('keeps the first and the last items of a long flat list and the document around them', () => {
		const items = Array.from({length: 50}, (_, index) => rssItem(index)).join('\n');
		const cut = preCutItems(rss(items), 5);
		expect(cut.match(/<item>/g)).toHaveLength(10);
		expect(cut).toContain('Notiz 4<');
		expect(cut).not.toContain('Notiz 5<');
		expect(cut).not.toContain('Notiz 44<');
		expect(cut).toContain('Notiz 45<');
		expect(cut.startsWith('<rss version="2.0"><channel><title>Zettelkasten</title>')).toBe(true);
		expect(cut.endsWith('</channel></rss>')).toBe(true);
	});

	it('does not count an <item> quoted in CDATA, and handles prefixed Atom entries', () => {
		const quoted = (index: number) => `<item><title>Über RSS</title><guid>q${index}</guid><description><![CDATA[So sieht es aus: <item><title>x</title></item>]]></description></item>`;
		const cut = preCutItems(rss([0, 1, 2].map(quoted).join('')), 1);
		// Counted as three flat items (not six nested ones): the middle one goes, CDATA intact.
		expect(cut).toBe(rss(quoted(0) + quoted(2)));
		const entries = Array.from({length: 9}, (_, index) => `<atom:entry><atom:id>e${index}</atom:id></atom:entry>`).join('');
		const atom = `<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>T</atom:title>${entries}</atom:feed>`;
		expect(preCutItems(atom, 2).match(/<atom:entry>/g)).toHaveLength(4);
	});

	it('leaves a truncated or oddly nested document for the parser to judge', () => {
		const truncated = rss(Array.from({length: 30}, (_, index) => rssItem(index)).join('')).slice(0, -40);
		expect(preCutItems(truncated, 5)).toBe(truncated);
		const nested = rss(`<item><title>a</title>${rssItem(1)}</item>`.repeat(20));
		expect(preCutItems(nested, 2)).toBe(nested);
	});
});

describe('keepNewestItems', () => {
	it('keeps the newest by date, undated ones last, in the feed’s own order', () => {
		const items = [
			{id: 'alt', published: '2026-01-01T00:00:00.000Z', updated: null},
			{id: 'ohne-datum', published: null, updated: null},
			{id: 'neu', published: null, updated: '2026-11-20T00:00:00.000Z'},
			{id: 'mittel', published: '2026-06-01T00:00:00.000Z', updated: null},
		];
		expect(keepNewestItems(items, 2).map(item => item.id)).toEqual(['neu', 'mittel']);
		expect(keepNewestItems(items, 3).map(item => item.id)).toEqual(['alt', 'neu', 'mittel']);
		expect(keepNewestItems(items, 4)).toBe(items);
	});
});

describe('parseFeed', () => {
	it(`returns at most ${MAX_ITEMS_PER_FEED} entries, the newest, from an undated-looking huge feed too`, async () => {
		const items = Array.from({length: 3 * MAX_ITEMS_PER_FEED}, (_, index) => rssItem(index)).join('');
		const feed = await parseFeed(rss(items), 'https://zettel.example.de/feed/');
		if (isFailure(feed)) throw new Error(feed.message);
		expect(feed.items).toHaveLength(MAX_ITEMS_PER_FEED);
		// Without dates the feed's order decides: newest first, as feeds list them.
		expect(feed.items[0]!.id).toBe('n0');
		expect(feed.items.at(-1)!.id).toBe(`n${MAX_ITEMS_PER_FEED - 1}`);
	});
});
