import {rmSync} from 'node:fs';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createAppServices} from '../source/app-services.js';
import {openConfig, type Config} from '../source/config/config.js';
import {resolvePaths} from '../source/config/paths.js';
import {isFailure} from '../source/failure.js';
import {createHttpClient} from '../source/feeds/http.js';
import {openStore} from '../source/store/open.js';
import type {Store} from '../source/store/types.js';
import type {FeedView, Services} from '../source/ui/services.js';
import {lastErrorMessage, stringsFor} from '../source/ui/strings.js';
import {makeHome} from './helpers/cli.js';
import {fixturePaths, startFixtureServer, type FixtureServer} from './helpers/fixture-server.js';
import {startTestServer} from './helpers/http-test-server.js';

const NOW = new Date('2026-11-20T10:00:00.000Z');
const MENTORING = 'Mentoring: Warum jede Führungskraft eine Mentorin braucht';

let server: FixtureServer;
const opened: {home: string; store: Store}[] = [];

beforeAll(async () => {
	server = await startFixtureServer();
});

afterAll(async () => {
	await server.close();
});

afterEach(() => {
	for (const {home, store} of opened.splice(0)) {
		store.close();
		rmSync(home, {recursive: true, force: true});
	}
});

interface World {
	readonly config: Config;
	readonly store: Store;
	/** Services as cli.tsx builds them; `fresh()` builds them anew, as a new reader start would. */
	services: Services;
	fresh(): Services;
	kreidezeit(): FeedView;
	klartext(): FeedView;
}

/** A temp BLOGROLL_HOME with a real config and cache, subscribed through the services to two fixture blogs. */
async function subscribedWorld(): Promise<World> {
	const home = makeHome();
	const config = openConfig(resolvePaths({BLOGROLL_HOME: home}));
	if (isFailure(config)) throw new Error(config.message);
	const store = openStore(':memory:', {now: () => NOW});
	opened.push({home, store});
	const http = createHttpClient();
	const fresh = () => createAppServices({config, store, http: () => http, env: {}, language: 'de', now: () => NOW});
	const world: World = {
		config,
		store,
		services: fresh(),
		fresh,
		kreidezeit: () => world.services.listFeeds().find(feed => feed.title === 'Kreidezeit')!,
		klartext: () => world.services.listFeeds().find(feed => feed.title !== 'Kreidezeit')!,
	};
	// The coach's site by discovery, the agency's Atom feed directly.
	expect(await world.services.addFeed(`${server.url}${fixturePaths.kreidezeit.home}`)).toMatchObject({kind: 'added', title: 'Kreidezeit'});
	expect(await world.services.addFeed(`${server.url}${fixturePaths.klartext.feed}`)).toMatchObject({kind: 'added'});
	return world;
}

describe('the reader’s services over a real cache and config', () => {
	it('adds feeds by url with discovery and lists them with their counts', async () => {
		const world = await subscribedWorld();
		const feeds = world.services.listFeeds();
		expect(feeds.map(feed => feed.url)).toEqual([`${server.url}/kreidezeit/feed/`, `${server.url}${fixturePaths.klartext.feed}`]);
		expect(world.kreidezeit().totalCount).toBeGreaterThan(3);
		expect(world.kreidezeit().unreadCount).toBe(world.kreidezeit().totalCount);
		const again = await world.services.addFeed(`${server.url}${fixturePaths.kreidezeit.home}`);
		expect(again).toMatchObject({kind: 'failed', reason: 'already-subscribed', message: 'Already subscribed: Kreidezeit', params: {title: 'Kreidezeit'}});
	});

	it('searches every entry, best match first, with the match in the title', async () => {
		const {services} = await subscribedWorld();
		const filter = {search: 'mentoring'};
		const counts = services.countEntries(filter);
		expect(counts.total).toBeGreaterThanOrEqual(1);
		const [first] = services.listEntries(filter, {offset: 0, limit: 10});
		expect(first?.title).toBe(MENTORING);
		expect(first?.titleMatches).toEqual([{start: 0, end: 'Mentoring'.length}]);
		expect(services.findEntryIndex(filter, first!.id)).toBe(0);
		// Umlauts fold: „fuhrung“ finds „Führung“.
		expect(services.countEntries({search: 'fuhrungskraft'}).total).toBeGreaterThan(0);
	});

	it('hides what the ignore rules match from every list, count, search and feed count', async () => {
		const world = await subscribedWorld();
		const before = world.services.countEntries({});
		const kreidezeitBefore = world.kreidezeit();
		const mentoringId = world.services.listEntries({search: 'mentoring'}, {offset: 0, limit: 1})[0]!.id;
		world.config.setIgnoreRules(['title:"Mentoring"']);
		// The rules are compiled when the reader starts (and after each refresh), not per key.
		world.services = world.fresh();
		expect(world.services.countEntries({})).toEqual({total: before.total - 1, unread: before.unread - 1});
		expect(world.kreidezeit().unreadCount).toBe(kreidezeitBefore.unreadCount - 1);
		expect(world.kreidezeit().totalCount).toBe(kreidezeitBefore.totalCount - 1);
		expect(world.services.listEntries({}, {offset: 0, limit: 100}).map(entry => entry.title)).not.toContain(MENTORING);
		expect(world.services.listEntries({search: 'mentoring'}, {offset: 0, limit: 10}).map(entry => entry.title)).not.toContain(MENTORING);
		expect(world.services.findEntryIndex({}, mentoringId)).toBeNull();
		// Marking all read leaves the hidden entry alone: it comes back unread when the rule goes.
		world.services.markAllRead({});
		world.config.setIgnoreRules([]);
		world.services = world.fresh();
		expect(world.services.countEntries({})).toEqual({total: before.total, unread: 1});
	});

	it('lists saved views by name with counts; opening one lists its entries; a broken query says why', async () => {
		const world = await subscribedWorld();
		world.services.setFeedTags(world.kreidezeit().id, ['Coaching', 'Führung']);
		world.config.setViews([
			{name: 'Neu im Coaching', query: 'unread and tag:coaching'},
			{name: 'Kaputt', query: 'tag:('},
			{name: 'Alles über Führung', query: 'text:Führung and not tag:Coaching'},
		]);
		world.services = world.fresh();
		const views = world.services.listViews();
		expect(views.map(view => view.name)).toEqual(['Alles über Führung', 'Kaputt', 'Neu im Coaching']);
		const coaching = views[2]!;
		expect(coaching.counts).toEqual({total: world.kreidezeit().unreadCount, unread: world.kreidezeit().unreadCount});
		const entries = world.services.listEntries(coaching.filter, {offset: 0, limit: 100});
		expect(new Set(entries.map(entry => entry.feedId))).toEqual(new Set([world.kreidezeit().id]));
		expect(views[1]!.error).toMatch(/\S/);
		expect(views[1]!.counts).toEqual({total: 0, unread: 0});
		expect(world.services.countEntries(views[1]!.filter)).toEqual({total: 0, unread: 0});
		// Reading one entry lowers the view's unread count at once.
		world.services.setRead([entries[0]!.id], true);
		expect(world.services.listViews()[2]!.counts.unread).toBe(coaching.counts.unread - 1);
	});

	it('edits tags in the config, and views over tags follow at once', async () => {
		const world = await subscribedWorld();
		world.config.setViews([{name: 'Mentoring', query: 'tag:Mentoring'}]);
		world.services = world.fresh();
		expect(world.services.listViews()[0]!.counts.total).toBe(0);
		const id = world.kreidezeit().id;
		expect(world.services.setFeedTags(id, ['Coaching', 'mentoring', 'Mentoring', ' '])).toBeUndefined();
		expect(world.config.findSubscription(world.kreidezeit().url)?.tags).toEqual(['Coaching', 'mentoring']);
		expect(world.kreidezeit().tags).toEqual(['Coaching', 'mentoring']);
		expect(world.services.listViews()[0]!.counts.total).toBe(world.kreidezeit().totalCount);
		expect(isFailure(world.services.setFeedTags(9999, ['Coaching']))).toBe(true);
	});

	it('renames a feed locally without touching its url, and empty goes back to its own title', async () => {
		const world = await subscribedWorld();
		const {id, url} = world.kreidezeit();
		world.services.renameFeed(id, 'Kreidezeit – Coaching\u00A0Anja Brandt');
		const renamed = world.services.listFeeds().find(feed => feed.id === id)!;
		expect(renamed.title).toBe('Kreidezeit – Coaching\u00A0Anja Brandt');
		expect(renamed.url).toBe(url);
		expect(world.config.findSubscription(url)?.title).toBe('Kreidezeit – Coaching\u00A0Anja Brandt');
		world.services.renameFeed(id, '  ');
		expect(world.services.listFeeds().find(feed => feed.id === id)!.title).toBe('Kreidezeit');
	});

	it('finds the next unread entry through the store, skipping read ones', async () => {
		const world = await subscribedWorld();
		const filter = {feedIds: [world.kreidezeit().id]};
		const rows = world.services.listEntries(filter, {offset: 0, limit: 4});
		world.services.setRead([rows[1]!.id, rows[2]!.id], true);
		expect(world.services.findNextUnread(filter, rows[0]!.id, 1)).toEqual({id: rows[3]!.id, index: 3});
		expect(world.services.findNextUnread(filter, rows[3]!.id, -1)).toEqual({id: rows[0]!.id, index: 0});
		// In an unread view, from an entry that just left it.
		world.services.setRead([rows[0]!.id], true);
		expect(world.services.findNextUnread({...filter, unreadOnly: true}, rows[0]!.id, 1)).toEqual({id: rows[3]!.id, index: 0});
	});

	it('removes a feed from the config and the cache', async () => {
		const world = await subscribedWorld();
		const {id, url} = world.klartext();
		expect(await world.services.removeFeed(id)).toBeUndefined();
		expect(world.config.findSubscription(url)).toBeUndefined();
		expect(world.services.listFeeds().map(feed => feed.title)).toEqual(['Kreidezeit']);
		expect(world.store.getFeed(id)).toBeNull();
	});

	it('stops adding when the signal aborts: the lookup answers at once and nothing is saved', async () => {
		const world = await subscribedWorld();
		// A site that takes its time: the answer would come long after the user gave up.
		const slow = await startTestServer({
			'*': (_request, response) => {
				setTimeout(() => response.writeHead(200, {'Content-Type': 'text/html'}).end('<html><head><title>Langsam</title></head></html>'), 5000).unref();
			},
		});
		try {
			const controller = new AbortController();
			const started = Date.now();
			const pending = world.services.addFeed(slow.url('/blog/'), controller.signal);
			setTimeout(() => controller.abort(), 100);
			expect(await pending).toMatchObject({kind: 'failed'});
			expect(Date.now() - started).toBeLessThan(2000);
			expect(world.services.listFeeds()).toHaveLength(2);
			expect(world.config.subscriptions().some(subscription => subscription.url.startsWith(slow.origin))).toBe(false);
		} finally {
			await slow.close();
		}
	});

	it('keeps a failed refresh’s reason and params beside its message, so the German reader words it in German', async () => {
		const world = await subscribedWorld();
		const feedUrl = `${server.url}${fixturePaths.klartext.feed}`;
		server.setRoute(fixturePaths.klartext.feed, {status: 404, headers: {'Content-Type': 'text/html; charset=utf-8'}, body: '<h1>Seite nicht gefunden</h1>'});
		try {
			const summary = await world.services.refresh([world.klartext().id], () => undefined);
			expect(summary.failures).toHaveLength(1);
		} finally {
			server.resetRoutes();
		}
		const feed = world.fresh().listFeeds().find(candidate => candidate.url === feedUrl)!;
		expect(feed.lastError).toBe(`${feedUrl}: HTTP 404 Not Found`);
		expect(feed.lastErrorDetail).toEqual({reason: 'http-404', params: {url: feedUrl, status: 404, statusText: 'Not Found'}});
		expect(lastErrorMessage(feed, stringsFor('de'))).toBe(`${feedUrl}: HTTP 404 (nicht gefunden)`);
		// The next success clears both.
		await world.services.refresh([feed.id], () => undefined);
		expect(world.fresh().listFeeds().find(candidate => candidate.url === feedUrl)).toMatchObject({lastError: null, lastErrorDetail: null});
	});

	it('searches with the query language of blogroll search: fields, filters and punctuation', async () => {
		const {services} = await subscribedWorld();
		const social = services.listEntries({search: 'title:social'}, {offset: 0, limit: 10});
		expect(social.map(entry => entry.title)).toEqual(['Warum ich Social Media den Rücken kehre – ein Abschied auf Raten']);
		expect(social[0]!.titleMatches).toEqual([{start: 10, end: 16}]);
		expect(services.countEntries({search: 'title:social'})).toMatchObject({total: 1, unread: 1});
		expect(services.countEntries({search: 'title:social read'}).total).toBe(0);
		expect(services.listEntries({search: 'Rücken kehre – ein Abschied'}, {offset: 0, limit: 10})).toHaveLength(1);
		// What does not parse as a query is still searched as words, as a search box would.
		expect(services.listEntries({search: 'Mentoring: (Warum'}, {offset: 0, limit: 10}).map(entry => entry.title)).toEqual([MENTORING]);
	});

	it('shows your own feed titles in entry lists, search hits and the article', async () => {
		const world = await subscribedWorld();
		world.services.renameFeed(world.kreidezeit().id, 'Katharinas Praxis');
		const id = world.services.listFeeds().find(feed => feed.title === 'Katharinas Praxis')!.id;
		const rows = world.services.listEntries({feedIds: [id]}, {offset: 0, limit: 100});
		expect(new Set(rows.map(row => row.feedTitle))).toEqual(new Set(['Katharinas Praxis']));
		const hit = world.services.listEntries({search: 'mentoring'}, {offset: 0, limit: 1})[0]!;
		expect(hit.feedTitle).toBe('Katharinas Praxis');
		expect(world.services.getEntry(hit.id)?.feedTitle).toBe('Katharinas Praxis');
		const all = world.services.listEntries({}, {offset: 0, limit: 100});
		expect(all.filter(row => row.feedId !== id).every(row => row.feedTitle !== 'Katharinas Praxis')).toBe(true);
	});

	it('tells how many entries the ignore rules hide when they hide a whole list', async () => {
		const world = await subscribedWorld();
		const klartext = world.klartext();
		world.config.setIgnoreRules([`feed:"${klartext.title}"`]);
		world.services = world.fresh();
		expect(world.services.countEntries({feedIds: [klartext.id]})).toEqual({total: 0, unread: 0, hidden: klartext.totalCount});
		expect(world.klartext()).toMatchObject({totalCount: 0, unreadCount: 0});
		// A list with entries left says nothing of the hidden ones.
		expect(world.services.countEntries({})).not.toHaveProperty('hidden');
	});

	it('refreshes only the feeds that are due, and reports progress only for those', async () => {
		const world = await subscribedWorld();
		const progress: {done: number; total: number}[] = [];
		const due = await world.services.refresh('due', update => progress.push(update));
		expect(due).toEqual({feeds: 0, newEntries: 0, failures: []});
		expect(progress).toEqual([]);
		world.services.renameFeed(world.kreidezeit().id, 'Katharinas Praxis');
		server.setRoute(fixturePaths.kreidezeit.feed, {status: 404, body: 'weg'});
		try {
			const all = await world.services.refresh('all', update => progress.push(update));
			expect(all.feeds).toBe(2);
			expect(all.failures.map(failure => failure.title)).toEqual(['Katharinas Praxis']);
			expect(progress.map(update => update.total)).toEqual([2, 2]);
		} finally {
			server.resetRoutes();
		}
	});

	it('lists subscriptions the cache has never seen (an import) at once, with no entries, and wants them refreshed', () => {
		const home = makeHome();
		const config = openConfig(resolvePaths({BLOGROLL_HOME: home}));
		if (isFailure(config)) throw new Error(config.message);
		const store = openStore(':memory:', {now: () => NOW});
		opened.push({home, store});
		const urls = ['https://kreidezeit.example/feed/', 'https://klartext.example/atom.xml', 'https://werkbank.example/rss'];
		for (const url of urls) config.addSubscription({url, title: null, tags: [], fullArticle: false, addedAt: NOW.toISOString()});
		const services = createAppServices({config, store, http: () => createHttpClient(), env: {}, language: 'de', now: () => NOW});
		// Asked before anything was listed: the reader's refresh on start must still see them.
		expect(services.isStale()).toBe(true);
		const feeds = services.listFeeds();
		expect(feeds.map(feed => feed.url).sort()).toEqual([...urls].sort());
		expect(feeds.map(feed => [feed.unreadCount, feed.totalCount])).toEqual([[0, 0], [0, 0], [0, 0]]);
		expect(new Set(feeds.map(feed => feed.id)).size).toBe(3);
		expect(store.listFeedRecords().map(feed => feed.url).sort()).toEqual([...urls].sort());
	});
});

describe('a failing feed’s refresh times (layout: feed details)', () => {
	it('keeps when the feed last succeeded after a failure, and the failure’s own time', async () => {
		const world = await subscribedWorld();
		const before = world.kreidezeit();
		expect(before.lastError).toBeNull();
		expect(before.lastSucceededAt).toBe(before.lastFetchedAt);
		world.store.recordFetchFailure(before.id, {status: 0, message: 'connection refused', fetchedAt: '2026-11-20T11:00:00.000Z', nextFetchAt: null});
		const after = world.kreidezeit();
		expect(after.lastError).toBe('connection refused');
		expect(after.lastFetchedAt).toBe('2026-11-20T11:00:00.000Z');
		expect(after.lastSucceededAt).toBe(before.lastFetchedAt);
	});
});
