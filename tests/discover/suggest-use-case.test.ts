import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {subscribe} from '../../source/use-cases/subscribe.js';
import {openConfig, type Config} from '../../source/config/config.js';
import {resolvePaths} from '../../source/config/paths.js';
import {isFailure} from '../../source/failure.js';
import {createHttpClient} from '../../source/feeds/http.js';
import {openStore} from '../../source/store/open.js';
import type {Store} from '../../source/store/types.js';
import {dismissSuggestion, listDismissed, previewSuggestion, subscribeToSuggestion, suggest, undismissSuggestion} from '../../source/use-cases/suggest.js';
import {DISCOVER_WEB, FOLLOWED} from '../fixtures/discover-web.js';
import {makeHome} from '../helpers/cli.js';
import {startFixtureWeb, type FixtureWeb} from '../helpers/fixture-web.js';

// The use case as the reader's Discover screen will call it: list, preview without
// subscribing, subscribe from a suggestion, dismiss.
let web: FixtureWeb;
let config: Config;
let store: Store;
const http = createHttpClient({retryDelayMs: 10});
const now = () => new Date();

beforeAll(async () => {
	web = await startFixtureWeb(DISCOVER_WEB);
	const opened = openConfig(resolvePaths({BLOGROLL_HOME: makeHome()}));
	if (isFailure(opened)) throw new Error(opened.message);
	config = opened;
	store = openStore(':memory:');
	for (const site of FOLLOWED) {
		const added = await subscribe({url: `${web.urls[site]}/`}, {config, store, http, now: now()});
		if (isFailure(added)) throw new Error(added.message);
	}
}, 60_000);

afterAll(async () => {
	store?.close();
	await web?.close();
});

describe('the suggest use case', () => {
	it('reports progress of its probes and returns the suggestions with reasons naming feeds', async () => {
		const progress: number[] = [];
		const result = await suggest({}, {config, store, http, now, onProgress: ({done}) => progress.push(done)});
		expect(result.suggestions.map(suggestion => suggestion.title)).toEqual(['Werkbank', 'Morgenrot', 'Tafelwerk', 'Stillleben', 'Abendblatt', 'Lernwerk']);
		expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(result.suggestions[2]!.reasons).toEqual([
			{kind: 'blogroll', feed: 'Schreibstube', blogroll: `${web.urls['schreibstube']}/blogroll.opml`},
			{kind: 'link', feed: 'Lehrerzimmer', count: 3},
			{kind: 'link', feed: 'Schreibstube', count: 2},
		]);
	});

	it('keeps what a followed site published when it is down for a moment', async () => {
		web.down.add('lehrerzimmer');
		try {
			const {suggestions} = await suggest({refresh: true}, {config, store, http, now});
			expect(suggestions[0]).toMatchObject({title: 'Werkbank', why: 'in the blogrolls of Lehrerzimmer, Schreibstube and Skizzenbuch'});
		} finally {
			web.down.delete('lehrerzimmer');
		}
	});

	it('previews a suggestion’s posts without writing a subscription or an entry', async () => {
		const before = {subscriptions: config.subscriptions().length, entries: store.countEntries({}).total, feeds: store.listFeedUrls().length};
		const preview = await previewSuggestion(`${web.urls['tafelwerk']}/feed/`, {http});
		if (isFailure(preview)) throw new Error(preview.message);
		expect(preview.items[0]!.title).toBe('Tafelwerk: Notiz 1 über „Handwerk & Haltung“');
		expect(preview.items[0]!.content).toContain('Gedanken zur Woche');
		expect({subscriptions: config.subscriptions().length, entries: store.countEntries({}).total, feeds: store.listFeedUrls().length}).toEqual(before);
	});

	it('subscribes from a suggestion with tags, after which it is no suggestion any more', async () => {
		const {suggestions} = await suggest({maxNewProbes: 0}, {config, store, http, now});
		const stillleben = suggestions.find(suggestion => suggestion.title === 'Stillleben')!;
		const outcome = await subscribeToSuggestion(stillleben, ['Fotografie'], {config, store, http, now});
		expect(outcome).toMatchObject({kind: 'added', url: `${web.urls['stillleben']}/feed/`});
		expect(config.findSubscription(`${web.urls['stillleben']}/feed/`)?.tags).toEqual(['Fotografie']);
		const after = await suggest({maxNewProbes: 0}, {config, store, http, now});
		expect(after.suggestions.map(suggestion => suggestion.title)).not.toContain('Stillleben');
	});

	it('asks again (refresh) after subscribing to a suggestion: the feed it probed is now read for its blogrolls', async () => {
		const {suggestions} = await suggest({maxNewProbes: 0}, {config, store, http, now});
		const tafelwerk = suggestions.find(suggestion => suggestion.title === 'Tafelwerk')!;
		expect(await subscribeToSuggestion(tafelwerk, ['Handwerk'], {config, store, http, now})).toMatchObject({kind: 'added'});
		// The same feed url was fetched as a candidate (its activity) and now as a followed feed
		// (its blogroll pointers): what was kept of one answer is no answer to the other.
		const again = await suggest({refresh: true}, {config, store, http, now});
		expect(again.suggestions.map(suggestion => suggestion.title)).toContain('Werkbank');
		expect(again.suggestions.map(suggestion => suggestion.title)).not.toContain('Tafelwerk');
		const twice = await suggest({refresh: true}, {config, store, http, now});
		expect(twice.suggestions.map(suggestion => suggestion.title)).toEqual(again.suggestions.map(suggestion => suggestion.title));
	});

	it('dismisses by feed url and brings back by site url', async () => {
		expect(dismissSuggestion(`${web.urls['abendblatt']}/feed/`, {store, now})).toEqual({site: new URL(web.urls['abendblatt']!).hostname});
		expect(listDismissed({store}).map(row => row.url)).toEqual([`${web.urls['abendblatt']}/feed/`]);
		expect((await suggest({maxNewProbes: 0}, {config, store, http, now})).suggestions.map(suggestion => suggestion.title)).not.toContain('Abendblatt');
		expect(undismissSuggestion(`${web.urls['abendblatt']}/`, {store})).toEqual({site: new URL(web.urls['abendblatt']!).hostname});
		expect(undismissSuggestion(`${web.urls['abendblatt']}/`, {store})).toMatchObject({kind: 'failed', reason: 'not-dismissed'});
		expect(dismissSuggestion('mailto:someone@example.org', {store, now})).toMatchObject({kind: 'failed', message: 'Not a site or feed url: mailto:someone@example.org'});
	});
});

describe('a candidate that did not answer', () => {
	it('is looked at again after a day, not before', async () => {
		const opened = openConfig(resolvePaths({BLOGROLL_HOME: makeHome()}));
		if (isFailure(opened)) throw new Error(opened.message);
		const own = openStore(':memory:');
		try {
			await subscribe({url: `${web.urls['hobelbank']}/`}, {config: opened, store: own, http, now: now()});
			const deps = {config: opened, store: own, http};
			web.down.add('morgenrot');
			const first = await suggest({}, {...deps, now});
			expect(first.suggestions.map(suggestion => suggestion.title)).not.toContain('Morgenrot');
			web.down.delete('morgenrot');
			web.requests.length = 0;
			await suggest({}, {...deps, now: () => new Date(Date.now() + 3_600_000)});
			expect(web.requests.filter(request => request.site === 'morgenrot')).toEqual([]);
			const later = await suggest({}, {...deps, now: () => new Date(Date.now() + 2 * 86_400_000)});
			expect(later.suggestions.map(suggestion => suggestion.title)).toContain('Morgenrot');
		} finally {
			own.close();
		}
	});
});
