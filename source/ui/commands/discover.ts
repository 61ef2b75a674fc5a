/**
 * The Discover screen: suggestions from what is known at once, a bounded probe for more in
 * the background, a preview of a suggestion's latest posts (nothing subscribed or stored),
 * subscribing with the tags prompt, dismissing for good.
 */
import {failureMessage} from '../strings.js';
import {failed, isFailure} from '../../failure.js';
import {sanitizeLine} from '../../text/sanitize.js';
import {displayWidth, truncateToWidth} from '../../text/width.js';
import type {SuggestionView} from '../services.js';
import {selectedSuggestion} from '../state/discover-state.js';
import {createLinkOpener, sayListEnd, showLinks} from './article.js';
import {moveCommands, type CommandContext, type CommandTable} from './context.js';
import type {ListOperations} from './lists.js';

export interface DiscoverCommands {
	/** `D` on the feeds screen. */
	open(): void;
	/** The suggestions list, the preview's posts, one post as an article. */
	readonly list: CommandTable;
	readonly posts: CommandTable;
	readonly article: CommandTable;
	/** Enter in the tags prompt of a subscription. */
	submitTags(value: string): void;
}

/** Tags as the tags prompt reads them: commas when there are any (`Social Media`), else spaces. */
export function parseTags(value: string): string[] {
	return (value.includes(',') ? value.split(',') : value.split(/\s+/u)).map(tag => tag.trim()).filter(tag => tag !== '');
}

export function createDiscoverCommands(context: CommandContext, lists: ListOperations): DiscoverCommands {
	const {services, strings, dispatch, getState} = context;
	/** A failed look for suggestions, in one line that says what failed. */
	const reportFailure = (cause: unknown) => context.error(strings.discoverFailed(cause instanceof Error ? cause.message : String(cause)));

	function startProbe(refresh: boolean): void {
		const discover = getState().discover;
		if (!discover) return;
		if (discover.probe.kind === 'running') {
			if (refresh) context.info(strings.discoverBusy);
			return;
		}
		const known = new Set(discover.suggestions.map(suggestion => suggestion.site));
		dispatch({type: 'discoverProbeStarted', refresh});
		services.findSuggestions({refresh}, progress => dispatch({type: 'discoverProbeProgressed', progress})).then(
			suggestions => {
				dispatch({type: 'discoverProbeFinished'});
				dispatch({type: 'discoverListed', suggestions});
				const found = suggestions.filter(suggestion => !known.has(suggestion.site)).length;
				// A probe of its own accord says something only when it found something.
				if (refresh || found > 0) context.info(strings.discoverFound(found, context.number(found)));
			},
			cause => {
				dispatch({type: 'discoverProbeFinished'});
				reportFailure(cause);
			},
		);
	}

	/** What `a`, `x` and `o` act on: the previewed suggestion, else the selected one. */
	function targetSuggestion(): SuggestionView | null {
		const discover = getState().discover;
		return discover?.preview?.suggestion ?? selectedSuggestion(discover);
	}

	function askTags(): void {
		const suggestion = targetSuggestion();
		if (!suggestion) return;
		if (getState().discover?.subscribing?.isBusy) {
			context.info(strings.subscribing(getState().discover!.subscribing!.suggestion.title));
			return;
		}
		dispatch({type: 'subscribeAsked', suggestion});
		dispatch({type: 'overlayOpened', overlay: {kind: 'prompt', purpose: 'subscribe', feedId: null, title: suggestion.title, initial: ''}});
	}

	function openInBrowser(url: string | null | undefined): void {
		if (url) lists.openUrl(url);
		else context.info(strings.noLink);
	}

	const back = () => dispatch({type: 'discoverLeft'});
	const subscribeSuggestion = askTags;

	const list: CommandTable = {
		...moveCommands(move => dispatch({type: 'discoverMoved', move})),
		back,
		open: () => {
			const suggestion = selectedSuggestion(getState().discover);
			if (!suggestion) return;
			dispatch({type: 'suggestionPreviewOpened', suggestion});
			services.previewSuggestion(suggestion.feedUrl).then(
				result => {
					if (isFailure(result)) dispatch({type: 'suggestionPreviewFailed', feedUrl: suggestion.feedUrl, message: failureMessage(result, context.strings)});
					else dispatch({type: 'suggestionPreviewLoaded', feedUrl: suggestion.feedUrl, preview: result});
				},
				(cause: unknown) => dispatch({type: 'suggestionPreviewFailed', feedUrl: suggestion.feedUrl, message: cause instanceof Error ? cause.message : String(cause)}),
			);
		},
		subscribeSuggestion,
		dismissSuggestion: () => {
			const suggestion = selectedSuggestion(getState().discover);
			if (!suggestion) return;
			services.dismissSuggestion(suggestion.site).then(result => {
				if (isFailure(result)) {
					context.error(failureMessage(result, context.strings));
					return;
				}
				dispatch({type: 'suggestionRemoved', site: suggestion.site});
				// The way back matters more than the whole title: the title gives way to fit the line.
				const room = context.layout().columns - displayWidth(strings.dismissed('', suggestion.site));
				context.info(strings.dismissed(truncateToWidth(suggestion.title, Math.max(8, room)), suggestion.site));
			}, context.report);
		},
		probeSuggestions: () => startProbe(true),
		openInBrowser: () => openInBrowser(selectedSuggestion(getState().discover)?.siteUrl),
	};

	const posts: CommandTable = {
		...moveCommands(move => dispatch({type: 'suggestionPreviewMoved', move})),
		back,
		open: () => {
			const preview = getState().discover?.preview;
			const post = preview?.posts[preview.selected];
			if (post) dispatch({type: 'suggestionPostOpened', entry: post});
		},
		subscribeSuggestion,
		openInBrowser: () => {
			const preview = getState().discover?.preview;
			openInBrowser(preview?.posts[preview.selected]?.link ?? preview?.suggestion.siteUrl);
		},
	};

	/** J / K in the open post: the next / previous post of the preview, or a word at the ends. */
	function stepPost(direction: 1 | -1): void {
		const preview = getState().discover?.preview;
		if (!preview?.article) return;
		const index = preview.posts.findIndex(post => post.id === preview.article!.entry.id) + direction;
		if (index < 0 || index >= preview.posts.length) sayListEnd(context, direction);
		else dispatch({type: 'suggestionPostStepped', direction});
	}

	const openLink = createLinkOpener(context, lists);
	const article: CommandTable = {
		...moveCommands(move => dispatch({type: 'suggestionPostScrolled', move})),
		nextArticle: () => stepPost(1),
		previousArticle: () => stepPost(-1),
		// Its links as in any article: a number and Enter, or the list.
		typeDigit: input => dispatch({type: 'digitTyped', digit: input}),
		open: () => {
			const digits = getState().digits;
			if (digits !== '') openLink(digits);
		},
		showLinks: () => showLinks(context),
		back: () => {
			if (getState().digits !== '') dispatch({type: 'digitsCleared'});
			else back();
		},
		subscribeSuggestion,
		openInBrowser: () => openInBrowser(getState().discover?.preview?.article?.entry.link),
		toggleFull,
	};

	/** `f` in a previewed post: its page's main text, fetched once, kept only in the preview. */
	function toggleFull(): void {
		const article = getState().discover?.preview?.article;
		if (!article || article.full.kind === 'loading') return;
		if (article.variant === 'full' || article.entry.fullContent) {
			dispatch({type: 'suggestionPostVariantToggled'});
			return;
		}
		const {id, link, title} = article.entry;
		if (!link) {
			context.error(failureMessage(failed('no-link', `“${sanitizeLine(title)}” has no link to fetch`, {title: sanitizeLine(title)}), strings));
			return;
		}
		dispatch({type: 'suggestionPostFullRequested'});
		services.extractPage(link).then(
			result => {
				if (isFailure(result)) dispatch({type: 'suggestionPostFullFailed', entryId: id, message: failureMessage(result, strings)});
				else dispatch({type: 'suggestionPostFullLoaded', entryId: id, html: result.html});
			},
			cause => dispatch({type: 'suggestionPostFullFailed', entryId: id, message: cause instanceof Error ? cause.message : String(cause)}),
		);
	}

	return {
		open() {
			const wasOpen = getState().discover !== null;
			dispatch({type: 'discoverOpened'});
			// What is known first (no request), then a bounded probe for more in the background.
			services.listSuggestions().then(
				suggestions => {
					dispatch({type: 'discoverListed', suggestions});
					startProbe(false);
				},
				cause => {
					reportFailure(cause);
					if (!wasOpen) dispatch({type: 'discoverListed', suggestions: []});
				},
			);
		},
		list,
		posts,
		article,
		submitTags(value) {
			const target = getState().discover?.subscribing;
			dispatch({type: 'overlayClosed'});
			if (!target || target.isBusy) return;
			const {suggestion} = target;
			dispatch({type: 'subscribeStarted'});
			context.info(strings.subscribing(suggestion.title));
			services.subscribeToSuggestion(suggestion.feedUrl, parseTags(value)).then(
				result => {
					dispatch({type: 'subscribeFinished'});
					if (result.kind === 'failed') {
						context.error(failureMessage(result, context.strings));
						return;
					}
					dispatch({type: 'suggestionRemoved', site: suggestion.site});
					lists.loadFeeds();
					context.info(strings.subscribed(result.title, context.number(result.entryCount)));
				},
				cause => {
					dispatch({type: 'subscribeFinished'});
					context.report(cause);
				},
			);
		},
	};
}
