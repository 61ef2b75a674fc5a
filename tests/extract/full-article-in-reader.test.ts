import {rmSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAppServices} from '../../source/app-services.js';
import {openConfig} from '../../source/config/config.js';
import {resolvePaths} from '../../source/config/paths.js';
import {isFailure} from '../../source/failure.js';
import {createHttpClient} from '../../source/feeds/http.js';
import {openStore} from '../../source/store/open.js';
import type {Store} from '../../source/store/types.js';
import type {Services} from '../../source/ui/services.js';
import {makeHome} from '../helpers/cli.js';
import {fixturePaths, startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';

// The reader's `f` goes through the same extraction as `blogroll read`: services as cli.tsx
// builds them, over a real cache, fetching the fixture site's article pages.
let server: FixtureServer;
let home: string;
let store: Store;
let services: Services;

beforeAll(async () => {
	server = await startFixtureServer();
	home = makeHome();
	const config = openConfig(resolvePaths({BLOGROLL_HOME: home}));
	if (isFailure(config)) throw new Error(config.message);
	store = openStore(':memory:', {now: () => new Date('2026-11-20T10:00:00.000Z')});
	const http = createHttpClient();
	services = createAppServices({config, store, http: () => http, env: {}, language: 'de', now: () => new Date('2026-11-20T10:00:00.000Z')});
	expect(await services.addFeed(`${server.url}${fixturePaths.klartext.feed}`)).toMatchObject({kind: 'added'});
	expect(await services.addFeed(`${server.url}${fixturePaths.kreidezeit.feed}`)).toMatchObject({kind: 'added'});
});

afterAll(async () => {
	store.close();
	rmSync(home, {recursive: true, force: true});
	await server.close();
});

async function fullArticle(title: string): Promise<string> {
	const listed = services.listFeeds().flatMap((feed) => services.listEntries({feedIds: [feed.id]}, {offset: 0, limit: 50}));
	const entry = listed.find((item) => item.title.startsWith(title));
	if (!entry) throw new Error(`no entry „${title}“ in ${listed.map((item) => item.title).join(', ')}`);
	const fetched = await services.fetchFullArticle(entry.id);
	if (isFailure(fetched)) throw new Error(fetched.message);
	return (await services.renderArticle(fetched, 80, 'full')).lines.join('\n');
}

describe('the reader’s full article (f)', () => {
	it('keeps no half of a byline and does not repeat the title', async () => {
		const text = await fullArticle('Gendern ohne Krampf');
		expect(text).not.toMatch(/Von\s+am/);
		expect(text).not.toContain('Gendern ohne Krampf: fünf');
		expect(text).not.toContain('· Klartext');
		expect(text.split('\n')[0]).toContain('Ob mit Sternchen, Doppelpunkt oder gar nicht');
	});

	it('shows no screen-reader-only heading like „Beitragsnavigation“', async () => {
		const text = await fullArticle('Feedbackkultur beginnt beim Zuhören');
		expect(text).toContain('Feedback');
		expect(text).not.toContain('Beitragsnavigation');
	});
});
