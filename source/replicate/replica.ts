/**
 * One device's replica over the cache: recording local changes, writing them to the own
 * journal, reading the other devices' files, merging, and applying the merged state to the
 * config and the cache through the same use cases and store functions the user's own
 * commands use.
 *
 * Nothing is lost on a crash at any point:
 * - read/starred/dismissed are written to the outbox by triggers in the transaction that
 *   changes them;
 * - config-side changes are recorded right after each config write (`recordConfigChanges`,
 *   called by the recording Config of cli.tsx and first thing in every sync): the config is
 *   compared with the config as last recorded (`base`). A crash between the config write and
 *   the recording leaves the difference in place; the next recording finds it;
 * - an outbox row gets its stamp before its line is appended and is deleted after: a crash
 *   in between appends the same operation again, which merges to the same state;
 * - a file's operations are merged and its read offset saved in one transaction;
 * - applying: a crash between a config write and the new base makes the next recording see
 *   a difference that the merged state already has, which it leaves out.
 */
import {randomBytes} from 'node:crypto';
import {hostname} from 'node:os';
import type {Config} from '../config/config.js';
import type {ReplicateStore} from '../store/replicate-store.js';
import type {Store} from '../store/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import {removeFeed, renameFeed, setFeedTags} from '../use-cases/feed-changes.js';
import {desiredConfig, EMPTY_PROJECTION, localChanges, project, type ConfigData, type MergedView, type Projection} from './config-state.js';
import {compareClocks, formatStamp, parseStamp, receive, tick, ZERO_CLOCK, type Clock} from './hlc.js';
import {encodeOperation, type JournalHeader} from './journal.js';
import {mergeInto, registerKey, type Register} from './merge.js';
import {change, entryKey, withStamp, type Change, type Operation} from './operations.js';

export interface ReplicaDeps {
	readonly config: Config;
	readonly store: Store;
	readonly now: () => Date;
}

export interface Device {
	readonly id: string;
	readonly name: string;
}

/** The device id, generated once and kept in the cache; its name is the host's. */
export function ensureDevice(replicate: ReplicateStore): Device {
	let id = replicate.meta('device');
	if (id === null) {
		id = randomBytes(6).toString('hex');
		replicate.setMeta('device', id);
	}
	const name = replicate.meta('deviceName') ?? (sanitizeLine(hostname()).slice(0, 60) || id);
	return {id, name};
}

export function loadClock(replicate: ReplicateStore): Clock {
	const saved = replicate.meta('clock');
	if (saved === null) return ZERO_CLOCK;
	const [wall, counter] = saved.split('.').map(Number);
	return Number.isFinite(wall) && Number.isFinite(counter) ? {wall: wall!, counter: counter!} : ZERO_CLOCK;
}

function saveClock(replicate: ReplicateStore, clock: Clock): void {
	replicate.setMeta('clock', `${clock.wall}.${clock.counter}`);
}

export function configData(config: Config): ConfigData {
	// A feed server account's feeds (issue 16) stay out of the folder: each device gets them,
	// their titles, tags and states from the server with its own password; carried here too,
	// two devices would apply every change twice, and a device without the account would
	// subscribe to feeds it cannot sync.
	return {subscriptions: config.subscriptions().filter(subscription => subscription.account === undefined), views: config.views(), ignore: config.ignoreRules()};
}

export function mergedView(replicate: ReplicateStore): MergedView {
	const registers = new Map<string, Register>();
	for (const prefix of ['feed:', 'view:', 'rule:']) {
		for (const register of replicate.registers(prefix)) registers.set(registerKey(register.target, register.field), register);
	}
	return {liveAdds: replicate.liveAdds(), registers};
}

function loadBase(replicate: ReplicateStore): Projection {
	const saved = replicate.meta('base');
	return saved === null ? EMPTY_PROJECTION : (JSON.parse(saved) as Projection);
}

/**
 * Starts replication on this cache (the first sync): from now on changes are recorded, and
 * what the cache already knows is put in the outbox. Returns how many flags were seeded.
 */
export function startRecording(deps: ReplicaDeps): number {
	const replicate = deps.store.replicate();
	if (replicate.isRecording()) return 0;
	return deps.store.transaction(() => {
		replicate.startRecording();
		return replicate.seedOutbox(deps.now().toISOString());
	});
}

/** Records the config's changes since the last recording; returns how many. */
export function recordConfigChanges(deps: ReplicaDeps): number {
	const replicate = deps.store.replicate();
	if (!replicate.isRecording()) return 0;
	const current = project(configData(deps.config));
	const changes = localChanges(current, loadBase(replicate), mergedView(replicate));
	const at = deps.now().toISOString();
	deps.store.transaction(() => {
		replicate.addToOutbox(changes.map(changed => ({change: JSON.stringify(changed), at})));
		replicate.setMeta('base', JSON.stringify(current));
	});
	return changes.length;
}

/**
 * A feed moved here (a permanent redirect seen by a refresh): recorded before the
 * subscription change it comes with, so that other devices move the feed (keeping its
 * entries and flags) instead of removing one and subscribing another.
 */
export function recordMove(deps: ReplicaDeps, from: string, to: string): void {
	const replicate = deps.store.replicate();
	if (!replicate.isRecording()) return;
	replicate.addToOutbox([{change: JSON.stringify(change.move(from, to)), at: deps.now().toISOString()}]);
}

/** Where a feed url leads after the moves the merged state knows (at most a few hops). */
function followMoves(replicate: ReplicateStore, url: string): string[] {
	const path = [url];
	for (let hop = 0; hop < 5; hop++) {
		const moved = replicate.registers(`feed:${path.at(-1)!}`).find(register => register.target === `feed:${path.at(-1)!}` && register.field === 'movedTo');
		if (typeof moved?.value !== 'string' || path.includes(moved.value)) break;
		path.push(moved.value);
	}
	return path;
}

/** An outbox row as a change; entries name their feed and guid there (the triggers cannot hash). */
function decodeChange(text: string): Change | null {
	try {
		const value = JSON.parse(text) as Record<string, unknown>;
		if (value['kind'] === 'entry') {
			const {field, feed, guid} = value;
			if (typeof feed !== 'string' || typeof guid !== 'string') return null;
			const on = value['value'] === 1 || value['value'] === true;
			return field === 'read' ? change.read(feed, guid, on) : field === 'starred' ? change.star(feed, guid, on) : null;
		}
		if (value['kind'] === 'set' || value['kind'] === 'subscribe' || value['kind'] === 'unsubscribe') return value as unknown as Change;
		return null;
	} catch {
		return null;
	}
}

const BATCH = 20_000;

/**
 * Writes the outbox to the own journal (`append` must put the text on the disk or throw),
 * merging each batch into the local state once it is written. Returns how many went out.
 *
 * A batch's stamps follow from the clock before it and the rows' times alone; that clock is
 * saved with the batch's last row id before the append. A crash after the append and
 * before the rows are deleted gives the same batch the same stamps on the next run: the
 * lines appended twice are the same operations, which merge once.
 */
export function flushOutbox(deps: ReplicaDeps, device: Device, append: (text: string) => void): number {
	const replicate = deps.store.replicate();
	let sent = 0;
	for (;;) {
		let rows = replicate.outbox(BATCH);
		if (rows.length === 0) return sent;
		const started = replicate.meta('flushBatch');
		const unfinished = started === null ? null : (JSON.parse(started) as {clock: Clock; lastId: number});
		let clock: Clock;
		if (unfinished !== null && rows[0]!.id <= unfinished.lastId) {
			rows = rows.filter(row => row.id <= unfinished.lastId);
			clock = unfinished.clock;
		} else {
			clock = loadClock(replicate);
		}
		const before = clock;
		const operations: Operation[] = [];
		for (const row of rows) {
			const changed = decodeChange(row.change);
			const at = Date.parse(row.at);
			clock = tick(clock, Number.isNaN(at) ? deps.now().getTime() : at);
			if (changed !== null) operations.push(withStamp(changed, {...clock, device: device.id}));
		}
		const after = clock;
		deps.store.transaction(() => {
			replicate.setMeta('flushBatch', JSON.stringify({clock: before, lastId: rows.at(-1)!.id}));
			if (compareClocks(after, loadClock(replicate)) > 0) saveClock(replicate, after);
		});
		if (operations.length > 0) append(operations.map(encodeOperation).join(''));
		deps.store.transaction(() => {
			mergeInto(replicate.book({remote: false}), operations);
			replicate.removeFromOutbox(rows.map(row => row.id));
			replicate.setMeta('flushBatch', null);
		});
		sent += operations.length;
	}
}

/** Merges operations read from another device's file; moves the clock past them. */
export function mergeRemote(deps: ReplicaDeps, operations: readonly Operation[], whileMerging: () => void): number {
	const replicate = deps.store.replicate();
	return deps.store.transaction(() => {
		const effect = mergeInto(replicate.book({remote: true}), operations);
		let clock = loadClock(replicate);
		let latest: Clock = ZERO_CLOCK;
		for (const operation of operations) if (compareClocks(operation.stamp, latest) > 0) latest = operation.stamp;
		clock = receive(clock, latest, deps.now().getTime());
		saveClock(replicate, clock);
		whileMerging();
		return effect.registers + effect.feeds.size;
	});
}

/** What applying changed here. */
export interface Applied {
	read: number;
	unread: number;
	starred: number;
	unstarred: number;
	newFeeds: number;
	removedFeeds: number;
	changedFeeds: number;
	views: number;
	rules: number;
	dismissed: number;
}

export function emptyApplied(): Applied {
	return {read: 0, unread: 0, starred: 0, unstarred: 0, newFeeds: 0, removedFeeds: 0, changedFeeds: 0, views: 0, rules: 0, dismissed: 0};
}

/** Brings the config to the merged state, through the use cases the user's commands use. */
export function applyToConfig(deps: ReplicaDeps, applied: Applied): void {
	const {config, store} = deps;
	const replicate = store.replicate();
	const current = configData(config);
	const desired = desiredConfig(current, mergedView(replicate), deps.now());
	const wanted = new Map(desired.subscriptions.map(subscription => [subscription.url, subscription]));
	for (const subscription of current.subscriptions) {
		if (wanted.has(subscription.url)) continue;
		// Moved elsewhere (a 301 another device saw): moved here too, as a refresh would.
		const movedTo = followMoves(replicate, subscription.url).slice(1).find(url => wanted.has(url));
		if (movedTo !== undefined && config.findSubscription(movedTo) === undefined) {
			config.updateSubscription(subscription.url, {url: movedTo});
			store.renameFeedUrl(subscription.url, movedTo);
			applied.changedFeeds++;
			continue;
		}
		removeFeed({config, store}, subscription.url);
		applied.removedFeeds++;
	}
	for (const subscription of desired.subscriptions) {
		const local = config.findSubscription(subscription.url);
		if (local === undefined) {
			config.addSubscription(subscription);
			applied.newFeeds++;
			continue;
		}
		let changed = false;
		if (local.title !== subscription.title) {
			renameFeed({config, store}, subscription.url, subscription.title ?? '');
			changed = true;
		}
		if (local.tags.join('\u0000') !== subscription.tags.join('\u0000')) {
			setFeedTags({config, store}, subscription.url, subscription.tags);
			changed = true;
		}
		if (local.fullArticle !== subscription.fullArticle || (local.private === true) !== (subscription.private === true)) {
			config.updateSubscription(subscription.url, {fullArticle: subscription.fullArticle, private: subscription.private === true});
			changed = true;
		}
		if (changed) applied.changedFeeds++;
	}
	if (JSON.stringify(current.views) !== JSON.stringify(desired.views)) {
		config.setViews(desired.views);
		applied.views++;
	}
	if (JSON.stringify(current.ignore) !== JSON.stringify(desired.ignore)) {
		config.setIgnoreRules(desired.ignore);
		applied.rules++;
	}
	replicate.setMeta('base', JSON.stringify(project(configData(config))));
}

/**
 * Brings cached entries (and dismissals) to the merged state; registers of entries not
 * cached yet stay pending until a refresh brings them. Cheap when nothing is pending, so
 * it also runs after every refresh.
 */
export function applyToCache(deps: ReplicaDeps, applied: Applied = emptyApplied()): Applied {
	const {store} = deps;
	const replicate = store.replicate();
	// Entries keep the name they had under the feed's url when the change was made; a feed
	// that moved since is found at its new url.
	const feeds = replicate.pendingFeeds().flatMap(feed => {
		const cached = followMoves(replicate, feed).find(url => store.getFeedByUrl(url) !== null);
		return cached === undefined ? [] : [{feed, cached}];
	});
	const sites = replicate.pendingRegisters(null);
	if (feeds.length === 0 && sites.length === 0) return applied;
	// One transaction for everything: a commit per feed cost a WAL checkpoint each (~100 ms).
	replicate.applying(() => {
		for (const {feed, cached} of feeds) {
			const rows = new Map(replicate.entryFlags(cached).map(row => [entryKey(feed, row.guid), row]));
			const found = replicate.pendingRegisters(feed).filter(register => rows.has(register.target.slice('entry:'.length)));
			if (found.length === 0) continue;
			const toRead: number[] = [];
			const toUnread: number[] = [];
			for (const register of found) {
				const row = rows.get(register.target.slice('entry:'.length))!;
				const on = register.value === true;
				if (register.field === 'read' && (row.isRead === 1) !== on) (on ? toRead : toUnread).push(row.id);
				if (register.field === 'starred' && (row.isStarred === 1) !== on) {
					store.setStarred(row.id, on);
					if (on) applied.starred++;
					else applied.unstarred++;
				}
			}
			applied.read += store.setRead(toRead, true);
			applied.unread += store.setRead(toUnread, false);
			replicate.clearPending(found);
		}
		if (sites.length > 0) {
			const discover = store.discover();
			for (const register of sites) {
				const site = register.target.slice('site:'.length);
				if (typeof register.value === 'string') discover.dismiss(site, register.value, new Date(parseStamp(register.stamp)?.wall ?? deps.now().getTime()).toISOString());
				else discover.undismiss(site);
				applied.dismissed++;
			}
			replicate.clearPending(sites);
		}
	});
	return applied;
}

/** The own state as snapshot lines: every winning register, subscribe and removal this device wrote or knows. */
export function snapshotText(replicate: ReplicateStore, header: JournalHeader): string {
	const own = replicate.ownState(header.device);
	const lines: string[] = [];
	for (const register of own.registers) {
		const stamp = parseStamp(register.stamp);
		if (stamp === null) continue;
		lines.push(encodeOperation({kind: 'set', stamp, target: register.target, field: register.field, value: register.value, ...(register.feed === undefined ? {} : {feed: register.feed})}));
	}
	for (const {feed, add} of own.adds) {
		const stamp = parseStamp(add);
		if (stamp !== null) lines.push(encodeOperation({kind: 'subscribe', stamp, feed}));
	}
	for (const {feed, add} of own.removed) {
		const stamp = parseStamp(add);
		if (stamp !== null) lines.push(encodeOperation({kind: 'unsubscribe', stamp, feed, removes: [add]}));
	}
	return lines.join('');
}

export function newEpoch(): string {
	return randomBytes(6).toString('hex');
}
