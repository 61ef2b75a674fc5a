/**
 * The cache at scale: a profile with many feeds and entries, written straight through the
 * store (one transaction per feed, as a refresh would), and the search measurements on it:
 * the store's own query in-process (pure query time) and `blogroll search` as a user runs it.
 */
import {mkdirSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import type {FeedItem} from '../source/feeds/types.js';
import {compileIgnoreRules} from '../source/query/ignore.js';
import {openStore} from '../source/store/open.js';
import {upsertEntriesCountingLinks} from '../source/sync/store-feed.js';
import type {EntryFilter} from '../source/store/types.js';
import {describeBlogs, generatePost} from './generate.js';
import {measure, summarize, summarizeSamples, type Sample, type SampleSummary, type Summary} from './measure.js';

export interface CacheProfile {
	readonly dir: string;
	readonly feeds: number;
	readonly entries: number;
	readonly buildMs: number;
	readonly sizeMb: number;
}

/**
 * Builds BLOGROLL_HOME `dir` with `feeds` subscriptions of `perFeed` entries each. Feed urls
 * point at a closed loopback port and every feed is marked fresh, so that a reader started
 * on the profile neither waits for nor starts a refresh of 2 000 feeds. Half the entries are read.
 */
export function buildCacheProfile(dir: string, feeds: number, perFeed: number): CacheProfile {
	mkdirSync(dir, {recursive: true});
	const blogs = describeBlogs(feeds, 11);
	const urls = blogs.map(blog => `http://127.0.9.${1 + (blog.index % 250)}:9/blog-${blog.index + 1}/feed/`);
	const addedAt = '2026-11-01T08:00:00.000Z';
	writeFileSync(
		join(dir, 'config.json'),
		JSON.stringify({
			settings: {},
			subscriptions: urls.map(url => ({url, title: null, tags: ['bench'], fullArticle: false, addedAt})),
			views: [],
			ignore: [],
		}),
	);
	const start = performance.now();
	const store = openStore(join(dir, 'cache.db'), {quickCheck: false});
	let entries = 0;
	try {
		const now = Date.now();
		const fetchedAt = new Date(now).toISOString();
		const nextFetchAt = new Date(Date.now() + 30 * 24 * 3_600_000).toISOString();
		for (const blog of blogs) {
			const url = urls[blog.index] as string;
			const base = url.replace(/\/feed\/$/, '');
			const items: FeedItem[] = [];
			for (let number = perFeed - 1; number >= 0; number--) {
				// 2–8 KB of HTML: ~5 KB on average, the size for the FTS figure.
				const post = generatePost(blog, number, base, [2_000, 8_000]);
				// One post every 18 hours up to now, so that "older than" and date order behave as in real use.
				const published = new Date(now - (perFeed - number) * 18 * 3_600_000).toISOString();
				items.push({id: post.guid, title: post.title, link: post.link, published, updated: null, author: post.author, content: post.html, summary: post.excerpt});
			}
			store.transaction(() => {
				const feed = store.ensureFeed(url);
				store.recordFetchSuccess(feed.id, {status: 200, etag: `"v1-${blog.index}"`, lastModified: null, title: blog.title, siteUrl: `${base}/`, description: null, ttlMinutes: null, fetchedAt, nextFetchAt});
				// As a refresh stores them: Discover's link counts grow in the same transaction.
				upsertEntriesCountingLinks(store, feed.id, items, fetchedAt);
			});
			entries += items.length;
		}
		// Half read, as in a cache that has been used for a while (the older half).
		store.markReadOlderThan(Math.ceil((perFeed * 18) / 24 / 2));
	} finally {
		store.close();
	}
	const buildMs = performance.now() - start;
	const sizeMb = statSync(join(dir, 'cache.db')).size / 1024 / 1024;
	return {dir, feeds, entries, buildMs, sizeMb};
}

/** The words searched: common (thousands of hits), rare (a few), a prefix, and two words. */
export const SEARCH_QUERIES: readonly {readonly label: string; readonly query: string}[] = [
	{label: 'common word', query: 'Klarheit'},
	{label: 'topic word', query: 'Buchhaltung'},
	{label: 'rare word', query: 'Quedlinburg'},
	{label: 'prefix', query: 'Steuer'},
	{label: 'two words', query: 'Preise kommunizieren'},
	{label: 'no hit', query: 'Zahnarztpraxis'},
];

/**
 * What the reader and `blogroll search` pass along with the words once one ignore rule
 * exists (`blogroll ignore add 'title:Kaltakquise'`): the rule's condition as `where`.
 * Any filter, not only this one, used to take the store's slow path.
 */
export const SEARCH_FILTER: {readonly label: string; readonly filter: EntryFilter} = {
	label: 'one ignore rule (title:Kaltakquise)',
	filter: {where: compileIgnoreRules(['title:Kaltakquise'], {feeds: [], now: new Date()}).visible},
};

export interface SearchFigure {
	readonly label: string;
	readonly query: string;
	readonly hits: number;
	/** First page (50 rows) in-process, first call on a freshly opened store. */
	readonly firstCallMs: number;
	/** First page in-process, repeated calls. */
	readonly pageMs: Summary | null;
	/** countSearch in-process, repeated calls. */
	readonly countMs: Summary | null;
	/** Hits left by SEARCH_FILTER. */
	readonly filteredHits: number;
	/** First page with SEARCH_FILTER, repeated calls. */
	readonly filteredPageMs: Summary | null;
	/** countSearch with SEARCH_FILTER, repeated calls. */
	readonly filteredCountMs: Summary | null;
}

/** The store's search, in-process: no process start, no JSON, just the query. */
export function measureStoreSearch(cacheFile: string, repeats: number): SearchFigure[] {
	const figures: SearchFigure[] = [];
	for (const {label, query} of SEARCH_QUERIES) {
		const store = openStore(cacheFile, {quickCheck: false});
		try {
			let start = performance.now();
			store.search(query, {offset: 0, limit: 50});
			const firstCallMs = performance.now() - start;
			const page: number[] = [];
			const count: number[] = [];
			const filteredPage: number[] = [];
			const filteredCount: number[] = [];
			let hits = 0;
			let filteredHits = 0;
			for (let run = 0; run < repeats; run++) {
				start = performance.now();
				store.search(query, {offset: 0, limit: 50});
				page.push(performance.now() - start);
				start = performance.now();
				hits = store.countSearch(query).total;
				count.push(performance.now() - start);
				// Interleaved with the unfiltered calls, so that both see the same machine load.
				start = performance.now();
				store.search(query, {offset: 0, limit: 50}, SEARCH_FILTER.filter);
				filteredPage.push(performance.now() - start);
				start = performance.now();
				filteredHits = store.countSearch(query, SEARCH_FILTER.filter).total;
				filteredCount.push(performance.now() - start);
			}
			figures.push({
				label,
				query,
				hits,
				firstCallMs,
				pageMs: summarize(page),
				countMs: summarize(count),
				filteredHits,
				filteredPageMs: summarize(filteredPage),
				filteredCountMs: summarize(filteredCount),
			});
		} finally {
			store.close();
		}
	}
	return figures;
}

/** Whether the built CLI has a `search` command yet (it is being written). */
export async function hasSearchCommand(cli: string): Promise<boolean> {
	const result = await measure(process.execPath, [cli, 'search', '--help'], {keepStdout: 10_000, timeoutMs: 30_000});
	return result.exitCode === 0 && /search/i.test(result.stdout);
}

export interface CliSearchFigure {
	readonly label: string;
	readonly query: string;
	readonly summary: SampleSummary;
}

/** `blogroll search <query> --json` as a process: start-up, open, query, print. */
export async function measureCliSearch(cli: string, home: string, runs: number): Promise<CliSearchFigure[]> {
	const figures: CliSearchFigure[] = [];
	for (const {label, query} of SEARCH_QUERIES) {
		const samples: Sample[] = [];
		for (let run = 0; run < runs; run++) {
			samples.push(await measure(process.execPath, [cli, 'search', query, '--json'], {env: {BLOGROLL_HOME: home, NO_COLOR: '1'}, timeoutMs: 120_000}));
		}
		figures.push({label, query, summary: summarizeSamples(samples)});
	}
	return figures;
}
