/**
 * The journal's format: UTF-8 JSON lines. The first line of a file says whose it is:
 *
 *   {"blogroll":"journal","v":1,"device":"3f9c…","name":"laptop","epoch":"k2j…"}
 *   {"s":"<stamp>","k":"set","t":"entry:…","f":"read","v":true,"u":"https://…/feed"}
 *   {"s":"<stamp>","k":"sub","u":"https://…/feed"}
 *   {"s":"<stamp>","k":"unsub","u":"https://…/feed","r":["<stamp of a subscribe>"]}
 *
 * Many flags of one kind (a device marking 100 000 entries read) are one line per up to 1 000
 * entries of one feed that got the same value, the stamps without their shared device id:
 *
 *   {"k":"sets","d":"<device>","f":"read","v":true,"u":"https://…/feed","p":"entry:","t":["<hash>",…],"s":["<wall>.<counter>",…]}
 *
 * (a third of the bytes, and one JSON parse instead of a thousand: applying 100 000 flags is
 * mostly the cache's work then). Readers take both forms, so files written before stay
 * readable. A snapshot has the same lines under {"blogroll":"snapshot",…}. Only whole lines count:
 * a last line without its newline is a file still being copied, read next time. A line
 * that does not parse is skipped and counted, never fatal. A new epoch means the device
 * compacted (or the file was replaced): readers start it from the top.
 */
import {formatStamp, parseStamp, DEVICE_ID_PATTERN} from './hlc.js';
import type {Operation, RegisterValue} from './operations.js';

export const FORMAT_VERSION = 1;

export interface JournalHeader {
	readonly kind: 'journal' | 'snapshot';
	readonly device: string;
	/** The device's name as its user knows it (the host name): "from laptop". */
	readonly name: string;
	readonly epoch: string;
}

export function encodeHeader(header: JournalHeader): string {
	return `${JSON.stringify({blogroll: header.kind, v: FORMAT_VERSION, device: header.device, name: header.name, epoch: header.epoch})}\n`;
}

export function encodeOperation(operation: Operation): string {
	const s = formatStamp(operation.stamp);
	switch (operation.kind) {
		case 'set':
			return `${JSON.stringify({s, k: 'set', t: operation.target, f: operation.field, v: operation.value, ...(operation.feed === undefined ? {} : {u: operation.feed})})}\n`;
		case 'subscribe':
			return `${JSON.stringify({s, k: 'sub', u: operation.feed})}\n`;
		case 'unsubscribe':
			return `${JSON.stringify({s, k: 'unsub', u: operation.feed, r: operation.removes})}\n`;
	}
}

/** Set operations that share all but target and stamp: one "sets" line per this many. */
const GROUP_SIZE = 1000;
/** Fewer alike than this stay one line each (a few flags read like the rest of the journal). */
const GROUP_MIN = 8;
const ENTRY_PREFIX = 'entry:';

/**
 * Lines for `operations`: entry flags that share device, field, value and feed as "sets"
 * lines after the rest, everything else one line each, in the order given (the merge does
 * not depend on the order; sorting 100 000 targets would cost more than it saves).
 */
export function encodeOperations(operations: readonly Operation[]): string {
	// The group of each operation (null: a line of its own); a plain string key, built once per
	// operation (100 000 of them at a time): device, field, value with its type, feed.
	const keys = operations.map(operation =>
		operation.kind === 'set' && operation.target.startsWith(ENTRY_PREFIX)
			? `${operation.stamp.device}\u0000${operation.field}\u0000${typeof operation.value}:${String(operation.value)}\u0000${operation.feed ?? '\u0000'}`
			: null,
	);
	const groups = new Map<string, (Operation & {kind: 'set'})[]>();
	operations.forEach((operation, index) => {
		const key = keys[index] ?? null;
		if (key === null || operation.kind !== 'set') return;
		const members = groups.get(key);
		if (members === undefined) groups.set(key, [operation]);
		else members.push(operation);
	});
	const lines: string[] = [];
	operations.forEach((operation, index) => {
		const key = keys[index] ?? null;
		if (key === null || groups.get(key)!.length < GROUP_MIN) lines.push(encodeOperation(operation));
	});
	for (const members of groups.values()) {
		if (members.length < GROUP_MIN) continue;
		const first = members[0]!;
		for (let start = 0; start < members.length; start += GROUP_SIZE) {
			const chunk = members.slice(start, start + GROUP_SIZE);
			lines.push(
				`${JSON.stringify({
					k: 'sets',
					d: first.stamp.device,
					f: first.field,
					v: first.value,
					...(first.feed === undefined ? {} : {u: first.feed}),
					p: ENTRY_PREFIX,
					t: chunk.map(operation => operation.target.slice(ENTRY_PREFIX.length)),
					s: chunk.map(operation => formatStamp(operation.stamp).slice(0, CLOCK_TEXT_LENGTH)),
				})}\n`,
			);
		}
	}
	return lines.join('');
}

/** "<wall>.<counter>" of a stamp's text form: 11 + 1 + 5 characters. */
const CLOCK_TEXT_LENGTH = 17;

/** The operations of a "sets" line, or null when any part is not ours. */
function decodeSets(value: Record<string, unknown>): Operation[] | null {
	const {d: device, f: field, v, u: feed, p: prefix, t: targets, s: clocks} = value;
	if (typeof device !== 'string' || !DEVICE_ID_PATTERN.test(device) || typeof field !== 'string' || !isRegisterValue(v)) return null;
	if ((feed !== undefined && typeof feed !== 'string') || typeof prefix !== 'string') return null;
	if (!Array.isArray(targets) || !Array.isArray(clocks) || targets.length !== clocks.length) return null;
	const operations: Operation[] = [];
	for (let index = 0; index < targets.length; index++) {
		const rest = targets[index];
		const clock = clocks[index];
		const stamp = typeof clock === 'string' && clock.length === CLOCK_TEXT_LENGTH ? parseStamp(`${clock}.${device}`) : null;
		if (typeof rest !== 'string' || stamp === null) return null;
		operations.push({kind: 'set', stamp, target: prefix + rest, field, value: v, ...(typeof feed === 'string' ? {feed} : {})});
	}
	return operations;
}

function decodeHeader(value: Record<string, unknown>): JournalHeader | null {
	const kind = value['blogroll'];
	if (kind !== 'journal' && kind !== 'snapshot') return null;
	const {device, name, epoch} = value;
	if (typeof device !== 'string' || !DEVICE_ID_PATTERN.test(device) || typeof epoch !== 'string') return null;
	return {kind, device, name: typeof name === 'string' ? name : device, epoch};
}

function isRegisterValue(value: unknown): value is RegisterValue {
	return value === null || typeof value === 'string' || typeof value === 'boolean';
}

export function decodeOperation(value: Record<string, unknown>): Operation | null {
	const stamp = parseStamp(value['s']);
	const feed = value['u'];
	if (stamp === null) return null;
	switch (value['k']) {
		case 'set': {
			const {t, f, v} = value;
			if (typeof t !== 'string' || typeof f !== 'string' || !isRegisterValue(v)) return null;
			if (feed !== undefined && typeof feed !== 'string') return null;
			return {kind: 'set', stamp, target: t, field: f, value: v, ...(typeof feed === 'string' ? {feed} : {})};
		}
		case 'sub':
			return typeof feed === 'string' ? {kind: 'subscribe', stamp, feed} : null;
		case 'unsub': {
			const removes = value['r'];
			if (typeof feed !== 'string' || !Array.isArray(removes) || !removes.every(add => parseStamp(add) !== null)) return null;
			return {kind: 'unsubscribe', stamp, feed, removes: removes as string[]};
		}
		default:
			return null;
	}
}

/** What one read of a file gave. */
export interface JournalChunk {
	/** null when the first line was not (yet) a header of ours. */
	readonly header: JournalHeader | null;
	readonly operations: readonly Operation[];
	/** Bytes of whole lines read: the next read starts there. */
	readonly readTo: number;
	/** Whole lines that were not an operation of ours (damaged, or from a newer blogroll). */
	readonly badLines: number;
}

const NEWLINE = 0x0a;

/**
 * Reads the whole lines of `bytes` (a file from its start) from byte `from` on. The header
 * is always read from the first line, wherever `from` is.
 */
export function readJournal(bytes: Buffer, from: number): JournalChunk {
	const firstEnd = bytes.indexOf(NEWLINE);
	if (firstEnd === -1) return {header: null, operations: [], readTo: 0, badLines: 0};
	const header = parseLine(bytes.subarray(0, firstEnd));
	const decodedHeader = header === null ? null : decodeHeader(header);
	if (decodedHeader === null) return {header: null, operations: [], readTo: 0, badLines: 1};
	const operations: Operation[] = [];
	let badLines = 0;
	let start = Math.max(from, firstEnd + 1);
	for (;;) {
		const end = bytes.indexOf(NEWLINE, start);
		if (end === -1) break;
		const line = parseLine(bytes.subarray(start, end));
		if (line !== null && line['k'] === 'sets') {
			const many = decodeSets(line);
			if (many === null) badLines++;
			else for (const operation of many) operations.push(operation);
		} else {
			const operation = line === null ? null : decodeOperation(line);
			if (operation === null) {
				if (end > start) badLines++;
			} else operations.push(operation);
		}
		start = end + 1;
	}
	return {header: decodedHeader, operations, readTo: start, badLines};
}

function parseLine(bytes: Buffer): Record<string, unknown> | null {
	try {
		const value: unknown = JSON.parse(bytes.toString('utf8'));
		return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

/**
 * What a name in the folder is. Our own files are `blogroll-<device>.journal` and
 * `.snapshot`; copies a sync tool made of them on a conflict (`… .sync-conflict-…`,
 * `… (conflicted copy …)`, `… (Konflikt …)`) are read as extra files and never written;
 * temporary files of sync tools and editors (`.syncthing.*.tmp`, `~…`, `.~lock…`, our own
 * `.blogroll-….tmp`) are not read at all.
 */
export type FolderEntry =
	| {readonly kind: 'journal' | 'snapshot'; readonly device: string; readonly isCopy: boolean}
	| {readonly kind: 'other'};

const OURS = /^blogroll-([0-9a-f]{12})(.*)\.(journal|snapshot)$/;

export function classifyFolderEntry(name: string): FolderEntry {
	if (name.startsWith('.') || name.startsWith('~') || /\.(tmp|part|partial|crdownload)$/i.test(name)) return {kind: 'other'};
	const match = OURS.exec(name);
	if (match === null) return {kind: 'other'};
	return {kind: match[3] as 'journal' | 'snapshot', device: match[1]!, isCopy: match[2] !== ''};
}

export function ownFileName(device: string, kind: 'journal' | 'snapshot'): string {
	return `blogroll-${device}.${kind}`;
}
