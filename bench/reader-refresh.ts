/**
 * The reader during an `R` refresh (issue 18): a copy of the big cache (its own feeds paused,
 * so that `R` leaves them alone) with `feeds` farm feeds subscribed; the reader starts in a
 * pty, `R` in the feed list refreshes the farm feeds (all cold: every one answers 200), and
 * `j` (down the feed list) is pressed every 300 ms while it runs. Figures: the reader's peak RSS (VmHWM) over
 * the whole session, and key → first chunk drawn after it while the refresh runs.
 */
import {copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import Database from 'better-sqlite3';
import {join} from 'node:path';
import type {FeedFarm} from './farm.js';
import {summarize, type Summary} from './measure.js';
import {PtySession} from './pty.js';

export interface ReaderDuringRefreshFigure {
	readonly feeds: number;
	/** Peak RSS of the reader process over the session (start, refresh, keys), MB. */
	readonly peakRssMb: Summary | null;
	/** Peak RSS before `R` (up to the first frame), MB. */
	readonly beforeRefreshRssMb: Summary | null;
	/** Key `j` written → the first chunk drawn after it, while the refresh runs. */
	readonly keyToFrameMs: Summary | null;
	/** The same before `R`, with nothing running: what "unchanged" compares against. */
	readonly idleKeyToFrameMs?: Summary | null;
	/** From `R` until the farm had answered every feed or the reader said the refresh was over, ms. */
	readonly refreshMs: Summary | null;
	readonly note: string | null;
}

const COLUMNS = 100;
const ROWS = 30;
const FEED_TITLE = /– [^\n]{3,60}#\d+/;
/** The reader's status line at the end of a refresh (strings.ts refreshDone, either language). */
const REFRESHED = /Aktualisiert: [\d.]+ neu|Refreshed: [\d,]+ new/;

interface Config {
	subscriptions: {url: string; paused?: boolean}[];
}

function profileCopy(bigDir: string, farm: FeedFarm, feeds: number): string {
	const dir = mkdtempSync(join(tmpdir(), 'blogroll-bench-reader-refresh-'));
	for (const file of ['cache.db', 'cache.db-wal', 'cache.db-shm']) {
		if (existsSync(join(bigDir, file))) copyFileSync(join(bigDir, file), join(dir, file));
	}
	const config = JSON.parse(readFileSync(join(bigDir, 'config.json'), 'utf8')) as Config;
	const addedAt = new Date().toISOString();
	config.subscriptions = [
		...config.subscriptions.map(subscription => ({...subscription, paused: true})),
		...farm.urls.slice(0, feeds).map(url => ({url, title: null, tags: ['farm'], fullArticle: false, addedAt})),
	];
	writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
	// The farm feeds have a row in the cache, not due for 30 days and without validators: the
	// reader's refresh at start leaves them alone (R is what is measured), and R fetches them cold.
	const database = new Database(join(dir, 'cache.db'));
	try {
		const insert = database.prepare('INSERT OR IGNORE INTO feeds (url, next_fetch_at) VALUES (?, ?)');
		const later = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
		database.transaction(() => {
			for (const url of farm.urls.slice(0, feeds)) insert.run(url, later);
		})();
	} finally {
		database.close();
	}
	return dir;
}

export async function measureReaderDuringRefresh(command: readonly string[], bigDir: string, farm: FeedFarm, feeds: number, runs: number): Promise<ReaderDuringRefreshFigure> {
	const peaks: number[] = [];
	const before: number[] = [];
	const keys: number[] = [];
	const idleKeys: number[] = [];
	const durations: number[] = [];
	const notes: string[] = [];
	for (let run = 0; run < runs; run++) {
		const dir = profileCopy(bigDir, farm, feeds);
		const session = new PtySession(command, {columns: COLUMNS, rows: ROWS, env: {BLOGROLL_HOME: dir}});
		try {
			if ((await session.waitFor(text => FEED_TITLE.test(text), 60_000)) === null) {
				notes.push('the feed list never appeared');
				continue;
			}
			// R in the feed list refreshes every (unpaused) subscription; in a view it would
			// refresh only the view's feeds (the Unread view's are the paused ones).
			await session.nextBurst(300, 1_000);
			const idle = session.peakRssMb();
			if (idle !== null) before.push(idle);
			for (let press = 0; press < 10; press++) {
				await new Promise(resolve => setTimeout(resolve, 300));
				session.mark();
				const at = session.press('j');
				const seen = await session.waitFor(text => text.length > 0, 2_000);
				if (seen !== null && seen.atMs >= at) idleKeys.push(seen.atMs - at);
			}
			farm.resetStats();
			const started = session.now();
			session.press('R');
			const deadline = started + 300_000;
			let finished = false;
			while (session.now() < deadline && !finished) {
				const stats = farm.stats();
				if (stats.ok + stats.notModified + stats.other >= feeds) break;
				await new Promise(resolve => setTimeout(resolve, 300));
				// The reader says the refresh is over (a request that never reached the farm is not counted there).
				if ((await session.waitFor(text => REFRESHED.test(text), 0)) !== null) break;
				session.mark();
				const at = session.press('j');
				// Something drawn after the key (mark() emptied the text); a chunk from before it does not count.
				const seen = await session.waitFor(text => {
					if (REFRESHED.test(text)) finished = true;
					return text.length > 0;
				}, 2_000);
				if (seen !== null && seen.atMs >= at && !finished) keys.push(seen.atMs - at);
			}
			durations.push(session.now() - started);
			// The last feeds are parsed and stored after their answers: wait for the screen to settle.
			await session.nextBurst(1_500, 60_000);
			const peak = session.peakRssMb();
			if (peak !== null) peaks.push(peak);
		} finally {
			session.press('q');
			await session.close();
			rmSync(dir, {recursive: true, force: true});
		}
	}
	return {
		feeds,
		idleKeyToFrameMs: summarize(idleKeys),
		peakRssMb: summarize(peaks),
		beforeRefreshRssMb: summarize(before),
		keyToFrameMs: summarize(keys),
		refreshMs: summarize(durations),
		note: notes.length > 0 ? notes.join('; ') : null,
	};
}
