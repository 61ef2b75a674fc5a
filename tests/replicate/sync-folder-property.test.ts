/**
 * The whole pipeline, property-based: two real profiles (config + SQLite cache) with their
 * own folders, random actions, random syncs, and a sync tool that copies files late, cut at
 * any byte, or as conflict copies. Once the tool catches up, both profiles show the same.
 */
import fc from 'fast-check';
import {copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {openConfig, type Config} from '../../source/config/config.js';
import {resolvePaths} from '../../source/config/paths.js';
import {isFailure} from '../../source/failure.js';
import {openStore} from '../../source/store/open.js';
import type {Store} from '../../source/store/types.js';
import {applyWaiting, syncFolder} from '../../source/use-cases/sync-folder.js';
import {COACH_FEED, coachingItems} from '../store/fixtures.js';

interface Profile {
	readonly config: Config;
	readonly store: Store;
	readonly folder: string;
	readonly lockFile: string;
	now: number;
}

const HOUR = 3_600_000;
const TITLES = coachingItems().map(item => item.title);

const action = fc.oneof(
	fc.record({kind: fc.constant('read' as const), profile: fc.nat(1), entry: fc.nat(TITLES.length - 1), on: fc.boolean()}),
	fc.record({kind: fc.constant('star' as const), profile: fc.nat(1), entry: fc.nat(TITLES.length - 1), on: fc.boolean()}),
	fc.record({kind: fc.constant('rename' as const), profile: fc.nat(1), title: fc.constantFrom('Coaching mit Herz', 'Jörgs Praxis – „Klartext“', '')}),
	fc.record({kind: fc.constant('tags' as const), profile: fc.nat(1), tags: fc.subarray(['Coaching', 'Führung', 'Mentoring'])}),
	fc.record({kind: fc.constant('sync' as const), profile: fc.nat(1)}),
	// The sync tool: copies one profile's files to the other's folder, whole, cut, or as a conflict copy.
	fc.record({kind: fc.constant('copy' as const), from: fc.nat(1), how: fc.constantFrom('whole', 'cut', 'conflict'), cut: fc.double({min: 0, max: 1, noNaN: true})}),
);

type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

function runScenario(actions: readonly Action[], skew: number, compacts: boolean): void {
	const dirs: string[] = [];
	const profiles: Profile[] = [];
	try {
		for (const offset of [0, skew]) {
			const home = mkdtempSync(join(tmpdir(), 'blogroll-prop-'));
			const folder = mkdtempSync(join(tmpdir(), 'blogroll-prop-folder-'));
			dirs.push(home, folder);
			const config = openConfig(resolvePaths({BLOGROLL_HOME: home}));
			if (isFailure(config)) throw new Error(config.message);
			const store = openStore(join(home, 'cache.db'));
			config.addSubscription({url: COACH_FEED, title: null, tags: [], fullArticle: false, addedAt: '2026-12-01T08:00:00.000Z'});
			store.upsertEntries(store.ensureFeed(COACH_FEED).id, coachingItems(), '2026-12-01T08:00:00.000Z');
			profiles.push({config, store, folder, lockFile: join(home, 'sync.lock'), now: Date.parse('2026-12-05T10:00:00Z') + offset});
		}
		const sync = (profile: Profile) => {
			profile.now += 30_000;
			const report = syncFolder({config: profile.config, store: profile.store, now: () => new Date(profile.now), lockFile: profile.lockFile, compactAfterBytes: compacts ? 2048 : 1 << 30}, {dir: profile.folder});
			if (isFailure(report)) throw new Error(report.message);
		};
		for (const profile of profiles) sync(profile);
		for (const step of actions) {
			if (step.kind === 'copy') {
				copyFiles(profiles[step.from]!, profiles[1 - step.from]!, step.how, step.cut);
				continue;
			}
			const profile = profiles[step.profile]!;
			profile.now += 60_000;
			const id = () => profile.store.listEntries({}, {offset: 0, limit: 50}).find(entry => entry.title === TITLES[(step as {entry: number}).entry])!.id;
			if (step.kind === 'read') profile.store.setRead([id()], step.on);
			if (step.kind === 'star') profile.store.setStarred(id(), step.on);
			if (step.kind === 'rename') profile.config.updateSubscription(COACH_FEED, {title: step.title === '' ? null : step.title});
			if (step.kind === 'tags') profile.config.updateSubscription(COACH_FEED, {tags: step.tags});
			if (step.kind === 'sync') sync(profile);
		}
		// The tool catches up: everything whole, both ways, and each syncs twice.
		for (let round = 0; round < 2; round++) {
			for (const profile of profiles) sync(profile);
			copyFiles(profiles[0]!, profiles[1]!, 'whole', 1);
			copyFiles(profiles[1]!, profiles[0]!, 'whole', 1);
		}
		for (const profile of profiles) {
			sync(profile);
			applyWaiting({config: profile.config, store: profile.store, now: () => new Date(profile.now)});
		}
		expect(seen(profiles[1]!)).toEqual(seen(profiles[0]!));
	} finally {
		for (const profile of profiles) profile.store.close();
		for (const dir of dirs) rmSync(dir, {recursive: true, force: true});
	}
}

function copyFiles(from: Profile, to: Profile, how: 'whole' | 'cut' | 'conflict', cut: number): void {
	for (const name of readdirSync(from.folder)) {
		if (name.startsWith('.') || name.includes('conflict')) continue;
		const bytes = readFileSync(join(from.folder, name));
		if (how === 'whole') copyFileSync(join(from.folder, name), join(to.folder, name));
		else if (how === 'conflict') writeFileSync(join(to.folder, name.replace(/\.(journal|snapshot)$/, ' (conflicted copy).$1')), bytes);
		// A transfer under way: never shorter than what is there (tools write new versions whole, then rename).
		else if (!existsSync(join(to.folder, name)) || readFileSync(join(to.folder, name)).length < bytes.length * cut) writeFileSync(join(to.folder, name), bytes.subarray(0, Math.floor(bytes.length * cut)));
	}
}

function seen(profile: Profile) {
	const entries = profile.store.listEntries({}, {offset: 0, limit: 50});
	const subscription = profile.config.findSubscription(COACH_FEED);
	return {
		read: entries.filter(entry => entry.isRead).map(entry => entry.title).sort(),
		starred: entries.filter(entry => entry.isStarred).map(entry => entry.title).sort(),
		title: subscription?.title ?? null,
		tags: [...(subscription?.tags ?? [])].sort(),
	};
}

describe('two profiles syncing through folders a careless sync tool copies between', () => {
	it('reads a line cut by a transfer once it is whole (a journal copied in two pieces)', () => {
		runScenario([
			{kind: 'read', profile: 0, entry: 1, on: true},
			{kind: 'sync', profile: 0},
			{kind: 'copy', from: 0, how: 'whole', cut: 1},
			{kind: 'sync', profile: 1},
			{kind: 'star', profile: 0, entry: 2, on: true},
			{kind: 'sync', profile: 0},
			{kind: 'copy', from: 0, how: 'cut', cut: 0.97},
			{kind: 'sync', profile: 1},
		], 0, false);
	});

	it('end with the same read and starred entries, title and tags', () => {
		fc.assert(
			fc.property(fc.array(action, {maxLength: 25}), fc.integer({min: -3 * HOUR, max: 3 * HOUR}), fc.boolean(), (actions, skew, compacts) => runScenario(actions, skew, compacts)),
			{numRuns: 40},
		);
	}, 240_000);
});
