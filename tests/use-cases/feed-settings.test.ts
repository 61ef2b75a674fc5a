import {rmSync} from 'node:fs';
import iconv from 'iconv-lite';
import {afterEach, describe, expect, it} from 'vitest';
import {openConfig, type Config} from '../../source/config/config.js';
import {resolvePaths} from '../../source/config/paths.js';
import {isFailure} from '../../source/failure.js';
import {createHttpClient} from '../../source/feeds/http.js';
import {openStore} from '../../source/store/open.js';
import type {Store} from '../../source/store/types.js';
import {parseFeedSetting, setFeedSetting, showFeedSettings, unsetFeedSetting} from '../../source/use-cases/feed-settings.js';
import {refreshSubscriptions} from '../../source/use-cases/refresh-subscriptions.js';
import {makeHome} from '../helpers/cli.js';
import {startTestServer, type TestServer} from '../helpers/http-test-server.js';

const NOW = new Date('2026-11-20T10:00:00.000Z');

/** An RSS feed of a small German blog, `count` posts, newest first, each linking to `/post-N`. */
function germanFeed(origin: string, count: number, encoding = 'utf-8'): string {
	const items = Array.from({length: count}, (_, index) => {
		const n = count - index;
		return `<item><title>Beitrag ${n}: Grüße aus Köln</title><link>${origin}/post-${n}</link><guid>${origin}/post-${n}</guid>
<pubDate>${new Date(Date.UTC(2026, 10, n, 8)).toUTCString()}</pubDate><description>Kurz: „Führung“ heißt zuhören …</description></item>`;
	});
	return `<?xml version="1.0" encoding="${encoding}"?>
<rss version="2.0"><channel><title>Kreidezeit – Grüße aus der Praxis</title><link>${origin}/</link>
<description>Notizen über Führung und Schule</description>${items.join('\n')}</channel></rss>`;
}

/** A WordPress post page with enough text for the extractor. */
function postPage(n: number): string {
	const paragraph = '<p>Wer führt, hört zuerst zu. Über „Führung“ im Klassenzimmer habe ich in diesem Jahr mehr gelernt als in zehn Jahren Fortbildung, und zwar von den Schülerinnen selbst.</p>';
	return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Beitrag ${n}</title></head><body>
<nav class="menu"><a href="/">Start</a></nav><main><article class="post type-post hentry"><h1 class="entry-title">Beitrag ${n}: Grüße aus Köln</h1>
<div class="entry-content">${paragraph.repeat(6)}<p>Ganzer Text von Beitrag ${n}.</p></div></article></main>
<footer>Impressum · Datenschutz</footer></body></html>`;
}

describe('per-feed settings in the refresh', () => {
	const cleanup: (() => Promise<void> | void)[] = [];
	afterEach(async () => {
		for (const step of cleanup.splice(0).reverse()) await step();
	});

	async function world(routes: Parameters<typeof startTestServer>[0] = {}): Promise<{config: Config; store: Store; server: TestServer; refresh: (force?: boolean) => ReturnType<typeof refreshSubscriptions>}> {
		const home = makeHome();
		const config = openConfig(resolvePaths({BLOGROLL_HOME: home}));
		if (isFailure(config)) throw new Error(config.message);
		const store = openStore(':memory:', {now: () => NOW});
		const server = await startTestServer(routes);
		cleanup.push(() => rmSync(home, {recursive: true, force: true}), () => store.close(), () => server.close());
		const http = createHttpClient({retryDelayMs: 1});
		const refresh = (force = true) => refreshSubscriptions({config, store, http, now: () => NOW}, {force});
		return {config, store, server, refresh};
	}

	function subscribe(config: Config, url: string): void {
		config.addSubscription({url, title: null, tags: [], fullArticle: false, addedAt: NOW.toISOString()});
	}

	it('sends the feed’s own User-Agent, and blogroll’s to the other feeds', async () => {
		const {config, server, refresh} = await world();
		server.route('/a.xml', {headers: {'Content-Type': 'application/rss+xml'}, body: germanFeed(server.origin, 2)});
		server.route('/b.xml', {headers: {'Content-Type': 'application/rss+xml'}, body: germanFeed(server.origin, 2)});
		subscribe(config, server.url('/a.xml'));
		subscribe(config, server.url('/b.xml'));
		expect(setFeedSetting({config}, server.url('/a.xml'), 'user-agent', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0')).not.toHaveProperty('kind');
		await refresh();
		const agentOf = (path: string) => server.requests.find(request => request.path === path)?.headers['user-agent'];
		expect(agentOf('/a.xml')).toBe('Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0');
		expect(agentOf('/b.xml')).toMatch(/^blogroll\//);
	});

	it('decodes with the feed’s charset override: Mac Roman bytes under a UTF-8 label read „Grüße“', async () => {
		const {config, store, server, refresh} = await world();
		// An old blog written on a Mac: the server and the declaration both claim UTF-8.
		server.route('/feed.xml', {headers: {'Content-Type': 'application/rss+xml; charset=utf-8'}, body: iconv.encode(germanFeed(server.origin, 1), 'macintosh')});
		const url = server.url('/feed.xml');
		subscribe(config, url);
		await refresh();
		const before = store.getFeedByUrl(url)!.title;
		expect(before).not.toContain('Grüße');
		expect(setFeedSetting({config}, url, 'charset', 'x-mac-roman')).toMatchObject({charset: 'macintosh'});
		await refresh();
		expect(store.getFeedByUrl(url)!.title).toBe('Kreidezeit – Grüße aus der Praxis');
		const [entry] = store.listEntries({}, {offset: 0, limit: 10});
		expect(entry!.title).toBe('Beitrag 1: Grüße aus Köln');
	});

	it('fetches unconditionally after a charset change, though the server would answer 304', async () => {
		const {config, store, server, refresh} = await world();
		const body = iconv.encode(germanFeed(server.origin, 1), 'macintosh');
		server.route('/feed.xml', (request, response) => {
			if (request.headers['if-none-match'] === '"v1"') {
				response.writeHead(304, {ETag: '"v1"'});
				response.end();
				return;
			}
			response.writeHead(200, {'Content-Type': 'application/rss+xml; charset=utf-8', ETag: '"v1"'});
			response.end(body);
		});
		const url = server.url('/feed.xml');
		subscribe(config, url);
		await refresh();
		expect((await refresh()).results[0]).toMatchObject({outcome: 'not-modified'});
		setFeedSetting({config, store}, url, 'charset', 'macintosh');
		// Not forced: the change made the feed due, and it is asked without its validators.
		const outcome = await refresh(false);
		expect(outcome.results[0]).toMatchObject({outcome: 'updated', updatedEntries: 1});
		expect(store.getFeedByUrl(url)!.title).toBe('Kreidezeit – Grüße aus der Praxis');
		expect(store.listEntries({}, {offset: 0, limit: 10}).map(entry => entry.title)).toEqual(['Beitrag 1: Grüße aus Köln']);
	});

	it('makes the feed due at once when its interval changes', async () => {
		const {config, store, server, refresh} = await world();
		server.route('/feed.xml', {headers: {'Content-Type': 'application/rss+xml'}, body: germanFeed(server.origin, 1)});
		const url = server.url('/feed.xml');
		subscribe(config, url);
		await refresh();
		expect((await refresh(false)).notDue).toBe(1);
		setFeedSetting({config, store}, url, 'interval', '4h');
		expect((await refresh(false)).notDue).toBe(0);
		expect(store.getFeedByUrl(url)!.nextFetchAt).toBe('2026-11-20T14:00:00.000Z');
	});

	it('never fetches a paused feed, not even with --force, and keeps its entries readable', async () => {
		const {config, store, server, refresh} = await world();
		server.route('/feed.xml', {headers: {'Content-Type': 'application/rss+xml'}, body: germanFeed(server.origin, 3)});
		const url = server.url('/feed.xml');
		subscribe(config, url);
		await refresh();
		expect(server.requests).toHaveLength(1);
		setFeedSetting({config}, url, 'paused', 'on');
		const outcome = await refresh(true);
		expect(server.requests).toHaveLength(1);
		expect(outcome.paused).toBe(1);
		expect(outcome.results).toEqual([]);
		expect(store.countEntries({}).total).toBe(3);
		unsetFeedSetting({config}, url, 'paused');
		expect((await refresh(true)).paused).toBe(0);
		expect(server.requests).toHaveLength(2);
	});

	it('keeps only the newest max-entries entries (starred ones stay), at once and on each refresh', async () => {
		const {config, store, server, refresh} = await world();
		server.route('/feed.xml', {headers: {'Content-Type': 'application/rss+xml'}, body: germanFeed(server.origin, 5)});
		const url = server.url('/feed.xml');
		subscribe(config, url);
		await refresh();
		const titles = () => store.listEntries({}, {offset: 0, limit: 20}).map(entry => entry.title.split(':')[0]);
		expect(titles()).toEqual(['Beitrag 5', 'Beitrag 4', 'Beitrag 3', 'Beitrag 2', 'Beitrag 1']);
		const oldest = store.listEntries({}, {offset: 4, limit: 1})[0]!;
		store.setStarred(oldest.id, true);
		setFeedSetting({config, store}, url, 'max-entries', '2');
		expect(titles()).toEqual(['Beitrag 5', 'Beitrag 4', 'Beitrag 1']);
		// The feed grows by one post: still the two newest (and the starred one).
		server.route('/feed.xml', {headers: {'Content-Type': 'application/rss+xml'}, body: germanFeed(server.origin, 6)});
		const outcome = await refresh();
		expect(outcome.results[0]).toMatchObject({newEntries: 1});
		expect(titles()).toEqual(['Beitrag 6', 'Beitrag 5', 'Beitrag 1']);
	});

	it('fetches the full article of each new entry of a full-article feed, and of no other feed', async () => {
		const {config, store, server, refresh} = await world();
		server.route('/full.xml', {headers: {'Content-Type': 'application/rss+xml'}, body: germanFeed(server.origin, 2)});
		server.route('/other.xml', {headers: {'Content-Type': 'application/rss+xml'}, body: germanFeed(`${server.origin}/other`, 1)});
		for (const n of [1, 2]) server.route(`/post-${n}`, {headers: {'Content-Type': 'text/html; charset=utf-8'}, body: postPage(n)});
		server.route(`/other/post-1`, {headers: {'Content-Type': 'text/html; charset=utf-8'}, body: postPage(9)});
		subscribe(config, server.url('/full.xml'));
		subscribe(config, server.url('/other.xml'));
		setFeedSetting({config}, server.url('/full.xml'), 'full-article', 'on');
		await refresh();
		const feed = store.getFeedByUrl(server.url('/full.xml'))!;
		const entries = store.listEntries({feedIds: [feed.id]}, {offset: 0, limit: 10}).map(entry => store.getEntry(entry.id)!);
		expect(entries.map(entry => entry.fullContent ?? '')).toEqual([expect.stringContaining('Ganzer Text von Beitrag 2.'), expect.stringContaining('Ganzer Text von Beitrag 1.')]);
		expect(server.requests.some(request => request.path === '/other/post-1')).toBe(false);
		// Entries that have their article are not fetched again.
		const pages = server.requests.filter(request => request.path.startsWith('/post-')).length;
		await refresh();
		expect(server.requests.filter(request => request.path.startsWith('/post-')).length).toBe(pages);
	});

	it('schedules the next fetch by the feed’s own interval', async () => {
		const {config, store, server, refresh} = await world();
		server.route('/a.xml', {headers: {'Content-Type': 'application/rss+xml'}, body: germanFeed(server.origin, 1)});
		server.route('/b.xml', {headers: {'Content-Type': 'application/rss+xml'}, body: germanFeed(server.origin, 1)});
		subscribe(config, server.url('/a.xml'));
		subscribe(config, server.url('/b.xml'));
		setFeedSetting({config}, server.url('/a.xml'), 'interval', '6h');
		await refresh();
		expect(store.getFeedByUrl(server.url('/a.xml'))!.nextFetchAt).toBe('2026-11-20T16:00:00.000Z');
		expect(store.getFeedByUrl(server.url('/b.xml'))!.nextFetchAt).toBe('2026-11-20T10:30:00.000Z');
	});
});

describe('feed settings: values and errors', () => {
	it.each([
		['interval', '90', {refreshIntervalMinutes: 90}],
		['interval', '2h', {refreshIntervalMinutes: 120}],
		['interval', '1d', {refreshIntervalMinutes: 1440}],
		['max-entries', '200', {maxEntries: 200}],
		['charset', 'Latin1', {charset: 'windows-1252'}],
		['charset', 'ISO-8859-15', {charset: 'iso-8859-15'}],
		['full-article', 'on', {fullArticle: true}],
		['paused', 'ja', {paused: true}],
		['paused', 'off', {paused: false}],
		// A note is one line: a pasted line break becomes a space, control characters go.
		['note', '  Ehrlich über den Schulalltag,\njede Woche „frisch“ \u001b[31m ', {note: 'Ehrlich über den Schulalltag, jede Woche „frisch“'}],
	] as const)('%s %s', (key, value, patch) => {
		expect(parseFeedSetting(key, value)).toEqual(patch);
	});

	it.each([
		['interval', 'bald', 'interval must be minutes between 1 and 10080 (or like 2h, 1d), not "bald"'],
		['interval', '0', 'interval must be minutes between 1 and 10080 (or like 2h, 1d), not "0"'],
		['interval', '8d', 'interval must be minutes between 1 and 10080 (or like 2h, 1d), not "8d"'],
		['max-entries', '-3', 'max-entries must be a whole number between 1 and 1000000, not "-3"'],
		['max-entries', '2.5', 'max-entries must be a whole number between 1 and 1000000, not "2.5"'],
		['charset', 'klingonisch', 'charset "klingonisch" is not an encoding blogroll knows (for example utf-8, windows-1252, iso-8859-15, macintosh)'],
		['user-agent', 'Bot\r\nX-Evil: 1', 'user-agent must be 1 to 512 printable ASCII characters, not "Bot X-Evil: 1"'],
		['full-article', 'vielleicht', 'full-article must be on or off, not "vielleicht"'],
		['note', 'Ä'.repeat(281), 'note must be 1 to 280 characters on one line, not 281'],
	] as const)('%s %s is refused in one line', (key, value, message) => {
		const result = parseFeedSetting(key, value);
		expect(result).toMatchObject({kind: 'failed', message});
		expect(message).not.toContain('\n');
	});

	it('sets, shows and unsets, keeping the other settings and the order of the subscriptions', () => {
		const home = makeHome();
		try {
			const config = openConfig(resolvePaths({BLOGROLL_HOME: home}));
			if (isFailure(config)) throw new Error(config.message);
			for (const url of ['https://kreidezeit.example/feed/', 'https://werkbank.example/rss']) {
				config.addSubscription({url, title: null, tags: ['Schule'], fullArticle: false, addedAt: NOW.toISOString()});
			}
			const url = 'https://kreidezeit.example/feed/';
			setFeedSetting({config}, url, 'interval', '2h');
			setFeedSetting({config}, url, 'maxEntries', '50');
			expect(setFeedSetting({config}, url, 'tempo', '3')).toMatchObject({kind: 'failed', message: 'Unknown feed setting "tempo"; one of: interval, max-entries, user-agent, charset, full-article, paused, note'});
			expect(showFeedSettings({config}, url)).toMatchObject({refreshIntervalMinutes: 120, maxEntries: 50, paused: false, own: ['interval', 'max-entries']});
			unsetFeedSetting({config}, url, 'interval');
			expect(showFeedSettings({config}, url)).toMatchObject({refreshIntervalMinutes: 30, maxEntries: 50, own: ['max-entries']});
			expect(config.subscriptions().map(subscription => subscription.url)).toEqual([url, 'https://werkbank.example/rss']);
			expect(config.subscriptions()[0]).toEqual({url, title: null, tags: ['Schule'], fullArticle: false, addedAt: NOW.toISOString(), maxEntries: 50});
		} finally {
			rmSync(home, {recursive: true, force: true});
		}
	});
});
