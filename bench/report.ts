/**
 * The bench's output: one plain-text table (printed, and kept in BENCHMARKS.md between
 * markers, so that the hand-written analysis around it survives a re-run), with the
 * blogroll/newsboat ratios next to the absolute figures and the issue's targets checked.
 */
import {SEARCH_FILTER, type CliSearchFigure, type SearchFigure} from './cache.js';
import type {SuggestFigure} from './suggest.js';
import type {FolderFirstFrameFigure, StepFigure, SyncFolderFigure} from './sync-folder.js';
import type {Summary} from './measure.js';
import type {FirstFrameFigure, InteractionFigure} from './reader.js';
import type {ReaderDuringRefreshFigure} from './reader-refresh.js';
import type {RefreshPhase, RefreshSummary} from './refresh.js';

export interface ProfileFigure {
	readonly feeds: number;
	readonly entries: number;
	readonly buildSeconds: number;
	readonly sizeMb: number;
}

/** Everything one `npm run bench` measured: bench/results.json. */
export interface BenchResults {
	readonly date: string;
	readonly command: string;
	readonly machine: {
		readonly nproc: number;
		readonly cpu: string;
		readonly memoryGb: number;
		readonly freeMemoryGb: number;
		readonly freeH: string | null;
		readonly node: string;
		readonly loadAverageAtStart: readonly number[];
	};
	/** newsboat's version, or null when it was not run. */
	readonly newsboat: string | null;
	readonly options: Readonly<Record<string, unknown>>;
	readonly refresh: RefreshSummary[];
	readonly firstScreenOnRefreshCaches: {readonly reader: string; readonly feeds: number; readonly figure: FirstFrameFigure}[];
	cache: {
		readonly big: ProfileFigure;
		readonly small: ProfileFigure;
		readonly storeSearch: SearchFigure[] | null;
		readonly cliSearch: CliSearchFigure[] | null;
		readonly firstFrameBig: FirstFrameFigure | null;
		readonly firstFrameSmall: FirstFrameFigure | null;
		readonly interaction: InteractionFigure | null;
		/** The reader while `R` refreshes farm feeds (issue 18); absent in results from before it was measured. */
		readonly readerDuringRefresh?: ReaderDuringRefreshFigure | null;
		/** `suggest` over the big cache (issue 13); absent in results from before it was measured. */
		readonly suggest?: SuggestFigure | null;
	} | null;
	/** Sync through a folder (issue 15); absent in results from before it was measured. */
	syncFolder?: {readonly merge: SyncFolderFigure; readonly firstFrame: FolderFirstFrameFigure | null} | null;
	/** --big: newsboat's first screen on a cache of about `entries` items. */
	newsboatBig?: {readonly feeds: number; readonly items: number | null; readonly reloadSeconds: number; readonly firstScreen: FirstFrameFigure};
	readonly notes: string[];
	durationSeconds: number;
}

function seconds(summary: Summary | null | undefined): string {
	if (!summary) return '—';
	const format = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
	return summary.runs > 1 ? `${format(summary.median)} s (${format(summary.min)}–${format(summary.max)})` : `${format(summary.median)} s`;
}

function millis(summary: Summary | null | undefined): string {
	if (!summary) return '—';
	const format = (ms: number) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
	return summary.runs > 1 ? `${format(summary.median)} ms (${format(summary.min)}–${format(summary.max)})` : `${format(summary.median)} ms`;
}

function megabytes(summary: Summary | null | undefined): string {
	if (!summary) return '—';
	return summary.runs > 1 ? `${summary.median.toFixed(0)} MB (${summary.min.toFixed(0)}–${summary.max.toFixed(0)})` : `${summary.median.toFixed(0)} MB`;
}

function ratio(ours: Summary | null | undefined, theirs: Summary | null | undefined): number | null {
	if (!ours || !theirs || theirs.median === 0) return null;
	return ours.median / theirs.median;
}

function formatRatio(value: number | null, digits = 2): string {
	return value === null ? '—' : `${value.toFixed(digits)}×`;
}

/** A left-aligned text table; the first row is the header. */
function textTable(rows: readonly (readonly string[])[]): string {
	const widths: number[] = [];
	for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, [...cell].length)));
	const line = (row: readonly string[]) => row.map((cell, index) => cell + ' '.repeat((widths[index] ?? 0) - [...cell].length)).join('  ').trimEnd();
	const [header, ...body] = rows;
	return [line(header ?? []), widths.map(width => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

const PHASE_LABEL: Record<RefreshPhase, string> = {cold: 'cold', second: 'all changed', day: "a day's refresh", warm: 'all 304'};

function refreshTable(results: BenchResults): string {
	const rows: string[][] = [['refresh --force', 'reader', 'wall', 'CPU', 'peak RSS', '200/304', 'wall ratio', 'CPU ratio']];
	const baseline = (feeds: number, phase: RefreshPhase) => results.refresh.find(row => row.feeds === feeds && row.phase === phase && row.reader.includes('8 threads'));
	for (const row of results.refresh) {
		const base = baseline(row.feeds, row.phase);
		const isOurs = row.reader === 'blogroll';
		rows.push([
			`${row.feeds} feeds, ${PHASE_LABEL[row.phase]}`,
			row.reader,
			seconds(row.summary.wallMs),
			seconds(row.summary.cpuMs),
			megabytes(row.summary.maxRssMb),
			`${row.okPerRun}/${row.notModifiedPerRun}${row.failedFeeds ? ` (${row.failedFeeds} failed)` : ''}${row.summary.failedRuns ? ` [${row.summary.failedRuns} runs exit≠0]` : ''}`,
			isOurs ? formatRatio(ratio(row.summary.wallMs, base?.summary.wallMs)) : '',
			isOurs ? formatRatio(ratio(row.summary.cpuMs, base?.summary.cpuMs)) : '',
		]);
	}
	return textTable(rows);
}

function interactiveTable(results: BenchResults): string {
	const rows: string[][] = [['workload', 'blogroll', 'newsboat', 'ratio']];
	const screens = results.firstScreenOnRefreshCaches;
	for (const feeds of [...new Set(screens.map(screen => screen.feeds))]) {
		const ours = screens.find(screen => screen.feeds === feeds && screen.reader === 'blogroll')?.figure;
		const theirs = screens.find(screen => screen.feeds === feeds && screen.reader === 'newsboat')?.figure;
		rows.push([`first screen, ${feeds} refreshed feeds`, millis(ours?.wallMs), millis(theirs?.wallMs), formatRatio(ratio(ours?.wallMs, theirs?.wallMs))]);
		rows.push([`  peak RSS at first screen`, megabytes(ours?.peakRssMb), megabytes(theirs?.peakRssMb), formatRatio(ratio(ours?.peakRssMb, theirs?.peakRssMb))]);
	}
	const cache = results.cache;
	if (cache) {
		rows.push([`cache build (${cache.big.entries} entries, ${cache.big.feeds} feeds)`, `${cache.big.buildSeconds} s, ${cache.big.sizeMb} MB`, '', '']);
		if (cache.firstFrameSmall) rows.push([`first frame, ${cache.small.entries} entries`, millis(cache.firstFrameSmall.wallMs), '', '']);
		if (cache.firstFrameBig) {
			const big = results.newsboatBig;
			const theirs = big ? (big.firstScreen.wallMs ? millis(big.firstScreen.wallMs) : `> ${big.firstScreen.timeouts ? '20 min' : '?'}`) : '';
			rows.push([`first frame, ${cache.big.entries} entries${big ? ` (newsboat: ${big.items ?? '?'} items)` : ''}`, millis(cache.firstFrameBig.wallMs), theirs, big ? formatRatio(ratio(cache.firstFrameBig.wallMs, big.firstScreen.wallMs)) : '']);
			rows.push([`  peak RSS at first frame (${cache.small.entries} → ${cache.big.entries})`, `${megabytes(cache.firstFrameSmall?.peakRssMb)} → ${megabytes(cache.firstFrameBig.peakRssMb)}`, '', '']);
		}
		const during = cache.readerDuringRefresh;
		if (during) {
			rows.push([`reader during R of ${during.feeds} farm feeds (${cache.big.entries}-entry cache): peak RSS`, `${megabytes(during.beforeRefreshRssMb)} before → ${megabytes(during.peakRssMb)}${during.note ? ` (${during.note})` : ''}`, '', '']);
			rows.push(['  key j → first chunk while it refreshes (before R) / R → every feed answered', `${millis(during.keyToFrameMs)} (${millis(during.idleKeyToFrameMs ?? null)}) / ${seconds(during.refreshMs)}`, '', '']);
		}
		const moving = cache.interaction;
		if (moving) {
			rows.push([`key j → first byte, ${moving.listSize}-entry list`, millis(moving.keyToFirstChunkMs), '', '']);
			rows.push([`key j → frame drawn, ${moving.listSize}-entry list`, millis(moving.keyToFrameMs), '', '']);
			rows.push(['Enter → article text on screen', millis(moving.openArticleMs), '', '']);
		}
		for (const figure of cache.storeSearch ?? []) {
			rows.push([`search "${figure.query}" (${figure.label}, ${figure.hits} hits): first page, in-process`, millis(figure.pageMs), '', '']);
			rows.push([`  same, first call after open / count`, `${figure.firstCallMs.toFixed(0)} ms / ${millis(figure.countMs)}`, '', '']);
			if (figure.filteredPageMs) rows.push([`  same with ${SEARCH_FILTER.label} (${figure.filteredHits} hits): first page / count`, `${millis(figure.filteredPageMs)} / ${millis(figure.filteredCountMs)}`, '', '']);
		}
		for (const figure of cache.cliSearch ?? []) {
			const failures = figure.summary.failedRuns > 0 ? ` [${figure.summary.failedRuns} runs exit≠0]` : '';
			rows.push([`blogroll search "${figure.query}" --json (process)`, `${seconds(figure.summary.wallMs)}${failures}`, '', '']);
		}
		const suggested = cache.suggest;
		if (suggested) {
			const ms = (value: number) => `${value.toFixed(0)} ms`;
			rows.push(['blogroll suggest --json (process), first / second run', `${ms(suggested.cliFirstMs)} / ${ms(suggested.cliSecondMs)}`, '', '']);
			rows.push(['  suggest use case in-process, first / second run', `${ms(suggested.useCaseFirstMs)} / ${ms(suggested.useCaseSecondMs)}`, '', '']);
			rows.push(['  first run on a cache whose links were never counted (once)', ms(suggested.backlogFirstMs), '', '']);
		}
	}
	const synced = results.syncFolder;
	if (synced) {
		const {merge, firstFrame} = synced;
		const step = (figure: StepFigure) => `${figure.wallMs} ms, CPU ${figure.cpuMs} ms${figure.runs > 1 ? ` (best ${figure.bestWallMs} / ${figure.bestCpuMs})` : ''}`;
		rows.push([`sync: mark ${merge.entries} entries read (recorded for the folder)`, step(merge.markAllRead), '', '']);
		rows.push([`sync: laptop sends ${merge.entries} read flags (journal, merge, snapshot; ${(merge.folderBytes / 1024 / 1024).toFixed(1)} MB)`, step(merge.send), '', '']);
		rows.push([`sync: desktop merges and applies ${merge.entries} read flags`, step(merge.merge), '', '']);
		rows.push([`sync: nothing new, ${merge.entries}-entry profile`, step(merge.nothingNew), '', '']);
		if (firstFrame) rows.push([`first frame, ${firstFrame.entries} entries: without / with a sync folder`, `${millis(firstFrame.withoutFolderMs)} / ${millis(firstFrame.withFolderMs)}`, '', '']);
	}
	return textTable(rows);
}

/** One line per target of the issue: measured value, and met / missed / not measured. */
export function checkTargets(results: BenchResults): string[] {
	const lines: string[] = [];
	const row = (feeds: number, phase: RefreshPhase, reader: string) => results.refresh.find(found => found.feeds === feeds && found.phase === phase && found.reader.startsWith(reader));
	const verdict = (value: number | null | undefined, limit: number) => (value === null || value === undefined ? 'not measured' : value <= limit ? 'met' : 'MISSED');
	for (const [phase, wallLimit, cpuLimit] of [['cold', 1 / 3, 1 / 2], ['warm', 1 / 5, 1 / 10]] as const) {
		const ours = row(500, phase, 'blogroll');
		const theirs = row(500, phase, 'newsboat -x reload, 8');
		const wall = ratio(ours?.summary.wallMs, theirs?.summary.wallMs);
		const cpu = ratio(ours?.summary.cpuMs, theirs?.summary.cpuMs);
		lines.push(`refresh 500 feeds ${PHASE_LABEL[phase]}: wall ${formatRatio(wall, 3)} of newsboat (target ≤ ${wallLimit.toFixed(2)}×): ${verdict(wall, wallLimit)}; CPU ${formatRatio(cpu, 3)} (target ≤ ${cpuLimit.toFixed(2)}×): ${verdict(cpu, cpuLimit)}`);
	}
	lines.push(...checkRefreshTargets(results));
	const cache = results.cache;
	const frame = cache?.firstFrameBig?.wallMs?.median;
	lines.push(`first frame with ${cache?.big.entries ?? 100_000} entries: ${frame === undefined ? '—' : `${frame.toFixed(0)} ms`} (target < 400 ms): ${verdict(frame, 400)}`);
	const small = cache?.firstFrameSmall?.wallMs?.median;
	if (frame !== undefined && small !== undefined) lines.push(`  same as with ${cache?.small.entries} entries (${small.toFixed(0)} ms): ${frame <= small * 1.2 + 20 ? 'met' : 'MISSED'} (within 20 % + 20 ms)`);
	const rss = cache?.firstFrameBig?.peakRssMb?.median;
	const smallRss = cache?.firstFrameSmall?.peakRssMb?.median;
	lines.push(`peak RSS at first frame: ${rss === undefined ? '—' : `${rss.toFixed(0)} MB`} (target ≤ 150 MB): ${verdict(rss, 150)}${rss !== undefined && smallRss !== undefined ? `; ${smallRss.toFixed(0)} MB with ${cache?.small.entries} entries (nearly flat: ${rss <= smallRss * 1.25 ? 'met' : 'MISSED'})` : ''}`);
	const key = cache?.interaction?.keyToFrameMs?.median;
	lines.push(`keypress to frame in a ${cache?.interaction?.listSize ?? 50_000}-entry list: ${key === undefined ? '—' : `${key.toFixed(1)} ms`} (target < 16 ms): ${verdict(key, 16)}`);
	const searches = cache?.storeSearch ?? [];
	// With or without a filter: the reader passes one as soon as an ignore rule exists.
	const worst = searches.length === 0 ? undefined : Math.max(...searches.flatMap(search => [search.pageMs, search.filteredPageMs ?? search.pageMs].map(page => page?.median ?? Number.POSITIVE_INFINITY)));
	lines.push(`search first page over ${cache?.big.entries ?? 100_000} entries (slowest query, with or without a filter, in-process): ${worst === undefined ? '—' : `${worst.toFixed(0)} ms`} (target < 50 ms): ${verdict(worst, 50)}`);
	const suggested = cache?.suggest ?? null;
	lines.push(`first suggest over ${cache?.big.entries ?? 100_000} entries (process): ${suggested === null ? '—' : `${suggested.cliFirstMs.toFixed(0)} ms`} (target < 2 s): ${verdict(suggested?.cliFirstMs, 2000)}`);
	lines.push(`second suggest, link counting and ranking (in-process): ${suggested === null ? '—' : `${suggested.useCaseSecondMs.toFixed(0)} ms`} (target < 200 ms): ${verdict(suggested?.useCaseSecondMs, 200)}`);
	const synced = results.syncFolder?.merge;
	lines.push(`sync merging ${synced?.entries ?? 100_000} read flags (issue 15): ${synced ? `${synced.merge.wallMs} ms, CPU ${synced.merge.cpuMs} ms` : '—'} (target < 2 s): ${verdict(synced?.merge.wallMs, 2000)}`);
	lines.push(`sync with nothing new: ${synced ? `${synced.nothingNew.wallMs} ms` : '—'} (target < 100 ms): ${verdict(synced?.nothingNew.wallMs, 100)}`);
	return lines;
}

/** Issue 18's targets: ratios against newsboat (8 threads) at 200 feeds, and memory flat in the feed count. */
export function checkRefreshTargets(results: BenchResults): string[] {
	const lines: string[] = [];
	const row = (feeds: number, phase: RefreshPhase, reader: string) => results.refresh.find(found => found.feeds === feeds && found.phase === phase && found.reader.startsWith(reader));
	const verdict = (value: number | null | undefined, limit: number) => (value === null || value === undefined ? 'not measured' : value <= limit ? 'met' : 'MISSED');
	const against = (feeds: number, phase: RefreshPhase, measure: 'wallMs' | 'cpuMs' | 'maxRssMb') =>
		ratio(row(feeds, phase, 'blogroll')?.summary[measure], row(feeds, phase, 'newsboat -x reload, 8')?.summary[measure]);
	const targets: [RefreshPhase, 'wallMs' | 'cpuMs' | 'maxRssMb', string, number][] = [
		['cold', 'maxRssMb', 'peak RSS', 2],
		['cold', 'cpuMs', 'CPU', 1.5],
		['cold', 'wallMs', 'wall', 0.5],
		['warm', 'maxRssMb', 'peak RSS', 2],
		['day', 'wallMs', 'wall', 0.25],
		['day', 'cpuMs', 'CPU', 0.5],
		['day', 'maxRssMb', 'peak RSS', 2],
	];
	for (const [phase, measure, label, limit] of targets) {
		const value = against(200, phase, measure);
		lines.push(`refresh 200 feeds ${PHASE_LABEL[phase]}: ${label} ${formatRatio(value)} of newsboat (target ≤ ${limit}×): ${verdict(value, limit)}`);
	}
	for (const phase of ['cold', 'day', 'warm'] as const) {
		const small = row(200, phase, 'blogroll')?.summary.maxRssMb?.median;
		const big = row(500, phase, 'blogroll')?.summary.maxRssMb?.median;
		const flat = small === undefined || big === undefined ? 'not measured' : big <= small * 1.05 + 2 ? 'met' : 'MISSED';
		lines.push(`peak RSS flat in the feed count, ${PHASE_LABEL[phase]}: ${small === undefined ? '—' : `${small.toFixed(0)} MB`} at 200 feeds, ${big === undefined ? '—' : `${big.toFixed(0)} MB`} at 500 (500 no higher than 200, within 5 % + 2 MB): ${flat}`);
	}
	const during = results.cache?.readerDuringRefresh ?? null;
	if (during !== undefined) {
		const rss = during?.peakRssMb?.median;
		lines.push(`reader during an R refresh of ${during?.feeds ?? 200} feeds, ${results.cache?.big.entries ?? 100_000}-entry cache: peak RSS ${rss === undefined ? '—' : `${rss.toFixed(0)} MB`} (target ≤ 150 MB): ${verdict(rss, 150)}`);
		// The same key in the same reader before R; older results only have the Unread view's figure.
		const idle = during?.idleKeyToFrameMs?.median ?? results.cache?.interaction?.keyToFrameMs?.median;
		const busy = during?.keyToFrameMs?.median;
		lines.push(`  keypress to frame while it refreshes: ${busy === undefined ? '—' : `${busy.toFixed(1)} ms`}, idle ${idle === undefined ? '—' : `${idle.toFixed(1)} ms`} (target: unchanged, within 20 % + 4 ms): ${busy === undefined || idle === undefined ? 'not measured' : busy <= idle * 1.2 + 4 ? 'met' : 'MISSED'}`);
	}
	return lines;
}

export function renderTable(results: BenchResults): string {
	const machine = results.machine;
	return [
		`blogroll bench ${results.date} — ${machine.nproc} CPUs (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, newsboat ${results.newsboat ?? 'not run'}; load average at start ${machine.loadAverageAtStart.join(' ')}`,
		`${results.command}; runs: ${String(results.options['runs'])} (500 feeds: ${String(results.options['runs500'])}); farm latency ${String(results.options['latencyMs'])} ms; medians (min–max); ratios = blogroll / newsboat with 8 threads, same run`,
		'',
		refreshTable(results),
		'',
		interactiveTable(results),
		'',
		'targets (issues 7 and 18):',
		...checkTargets(results).map(line => `  ${line}`),
		...(results.notes.length > 0 ? ['', 'notes:', ...results.notes.map(note => `  ${note}`)] : []),
		'',
		`bench took ${Math.floor(results.durationSeconds / 60)} min ${results.durationSeconds % 60} s`,
	].join('\n');
}

const BEGIN = '<!-- bench:begin (written by npm run bench; edit outside the markers) -->';
const END = '<!-- bench:end -->';

/** BENCHMARKS.md with the generated part replaced; the text around the markers is kept. */
export function renderMarkdown(existing: string | null, results: BenchResults, table: string): string {
	const generated = [
		BEGIN,
		`Latest run: ${results.date}, \`${results.command}\`, ${Math.round(results.durationSeconds / 60)} min.`,
		'',
		`Machine: ${results.machine.nproc} CPUs (\`nproc\`), ${results.machine.cpu}; Node ${results.machine.node}; newsboat ${results.newsboat ?? 'not installed'}; load average at start ${results.machine.loadAverageAtStart.join(' ')} (a shared machine: other jobs ran meanwhile).`,
		'',
		...(results.machine.freeH ? ['```', '$ free -h', results.machine.freeH, '```', ''] : []),
		'```',
		table,
		'```',
		END,
	].join('\n');
	if (existing !== null && existing.includes(BEGIN) && existing.includes(END)) {
		return existing.slice(0, existing.indexOf(BEGIN)) + generated + existing.slice(existing.indexOf(END) + END.length);
	}
	return `# Benchmarks\n\n${generated}\n`;
}
