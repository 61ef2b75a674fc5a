import {afterEach, describe, expect, it} from 'vitest';
import {discoverFeeds} from '../../source/feeds/discover.js';
import {createHttpClient} from '../../source/feeds/http.js';
import {isFailure} from '../../source/failure.js';
import {isTerminalSafe} from '../../source/text/sanitize.js';
import {findClosedPort, startTestServer, type TestServer} from '../helpers/http-test-server.js';

const servers: TestServer[] = [];
async function serve(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
	const server = await startTestServer(...args);
	servers.push(server);
	return server;
}

afterEach(async () => {
	await Promise.all(servers.splice(0).map((server) => server.close()));
});

const http = () => createHttpClient({retryDelayMs: 10});

const RSS_TYPE = {'Content-Type': 'application/rss+xml; charset=UTF-8'};
const HTML_TYPE = {'Content-Type': 'text/html; charset=UTF-8'};

function postsFeed(siteUrl: string, title = 'Coaching mit Herz – Sabine Größ'): string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
	<title>${title}</title>
	<atom:link href="${siteUrl}feed/" rel="self" type="application/rss+xml" />
	<link>${siteUrl}</link>
	<description>Systemisches Coaching in Köln für Selbstständige</description>
	<language>de-DE</language>
	<item>
		<title>„Ich schaffe das nicht“ – wie Sie den inneren Kritiker leiser stellen</title>
		<link>${siteUrl}innerer-kritiker/</link>
		<dc:creator><![CDATA[Sabine Größ]]></dc:creator>
		<pubDate>Fri, 20 Nov 2026 07:30:00 +0000</pubDate>
		<guid isPermaLink="false">${siteUrl}?p=412</guid>
		<description><![CDATA[Kennen Sie das? Der Auftrag ist da, und trotzdem flüstert es: „Das kannst du nicht.“]]></description>
		<content:encoded><![CDATA[<p>Kennen Sie das? Der Auftrag ist da, und trotzdem flüstert es: „Das kannst du nicht.“</p><p>Drei Übungen für den Alltag.</p>]]></content:encoded>
	</item>
</channel>
</rss>`;
}

function commentsFeed(siteUrl: string): string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
	<title>Kommentare für Coaching mit Herz – Sabine Größ</title>
	<link>${siteUrl}</link>
	<description>Systemisches Coaching in Köln für Selbstständige</description>
	<item>
		<title>Kommentar zu „Ich schaffe das nicht“ von Jürgen</title>
		<link>${siteUrl}innerer-kritiker/#comment-88</link>
		<dc:creator><![CDATA[Jürgen]]></dc:creator>
		<pubDate>Sat, 21 Nov 2026 18:02:11 +0000</pubDate>
		<guid isPermaLink="false">${siteUrl}?p=412#comment-88</guid>
		<description><![CDATA[Danke, die zweite Übung hat mir sehr geholfen!]]></description>
	</item>
</channel>
</rss>`;
}

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
	<title>Notizen einer Freiberuflerin</title>
	<link href="https://notizen-freiberuflerin.de/"/>
	<id>https://notizen-freiberuflerin.de/</id>
	<updated>2026-11-19T09:00:00+01:00</updated>
	<entry>
		<title>Angebote schreiben, die überzeugen</title>
		<link href="https://notizen-freiberuflerin.de/angebote/"/>
		<id>https://notizen-freiberuflerin.de/angebote/</id>
		<updated>2026-11-19T09:00:00+01:00</updated>
		<summary>Fünf Fehler, die ich früher gemacht habe – und was ich heute anders mache.</summary>
	</entry>
</feed>`;

function homePage(head: string, body = ''): string {
	return `<!DOCTYPE html>
<html lang="de-DE">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Coaching mit Herz &#8211; Sabine Größ &#8211; Systemisches Coaching in Köln</title>
${head}
<link rel='stylesheet' id='wp-block-library-css' href='/wp-includes/css/dist/block-library/style.min.css?ver=6.4.2' media='all' />
<link rel="https://api.w.org/" href="/wp-json/" />
<link rel="EditURI" type="application/rsd+xml" title="RSD" href="/xmlrpc.php?rsd" />
</head>
<body class="home blog wp-embed-responsive">
<header class="site-header"><p class="site-title"><a href="/">Coaching mit Herz</a></p></header>
<main><article class="post-412 post type-post status-publish"><h2><a href="/innerer-kritiker/">„Ich schaffe das nicht“</a></h2>
<p>Kennen Sie das? Der Auftrag ist da, und trotzdem flüstert es …</p></article>${body}</main>
<footer>© 2026 Sabine Größ · <a href="/impressum/">Impressum</a> · <a href="/datenschutz/">Datenschutzerklärung</a></footer>
</body>
</html>`;
}

describe('discoverFeeds', () => {
	it('finds both WordPress feeds of a home page and puts the posts feed before the comment feed', async () => {
		const server = await serve();
		const site = server.url('/');
		server.route('/', {
			headers: HTML_TYPE,
			body: homePage(`<link rel="alternate" type="application/rss+xml" title="Coaching mit Herz &raquo; Kommentar-Feed" href="${site}comments/feed/" />
<link rel="alternate" type="application/rss+xml" title="Coaching mit Herz &raquo; Feed" href="${site}feed/" />
<link rel="alternate" type="application/json" href="${site}wp-json/wp/v2/pages/12" />`),
		});
		server.route('/wp-json/wp/v2/pages/12', {
			headers: {'Content-Type': 'application/json; charset=UTF-8'},
			body: JSON.stringify({id: 12, slug: 'startseite', title: {rendered: 'Startseite'}, content: {rendered: '<p>Willkommen!</p>'}}),
		});
		server.route('/feed/', {headers: {...RSS_TYPE, ETag: '"wp-412"'}, body: postsFeed(site)});
		server.route('/comments/feed/', {headers: RSS_TYPE, body: commentsFeed(site)});

		const result = await discoverFeeds(http(), site);
		if (isFailure(result)) throw new Error(result.message);
		expect(result.candidates.map((candidate) => candidate.url)).toEqual([server.url('/feed/'), server.url('/comments/feed/')]);
		const [posts] = result.candidates;
		expect(posts?.title).toBe('Coaching mit Herz – Sabine Größ');
		expect(posts?.format).toBe('rss');
		expect(posts?.feed.items[0]?.title).toBe('„Ich schaffe das nicht“ – wie Sie den inneren Kritiker leiser stellen');
		expect(posts?.meta.etag).toBe('"wp-412"');
	});

	it('resolves relative feed links against <base href> and reads rel and type case-insensitively', async () => {
		const server = await serve({
			'/blog/': {
				headers: HTML_TYPE,
				body: homePage('<base href="/blog/"><link rel="Alternate Home" type="Application/Atom+XML" title="Notizen" href="atom.xml">'),
			},
			'/blog/atom.xml': {headers: {'Content-Type': 'application/atom+xml'}, body: ATOM},
		});
		const result = await discoverFeeds(http(), server.url('/blog/'));
		if (isFailure(result)) throw new Error(result.message);
		expect(result.candidates).toHaveLength(1);
		expect(result.candidates[0]).toMatchObject({url: server.url('/blog/atom.xml'), title: 'Notizen einer Freiberuflerin', format: 'atom'});
	});

	it('drops linked feeds that do not work and feeds linked twice', async () => {
		const server = await serve();
		const site = server.url('/');
		server.route('/', {
			headers: HTML_TYPE,
			body: homePage(`<link rel="alternate" type="application/rss+xml" title="Alter Feed" href="/alter-feed.xml">
<link rel="alternate" type="application/rss+xml" title="Feed" href="/feed">
<link rel="alternate" type="application/rss+xml" title="Feed" href="/feed/">
<link rel="alternate" type="application/rss+xml" title="Skript" href="javascript:alert(1)">`),
		});
		server.route('/feed', {status: 301, headers: {Location: '/feed/'}});
		server.route('/feed/', {headers: RSS_TYPE, body: postsFeed(site)});
		const result = await discoverFeeds(http(), site);
		if (isFailure(result)) throw new Error(result.message);
		expect(result.candidates.map((candidate) => candidate.url)).toEqual([server.url('/feed/')]);
	});

	it('finds /feed/ when the page links no feed', async () => {
		const server = await serve();
		const site = server.url('/');
		server.route('/', {headers: HTML_TYPE, body: homePage('')});
		server.route('/feed', {status: 301, headers: {Location: '/feed/'}});
		server.route('/feed/', {headers: RSS_TYPE, body: postsFeed(site)});
		const result = await discoverFeeds(http(), site);
		if (isFailure(result)) throw new Error(result.message);
		expect(result.candidates.map((candidate) => candidate.url)).toEqual([server.url('/feed/')]);
		expect(server.requests.map((request) => request.path)).not.toContain('/rss.xml');
	});

	it('finds a WordPress feed at ?feed=rss2 when pretty permalinks are off', async () => {
		const server = await serve();
		const site = server.url('/');
		server.route('/?feed=rss2', {headers: RSS_TYPE, body: postsFeed(site)});
		server.route('/', {headers: HTML_TYPE, body: homePage('')});
		const result = await discoverFeeds(http(), site);
		if (isFailure(result)) throw new Error(result.message);
		expect(result.candidates.map((candidate) => candidate.url)).toEqual([`${site}?feed=rss2`]);
	});

	it('prefers the blog feed at the site root over the comment feed of an article page', async () => {
		const server = await serve();
		const site = server.url('/');
		server.route('/innerer-kritiker/', {headers: HTML_TYPE, body: homePage('')});
		server.route('/innerer-kritiker/feed/', {headers: RSS_TYPE, body: commentsFeed(site)});
		server.route('/feed/', {headers: RSS_TYPE, body: postsFeed(site)});
		const result = await discoverFeeds(http(), server.url('/innerer-kritiker/'));
		if (isFailure(result)) throw new Error(result.message);
		expect(result.candidates.map((candidate) => candidate.url)).toEqual([server.url('/feed/'), server.url('/innerer-kritiker/feed/')]);
	});

	it('falls back to a feed that the page only links with <a href>', async () => {
		const server = await serve();
		const site = server.url('/');
		server.route('/', {headers: HTML_TYPE, body: homePage('', '<aside><a href="/podcast/folgen.rss">Podcast abonnieren (RSS)</a></aside>')});
		server.route('/podcast/folgen.rss', {headers: RSS_TYPE, body: postsFeed(site, 'Der Freiberufler-Podcast')});
		const result = await discoverFeeds(http(), site);
		if (isFailure(result)) throw new Error(result.message);
		expect(result.candidates.map((candidate) => candidate.title)).toEqual(['Der Freiberufler-Podcast']);
	});

	it('returns a feed url as its own single candidate', async () => {
		const server = await serve({'/atom.xml': {headers: {'Content-Type': 'application/atom+xml'}, body: ATOM}});
		const result = await discoverFeeds(http(), server.url('/atom.xml'));
		if (isFailure(result)) throw new Error(result.message);
		expect(result.candidates).toHaveLength(1);
		expect(Object.keys(result.candidates[0] ?? {}).sort()).toEqual(['answer', 'feed', 'format', 'isComments', 'meta', 'title', 'url']);
		expect(result.candidates[0]).toMatchObject({url: server.url('/atom.xml'), format: 'atom', title: 'Notizen einer Freiberuflerin'});
		expect(server.requests).toHaveLength(1);
	});

	it('recognises a feed that the server sends as text/html', async () => {
		const server = await serve();
		server.route('/feed/', {headers: HTML_TYPE, body: postsFeed(server.url('/'))});
		const result = await discoverFeeds(http(), server.url('/feed/'));
		expect(isFailure(result) ? result.message : result.candidates.map((candidate) => candidate.url)).toEqual([server.url('/feed/')]);
	});

	it('subscribes to the new url of a feed that moved permanently', async () => {
		const server = await serve();
		server.route('/rss.php', {status: 301, headers: {Location: '/feed/'}});
		server.route('/feed/', {headers: RSS_TYPE, body: postsFeed(server.url('/'))});
		const result = await discoverFeeds(http(), server.url('/rss.php'));
		expect(isFailure(result) ? result.message : result.candidates[0]?.url).toBe(server.url('/feed/'));
	});

	it('reports a site that is down as the network failure', async () => {
		const port = await findClosedPort();
		const result = await discoverFeeds(http(), `http://127.0.0.1:${port}/`);
		expect(result).toMatchObject({kind: 'failed', reason: 'network', message: `http://127.0.0.1:${port}/: connection refused`});
	});

	it('reports a page without any feed, even on a site that answers every url with a page', async () => {
		const server = await serve({'*': {headers: HTML_TYPE, body: homePage('')}});
		const result = await discoverFeeds(http(), server.url('/'));
		expect(result).toMatchObject({kind: 'failed', reason: 'no-feed'});
		expect(isFailure(result) && result.message).toMatch(new RegExp(`^No feed found at ${server.url('/').replace(/[.?]/g, '\\$&')} \\(looked for <link rel="alternate">, /feed, `));
	});

	it('refuses an image with its content type', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
		const server = await serve({'/wp-content/uploads/2026/11/portrait.png': {headers: {'Content-Type': 'image/png'}, body: png}});
		const url = server.url('/wp-content/uploads/2026/11/portrait.png');
		const result = await discoverFeeds(http(), url);
		expect(result).toMatchObject({kind: 'failed', reason: 'not-a-feed', message: `${url} is not a feed or a web page (image/png)`});
	});

	it('refuses binary data sent without a telling content type', async () => {
		const server = await serve({'/download': {headers: {'Content-Type': 'text/plain'}, body: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00])}});
		const result = await discoverFeeds(http(), server.url('/download'));
		expect(result).toMatchObject({kind: 'failed', reason: 'not-a-feed'});
		expect(isFailure(result) && result.message).toContain('binary data');
	});

	it('keeps hostile link and feed titles terminal-safe', async () => {
		const server = await serve();
		server.route('/', {
			headers: HTML_TYPE,
			body: homePage('<link rel="alternate" type="application/rss+xml" title="Feed &#x1b;]52;c;ZWNobyBib29t&#x07;&#x1b;[2J" href="/feed.json">'),
		});
		server.route('/feed.json', {
			headers: {'Content-Type': 'application/feed+json'},
			body: JSON.stringify({
				version: 'https://jsonfeed.org/version/1.1',
				title: 'Grüße-Blog\u001b]8;;https://evil.example/\u0007 \u001b[31mrot',
				items: [{id: '1', content_text: 'Grüße aus Köln'}],
			}),
		});
		const result = await discoverFeeds(http(), server.url('/'));
		if (isFailure(result)) throw new Error(result.message);
		const title = result.candidates[0]?.title ?? '';
		expect(title).toContain('Grüße-Blog');
		expect(isTerminalSafe(title)).toBe(true);
		expect(title).not.toContain('evil.example');
	});
});
