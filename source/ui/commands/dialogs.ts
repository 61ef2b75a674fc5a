/** Dialogs in place of the body: adding a feed, confirming the removal of one. */
import {failureMessage} from '../strings.js';
import {isFailure} from '../../failure.js';
import type {CommandContext, CommandTable} from './context.js';
import type {ListOperations} from './lists.js';
import type {MarkAllOperations} from './mark-all.js';

export interface AddDialogOperations {
	submitAdd(url: string): void;
	cancelAdd(): void;
}

/** The language's yes (`y`, `j`) and `n`/Esc in a question: removing a feed, marking many entries read. */
export function createConfirmCommands(context: CommandContext, lists: ListOperations, markAll: MarkAllOperations): CommandTable {
	const {services, strings, dispatch, getState} = context;
	return {
		back: () => {
			const isMarkAll = getState().overlay.kind === 'confirm-mark-all';
			dispatch({type: 'overlayClosed'});
			// The question was on the info line: it goes with the answer.
			if (isMarkAll) dispatch({type: 'messageShown', message: null});
		},
		confirm: () => {
			const overlay = getState().overlay;
			if (overlay.kind === 'confirm-mark-all') {
				dispatch({type: 'overlayClosed'});
				markAll.confirm(overlay.filter);
				return;
			}
			if (overlay.kind !== 'confirm-remove') return;
			dispatch({type: 'overlayClosed'});
			services.removeFeed(overlay.feedId).then(result => {
				if (isFailure(result)) {
					context.error(failureMessage(result, context.strings));
					return;
				}
				const list = getState().list;
				if (list?.source.kind === 'feed' && list.source.feedId === overlay.feedId) dispatch({type: 'listClosed'});
				lists.loadFeeds();
				lists.followFeedSelection();
				lists.reloadList();
				context.info(strings.removed(overlay.title));
			}, context.report);
		},
	};
}

/** The add dialog's url, looked up by services.addFeed; Esc while it looks aborts the lookup. */
export function createAddDialog(context: CommandContext, lists: ListOperations): AddDialogOperations {
	const {services, strings, dispatch} = context;
	let lookup: AbortController | null = null;
	return {
		submitAdd(url) {
			const trimmed = url.trim();
			if (trimmed === '') {
				dispatch({type: 'overlayClosed'});
				return;
			}
			const controller = new AbortController();
			lookup = controller;
			dispatch({type: 'addStarted'});
			services.addFeed(trimmed, controller.signal).then(
				result => {
					if (lookup === controller) lookup = null;
					if (result.kind === 'failed') {
						if (!controller.signal.aborted) dispatch({type: 'addFailed', message: failureMessage(result, strings)});
						return;
					}
					// Added, even when Esc came too late to stop it: the feeds screen shows what is saved.
					if (!controller.signal.aborted) dispatch({type: 'overlayClosed'});
					lists.loadFeeds();
					lists.followFeedSelection();
					context.info(strings.added(result.title, context.number(result.entryCount)));
				},
				cause => {
					if (lookup === controller) lookup = null;
					if (!controller.signal.aborted) dispatch({type: 'addFailed', message: cause instanceof Error ? cause.message : String(cause)});
				},
			);
		},
		cancelAdd() {
			lookup?.abort();
			lookup = null;
			dispatch({type: 'overlayClosed'});
		},
	};
}
