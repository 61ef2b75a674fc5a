import {rmSync} from 'node:fs';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {openConfig, type Config} from '../../source/config/config.js';
import {resolvePaths} from '../../source/config/paths.js';
import type {Subscription} from '../../source/config/schema.js';
import {isFailure} from '../../source/failure.js';
import {createHttpClient} from '../../source/feeds/http.js';
import {openStore} from '../../source/store/open.js';
import type {Store} from '../../source/store/types.js';
import {searchEntries} from '../../source/use-cases/search-entries.js';
import {subscribe} from '../../source/use-cases/subscribe.js';
import {blogItem} from '../store/fixtures.js';
import {findSubscribedFeed, joinSubscriptions} from '../../source/use-cases/subscribed-feeds.js';
import {makeHome} from '../helpers/cli.js';
import {fixturePaths, startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';

const NOW = new Date('2026-11-20T10:00:00.000Z');

function subscription(url: string, title: string | null): Subscription {
	return {url, title, tags: [], fullArticle: false, addedAt: NOW.toISOString()};
}

describe('findSubscribedFeed: the one resolver of what a user typed', () => {
	const feeds = joinSubscriptions(
		[
			subscription('https://fieldnotes.example/feed.json', 'Maren Lindqvist'),
			subscription('https://klartext.example/atom.xml', 'Field Notes'),
			subscription('https://kreidezeit.example/feed/', null),
			subscription('https://werkbank.example/rss', 'Field notes (Werkbank)'),
		],
		[
			{id: 1, url: 'https://fieldnotes.example/feed.json', title: 'Field Notes'},
			{id: 2, url: 'https://klartext.example/atom.xml', title: 'Klartext – Kommunikation ohne Umwege'},
			{id: 3, url: 'https://kreidezeit.example/feed/', title: 'Kreidezeit'},
			{id: 4, url: 'https://werkbank.example/rss', title: 'Werkbank'},
		],
	);
	const found = (needle: string) => {
		const match = findSubscribedFeed(feeds, needle);
		return typeof match === 'object' ? match.subscription.url : match;
	};

	it.each([
		['https://kreidezeit.example/feed/', 'https://kreidezeit.example/feed/'],
		['3', 'https://kreidezeit.example/feed/'],
		// The title as shown (the user's) beats the same words as another feed's own title.
		['Field Notes', 'https://klartext.example/atom.xml'],
		// A feed's own title still names it.
		['Klartext – Kommunikation ohne Umwege', 'https://klartext.example/atom.xml'],
		['kreidezeit', 'https://kreidezeit.example/feed/'],
		['Werkbank', 'https://werkbank.example/rss'],
		// Parts of several titles are ambiguous; too short a part names nothing.
		['field', 'ambiguous'],
		['Kr', undefined],
		['Nirgendwo', undefined],
	])('%s → %s', (needle, expected) => {
		expect(found(needle)).toBe(expected);
	});
});

describe('subscribe', () => {
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
	function world(): {config: Config; store: Store} {
		const home = makeHome();
		const config = openConfig(resolvePaths({BLOGROLL_HOME: home}));
		if (isFailure(config)) throw new Error(config.message);
		const store = openStore(':memory:', {now: () => NOW});
		opened.push({home, store});
		return {config, store};
	}

	it('ends at once when its signal aborts, and saves nothing', async () => {
		const {config, store} = world();
		const controller = new AbortController();
		const started = Date.now();
		const pending = subscribe({url: `${server.url}/slow?ms=20000`}, {config, store, http: createHttpClient(), now: NOW, signal: controller.signal});
		setTimeout(() => controller.abort(), 100);
		const outcome = await pending;
		expect(Date.now() - started).toBeLessThan(5000);
		expect(outcome).toMatchObject({kind: 'failed', reason: 'cancelled'});
		expect(config.subscriptions()).toEqual([]);
		expect(store.listFeeds()).toEqual([]);
	});

	it('subscribes as before with a signal that never aborts', async () => {
		const {config, store} = world();
		const outcome = await subscribe({url: `${server.url}${fixturePaths.klartext.feed}`}, {config, store, http: createHttpClient(), now: NOW, signal: new AbortController().signal});
		expect(outcome).toMatchObject({kind: 'added', url: `${server.url}${fixturePaths.klartext.feed}`});
		expect(config.subscriptions()).toHaveLength(1);
	});

	it('records the fetch it made, so feed info does not say no fetch was recorded yet', async () => {
		const {config, store} = world();
		const url = `${server.url}${fixturePaths.klartext.feed}`;
		const outcome = await subscribe({url}, {config, store, http: createHttpClient(), now: NOW});
		expect(outcome).toMatchObject({kind: 'added'});
		const feed = store.listFeeds().find((each) => each.url === url)!;
		const attempts = store.health().listAttempts(feed.id);
		expect(attempts).toHaveLength(1);
		expect(attempts[0]).toMatchObject({url, outcome: 'updated', status: 200, at: NOW.toISOString()});
		expect(attempts[0]!.items?.new).toBeGreaterThan(0);
	});
});

describe('searchEntries', () => {
	it('finds C++ as a word, transliterated umlauts, and your own feed title on each hit', () => {
		const home = makeHome();
		const config = openConfig(resolvePaths({BLOGROLL_HOME: home}));
		if (isFailure(config)) throw new Error(config.message);
		const store = openStore(':memory:', {now: () => NOW});
		try {
			const url = 'https://werkbank.example/rss';
			config.addSubscription({...subscription(url, 'Meine Werkbank'), tags: ['Handwerk']});
			const feed = store.ensureFeed(url).id;
			const item = (id: string, title: string, content: string) => blogItem({id, title, published: `2026-11-0${id}T08:00:00.000Z`, content: `<p>${content}</p>`});
			store.upsertEntries(feed, [
				item('3', 'C++ für Einsteiger', 'Zeiger, Referenzen und ein Compiler.'),
				item('2', 'Coaching im Mittelstand', 'Führung ohne Chef-Allüren.'),
				item('1', 'Über das Ölen von Holzböden', 'Leinöl, Hartwachs und Geduld.'),
			], NOW.toISOString());
			const titles = (query: string) => {
				const found = searchEntries({config, store, now: NOW}, query, {offset: 0, limit: 10});
				if (isFailure(found)) throw new Error(found.message);
				return found.entries.map(entry => `${entry.feedTitle}: ${entry.title}`);
			};
			expect(titles('C++')).toEqual(['Meine Werkbank: C++ für Einsteiger']);
			expect(titles('c')).toHaveLength(2);
			expect(titles('oelen holzboeden')).toEqual(['Meine Werkbank: Über das Ölen von Holzböden']);
			expect(titles('tag:handwerk fuehrung')).toEqual(['Meine Werkbank: Coaching im Mittelstand']);
			expect(searchEntries({config, store, now: NOW}, '– & €', {offset: 0, limit: 10})).toMatchObject({kind: 'failed', reason: 'query'});
		} finally {
			store.close();
			rmSync(home, {recursive: true, force: true});
		}
	});
});
