/**
 * The feed info screen (feed health, issue 14): `i` on a feed opens it; the diagnosis loads
 * from the services (discovery may run for a gone feed); its fixes are keys: `d` removes the
 * feed (asking first), `s` subscribes to the feed the site lists now instead, `r` fetches again.
 */
import {isFailure} from '../../failure.js';
import {failureMessage} from '../strings.js';
import {feedInfoLines} from '../state/feed-info-lines.js';
import {selectedFeedRow} from '../state/selectors.js';
import {moveCommands, type CommandContext, type CommandTable} from './context.js';
import type {ListOperations} from './lists.js';
import type {RefreshOperations} from './refresh.js';

export interface FeedInfoCommands {
	/** For the feeds screen: `i` opens the info screen of the selected feed. */
	readonly feeds: CommandTable;
	/** On the info screen. */
	readonly info: CommandTable;
}

export function createFeedInfoCommands(context: CommandContext, lists: ListOperations, refresh: RefreshOperations): FeedInfoCommands {
	const {services, strings, dispatch, getState} = context;

	function current() {
		const overlay = getState().overlay;
		return overlay.kind === 'feed-info' ? overlay : null;
	}

	function load(feedId: number): void {
		services.diagnoseFeed(feedId).then(
			(result) => {
				if (isFailure(result)) dispatch({type: 'feedInfoFailed', feedId, message: failureMessage(result, strings)});
				else dispatch({type: 'feedInfoLoaded', feedId, info: result});
			},
			(cause: unknown) => dispatch({type: 'feedInfoFailed', feedId, message: cause instanceof Error ? cause.message : String(cause)}),
		);
	}

	function lineCount(): number {
		const overlay = current();
		return overlay?.info ? feedInfoLines(overlay.info, strings, context.layout().columns).length : 0;
	}

	return {
		feeds: {
			feedInfo: () => {
				const row = selectedFeedRow(getState());
				if (row?.kind !== 'feed') {
					context.info(strings.selectFeedFirst);
					return;
				}
				dispatch({type: 'overlayOpened', overlay: {kind: 'feed-info', feedId: row.feed.id, title: row.feed.title, offset: 0, info: null, error: null}});
				load(row.feed.id);
			},
		},
		info: {
			...moveCommands((move) => dispatch({type: 'overlayMoved', move, count: lineCount()})),
			back: () => dispatch({type: 'overlayClosed'}),
			removeFeed: () => {
				const overlay = current();
				// The question replaces the info screen; its answer returns to the feeds screen.
				if (overlay) dispatch({type: 'overlayOpened', overlay: {kind: 'confirm-remove', feedId: overlay.feedId, title: overlay.title}});
			},
			refreshThis: () => {
				const overlay = current();
				if (!overlay) return;
				// The diagnosis is read again once the fetch is recorded.
				void refresh.startRefresh([overlay.feedId]).then(() => {
					if (current()?.feedId === overlay.feedId) load(overlay.feedId);
				});
			},
			subscribeFound: () => {
				const overlay = current();
				if (!overlay?.info) return;
				const found = overlay.info.problems.find((problem) => problem.fix.action === 'subscribe' && problem.fix.url !== undefined)?.fix.url;
				if (found === undefined) {
					context.info(strings.feedInfoNothingFound);
					return;
				}
				services.replaceFeed(overlay.feedId, found).then((result) => {
					if (isFailure(result)) {
						context.error(failureMessage(result, strings));
						return;
					}
					if (current()?.feedId === overlay.feedId) dispatch({type: 'overlayClosed'});
					const list = getState().list;
					if (list?.source.kind === 'feed' && list.source.feedId === overlay.feedId) dispatch({type: 'listClosed'});
					lists.loadFeeds();
					lists.followFeedSelection();
					context.info(strings.feedReplaced(overlay.title));
				}, context.report);
			},
		},
	};
}
