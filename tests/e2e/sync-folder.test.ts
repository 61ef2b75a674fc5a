/**
 * End to end: two real `blogroll` processes (two profiles) on one machine, each with its own
 * synced folder, and a harness that plays the sync tool between the folders the way real
 * ones behave: late, in pieces, out of order, with conflict copies and temporary files.
 */
import {copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {makeHome, runCli} from '../helpers/cli.js';
import {fixturePaths, startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';

/** A sync tool between two folders, under the test's control. */
class SyncToolBetween {
	constructor(
		private readonly from: string,
		private readonly to: string,
	) {}

	/** The files the tool would carry (it skips its own and others' temporary files). */
	#changed(): string[] {
		return readdirSync(this.from).filter(name => !name.startsWith('.') && !name.startsWith('~')).filter(name => {
			try {
				return readFileSync(join(this.to, name)).compare(readFileSync(join(this.from, name))) !== 0;
			} catch {
				return true;
			}
		});
	}

	/** Copies only the first part of each changed file (a transfer under way), with a temp file beside it. */
	copyHalf(): void {
		for (const name of this.#changed()) {
			const bytes = readFileSync(join(this.from, name));
			writeFileSync(join(this.to, `.syncthing.${name}.tmp`), bytes.subarray(0, Math.floor(bytes.length / 3)));
			writeFileSync(join(this.to, name), bytes.subarray(0, Math.floor(bytes.length / 2)));
		}
	}

	/** Copies whole files, last-named first (out of order), and cleans up its temp files. */
	copyAll(): void {
		for (const name of this.#changed().reverse()) copyFileSync(join(this.from, name), join(this.to, name));
		for (const name of readdirSync(this.to)) if (name.startsWith('.syncthing.')) rmSync(join(this.to, name));
	}

	/** Both sides changed a file: the tool keeps one and puts the other beside it as a conflict copy. */
	copyAsConflict(): void {
		for (const name of this.#changed()) {
			const conflict = name.replace(/\.(journal|snapshot)$/, '.sync-conflict-20261205-101112-7QXK2LM.$1');
			copyFileSync(join(this.from, name), join(this.to, conflict));
		}
	}
}

let server: FixtureServer;
let laptop: string;
let desktop: string;
let laptopFolder: string;
let desktopFolder: string;
const temporary: string[] = [];

beforeAll(async () => {
	server = await startFixtureServer();
	laptop = makeHome();
	desktop = makeHome();
	laptopFolder = mkdtempSync(join(tmpdir(), 'blogroll-sync-laptop-'));
	desktopFolder = mkdtempSync(join(tmpdir(), 'blogroll-sync-desktop-'));
	temporary.push(laptop, desktop, laptopFolder, desktopFolder);
});

afterAll(async () => {
	await server.close();
	for (const dir of temporary) rmSync(dir, {recursive: true, force: true});
});

async function ok(args: string[], home: string): Promise<string> {
	const result = await runCli(args, {home});
	// `refresh` reports progress on stderr; every other command here is silent there.
	if (args[0] !== 'refresh') expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	return result.stdout;
}

async function readTitles(home: string): Promise<string[]> {
	const found = JSON.parse(await ok(['search', 'read', '--json', '--limit', '50'], home)) as {entries: {title: string}[]};
	return found.entries.map(hit => hit.title).sort();
}

describe('two blogroll profiles syncing through folders a sync tool copies between', () => {
	it('shows on the desktop what was read on the laptop, and on the laptop what was renamed on the desktop', async () => {
		const feed = `${server.url}${fixturePaths.kreidezeit.feed}`;
		await ok(['add', feed, '--tag', 'Führung'], laptop);
		const marked = await ok(['mark-read', '--older-than', '2026-10-01', '--feed', feed], laptop);
		expect(marked).toMatch(/^Marked 4 entries/);
		const laptopRead = await readTitles(laptop);
		expect(laptopRead).toHaveLength(4);

		// `sync --json` is one object: every account's report (none here) and the folder's (issue 16).
		const first = JSON.parse(await ok(['sync', '--dir', laptopFolder, '--json'], laptop)) as {accounts: unknown[]; folder: {sent: number}};
		expect(first.accounts).toEqual([]);
		expect(first.folder.sent).toBeGreaterThan(4);
		const toDesktop = new SyncToolBetween(laptopFolder, desktopFolder);
		const toLaptop = new SyncToolBetween(desktopFolder, laptopFolder);

		// The desktop syncs while the laptop's journal is only half copied.
		toDesktop.copyHalf();
		await ok(['sync', '--dir', desktopFolder], desktop);
		toDesktop.copyAll();
		const received = await ok(['sync'], desktop);
		expect(received).toMatch(/received .*1 new feed/);
		expect(received).toMatch(/wait for entries not cached yet/);
		// The feed is subscribed with its tag; the entries come with the first refresh, read.
		const listed = JSON.parse(await ok(['list', '--json'], desktop)) as {url: string; tags: string[]}[];
		expect(listed.map(row => [row.url, row.tags])).toEqual([[feed, ['Führung']]]);
		await ok(['refresh'], desktop);
		expect(await readTitles(desktop)).toEqual(laptopRead);

		// Back the other way: a rename on the desktop, its journal arriving as a conflict copy first.
		await ok(['rename', feed, 'Kreidezeit – Blog für Führung'], desktop);
		await ok(['sync'], desktop);
		toLaptop.copyAsConflict();
		const back = await ok(['sync'], laptop);
		expect(back).toMatch(/1 feed changed from /);
		const renamed = JSON.parse(await ok(['list', '--json'], laptop)) as {title: string}[];
		expect(renamed[0]!.title).toBe('Kreidezeit – Blog für Führung');
		toLaptop.copyAll();
		expect(await ok(['sync'], laptop)).toMatch(/nothing new/);

		const status = await ok(['sync', 'status'], laptop);
		expect(status).toContain(`Sync folder: ${laptopFolder}`);
		expect(status).toMatch(/this device\): last wrote/);
		expect(status).toMatch(/2 files, conflict copies included/);
		// The desktop never wrote into the laptop's conflict copies or temp files: its files are its own journal.
		const desktopId = (JSON.parse(await ok(['sync', 'status', '--json'], desktop)) as {device: {id: string}}).device.id;
		expect(readdirSync(desktopFolder).filter(name => name.includes(desktopId))).toEqual([`blogroll-${desktopId}.journal`]);
		expect(statSync(join(desktopFolder, `blogroll-${desktopId}.journal`)).size).toBeGreaterThan(0);
	}, 60_000);

	it('names a folder it cannot use in one line and changes nothing', async () => {
		const home = makeHome();
		temporary.push(home);
		const result = await runCli(['sync', '--dir', join(home, 'gibt-es-nicht')], {home});
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(`blogroll: Cannot use the sync folder ${join(home, 'gibt-es-nicht')}: it does not exist. Nothing was lost: your changes wait in the cache for the next sync.\n`);
		expect((await runCli(['sync'], {home})).stderr).toBe('blogroll: Nothing to sync: set a synced folder with blogroll sync --dir <folder>, or add a feed server account with blogroll account add\n');
	});
});
