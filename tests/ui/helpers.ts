import {createElement} from 'react';
import {render} from 'ink-testing-library';
import {App, type AppProps} from '../../source/ui/app.js';
import {loadInitialState, type InitialView} from '../../source/ui/commands/initial-state.js';
import type {Services} from '../../source/ui/services.js';
import {stringsFor, type Language} from '../../source/ui/strings.js';
import {NOW} from './fake-services.js';

export type Instance = ReturnType<typeof render>;

const KEYS: Readonly<Record<string, string>> = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	home: '\u001B[H',
	end: '\u001B[F',
	pageup: '\u001B[5~',
	pagedown: '\u001B[6~',
	enter: '\r',
	escape: '\u001B',
	backspace: '\u007F',
	space: ' ',
	'ctrl+l': '\u000C',
	'ctrl+c': '\u0003',
	'ctrl+u': '\u0015',
};

/** Lets Ink, React and pending promises run (setImmediate: after I/O callbacks and microtasks). */
export async function tick(times = 3): Promise<void> {
	for (let i = 0; i < times; i++) await new Promise<void>(resolve => setImmediate(resolve));
}

/** Types keys one by one (names from KEYS, anything else as typed text), yielding after each. */
export async function press(instance: Instance, ...keys: string[]): Promise<void> {
	for (const key of keys) {
		instance.stdin.write(KEYS[key] ?? key);
		await tick();
	}
}

/** The last frame as plain text. */
export function frame(instance: Instance): string {
	return instance.lastFrame() ?? '';
}

/**
 * Waits (yielding to the event loop, no sleeps) until the frame contains `text` or satisfies
 * `test`. After `maxTicks` it keeps looking for up to a second more, letting timers fire
 * (the preview pane is rendered once the selection rests).
 */
export async function waitForFrame(instance: Instance, expected: string | ((frame: string) => boolean), maxTicks = 500): Promise<string> {
	const test = typeof expected === 'string' ? (text: string) => text.includes(expected) : expected;
	for (let i = 0; i < maxTicks; i++) {
		const current = frame(instance);
		if (test(current)) return current;
		await tick(1);
	}
	for (const deadline = Date.now() + 1000; Date.now() < deadline; ) {
		const current = frame(instance);
		if (test(current)) return current;
		await new Promise<void>(resolve => setTimeout(resolve, 5));
	}
	throw new Error(`Frame never matched ${typeof expected === 'string' ? JSON.stringify(expected) : 'the predicate'}. Last frame:\n${frame(instance)}`);
}

export interface ReaderSetup {
	readonly columns?: number;
	readonly rows?: number;
	readonly language?: Language;
	/** Dates and numbers (detectLocale); default: the language's usual locale. */
	readonly locale?: string;
	readonly color?: boolean;
	readonly refreshOnStart?: boolean;
	readonly initialView?: InitialView;
	readonly previewDelayMs?: number;
	readonly onQuit?: () => void;
}

/** Renders the reader as run-reader would, with a fixed clock; resolves once it takes input. */
export async function renderReader(services: Services, setup: ReaderSetup = {}): Promise<{instance: Instance; props: AppProps; resize: (columns: number, rows: number) => void}> {
	const columns = setup.columns ?? 80;
	const rows = setup.rows ?? 24;
	const strings = stringsFor(setup.language ?? 'de', setup.locale);
	const props: AppProps = {
		services,
		initialState: loadInitialState(services, {size: {columns, rows}, strings, initialView: setup.initialView}),
		strings,
		color: setup.color ?? false,
		columns,
		rows,
		refreshOnStart: setup.refreshOnStart ?? false,
		now: () => NOW,
		previewDelayMs: setup.previewDelayMs,
		onQuit: setup.onQuit,
	};
	const instance = render(createElement(App, props));
	// The root input handler subscribes in an effect, after the first frame.
	await tick();
	return {
		instance,
		props,
		resize(newColumns, newRows) {
			instance.rerender(createElement(App, {...props, columns: newColumns, rows: newRows}));
		},
	};
}

/** Every line of a frame, for layout assertions. */
export function linesOf(text: string): string[] {
	return text.split('\n');
}
