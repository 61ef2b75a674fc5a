/**
 * Nothing lost: SIGKILL at random moments of a refresh or of marking entries read leaves a
 * cache that passes `PRAGMA integrity_check`, every subscription, and every flag change
 * that was acknowledged; two processes on one cache at once neither fail nor lose writes.
 * Every loop is bounded; the kill moments come from a seeded generator, so a failure
 * can be replayed.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import Database from 'better-sqlite3';
import {readFileSync, writeFileSync} from 'node:fs';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';
import {makeHome, runBlogroll, spawnBlogroll, writeConfig, type ListedFeed, type RefreshResultJson} from './support.js';

const FEEDS = 40;
const KILLS = 15;
const FLAG_KILLS = 6;
const WORKER = join(import.meta.dirname, 'flag-worker.ts');

let server: FixtureServer;
const feedUrls: string[] = [];

/** A small, deterministic generator (mulberry32): random moments, replayable. */
function seededRandom(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** A WordPress feed that has one more entry at every request, so every refresh writes. */
function growingFeed(blog: number): (request: IncomingMessage, response: ServerResponse) => void {
	let requests = 0;
	return (_request, response) => {
		requests++;
		const items: string[] = [];
		for (let index = requests + 20; index >= 1; index--) {
			const date = new Date(Date.UTC(2026, 9, 1) + index * 3_600_000).toUTCString();
			items.push(`<item><title>Impuls ${index}: Führung, Haltung &amp; Größe</title><link>${server.url}/blog-${blog}/impuls-${index}/</link><guid isPermaLink="false">blog-${blog}-${index}</guid><pubDate>${date}</pubDate><dc:creator>Coach ${blog}</dc:creator><content:encoded><![CDATA[<p>Gedanken zu „Impuls ${index}“ – ${'Ein Absatz über gute Gespräche. '.repeat(20)}</p>]]></content:encoded></item>`);
		}
		response.writeHead(200, {'Content-Type': 'application/rss+xml; charset=UTF-8'});
		response.end(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Coaching-Blog ${blog}</title><link>${server.url}/blog-${blog}/</link>${items.join('\n')}</channel></rss>`);
	};
}

beforeAll(async () => {
	// Latency per answer, so that a refresh of 40 feeds takes a while and kills land mid-way.
	server = await startFixtureServer({latencyMs: 40, recordRequests: false});
	for (let blog = 1; blog <= FEEDS; blog++) {
		server.setRoute(`/blog-${blog}/feed/`, growingFeed(blog));
		feedUrls.push(`${server.url}/blog-${blog}/feed/`);
	}
});

afterAll(async () => {
	await server.close();
});

function exited(child: ChildProcess): Promise<number | null> {
	return new Promise(resolve => {
		if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
		else child.once('exit', code => resolve(code));
	});
}

/** Resolves once `count` lines have arrived on the stream (or the process ended). */
function afterLines(child: ChildProcess, stream: 'stdout' | 'stderr', count: number, lines: string[] = []): Promise<void> {
	return new Promise(resolve => {
		let buffered = '';
		const check = () => {
			if (lines.length >= count) resolve();
		};
		child[stream]!.on('data', (chunk: Buffer) => {
			buffered += chunk.toString('utf8');
			const complete = buffered.split('\n');
			buffered = complete.pop()!;
			lines.push(...complete.filter(line => line !== ''));
			check();
		});
		child.once('exit', () => resolve());
		check();
	});
}

function integrity(home: string): string {
	const db = new Database(join(home, 'cache.db'));
	try {
		return String(db.pragma('integrity_check', {simple: true}));
	} finally {
		db.close();
	}
}

function subscribedUrls(home: string): string[] {
	return (JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')) as {subscriptions: {url: string}[]}).subscriptions.map(subscription => subscription.url);
}

function flagged(home: string, column: 'is_read' | 'is_starred'): Set<number> {
	const db = new Database(join(home, 'cache.db'), {readonly: true});
	try {
		return new Set((db.prepare(`SELECT id FROM entries WHERE ${column} = 1`).all() as {id: number}[]).map(row => row.id));
	} finally {
		db.close();
	}
}

function startWorker(home: string, mode: 'read' | 'star'): ChildProcess {
	return spawn(process.execPath, ['--import', 'tsx', WORKER, join(home, 'cache.db'), mode], {stdio: ['ignore', 'pipe', 'pipe'], cwd: join(import.meta.dirname, '..', '..')});
}

describe('SIGKILL at random moments', () => {
	it(`during ${KILLS} refreshes of ${FEEDS} feeds leaves an intact cache and every subscription`, {timeout: 150_000}, async () => {
		const home = makeHome();
		writeConfig(home, feedUrls.map(url => ({url})), {perHostConcurrency: 8});
		const random = seededRandom(20261122);
		let killedMidway = 0;
		for (let round = 0; round < KILLS; round++) {
			const child = spawnBlogroll(['refresh', '--force'], {home});
			// Kill after a random number of finished feeds: between opening the cache and the last write.
			const finishedFeeds = Math.floor(random() * FEEDS);
			await afterLines(child, 'stderr', finishedFeeds);
			const wasRunning = child.exitCode === null && child.kill('SIGKILL');
			if (wasRunning) killedMidway++;
			await exited(child);
		}
		console.info(`[hostile] refresh: ${killedMidway} of ${KILLS} runs killed mid-way`);
		expect(killedMidway).toBeGreaterThan(KILLS / 2);
		expect(integrity(home)).toBe('ok');
		expect(subscribedUrls(home)).toEqual(feedUrls);

		// And blogroll carries on from whatever state the kills left.
		const after = await runBlogroll(['refresh', '--force', '--json'], {home});
		expect(after.code).toBe(0);
		const results = JSON.parse(after.stdout) as RefreshResultJson[];
		expect(results.filter(result => result.outcome !== 'updated')).toEqual([]);
		const listed = JSON.parse((await runBlogroll(['list', '--json'], {home})).stdout) as ListedFeed[];
		expect(listed.map(feed => feed.url)).toEqual(feedUrls);
		expect(listed.every(feed => feed.total >= 21)).toBe(true);
		expect(integrity(home)).toBe('ok');
	});

	it(`while marking entries read (${FLAG_KILLS} kills) keeps every acknowledged change`, {timeout: 120_000}, async () => {
		const home = makeHome();
		writeConfig(home, feedUrls.slice(0, 10).map(url => ({url})), {perHostConcurrency: 8});
		expect((await runBlogroll(['refresh'], {home})).code).toBe(0);
		const random = seededRandom(7);
		const acknowledged = new Set<number>();
		let killedMidway = 0;
		for (let round = 0; round < FLAG_KILLS; round++) {
			const worker = startWorker(home, 'read');
			const lines: string[] = [];
			await afterLines(worker, 'stdout', 5 + Math.floor(random() * 30), lines);
			if (worker.exitCode === null && worker.kill('SIGKILL')) killedMidway++;
			await exited(worker);
			for (const line of lines) acknowledged.add(Number(line));
		}
		console.info(`[hostile] marking read: ${killedMidway} kills, ${acknowledged.size} acknowledged changes checked`);
		expect(killedMidway).toBe(FLAG_KILLS);
		expect(acknowledged.size).toBeGreaterThan(FLAG_KILLS * 5 - 1);
		expect(integrity(home)).toBe('ok');
		const read = flagged(home, 'is_read');
		expect([...acknowledged].filter(id => !read.has(id))).toEqual([]);
	});
});

describe('SIGKILL while the config is being written', () => {
	it('leaves a config that parses and keeps every earlier subscription, whenever it lands', {timeout: 90_000}, async () => {
		const home = makeHome();
		const earlier = [{url: 'https://kreidezeit-coaching.de/feed/', title: 'Kreidezeit', tags: ['coaching']}];
		writeConfig(home, earlier);
		// An import of 300 feeds writes the config once per feed: many writes to land in.
		const outlines = Array.from({length: 300}, (_, index) => `<outline type="rss" text="Blog ${index} über Größe" xmlUrl="https://blog-${index}.example.de/feed/"/>`);
		const opml = join(home, 'viele.opml');
		writeFileSync(opml, `<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>Viele</title></head><body><outline text="Beratung">${outlines.join('\n')}</outline></body></opml>`);
		const random = seededRandom(300);
		let killedMidway = 0;
		for (let round = 0; round < 8; round++) {
			const child = spawnBlogroll(['import', opml], {home});
			// Kill once the import has visibly started writing: after a random number of
			// config rewrites (watched as the file growing), or when it is done.
			const target = 1 + Math.floor(random() * 250);
			await new Promise<void>(resolve => {
				const poll = setInterval(() => {
					let count = 0;
					try {
						count = (readFileSync(join(home, 'config.json'), 'utf8').match(/xmlUrl|"url"/g) ?? []).length;
					} catch {
						// Between write and rename there is always a complete file; keep polling.
					}
					if (count >= target || child.exitCode !== null) {
						clearInterval(poll);
						resolve();
					}
				}, 5);
			});
			if (child.exitCode === null && child.kill('SIGKILL')) killedMidway++;
			await exited(child);
			const config = JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')) as {subscriptions: {url: string; tags: string[]}[]};
			expect(config.subscriptions[0]).toMatchObject({url: earlier[0]!.url, tags: ['coaching']});
			expect(new Set(config.subscriptions.map(subscription => subscription.url)).size).toBe(config.subscriptions.length);
		}
		console.info(`[hostile] import: ${killedMidway} of 8 runs killed mid-way`);
		expect(killedMidway).toBeGreaterThan(0);
		// Importing again completes what the kills interrupted.
		const finished = await runBlogroll(['import', opml], {home});
		expect(finished.code).toBe(0);
		const config = JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')) as {subscriptions: unknown[]};
		expect(config.subscriptions).toHaveLength(301);
	});
});

describe('two processes on one cache', () => {
	it('a refresh and a reader changing flags at the same time both succeed, nothing lost', {timeout: 120_000}, async () => {
		const home = makeHome();
		writeConfig(home, feedUrls.map(url => ({url})), {perHostConcurrency: 8});
		expect((await runBlogroll(['refresh'], {home})).code).toBe(0);

		const worker = startWorker(home, 'star');
		const starredLines: string[] = [];
		let workerErrors = '';
		worker.stderr!.on('data', (chunk: Buffer) => (workerErrors += chunk.toString('utf8')));
		const workerDone = afterLines(worker, 'stdout', Number.POSITIVE_INFINITY, starredLines);
		const refresh = await runBlogroll(['refresh', '--force', '--json'], {home});
		const workerCode = await exited(worker);
		await workerDone;

		expect(workerErrors).toBe('');
		expect(workerCode).toBe(0);
		expect(refresh.code).toBe(0);
		expect(refresh.stderr).not.toMatch(/busy|locked/i);
		const results = JSON.parse(refresh.stdout) as RefreshResultJson[];
		expect(results.filter(result => result.outcome !== 'updated')).toEqual([]);
		expect(results.every(result => result.newEntries >= 1)).toBe(true);
		const starred = flagged(home, 'is_starred');
		expect(starredLines.length).toBeGreaterThan(0);
		expect(starredLines.map(Number).filter(id => !starred.has(id))).toEqual([]);
		expect(integrity(home)).toBe('ok');
	});
});
