/**
 * `suggest` over the big cache (issue 13): link counting and ranking, the first time and
 * again. Each first run gets its own copy of the cache (a run moves the scan watermark and
 * writes what it looked at). The bench's feeds point at a closed port, so probes are off
 * (`suggestProbesPerRun: 0`): what is measured is the cache work, not connection refusals.
 */
import {copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {openConfig} from '../source/config/config.js';
import {resolvePaths} from '../source/config/paths.js';
import {createHttpClient} from '../source/feeds/http.js';
import {isFailure} from '../source/failure.js';
import {openStore} from '../source/store/open.js';
import {suggest} from '../source/use-cases/suggest.js';
import {measure} from './measure.js';

export interface SuggestFigure {
	/** `blogroll suggest --json` as a process (start-up included), first and second run. */
	readonly cliFirstMs: number;
	readonly cliSecondMs: number;
	/** The suggest use case in-process, on a freshly opened store: first and second run. */
	readonly useCaseFirstMs: number;
	readonly useCaseSecondMs: number;
	/**
	 * The first run on a cache whose links were never counted (written before counting at
	 * store time): the one-off scan of every post body an older cache pays once.
	 */
	readonly backlogFirstMs: number;
}

/** A throw-away copy of the profile at `dir`, probes off; `uncounted` forgets the link counts. */
function copyProfile(dir: string, uncounted = false): string {
	const copy = mkdtempSync(join(tmpdir(), 'blogroll-bench-suggest-'));
	copyFileSync(join(dir, 'cache.db'), join(copy, 'cache.db'));
	const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as {settings: Record<string, unknown>};
	config.settings = {...config.settings, suggestProbesPerRun: 0};
	writeFileSync(join(copy, 'config.json'), JSON.stringify(config));
	if (uncounted) {
		const db = new Database(join(copy, 'cache.db'));
		db.exec("DELETE FROM discover_evidence WHERE kind = 'link'; DELETE FROM discover_state WHERE key = 'links-scanned-to';");
		db.close();
	}
	return copy;
}

async function useCaseRun(home: string): Promise<number> {
	const config = openConfig(resolvePaths({BLOGROLL_HOME: home}));
	if (isFailure(config)) throw new Error(config.message);
	const store = openStore(join(home, 'cache.db'), {quickCheck: false});
	try {
		const start = performance.now();
		await suggest({}, {config, store, http: createHttpClient(), now: () => new Date()});
		return performance.now() - start;
	} finally {
		store.close();
	}
}

export async function measureSuggest(cli: string, dir: string): Promise<SuggestFigure> {
	const copies: string[] = [];
	const copy = (uncounted = false) => {
		const made = copyProfile(dir, uncounted);
		copies.push(made);
		return made;
	};
	try {
		const cliHome = copy();
		const cliRun = async () => {
			const sample = await measure(process.execPath, [cli, 'suggest', '--json'], {env: {BLOGROLL_HOME: cliHome, NO_COLOR: '1'}, timeoutMs: 120_000});
			if (sample.exitCode !== 0) throw new Error(`blogroll suggest exited with ${sample.exitCode}`);
			return sample.wallMs;
		};
		const cliFirstMs = await cliRun();
		const cliSecondMs = await cliRun();
		const home = copy();
		const useCaseFirstMs = await useCaseRun(home);
		const useCaseSecondMs = await useCaseRun(home);
		const backlogFirstMs = await useCaseRun(copy(true));
		return {cliFirstMs, cliSecondMs, useCaseFirstMs, useCaseSecondMs, backlogFirstMs};
	} finally {
		for (const made of copies) rmSync(made, {recursive: true, force: true});
	}
}
