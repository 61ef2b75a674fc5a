/**
 * Running one command and measuring it: wall time (our own clock, from spawn to exit),
 * CPU time (user + sys of the process and its children) and peak RSS, both from GNU
 * `/usr/bin/time` (the kernel's rusage of the child, as for any program, newsboat too).
 * Without /usr/bin/time a Node child gets `measure-preload.mjs`, which writes its own
 * `process.resourceUsage()` at exit; other programs then get wall time only.
 */
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

export const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME);
const PRELOAD = fileURLToPath(new URL('measure-preload.mjs', import.meta.url));

/** One measured run. CPU and RSS are null when they could not be measured. */
export interface Sample {
	readonly wallMs: number;
	readonly cpuMs: number | null;
	readonly maxRssMb: number | null;
	readonly exitCode: number;
}

export interface RunOptions {
	readonly env?: NodeJS.ProcessEnv;
	readonly cwd?: string;
	/** Kill the run after this long (then it counts as failed). Default 10 minutes. */
	readonly timeoutMs?: number;
	/** Keep the last this many characters of stdout (default 0: drop it). */
	readonly keepStdout?: number;
}

export interface RunResult extends Sample {
	readonly stdout: string;
	readonly stderr: string;
}

/** Runs `command args` and measures it; rejects only when it cannot be started. */
export async function measure(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
	const scratch = mkdtempSync(join(tmpdir(), 'blogroll-measure-'));
	const timeFile = join(scratch, 'time.txt');
	const usageFile = join(scratch, 'usage.json');
	const isNode = command === process.execPath || command === 'node';
	let file = command;
	let argv = [...args];
	const env = {...process.env, ...options.env};
	if (hasGnuTime) {
		file = GNU_TIME;
		// %e is only centiseconds; wall time comes from our clock, CPU and RSS from rusage.
		argv = ['-f', '%U %S %M', '-o', timeFile, command, ...args];
	} else if (isNode) {
		argv = ['--import', PRELOAD, ...args];
		env['BLOGROLL_BENCH_USAGE_FILE'] = usageFile;
	}
	const keep = options.keepStdout ?? 0;
	try {
		return await new Promise<RunResult>((resolve, reject) => {
			const start = process.hrtime.bigint();
			const child = spawn(file, argv, {env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe']});
			let stdout = '';
			let stderr = '';
			child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
				if (keep > 0) stdout = (stdout + chunk).slice(-keep);
			});
			child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
				stderr = (stderr + chunk).slice(-4000);
			});
			const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
			child.once('error', error => {
				clearTimeout(timer);
				reject(error);
			});
			child.once('close', (code, signal) => {
				clearTimeout(timer);
				const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
				let cpuMs: number | null = null;
				let maxRssMb: number | null = null;
				if (hasGnuTime && existsSync(timeFile)) {
					// The last line: GNU time puts "Command exited with non-zero status" before it.
					const line = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? '';
					const [user, system, rssKb] = line.split(' ').map(Number);
					if (user !== undefined && system !== undefined && Number.isFinite(user + system)) cpuMs = (user + system) * 1000;
					if (rssKb !== undefined && Number.isFinite(rssKb)) maxRssMb = rssKb / 1024;
				} else if (existsSync(usageFile)) {
					const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as {cpuMs: number; maxRssMb: number};
					cpuMs = usage.cpuMs;
					maxRssMb = usage.maxRssMb;
				}
				resolve({wallMs, cpuMs, maxRssMb, exitCode: code ?? (signal ? 128 : 1), stdout, stderr});
			});
		});
	} finally {
		rmSync(scratch, {recursive: true, force: true});
	}
}

/** Median and range of some numbers (null when there are none). */
export interface Summary {
	readonly median: number;
	readonly min: number;
	readonly max: number;
	readonly runs: number;
}

export function summarize(values: readonly (number | null)[]): Summary | null {
	const numbers = values.filter((value): value is number => value !== null && Number.isFinite(value)).sort((a, b) => a - b);
	if (numbers.length === 0) return null;
	const middle = Math.floor(numbers.length / 2);
	const median = numbers.length % 2 === 1 ? (numbers[middle] as number) : ((numbers[middle - 1] as number) + (numbers[middle] as number)) / 2;
	return {median, min: numbers[0] as number, max: numbers.at(-1) as number, runs: numbers.length};
}

/** Wall, CPU and RSS summaries of a set of runs. */
export interface SampleSummary {
	readonly wallMs: Summary | null;
	readonly cpuMs: Summary | null;
	readonly maxRssMb: Summary | null;
	/** Runs that exited non-zero (their figures are still in the summaries). */
	readonly failedRuns: number;
}

export function summarizeSamples(samples: readonly Sample[]): SampleSummary {
	return {
		wallMs: summarize(samples.map(sample => sample.wallMs)),
		cpuMs: summarize(samples.map(sample => sample.cpuMs)),
		maxRssMb: summarize(samples.map(sample => sample.maxRssMb)),
		failedRuns: samples.filter(sample => sample.exitCode !== 0).length,
	};
}
