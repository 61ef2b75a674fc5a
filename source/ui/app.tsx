import {useApp, useInput, type Key} from 'ink';
import {useCallback, useEffect} from 'react';
import type {CommandCallbacks} from './commands/context.js';
import {useArticleRendering} from './hooks/use-article-rendering.js';
import {useCommands} from './hooks/use-commands.js';
import {useReaderStore} from './hooks/use-reader-store.js';
import {ReaderView} from './components/reader-view.js';
import {nameKey, resolveCommand} from './keymap.js';
import type {Services} from './services.js';
import type {ReaderState} from './state/reader-state.js';
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
	const callbacks: CommandCallbacks = {onQuit: quit, onRedraw};
	const commands = useCommands(services, store, strings, callbacks);
	useArticleRendering(services, store.state, store.dispatch, previewDelayMs);

	useEffect(() => {
		commands.resize({columns, rows});
	}, [commands, columns, rows]);

	useEffect(() => {
		// After the first frame: the cache is on screen before any network work starts.
		if (refreshOnStart && services.isStale()) commands.startRefresh('due');
		services.prepareRendering();
		// Once per reader.
	}, []);

	function typeIntoPrompt(value: string, press: string, key: Key): void {
		const name = nameKey(press, key);
		if (name === 'return') commands.submitPrompt(value);
		else if (name === 'escape') commands.cancelPrompt();
		else if (name === 'backspace') commands.editPrompt([...value].slice(0, -1).join(''));
		else if (name === 'ctrl+u') commands.editPrompt('');
		// One printable character; control characters (C0, DEL, C1) never reach the text.
		else if (name !== null && !key.ctrl && !key.meta && [...press].length === 1 && !/[\u0000-\u001F\u007F-\u009F]/u.test(press)) commands.editPrompt(value + press);
	}

	const isPromptOpen = store.state.overlay.kind === 'add' || store.state.overlay.kind === 'prompt';
	useInput(
		(input, key) => {
			if (key.ctrl && input === 'c') {
				quit();
				return;
			}
			// Keys typed faster than a read (key repeat, tmux send-keys) arrive as one string:
			// each character is still one key press. Special keys always arrive alone.
			const presses = input.length > 1 && !key.ctrl && !key.meta ? [...input] : [input];
			for (const press of presses) {
				const state = store.getState();
				if (state.overlay.kind === 'prompt') {
					// The prompt is open but not yet listening (it mounts with the next frame, and
					// `/mentoring` typed in one go arrives as one chunk): its keys edit its text here.
					typeIntoPrompt(state.overlay.initial, press, key);
					continue;
				}
				const command = resolveCommand(press, key, inputContext(state));
				if (command) commands.run(command, press);
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
