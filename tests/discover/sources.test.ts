import {describe, expect, it} from 'vitest';
import {blogrollsFromLinkHeader, findHtmlBlogrolls, listedOnBlogrollPage} from '../../source/discover/blogroll-html.js';
import {blogrollsFromFeedXml, listedInOpml, listedInRecommendationsJson} from '../../source/discover/blogroll-lists.js';
import {effectiveExclusions, isExcludedSite, normalizeDomain} from '../../source/discover/excluded-domains.js';
import {feedActivity} from '../../source/discover/feed-activity.js';
import {countLinksBySite, linksInHtml} from '../../source/discover/post-links.js';
import {homeOf, siteKeyOf} from '../../source/discover/site-key.js';

const PAGE = 'https://kreidezeit.de/';

describe('siteKeyOf', () => {
	it.each([
		['https://blog.example.co.uk/2026/post', 'example.co.uk'],
		['https://www.example.co.uk/', 'example.co.uk'],
		['http://WWW.Kreidezeit.DE/feed/', 'kreidezeit.de'],
		['https://praxisnah.github.io/', 'praxisnah.github.io'],
		['http://127.0.0.2:8080/blog/', '127.0.0.2'],
		['mailto:info@kreidezeit.de', null],
		['kein link', null],
	])('%s is the site %s', (url, site) => {
		expect(siteKeyOf(url)).toBe(site);
	});

	it('gives the home page of any url', () => {
		expect(homeOf('https://blog.example.com/2026/11/post?x=1')).toBe('https://blog.example.com/');
	});
});

describe('findHtmlBlogrolls', () => {
	it.each([
		['text/x-opml', '<link rel="blogroll" type="text/x-opml" href="/blogroll.opml">'],
		['text/xml', '<link rel="blogroll" type="text/xml" href="/blogroll.opml">'],
		['application/xml', "<LINK REL='Blogroll' TYPE='application/xml' HREF='/blogroll.opml'>"],
		['no type', '<link href="/blogroll.opml" rel="blogroll">'],
	])('finds <link rel="blogroll"> with %s', (_type, link) => {
		const html = `<!doctype html><html lang="de"><head><title>Kreidezeit</title>${link}</head><body><p>Hallo</p></body></html>`;
		expect(findHtmlBlogrolls(html, PAGE).opmlUrls).toEqual(['https://kreidezeit.de/blogroll.opml']);
	});

	it('reads WordPress link lists (xoxo blogroll and the Links widget), not the rest of the page', () => {
		const html = `<body><article><p>Siehe <a href="https://nebenan.example/">nebenan</a>.</p></article>
			<aside id="linkcat-2" class="widget widget_links"><h2 class="widgettitle">Blogroll</h2>
			<ul class='xoxo blogroll'>
				<li><a href="https://praxisnah.de/" title="Praxisnah – Coaching &amp; Führung">Praxisnah</a></li>
				<li><a href="https://www.lernwerkstatt-müller.de/blog/">Lernwerkstatt Müller</a></li>
				<li><a href="https://kreidezeit.de/ueber-mich/">Über mich</a></li>
			</ul></aside>
			<div class="widget_links"><ul><li><a href="https://werkbank.example/">Werkbank</a><br></li></ul></div></body>`;
		const found = findHtmlBlogrolls(html, PAGE);
		expect(found.listed.map(site => [site.url, site.title])).toEqual([
			['https://praxisnah.de/', 'Praxisnah'],
			['https://www.xn--lernwerkstatt-mller-kbc.de/blog/', 'Lernwerkstatt Müller'],
			['https://werkbank.example/', 'Werkbank'],
		]);
	});

	it.each(['Blogroll', 'Links', 'Linkliste', 'Empfehlungen', 'Blogs, die ich lese', 'Lesenswert', 'Leseliste', '„Lesenswert“', 'Blogs I read'])(
		'follows a same-site page labelled %s',
		label => {
			const html = `<nav><a href="/">Start</a> <a href="/lesenswert/">${label}</a> <a href="https://elsewhere.example/links/">${label}</a></nav>`;
			expect(findHtmlBlogrolls(html, PAGE).pageUrls).toEqual(['https://kreidezeit.de/lesenswert/']);
		},
	);

	it('does not take ordinary link texts for blogroll labels', () => {
		const html = '<a href="/impressum/">Impressum</a><a href="/links-und-rechts/">Links und rechts der Elbe</a>';
		expect(findHtmlBlogrolls(html, PAGE)).toEqual({opmlUrls: [], pageUrls: [], listed: []});
	});

	it('lists the other sites of a blogroll page, without its header, navigation and footer', () => {
		const html = `<html><head><link rel="stylesheet" href="https://fonts.example/x.css"></head><body>
			<header><a href="https://theme-shop.example/">Theme</a></header>
			<main><h1>Blogs, die ich lese</h1><ul>
				<li><a href="https://praxisnah.de/">Praxisnah</a> – Führung im Alltag</li>
				<li><a href="https://praxisnah.de/about">Praxisnah (über)</a></li>
				<li><a href="/archiv/">Mein Archiv</a></li>
				<li><a href="https://fieldnotes.example/">Fieldnotes</a></li>
			</ul></main>
			<footer><a href="https://wordpress.org/">WordPress</a></footer></body></html>`;
		expect(listedOnBlogrollPage(html, 'https://kreidezeit.de/lesenswert/').map(site => site.url)).toEqual([
			'https://praxisnah.de/',
			'https://fieldnotes.example/',
		]);
	});
});

describe('blogrollsFromLinkHeader', () => {
	it.each([
		['</blogroll.opml>; rel="blogroll"', ['https://kreidezeit.de/blogroll.opml']],
		['<https://cdn.example/a.css>; rel=preload, <https://kreidezeit.de/br.opml>; rel="me blogroll"; type="text/x-opml"', ['https://kreidezeit.de/br.opml']],
		['</feed/>; rel="alternate"', []],
		['', []],
		[null, []],
	])('%s', (header, expected) => {
		expect(blogrollsFromLinkHeader(header, PAGE)).toEqual(expected);
	});
});

describe('blogrollsFromFeedXml', () => {
	it('finds <source:blogroll> under any prefix', () => {
		const xml = `<?xml version="1.0"?><rss version="2.0" xmlns:src="http://source.scripting.com/"><channel>
			<title>Klartext</title><src:blogroll>https://klartext.example/blogroll.opml</src:blogroll><item><title>x</title></item></channel></rss>`;
		expect(blogrollsFromFeedXml(xml, 'https://klartext.example/feed')).toEqual(['https://klartext.example/blogroll.opml']);
	});

	it('finds the older <blogChannel:blogRoll>', () => {
		const xml = `<rss version="2.0" xmlns:blogChannel="http://backend.userland.com/blogChannelModule"><channel>
			<blogChannel:blogRoll>/files/blogroll.opml</blogChannel:blogRoll></channel></rss>`;
		expect(blogrollsFromFeedXml(xml, 'https://alte-schule.example/rss.xml')).toEqual(['https://alte-schule.example/files/blogroll.opml']);
	});

	it('ignores a blogroll element of another namespace', () => {
		const xml = `<rss xmlns:x="http://example.com/ns"><channel><x:blogroll>https://x.example/b.opml</x:blogroll></channel></rss>`;
		expect(blogrollsFromFeedXml(xml, 'https://x.example/')).toEqual([]);
	});
});

describe('blogroll files', () => {
	it('lists the sites of an OPML blogroll with their feeds', () => {
		const opml = `<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>Blogroll</title></head><body>
			<outline text="Praxisnah" type="rss" xmlUrl="https://praxisnah.de/feed/" htmlUrl="https://praxisnah.de/"/>
			<outline text="Coaching"><outline text="Schreibtisch &amp; Tafel" type="rss" xmlUrl="https://tafel.example/atom.xml"/></outline>
			<outline text="Praxisnah Kommentare" type="rss" xmlUrl="https://praxisnah.de/comments/feed/" htmlUrl="https://praxisnah.de/"/>
		</body></opml>`;
		expect(listedInOpml(opml)).toEqual([
			{url: 'https://praxisnah.de/', feedUrl: 'https://praxisnah.de/feed/', title: 'Praxisnah'},
			{url: 'https://tafel.example/atom.xml', feedUrl: 'https://tafel.example/atom.xml', title: 'Schreibtisch & Tafel'},
		]);
	});

	it('lists nothing for a broken OPML', () => {
		expect(listedInOpml('<opml><body><outline')).toEqual([]);
	});

	it('reads Ghost recommendations.json', () => {
		const json = JSON.stringify([
			{url: 'https://praxisnah.de/', title: 'Praxisnah', reason: 'Führung ohne Floskeln'},
			{url: 'javascript:alert(1)'},
			{title: 'ohne url'},
		]);
		expect(listedInRecommendationsJson(json, 'https://ghost.example/')).toEqual([{url: 'https://praxisnah.de/', feedUrl: null, title: 'Praxisnah'}]);
		expect(listedInRecommendationsJson('<html>', 'https://ghost.example/')).toEqual([]);
	});
});

describe('post links', () => {
	it('finds absolute link targets, entities decoded, repeats kept', () => {
		const html = `<p>„Gute Fragen“ stellt <a href="https://praxisnah.de/fragen?a=1&amp;b=2">Miriam</a>, siehe auch
			<a class='x' href='https://praxisnah.de/'>hier</a> und <a href=https://t.co/abc>t.co</a> <a href="#fn1">1</a> <a href="mailto:a@b.de">Mail</a></p>`;
		expect(linksInHtml(html)).toEqual(['https://praxisnah.de/fragen?a=1&b=2', 'https://praxisnah.de/', 'https://t.co/abc']);
	});

	it('counts links per site and leaves out the post’s own site', () => {
		const html = '<a href="https://praxisnah.de/a">a</a><a href="https://www.praxisnah.de/b">b</a><a href="https://kreidezeit.de/archiv">c</a>';
		expect(Object.fromEntries(countLinksBySite(html, 'kreidezeit.de'))).toEqual({'praxisnah.de': {count: 2, url: 'https://praxisnah.de/a'}});
	});
});

describe('exclusions', () => {
	const list = effectiveExclusions([], []);
	it.each([
		['x.com', true],
		['youtu.be', true],
		['amazon.de', true],
		['amazon.co.uk', true],
		['spiegel.de', true],
		['praxisnah.de', false],
		['amazonas-reisen.de', false],
	])('%s excluded: %s', (site, excluded) => {
		expect(isExcludedSite(site, list)).toBe(excluded);
	});

	it('adds the user’s domains and takes off the ones they allow', () => {
		const mine = effectiveExclusions(['https://www.Werbung.example/'], ['github.com']);
		expect(isExcludedSite('werbung.example', mine)).toBe(true);
		expect(isExcludedSite('github.com', mine)).toBe(false);
		expect(normalizeDomain(' WWW.Example.com/path ')).toBe('example.com');
	});
});

describe('feedActivity', () => {
	const now = new Date('2026-12-05T12:00:00Z');
	const item = (published: string | null) => ({id: published ?? 'x', title: 't', link: null, published, updated: null, author: null, content: null, summary: null});
	it('counts the posts of the last twelve months', () => {
		const items = ['2026-11-30T08:00:00Z', '2026-10-01T08:00:00Z', '2026-01-10T08:00:00Z', '2025-06-01T08:00:00Z'].map(item);
		expect(feedActivity({items}, now)).toEqual({lastPostAt: '2026-11-30T08:00:00.000Z', postsPerMonth: 0.3, dormant: false});
	});
	it('calls a blog without a post in twelve months dormant', () => {
		expect(feedActivity({items: [item('2025-09-01T08:00:00Z')]}, now)).toMatchObject({dormant: true, postsPerMonth: 0});
	});
	it('does not call an undated feed dormant', () => {
		expect(feedActivity({items: [item(null)]}, now)).toEqual({lastPostAt: null, postsPerMonth: 0, dormant: false});
	});
});
