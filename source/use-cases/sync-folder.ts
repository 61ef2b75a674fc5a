/**
 * Sync through a folder (issue 15), for `blogroll sync` and the reader: record what the user
 * did, append it to this device's journal, read the other devices' files from where this
 * device stopped, merge, apply. See source/replicate/ for the rules and the format.
 */
import {statSync} from 'node:fs';
import {join, resolve} from 'node:path';
import type {Config} from '../config/config.js';
import {failed, isFailure, type Failure} from '../failure.js';
import {acquireLock, appendLines, folderFailure, listFolder, readWhole, writeAtomically} from '../replicate/folder.js';
import {parseStamp} from '../replicate/hlc.js';
import {encodeHeader, ownFileName, readJournal} from '../replicate/journal.js';
import {
	applyToCache,
	applyToConfig,
	emptyApplied,
	ensureDevice,
	flushOutbox,
	mergeRemote,
	newEpoch,
	recordConfigChanges,
	snapshotText,
	startRecording,
	type Applied,
	type Device,
} from '../replicate/replica.js';
import type {Store} from '../store/types.js';
import {sanitizeLine} from '../text/sanitize.js';

export interface SyncDeps {
	readonly config: Config;
	readonly store: Store;
	readonly now: () => Date;
	/** Where the per-device lock lives: beside the cache, never in the folder. */
	readonly lockFile: string;
	/** A journal longer than this is folded into a snapshot (tests set it low). */
	readonly compactAfterBytes?: number;
}

export interface SyncRequest {
	/** A new folder (remembered in the settings); else the one set. */
	readonly dir?: string;
}

/** What one sync did: `blogroll sync --json` prints it as it is. */
export interface SyncReport {
	readonly folder: string;
	readonly device: Device;
	/** Operations appended to this device's journal. */
	readonly sent: number;
	/** Operations read from other devices' files that changed the merged state. */
	readonly received: number;
	readonly applied: Applied;
	/** Names of the devices whose files brought something. */
	readonly from: readonly string[];
	/** Changes for entries not cached here yet: applied when a refresh brings them. */
	readonly waiting: number;
	readonly compacted: boolean;
}

/** A journal longer than this is folded into a snapshot. */
const COMPACT_BYTES = 256 * 1024;

export function syncFolder(deps: SyncDeps, request: SyncRequest = {}): SyncReport | Failure {
	const {config, store} = deps;
	const folder = request.dir === undefined ? config.settings().syncDir : resolve(request.dir);
	if (folder === undefined || folder === '') return failed('no-sync-folder', 'No sync folder is set; set one with blogroll sync --dir <folder>');
	const listed = listFolder(folder);
	if (isFailure(listed)) return listed;
	if (request.dir !== undefined && config.settings().syncDir !== folder) config.updateSettings({syncDir: folder});
	const release = acquireLock(deps.lockFile);
	if (isFailure(release)) return release;
	try {
		return syncLocked(deps, folder);
	} finally {
		release();
	}
}

function syncLocked(deps: SyncDeps, folder: string): SyncReport | Failure {
	const replicate = deps.store.replicate();
	const device = ensureDevice(replicate);
	startRecording(deps);
	recordConfigChanges(deps);

	const journal = join(folder, ownFileName(device.id, 'journal'));
	const header = () => {
		let epoch = replicate.meta('journalEpoch');
		if (epoch === null) replicate.setMeta('journalEpoch', (epoch = newEpoch()));
		return encodeHeader({kind: 'journal', device: device.id, name: device.name, epoch});
	};
	// The own journal shorter than this device left it (the sync tool brought an older copy
	// back, or it was deleted): others may have missed operations, so a snapshot republishes all.
	const ownSize = sizeOf(journal);
	const lastOwnSize = Number(replicate.meta('journalSize') ?? '0');
	let mustCompact = ownSize < lastOwnSize;

	let sent: number;
	try {
		sent = flushOutbox(deps, device, text => {
			appendLines(journal, text, header());
			replicate.setMeta('lastWrote', deps.now().toISOString());
		});
		replicate.setMeta('journalSize', String(sizeOf(journal)));
	} catch (error) {
		return folderFailure(folder, error);
	}

	// Everyone else's files, conflict copies of any file included; never the own two.
	const listed = listFolder(folder);
	if (isFailure(listed)) return listed;
	let received = 0;
	const from = new Set<string>();
	const applied = emptyApplied();
	for (const file of listed) {
		if (!file.entry.isCopy && file.entry.device === device.id) continue;
		const path = join(folder, file.name);
		const known = replicate.file(file.name);
		const signature = `${file.size}:${file.modifiedMs}`;
		// Unchanged since read (same size and time): nothing to read. A journal grows by appends,
		// so its size alone would do; the time also catches a rewrite to the same size.
		if (known?.signature === signature && (file.entry.kind === 'snapshot' || known.readTo === file.size)) continue;
		const bytes = readWhole(path);
		if (bytes === null) continue;
		let start = file.entry.kind === 'snapshot' || known === null || bytes.length < known.readTo ? 0 : known.readTo;
		let chunk = readJournal(bytes, start);
		// A new epoch: the device compacted, or the file was replaced; read it from the top.
		if (chunk.header !== null && known !== null && start > 0 && chunk.header.epoch !== known.epoch) chunk = readJournal(bytes, (start = 0));
		if (chunk.header === null) continue; // not ours, or its first line still on the way
		const {header: fileHeader} = chunk;
		const lastStamp = chunk.operations.reduce<string | null>((latest, operation) => {
			const text = `${operation.stamp.wall}`;
			return latest === null || Number(latest) < operation.stamp.wall ? text : latest;
		}, null);
		const changed = mergeRemote(deps, chunk.operations, () => {
			replicate.putFile({
				name: file.name,
				kind: file.entry.kind,
				device: fileHeader.device,
				deviceName: fileHeader.name,
				epoch: fileHeader.epoch,
				readTo: chunk.readTo,
				signature,
				lastStamp: latestOf(known?.lastStamp ?? null, lastStamp),
				badLines: (start === 0 ? 0 : (known?.badLines ?? 0)) + chunk.badLines,
				readAt: deps.now().toISOString(),
			});
		}, applied);
		if (changed > 0) {
			received += changed;
			from.add(fileHeader.device === device.id ? device.name : fileHeader.name);
		}
	}

	applyToConfig(deps, applied);
	applyToCache(deps, applied);
	// Applying may itself have changed the config in ways the base must know (sanitized titles).
	recordConfigChanges(deps);

	let compacted = false;
	mustCompact ||= sizeOf(journal) > (deps.compactAfterBytes ?? COMPACT_BYTES);
	if (mustCompact) {
		try {
			compact(deps, folder, device);
			compacted = true;
		} catch (error) {
			return folderFailure(folder, error);
		}
	}
	return {folder, device, sent, received, applied, from: [...from].sort(), waiting: replicate.pendingCount(), compacted};
}

function latestOf(a: string | null, b: string | null): string | null {
	if (a === null) return b;
	if (b === null) return a;
	return Number(a) >= Number(b) ? a : b;
}

function sizeOf(file: string): number {
	try {
		return statSync(file).size;
	} catch {
		return 0;
	}
}

/**
 * Folds the own journal into a snapshot: the snapshot is written (atomically) first, then
 * the journal starts over under a new epoch. A device that had not read the old journal to
 * its end finds everything in the snapshot.
 */
function compact(deps: SyncDeps, folder: string, device: Device): void {
	const replicate = deps.store.replicate();
	const epoch = newEpoch();
	const snapshot = encodeHeader({kind: 'snapshot', device: device.id, name: device.name, epoch}) + snapshotText(replicate, {kind: 'snapshot', device: device.id, name: device.name, epoch});
	writeAtomically(join(folder, ownFileName(device.id, 'snapshot')), snapshot);
	const journalHeader = encodeHeader({kind: 'journal', device: device.id, name: device.name, epoch});
	writeAtomically(join(folder, ownFileName(device.id, 'journal')), journalHeader);
	replicate.setMeta('journalEpoch', epoch);
	replicate.setMeta('journalSize', String(Buffer.byteLength(journalHeader)));
}

/** One device as `blogroll sync status` lists it. */
export interface DeviceStatus {
	readonly id: string;
	readonly name: string;
	readonly isThisDevice: boolean;
	/** When it last wrote (its latest stamp read), ISO 8601; null when nothing was read yet. */
	readonly lastWrote: string | null;
	readonly files: readonly string[];
	/** Lines of its files that could not be read. */
	readonly badLines: number;
}

export interface SyncStatus {
	readonly folder: string | null;
	readonly device: Device;
	readonly devices: readonly DeviceStatus[];
	/** Local changes not yet in the journal. */
	readonly unsent: number;
	/** Changes from other devices for entries not cached here yet. */
	readonly waiting: number;
}

export function syncStatus(deps: {readonly config: Config; readonly store: Store}): SyncStatus {
	const replicate = deps.store.replicate();
	const device = ensureDevice(replicate);
	const folder = deps.config.settings().syncDir || null;
	const byDevice = new Map<string, {name: string; lastWrote: number | null; files: string[]; badLines: number}>();
	for (const file of replicate.files()) {
		if (file.device === null) continue;
		const seen = byDevice.get(file.device) ?? {name: file.deviceName ?? file.device, lastWrote: null, files: [], badLines: 0};
		seen.files.push(file.name);
		seen.badLines += file.badLines;
		const wall = file.lastStamp === null ? null : Number(file.lastStamp);
		if (wall !== null && (seen.lastWrote === null || wall > seen.lastWrote)) seen.lastWrote = wall;
		byDevice.set(file.device, seen);
	}
	const own: DeviceStatus = {
		id: device.id,
		name: device.name,
		isThisDevice: true,
		lastWrote: replicate.meta('lastWrote'),
		files: [ownFileName(device.id, 'journal')],
		badLines: 0,
	};
	const others = [...byDevice]
		.filter(([id]) => id !== device.id)
		.map(([id, seen]): DeviceStatus => ({id, name: sanitizeLine(seen.name), isThisDevice: false, lastWrote: seen.lastWrote === null ? null : new Date(seen.lastWrote).toISOString(), files: seen.files, badLines: seen.badLines}))
		.sort((a, b) => (a.name < b.name ? -1 : 1));
	return {folder, device, devices: [own, ...others], unsent: replicate.outboxSize(), waiting: replicate.pendingCount()};
}

/** After a refresh brought entries: the changes that waited for them. */
export function applyWaiting(deps: {readonly config: Config; readonly store: Store; readonly now: () => Date}): Applied {
	return applyToCache(deps);
}

/** The parse of a stamp's wall time, for callers that show "when". */
export function stampTime(stamp: string): string | null {
	const parsed = parseStamp(stamp);
	return parsed === null ? null : new Date(parsed.wall).toISOString();
}
