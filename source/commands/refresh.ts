import {isFailure} from '../failure.js';
import {keepWasmUnoptimized} from '../feeds/http.js';
import {scavengeOnOneThread} from '../sync/parse-pool.js';
import type {FeedRefreshResult, RefreshProgress} from '../sync/refresh.js';
import {sanitizeLine} from '../text/sanitize.js';
import {truncateToWidth} from '../text/width.js';
import {refreshSubscriptions} from '../use-cases/refresh-subscriptions.js';
import {joinSubscriptions, resolveFeed} from '../use-cases/subscribed-feeds.js';
import {reportError, type CommandContext} from './context.js';
import type {Output} from './types.js';

export interface RefreshOptions {
	/** Feeds named by url, title or id; empty means every subscription. */
	readonly feeds: readonly string[];
	readonly force: boolean;
	readonly json: boolean;
}

/**
 * `blogroll refresh`: fetches the due (or named, or with --force all) feeds, shows
 * progress on stderr and a summary on stdout. Exits 0 when some feeds failed (they are
 * reported); 1 only when nothing could be done.
 */
export async function runRefresh(options: RefreshOptions, context: CommandContext): Promise<number> {
	// A process that only refreshes needs no optimised WebAssembly (see http.ts): ~20 MB less at its peak.
	keepWasmUnoptimized();
	scavengeOnOneThread();
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);

	const subscribed = joinSubscriptions(config.subscriptions(), store.listFeeds());
	const urls: string[] = [];
	for (const name of options.feeds) {
		const match = resolveFeed(subscribed, name);
		if (isFailure(match)) return reportError(io, match.message);
		urls.push(match.subscription.url);
	}
	const named = urls.length > 0;
	if (!named && subscribed.length === 0) {
		io.stdout.write('No subscriptions yet. Add one with: blogroll add <site or feed url>\n');
		return 0;
	}

	let progress: ReturnType<typeof createProgress> | undefined;
	const {results, notDue, paused, joined, fromAccounts = 0} = await refreshSubscriptions({config, store, http: context.http(), now: () => context.now()}, {
		...(named ? {urls} : {}),
		// Naming a feed is asking for it now: ignore its schedule (conditional GET still applies).
		force: options.force || named,
		// Only the feeds actually fetched are counted and shown.
		onProgress: update => {
			progress ??= createProgress(io.stderr, update.total);
			progress.update(update);
		},
	});
	progress?.finish();

	// Retention: read, unstarred entries past the configured age go; unread and starred stay.
	const pruned = store.pruneReadOlderThan(config.settings().retentionDays);
	if (options.json) {
		io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
	} else {
		io.stdout.write(formatSummary(results, joined, notDue, paused, fromAccounts));
		if (pruned > 0) io.stdout.write(`Removed ${pruned} read entr${pruned === 1 ? 'y' : 'ies'} older than ${config.settings().retentionDays} days.\n`);
	}
	const attempted = results.filter(result => result.outcome !== 'skipped');
	const allFailed = attempted.length > 0 && attempted.every(result => result.outcome === 'failed');
	return allFailed ? 1 : 0;
}

/** A counter bar redrawn in place on a TTY; one plain line per finished feed otherwise. */
function createProgress(stderr: Output, total: number) {
	const isTTY = stderr.isTTY === true;
	let lastDraw = 0;
	return {
		update(progress: RefreshProgress): void {
			const label = sanitizeLine(progress.title ?? progress.url);
			if (!isTTY) {
				stderr.write(`[${progress.done}/${progress.total}] ${label}\n`);
				return;
			}
			// Redrawing on every tick costs more than the fetches on a fast refresh.
			const now = Date.now();
			if (now - lastDraw < 50 && progress.done < progress.total) return;
			lastDraw = now;
			const columns = stderr.columns ?? 80;
			const barWidth = 20;
			const filled = Math.round((progress.done / Math.max(1, total)) * barWidth);
			const bar = `${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}`;
			const line = `Refreshing ${bar} ${progress.done}/${progress.total} ${label}`;
			stderr.write(`\r\u001B[2K${truncateToWidth(line, columns - 1)}`);
		},
		finish(): void {
			if (isTTY) stderr.write('\r\u001B[2K');
		},
	};
}

/** `joined`: urls of feeds that moved onto a url already subscribed, and became one with it. */
export function formatSummary(results: readonly FeedRefreshResult[], joined: ReadonlySet<string> = new Set(), notDue = 0, paused = 0, fromAccounts = 0): string {
	const lines: string[] = [];
	const byOutcome = (outcome: FeedRefreshResult['outcome']) => results.filter(result => result.outcome === outcome);
	const name = (result: FeedRefreshResult) => sanitizeLine(result.title ?? result.url) || result.url;
	for (const result of byOutcome('updated')) {
		const updated = result.updatedEntries > 0 ? `, ${result.updatedEntries} changed` : '';
		const moved = !result.movedTo ? '' : joined.has(result.url) ? ` (moved to ${result.movedTo}, joined with the subscription already there)` : ` (moved to ${result.movedTo})`;
		lines.push(`  ${name(result)}: ${result.newEntries} new${updated}${moved}`);
	}
	for (const result of byOutcome('failed')) {
		lines.push(`! ${name(result)}: ${sanitizeLine(result.message ?? 'failed')}`);
	}
	const updated = byOutcome('updated');
	const newEntries = updated.reduce((sum, result) => sum + result.newEntries, 0);
	const parts = [
		`${newEntries} new entr${newEntries === 1 ? 'y' : 'ies'} in ${updated.length} feed${updated.length === 1 ? '' : 's'}`,
		`${byOutcome('not-modified').length} unchanged`,
		`${byOutcome('failed').length} failed`,
	];
	const skipped = byOutcome('skipped').length + notDue;
	if (skipped > 0) parts.push(`${skipped} not due (use --force)`);
	if (paused > 0) parts.push(`${paused} paused`);
	if (fromAccounts > 0) parts.push(`${fromAccounts} from accounts (blogroll sync)`);
	lines.push(parts.join(', '));
	return `${lines.join('\n')}\n`;
}
