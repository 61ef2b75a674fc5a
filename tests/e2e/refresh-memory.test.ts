/**
 * Issue 18: the peak memory of a refresh is bounded by what is in flight, never by the number
 * of feeds. The built `refresh --force` of 500 generated blogs (~250 KB each, German and
 * English, WordPress markup, some ISO-8859-1; the bench's farm, over 50 loopback addresses)
 * must stay under a peak RSS well above what it needs now (~200 MB, measured under load)
 * and below what the pipeline before the back-pressure needed (~270 MB: 64 feeds fetched at
 * once, their bodies and parsed trees all waiting for one parser). Not timed: the figure is
 * the kernel's high-water mark of the process (its main thread, its parser worker and SQLite).
 * Needs `npm run build` (npm test does it).
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli, type CliResult} from '../helpers/cli.js';
import {startFarm, type FeedFarm} from '../../bench/farm.js';

const FEEDS = 500;
/** MB: new pipeline ~200–225, the one before ~255–275 (both at 500 feeds, see BENCHMARKS.md): room on both sides. */
const PEAK_RSS_LIMIT_MB = 250;

let farm: FeedFarm;
let home: string;

beforeAll(async () => {
	// A little latency, as from real sites: many requests are in flight at once.
	farm = await startFarm({feeds: FEEDS, latencyMs: 20, seed: 23});
	home = mkdtempSync(join(tmpdir(), 'blogroll-refresh-memory-'));
	writeFileSync(join(home, 'peak.mjs'), `import {writeFileSync} from 'node:fs';
process.once('exit', () => writeFileSync(process.env.PEAK_FILE, String(process.resourceUsage().maxRSS / 1024)));
`);
	writeFileSync(join(home, 'feeds.json'), JSON.stringify({feeds: farm.urls.map(url => ({url}))}));
});

afterAll(async () => {
	await farm.close();
	rmSync(home, {recursive: true, force: true});
});

/** The built CLI, with a preload (`--import`) that measures the process when given. */
function blogroll(args: readonly string[], preload?: string): Promise<CliResult> {
	return runCli(args, {home, env: {PEAK_FILE: join(home, 'peak')}, ...(preload === undefined ? {} : {nodeArgs: ['--import', preload]})});
}

describe('refresh memory', () => {
	it(`a cold refresh of ${FEEDS} feeds stores every feed and peaks below ${PEAK_RSS_LIMIT_MB} MB`, async () => {
		expect((await blogroll(['import', join(home, 'feeds.json')])).code).toBe(0);
		const refreshed = await blogroll(['refresh', '--force', '--json'], join(home, 'peak.mjs'));
		expect(refreshed.code).toBe(0);
		const results = JSON.parse(refreshed.stdout) as {outcome: string; newEntries: number}[];
		expect(results).toHaveLength(FEEDS);
		expect(results.filter(result => result.outcome !== 'updated')).toEqual([]);
		// Every post of every feed stored (30–50 each).
		expect(results.every(result => result.newEntries >= 30)).toBe(true);
		const peakMb = Number(readFileSync(join(home, 'peak'), 'utf8'));
		expect(peakMb).toBeGreaterThan(40);
		expect(peakMb).toBeLessThan(PEAK_RSS_LIMIT_MB);
	}, 180_000);
});
