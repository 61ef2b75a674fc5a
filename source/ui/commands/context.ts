/**
 * What every screen's commands share: the current state, dispatch, services, strings and
 * the reader's callbacks. Screen modules (feeds.ts, entries.ts, …) receive one context and
 * return a table of their commands; runner.ts composes the tables by input context.
 */
import type {Command} from '../keymap.js';
import type {Services} from '../services.js';
import type {Strings} from '../strings.js';
import {formatNumber} from '../strings.js';
import {layoutFor, type Layout} from '../state/layout.js';
import type {Action, ReaderState} from '../state/reader-state.js';
import type {Move} from '../state/window.js';

export interface CommandCallbacks {
	/** The user quit (q on the top screen, Ctrl-C). */
	readonly onQuit: () => void;
	/** Ctrl-L: the terminal is cleared and the whole frame drawn again. */
	readonly onRedraw?: () => void;
}

export interface CommandContext {
	readonly services: Services;
	readonly strings: Strings;
	readonly callbacks: CommandCallbacks;
	readonly dispatch: (action: Action) => void;
	/** The state after every action dispatched so far (not only the rendered one). */
	readonly getState: () => ReaderState;
	/** The layout of the current terminal size. */
	layout(): Layout;
	/** A count as the locale writes it. */
	number(value: number): string;
	/** A one-line message on the status line. */
	info(text: string): void;
	error(text: string): void;
	/** An unexpected rejection as an error message (never a crash of the reader). */
	report(cause: unknown): void;
}

/** One command's handler; `input` is the key that triggered it (a digit, for typeDigit). */
export type CommandHandler = (input: string) => void;

/** A screen's (or overlay's) commands. Which keys reach them is the keymap's business. */
export type CommandTable = Partial<Record<Command, CommandHandler>>;

export function createCommandContext(
	services: Services,
	store: {readonly dispatch: (action: Action) => void; readonly getState: () => ReaderState},
	strings: Strings,
	callbacks: CommandCallbacks,
): CommandContext {
	const {dispatch, getState} = store;
	const error = (text: string) => dispatch({type: 'messageShown', message: {text, tone: 'error'}});
	return {
		services,
		strings,
		callbacks,
		dispatch,
		getState,
		layout: () => layoutFor(getState().size),
		number: value => formatNumber(value, strings),
		info: text => dispatch({type: 'messageShown', message: {text, tone: 'info'}}),
		error,
		report: cause => error(cause instanceof Error ? cause.message : String(cause)),
	};
}

const MOVES: readonly (readonly [Command, Move])[] = [
	['down', {kind: 'by', delta: 1}],
	['up', {kind: 'by', delta: -1}],
	['top', {kind: 'top'}],
	['bottom', {kind: 'bottom'}],
	['pageDown', {kind: 'page', direction: 1}],
	['pageUp', {kind: 'page', direction: -1}],
];

/** The six moves (down, up, top, bottom, page down/up) of a screen, all done by `apply`. */
export function moveCommands(apply: (move: Move) => void): CommandTable {
	return Object.fromEntries(MOVES.map(([command, move]) => [command, () => apply(move)]));
}
