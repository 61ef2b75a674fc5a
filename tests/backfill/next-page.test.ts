import {describe, expect, it} from 'vitest';
import {nextPageUrl, nextWordPressPage} from '../../source/backfill/next-page.js';
import {parseFeed} from '../../source/feeds/parse.js';
import type {FeedHistory, ParsedFeed} from '../../source/feeds/types.js';

const NONE: FeedHistory = {next: null, previous: null, first: null, last: null, prevArchive: null, nextArchive: null, current: null, archive: false, complete: false};

describe('nextPageUrl', () => {
	it.each([
		['an archive document: prev-archive', {...NONE, prevArchive: 'https://blog.example.de/archiv/2024.xml', current: 'https://blog.example.de/feed'}, 'https://blog.example.de/archiv/2024.xml'],
		['a paged feed: next', {...NONE, next: 'https://blog.example.de/feed?page=3', first: 'https://blog.example.de/feed'}, 'https://blog.example.de/feed?page=3'],
		['prev-archive before next', {...NONE, next: 'https://blog.example.de/n', prevArchive: 'https://blog.example.de/p'}, 'https://blog.example.de/p'],
		['the last page (only previous and first)', {...NONE, previous: 'https://blog.example.de/feed?page=4', first: 'https://blog.example.de/feed'}, null],
		['the oldest archive (only next-archive)', {...NONE, nextArchive: 'https://blog.example.de/archiv/2025.xml', archive: true}, null],
		['a next link back to the page itself', {...NONE, next: 'https://blog.example.de/feed?page=2#oben'}, null],
	])('%s', (_name, history, expected) => {
		expect(nextPageUrl('https://blog.example.de/feed?page=2', history)).toBe(expected);
	});

	it.each([
		['https://praxis.example.de/feed/', 'https://praxis.example.de/feed/?paged=2'],
		['https://praxis.example.de/feed/?paged=2', 'https://praxis.example.de/feed/?paged=3'],
		['https://praxis.example.de/?feed=rss2&paged=9', 'https://praxis.example.de/?feed=rss2&paged=10'],
		['https://praxis.example.de/feed/?paged=kaputt', 'https://praxis.example.de/feed/?paged=2'],
		['file:///home/k/feed.xml', null],
	])('a feed that says nothing of paging, at %s, is paged WordPress-style', (url, expected) => {
		expect(nextPageUrl(url, undefined)).toBe(expected);
		expect(nextWordPressPage(url)).toBe(expected);
	});
});

async function historyOf(xml: string): Promise<FeedHistory | undefined> {
	const parsed = await parseFeed(xml, 'https://blog.example.de/feed/');
	if ('kind' in parsed) throw new Error(parsed.message);
	return (parsed as ParsedFeed).history;
}

describe('parseFeed: RFC 5005 links', () => {
	it('reads paging links of an RSS channel through atom:link, under any prefix, resolved against the feed', async () => {
		const history = await historyOf(`<?xml version="1.0"?>
<rss version="2.0" xmlns:a10="http://www.w3.org/2005/Atom"><channel><title>Über Führung</title>
<a10:link rel="self" href="https://blog.example.de/feed/"/>
<a10:link rel="next" href="?paged=2"/><a10:link rel="first" href="/feed/"/><a10:link rel="last" href="https://blog.example.de/feed/?paged=7"/>
<item><title>„Zuhören“</title><guid>1</guid></item></channel></rss>`);
		expect(history).toEqual({
			...NONE,
			next: 'https://blog.example.de/feed/?paged=2',
			first: 'https://blog.example.de/feed/',
			last: 'https://blog.example.de/feed/?paged=7',
		});
	});

	it('reads archive links and fh:archive of an Atom feed, with the history namespace under another prefix', async () => {
		const history = await historyOf(`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:h="http://purl.org/syndication/history/1.0">
<title>Gesprächsstoff</title><h:archive/>
<link rel="current" href="https://blog.example.de/feed/"/><link rel="http://www.iana.org/assignments/relation/prev-archive" href="2024-12.xml"/>
<link rel="next-archive" href="2025-02.xml"/><link rel="alternate" href="https://blog.example.de/"/>
<entry><id>tag:blog.example.de,2025:1</id><title>Grenzen setzen</title></entry></feed>`);
		expect(history).toEqual({
			...NONE,
			current: 'https://blog.example.de/feed/',
			prevArchive: 'https://blog.example.de/feed/2024-12.xml',
			nextArchive: 'https://blog.example.de/feed/2025-02.xml',
			archive: true,
		});
	});

	it('reads fh:complete of an RSS feed', async () => {
		const history = await historyOf(`<rss version="2.0" xmlns:fh="http://purl.org/syndication/history/1.0"><channel><title>T</title><fh:complete/>
<item><title>Eins</title><guid>1</guid></item></channel></rss>`);
		expect(history).toEqual({...NONE, complete: true});
	});

	it('no longer calls a complete feed complete once it was cut to the newest 1000 entries', async () => {
		const items = Array.from({length: 1001}, (_, index) => `<item><title>Beitrag ${index}</title><guid>${index}</guid></item>`).join('');
		const history = await historyOf(`<rss version="2.0" xmlns:fh="http://purl.org/syndication/history/1.0"><channel><title>T</title><fh:complete/>${items}</channel></rss>`);
		expect(history?.complete).toBe(false);
	});

	it('gives no history to a feed with only self and alternate links, and drops javascript: hrefs', async () => {
		expect(await historyOf(`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>T</title>
<atom:link rel="self" href="https://blog.example.de/feed/"/><item><title>Eins</title><guid>1</guid></item></channel></rss>`)).toBeUndefined();
		expect((await historyOf(`<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><link rel="next" href="javascript:alert(1)"/></feed>`))).toBeUndefined();
	});
});
