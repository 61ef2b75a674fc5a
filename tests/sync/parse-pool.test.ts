import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createParsePool, parseAndPrepare, type FeedParser} from '../../source/sync/parse-pool.js';
import type {PreparedItem} from '../../source/store/prepare-item.js';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Praxisblog</title><link>https://praxis.example/</link>
<item><title>Größe zeigen</title><guid>p-1</guid><description><![CDATA[<p>Über &bdquo;Haltung&ldquo;</p>]]></description></item>
</channel></rss>`;
const BODY = new TextEncoder().encode(RSS);

let directory: string;
let pool: FeedParser | undefined;

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'blogroll-pool-'));
});

afterEach(async () => {
	await pool?.close();
	pool = undefined;
	rmSync(directory, {recursive: true, force: true});
});

/** A stand-in worker script: marks that it started, then answers every job with `reply`. */
function fakeWorker(name: string, reply: string, onStart = ''): {readonly url: URL; readonly started: () => boolean} {
	const marker = join(directory, `${name}.started`);
	const file = join(directory, `${name}.mjs`);
	writeFileSync(file, `import {parentPort} from 'node:worker_threads';
import {appendFileSync} from 'node:fs';
appendFileSync(${JSON.stringify(marker)}, 'x');
${onStart}
parentPort.on('message', (job) => parentPort.postMessage(${reply}));
`);
	return {url: pathToFileURL(file), started: () => existsSync(marker)};
}

describe('createParsePool', () => {
	it('starts no worker before the first body, then parses on one', async () => {
		const worker = fakeWorker('echo', `{result: {format: 'rss', title: 'aus ' + job.url, link: null, description: null, ttlMinutes: null, items: []}}`);
		pool = createParsePool({workerScript: worker.url, size: 1});
		expect(worker.started()).toBe(false);
		const results = await Promise.all([pool.parse(BODY, null, 'https://a.example/feed/'), pool.parse(BODY, null, 'https://b.example/feed/')]);
		expect(worker.started()).toBe(true);
		expect(results.map((result) => ('title' in result ? result.title : result.message))).toEqual(['aus https://a.example/feed/', 'aus https://b.example/feed/']);
	});

	it('rejects a parse whose worker reports an error, and keeps parsing the next', async () => {
		const worker = fakeWorker('picky', `job.url.includes('kaputt') ? {error: 'kaputt'} : {result: {kind: 'failed', reason: 'not-a-feed', message: job.url + ' is not a feed'}}`);
		pool = createParsePool({workerScript: worker.url, size: 1});
		await expect(pool.parse(BODY, null, 'https://kaputt.example/feed/')).rejects.toThrow('kaputt');
		await expect(pool.parse(BODY, null, 'https://b.example/feed/')).resolves.toEqual({kind: 'failed', reason: 'not-a-feed', message: 'https://b.example/feed/ is not a feed'});
	});

	it('parses in-process when the worker cannot start', async () => {
		const worker = fakeWorker('broken', `{error: 'never'}`, `throw new Error('a broken build');`);
		pool = createParsePool({workerScript: worker.url, size: 2});
		const feed = await pool.parse(BODY, 'application/rss+xml', 'https://praxis.example/feed/');
		expect(feed).toMatchObject({title: 'Praxisblog', items: [{title: 'Größe zeigen'}]});
	});

	it('parses a document that does not fit in a worker\'s heap on a worker without the limit, then goes on as before', async () => {
		// A stand-in for a document far bigger than the rest: its parse outgrows a limited heap.
		const worker = fakeWorker('hungry', `(() => {
	const limited = getHeapStatistics().heap_size_limit < 256 * 1024 * 1024;
	if (!job.url.includes('riesig')) return {result: {format: 'rss', title: 'klein', link: null, description: null, ttlMinutes: null, items: []}};
	if (!limited) return {result: {format: 'rss', title: 'riesig, ohne Grenze gelesen', link: null, description: null, ttlMinutes: null, items: []}};
	const kept = [];
	for (;;) kept.push('Größe '.repeat(1000) + kept.length);
})()`, `import {getHeapStatistics} from 'node:v8';`);
		pool = createParsePool({workerScript: worker.url, size: 1, workerOldGenerationMb: 16});
		await expect(pool.parse(BODY, null, 'https://klein.example/feed/')).resolves.toMatchObject({title: 'klein'});
		await expect(pool.parse(BODY, 'application/rss+xml', 'https://riesig.example/feed/')).resolves.toMatchObject({title: 'riesig, ohne Grenze gelesen'});
		await expect(pool.parse(BODY, null, 'https://klein.example/feed/')).resolves.toMatchObject({title: 'klein'});
	});

	it('puts together the items a worker sends in parts, in order, each job its own', async () => {
		const part = (numbers: number[]) => `{items: [${numbers.map((number) => `{id: job.url + '#${number}'}`).join(', ')}]}`;
		const worker = fakeWorker('parts', `(parentPort.postMessage(${part([1, 2])}), parentPort.postMessage(${part([3])}), {result: {format: 'rss', title: 't', link: null, description: null, ttlMinutes: null, items: [{id: job.url + '#4'}]}})`);
		pool = createParsePool({workerScript: worker.url, size: 1});
		const results = await Promise.all([pool.parse(BODY, null, 'a'), pool.parse(BODY, null, 'b')]);
		expect(results.map((result) => ('items' in result ? result.items.map((item) => item.id) : result.message))).toEqual([
			['a#1', 'a#2', 'a#3', 'a#4'],
			['b#1', 'b#2', 'b#3', 'b#4'],
		]);
	});

	it('prepares the items in parts of eight when asked to send them, the same items as at once', async () => {
		const items = Array.from({length: 20}, (_, index) => `<item><title>Beitrag ${index + 1}: Größe</title><guid>p-${index + 1}</guid><description>&lt;p&gt;Über „Haltung“ ${index + 1}&lt;/p&gt;</description></item>`).join('');
		const body = new TextEncoder().encode(RSS.replace(/<item>[\s\S]*<\/item>/, items));
		const parts: PreparedItem[][] = [];
		const sent = await parseAndPrepare(body, 'application/rss+xml', 'https://praxis.example/feed/', null, undefined, (part) => parts.push(part));
		const whole = await parseAndPrepare(body, 'application/rss+xml', 'https://praxis.example/feed/');
		if ('kind' in sent || 'kind' in whole) throw new Error('not parsed');
		expect(parts.map((part) => part.length)).toEqual([8, 8, 4]);
		expect(sent.items).toEqual([]);
		expect(parts.flat()).toEqual(whole.items);
		expect(whole.items[19]).toMatchObject({id: 'p-20', summaryIndexText: 'Über „Haltung“ 20'});
	});

	it('starts over on the roomy worker when one runs out of memory after sending a part: nothing from the first try is kept', async () => {
		const worker = fakeWorker('parts-then-hungry', `(() => {
	if (getHeapStatistics().heap_size_limit >= 256 * 1024 * 1024) return {result: {format: 'rss', title: 'riesig', link: null, description: null, ttlMinutes: null, items: [{id: 'ganz-1'}, {id: 'ganz-2'}]}};
	parentPort.postMessage({items: [{id: 'halb-1'}]});
	const kept = [];
	for (;;) kept.push('Größe '.repeat(1000) + kept.length);
})()`, `import {getHeapStatistics} from 'node:v8';`);
		pool = createParsePool({workerScript: worker.url, size: 1, workerOldGenerationMb: 16});
		const feed = await pool.parse(BODY, 'application/rss+xml', 'https://riesig.example/feed/');
		expect('items' in feed ? feed.items.map((item) => item.id) : feed).toEqual(['ganz-1', 'ganz-2']);
	});

	it('without a worker script parses in-process, items ready for the store', async () => {
		pool = createParsePool({workerScript: null});
		const feed = await pool.parse(BODY, 'application/rss+xml; charset=UTF-8', 'https://praxis.example/feed/');
		if ('kind' in feed) throw new Error(feed.message);
		expect(feed.items[0]).toMatchObject({
			id: 'p-1',
			title: 'Größe zeigen',
			summary: '<p>Über &bdquo;Haltung&ldquo;</p>',
			summaryIndexText: 'Über „Haltung“',
			contentIndexText: '',
		});
		expect(feed.items[0]?.contentHash).toMatch(/^[A-Za-z0-9+/]{27}=$/);
	});

	it('after close still parses, in-process', async () => {
		const worker = fakeWorker('closed', `{error: 'not here'}`);
		pool = createParsePool({workerScript: worker.url});
		await pool.close();
		await expect(pool.parse(BODY, null, 'https://praxis.example/feed/')).resolves.toMatchObject({title: 'Praxisblog'});
		expect(worker.started()).toBe(false);
	});
});
