import {isFailure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {truncateToWidth} from '../text/width.js';
import {backfillSubscription, type BackfillProgress, type BackfillReport} from '../use-cases/backfill.js';
import {reportError, type CommandContext} from './context.js';
import type {Output} from './types.js';

export interface BackfillOptions {
	/** The feed: url, title or id. */
	readonly feed: string;
	/** At most this many pages now; else the settings' limits. */
	readonly pages?: number;
	/** Every page there is. */
	readonly all: boolean;
}

/**
 * `blogroll backfill <feed> [--pages N | --all]`: fetches the feed's older pages or archive
 * documents into the cache, progress on stderr, a summary on stdout. Exit 1 when a page
 * failed (the pages before it are kept; running it again goes on from there).
 */
export async function runBackfill(options: BackfillOptions, context: CommandContext): Promise<number> {
	const {io} = context;
	if (options.all && options.pages !== undefined) return reportError(io, 'backfill: use either --pages N or --all, not both');
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);

	const progress = createBackfillProgress(io.stderr);
	const outcome = await backfillSubscription(
		{feed: options.feed, ...(options.pages === undefined ? {} : {pages: options.pages}), all: options.all, onProgress: progress.update},
		{config, store, http: context.http(), now: () => context.now()},
	);
	progress.finish();
	if (isFailure(outcome)) return reportError(io, outcome.message);
	io.stdout.write(`${sanitizeLine(outcome.title)}: ${formatBackfill(outcome)}\n`);
	if (outcome.failure !== null) return reportError(io, `backfill stopped: ${outcome.failure.message}`);
	return 0;
}

/** One line: what this run brought and where the backfill stands. */
export function formatBackfill(report: BackfillReport): string {
	if (report.alreadyDone) return `the whole archive is cached already (${pagesText(report.totalPages)}, ${entriesText(report.totalAdded)} added).`;
	const parts = [`${entriesText(report.added)} added from ${pagesText(report.pages)}`];
	if (report.markedRead > 0) parts.push(`${report.markedRead} older than your subscription marked read`);
	if (report.removedUpstream > 0) parts.push(`${entriesText(report.removedUpstream)} no longer in the feed, marked removed upstream`);
	const state = report.done
		? 'the whole archive is cached.'
		: report.failure === null
			? 'more pages left: run blogroll backfill again (or with --all).'
			: 'stopped early; run blogroll backfill again to go on.';
	return `${parts.join(', ')}; ${state}`;
}

function pagesText(count: number): string {
	return `${count} page${count === 1 ? '' : 's'}`;
}

function entriesText(count: number): string {
	return `${count} entr${count === 1 ? 'y' : 'ies'}`;
}

/** A line redrawn in place on a terminal; one plain line per page otherwise. */
export function createBackfillProgress(stderr: Output): {update: (progress: BackfillProgress) => void; finish: () => void} {
	const isTTY = stderr.isTTY === true;
	let drawn = false;
	return {
		update(progress) {
			const line = `Backfilling: page ${progress.page}, ${entriesText(progress.totalAdded)} added (${sanitizeLine(progress.url)})`;
			if (!isTTY) {
				stderr.write(`${line}\n`);
				return;
			}
			drawn = true;
			stderr.write(`\r\u001B[2K${truncateToWidth(line, (stderr.columns ?? 80) - 1)}`);
		},
		finish() {
			if (isTTY && drawn) stderr.write('\r\u001B[2K');
		},
	};
}
