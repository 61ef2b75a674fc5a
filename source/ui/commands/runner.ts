/**
 * The command runner: the keymap names a command, the runner hands it to the table of the
 * current input context. Each screen's (and overlay's, dialog's, prompt's) commands live in
 * their own module; a new screen is a new module plus keymap rows, composed here.
 */
import type {Command, InputContext} from '../keymap.js';
import type {RefreshTarget, Services} from '../services.js';
import type {Strings} from '../strings.js';
import type {TerminalSize} from '../state/layout.js';
import type {Action, ReaderState} from '../state/reader-state.js';
import {inputContext} from '../state/selectors.js';
import {createArticleCommands} from './article.js';
import {createCommonCommands} from './common.js';
import {createCommandContext, type CommandCallbacks, type CommandTable} from './context.js';
import {createAddDialog, createConfirmCommands} from './dialogs.js';
import {createDiscoverCommands} from './discover.js';
import {createEntriesCommands} from './entries.js';
import {createFeedInfoCommands} from './feed-info.js';
import {createFeedSettingsOperations} from './feed-settings.js';
import {createFeedsCommands} from './feeds.js';
import {createListOperations} from './lists.js';
import {createMarkAllOperations} from './mark-all.js';
import {createHelpCommands, createLinksCommands, createQuestionsCommands} from './overlays.js';
import {createPromptOperations} from './prompts.js';
import {createRefreshOperations} from './refresh.js';

export interface CommandRunner {
	run(command: Command, input: string): void;
	startRefresh(target: RefreshTarget): void;
	/** Sync through the folder, when one is set (issue 15). */
	startSync(): void;
	submitAdd(url: string): void;
	cancelAdd(): void;
	/** Enter in a one-line prompt (search, tags, rename). */
	submitPrompt(value: string): void;
	cancelPrompt(): void;
	/** The prompt's text, edited before the prompt itself listens (see app.tsx). */
	editPrompt(value: string): void;
	resize(size: TerminalSize): void;
}

export function createCommandRunner(
	services: Services,
	store: {readonly dispatch: (action: Action) => void; readonly getState: () => ReaderState},
	strings: Strings,
	callbacks: CommandCallbacks,
): CommandRunner {
	const context = createCommandContext(services, store, strings, callbacks);
	const lists = createListOperations(context);
	const refresh = createRefreshOperations(context, lists);
	const common = createCommonCommands(context, refresh);
	const markAll = createMarkAllOperations(context, lists);
	const feedInfo = createFeedInfoCommands(context, lists, refresh);
	const feedSettings = createFeedSettingsOperations(context, lists);
	const feeds = {...createFeedsCommands(context, lists), ...markAll.commands, ...feedInfo.feeds, discover: () => discover.open(), feedSettings: feedSettings.open};
	const discover = createDiscoverCommands(context, lists);
	// Later tables win: a screen's own command replaces a common one of the same name.
	const tables: Record<InputContext, CommandTable> = {
		welcome: {...common, ...feeds},
		feeds: {...common, ...feeds},
		entries: {...common, ...createEntriesCommands(context, lists), ...markAll.commands},
		article: {...common, ...createArticleCommands(context, lists)},
		help: {...common, ...createHelpCommands(context)},
		links: {...common, ...createLinksCommands(context, lists)},
		toc: {...common, ...createQuestionsCommands(context)},
		confirm: {...common, ...createConfirmCommands(context, lists, markAll)},
		info: {...common, ...feedInfo.info},
		// The prompt reads its own keys (app.tsx, text-prompt.tsx).
		prompt: {},
		discover: {...common, ...discover.list},
		discoverPosts: {...common, ...discover.posts},
		discoverArticle: {...common, ...discover.article},
		feedSettings: {...common, ...feedSettings.commands},
	};
	const addDialog = createAddDialog(context, lists);
	const prompts = createPromptOperations(context, lists);

	return {
		run(command, input) {
			tables[inputContext(store.getState())][command]?.(input);
		},
		startRefresh: refresh.startRefresh,
		startSync: refresh.startSync,
		...addDialog,
		...prompts,
		submitPrompt(value) {
			const overlay = store.getState().overlay;
			// The tags of a subscription from Discover: that screen's own prompt.
			if (overlay.kind === 'prompt' && overlay.purpose === 'subscribe') discover.submitTags(value);
			else if (overlay.kind === 'prompt' && overlay.purpose === 'feedSetting') feedSettings.submit(value);
			else prompts.submitPrompt(value);
		},
		cancelPrompt() {
			const overlay = store.getState().overlay;
			if (overlay.kind === 'prompt' && overlay.purpose === 'feedSetting') feedSettings.cancel();
			else prompts.cancelPrompt();
		},
		resize(size) {
			const before = store.getState().size;
			if (before.columns === size.columns && before.rows === size.rows) return;
			store.dispatch({type: 'resized', size});
			lists.ensurePage();
			lists.followFeedSelection();
		},
	};
}

export type {CommandCallbacks} from './context.js';
