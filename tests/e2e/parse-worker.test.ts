/**
 * The built refresh parses on a worker thread (dist/parse-worker.js, see
 * source/sync/parse-pool.ts): started for the first 200, never for a refresh of 304s, and
 * the worker bundle itself parses a feed. Needs `npm run build` (npm test does it).
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Worker} from 'node:worker_threads';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli, type CliResult} from '../helpers/cli.js';
import {fixturePaths, startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';

const DIST = join(import.meta.dirname, '..', '..', 'dist');

let server: FixtureServer;
let home: string;

beforeAll(async () => {
	server = await startFixtureServer();
	home = mkdtempSync(join(tmpdir(), 'blogroll-worker-'));
	// Counts the worker threads the process starts (Node emits 'worker' on process for each).
	writeFileSync(join(home, 'count-workers.mjs'), `import {writeFileSync} from 'node:fs';
let workers = 0;
process.on('worker', () => workers++);
process.on('exit', () => writeFileSync(process.env.WORKER_COUNT_FILE, String(workers)));
`);
	writeFileSync(join(home, 'feeds.json'), JSON.stringify({feeds: [{url: server.url + fixturePaths.kreidezeit.feed}, {url: server.url + fixturePaths.klartext.feed}]}));
});

afterAll(async () => {
	await server.close();
	rmSync(home, {recursive: true, force: true});
});

/** The built CLI, with a preload (`--import`) that measures the process when given. */
function blogroll(args: readonly string[], preload?: string): Promise<CliResult> {
	return runCli(args, {home, env: {WORKER_COUNT_FILE: join(home, 'workers')}, ...(preload === undefined ? {} : {nodeArgs: ['--import', preload]})});
}

describe('the built refresh', () => {
	it('parses on a worker thread when feeds answer 200, and starts none when all answer 304', async () => {
		expect((await blogroll(['import', join(home, 'feeds.json')])).code).toBe(0);
		const preload = join(home, 'count-workers.mjs');

		const cold = await blogroll(['refresh', '--force', '--json'], preload);
		expect(cold.code).toBe(0);
		expect((JSON.parse(cold.stdout) as {outcome: string}[]).map(result => result.outcome)).toEqual(['updated', 'updated']);
		expect(Number(readFileSync(join(home, 'workers'), 'utf8'))).toBeGreaterThanOrEqual(1);

		const warm = await blogroll(['refresh', '--force', '--json'], preload);
		expect((JSON.parse(warm.stdout) as {outcome: string}[]).map(result => result.outcome)).toEqual(['not-modified', 'not-modified']);
		expect(Number(readFileSync(join(home, 'workers'), 'utf8'))).toBe(0);
	});

	it('has a worker bundle that decodes, parses and prepares a feed body', async () => {
		const body = new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Praxisblog</title><item><title>Größe zeigen</title><guid>p-1</guid><description>Über Haltung</description></item></channel></rss>');
		const worker = new Worker(join(DIST, 'parse-worker.js'));
		try {
			// The items come in parts as they are ready, then the feed (see ParseReply).
			const replies = await new Promise<unknown[]>((resolve, reject) => {
				const received: unknown[] = [];
				worker.on('message', (reply: object) => {
					received.push(reply);
					if (!('items' in reply)) resolve(received);
				});
				worker.once('error', reject);
				worker.postMessage({body, contentType: 'application/rss+xml', url: 'https://praxis.example/feed/'});
			});
			expect(replies).toMatchObject([
				{items: [{title: 'Größe zeigen', summaryIndexText: 'Über Haltung', contentHash: expect.any(String)}]},
				{result: {title: 'Praxisblog', items: []}},
			]);
		} finally {
			await worker.terminate();
		}
	});
});
