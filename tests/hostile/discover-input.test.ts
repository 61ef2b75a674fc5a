import {describe, expect, it} from 'vitest';
import {blogrollsFromLinkHeader, findHtmlBlogrolls} from '../../source/discover/blogroll-html.js';
import {blogrollsFromFeedXml, listedInOpml, listedInRecommendationsJson} from '../../source/discover/blogroll-lists.js';
import {countLinksBySite} from '../../source/discover/post-links.js';

// Blogrolls are written by strangers: bounded, and nothing in them reaches the terminal raw.
describe('hostile blogrolls', () => {
	it('caps a link list of thousands of sites', () => {
		const items = Array.from({length: 5000}, (_, index) => `<li><a href="https://site${index}.example/">Seite ${index}</a></li>`).join('');
		expect(findHtmlBlogrolls(`<ul class="xoxo blogroll">${items}</ul>`, 'https://kreidezeit.de/').listed).toHaveLength(500);
		const outlines = Array.from({length: 5000}, (_, index) => `<outline text="S${index}" xmlUrl="https://site${index}.example/feed/"/>`).join('');
		expect(listedInOpml(`<opml version="2.0"><body>${outlines}</body></opml>`)).toHaveLength(500);
		const json = JSON.stringify(Array.from({length: 5000}, (_, index) => ({url: `https://site${index}.example/`})));
		expect(listedInRecommendationsJson(json, 'https://ghost.example/')).toHaveLength(500);
	});

	it('follows at most five blogroll pointers from one page, header or feed', () => {
		const links = Array.from({length: 50}, (_, index) => `<link rel="blogroll" href="/b${index}.opml">`).join('');
		expect(findHtmlBlogrolls(`<head>${links}</head>`, 'https://kreidezeit.de/').opmlUrls).toHaveLength(5);
		expect(blogrollsFromLinkHeader(Array.from({length: 50}, (_, index) => `</b${index}.opml>; rel="blogroll"`).join(', '), 'https://kreidezeit.de/')).toHaveLength(5);
		const elements = Array.from({length: 50}, (_, index) => `<source:blogroll>https://kreidezeit.de/b${index}.opml</source:blogroll>`).join('');
		expect(blogrollsFromFeedXml(`<rss xmlns:source="http://source.scripting.com/"><channel>${elements}</channel></rss>`, 'https://kreidezeit.de/feed/')).toHaveLength(5);
	});

	it('strips terminal control sequences from listed titles', () => {
		const html = '<ul class="blogroll"><li><a href="https://boese.example/">Harmlos\u001B]52;c;ZWNobyBwd25lZA==\u0007\u001B[2J</a></li></ul>';
		const [site] = findHtmlBlogrolls(html, 'https://kreidezeit.de/').listed;
		expect(site!.title).toBe('Harmlos');
		const [listed] = listedInOpml('<opml><body><outline text="Böse&#27;[31mrot" xmlUrl="https://boese.example/feed"/></body></opml>');
		expect(listed!.title).not.toMatch(/\u001B/);
	});

	it('ignores links that are not http(s), however they are written', () => {
		const html = '<a href="javascript:alert(1)">x</a><a href=" data:text/html,hi">y</a><a href="file:///etc/passwd">z</a><a href="//cdn.example/x">w</a>';
		expect(countLinksBySite(html, null).size).toBe(0);
	});
});
