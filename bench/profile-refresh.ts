/**
 * `tsx bench/profile-refresh.ts [feeds] [outDir]`: one cold and one warm `blogroll refresh
 * --force` on the farm under `node --cpu-prof`, and the top self-time functions of each,
 * to find where a refresh's CPU goes. Build first (`npm run build`).
 */
import {spawn, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {startFarm} from './farm.js';
import {summarizeProfile} from './profile-summary.js';

const feeds = Number(process.argv[2] ?? 100);
const outDir = resolve(process.argv[3] ?? join(tmpdir(), 'blogroll-refresh-profiles'));
const cli = resolve('dist/cli.js');

const farm = await startFarm({feeds});
const home = mkdtempSync(join(tmpdir(), 'blogroll-profile-'));
try {
	const env = {...process.env, BLOGROLL_HOME: home, NO_COLOR: '1'};
	writeFileSync(join(home, 'feeds.json'), JSON.stringify({feeds: farm.urls.map(url => ({url}))}));
	// Async: the farm in this process must keep answering while the child runs.
	const run = (args: string[]) => new Promise<void>((done, fail) => {
		const child = spawn(process.execPath, args, {env, stdio: ['ignore', 'ignore', 'inherit']});
		child.once('error', fail);
		child.once('close', () => done());
	});
	spawnSync(process.execPath, [cli, 'import', join(home, 'feeds.json')], {env, stdio: 'ignore'});
	for (const phase of ['cold', 'warm']) {
		const dir = join(outDir, phase);
		rmSync(dir, {recursive: true, force: true});
		mkdirSync(dir, {recursive: true});
		await run(['--cpu-prof', `--cpu-prof-dir=${dir}`, cli, 'refresh', '--force']);
		for (const file of readdirSync(dir)) {
			console.log(`\n== ${phase} refresh of ${feeds} feeds: ${join(dir, file)}`);
			console.log(summarizeProfile(join(dir, file), 25));
		}
	}
} finally {
	await farm.close();
	rmSync(home, {recursive: true, force: true});
}
