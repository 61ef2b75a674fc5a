/** Commands that mean the same on every screen where the keymap allows them. */
import type {CommandContext, CommandTable} from './context.js';
import type {RefreshOperations} from './refresh.js';

export function createCommonCommands(context: CommandContext, refresh: RefreshOperations): CommandTable {
	const {dispatch, getState, callbacks} = context;
	return {
		quit: () => callbacks.onQuit(),
		help: () => {
			if (getState().overlay.kind === 'help') dispatch({type: 'overlayClosed'});
			else dispatch({type: 'overlayOpened', overlay: {kind: 'help', offset: 0}});
		},
		redraw: () => {
			callbacks.onRedraw?.();
			dispatch({type: 'redrawRequested'});
		},
		refreshThis: () => refresh.startRefresh(refresh.refreshTarget()),
		refreshAll: () => refresh.startRefresh('all'),
		search: () => dispatch({type: 'overlayOpened', overlay: {kind: 'prompt', purpose: 'search', feedId: null, title: '', initial: ''}}),
	};
}
