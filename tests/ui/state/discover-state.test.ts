import {describe, expect, test} from 'vitest';
import {visibleSuggestionCount} from '../../../source/ui/state/discover-state.js';
import {layoutFor} from '../../../source/ui/state/layout.js';
import {createInitialState, readerReducer, type Action, type ReaderState} from '../../../source/ui/state/reader-state.js';
import {fakePreview, GERMAN_SUGGESTIONS} from '../fake-services.js';

const [praxisnah, kreidezeit, handwerk] = GERMAN_SUGGESTIONS as [(typeof GERMAN_SUGGESTIONS)[number], (typeof GERMAN_SUGGESTIONS)[number], (typeof GERMAN_SUGGESTIONS)[number]];

function reduce(state: ReaderState, ...actions: Action[]): ReaderState {
	return actions.reduce(readerReducer, state);
}

const base = createInitialState({size: {columns: 80, rows: 24}, locale: 'de-DE', feeds: [], starred: {total: 0, unread: 0}});
const listed = reduce(base, {type: 'discoverOpened'}, {type: 'discoverListed', suggestions: GERMAN_SUGGESTIONS});

describe('the Discover state', () => {
	test('opening shows Discover looking; a list selects its first suggestion', () => {
		const opened = reduce(base, {type: 'discoverOpened'});
		expect(opened.screen).toBe('discover');
		expect(opened.discover).toMatchObject({isLoaded: false, selected: -1});
		expect(listed.discover).toMatchObject({isLoaded: true, selected: 0});
	});

	test('the selection stays on its site when a new list puts others above it', () => {
		const onKreidezeit = reduce(listed, {type: 'discoverMoved', move: {kind: 'by', delta: 1}});
		const reordered = reduce(onKreidezeit, {type: 'discoverListed', suggestions: [handwerk, praxisnah, kreidezeit]});
		expect(reordered.discover!.suggestions[reordered.discover!.selected]!.site).toBe('kreidezeit-blog.de');
	});

	test('a removed site stays out of later lists, and its row’s place goes to the next one', () => {
		const removed = reduce(listed, {type: 'suggestionRemoved', site: 'praxisnah-supervision.de'}, {type: 'discoverListed', suggestions: GERMAN_SUGGESTIONS});
		expect(removed.discover!.suggestions.map(suggestion => suggestion.site)).toEqual(['kreidezeit-blog.de', 'altes-handwerk.at']);
		expect(removed.discover!.selected).toBe(0);
		const none = reduce(removed, {type: 'suggestionRemoved', site: 'kreidezeit-blog.de'}, {type: 'suggestionRemoved', site: 'altes-handwerk.at'});
		expect(none.discover!.selected).toBe(-1);
	});

	test('a preview answer for a preview no longer open is dropped', () => {
		const opened = reduce(listed, {type: 'suggestionPreviewOpened', suggestion: praxisnah});
		const left = reduce(opened, {type: 'discoverLeft'}, {type: 'suggestionPreviewOpened', suggestion: kreidezeit});
		const late = reduce(left, {type: 'suggestionPreviewLoaded', feedUrl: praxisnah.feedUrl, preview: fakePreview(praxisnah)});
		expect(late.discover!.preview).toMatchObject({status: 'loading', suggestion: {site: 'kreidezeit-blog.de'}});
	});

	test('back goes from the post to the posts, to the suggestions, to the feeds', () => {
		const preview = fakePreview(praxisnah);
		const reading = reduce(
			listed,
			{type: 'suggestionPreviewOpened', suggestion: praxisnah},
			{type: 'suggestionPreviewLoaded', feedUrl: praxisnah.feedUrl, preview},
			{type: 'suggestionPostOpened', entry: preview.posts[0]!},
		);
		const posts = reduce(reading, {type: 'discoverLeft'});
		expect(posts.discover!.preview).toMatchObject({status: 'ready', article: null});
		const list = reduce(posts, {type: 'discoverLeft'});
		expect(list.discover!.preview).toBeNull();
		expect(list.screen).toBe('discover');
		expect(reduce(list, {type: 'discoverLeft'}).screen).toBe('feeds');
	});

	test('subscribing a previewed suggestion closes its preview', () => {
		const previewing = reduce(listed, {type: 'suggestionPreviewOpened', suggestion: kreidezeit});
		const after = reduce(previewing, {type: 'suggestionRemoved', site: 'kreidezeit-blog.de'});
		expect(after.discover!.preview).toBeNull();
		expect(after.discover!.suggestions).toHaveLength(2);
	});

	test('two rows a suggestion: a page down moves by the suggestions that fit', () => {
		const many = Array.from({length: 30}, (_, index) => ({...kreidezeit, site: `blog-${index}.de`}));
		const state = reduce(base, {type: 'discoverOpened'}, {type: 'discoverListed', suggestions: many}, {type: 'discoverMoved', move: {kind: 'page', direction: 1}});
		const fit = visibleSuggestionCount(layoutFor(base.size));
		expect(fit).toBe(10);
		expect(state.discover!.selected).toBe(fit);
		expect(state.discover!.offset).toBe(1);
	});
});
