/**
 * `suggest` on a dense evidence table (issue 13's leftover): 500 followed feeds, each linking
 * ~700 of 3 000 other sites, ~350 000 evidence rows, a few blogrolls. Offline (probes off):
 * what is measured is reading and ranking the evidence. `tsx bench/suggest-dense.ts [runs]`.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {openConfig} from '../source/config/config.js';
import {resolvePaths} from '../source/config/paths.js';
import {createHttpClient} from '../source/feeds/http.js';
import {isFailure} from '../source/failure.js';
import {openStore} from '../source/store/open.js';
import {suggest} from '../source/use-cases/suggest.js';

const FEEDS = 500;
const SITES = 3_000;
const LINKED_PER_FEED = 700;

/** A small deterministic generator, so that every run ranks the same table. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

export function buildDenseProfile(): string {
	const home = mkdtempSync(join(tmpdir(), 'blogroll-bench-dense-'));
	const feeds = Array.from({length: FEEDS}, (_, index) => `https://blog-${index}.example/feed/`);
	writeFileSync(
		join(home, 'config.json'),
		JSON.stringify({
			settings: {suggestProbesPerRun: 0},
			subscriptions: feeds.map(url => ({url, title: null, tags: [], fullArticle: false, addedAt: '2026-01-01T00:00:00.000Z'})),
		}),
	);
	const store = openStore(join(home, 'cache.db'), {quickCheck: false});
	const discover = store.discover();
	const next = random(7);
	const now = new Date().toISOString();
	for (const [index, feed] of feeds.entries()) {
		store.ensureFeed(feed);
		const counts = new Map<number, number>();
		while (counts.size < LINKED_PER_FEED) {
			const site = Math.floor(next() ** 2 * SITES);
			counts.set(site, (counts.get(site) ?? 0) + 1 + Math.floor(next() * 3));
		}
		const from = discover.linksScannedTo();
		discover.addLinkCounts(
			[...counts].map(([site, count]) => ({site: `ort-${site}.example`, sourceFeedUrl: feed, url: `https://ort-${site}.example/${index}/`, count})),
			from,
			from + 1,
		);
		if (index % 10 === 0) {
			const listed = Array.from({length: 30}, (_, n) => Math.floor(next() * SITES)).map(site => ({site: `ort-${site}.example`, url: `https://ort-${site}.example/`, feedUrl: null, title: null, via: `https://blog-${index}.example/blogroll/`}));
			discover.replaceBlogrollEvidence(feed, listed);
		}
		discover.markSourceScanned(feed, now);
	}
	// Found feeds for the best-known sites, so that suggestions are listed (as after probes).
	for (let site = 0; site < SITES; site++) {
		discover.putSite({site: `ort-${site}.example`, status: 'found', message: null, siteUrl: `https://ort-${site}.example/`, feedUrl: `https://ort-${site}.example/feed/`, title: `Ort ${site}`, lastPostAt: now, postsPerMonth: 2, language: 'de', dormant: site % 17 === 0, probedAt: now});
	}
	store.close();
	return home;
}

async function run(home: string): Promise<{ms: number; count: number}> {
	const config = openConfig(resolvePaths({BLOGROLL_HOME: home}));
	if (isFailure(config)) throw new Error(config.message);
	const store = openStore(join(home, 'cache.db'), {quickCheck: false});
	try {
		const start = performance.now();
		const result = await suggest({}, {config, store, http: createHttpClient(), now: () => new Date()});
		return {ms: performance.now() - start, count: result.suggestions.length};
	} finally {
		store.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const runs = Number(process.argv[2] ?? 3);
	const home = buildDenseProfile();
	try {
		const times: number[] = [];
		for (let index = 0; index < runs; index++) {
			const {ms, count} = await run(home);
			times.push(ms);
			process.stdout.write(`run ${index + 1}: ${ms.toFixed(0)} ms, ${count} suggestions\n`);
		}
		times.sort((a, b) => a - b);
		process.stdout.write(`median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms\n`);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
}
