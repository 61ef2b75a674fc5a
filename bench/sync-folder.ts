/**
 * Sync through a folder (issue 15) at 100 000 entries: two profiles of 100 feeds × 1 000
 * entries share a folder; the laptop marks everything read and syncs (journal, merge,
 * compaction to a snapshot); the desktop merges and applies the 100 000 read flags; then
 * syncs with nothing new. `npm run bench -- --only sync`, or by hand:
 *
 *   npx tsx bench/sync-folder.ts [--runs N] [--entries N] [--profile FILE.cpuprofile] [--first-frame dist/cli.js]
 *
 * Each desktop run works on its own copy of the desktop's profile (the merge changes it), so
 * runs are alike. Wall time and CPU time (user + sys of this process) per step: on a shared
 * machine the CPU time is the steadier figure.
 */
import {Session} from 'node:inspector';
import {cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {openConfig, type Config} from '../source/config/config.js';
import {resolvePaths} from '../source/config/paths.js';
import {isFailure} from '../source/failure.js';
import {openStore} from '../source/store/open.js';
import type {Store} from '../source/store/types.js';
import {syncFolder, type SyncReport} from '../source/use-cases/sync-folder.js';
import {buildCacheProfile} from './cache.js';
import {measure, summarize, type Summary} from './measure.js';
import {summarizeProfile} from './profile-summary.js';
import {measureFirstFrame} from './reader.js';

/** One step: milliseconds of wall and CPU time; several runs give the median and the best. */
export interface StepFigure {
	readonly wallMs: number;
	readonly cpuMs: number;
	readonly bestWallMs: number;
	readonly bestCpuMs: number;
	readonly runs: number;
}

export interface SyncFolderFigure {
	readonly entries: number;
	readonly feeds: number;
	/** Local: marking every entry read (the outbox triggers record each flag). */
	readonly markAllRead: StepFigure;
	/** The laptop's sync sending every flag: outbox → journal, merge, compaction. */
	readonly send: StepFigure;
	/** Bytes of the laptop's files in the folder after it (snapshot + journal). */
	readonly folderBytes: number;
	/** The desktop's sync merging and applying every flag. */
	readonly merge: StepFigure;
	/** A sync with nothing new on the desktop's full profile. */
	readonly nothingNew: StepFigure;
}

export interface SyncFolderOptions {
	readonly entries?: number;
	readonly feeds?: number;
	readonly runs?: number;
	/** Write a CPU profile of the first desktop merge here (and print its summary). */
	readonly profile?: string;
	readonly log?: (line: string) => void;
}

interface Profile {
	readonly home: string;
	readonly config: Config;
	readonly store: Store;
	readonly lockFile: string;
}

function open(home: string): Profile {
	const config = openConfig(resolvePaths({BLOGROLL_HOME: home}));
	if (isFailure(config)) throw new Error(config.message);
	return {home, config, store: openStore(join(home, 'cache.db'), {quickCheck: false}), lockFile: join(home, 'sync.lock')};
}

function fill(profile: Profile, entries: number, feeds: number): void {
	const perFeed = Math.ceil(entries / feeds);
	const items = (feed: number) =>
		Array.from({length: perFeed}, (_, i) => ({
			id: `https://blog${feed}.example/?p=${i}`,
			title: `Eintrag ${i}: „Führung“ über Grenzen`,
			link: `https://blog${feed}.example/${i}/`,
			published: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
			updated: null,
			author: 'Jörg Müller',
			content: '<p>Was Selbstständige über Honorare wissen sollten.</p>',
			summary: null,
		}));
	for (let feed = 0; feed < feeds; feed++) {
		const url = `https://blog${feed}.example/feed/`;
		profile.config.addSubscription({url, title: null, tags: [], fullArticle: false, addedAt: '2026-12-01T00:00:00Z'});
		profile.store.upsertEntries(profile.store.ensureFeed(url).id, items(feed), '2026-12-01T00:00:00Z');
	}
}

function sync(profile: Profile, dir?: string): SyncReport {
	const report = syncFolder({config: profile.config, store: profile.store, now: () => new Date(), lockFile: profile.lockFile}, dir === undefined ? {} : {dir});
	if (isFailure(report)) throw new Error(report.message);
	return report;
}

function timed<T>(fn: () => T): {result: T; wallMs: number; cpuMs: number} {
	const cpu = process.cpuUsage();
	const start = performance.now();
	const result = fn();
	const wallMs = performance.now() - start;
	const used = process.cpuUsage(cpu);
	return {result, wallMs, cpuMs: (used.user + used.system) / 1000};
}

function figure(samples: readonly {wallMs: number; cpuMs: number}[]): StepFigure {
	const median = (values: number[]) => {
		const sorted = [...values].sort((a, b) => a - b);
		const middle = Math.floor(sorted.length / 2);
		return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
	};
	const round = (value: number) => Math.round(value);
	const walls = samples.map(sample => sample.wallMs);
	const cpus = samples.map(sample => sample.cpuMs);
	return {wallMs: round(median(walls)), cpuMs: round(median(cpus)), bestWallMs: round(Math.min(...walls)), bestCpuMs: round(Math.min(...cpus)), runs: samples.length};
}

async function profiled<T>(file: string | undefined, fn: () => T): Promise<T> {
	if (file === undefined) return fn();
	const session = new Session();
	session.connect();
	const post = (method: string, params?: object) =>
		new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
	await post('Profiler.enable');
	await post('Profiler.setSamplingInterval', {interval: 200});
	await post('Profiler.start');
	const result = fn();
	const {profile} = (await post('Profiler.stop')) as {profile: unknown};
	session.disconnect();
	writeFileSync(file, JSON.stringify(profile));
	return result;
}

export async function measureSyncFolder(options: SyncFolderOptions = {}): Promise<SyncFolderFigure> {
	const entries = options.entries ?? 100_000;
	const feeds = options.feeds ?? 100;
	const runs = options.runs ?? 3;
	const log = options.log ?? (() => {});
	const root = mkdtempSync(join(tmpdir(), 'blogroll-bench-sync-'));
	const opened: Profile[] = [];
	const profileAt = (home: string) => {
		const profile = open(home);
		opened.push(profile);
		return profile;
	};
	try {
		const folder = join(root, 'folder');
		mkdirSync(folder);
		const laptop = profileAt(join(root, 'laptop'));
		const desktop = profileAt(join(root, 'desktop'));
		log(`sync: two profiles of ${feeds} feeds × ${Math.ceil(entries / feeds)} entries…`);
		fill(laptop, entries, feeds);
		fill(desktop, entries, feeds);
		sync(laptop, folder);
		sync(desktop, folder);
		const marked = timed(() => laptop.store.markAllRead({}));
		const sent = timed(() => sync(laptop));
		if (sent.result.sent < entries) throw new Error(`the laptop sent ${sent.result.sent} flags, not ${entries}`);
		const folderBytes = sizeOfFolder(folder);
		log(`sync: laptop sent ${sent.result.sent} flags in ${sent.wallMs.toFixed(0)} ms (${(folderBytes / 1024 / 1024).toFixed(1)} MB in the folder)`);
		desktop.store.close();
		opened.splice(opened.indexOf(desktop), 1);
		const merges: {wallMs: number; cpuMs: number}[] = [];
		const idle: {wallMs: number; cpuMs: number}[] = [];
		for (let run = 0; run < runs; run++) {
			const home = join(root, `desktop-${run}`);
			cpSync(desktop.home, home, {recursive: true});
			const copy = profileAt(home);
			const merged = await profiled(run === 0 ? options.profile : undefined, () => timed(() => sync(copy)));
			if (merged.result.applied.read !== entries) throw new Error(`the desktop applied ${merged.result.applied.read} read flags, not ${entries}`);
			merges.push(merged);
			log(`sync: desktop merged and applied ${merged.result.applied.read} flags in ${merged.wallMs.toFixed(0)} ms (CPU ${merged.cpuMs.toFixed(0)} ms)`);
			for (let again = 0; again < 3; again++) idle.push(timed(() => sync(copy)));
			copy.store.close();
			opened.splice(opened.indexOf(copy), 1);
			rmSync(home, {recursive: true, force: true});
		}
		if (options.profile !== undefined) log(summarizeProfile(options.profile, 25));
		return {entries, feeds, markAllRead: figure([marked]), send: figure([sent]), folderBytes, merge: figure(merges), nothingNew: figure(idle)};
	} finally {
		for (const profile of opened) profile.store.close();
		rmSync(root, {recursive: true, force: true});
	}
}

/** The reader's first frame on one profile, without and with a sync folder set. */
export interface FolderFirstFrameFigure {
	readonly entries: number;
	readonly withoutFolderMs: Summary | null;
	readonly withFolderMs: Summary | null;
	readonly timeouts: number;
}

/**
 * The reader's first frame (spawn → feed list drawn, in a pty) on one profile of
 * `feeds` × 50 entries, alternately without and with a sync folder set (after one
 * `blogroll sync --dir`, so recording is on and the reader syncs after its first frame).
 */
export async function measureFolderFirstFrame(cli: string, runs: number, feeds = 20): Promise<FolderFirstFrameFigure> {
	const root = mkdtempSync(join(tmpdir(), 'blogroll-bench-sync-frame-'));
	try {
		const plain = buildCacheProfile(join(root, 'plain'), feeds, 50);
		const synced = join(root, 'synced');
		cpSync(plain.dir, synced, {recursive: true});
		mkdirSync(join(root, 'folder'));
		const first = await measure(process.execPath, [cli, 'sync', '--dir', join(root, 'folder')], {env: {...process.env, BLOGROLL_HOME: synced}});
		if (first.exitCode !== 0) throw new Error(`blogroll sync --dir failed (exit ${first.exitCode})`);
		const without: number[] = [];
		const withFolder: number[] = [];
		let timeouts = 0;
		// Interleaved, so that both see the same machine load.
		for (let run = 0; run < runs; run++) {
			for (const [home, into] of [[plain.dir, without], [synced, withFolder]] as const) {
				const figure = await measureFirstFrame({command: [process.execPath, cli], env: {BLOGROLL_HOME: home}, runs: 1, timeoutMs: 60_000, quitKeys: 'q'});
				timeouts += figure.timeouts;
				if (figure.wallMs !== null) into.push(figure.wallMs.median);
			}
		}
		return {entries: plain.entries, withoutFolderMs: summarize(without), withFolderMs: summarize(withFolder), timeouts};
	} finally {
		rmSync(root, {recursive: true, force: true});
	}
}

function sizeOfFolder(folder: string): number {
	let bytes = 0;
	for (const entry of readdirSync(folder)) bytes += statSync(join(folder, entry)).size;
	return bytes;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const argv = process.argv.slice(2);
	const value = (name: string) => {
		const at = argv.indexOf(name);
		return at === -1 ? undefined : argv[at + 1];
	};
	const cli = value('--first-frame');
	if (cli !== undefined) {
		process.stdout.write(`${JSON.stringify(await measureFolderFirstFrame(cli, Number(value('--runs') ?? 10)), null, '\t')}\n`);
		process.exit(0);
	}
	const figures = await measureSyncFolder({
		runs: Number(value('--runs') ?? 3),
		entries: Number(value('--entries') ?? 100_000),
		...(value('--profile') === undefined ? {} : {profile: value('--profile')}),
		log: line => process.stderr.write(`${line}\n`),
	});
	process.stdout.write(`${JSON.stringify(figures, null, '\t')}\n`);
}
