// Account sync against a local Tiny Tiny RSS (issue 16): `npm run bench -- --only accounts`, or
// `tsx bench/accounts.ts [--entries N] [--runs N]`. Starts tt-rss with scripts/ttrss-server.sh
// (PostgreSQL 15 + php -S on 127.0.0.1), puts N entries over 50 German feeds in three categories
// into its tables (two thirds unread, some starred), then measures `blogroll sync` as a user
// runs it: the first sync of every entry, and syncs with nothing new. Wall time includes
// tt-rss's own work (php and PostgreSQL on the same cores); CPU and peak RSS are blogroll's.
// Prints the figures; BENCHMARKS.md keeps them by hand.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {addEntries, createCategory, createFeed, startTtrss, ttrssMissing, wordpressBody, type SeedEntry} from '../tests/helpers/ttrss.js';
import {measure, summarizeSamples, type Sample, type SampleSummary} from './measure.js';

export interface AccountsBenchOptions {
	readonly cli: string;
	readonly entries: number;
	/** Syncs with nothing new. */
	readonly runs: number;
	readonly log: (line: string) => void;
}

export interface AccountsBenchResult {
	readonly entries: number;
	readonly feeds: number;
	readonly firstSync: Sample;
	readonly nothingNew: SampleSummary;
}

const FEEDS = 50;
const CATEGORIES = ['Coaching', 'Technik', 'Garten'];

export async function runAccountsBench(options: AccountsBenchOptions): Promise<AccountsBenchResult | null> {
	const missing = (() => {
		try {
			return ttrssMissing();
		} catch (error) {
			return error instanceof Error ? error.message : String(error);
		}
	})();
	if (missing !== null) {
		options.log(`accounts: skipped, ${missing}`);
		return null;
	}
	options.log('accounts: starting tt-rss…');
	const server = await startTtrss();
	const home = mkdtempSync(join(tmpdir(), 'blogroll-bench-accounts-'));
	const secrets = mkdtempSync(join(tmpdir(), 'blogroll-bench-secret-'));
	try {
		const perFeed = Math.ceil(options.entries / FEEDS);
		options.log(`accounts: ${perFeed * FEEDS} entries over ${FEEDS} feeds into tt-rss's tables…`);
		const categories = CATEGORIES.map(title => createCategory(server, title));
		const start = Date.parse('2026-06-01T06:00:00Z');
		for (let feed = 0; feed < FEEDS; feed++) {
			const host = `blog-${feed + 1}.example.de`;
			const title = `Blog ${feed + 1} – Notizen über Führung & Gärten`;
			const id = createFeed(server, {title, url: `https://${host}/feed/`, siteUrl: `https://${host}/`, categoryId: feed % 4 === 3 ? null : categories[feed % 3]!});
			const entries: SeedEntry[] = [];
			for (let index = 1; index <= perFeed; index++) {
				const topic = ['Feedback', 'Übergänge', 'Zuhören', 'Kompost', 'Heimserver'][index % 5]!;
				// WordPress bodies of 2–3 KB: the post three times over.
				const body = wordpressBody(title, topic, index, host);
				entries.push({
					title: `„${topic}“ – Gedanken, Teil ${index}`,
					link: `https://${host}/2026/${topic.toLowerCase()}-${index}/`,
					content: `${body}\n${body}\n${body}`,
					updated: new Date(start + index * 3_600_000 + feed * 60_000).toISOString(),
					author: 'Jörg Weiß',
					unread: index % 3 !== 0,
					starred: index % 17 === 0,
				});
			}
			addEntries(server, id, entries);
		}
		writeFileSync(join(secrets, 'password'), `${server.password}\n`);
		const env = {BLOGROLL_HOME: home, HOME: home, BLOGROLL_KEYRING: 'off', NO_COLOR: '1'};
		const added = await measure(process.execPath, [options.cli, 'account', 'add', 'ttrss', server.url, '--user', server.user, '--password-file', join(secrets, 'password'), '--name', 'bench'], {env, keepStdout: 2000});
		if (added.exitCode !== 0) throw new Error(`account add failed: ${added.stderr.trim()}`);

		options.log('accounts: first sync…');
		const first = await measure(process.execPath, [options.cli, 'sync'], {env, keepStdout: 4000, timeoutMs: 30 * 60_000});
		if (first.exitCode !== 0) throw new Error(`the first sync failed: ${first.stderr.trim()}`);
		options.log(`accounts: ${first.stdout.trim()}`);
		const samples: Sample[] = [];
		for (let run = 0; run < options.runs; run++) {
			options.log(`accounts: sync with nothing new, run ${run + 1}/${options.runs}…`);
			const sample = await measure(process.execPath, [options.cli, 'sync'], {env, keepStdout: 4000, timeoutMs: 30 * 60_000});
			if (sample.exitCode !== 0 || !sample.stdout.includes('nothing new')) throw new Error(`a sync with nothing new did something else: ${sample.stdout.trim()} ${sample.stderr.trim()}`);
			samples.push(sample);
		}
		return {entries: perFeed * FEEDS, feeds: FEEDS, firstSync: first, nothingNew: summarizeSamples(samples)};
	} finally {
		await server.stop();
		rmSync(home, {recursive: true, force: true});
		rmSync(secrets, {recursive: true, force: true});
	}
}

export function renderAccountsBench(result: AccountsBenchResult): string {
	const seconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);
	const mb = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${Math.round(value)} MB`);
	const {firstSync, nothingNew} = result;
	const range = nothingNew.wallMs === null ? '' : ` (median of ${nothingNew.wallMs.runs}, ${seconds(nothingNew.wallMs.min)}–${seconds(nothingNew.wallMs.max)})`;
	return [
		`Account sync, local tt-rss (scripts/ttrss-server.sh), ${result.entries} entries over ${result.feeds} feeds:`,
		`  first sync          wall ${seconds(firstSync.wallMs)}, blogroll CPU ${seconds(firstSync.cpuMs)}, peak RSS ${mb(firstSync.maxRssMb)}`,
		`  sync, nothing new   wall ${seconds(nothingNew.wallMs?.median)}${range}, blogroll CPU ${seconds(nothingNew.cpuMs?.median)}, peak RSS ${mb(nothingNew.maxRssMb?.median)}`,
	].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const argv = process.argv.slice(2);
	const value = (name: string, fallback: number) => {
		const index = argv.indexOf(name);
		return index === -1 ? fallback : Number(argv[index + 1]);
	};
	const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
	const result = await runAccountsBench({cli, entries: value('--entries', 10_000), runs: value('--runs', 3), log: line => process.stderr.write(`${line}\n`)});
	if (result !== null) process.stdout.write(`${renderAccountsBench(result)}\n`);
}
