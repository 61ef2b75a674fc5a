import {describe, expect, it} from 'vitest';
import {isFailure} from '../../source/failure.js';
import {parseFeed} from '../../source/feeds/parse.js';
import {TRACKING_PARAMETERS, cleanContentLinks, cleanUrl} from '../../source/feeds/trackers.js';
import type {ParsedFeed} from '../../source/feeds/types.js';

/** Every listed name, as a newsletter tool or a share button would append it. */
const LISTED = TRACKING_PARAMETERS.map((name) => (name.endsWith('*') ? `${name.slice(0, -1)}campaign` : name));

const POST = 'https://www.kreidezeit-praxis.de/2026/11/fuehrung-im-wandel/';

async function parse(xml: string): Promise<ParsedFeed> {
	const feed = await parseFeed(xml, 'https://www.kreidezeit-praxis.de/feed/');
	if (isFailure(feed)) throw new Error(feed.message);
	return feed;
}

function wordpressItem(link: string, body: string, extra = ''): string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:fb="http://rssnamespace.org/feedburner/ext/1.0">
<channel><title>Kreidezeit – Praxis für Führung</title><link>https://www.kreidezeit-praxis.de/</link>
<item>
	<title>Führung im Wandel: „Wir“ statt „ich“</title>
	<link>${link}</link>
	<guid isPermaLink="false">https://www.kreidezeit-praxis.de/?p=812</guid>
	<pubDate>Tue, 17 Nov 2026 07:00:00 +0000</pubDate>
	${extra}
	<content:encoded><![CDATA[${body}]]></content:encoded>
</item></channel></rss>`;
}

describe('tracking parameters', () => {
	it('removes each listed name from a link, and keeps the others in their order', () => {
		for (const name of LISTED) {
			const {url, removed} = cleanUrl(`${POST}?seite=2&${name}=newsletter&lang=de#kommentare`);
			expect(url, name).toBe(`${POST}?seite=2&lang=de#kommentare`);
			expect(removed, name).toBe(1);
		}
	});

	it('leaves a link with only unlisted parameters exactly as it was', () => {
		const link = `${POST}?p=812&utm=kein-tracker&ref=startseite&Gr%C3%B6%C3%9Fe=XL`;
		expect(cleanUrl(link)).toEqual({url: link, removed: 0});
	});

	it('drops the question mark when nothing else is left, in any case of the name', () => {
		expect(cleanUrl(`${POST}?UTM_Source=rss&FBCLID=IwAR2x`)).toEqual({url: POST, removed: 2});
	});

	it('cleans the entry link and every link and image in the body of a WordPress feed, and counts them', async () => {
		const query = LISTED.map((name, index) => `${name}=${index}`).join('&amp;');
		const body = `<p>Mehr dazu im <a href="https://www.kreidezeit-praxis.de/seminare/?kurs=7&amp;${query}">Seminar „Führen ohne Druck“</a>.</p>
<p><img src="https://www.kreidezeit-praxis.de/wp-content/uploads/team.jpg?ver=2&amp;utm_medium=feed" alt="Unser Team" width="640" height="427"></p>
<p><a href="https://www.example.org/shop?ref=kreidezeit&amp;id=5">Unverändert</a></p>
<img src="https://www.kreidezeit-praxis.de/tracker.gif?u=1" width="1" height="1" alt="">
<img src="https://pixel.wp.com/g.gif?blog=1234" alt="" style="height:0px;width:0px;">`;
		const feed = await parse(wordpressItem(`${POST}?utm_source=rss&amp;utm_medium=rss&amp;utm_campaign=fuehrung-im-wandel`, body));
		const [item] = feed.items;
		expect(item!.link).toBe(POST);
		expect(item!.content).toContain('href="https://www.kreidezeit-praxis.de/seminare/?kurs=7"');
		expect(item!.content).toContain('src="https://www.kreidezeit-praxis.de/wp-content/uploads/team.jpg?ver=2"');
		// An unlisted parameter stays (the DOM writes `&` where the feed had `&amp;`: the same url).
		expect(item!.content).toMatch(/href="https:\/\/www\.example\.org\/shop\?ref=kreidezeit&(?:amp;)?id=5"/);
		expect(item!.content).not.toContain('tracker.gif');
		expect(item!.content).not.toContain('pixel.wp.com');
		expect(item!.content).toContain('Unser Team');
		for (const name of LISTED) expect(item!.content, name).not.toContain(`${name}=`);
		// 3 in the entry link, every listed one in the seminar link, 1 in the image, 2 web bugs.
		expect(feed.trackersRemoved).toBe(3 + LISTED.length + 1 + 2);
	});

	it('keeps the id of an entry without guid when its link loses its trackers', async () => {
		const xml = wordpressItem(`${POST}?utm_source=rss`, '<p>Text</p>').replace(/<guid[^>]*>.*<\/guid>/, '');
		const [item] = (await parse(xml)).items;
		expect(item!.link).toBe(POST);
		expect(item!.id).toBe(`${POST}?utm_source=rss`);
	});

	it('prefers feedburner:origLink over the feedproxy link, cleaned as well', async () => {
		const feed = await parse(wordpressItem('https://feedproxy.google.com/~r/kreidezeit/~3/AbC123/', '<p>Text</p><img src="https://feeds.feedburner.com/~r/kreidezeit/~4/AbC123" height="1" width="1" alt=""/>', `<fb:origLink>${POST}?utm_source=feedburner</fb:origLink>`));
		expect(feed.items[0]!.link).toBe(POST);
		expect(feed.items[0]!.content).not.toContain('feedburner');
		expect(feed.trackersRemoved).toBe(2);
	});

	it('leaves a clean body untouched, byte for byte, and says nothing', async () => {
		const body = '<p>Gr&ouml;&szlig;er denken&nbsp;– <a href="https://www.kreidezeit-praxis.de/?p=5&amp;seite=2">weiter</a></p>';
		expect(cleanContentLinks(body)).toEqual({html: body, removed: 0});
		const feed = await parse(wordpressItem(POST, body));
		expect(feed.trackersRemoved).toBeUndefined();
	});
});
