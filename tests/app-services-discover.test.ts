// The reader's Services for Discover over the real suggest use case: a followed blog on
// 127.0.0.2 whose blogroll (/.well-known/recommendations.opml) lists Klartext on 127.0.0.3.
import {rmSync} from 'node:fs';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createAppServices} from '../source/app-services.js';
import {openConfig, type Config} from '../source/config/config.js';
import {resolvePaths} from '../source/config/paths.js';
import {isFailure} from '../source/failure.js';
import {createHttpClient} from '../source/feeds/http.js';
import {openStore} from '../source/store/open.js';
import type {Store} from '../source/store/types.js';
import type {Services, SuggestionPreview} from '../source/ui/services.js';
import {makeHome} from './helpers/cli.js';
import {fixturePaths, startFixtureServer, type FixtureServer} from './helpers/fixture-server.js';

const NOW = new Date('2026-11-20T10:00:00.000Z');

let followed: FixtureServer;
let klartext: FixtureServer;
const opened: {home: string; store: Store}[] = [];

beforeAll(async () => {
	followed = await startFixtureServer({host: '127.0.0.2'});
	klartext = await startFixtureServer({host: '127.0.0.3'});
	followed.setRoute('/.well-known/recommendations.opml', {
		headers: {'Content-Type': 'text/x-opml; charset=utf-8'},
		body: [
			'<?xml version="1.0" encoding="UTF-8"?>',
			'<opml version="2.0"><head><title>Blogs, die ich lese</title></head><body>',
			`<outline text="Klartext" xmlUrl="${klartext.url}${fixturePaths.klartext.feed}" htmlUrl="${klartext.url}${fixturePaths.klartext.home}"/>`,
			'</body></opml>',
		].join('\n'),
	});
});

afterAll(async () => {
	await Promise.all([followed.close(), klartext.close()]);
});

afterEach(() => {
	for (const {home, store} of opened.splice(0)) {
		store.close();
		rmSync(home, {recursive: true, force: true});
	}
});

async function world(): Promise<{config: Config; store: Store; services: Services}> {
	const home = makeHome();
	const config = openConfig(resolvePaths({BLOGROLL_HOME: home}));
	if (isFailure(config)) throw new Error(config.message);
	const store = openStore(':memory:', {now: () => NOW});
	opened.push({home, store});
	const http = createHttpClient();
	const services = createAppServices({config, store, http: () => http, env: {}, language: 'de', now: () => NOW});
	const added = await services.addFeed(`${followed.url}${fixturePaths.kreidezeit.feed}`);
	expect(added.kind).toBe('added');
	return {config, store, services};
}

describe('Discover through the Services', () => {
	it('lists nothing without a request until a probe finds the blogroll’s sites, then lists them offline', async () => {
		const {services} = await world();
		klartext.requests.length = 0;
		expect(await services.listSuggestions()).toEqual([]);
		expect(klartext.requests).toEqual([]);

		const progress: {done: number; total: number}[] = [];
		const found = await services.findSuggestions({refresh: false}, step => progress.push(step));
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({
			site: '127.0.0.3',
			title: 'Klartext – Kommunikation ohne Umwege',
			feedUrl: `${klartext.url}${fixturePaths.klartext.feed}`,
			dormant: false,
			reasons: [{kind: 'blogroll', feed: 'Kreidezeit'}],
		});
		expect(progress.at(-1)).toEqual({done: 1, total: 1});

		klartext.requests.length = 0;
		expect((await services.listSuggestions()).map(suggestion => suggestion.site)).toEqual(['127.0.0.3']);
		expect(klartext.requests).toEqual([]);
	});

	it('previews the latest posts newest first, under ids no entry has, and stores nothing', async () => {
		const {config, store, services} = await world();
		const before = {feeds: config.subscriptions().length, entries: store.countEntries({}).total};
		const first = (await services.previewSuggestion(`${klartext.url}${fixturePaths.klartext.feed}`)) as SuggestionPreview;
		expect(isFailure(first)).toBe(false);
		expect(first.title).toBe('Klartext – Kommunikation ohne Umwege');
		expect(first.posts.length).toBeGreaterThan(1);
		const dates = first.posts.map(post => post.date);
		expect([...dates].sort().reverse()).toEqual(dates);
		expect(first.posts[0]!.content).toContain('<p>');
		const again = (await services.previewSuggestion(`${klartext.url}${fixturePaths.klartext.feed}`)) as SuggestionPreview;
		const ids = [...first.posts, ...again.posts].map(post => post.id);
		expect(ids.every(id => id < 0)).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
		expect({feeds: config.subscriptions().length, entries: store.countEntries({}).total}).toEqual(before);
	});

	it('reads a previewed post’s page for `f` and stores nothing; a page that cannot be read is a failure naming its url', async () => {
		const {config, store, services} = await world();
		const before = {feeds: config.subscriptions().length, entries: store.countEntries({}).total};
		expect(isFailure(await services.previewSuggestion(`${klartext.url}${fixturePaths.klartext.feed}`))).toBe(false);
		// Klartext's FAQ page: its main text, without the site's navigation.
		const page = await services.extractPage(`${klartext.url}${fixturePaths.klartext.faqMicrodata}`);
		if (isFailure(page)) throw new Error(page.message);
		expect(page.html).toMatch(/<h[1-6]|<p/);
		expect(page.html.length).toBeGreaterThan(200);
		expect({feeds: config.subscriptions().length, entries: store.countEntries({}).total}).toEqual(before);
		const missing = await services.extractPage(`${klartext.url}/status/404`);
		expect(missing).toMatchObject({kind: 'failed', params: {url: `${klartext.url}/status/404`}});
	});

	it('a preview that cannot be fetched is a failure naming the url', async () => {
		const {services} = await world();
		const result = await services.previewSuggestion(`${klartext.url}/status/404`);
		expect(isFailure(result)).toBe(true);
		expect((result as {message: string}).message).toContain('127.0.0.3');
	});

	it('subscribes with tags, and dismisses for good', async () => {
		const {config, services} = await world();
		await services.findSuggestions({refresh: false}, () => undefined);
		const added = await services.subscribeToSuggestion(`${klartext.url}${fixturePaths.klartext.feed}`, ['Kommunikation', 'Presse']);
		expect(added).toMatchObject({kind: 'added', title: 'Klartext – Kommunikation ohne Umwege'});
		expect(config.findSubscription(`${klartext.url}${fixturePaths.klartext.feed}`)?.tags).toEqual(['Kommunikation', 'Presse']);
		expect(services.listFeeds().map(feed => feed.title)).toContain('Klartext – Kommunikation ohne Umwege');
		const twice = await services.subscribeToSuggestion(`${klartext.url}${fixturePaths.klartext.feed}`, []);
		expect(twice).toMatchObject({kind: 'failed'});
	});

	// Regression: the fetch memory was keyed by url only, so the feed a suggestion probe
	// remembered was read back as the blogroll pointers of that feed once the user followed it
	// ("feedPointers is not iterable"), and every later suggest failed for the profile.
	it('after subscribing to a suggestion, asking the sites again still works', async () => {
		const {services} = await world();
		await services.findSuggestions({refresh: false}, () => undefined);
		await services.subscribeToSuggestion(`${klartext.url}${fixturePaths.klartext.feed}`, []);
		await expect(services.findSuggestions({refresh: true}, () => undefined)).resolves.toEqual([]);
	});

	it('a remembered answer of an unexpected shape is ignored and fetched again, never an error', async () => {
		const {store, services} = await world();
		await services.findSuggestions({refresh: false}, () => undefined);
		const discover = store.discover();
		// The followed feed itself is not among them: `add` recorded what its channel names.
		const urls = [
			store.getFeedByUrl(`${followed.url}${fixturePaths.kreidezeit.feed}`)!.siteUrl!,
			`${followed.url}/.well-known/recommendations.opml`,
			`${klartext.url}${fixturePaths.klartext.feed}`,
		];
		const broken = ['not json at all', '{"kind": "opml", "value": [{"url": 7}]}', '{"kind": "feed-blogrolls", "value": {"feed": null}}'];
		for (const [index, url] of urls.entries()) {
			const row = discover.getFetch(url);
			expect(row, url).not.toBeNull();
			discover.putFetch({...row!, result: broken[index]!});
		}
		const found = await services.findSuggestions({refresh: true}, () => undefined);
		expect(found.map(suggestion => [suggestion.site, suggestion.reasons])).toEqual([['127.0.0.3', [expect.objectContaining({kind: 'blogroll', feed: 'Kreidezeit'})]]]);
		// Fetched afresh (no validators sent with a result that cannot be used) and stored again, well formed.
		for (const url of urls) expect(discover.getFetch(url)?.result ?? '', url).toMatch(/^\{"kind":/);
	});

	it('a dismissed suggestion is not listed again', async () => {
		const {services} = await world();
		await services.findSuggestions({refresh: false}, () => undefined);
		expect(await services.dismissSuggestion('127.0.0.3')).toBeUndefined();
		expect(await services.listSuggestions()).toEqual([]);
		expect(await services.findSuggestions({refresh: true}, () => undefined)).toEqual([]);
	});
});
