/**
 * Decoding, parsing and preparing feed bodies for the store (hash, index text; see
 * store/prepare-item.ts) on worker threads: most of a cold refresh's CPU, run beside the
 * main thread, which keeps fetching and writing the cache. Workers start on the first
 * body to parse (a refresh of unchanged feeds, all 304s, starts none) and stop with `close()`.
 *
 * Run from source (tests, tsx) there is no built worker script and bodies are parsed
 * in-process, exactly as a worker would.
 */
import {existsSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {setFlagsFromString} from 'node:v8';
import {Worker} from 'node:worker_threads';
import {isFailure, type Failure} from '../failure.js';
import type {CharsetReport} from '../feeds/decode.js';
import type {ParsedFeed} from '../feeds/types.js';
import {prepareItem, type PreparedItem} from '../store/prepare-item.js';

/** What the pool sends a worker (see parse-worker.ts); a worker has one job at a time. */
export interface ParseJob {
	readonly body: Uint8Array;
	readonly contentType: string | null;
	readonly url: string;
	/** The feed's charset setting: decodes the body whatever it declares. */
	readonly charset?: string | null;
	/** The cached entries' content hashes by guid: unchanged items are not indexed again. */
	readonly known?: ReadonlyMap<string, string>;
}

/** A parsed feed whose items carry what the store derives from them. */
export interface PreparedFeed extends ParsedFeed {
	readonly items: readonly PreparedItem[];
	/** How the body was decoded (feed health). */
	readonly charset?: CharsetReport;
}

/**
 * A worker's answers to its job: the prepared items in parts as they are ready, then the
 * parse result (its items are the ones not sent yet) or the message of what it threw.
 */
export type ParseReply = {readonly items: readonly PreparedItem[]} | {readonly result: PreparedFeed | Failure} | {readonly error: string};

/** Turns a downloaded feed body into a feed ready to store (decode, parse, prepare). */
export interface FeedParser {
	/**
	 * `url` is where the body was served from: relative links resolve against it; `known`
	 * the cached entries' hashes by guid (items found unchanged there get no index text).
	 */
	parse(body: Uint8Array, contentType: string | null, url: string, charset?: string | null, known?: ReadonlyMap<string, string>): Promise<PreparedFeed | Failure>;
	/** Stops the workers; parses still running are rejected. */
	close(): Promise<void>;
}

export interface ParsePoolOptions {
	/** The built worker script; default: dist/parse-worker.js when running the bundle, else none. */
	readonly workerScript?: URL | null;
	/** Most workers at once; default one per core but the main thread's, at most 3. */
	readonly size?: number;
	/** A worker's old generation, MB (see WORKER_OLD_GENERATION_MB). */
	readonly workerOldGenerationMb?: number;
}

/**
 * Items a worker prepares and sends at a time. Sent at once, their index texts die young in
 * the worker; kept for the whole feed's reply they outlived the young generation, and the
 * old one filled and was collected a third more often (BENCHMARKS.md, "Issue 14 in session 6").
 */
const ITEMS_PER_PART = 8;

/**
 * Decodes, parses and prepares on the calling thread (what a worker does). With `sendItems`,
 * the prepared items go there in parts, and the feed returned has none.
 */
export async function parseAndPrepare(body: Uint8Array, contentType: string | null, url: string, override?: string | null, known?: ReadonlyMap<string, string>, sendItems?: (items: PreparedItem[]) => void): Promise<PreparedFeed | Failure> {
	// Loaded on first use: a refresh whose feeds all answer 304 never loads the parser.
	const [{decodeBodyWithReport}, {parseFeed}, {postLinkCounts}] = await Promise.all([import('../feeds/decode.js'), import('../feeds/parse.js'), import('../discover/scan-links.js')]);
	const {text, charset} = decodeBodyWithReport(body, contentType, override);
	const feed = await parseFeed(text, url);
	if (isFailure(feed)) return feed;
	// Discover's link counts too, here beside the main thread rather than from the stored bodies.
	const prepare = (item: ParsedFeed['items'][number]): PreparedItem => {
		const prepared = prepareItem(item, known);
		return prepared.unchanged === true ? prepared : {...prepared, links: postLinkCounts(item)};
	};
	if (sendItems === undefined) return {...feed, items: feed.items.map(prepare), charset};
	for (let start = 0; start < feed.items.length; start += ITEMS_PER_PART) sendItems(feed.items.slice(start, start + ITEMS_PER_PART).map(prepare));
	return {...feed, items: [], charset};
}

const WORKER_YOUNG_GENERATION_MB = 8;
/**
 * A bound on the old generation, so that a worker cannot swell without limit; a document
 * too big for it (the worker runs out of memory) is parsed again on a worker without the
 * limit, so no feed fails for it. Not tighter: at 24 MB the worker spent a third more CPU
 * collecting garbage for no lower peak (the small young generation is what keeps memory
 * down), see BENCHMARKS.md "Session 5".
 */
const WORKER_OLD_GENERATION_MB = 64;

interface Pending {
	readonly job: ParseJob;
	/** The items a worker has sent for this job so far. */
	received: PreparedItem[];
	readonly resolve: (result: PreparedFeed | Failure) => void;
	readonly reject: (error: Error) => void;
}

interface PoolWorker {
	readonly worker: Worker;
	current: Pending | null;
	/** Has it answered at least once? A worker that dies before is a broken build, not a bad feed. */
	answered: boolean;
}

let scavengeSetToOneThread = false;
/**
 * For a process that only refreshes: V8 collects each young generation on one thread rather
 * than with helper tasks. A refresh keeps both of a 2-core machine's cores busy (SQLite on the
 * main thread, parsing on the worker, whose 8 MB young generation is collected every few
 * hundred KB of a feed), so the helpers only competed with them. 500 feeds cold against the
 * build without it, four same-run pairs of 5–9 runs: CPU −6 to −9 % by medians, −5 % to +2 %
 * (two of the four under −3 %) by the median of per-run ratios; peak memory the same
 * (BENCHMARKS.md, "Issue 14 in session 6"). Process-wide (a V8 flag read at each collection),
 * so not for the reader, whose key figures were measured with parallel scavenging.
 */
export function scavengeOnOneThread(): void {
	if (scavengeSetToOneThread) return;
	scavengeSetToOneThread = true;
	setFlagsFromString('--no-parallel-scavenge');
}

export function createParsePool(options: ParsePoolOptions = {}): FeedParser {
	const script = options.workerScript === undefined ? findWorkerScript() : options.workerScript;
	// The main thread stays busy too (HTTP, SQLite): on 2 cores a second worker only
	// competes with it, and each costs memory.
	const size = Math.max(1, options.size ?? Math.min(3, availableParallelism() - 1));
	const oldGenerationMb = options.workerOldGenerationMb ?? WORKER_OLD_GENERATION_MB;
	const workers: PoolWorker[] = [];
	// One-job workers for documents too big for the others (see runInRoomyWorker).
	const roomy = new Set<Worker>();
	const queue: Pending[] = [];
	// Set when workers cannot run here: every body is then parsed in-process.
	let inProcess = script === null;
	let closed = false;

	/** A worker's answer for `pending`; true once the job is over. */
	function answer(pending: Pending, reply: ParseReply): boolean {
		if ('items' in reply) {
			pending.received.push(...reply.items);
			return false;
		}
		if ('error' in reply) pending.reject(new Error(reply.error));
		else pending.resolve(isFailure(reply.result) ? reply.result : {...reply.result, items: [...pending.received, ...reply.result.items]});
		return true;
	}

	function runInProcess(pending: Pending): void {
		parseAndPrepare(pending.job.body, pending.job.contentType, pending.job.url, pending.job.charset, pending.job.known).then(pending.resolve, pending.reject);
	}

	/**
	 * One job on a worker of its own without the old-generation limit, stopped after it: the
	 * main thread stays free for fetching and the cache (a 10 MB document parsed there would
	 * hold up every other feed's timers for seconds).
	 */
	function runInRoomyWorker(pending: Pending): void {
		let worker: Worker;
		try {
			worker = new Worker(script!, {resourceLimits: {maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB}});
		} catch {
			runInProcess(pending);
			return;
		}
		let settled = false;
		const settle = (action: () => void): void => {
			if (settled) return;
			settled = true;
			roomy.delete(worker);
			action();
			void worker.terminate();
		};
		roomy.add(worker);
		pending.received = [];
		worker.on('message', (reply: ParseReply) => {
			if ('items' in reply) answer(pending, reply);
			else settle(() => answer(pending, reply));
		});
		worker.once('error', (error) => settle(() => pending.reject(error)));
		worker.once('exit', (code) => settle(() => pending.reject(new Error(`the parser worker stopped (exit code ${code})`))));
		worker.postMessage(pending.job);
	}

	function send(slot: PoolWorker, pending: Pending): void {
		slot.current = pending;
		slot.worker.ref();
		// Copied, not transferred: should the worker die, the body is still here to parse.
		slot.worker.postMessage(pending.job);
	}

	function dispatch(): void {
		while (queue.length > 0) {
			if (inProcess) {
				runInProcess(queue.shift()!);
				continue;
			}
			const idle = workers.find((slot) => slot.current === null);
			if (idle !== undefined) {
				send(idle, queue.shift()!);
				continue;
			}
			if (workers.length >= size) return;
			const slot = startWorker();
			if (slot === null) continue;
			send(slot, queue.shift()!);
		}
	}

	function startWorker(): PoolWorker | null {
		let worker: Worker;
		try {
			// A small young generation: parsing makes many short-lived strings, and the
			// default one lets a worker's memory swell by tens of MB for no speed gained.
			worker = new Worker(script!, {resourceLimits: {maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: oldGenerationMb}});
		} catch {
			inProcess = true;
			return null;
		}
		const slot: PoolWorker = {worker, current: null, answered: false};
		// Idle workers must not keep the process alive; a busy one is ref'd in send().
		worker.unref();
		worker.on('message', (reply: ParseReply) => {
			slot.answered = true;
			const pending = slot.current;
			// No job: it was given up (the pool closing) and the worker is being stopped.
			if (pending === null || !answer(pending, reply)) return;
			slot.current = null;
			worker.unref();
			dispatch();
		});
		const fail = (error: Error): void => {
			const index = workers.indexOf(slot);
			if (index === -1) return;
			workers.splice(index, 1);
			const pending = slot.current;
			slot.current = null;
			if (pending !== null) {
				if (!slot.answered && !closed && !isOutOfMemory(error)) {
					// The worker could not even start (a broken build): parse here instead.
					inProcess = true;
					runInProcess(pending);
				} else if (isOutOfMemory(error) && !closed) {
					// This document needs more than a worker's heap: a worker of its own, without the limit.
					runInRoomyWorker(pending);
				} else {
					pending.reject(error);
				}
			}
			if (!closed) dispatch();
		};
		worker.on('error', fail);
		worker.on('exit', (code) => fail(new Error(`the parser worker stopped (exit code ${code})`)));
		workers.push(slot);
		return slot;
	}

	return {
		parse(body, contentType, url, charset, known) {
			if (closed) return parseAndPrepare(body, contentType, url, charset, known);
			return new Promise((resolve, reject) => {
				queue.push({job: {body, contentType, url, ...(charset ? {charset} : {}), ...(known !== undefined && known.size > 0 ? {known} : {})}, received: [], resolve, reject});
				dispatch();
			});
		},
		async close() {
			closed = true;
			for (const worker of roomy) void worker.terminate();
			roomy.clear();
			for (const pending of queue.splice(0)) pending.reject(new Error('the feed parser was closed'));
			await Promise.all(workers.splice(0).map(async (slot) => {
				slot.current?.reject(new Error('the feed parser was closed'));
				slot.current = null;
				await slot.worker.terminate();
			}));
		},
	};
}

function isOutOfMemory(error: Error): boolean {
	return (error as Error & {code?: unknown}).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/**
 * In the bundle (scripts/build.mjs) this module is in dist/cli.js or dist/chunks/, and
 * the worker is dist/parse-worker.js. From source (tests, tsx) there is none.
 */
function findWorkerScript(): URL | null {
	for (const candidate of ['./parse-worker.js', '../parse-worker.js']) {
		const url = new URL(candidate, import.meta.url);
		if (existsSync(url)) return url;
	}
	return null;
}
