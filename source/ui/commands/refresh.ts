/** Refreshing feeds from any screen: progress on the status line, lists follow new entries. */
import type {RefreshProgress, RefreshTarget} from '../services.js';
import {failureMessage} from '../strings.js';
import {selectedFeedRow} from '../state/selectors.js';
import type {CommandContext} from './context.js';
import type {ListOperations} from './lists.js';

export interface RefreshOperations {
	/** Resolves when the refresh is over (at once when another one is running). */
	startRefresh(target: RefreshTarget): Promise<void>;
	/** What `r` refreshes on the current screen: the article's feed, the list's feeds, the selected row's. */
	refreshTarget(): RefreshTarget;
	/** Sync through the folder (issue 15), when one is set: what came in shows on the status line. */
	startSync(): void;
}

/**
 * While a refresh runs, its progress is drawn at most this often: a cold refresh stores a
 * feed every few milliseconds, and each drawing of the reader costs more than that.
 */
export const PROGRESS_EVERY_MS = 100;
/**
 * …and the feed list and open list are read again (every feed's counts: tens of milliseconds
 * in a 100 000-entry cache) at most this often while new entries come in.
 */
export const LISTS_EVERY_MS = 1000;

/**
 * Runs `work` at once, then at most once per `ms`: calls in between are folded into one run
 * at the end of the interval. `cancel` drops a run still waiting.
 */
function coalesced(work: () => void, ms: number): {run(): void; cancel(): void} {
	let last = -Infinity;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const fire = (): void => {
		timer = undefined;
		last = Date.now();
		work();
	};
	return {
		run() {
			if (timer !== undefined) return;
			const wait = last + ms - Date.now();
			if (wait <= 0) fire();
			else timer = setTimeout(fire, wait);
		},
		cancel() {
			clearTimeout(timer);
			timer = undefined;
		},
	};
}

export function createRefreshOperations(context: CommandContext, lists: ListOperations): RefreshOperations {
	const {services, strings, dispatch, getState} = context;

	function startRefresh(target: RefreshTarget): Promise<void> {
		const state = getState();
		if (state.refresh.kind === 'running') {
			context.info(strings.refreshBusy);
			return Promise.resolve();
		}
		const total = target === 'all' || target === 'due' ? state.feeds.items.length : target.length;
		dispatch({type: 'refreshStarted', total});
		let seenNew = 0;
		let latest: RefreshProgress | undefined;
		const progressed = coalesced(() => {
			if (latest !== undefined) dispatch({type: 'refreshProgressed', progress: latest});
		}, PROGRESS_EVERY_MS);
		// New entries appear while the refresh goes on; the selection stays on its entry.
		const reloaded = coalesced(() => {
			lists.loadFeeds();
			lists.reloadList();
		}, LISTS_EVERY_MS);
		const stop = (): void => {
			progressed.cancel();
			reloaded.cancel();
		};
		return services
			.refresh(target, progress => {
				latest = progress;
				progressed.run();
				if (progress.newEntries > seenNew) {
					seenNew = progress.newEntries;
					reloaded.run();
				}
			})
			.then(
				summary => {
					stop();
					dispatch({type: 'refreshFinished'});
					lists.loadFeeds();
					// A refresh the user asked for renews the open list; the one at start-up leaves it be.
					if (target !== 'due') lists.releaseKept();
					lists.reloadList();
					const text = strings.refreshDone(context.number(summary.newEntries), context.number(summary.failures.length));
					if (summary.failures.length > 0) context.error(text);
					else context.info(text);
					startSync();
				},
				cause => {
					stop();
					dispatch({type: 'refreshFinished'});
					// What was stored before it failed shows (a reload may have been waiting).
					if (seenNew > 0) {
						lists.loadFeeds();
						lists.reloadList();
					}
					context.report(cause);
				},
			);
	}

	function refreshTarget(): RefreshTarget {
		const state = getState();
		if (state.screen === 'article' && state.article) return [state.article.entry.feedId];
		if (state.screen === 'entries') return state.list?.filter.feedIds ?? 'all';
		const row = selectedFeedRow(state);
		if (row?.kind === 'feed') return [row.feed.id];
		if (row?.kind === 'tag') return row.feedIds;
		return 'all';
	}

	function startSync(): void {
		startAccountSync();
		if (services.sync === undefined) return;
		services.sync().then(
			outcome => {
				if (outcome === null) return;
				if ('kind' in outcome) {
					context.error(failureMessage(outcome, strings));
					return;
				}
				const {read, unread, starred, newFeeds, removedFeeds, changedFeeds, views} = outcome;
				if (read + unread + starred + newFeeds + removedFeeds + changedFeeds + views === 0) return;
				lists.loadFeeds();
				lists.reloadList();
				const received = (): void => context.info(strings.syncReceived(outcome, value => context.number(value)));
				// A feed subscribed on another device has no entries here yet: fetch it (it is due),
				// then say what came in. The refresh syncs again when done; that finds nothing new.
				if (newFeeds > 0) void startRefresh('due').then(received);
				else received();
			},
			cause => context.report(cause),
		);
	}

	/**
	 * accounts (issue 16): every feed server account, beside the folder sync (after the first
	 * frame, after each refresh); the status line says what came and went, or which account failed.
	 */
	function startAccountSync(): void {
		if (services.syncAccounts === undefined) return;
		services.syncAccounts().then(
			summary => {
				if (summary === null) return;
				const changed = summary.newEntries + summary.read + summary.unread + summary.starred + summary.unstarred + summary.feedsAdded + summary.feedsRemoved;
				if (changed > 0) {
					lists.loadFeeds();
					lists.reloadList();
				}
				const [first] = summary.errors;
				if (first !== undefined) {
					const message = first.failure === undefined ? first.message : failureMessage({...first.failure, message: first.message}, strings);
					context.error(strings.accountSyncFailed(first.account, message, summary.errors.length));
				}
				else if (changed + summary.sent > 0) context.info(strings.accountsSynced(summary, value => context.number(value)));
			},
			cause => context.report(cause),
		);
	}

	return {startRefresh, refreshTarget, startSync};
}
