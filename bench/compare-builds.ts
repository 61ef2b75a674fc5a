/**
 * Builds of blogroll side by side on one farm, runs interleaved (each run starting with the
 * next build) so that all see the same load: `tsx bench/compare-builds.ts <old dist/cli.js> <new dist/cli.js> [more builds…] [feeds] [runs]`;
 * every build is compared with the first.
 * Per run and build: a fresh profile, `refresh --force` cold, then again with nothing changed
 * (all 304). A build may start with node flags (quote it: "--max-semi-space-size=2 dist/cli.js").
 * Wall, CPU (user + sys) and peak RSS from GNU time. Issues 14 and 17 ask for the
 * 500-feed refresh "within 5 % of the figures before this issue (same run, both builds)".
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startFarm} from './farm.js';

interface Sample {
	readonly wall: number;
	readonly cpu: number;
	readonly rssMb: number;
}

function timed(build: string, args: readonly string[], home: string): Promise<Sample> {
	const out = join(home, 'time.txt');
	// A build may carry node flags before the script: "--max-semi-space-size=2 dist/cli.js".
	const command = build.split(/\s+/).filter(part => part !== '');
	return new Promise((resolve, reject) => {
		const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', out, process.execPath, ...command, ...args], {
			env: {PATH: process.env['PATH'], HOME: home, BLOGROLL_HOME: home, NO_COLOR: '1', LANG: 'C.UTF-8'},
			stdio: 'ignore',
		});
		child.once('error', reject);
		child.once('close', code => {
			if (code !== 0) return reject(new Error(`${build} ${args.join(' ')} exited ${code}`));
			const [wall, user, sys, rss] = readFileSync(out, 'utf8').trim().split(/\s+/).map(Number);
			resolve({wall: wall!, cpu: user! + sys!, rssMb: rss! / 1024});
		});
	});
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const firstNumber = args.findIndex(arg => /^\d+$/.test(arg));
	const builds = firstNumber === -1 ? args : args.slice(0, firstNumber);
	const [feeds, runs] = firstNumber === -1 ? [500, 3] : [Number(args[firstNumber]), Number(args[firstNumber + 1] ?? 3)];
	if (builds.length < 2) throw new Error('usage: tsx bench/compare-builds.ts <old cli.js> <new cli.js> [more cli.js…] [feeds] [runs]');
	const labels = builds.length === 2 ? ['before', 'after'] : builds.map((_, index) => (index === 0 ? 'before' : `build ${index + 1}`));
	const farm = await startFarm({feeds, latencyMs: 100});
	const samples = new Map<string, Sample[]>();
	const add = (key: string, sample: Sample) => samples.set(key, [...(samples.get(key) ?? []), sample]);
	try {
		for (let run = 1; run <= runs; run++) {
			// Each run starts with the next build, so that no build is always the one after another.
			for (let turn = 0; turn < builds.length; turn++) {
				const index = (turn + run - 1) % builds.length;
				const cli = builds[index]!;
				const label = labels[index]!;
				const home = mkdtempSync(join(tmpdir(), 'blogroll-compare-'));
				try {
					const opml = `<?xml version="1.0"?><opml version="2.0"><body>${farm.urls.slice(0, feeds).map(url => `<outline type="rss" text="f" xmlUrl="${url}"/>`).join('')}</body></opml>`;
					writeFileSync(join(home, 'feeds.opml'), opml);
					await timed(cli, ['import', join(home, 'feeds.opml')], home);
					const cold = await timed(cli, ['refresh', '--force'], home);
					const warm = await timed(cli, ['refresh', '--force'], home);
					add(`${label} cold`, cold);
					add(`${label} all-304`, warm);
					process.stdout.write(`run ${run} ${label}: cold ${cold.wall.toFixed(2)} s wall, ${cold.cpu.toFixed(2)} s CPU, ${cold.rssMb.toFixed(0)} MB; all-304 ${warm.wall.toFixed(2)} s, ${warm.cpu.toFixed(2)} s CPU, ${warm.rssMb.toFixed(0)} MB\n`);
				} finally {
					rmSync(home, {recursive: true, force: true});
				}
			}
		}
	} finally {
		await farm.close();
	}
	for (const [index, build] of builds.entries()) if (index > 0) {
		const pair = (phase: string) => ({before: samples.get(`before ${phase}`)!, after: samples.get(`${labels[index]} ${phase}`)!});
		process.stdout.write(`\n${labels[index]} (${build}) against before (${builds[0]})\n${feeds} feeds, medians of ${runs} | wall | CPU | peak RSS\n`);
		for (const phase of ['cold', 'all-304']) {
			const {before, after} = pair(phase);
			const row = (pick: (sample: Sample) => number) => `${median(before.map(pick)).toFixed(2)} → ${median(after.map(pick)).toFixed(2)} (${((median(after.map(pick)) / median(before.map(pick))) * 100 - 100).toFixed(1)} %)`;
			process.stdout.write(`${phase} | ${row(s => s.wall)} | ${row(s => s.cpu)} | ${row(s => s.rssMb)}\n`);
		}
		// On a shared machine a whole run can be slower for every build alike: the ratio within
		// each run, its median over the runs, is the steadier figure.
		for (const phase of ['cold', 'all-304']) {
			const {before, after} = pair(phase);
			const ratio = (pick: (sample: Sample) => number) => `${((median(after.map((sample, run) => pick(sample) / pick(before[run]!))) - 1) * 100).toFixed(1)} %`;
			process.stdout.write(`${phase}, median of the runs' ratios | ${ratio(s => s.wall)} | ${ratio(s => s.cpu)} | ${ratio(s => s.rssMb)}\n`);
		}
	}
}

await main();
