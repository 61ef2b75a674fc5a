/**
 * Starting a child process that outlives the request (a browser opener) without letting its
 * failure crash the program: a ChildProcess reports a start failure (ENOENT, EACCES) as an
 * 'error' event, and an 'error' event nobody listens to ends the process. Every detached
 * child goes through here, so the listener is attached once, before the event can fire.
 */
import {spawn, type ChildProcess} from 'node:child_process';

/** How long a started opener may take to give up (`xdg-open` without a browser exits at once). */
export const OPENER_GRACE_MS = 1500;

/** Why a child did not start or gave up at once; `code` is the errno code or the exit status. */
export interface StartFailure {
	readonly kind: 'not-started';
	readonly code: string;
	readonly detail: string;
}

/**
 * Settles once the child has clearly started: resolves `undefined` when it is still running
 * after `graceMs` or has exited with status 0, a StartFailure when it could not be spawned or
 * exited non-zero within `graceMs` (an opener that found nothing to open with). Later
 * 'error' events are swallowed; the child is unref'd so it never keeps the program alive.
 */
export function whenStarted(child: ChildProcess, graceMs = OPENER_GRACE_MS): Promise<StartFailure | undefined> {
	return new Promise(resolve => {
		let settled = false;
		const settle = (result: StartFailure | undefined) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			child.unref();
			resolve(result);
		};
		// Stays attached for the child's whole life: an error after the start is not worth a crash.
		child.on('error', (error: NodeJS.ErrnoException) => settle({kind: 'not-started', code: error.code ?? 'error', detail: error.message}));
		child.once('exit', (code, signal) => {
			if (code === 0) settle(undefined);
			else settle({kind: 'not-started', code: signal ?? String(code), detail: signal ? `stopped by ${signal}` : `exited with status ${code}`});
		});
		const timer = setTimeout(() => settle(undefined), graceMs);
		timer.unref();
	});
}

/** Spawns `command` detached, without a shell and without stdio, and waits for it to start (see whenStarted). */
export function startDetached(command: string, args: readonly string[], options: {readonly env?: NodeJS.ProcessEnv; readonly graceMs?: number} = {}): Promise<StartFailure | undefined> {
	let child: ChildProcess;
	try {
		child = spawn(command, args, {detached: true, stdio: 'ignore', env: options.env});
	} catch (error) {
		// Invalid arguments (an empty command) throw synchronously instead of emitting 'error'.
		return Promise.resolve({kind: 'not-started', code: (error as NodeJS.ErrnoException).code ?? 'error', detail: (error as Error).message});
	}
	return whenStarted(child, options.graceMs);
}
