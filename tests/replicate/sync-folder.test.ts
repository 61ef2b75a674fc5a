import {appendFileSync, chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {openConfig, type Config} from '../../source/config/config.js';
import {resolvePaths} from '../../source/config/paths.js';
import {isFailure} from '../../source/failure.js';
import {openStore} from '../../source/store/open.js';
import type {Store} from '../../source/store/types.js';
import {appendLines} from '../../source/replicate/folder.js';
import {encodeHeader} from '../../source/replicate/journal.js';
import {recordingConfig} from '../../source/replicate/recording-config.js';
import {ensureDevice, flushOutbox} from '../../source/replicate/replica.js';
import {applyWaiting, syncFolder, syncStatus, type SyncReport} from '../../source/use-cases/sync-folder.js';
import {COACH_FEED, coachingItems, CONSULTANT_FEED} from '../store/fixtures.js';

interface Profile {
	readonly home: string;
	readonly config: Config;
	readonly store: Store;
	readonly lockFile: string;
	now: Date;
}

const cleanup: (() => void)[] = [];
afterEach(() => {
	for (const clean of cleanup.splice(0)) clean();
});

function temporary(prefix: string): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	cleanup.push(() => rmSync(dir, {recursive: true, force: true}));
	return dir;
}

function profile(name: string, skewHours = 0): Profile {
	const home = temporary(`blogroll-${name}-`);
	const config = openConfig(resolvePaths({BLOGROLL_HOME: home}));
	if (isFailure(config)) throw new Error(config.message);
	const store = openStore(join(home, 'cache.db'));
	cleanup.unshift(() => store.close());
	return {home, config, store, lockFile: join(home, 'sync.lock'), now: new Date(Date.parse('2026-12-05T10:00:00Z') + skewHours * 3_600_000)};
}

/** Subscribes and caches the coaching blog, as `blogroll add` leaves a profile. */
function subscribeCoach(profile: Profile, tags: string[] = []): void {
	profile.config.addSubscription({url: COACH_FEED, title: null, tags, fullArticle: false, addedAt: profile.now.toISOString()});
	refreshCoach(profile);
}

function refreshCoach(profile: Profile): void {
	const feed = profile.store.ensureFeed(COACH_FEED);
	profile.store.upsertEntries(feed.id, coachingItems(), profile.now.toISOString());
}

function sync(profile: Profile, dir?: string, compactAfterBytes?: number): SyncReport {
	profile.now = new Date(profile.now.getTime() + 60_000);
	const deps = {config: profile.config, store: profile.store, now: () => profile.now, lockFile: profile.lockFile, ...(compactAfterBytes === undefined ? {} : {compactAfterBytes})};
	const report = syncFolder(deps, dir === undefined ? {} : {dir});
	if (isFailure(report)) throw new Error(report.message);
	return report;
}

function readTitles(profile: Profile): string[] {
	return profile.store.listEntries({}, {offset: 0, limit: 50}).filter(entry => entry.isRead).map(entry => entry.title).sort();
}

function entryId(profile: Profile, title: string): number {
	return profile.store.listEntries({}, {offset: 0, limit: 50}).find(entry => entry.title === title)!.id;
}

describe('sync through a folder', () => {
	it('carries a read flag, a star, a subscription, a title and tags from one profile to another', () => {
		const folder = temporary('blogroll-folder-');
		const laptop = profile('laptop');
		const desktop = profile('desktop', -3);
		subscribeCoach(laptop, ['Coaching']);
		laptop.config.updateSubscription(COACH_FEED, {title: 'Coaching mit Herz – Jörgs Praxis'});
		laptop.store.setRead([entryId(laptop, 'Fünf Fragen für ein klares Jahresgespräch')], true);
		laptop.store.setStarred(entryId(laptop, 'Mentoring für Selbstständige: was es bringt'), true);

		const sent = sync(laptop, folder);
		expect(sent.sent).toBeGreaterThan(0);
		expect(laptop.config.settings().syncDir).toBe(folder);

		const received = sync(desktop, folder);
		expect(received.from).toEqual([sent.device.name]);
		expect(received.applied.newFeeds).toBe(1);
		expect(desktop.config.subscriptions()).toEqual([expect.objectContaining({url: COACH_FEED, title: 'Coaching mit Herz – Jörgs Praxis', tags: ['Coaching']})]);
		// The entries are not cached on the desktop yet: the flags wait for the refresh.
		expect(received.waiting).toBe(2);
		refreshCoach(desktop);
		const applied = applyWaiting({config: desktop.config, store: desktop.store, now: () => desktop.now});
		expect(applied).toMatchObject({read: 1, starred: 1});
		expect(readTitles(desktop)).toEqual(['Fünf Fragen für ein klares Jahresgespräch']);
		expect(desktop.store.listEntries({starredOnly: true}, {offset: 0, limit: 10}).map(entry => entry.title)).toEqual(['Mentoring für Selbstständige: was es bringt']);
		expect(syncStatus({config: desktop.config, store: desktop.store}).waiting).toBe(0);
	});

	it('sends back what the second profile did, and the first applies it', () => {
		const folder = temporary('blogroll-folder-');
		const laptop = profile('laptop');
		const desktop = profile('desktop', 5);
		subscribeCoach(laptop);
		subscribeCoach(desktop);
		sync(laptop, folder);
		sync(desktop, folder);
		desktop.store.setRead([entryId(desktop, 'Mentoring für Selbstständige: was es bringt')], true);
		desktop.config.updateSubscription(COACH_FEED, {tags: ['Führung']});
		desktop.config.setViews([{name: 'Führung', query: 'unread and tag:führung'}]);
		desktop.config.setIgnoreRules(['title:"Sponsored"']);
		sync(desktop);
		const report = sync(laptop);
		expect(report.applied).toMatchObject({read: 1, changedFeeds: 1, views: 1, rules: 1});
		expect(readTitles(laptop)).toEqual(['Mentoring für Selbstständige: was es bringt']);
		expect(laptop.config.findSubscription(COACH_FEED)?.tags).toEqual(['Führung']);
		expect(laptop.config.views()).toEqual([{name: 'Führung', query: 'unread and tag:führung'}]);
		expect(laptop.config.ignoreRules()).toEqual(['title:"Sponsored"']);
		// Nothing echoes back: a second round changes nothing anywhere.
		expect(sync(desktop).applied).toMatchObject({read: 0, changedFeeds: 0, newFeeds: 0});
		expect(sync(laptop).sent).toBe(0);
	});

	it('keeps a feed that one profile removed while the other subscribed it again', () => {
		const folder = temporary('blogroll-folder-');
		const laptop = profile('laptop');
		const desktop = profile('desktop');
		subscribeCoach(laptop);
		sync(laptop, folder);
		sync(desktop, folder);
		expect(desktop.config.findSubscription(COACH_FEED)).toBeDefined();
		desktop.config.removeSubscription(COACH_FEED);
		laptop.config.removeSubscription(COACH_FEED);
		laptop.config.addSubscription({url: COACH_FEED, title: null, tags: ['neu'], fullArticle: false, addedAt: laptop.now.toISOString()});
		sync(desktop);
		sync(laptop);
		sync(desktop);
		expect(laptop.config.findSubscription(COACH_FEED)?.tags).toEqual(['neu']);
		expect(desktop.config.findSubscription(COACH_FEED)?.tags).toEqual(['neu']);
	});

	it('reads only whole lines, reads conflict copies, ignores temporary files, and never writes either', () => {
		const folder = temporary('blogroll-folder-');
		const staging = temporary('blogroll-staging-');
		const laptop = profile('laptop');
		const desktop = profile('desktop');
		subscribeCoach(laptop);
		subscribeCoach(desktop);
		laptop.store.setStarred(entryId(laptop, 'Mentoring für Selbstständige: was es bringt'), true);
		sync(laptop, staging);
		sync(desktop, folder);
		const [journal] = readdirSync(staging).filter(name => name.endsWith('.journal'));
		const bytes = readFileSync(join(staging, journal!));
		// The sync tool has copied the journal only to the middle of its last line.
		writeFileSync(join(folder, journal!), bytes.subarray(0, bytes.length - 20));
		writeFileSync(join(folder, `.syncthing.${journal}.tmp`), 'garbage that is not json\n');
		writeFileSync(join(folder, `~${journal}`), 'garbage\n');
		writeFileSync(join(folder, '.~lock.blogroll.journal#'), 'garbage\n');
		const first = sync(desktop);
		expect(first.received).toBeGreaterThan(0);
		// Now a read on the laptop arrives only as a Dropbox conflict copy of its journal.
		laptop.store.setRead([entryId(laptop, 'Fünf Fragen für ein klares Jahresgespräch')], true);
		sync(laptop);
		const conflict = journal!.replace('.journal', ' (conflicted copy 2026-12-05).journal');
		copyFileSync(join(staging, journal!), join(folder, conflict));
		sync(desktop);
		expect(readTitles(desktop)).toEqual(['Fünf Fragen für ein klares Jahresgespräch']);
		// The rest of the truncated journal arrives: read from where the last whole line ended.
		copyFileSync(join(staging, journal!), join(folder, journal!));
		sync(desktop);
		const status = syncStatus({config: desktop.config, store: desktop.store});
		expect(status.devices.map(device => device.isThisDevice)).toEqual([true, false]);
		expect(status.devices[1]!.files).toEqual([conflict, journal].sort());
		expect(status.devices[1]!.badLines).toBe(0);
		// What the desktop wrote: its own journal only.
		const desktopFiles = readdirSync(folder).filter(name => name.includes(status.device.id));
		expect(desktopFiles).toEqual([`blogroll-${status.device.id}.journal`]);
		expect(readFileSync(join(folder, conflict), 'utf8')).toBe(readFileSync(join(staging, journal!), 'utf8'));
	});

	it('names a missing or unwritable folder in one line and keeps the changes for the next sync', () => {
		const laptop = profile('laptop');
		subscribeCoach(laptop);
		const missing = join(temporary('blogroll-parent-'), 'Sync', 'blogroll');
		const failure = syncFolder({config: laptop.config, store: laptop.store, now: () => laptop.now, lockFile: laptop.lockFile}, {dir: missing});
		expect(isFailure(failure) && failure.message).toBe(`Cannot use the sync folder ${missing}: it does not exist. Nothing was lost: your changes wait in the cache for the next sync.`);
		expect(laptop.config.settings().syncDir).toBe('');

		if (process.getuid?.() === 0) return; // root writes anywhere
		const readOnly = temporary('blogroll-readonly-');
		chmodSync(readOnly, 0o555);
		cleanup.unshift(() => chmodSync(readOnly, 0o755));
		const denied = syncFolder({config: laptop.config, store: laptop.store, now: () => laptop.now, lockFile: laptop.lockFile}, {dir: readOnly});
		expect(isFailure(denied) && denied.message).toMatch(/^Cannot use the sync folder .*: no permission\. Nothing was lost/);
		expect(laptop.store.replicate().outboxSize()).toBeGreaterThan(0);
		chmodSync(readOnly, 0o755);
		const report = sync(laptop);
		expect(report.sent).toBeGreaterThan(0);
		expect(laptop.store.replicate().outboxSize()).toBe(0);
	});

	it('refuses a second sync of the same profile while one runs', () => {
		const folder = temporary('blogroll-folder-');
		const laptop = profile('laptop');
		mkdirSync(laptop.home, {recursive: true});
		writeFileSync(laptop.lockFile, String(process.pid));
		const busy = syncFolder({config: laptop.config, store: laptop.store, now: () => laptop.now, lockFile: laptop.lockFile}, {dir: folder});
		expect(isFailure(busy) && busy.reason).toBe('sync-busy');
		// A lock whose process is gone is taken over.
		writeFileSync(laptop.lockFile, '999999999');
		expect(isFailure(sync(laptop, folder))).toBe(false);
	});

	it('compacts a long journal into a snapshot, and a profile that never read the old journal still converges', () => {
		const folder = temporary('blogroll-folder-');
		const laptop = profile('laptop');
		subscribeCoach(laptop);
		sync(laptop, folder);
		const ids = laptop.store.listEntries({}, {offset: 0, limit: 50}).map(entry => entry.id);
		// Many flips: the journal grows past the compaction size.
		for (let round = 0; round < 40; round++) {
			laptop.store.setRead(ids, round % 2 === 0);
			sync(laptop, undefined, 4096);
		}
		const journal = readdirSync(folder).find(name => name.endsWith('.journal'))!;
		expect(readdirSync(folder).some(name => name.endsWith('.snapshot'))).toBe(true);
		expect(statSync(join(folder, journal)).size).toBeLessThan(4096);
		laptop.store.setRead([ids[0]!], true);
		sync(laptop);
		const late = profile('late');
		sync(late, folder);
		refreshCoach(late);
		applyWaiting({config: late.config, store: late.store, now: () => late.now});
		expect(readTitles(late)).toEqual(readTitles(laptop));
		expect(readTitles(late)).toHaveLength(1);
	});

	it('carries 1 200 read flags of one feed in a few lines; the entries cached on the other profile are read at once, the rest when a refresh brings them', () => {
		const folder = temporary('blogroll-folder-');
		const laptop = profile('laptop');
		const desktop = profile('desktop', 2);
		const feed = 'https://www.kreidezeit-blog.de/feed/';
		const items = Array.from({length: 1200}, (_, index) => ({
			id: `https://www.kreidezeit-blog.de/?p=${index}`,
			title: `Führung im Klassenzimmer, Teil ${index + 1}: „Klartext“`,
			link: `https://www.kreidezeit-blog.de/${index}/`,
			published: new Date(Date.UTC(2026, 0, 1) + index * 3_600_000).toISOString(),
			updated: null,
			author: 'Jörg Weiß',
			content: '<p class="wp-block-paragraph">Was Lehrerinnen über Führung lernen können.</p>',
			summary: null,
		}));
		for (const [who, cached] of [[laptop, items], [desktop, items.slice(0, 1000)]] as const) {
			who.config.addSubscription({url: feed, title: null, tags: [], fullArticle: false, addedAt: who.now.toISOString()});
			who.store.upsertEntries(who.store.ensureFeed(feed).id, cached, who.now.toISOString());
		}
		sync(laptop, folder);
		sync(desktop, folder);
		expect(laptop.store.markAllRead({})).toBe(1200);
		expect(sync(laptop).sent).toBe(1200);
		// Two lines of flags (1 000 and 200) besides the header.
		const text = readFileSync(join(folder, readdirSync(folder).find(name => name.includes(ensureDevice(laptop.store.replicate()).id) && name.endsWith('.journal'))!), 'utf8');
		expect(text.split('\n').filter(line => line.includes('"k":"sets"'))).toHaveLength(2);
		const received = sync(desktop);
		expect(received.applied.read).toBe(1000);
		expect(received.waiting).toBe(200);
		expect(desktop.store.replicate().pendingCount()).toBe(200);
		desktop.store.upsertEntries(desktop.store.ensureFeed(feed).id, items, desktop.now.toISOString());
		expect(applyWaiting({config: desktop.config, store: desktop.store, now: () => desktop.now}).read).toBe(200);
		expect(desktop.store.listEntries({}, {offset: 0, limit: 2000}).filter(entry => !entry.isRead)).toEqual([]);
		// Applying sent nothing back: the desktop's journal has no flags of its own.
		expect(sync(desktop).sent).toBe(0);
	});

	it('reads a journal that came back shorter from the top, and republishes its own in a snapshot', () => {
		const folder = temporary('blogroll-folder-');
		const laptop = profile('laptop');
		const desktop = profile('desktop');
		subscribeCoach(laptop);
		sync(laptop, folder);
		const journal = readdirSync(folder).find(name => name.endsWith('.journal'))!;
		const early = readFileSync(join(folder, journal));
		laptop.store.setRead([entryId(laptop, 'Fünf Fragen für ein klares Jahresgespräch')], true);
		sync(laptop);
		// The sync tool restores the older copy of the laptop's journal.
		writeFileSync(join(folder, journal), early);
		expect(sync(laptop).compacted).toBe(true);
		sync(desktop, folder);
		refreshCoach(desktop);
		applyWaiting({config: desktop.config, store: desktop.store, now: () => desktop.now});
		expect(readTitles(desktop)).toEqual(['Fünf Fragen für ein klares Jahresgespräch']);
		appendFileSync(join(folder, journal), '{"broken": \n');
		sync(desktop);
		expect(syncStatus({config: desktop.config, store: desktop.store}).devices[1]!.badLines).toBe(1);
	});

	it('converges after a crash between appending to the journal and clearing the outbox: the same operations again, once merged', () => {
		const folder = temporary('blogroll-folder-');
		const laptop = profile('laptop');
		const desktop = profile('desktop');
		subscribeCoach(laptop);
		subscribeCoach(desktop);
		sync(laptop, folder);
		laptop.store.setRead([entryId(laptop, 'Fünf Fragen für ein klares Jahresgespräch')], true);
		const device = ensureDevice(laptop.store.replicate());
		const journal = join(folder, `blogroll-${device.id}.journal`);
		const crash = new Error('power cut after the append');
		expect(() =>
			flushOutbox({config: laptop.config, store: laptop.store, now: () => laptop.now}, device, text => {
				appendLines(journal, text, encodeHeader({kind: 'journal', device: device.id, name: device.name, epoch: 'x'}));
				throw crash;
			}),
		).toThrow(crash);
		// The change is still in the outbox; the next sync appends it again, with the same stamp.
		expect(laptop.store.replicate().outboxSize()).toBe(1);
		sync(laptop);
		const lines = readFileSync(journal, 'utf8').trim().split('\n').filter(line => line.includes('"f":"read"'));
		expect(lines).toHaveLength(2);
		expect(lines[0]).toBe(lines[1]);
		sync(desktop, folder);
		expect(readTitles(desktop)).toEqual(['Fünf Fragen für ein klares Jahresgespräch']);
	});

	it('moves a feed that moved (301) on every device, keeping its entries and their flags', () => {
		const folder = temporary('blogroll-folder-');
		const laptop = profile('laptop');
		const desktop = profile('desktop');
		subscribeCoach(laptop, ['Coaching']);
		subscribeCoach(desktop);
		sync(laptop, folder);
		sync(desktop, folder);
		desktop.store.setRead([entryId(desktop, 'Fünf Fragen für ein klares Jahresgespräch')], true);
		sync(desktop);
		sync(laptop);
		// The laptop's refresh met a 301: the subscription and the cached feed move, as refresh-subscriptions does it.
		const moved = 'https://coaching-mit-herz.de/feed/';
		const recording = recordingConfig(laptop.config, () => laptop.store, () => laptop.now);
		recording.updateSubscription(COACH_FEED, {url: moved});
		laptop.store.renameFeedUrl(COACH_FEED, moved);
		laptop.store.setStarred(entryId(laptop, 'Mentoring für Selbstständige: was es bringt'), true);
		sync(laptop);
		const report = sync(desktop);
		expect(report.applied.removedFeeds).toBe(0);
		expect(desktop.config.subscriptions().map(subscription => [subscription.url, subscription.tags])).toEqual([[moved, ['Coaching']]]);
		expect(desktop.store.getFeedByUrl(COACH_FEED)).toBeNull();
		// Nothing to fetch again: the entries stayed, read as before, and the new star arrived.
		expect(readTitles(desktop)).toEqual(['Fünf Fragen für ein klares Jahresgespräch']);
		expect(desktop.store.listEntries({starredOnly: true}, {offset: 0, limit: 10}).map(entry => entry.title)).toEqual(['Mentoring für Selbstständige: was es bringt']);
		// A read on the desktop, now under the new url, reaches the laptop.
		desktop.store.setRead([entryId(desktop, 'Mentoring für Selbstständige: was es bringt')], true);
		sync(desktop);
		sync(laptop);
		expect(readTitles(laptop)).toEqual(readTitles(desktop));
		expect(laptop.config.subscriptions().map(subscription => subscription.url)).toEqual([moved]);
	});

	it('records nothing while no folder is set', () => {
		const laptop = profile('laptop');
		subscribeCoach(laptop);
		laptop.store.setRead([entryId(laptop, 'Fünf Fragen für ein klares Jahresgespräch')], true);
		expect(laptop.store.replicate().outboxSize()).toBe(0);
		void CONSULTANT_FEED;
	});
});
