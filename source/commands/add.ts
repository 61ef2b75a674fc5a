import {isFailure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {reportError, type CommandContext} from './context.js';
import {subscribe} from '../use-cases/subscribe.js';
import {backfillNewSubscription} from '../use-cases/backfill.js';
import type {ParsedFeed} from '../feeds/types.js';
import type {Store} from '../store/types.js';
import {createBackfillProgress, formatBackfill} from './backfill.js';

export interface AddOptions {
	readonly url: string;
	readonly title?: string;
	readonly tags?: readonly string[];
	/** 1-based choice among several discovered feeds. */
	readonly pick?: number;
	/** `--no-backfill`: do not fetch older pages after subscribing. */
	readonly backfill?: boolean;
}

/** `blogroll add <url>`: subscribe to a feed or a site (see subscribe()), and say what happened. */
export async function runAdd(options: AddOptions, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);

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
