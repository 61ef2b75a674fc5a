import {join} from 'node:path';
import {isFailure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {syncFolder, syncStatus, type SyncReport} from '../use-cases/sync-folder.js';
import {reportError, type CommandContext} from './context.js';

export interface SyncOptions {
	readonly dir?: string;
	readonly json: boolean;
}

/**
 * `blogroll sync [--dir <folder>] [--json]`: every feed server account (issue 16), then one
 * round through the synced folder when one is set. A failing account is one line; the others
 * and the folder still run; the exit code is 1 when anything failed.
 */
export async function runSync(options: SyncOptions, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);
	const {syncAccounts, describeAccountSync} = await import('../use-cases/sync-accounts.js');
	const {accountDeps} = await import('./account.js');
	const hasAccounts = config.accounts().length > 0;
	const outcome = await syncAccounts({...accountDeps(context, config, store), lockDir: context.paths.dataDir});
	for (const problem of outcome.problems) io.stderr.write(`blogroll: ${problem}\n`);
	const hasFolder = options.dir !== undefined || config.settings().syncDir !== '';
	// A new user's first `sync`: name both ways of having something to sync.
	if (!hasFolder && !hasAccounts) return reportError(io, 'Nothing to sync: set a synced folder with blogroll sync --dir <folder>, or add a feed server account with blogroll account add');
	// With accounts, no folder is simply none.
	const folder = hasFolder
		? syncFolder({config, store, now: () => context.now(), lockFile: join(context.paths.dataDir, 'sync.lock')}, options.dir === undefined ? {} : {dir: options.dir})
		: null;
	const failedAccounts = outcome.accounts.filter(report => report.error !== null);
	if (options.json) {
		const folderJson = folder === null ? null : isFailure(folder) ? {error: folder.message} : folder;
		io.stdout.write(`${JSON.stringify({accounts: outcome.accounts, folder: folderJson}, null, 2)}\n`);
	} else {
		for (const report of outcome.accounts) {
			if (report.error === null) io.stdout.write(`${describeAccountSync(report)}\n`);
		}
		if (folder !== null && !isFailure(folder)) io.stdout.write(`${describeSync(folder)}\n`);
	}
	for (const report of failedAccounts) reportError(io, describeAccountSync(report));
	if (folder !== null && isFailure(folder)) reportError(io, folder.message);
	return failedAccounts.length > 0 || (folder !== null && isFailure(folder)) ? 1 : 0;
}

/** "Synced with ~/Sync/blogroll: sent 3 changes; received 12 read, 1 new feed from laptop." */
export function describeSync(report: SyncReport): string {
	const {applied} = report;
	const counted = (count: number, one: string, many = one) => (count === 0 ? [] : [`${count} ${count === 1 ? one : many}`]);
	const received = [
		...counted(applied.read, 'read'),
		...counted(applied.unread, 'unread'),
		...counted(applied.starred, 'starred'),
		...counted(applied.unstarred, 'unstarred'),
		...counted(applied.newFeeds, 'new feed', 'new feeds'),
		...counted(applied.removedFeeds, 'feed removed', 'feeds removed'),
		...counted(applied.changedFeeds, 'feed changed', 'feeds changed'),
		...counted(applied.views, 'change of views', 'changes of views'),
		...counted(applied.rules, 'change of ignore rules', 'changes of ignore rules'),
		...counted(applied.dismissed, 'suggestion dismissed', 'suggestions dismissed'),
	];
	const parts = [
		...(report.sent === 0 ? [] : [`sent ${report.sent} change${report.sent === 1 ? '' : 's'}`]),
		...(received.length === 0 ? [] : [`received ${received.join(', ')}${report.from.length === 0 ? '' : ` from ${report.from.map(sanitizeLine).join(', ')}`}`]),
	];
	const waiting = report.waiting === 0 ? '' : ` ${report.waiting} change${report.waiting === 1 ? '' : 's'} wait for entries not cached yet (blogroll refresh brings them).`;
	return `Synced with ${sanitizeLine(report.folder)}: ${parts.length === 0 ? 'nothing new' : parts.join('; ')}.${waiting}`;
}

/** `blogroll sync status [--json]`. */
export async function runSyncStatus(options: {readonly json: boolean}, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);
	const status = syncStatus({config, store});
	if (options.json) {
		io.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
		return 0;
	}
	if (status.folder === null) {
		io.stdout.write('No sync folder is set; set one with blogroll sync --dir <folder>\n');
		return 0;
	}
	const when = (iso: string | null) => (iso === null ? 'nothing read yet' : `last wrote ${iso.slice(0, 16).replace('T', ' ')} UTC`);
	const lines = [`Sync folder: ${sanitizeLine(status.folder)}`, 'Devices:'];
	for (const device of status.devices) {
		const name = `${sanitizeLine(device.name)} (${device.id}${device.isThisDevice ? ', this device' : ''})`;
		const extra = [
			...(device.files.length > 1 ? [`${device.files.length} files, conflict copies included`] : []),
			...(device.badLines > 0 ? [`${device.badLines} unreadable line${device.badLines === 1 ? '' : 's'} skipped`] : []),
		];
		lines.push(`  ${name}: ${when(device.lastWrote)}${extra.length === 0 ? '' : `; ${extra.join('; ')}`}`);
	}
	lines.push(`Not sent yet: ${status.unsent} change${status.unsent === 1 ? '' : 's'}.`);
	lines.push(`Waiting for entries not cached yet: ${status.waiting} change${status.waiting === 1 ? '' : 's'}${status.waiting === 0 ? '' : ' (blogroll refresh brings them)'}.`);
	io.stdout.write(`${lines.join('\n')}\n`);
	return 0;
}
