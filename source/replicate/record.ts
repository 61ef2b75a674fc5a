/**
 * Recording the config's changes for replication (issue 15): what the recording Config of
 * cli.tsx calls after each config write. Small on purpose, with nothing of the folder, the
 * journal or applying: every start of blogroll loads it (see replica.ts for the whole).
 */
import type {Config} from '../config/config.js';
import type {ReplicateStore} from '../store/replicate-store.js';
import type {Store} from '../store/types.js';
import {EMPTY_PROJECTION, localChanges, project, type ConfigData, type MergedView, type Projection} from './config-state.js';
import {registerKey, type Register} from './merge.js';
import {change} from './operations.js';

export interface ReplicaDeps {
	readonly config: Config;
	readonly store: Store;
	readonly now: () => Date;
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

export function loadBase(replicate: ReplicateStore): Projection {
	const saved = replicate.meta('base');
	return saved === null ? EMPTY_PROJECTION : (JSON.parse(saved) as Projection);
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
