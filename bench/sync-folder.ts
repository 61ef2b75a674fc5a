// Sync through a folder (issue 15) at 100 000 entries: `tsx bench/sync-folder.ts`. Two profiles of
// 100 feeds × 1 000 entries; the laptop marks everything read; the desktop merges and applies it.
// Then three syncs with nothing new. Prints milliseconds; BENCHMARKS.md keeps the figures by hand.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {openConfig} from '../source/config/config.js';
import {resolvePaths} from '../source/config/paths.js';
import {openStore} from '../source/store/open.js';
import {syncFolder} from '../source/use-cases/sync-folder.js';

const N = 100_000;
const FEEDS = 100;
function profile(name: string) {
	const home = mkdtempSync(join(tmpdir(), `perf-${name}-`));
	const config = openConfig(resolvePaths({BLOGROLL_HOME: home})) as any; // a fresh profile: never a Failure
	const store = openStore(join(home, 'cache.db'));
	return {home, config, store, lockFile: join(home, 'sync.lock')};
}
function fill(p: any) {
	const items = (f: number) => Array.from({length: N / FEEDS}, (_, i) => ({id: `https://blog${f}.example/?p=${i}`, title: `Eintrag ${i} über Führung`, link: `https://blog${f}.example/${i}/`, published: new Date(Date.UTC(2026, 0, 1) + i * 60000).toISOString(), updated: null, author: 'Jörg', content: '<p>Text</p>', summary: null}));
	for (let f = 0; f < FEEDS; f++) {
		const url = `https://blog${f}.example/feed/`;
		p.config.addSubscription({url, title: null, tags: [], fullArticle: false, addedAt: '2026-12-01T00:00:00Z'});
		const feed = p.store.ensureFeed(url);
		p.store.upsertEntries(feed.id, items(f), '2026-12-01T00:00:00Z');
	}
}
const folder = mkdtempSync(join(tmpdir(), 'perf-folder-'));
const a = profile('a');
const b = profile('b');
fill(a);
fill(b);
const deps = (p: any) => ({config: p.config, store: p.store, now: () => new Date(), lockFile: p.lockFile});
let t = performance.now();
console.log('a first sync', JSON.stringify((syncFolder(deps(a), {dir: folder}) as any).sent), Math.round(performance.now() - t), 'ms');
t = performance.now();
syncFolder(deps(b), {dir: folder});
console.log('b first sync', Math.round(performance.now() - t), 'ms');
t = performance.now();
a.store.markAllRead({});
console.log('mark all read on a', Math.round(performance.now() - t), 'ms');
t = performance.now();
const sent = syncFolder(deps(a), {});
console.log('a sync sending 100k', Math.round(performance.now() - t), 'ms', (sent as any).sent, (sent as any).compacted);
t = performance.now();
const got = syncFolder(deps(b), {});
console.log('b merge+apply 100k', Math.round(performance.now() - t), 'ms', JSON.stringify((got as any).applied));
for (let i = 0; i < 3; i++) {
	t = performance.now();
	syncFolder(deps(b), {});
	console.log('b sync nothing new', Math.round(performance.now() - t), 'ms');
}
for (const dir of [a.home, b.home, folder]) rmSync(dir, {recursive: true, force: true});
