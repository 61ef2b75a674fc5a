import {useCallback, useRef, useState} from 'react';
import {readerReducer, type Action, type ReaderState} from '../state/reader-state.js';

/** The reader's state, its dispatch, and a getter that is current even between renders. */
export interface ReaderStore {
	readonly state: ReaderState;
	readonly dispatch: (action: Action) => void;
	/** The state after every action dispatched so far (keys arriving in one frame see each other's effect). */
	readonly getState: () => ReaderState;
}

/**
 * useReducer, with the reduced state also kept in a ref: command handlers read it right
 * after dispatching (load the page the move needs) without waiting for a render.
 */
export function useReaderStore(initial: ReaderState): ReaderStore {
	const ref = useRef(initial);
	const [state, setState] = useState(initial);
	const dispatch = useCallback((action: Action) => {
		ref.current = readerReducer(ref.current, action);
		setState(ref.current);
	}, []);
	const getState = useCallback(() => ref.current, []);
	return {state, dispatch, getState};
}
