// Blogroll pointers found while adding and refreshing (issue 13): the feed's channel
// (<source:blogroll>, <blogChannel:blogRoll>), the HTTP Link header, <link rel="blogroll"> in
// the page `add` discovered from; recorded by the sync layer, used by suggest without a
// request for the feed.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {blogrollsOfFeedAnswer, blogrollsOfPageAnswer} from '../../source/discover/feed-pointers.js';
import {openConfig} from '../../source/config/config.js';
import {resolvePaths} from '../../source/config/paths.js';
import {isFailure} from '../../source/failure.js';
import {createHttpClient} from '../../source/feeds/http.js';
import {openStore} from '../../source/store/open.js';
import {refreshFeeds} from '../../source/sync/refresh.js';
import {subscribe} from '../../source/use-cases/subscribe.js';
import {suggest} from '../../source/use-cases/suggest.js';
import {makeHome} from '../helpers/cli.js';
import {startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';

const answer = (body: string, link: string | null = null, contentType = 'application/rss+xml; charset=utf-8') => ({
	url: 'https://morgenkreis.example/feed/',
	body: Buffer.from(body, 'utf8'),
	contentType,
	link,
});

function rss(channelExtra: string, namespaces = 'xmlns:source="http://source.scripting.com/"'): string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" ${namespaces}>
<channel>
	<title>Morgenkreis – Notizen aus der Grundschule</title>
	<link>https://morgenkreis.example/</link>
	<description>Über Schule, Kinder und „gute Fragen“</description>
	<language>de-DE</language>
	${channelExtra}
	<item>
		<title>Warum wir montags singen</title>
		<link>https://morgenkreis.example/2026/11/montags-singen/</link>
		<guid>https://morgenkreis.example/?p=88</guid>
		<pubDate>Mon, 16 Nov 2026 07:30:00 +0100</pubDate>
		<description><![CDATA[<p>Ein Lied, und die Woche fängt gut an. Mehr in meiner Blogroll.</p>]]></description>
	</item>
</channel>
</rss>`;
}

describe('blogroll pointers in answers fetched anyway', () => {
	it('reads <source:blogroll> and <blogChannel:blogRoll> from the channel, relative urls resolved', () => {
		expect(blogrollsOfFeedAnswer(answer(rss('<source:blogroll>/lesenswert.opml</source:blogroll>')))).toEqual(['https://morgenkreis.example/lesenswert.opml']);
		const older = rss('<bc:blogRoll>https://morgenkreis.example/blogroll.opml</bc:blogRoll>', 'xmlns:bc="http://backend.userland.com/blogChannelModule"');
		expect(blogrollsOfFeedAnswer(answer(older))).toEqual(['https://morgenkreis.example/blogroll.opml']);
	});

	it('reads the Link header of the feed’s answer, and finds nothing in a channel that names no blogroll', () => {
		expect(blogrollsOfFeedAnswer(answer(rss(''), '<https://morgenkreis.example/empfehlungen.opml>; rel="blogroll"; type="text/x-opml"'))).toEqual([
			'https://morgenkreis.example/empfehlungen.opml',
		]);
		// "Blogroll" in a post is no pointer: only the channel before the first item is looked at.
		expect(blogrollsOfFeedAnswer(answer(rss('')))).toEqual([]);
		// An element of another namespace with the same local name is not the blogroll element.
		expect(blogrollsOfFeedAnswer(answer(rss('<x:blogroll>https://andere.example/x.opml</x:blogroll>', 'xmlns:x="https://andere.example/ns"')))).toEqual([]);
	});

	it('reads <link rel="blogroll"> in a page’s head, whatever its type, and the page’s Link header', () => {
		const page = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Über uns – Morgenkreis</title>
			<link rel="alternate" type="application/rss+xml" title="Morgenkreis » Feed" href="/feed/">
			<link rel="blogroll" type="text/x-opml" href="/freunde.opml" title="Blogs, die ich lese">
			</head><body><p>Wir schreiben über Schule.</p><a rel="blogroll" href="/nicht-im-kopf.opml">Liste</a></body></html>`;
		expect(
			blogrollsOfPageAnswer({url: 'https://morgenkreis.example/ueber-uns/', body: Buffer.from(page), contentType: 'text/html; charset=utf-8', link: '<../empfehlungen.opml>; rel=blogroll'}),
		).toEqual(['https://morgenkreis.example/freunde.opml', 'https://morgenkreis.example/empfehlungen.opml']);
	});
});

describe('recorded while adding and refreshing, used by suggest', () => {
	let server: FixtureServer;
	const opml = (title: string, site: string) =>
		`<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>${title}</title></head><body><outline text="${site}" htmlUrl="https://${site}/" xmlUrl="https://${site}/feed/"/></body></opml>`;

	beforeAll(async () => {
		server = await startFixtureServer({host: '127.0.0.4'});
		const base = server.url;
		server.setRoute('/ueber-uns/', {
			headers: {'Content-Type': 'text/html; charset=utf-8'},
			body: `<!doctype html><html lang="de"><head><title>Über uns</title><link rel="alternate" type="application/rss+xml" href="${base}/feed/"><link rel="blogroll" href="/freunde.opml"></head><body><p>Hallo!</p></body></html>`,
		});
		server.setRoute('/', {headers: {'Content-Type': 'text/html; charset=utf-8'}, body: '<!doctype html><html lang="de"><head><title>Morgenkreis</title></head><body><p>Willkommen</p></body></html>'});
		server.setRoute('/feed/', {
			headers: {'Content-Type': 'application/rss+xml; charset=utf-8', Link: `<${base}/empfehlungen.opml>; rel="blogroll"`, ETag: '"v1"'},
			body: rss(`<source:blogroll>${base}/lesenswert.opml</source:blogroll>`).replaceAll('https://morgenkreis.example', base),
		});
		server.setRoute('/freunde.opml', {headers: {'Content-Type': 'text/x-opml'}, body: opml('Freunde', 'tafelrunde.example')});
		server.setRoute('/lesenswert.opml', {headers: {'Content-Type': 'text/x-opml'}, body: opml('Lesenswert', 'werkstattnotizen.example')});
		server.setRoute('/empfehlungen.opml', {headers: {'Content-Type': 'text/x-opml'}, body: opml('Empfehlungen', 'elternabend.example')});
	});

	afterAll(async () => {
		await server.close();
	});

	it('add records the page’s and the feed’s pointers; suggest reads all three blogrolls without asking for the feed again; a refresh rewrites them', async () => {
		const config = openConfig(resolvePaths({BLOGROLL_HOME: makeHome()}));
		if (isFailure(config)) throw new Error(config.message);
		const store = openStore(':memory:');
		const http = createHttpClient({retryDelayMs: 10});
		const feedUrl = `${server.url}/feed/`;
		const added = await subscribe({url: `${server.url}/ueber-uns/`}, {config, store, http, now: new Date()});
		expect(added).toMatchObject({kind: 'added', url: feedUrl});
		expect(store.discover().getPointers(feedUrl)).toEqual({
			feed: [`${server.url}/lesenswert.opml`, `${server.url}/empfehlungen.opml`],
			page: [`${server.url}/freunde.opml`],
		});

		server.requests.length = 0;
		await suggest({maxNewProbes: 1}, {config, store, http, now: () => new Date()});
		expect(server.requests.map(request => request.path)).not.toContain('/feed/');
		const blogrolls = store
			.discover()
			.listEvidence()
			.filter(row => row.kind === 'blogroll')
			.map(row => [row.site, row.via]);
		expect(blogrolls).toEqual([
			['elternabend.example', `${server.url}/empfehlungen.opml`],
			['tafelrunde.example', `${server.url}/freunde.opml`],
			['werkstattnotizen.example', `${server.url}/lesenswert.opml`],
		]);

		// The blogroll element goes away: the next 200 says so.
		server.setRoute('/feed/', {headers: {'Content-Type': 'application/rss+xml; charset=utf-8', ETag: '"v2"'}, body: rss('').replaceAll('https://morgenkreis.example', server.url)});
		const report = await refreshFeeds({http, store}, [feedUrl], {force: true, intervalMinutes: 60});
		expect(report.results[0]).toMatchObject({outcome: 'updated'});
		expect(store.discover().getPointers(feedUrl)).toEqual({feed: [], page: [`${server.url}/freunde.opml`]});
		store.close();
	});
});
