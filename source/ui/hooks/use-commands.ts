import {useMemo, useRef} from 'react';
import type {Services} from '../services.js';
import type {Strings} from '../strings.js';
import {createCommandRunner, type CommandCallbacks, type CommandRunner} from '../commands/runner.js';
import type {ReaderStore} from './use-reader-store.js';

/** The command runner for this reader, created once; callbacks are read through a ref so they may change. */
export function useCommands(services: Services, store: ReaderStore, strings: Strings, callbacks: CommandCallbacks): CommandRunner {
	const callbacksRef = useRef(callbacks);
	callbacksRef.current = callbacks;
	const {dispatch, getState} = store;
	return useMemo(
		() =>
			createCommandRunner(services, {dispatch, getState}, strings, {
				onQuit: () => callbacksRef.current.onQuit(),
				onRedraw: () => callbacksRef.current.onRedraw?.(),
			}),
		[services, dispatch, getState, strings],
	);
}
