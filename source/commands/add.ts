import {isFailure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {reportError, type CommandContext} from './context.js';
import {subscribe} from '../use-cases/subscribe.js';
import {backfillNewSubscription} from '../use-cases/backfill.js';
import type {ParsedFeed} from '../feeds/types.js';
import type {Store} from '../store/types.js';
import type {Config} from '../config/config.js';
import {createBackfillProgress, formatBackfill} from './backfill.js';

export interface AddOptions {
	readonly url: string;
	readonly title?: string;
	readonly tags?: readonly string[];
	/** 1-based choice among several discovered feeds. */
	readonly pick?: number;
	/** `--no-backfill`: do not fetch older pages after subscribing. */
	readonly backfill?: boolean;
	/** `--account <name>`: subscribe on that feed server account (issue 16). */
	readonly account?: string;
}

/** `blogroll add <url>`: subscribe to a feed or a site (see subscribe()), and say what happened. */
export async function runAdd(options: AddOptions, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);
	if (options.account !== undefined) return addOnAccount(options, options.account, context, config, store);

	const outcome = await subscribe(options, {config, store, http: context.http(), now: context.now()});
	if (isFailure(outcome)) return reportError(io, outcome.message);
	if (outcome.kind === 'already') {
		io.stdout.write(`Already subscribed: ${sanitizeLine(outcome.title)} (${outcome.url}); nothing changed.\n`);
		return 0;
	}
	const {candidates, pick} = outcome;
	if (candidates.length > 1) {
		io.stdout.write(`Found ${candidates.length} feeds:\n`);
		candidates.forEach((candidate, index) => {
			const mark = index + 1 === pick ? '*' : ' ';
			io.stdout.write(` ${mark} ${index + 1}. ${sanitizeLine(candidate.title) || '(untitled)'}  ${candidate.url}\n`);
		});
		if (options.pick === undefined) io.stdout.write('Subscribing to 1 (choose another with --pick N).\n');
	}
	const entries = `${outcome.entryCount} entr${outcome.entryCount === 1 ? 'y' : 'ies'}`;
	io.stdout.write(`Subscribed to ${sanitizeLine(outcome.title)} (${outcome.url}): ${entries} cached.\n`);
	if (options.backfill !== false) await backfillAfterAdd(outcome.url, candidates[pick - 1]?.feed, context, store);
	return 0;
}

/**
 * The feed's older pages, after the answer above (so it never waits for them), within the
 * backfill settings; progress on stderr. A failing page is a note: the subscription stands,
 * and `blogroll backfill` goes on from there.
 */
async function backfillAfterAdd(url: string, firstPage: ParsedFeed | undefined, context: CommandContext, store: Store): Promise<void> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return;
	const progress = createBackfillProgress(io.stderr);
	const report = await backfillNewSubscription(
		{url, ...(firstPage === undefined ? {} : {firstPage}), onProgress: progress.update},
		{config, store, http: context.http(), now: () => context.now()},
	);
	progress.finish();
	if (report === null) return;
	if (report.pages > 0) io.stdout.write(`Backfill: ${formatBackfill(report)}\n`);
	if (report.failure !== null) io.stderr.write(`blogroll: backfill stopped: ${report.failure.message}\n`);
}

/**
 * `add <url> --account <name>`: the server subscribes (a refusal is its reason in one line,
 * nothing changes here); then a sync of that account brings the feed's entries.
 */
async function addOnAccount(options: AddOptions, accountName: string, context: CommandContext, config: Config, store: Store): Promise<number> {
	const {io} = context;
	const {accountDeps} = await import('./account.js');
	const {subscribeOnAccount} = await import('../use-cases/accounts.js');
	const {syncAccount, describeAccountSync} = await import('../use-cases/sync-accounts.js');
	const deps = accountDeps(context, config, store);
	const added = await subscribeOnAccount({url: options.url, accountName, ...(options.tags === undefined ? {} : {tags: options.tags}), ...(options.title === undefined ? {} : {title: options.title})}, deps);
	if (isFailure(added)) return reportError(io, added.message);
	if (added.already) {
		io.stdout.write(`Already subscribed on ${added.account.name}: ${added.feed.url}; nothing changed.\n`);
		return 0;
	}
	io.stdout.write(`Subscribed on ${added.account.name}: ${sanitizeLine(added.feed.title ?? '') || added.feed.url} (${added.feed.url}).\n`);
	const report = await syncAccount({...deps, lockDir: context.paths.dataDir}, added.account);
	if (report.error !== null) {
		io.stderr.write(`blogroll: ${describeAccountSync(report)} (the subscription stands; blogroll sync tries again)\n`);
		return 0;
	}
	io.stdout.write(`${describeAccountSync(report)}\n`);
	return 0;
}
