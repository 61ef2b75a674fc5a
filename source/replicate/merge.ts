/**
 * The merge: a pure function from operations to state, the same whatever order operations
 * arrive in, however often, from however many devices.
 *
 * Rules, in plain words (the README says the same):
 * - Every field of a thing (an entry's read and starred flags; a feed's title, each tag,
 *   private flag, full-article setting; a saved view's query; an ignore rule; a dismissed
 *   suggestion) keeps the value written last, "last" meaning the greatest (hybrid logical
 *   clock, device id). A later change on one device wins over an earlier one on another,
 *   even when the second device's clock is hours off: the clock never goes back behind
 *   what a device has seen.
 * - Subscriptions are an add-wins observed-remove set: an unsubscribe takes away the
 *   subscribes its device had seen; a feed subscribed again elsewhere meanwhile stays.
 *
 * `mergeInto` works on a `MergeBook` so that the cache (SQLite tables) and the in-memory
 * `ReplicaState` of the tests share these lines.
 */
import {formatStamp} from './hlc.js';
import type {Operation, RegisterValue} from './operations.js';

/** The winning write of one (target, field). `stamp` in text form, which orders as stamps do. */
export interface Register {
	readonly value: RegisterValue;
	readonly stamp: string;
	/** For entries: the feed url, so the entry can be found in the cache. */
	readonly feed?: string;
}

/** Where merged state lives: a Map in tests, tables in the cache. */
export interface MergeBook {
	/**
	 * Keeps `register` for (target, field) when its stamp is greater than the one kept (or none
	 * is): last writer wins. Returns whether it was kept. Equal stamps are the same operation
	 * read twice.
	 */
	offer(target: string, field: string, register: Register): boolean;
	/** Idempotent. */
	addSubscription(feed: string, add: string): void;
	/** Tombstones for adds; idempotent. */
	removeAdds(feed: string, adds: readonly string[]): void;
}

/** What changed: registers that took a new value, feeds whose subscription may have changed. */
export interface MergeEffect {
	readonly registers: number;
	readonly feeds: ReadonlySet<string>;
}

export function mergeInto(book: MergeBook, operations: Iterable<Operation>): MergeEffect {
	let registers = 0;
	const feeds = new Set<string>();
	for (const operation of operations) {
		const stamp = formatStamp(operation.stamp);
		switch (operation.kind) {
			case 'set':
				if (book.offer(operation.target, operation.field, {value: operation.value, stamp, ...(operation.feed === undefined ? {} : {feed: operation.feed})})) registers++;
				break;
			case 'subscribe':
				book.addSubscription(operation.feed, stamp);
				feeds.add(operation.feed);
				break;
			case 'unsubscribe':
				book.removeAdds(operation.feed, operation.removes);
				feeds.add(operation.feed);
				break;
		}
	}
	return {registers, feeds};
}

/** Merged state in memory. */
export interface ReplicaState {
	readonly registers: Map<string, Register>;
	/** Per feed url, the stamps of its subscribes. */
	readonly adds: Map<string, Set<string>>;
	/** Stamps of subscribes some device removed. */
	readonly removed: Set<string>;
}

export function emptyState(): ReplicaState {
	return {registers: new Map(), adds: new Map(), removed: new Set()};
}

const KEY_SEPARATOR = '\u0000';

export function registerKey(target: string, field: string): string {
	return `${target}${KEY_SEPARATOR}${field}`;
}

export function splitRegisterKey(key: string): {readonly target: string; readonly field: string} {
	const at = key.indexOf(KEY_SEPARATOR);
	return {target: key.slice(0, at), field: key.slice(at + 1)};
}

/** A MergeBook over a ReplicaState (mutating it). */
export function memoryBook(state: ReplicaState): MergeBook {
	return {
		offer(target, field, register) {
			const key = registerKey(target, field);
			const current = state.registers.get(key);
			if (current !== undefined && current.stamp >= register.stamp) return false;
			state.registers.set(key, register);
			return true;
		},
		addSubscription(feed, add) {
			let adds = state.adds.get(feed);
			if (adds === undefined) state.adds.set(feed, (adds = new Set()));
			adds.add(add);
		},
		removeAdds(_feed, adds) {
			for (const add of adds) state.removed.add(add);
		},
	};
}

/** The pure merge: `state` and `operations` are left as they are. */
export function merge(state: ReplicaState, operations: Iterable<Operation>): ReplicaState {
	const next: ReplicaState = {
		registers: new Map(state.registers),
		adds: new Map([...state.adds].map(([feed, adds]) => [feed, new Set(adds)])),
		removed: new Set(state.removed),
	};
	mergeInto(memoryBook(next), operations);
	return next;
}

/** The subscribes of a feed that no device removed: subscribed while there is one. */
export function liveAdds(state: ReplicaState, feed: string): string[] {
	return [...(state.adds.get(feed) ?? [])].filter(add => !state.removed.has(add)).sort();
}

export function subscribedFeeds(state: ReplicaState): string[] {
	return [...state.adds.keys()].filter(feed => liveAdds(state, feed).length > 0).sort();
}

/**
 * What a user would see of the state: subscribed feeds and every register's value, without
 * stamps. Two devices have converged when these are equal.
 */
export function visibleState(state: ReplicaState): {readonly subscriptions: readonly string[]; readonly values: Readonly<Record<string, RegisterValue>>} {
	const values: Record<string, RegisterValue> = {};
	for (const key of [...state.registers.keys()].sort()) values[key] = state.registers.get(key)!.value;
	return {subscriptions: subscribedFeeds(state), values};
}
