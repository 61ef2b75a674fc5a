// Discover's link counts grow as entries are stored (issue 13: the first `suggest` over a
// big cache reads counts, not 200 MB of post bodies).
import {describe, expect, it} from 'vitest';
import {countNewLinks} from '../../source/discover/scan-links.js';
import type {ParsedFeed} from '../../source/feeds/types.js';
import {openStore} from '../../source/store/open.js';
import {parseAndPrepare} from '../../source/sync/parse-pool.js';
import {storeParsedFeed} from '../../source/sync/store-feed.js';
import {blogItem, COACH_FEED} from '../store/fixtures.js';

const NOW = new Date('2026-11-20T10:00:00.000Z');

function feedWith(...items: ParsedFeed['items']): ParsedFeed {
	return {format: 'rss', title: 'Coaching mit Herz', link: 'https://www.coaching-mit-herz.de/', description: null, ttlMinutes: null, items};
}

const linking = (id: string, hrefs: readonly string[]) =>
	blogItem({
		id,
		content: `<p>Lesenswert: ${hrefs.map(href => `<a href="${href}">„${new URL(href).hostname}“</a>`).join(', ')} – und <a href="https://www.coaching-mit-herz.de/archiv/">mein Archiv</a>.</p>`,
	});

function linkCounts(store: ReturnType<typeof openStore>): [string, number][] {
	return store
		.discover()
		.listEvidence()
		.filter(row => row.kind === 'link')
		.map(row => [row.site, row.count]);
}

describe('link counts at store time', () => {
	it('counts the links of new entries in the transaction that stores them, and never twice', () => {
		const store = openStore(':memory:', {now: () => NOW});
		storeParsedFeed(store, COACH_FEED, feedWith(linking('a', ['https://praxisnah.de/fuehrung/', 'https://blog.klartext.co.uk/'])), null, NOW);
		expect(linkCounts(store)).toEqual([
			['klartext.co.uk', 1],
			['praxisnah.de', 1],
		]);
		expect(store.discover().linksScannedTo()).toBe(store.discover().latestEntryId());

		// The same entries again (every 200 brings them), and one new entry.
		storeParsedFeed(store, COACH_FEED, feedWith(linking('b', ['https://www.praxisnah.de/']), linking('a', ['https://praxisnah.de/fuehrung/', 'https://blog.klartext.co.uk/'])), null, NOW);
		expect(linkCounts(store)).toEqual([
			['klartext.co.uk', 1],
			['praxisnah.de', 2],
		]);
		// What suggest scans first has nothing left.
		countNewLinks(store.discover());
		expect(linkCounts(store)).toEqual([
			['klartext.co.uk', 1],
			['praxisnah.de', 2],
		]);
		store.close();
	});

	it('leaves entries of an older cache (stored before counting) to suggest, and counts them once', () => {
		const store = openStore(':memory:', {now: () => NOW});
		const feed = store.ensureFeed(COACH_FEED);
		// Written straight through the store, as a cache from before link counting was.
		store.upsertEntries(feed.id, [linking('alt', ['https://praxisnah.de/'])], NOW.toISOString());
		storeParsedFeed(store, COACH_FEED, feedWith(linking('neu', ['https://praxisnah.de/team/'])), null, NOW);
		expect(linkCounts(store)).toEqual([]);
		countNewLinks(store.discover());
		expect(linkCounts(store)).toEqual([['praxisnah.de', 2]]);
		// Caught up: from now on entries are counted as they are stored.
		storeParsedFeed(store, COACH_FEED, feedWith(linking('neuer', ['https://praxisnah.de/kontakt/'])), null, NOW);
		expect(linkCounts(store)).toEqual([['praxisnah.de', 3]]);
		store.close();
	});

	it('counts the same evidence from the links a parse worker counted as from the stored bodies', async () => {
		const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Klartext Beratung</title><link>https://www.klartext-beratung.de/</link><description>Notizen</description>
<item><guid>https://www.klartext-beratung.de/?p=12</guid><title>Drei Lesetipps für „ruhige“ Wochen</title>
<link>https://www.klartext-beratung.de/lesetipps/</link>
<content:encoded><![CDATA[<p>Bei <a href="https://praxisnah.de/fuehrung/">Praxisnah</a> und <a href="https://www.praxisnah.de/team/">ihrem Team</a>, bei <a href="https://blog.klartext.co.uk/">Klartext UK</a>; mehr im <a href="https://www.klartext-beratung.de/archiv/">Archiv</a>.</p>]]></content:encoded></item>
<item><guid>https://www.klartext-beratung.de/?p=11</guid><title>Gastbeitrag bei Müller</title>
<link>https://sabine-mueller.de/gastbeitrag/</link>
<description><![CDATA[Mein Text bei <a href="https://sabine-mueller.de/">Sabine Müller</a>, empfohlen von <a href="https://praxisnah.de/">Praxisnah</a>.]]></description></item>
</channel></rss>`;
		const prepared = await parseAndPrepare(new TextEncoder().encode(rss), 'application/rss+xml; charset=utf-8', COACH_FEED);
		if (!('items' in prepared)) throw new Error('the fixture did not parse');
		expect(prepared.items.every(item => item.links !== undefined)).toBe(true);
		const counted = openStore(':memory:', {now: () => NOW});
		storeParsedFeed(counted, COACH_FEED, prepared, null, NOW);
		// The same items without the worker's counts: counted from the bodies read back.
		const scanned = openStore(':memory:', {now: () => NOW});
		storeParsedFeed(scanned, COACH_FEED, {...prepared, items: prepared.items.map(({links: _links, ...item}) => item)}, null, NOW);
		expect(linkCounts(counted)).toEqual([
			['klartext.co.uk', 1],
			['praxisnah.de', 3],
		]);
		expect(counted.discover().listEvidence()).toEqual(scanned.discover().listEvidence());
		expect(counted.discover().linksScannedTo()).toBe(counted.discover().latestEntryId());
		counted.close();
		scanned.close();
	});
});
