/**
 * The config, recording for replication: after every write of subscriptions, titles, tags,
 * views or ignore rules (whoever writes them: a command, the reader, an import, a sync),
 * the change goes into the cache's outbox, stamped with the time it happened. Only with a
 * sync folder set; settings themselves do not replicate.
 */
import type {Config} from '../config/config.js';
import {isFailure, type Failure} from '../failure.js';
import type {Store} from '../store/types.js';
import {recordConfigChanges, recordMove} from './replica.js';

export function recordingConfig(config: Config, store: () => Store | Failure, now: () => Date): Config {
	const record = (move?: {readonly from: string; readonly to: string}) => {
		if (config.settings().syncDir === '') return;
		const opened = store();
		if (isFailure(opened)) return; // the next sync finds the difference (replica.ts)
		if (move !== undefined) recordMove({config, store: opened, now}, move.from, move.to);
		recordConfigChanges({config, store: opened, now});
	};
	const afterWrite =
		<A extends unknown[], R>(write: (...args: A) => R) =>
		(...args: A): R => {
			const result = write(...args);
			record();
			return result;
		};
	return {
		get path() {
			return config.path;
		},
		settings: () => config.settings(),
		updateSettings: patch => config.updateSettings(patch),
		subscriptions: () => config.subscriptions(),
		findSubscription: url => config.findSubscription(url),
		addSubscription: afterWrite(subscription => config.addSubscription(subscription)),
		removeSubscription: afterWrite(url => config.removeSubscription(url)),
		updateSubscription(url, patch) {
			const found = config.updateSubscription(url, patch);
			record(found && patch.url !== undefined && patch.url !== url ? {from: url, to: patch.url} : undefined);
			return found;
		},
		views: () => config.views(),
		setViews: afterWrite(views => config.setViews(views)),
		ignoreRules: () => config.ignoreRules(),
		setIgnoreRules: afterWrite(rules => config.setIgnoreRules(rules)),
		// Accounts are this device's own (each device adds its account with its own password).
		accounts: () => config.accounts(),
		accountProblems: () => config.accountProblems(),
		addAccount: account => config.addAccount(account),
		removeAccount: name => config.removeAccount(name),
	};
}
