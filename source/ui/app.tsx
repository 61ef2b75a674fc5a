import {useApp, useInput} from 'ink';
import {useCallback, useEffect} from 'react';
import type {CommandCallbacks} from './hooks/commands.js';
import {useArticleRendering} from './hooks/use-article-rendering.js';
import {useCommands} from './hooks/use-commands.js';
import {useReaderStore} from './hooks/use-reader-store.js';
import {ReaderView} from './components/reader-view.js';
import {resolveCommand} from './keymap.js';
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
	readonly onQuit?: () => void;
	readonly onRedraw?: () => void;
}

const systemClock = () => new Date();

/** The reader: one store, one root input handler, the rendering hook, and the view. */
export function App({services, initialState, strings, color, columns, rows, refreshOnStart, now = systemClock, onQuit, onRedraw}: AppProps) {
	const {exit} = useApp();
	const store = useReaderStore(initialState);
	const quit = useCallback(() => {
		onQuit?.();
		exit();
	}, [onQuit, exit]);
	const callbacks: CommandCallbacks = {onQuit: quit, onRedraw};
	const commands = useCommands(services, store, strings, callbacks);
	useArticleRendering(services, store.state, store.dispatch);

	useEffect(() => {
		commands.resize({columns, rows});
	}, [commands, columns, rows]);

	useEffect(() => {
		// After the first frame: the cache is on screen before any network work starts.
		if (refreshOnStart && services.isStale()) commands.startRefresh('due');
		// Once per reader.
	}, []);

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
			for (let index = 0; index < presses.length; index++) {
				const press = presses[index]!;
				const command = resolveCommand(press, key, inputContext(store.getState()));
				if (command) commands.run(command, press);
				if (store.getState().overlay.kind === 'prompt' && index < presses.length - 1) {
					// `/mentoring` typed in one go: what follows the `/` is the prompt's text (the
					// prompt is not mounted yet), and an Enter among it submits; keys after that are keys again.
					const rest = presses.slice(index + 1);
					const enter = rest.findIndex(character => character === '\r' || character === '\n');
					if (enter < 0) {
						commands.prefillPrompt(rest.join(''));
						return;
					}
					const overlay = store.getState().overlay;
					commands.submitPrompt((overlay.kind === 'prompt' ? overlay.initial : '') + rest.slice(0, enter).join(''));
					index += enter + 1;
				}
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
