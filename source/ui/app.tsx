import {useApp, useInput, useStdout} from 'ink';
import {useCallback, useEffect} from 'react';
import type {CommandCallbacks} from './commands/context.js';
import {useArticleRendering} from './hooks/use-article-rendering.js';
import {useArticleImages} from './hooks/use-article-images.js';
import {useCommands} from './hooks/use-commands.js';
import {useReaderStore} from './hooks/use-reader-store.js';
import {ReaderView} from './components/reader-view.js';
import {splitKeys} from './keys.js';
import {resolveCommand} from './keymap.js';
import type {Services} from './services.js';
import type {ReaderState} from './state/reader-state.js';
import {editLine} from './state/line-editor.js';
import {inputContext} from './state/selectors.js';
import type {Strings} from './strings.js';

export interface AppProps {
	readonly services: Services;
	/** From loadInitialState: the first frame shows cache data, no waiting. */
	readonly initialState: ReaderState;
	readonly strings: Strings;
	readonly color: boolean;
	/** Terminal size, read in one place (run-reader) and passed down. */
	readonly columns: number;
	readonly rows: number;
	/** Refresh due feeds in the background after the first frame, when services.isStale(). */
	readonly refreshOnStart: boolean;
	/** The clock for relative dates; tests fix it. */
	readonly now?: () => Date;
	/** How long the selection rests before the preview pane is rendered (tests shorten or lengthen it). */
	readonly previewDelayMs?: number;
	readonly onQuit?: () => void;
	readonly onRedraw?: () => void;
}

const systemClock = () => new Date();

/** The reader: one store, one root input handler, the rendering hook, and the view. */
export function App({services, initialState, strings, color, columns, rows, refreshOnStart, now = systemClock, previewDelayMs, onQuit, onRedraw}: AppProps) {
	const {exit} = useApp();
	const store = useReaderStore(initialState);
	const quit = useCallback(() => {
		onQuit?.();
		exit();
	}, [onQuit, exit]);
	const {write} = useStdout();
	const callbacks: CommandCallbacks = {
		onQuit: quit,
		onRedraw: () => {
			// The terminal is cleared outside Ink (run-reader), so Ink still believes its last
			// frame is on screen and would skip an identical one. Writing through Ink erases its
			// output and draws the whole last frame again, at once.
			onRedraw?.();
			write('');
		},
	};
	const commands = useCommands(services, store, strings, callbacks);
	useArticleRendering(services, store.state, store.dispatch, previewDelayMs);
	useArticleImages(services, store.state, store.dispatch, strings);

	useEffect(() => {
		commands.resize({columns, rows});
	}, [commands, columns, rows]);

	useEffect(() => {
		// After the first frame: the cache is on screen before any network work starts.
		if (refreshOnStart && services.isStale()) commands.startRefresh('due');
		// Sync (issue 15) after the first frame, never before it; a refresh syncs again when done.
		else if (refreshOnStart) commands.startSync();
		services.prepareRendering();
		// Once per reader.
	}, []);

	const isPromptOpen = store.state.overlay.kind === 'add' || store.state.overlay.kind === 'prompt';
	useInput(
		(input, key) => {
			// Keys typed faster than a read (key repeat, tmux send-keys) arrive as one string:
			// each is still one key press (see splitKeys).
			for (const press of splitKeys(input, key)) {
				if (press.key.ctrl && press.input === 'c') {
					quit();
					return;
				}
				const state = store.getState();
				const {overlay} = state;
				if (overlay.kind === 'prompt' || (overlay.kind === 'add' && !overlay.isBusy)) {
					// The prompt (or the add dialog) is open but not yet listening (it mounts with the
					// next frame, and `/mentoring` or `a` and a url typed in one go arrive as one
					// chunk): its keys edit its text here, never the list behind it.
					const isAdd = overlay.kind === 'add';
					const edit = editLine(overlay.initial, press);
					if (edit.kind === 'submit') {
						if (isAdd) commands.submitAdd(edit.value);
						else commands.submitPrompt(edit.value);
					} else if (edit.kind === 'cancel') {
						if (isAdd) commands.cancelAdd();
						else commands.cancelPrompt();
					} else if (edit.kind === 'text') commands.editPrompt(edit.value);
					continue;
				}
				// The add dialog looks for the feed: the rest of the chunk is dropped (its prompt
				// reads Esc from now on), never applied to the list behind the dialog.
				if (overlay.kind === 'add') return;
				const command = resolveCommand(press.input, press.key, inputContext(state), strings.language);
				if (command) commands.run(command, press.input);
			}
		},
		{isActive: !isPromptOpen},
	);

	return (
		<ReaderView
			state={store.state}
			strings={strings}
			color={color}
			now={now()}
			onSubmitAdd={commands.submitAdd}
			onCancelAdd={commands.cancelAdd}
			onSubmitPrompt={commands.submitPrompt}
			onCancelPrompt={commands.cancelPrompt}
			onInterrupt={quit}
		/>
	);
}
