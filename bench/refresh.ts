/**
 * Refresh workloads on the feed farm, blogroll and newsboat interleaved run by run (the
 * machine is shared and noisy: a ratio is only fair between runs made side by side).
 * One cycle = a fresh profile, then up to four measured refreshes of every feed:
 *   cold   — empty cache, every feed answers 200;
 *   second — every feed changed (five new posts each), 200 again;
 *   day    — a day's refresh: one feed in five has one new post (200), the rest answer 304;
 *   warm   — nothing changed since the last fetch, every feed answers 304.
 * A reader may skip phases (then the next follows directly).
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {FarmStats, FeedFarm} from './farm.js';
import {measure, summarizeSamples, type Sample, type SampleSummary} from './measure.js';

export type RefreshPhase = 'cold' | 'second' | 'day' | 'warm';
export const PHASES: readonly RefreshPhase[] = ['cold', 'second', 'day', 'warm'];

/** Who is measured: blogroll, or newsboat with a number of reload threads. */
export type Reader = {readonly name: 'blogroll'} | {readonly name: 'newsboat'; readonly threads: number};

export function readerLabel(reader: Reader): string {
	return reader.name === 'blogroll' ? 'blogroll' : `newsboat -x reload, ${reader.threads} thread${reader.threads === 1 ? '' : 's'}`;
}

/** One measured refresh, with what the farm saw during it (proves "every feed requested"). */
export interface RefreshSample extends Sample {
	readonly farm: FarmStats;
	/** Feeds the reader reported as failed (blogroll's --json summary; null for newsboat). */
	readonly failedFeeds: number | null;
	/** The end of stderr, to say why a run failed. */
	readonly stderrTail: string;
}

export interface RefreshWorkload {
	readonly reader: Reader;
	readonly feeds: number;
	readonly phase: RefreshPhase;
	readonly samples: RefreshSample[];
}

export interface RefreshSummary {
	readonly reader: string;
	readonly feeds: number;
	readonly phase: RefreshPhase;
	readonly summary: SampleSummary;
	/** Requests answered 200 / 304 per run, medians (should be feeds / 0 or 0 / feeds). */
	readonly okPerRun: number;
	readonly notModifiedPerRun: number;
	readonly maxPerHost: number;
	readonly maxInFlight: number;
	readonly failedFeeds: number | null;
}

export interface RefreshBenchOptions {
	readonly farm: FeedFarm;
	/** The first `feeds` of the farm are subscribed. */
	readonly feeds: number;
	readonly runs: number;
	readonly cli: string;
	readonly readers: readonly Reader[];
	/** Which phases each reader runs (newsboat with 1 thread: cold only, as in the issue). */
	readonly phasesFor: (reader: Reader) => readonly RefreshPhase[];
	readonly log: (line: string) => void;
}

/** A profile kept after the last run (for the first-screen workloads); the caller disposes it. */
export interface KeptProfile {
	readonly reader: Reader;
	readonly feeds: number;
	readonly dir: string;
	dispose(): void;
}

export interface RefreshBenchResult {
	readonly workloads: RefreshWorkload[];
	readonly kept: KeptProfile[];
}

/** A throw-away profile: blogroll's home, or newsboat's urls, config and cache. */
export interface Profile {
	readonly dir: string;
	/**
	 * newsboat stores a feed's ETag and Last-Modified only from its second fetch on, so its
	 * all-304 run needs two earlier fetches: when "second" is skipped, one unmeasured reload.
	 */
	readonly conditionalFromSecondFetch: boolean;
	refresh(): Promise<RefreshSample>;
	dispose(): void;
}

async function blogrollProfile(cli: string, farm: FeedFarm, urls: readonly string[]): Promise<Profile> {
	const dir = mkdtempSync(join(tmpdir(), 'blogroll-bench-'));
	const env = {BLOGROLL_HOME: dir, NO_COLOR: '1', LANG: 'C.UTF-8'};
	writeFileSync(join(dir, 'feeds.json'), JSON.stringify({feeds: urls.map(url => ({url, tags: ['bench']}))}));
	const imported = await measure(process.execPath, [cli, 'import', join(dir, 'feeds.json')], {env});
	if (imported.exitCode !== 0) throw new Error(`blogroll import failed: ${imported.stderr.trim()}`);
	return {
		dir,
		conditionalFromSecondFetch: false,
		async refresh() {
			farm.resetStats();
			const result = await measure(process.execPath, [cli, 'refresh', '--force', '--json'], {env, keepStdout: 5_000_000});
			let failedFeeds: number | null = null;
			try {
				const report = JSON.parse(result.stdout) as {outcome: string}[];
				failedFeeds = report.filter(feed => feed.outcome === 'failed').length;
			} catch {
				failedFeeds = null;
			}
			return {wallMs: result.wallMs, cpuMs: result.cpuMs, maxRssMb: result.maxRssMb, exitCode: result.exitCode, farm: farm.stats(), failedFeeds, stderrTail: result.stderr.slice(-500)};
		},
		dispose: () => rmSync(dir, {recursive: true, force: true}),
	};
}

export function newsboatProfile(farm: FeedFarm, urls: readonly string[], threads: number): Profile {
	const dir = mkdtempSync(join(tmpdir(), 'newsboat-bench-'));
	writeFileSync(join(dir, 'urls'), `${urls.join('\n')}\n`);
	// Defaults otherwise, as a user would run it; only the thread count is the issue's variable.
	writeFileSync(join(dir, 'config'), `reload-threads ${threads}\ndownload-timeout 60\n`);
	const env = {HOME: dir, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TERM: 'dumb'};
	return {
		dir,
		conditionalFromSecondFetch: true,
		async refresh() {
			farm.resetStats();
			const result = await measure('newsboat', ['-q', '-x', 'reload', '-u', join(dir, 'urls'), '-c', join(dir, 'cache.db'), '-C', join(dir, 'config')], {env, cwd: dir});
			return {wallMs: result.wallMs, cpuMs: result.cpuMs, maxRssMb: result.maxRssMb, exitCode: result.exitCode, farm: farm.stats(), failedFeeds: null, stderrTail: result.stderr.slice(-500)};
		},
		dispose: () => rmSync(dir, {recursive: true, force: true}),
	};
}

/** Runs every reader's cycles, interleaved, and returns the raw samples per workload. */
export async function runRefreshBench(options: RefreshBenchOptions): Promise<RefreshBenchResult> {
	const {farm, feeds, runs, log} = options;
	const urls = farm.urls.slice(0, feeds);
	const workloads = new Map<string, RefreshWorkload>();
	const kept: KeptProfile[] = [];
	const workload = (reader: Reader, phase: RefreshPhase) => {
		const key = `${readerLabel(reader)} ${phase}`;
		let found = workloads.get(key);
		if (!found) workloads.set(key, (found = {reader, feeds, phase, samples: []}));
		return found;
	};
	for (let run = 1; run <= runs; run++) {
		for (const reader of options.readers) {
			const phases = options.phasesFor(reader);
			if (phases.length === 0) continue;
			const profile = reader.name === 'blogroll' ? await blogrollProfile(options.cli, farm, urls) : newsboatProfile(farm, urls, reader.threads);
			// The last run's caches (after cold, changed, warm) serve the first-screen workloads.
			const keep = run === runs && phases.includes('warm');
			let primed = false;
			try {
				for (const phase of PHASES) {
					if (!phases.includes(phase)) continue;
					// The first conditional phase after "cold" alone: newsboat needs its second fetch for validators.
					const conditional = phase === 'day' || phase === 'warm';
					if (conditional && !primed && !phases.includes('second') && profile.conditionalFromSecondFetch) {
						const unmeasured = await profile.refresh();
						log(`  run ${run}/${runs} ${readerLabel(reader)} ${feeds} feeds: unmeasured second fetch (validators): ${unmeasured.farm.ok}×200 ${unmeasured.farm.notModified}×304`);
					}
					if (conditional) primed = true;
					// "second" needs every feed changed since the cold fetch; "day" one in five; "warm" nothing changed.
					if (phase === 'second') farm.changeAll();
					if (phase === 'day') farm.changeSome(5);
					const sample = await profile.refresh();
					workload(reader, phase).samples.push(sample);
					const cpu = sample.cpuMs === null ? '?' : (sample.cpuMs / 1000).toFixed(2);
					const rss = sample.maxRssMb === null ? '?' : sample.maxRssMb.toFixed(0);
					log(`  run ${run}/${runs} ${readerLabel(reader)} ${feeds} feeds ${phase}: ${(sample.wallMs / 1000).toFixed(2)} s wall, ${cpu} s CPU, ${rss} MB; farm: ${sample.farm.ok}×200 ${sample.farm.notModified}×304 ${sample.farm.other}×other${sample.exitCode === 0 ? '' : `; exit ${sample.exitCode}: ${sample.stderrTail.trim().split('\n').at(-1) ?? ''}`}`);
				}
			} finally {
				if (keep) kept.push({reader, feeds, dir: profile.dir, dispose: profile.dispose});
				else profile.dispose();
			}
		}
	}
	return {workloads: [...workloads.values()], kept};
}

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export function summarizeRefresh(workloads: readonly RefreshWorkload[]): RefreshSummary[] {
	return workloads.map(workload => {
		const failed = workload.samples.map(sample => sample.failedFeeds).filter((value): value is number => value !== null);
		return {
			reader: readerLabel(workload.reader),
			feeds: workload.feeds,
			phase: workload.phase,
			summary: summarizeSamples(workload.samples),
			okPerRun: median(workload.samples.map(sample => sample.farm.ok)),
			notModifiedPerRun: median(workload.samples.map(sample => sample.farm.notModified)),
			maxPerHost: Math.max(...workload.samples.map(sample => sample.farm.maxPerHost)),
			maxInFlight: Math.max(...workload.samples.map(sample => sample.farm.maxInFlight)),
			failedFeeds: failed.length === 0 ? null : Math.max(...failed),
		};
	});
}
