/** The one-line prompts: search, a feed's tags, a feed's title. */
import {failureMessage} from '../strings.js';
import {isFailure} from '../../failure.js';
import type {EntryFilter} from '../../store/types.js';
import {pageAround} from '../state/window.js';
import type {CommandContext} from './context.js';
import type {ListOperations} from './lists.js';

export interface PromptOperations {
	/** Enter in a one-line prompt (search, tags, rename). */
	submitPrompt(value: string): void;
	cancelPrompt(): void;
	/** The prompt's text, edited before the prompt itself listens (see app.tsx). */
	editPrompt(value: string): void;
}

export function createPromptOperations(context: CommandContext, lists: ListOperations): PromptOperations {
	const {services, strings, dispatch, getState} = context;

	/** Full-text search over every entry: the hits as an entry list, the best first. */
	function search(value: string): void {
		const query = value.trim();
		if (query === '') return;
		const filter: EntryFilter = {search: query};
		const counts = services.countEntries(filter);
		if (counts.total === 0) {
			context.info(strings.noSearchResults(query));
			return;
		}
		const window = pageAround(0, context.layout().bodyHeight);
		const items = services.listEntries(filter, window);
		dispatch({
			type: 'searchOpened',
			list: {rowKey: `search:${query}`, source: {kind: 'search', query}, filter, counts, selected: 0, page: {offset: window.offset, items}},
		});
		lists.updatePreview();
	}

	function saveTags(feedId: number, title: string, value: string): void {
		// Commas when there are any (a tag may be two words: „Social Media“), else spaces.
		const tags = (value.includes(',') ? value.split(',') : value.split(/\s+/u)).map(tag => tag.trim()).filter(tag => tag !== '');
		const result = services.setFeedTags(feedId, tags);
		if (isFailure(result)) {
			context.error(failureMessage(result, context.strings));
			return;
		}
		lists.loadFeeds();
		lists.selectFeed(feedId);
		const saved = getState().feeds.items.find(feed => feed.id === feedId)?.tags ?? tags;
		context.info(saved.length === 0 ? strings.tagsCleared(title) : strings.tagsSaved(title, saved.join(', ')));
	}

	function rename(feedId: number, value: string): void {
		const result = services.renameFeed(feedId, value);
		if (isFailure(result)) {
			context.error(failureMessage(result, context.strings));
			return;
		}
		lists.loadFeeds();
		lists.selectFeed(feedId);
		const title = getState().feeds.items.find(feed => feed.id === feedId)?.title ?? value.trim();
		dispatch({type: 'listRetitled', feedId, title});
		context.info(strings.renamed(title));
	}

	return {
		submitPrompt(value) {
			const overlay = getState().overlay;
			if (overlay.kind !== 'prompt') return;
			dispatch({type: 'overlayClosed'});
			if (overlay.purpose === 'search') search(value);
			else if (overlay.feedId !== null && overlay.purpose === 'tags') saveTags(overlay.feedId, overlay.title, value);
			else if (overlay.feedId !== null) rename(overlay.feedId, value);
		},
		cancelPrompt() {
			dispatch({type: 'overlayClosed'});
		},
		editPrompt(value) {
			dispatch({type: 'promptEdited', value});
		},
	};
}
