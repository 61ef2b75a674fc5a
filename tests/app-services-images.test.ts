/** images (issue 19): the reader's Services draw an article's pictures from the fixture site. */
import {readdirSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAppServices} from '../source/app-services.js';
import {openConfig} from '../source/config/config.js';
import {resolvePaths} from '../source/config/paths.js';
import {isFailure, type Failure} from '../source/failure.js';
import {createHttpClient} from '../source/feeds/http.js';
import {openStore} from '../source/store/open.js';
import {createGraphicsLayer, type GraphicsLayer} from '../source/images/graphics-layer.js';
import {makeHome} from './helpers/cli.js';
import {fixturePaths, startFixtureServer, type FixtureServer} from './helpers/fixture-server.js';

let server: FixtureServer;
const homes: string[] = [];

beforeAll(async () => {
	server = await startFixtureServer();
});

afterAll(async () => {
	await server.close();
	for (const home of homes) rmSync(home, {recursive: true, force: true});
});

async function world(graphics: GraphicsLayer | null = null) {
	const home = makeHome();
	homes.push(home);
	const config = openConfig(resolvePaths({BLOGROLL_HOME: home}));
	if (isFailure(config)) throw new Error(config.message);
	const store = openStore(':memory:');
	const http = createHttpClient();
	const services = createAppServices({config, store, http: () => http, env: {COLORTERM: 'truecolor'}, language: 'de', imagesDir: join(home, 'images'), graphics});
	const added = await services.addFeed(`${server.url}${fixturePaths.kreidezeit.feed}`);
	if (added.kind !== 'added') throw new Error(added.message);
	const feed = services.listFeeds()[0]!;
	const [item] = services.listEntries({feedIds: [feed.id]}, {offset: 0, limit: 1});
	return {home, config, store, services, feed, entry: services.getEntry(item!.id)!};
}

describe('pictures through the reader’s services', () => {
	it('reserves rows from the declared size, then draws the portrait as half-blocks and caches it on disk', {timeout: 30_000}, async () => {
		const {home, services, entry, store} = await world();
		const article = await services.renderArticle(entry, 80, 'feed');
		expect(article.images?.map(image => image.alt)).toEqual(['Dr. Miriam Voß-Häußler sitzt lächelnd an einem Besprechungstisch']);
		const drawn = new Map<number, readonly string[] | Failure>();
		const finished = new Promise<void>(resolve => {
			const reserved = services.drawImages!(article.images!, 120, 10, (index, result) => {
				drawn.set(index, result);
				resolve();
			}, new AbortController().signal);
			// 1024×683 at the reading width of 80 would be 27 rows: capped at 10.
			expect(reserved).toEqual([10]);
		});
		await finished;
		const lines = drawn.get(0);
		expect(isFailure(lines)).toBe(false);
		expect((lines as string[]).length).toBeLessThanOrEqual(10);
		expect((lines as string[])[0]).toMatch(/^\u001B\[38;2;\d+;\d+;\d+;48;2;\d+;\d+;\d+m▀/);
		expect(readdirSync(join(home, 'images'))).toHaveLength(1);
		store.close();
	});

	it('with kitty, sends the portrait once and shows placeholder lines; a picture finishing after the article was left is not sent', {timeout: 30_000}, async () => {
		const layer = createGraphicsLayer({protocol: 'kitty'});
		const sent: string[] = [];
		layer.attach(data => sent.push(data));
		const {services, entry, store} = await world(layer);
		const article = await services.renderArticle(entry, 80, 'feed');
		const lines = await new Promise<readonly string[] | Failure>(resolve => {
			services.drawImages!(article.images!, 80, 10, (_index, result) => resolve(result), new AbortController().signal);
		});
		expect(isFailure(lines)).toBe(false);
		expect((lines as string[])[0]).toMatch(/^\u001B\[38;2;0;0;1m\u{10EEEE}/u);
		expect(sent.filter(data => data.includes('a=T,U=1'))).toHaveLength(1);
		// Left at once: the load runs on, but nothing reaches the terminal (the old id is freed by the reset).
		sent.length = 0;
		const left = new AbortController();
		services.drawImages!(article.images!, 80, 10, () => undefined, left.signal);
		// Once every promise has run up to real I/O, the load is under way (reading the disk cache): then the reader leaves.
		await new Promise(resolve => setImmediate(resolve));
		left.abort();
		await new Promise(resolve => setTimeout(resolve, 1500));
		expect(sent.join('')).not.toContain('a=T');
		store.close();
	});

	it('a feed marked images: always loads its pictures on open, unless pictures are off', async () => {
		const {services, config, feed, store} = await world();
		expect(services.imageMode!(feed.id)).toBe('ask');
		config.updateSubscription(feed.url, {images: 'always'});
		expect(services.imageMode!(feed.id)).toBe('auto');
		expect(services.imageMode!()).toBe('ask');
		config.updateSettings({images: 'off'});
		expect(services.imageMode!(feed.id)).toBe('off');
		config.updateSettings({images: 'ask'});
		store.close();
	});
});
