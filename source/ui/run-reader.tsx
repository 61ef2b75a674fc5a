import {render} from 'ink';
import {App} from './app.js';
import {loadInitialState, type InitialView} from './commands/initial-state.js';
import type {Services} from './services.js';
import {stringsFor, type Language} from './strings.js';
import {withoutSkinTones} from '../text/width.js';
import type {GraphicsLayer} from '../images/graphics-layer.js';

export interface ReaderOptions {
	readonly columns: number;
	readonly rows: number;
	readonly language: Language;
	/** How dates and numbers are written (detectLocale); default: the language's usual locale. */
	readonly locale?: string;
	/** False for NO_COLOR: every state is still visible by its marker. */
	readonly color: boolean;
	/** Refresh due feeds in the background after the first frame. */
	readonly refreshOnStart: boolean;
	/** Open on an entry list instead of the feeds screen. */
	readonly initial?: {readonly view?: InitialView};
	/** Defaults process.stdin / process.stdout (tests and the pty e2e pass their own). */
	readonly stdin?: NodeJS.ReadStream;
	readonly stdout?: NodeJS.WriteStream;
	/** images: kitty, iTerm2 or sixel pictures drawn beside Ink's frames; absent: half-blocks only. */
	readonly graphics?: GraphicsLayer | null;
}

const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';
const CLEAR_SCREEN = '\u001B[2J\u001B[H';

/**
 * Runs the interactive reader until the user quits. The terminal is restored (raw mode
 * off, cursor shown, alternate screen left) on quit, Ctrl-C, SIGTERM and on a crash; a
 * crash rejects with its error so that cli.tsx reports it once. SIGTERM, SIGINT and
 * SIGHUP resolve with `process.exitCode` set to 143, 130 and 129.
 */
/**
 * The output stream with every write passed through withoutSkinTones: Ink measures what it
 * draws, the terminal must draw the same number of columns (see text/width.ts).
 */
function terminalStream(stream: NodeJS.WriteStream, graphics: GraphicsLayer | null): NodeJS.WriteStream {
	// images: each frame passes the picture layer, which draws iTerm2 and sixel pictures at their markers.
	const text = (chunk: string) => (graphics ? graphics.filter(withoutSkinTones(chunk)) : withoutSkinTones(chunk));
	const write = (chunk: unknown, ...rest: unknown[]): boolean =>
		(stream.write as (...args: unknown[]) => boolean).call(stream, typeof chunk === 'string' ? text(chunk) : chunk, ...rest);
	return new Proxy(stream, {
		get(target, property) {
			if (property === 'write') return write;
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}

export async function runReader(services: Services, options: ReaderOptions): Promise<void> {
	const stdin = options.stdin ?? process.stdin;
	const graphics = options.graphics ?? null;
	const stdout = terminalStream(options.stdout ?? process.stdout, graphics);
	const strings = stringsFor(options.language, options.locale);
	// One row less than the terminal: once Ink's output is as tall as the terminal it clears
	// and rewrites the whole screen on every frame (flicker); shorter output is updated in place.
	const usableRows = (rows: number) => Math.max(3, rows - 1);
	let size = {columns: options.columns, rows: usableRows(options.rows)};
	// The first frame comes from the cache alone, loaded before Ink starts.
	const initialState = loadInitialState(services, {size, strings, initialView: options.initial?.view});

	let isRestored = false;
	const restoreTerminal = () => {
		if (isRestored) return;
		isRestored = true;
		try {
			if (stdin.isTTY) stdin.setRawMode(false);
		} catch {
			// The terminal is gone (hang-up): nothing left to restore.
		}
		// kitty's pictures are deleted (their data freed); iTerm2 and sixel pictures go with the alternate screen.
		stdout.write((graphics?.dispose() ?? '') + SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
	};

	stdout.write(ENTER_ALTERNATE_SCREEN);
	// kitty's picture data goes straight out (it draws nothing by itself); never inside a frame.
	const raw = options.stdout ?? process.stdout;
	graphics?.attach(data => raw.write(data));
	let crash: unknown = null;
	let instance: ReturnType<typeof render> | undefined;

	const tree = () => (
		<App
			services={services}
			initialState={initialState}
			strings={strings}
			color={options.color}
			columns={size.columns}
			rows={size.rows}
			refreshOnStart={options.refreshOnStart}
			onRedraw={() => stdout.write(CLEAR_SCREEN)}
		/>
	);

	// Resize is read here, in one place, and passed down as props.
	const onResize = () => {
		size = {columns: stdout.columns || size.columns, rows: stdout.rows ? usableRows(stdout.rows) : size.rows};
		instance?.rerender(tree());
	};
	// Signals end the reader like q does (Ctrl-C in raw mode is a key, not SIGINT; a
	// `kill -INT` or a closed terminal window still sends signals), with the shell's exit code.
	const SIGNAL_CODES = {SIGTERM: 143, SIGINT: 130, SIGHUP: 129} as const;
	const onSignal = (signal: NodeJS.Signals) => {
		process.exitCode = SIGNAL_CODES[signal as keyof typeof SIGNAL_CODES] ?? 1;
		instance?.unmount();
	};
	const onCrash = (error: unknown) => {
		crash = error;
		instance?.unmount();
		restoreTerminal();
	};
	// Last resort: even a process.exit() elsewhere leaves a usable terminal behind.
	const onExit = () => restoreTerminal();

	stdout.on('resize', onResize);
	for (const signal of Object.keys(SIGNAL_CODES)) process.on(signal, onSignal);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	process.on('exit', onExit);
	try {
		// Ink coalesces frames within 1000/maxFps ms, but as a debounce: at its default (30) a key
		// repeat of 30 ms postpones every other frame to the next key (held `j`: half the rows
		// never drawn, up to 60 ms late). A window shorter than any key repeat draws each press.
		instance = render(tree(), {stdin, stdout, exitOnCtrlC: false, patchConsole: false, maxFps: 120});
		await instance.waitUntilExit();
	} finally {
		stdout.off('resize', onResize);
		for (const signal of Object.keys(SIGNAL_CODES)) process.off(signal, onSignal);
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
		process.off('exit', onExit);
		restoreTerminal();
	}
	if (crash !== null) throw crash;
}
