/**
 * A program in a pseudo-terminal, driven from the bench: `script` (util-linux) gives it a
 * real pty of a fixed size, we write keys to it and timestamp every chunk it draws.
 * No polling: each chunk is timed when it arrives (the pipe from `script -f` is flushed
 * at once), so the resolution is the event loop's, well under a millisecond on an idle
 * bench process. What is not in the figures: the terminal emulator's own drawing.
 */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {existsSync, readFileSync, readdirSync} from 'node:fs';

export const hasScript = existsSync('/usr/bin/script');

// CSI/OSC sequences and lone escapes: what is left is the text on screen, in drawing order.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001B(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[()][0-9A-Za-z]|[@-Z\\-_])/g;

export function stripAnsi(text: string): string {
	return text.replace(ANSI, '');
}

export interface PtyOptions {
	readonly columns: number;
	readonly rows: number;
	readonly env?: NodeJS.ProcessEnv;
	readonly cwd?: string;
}

/** The time, in ms since the session started, of the chunk that made `predicate` true. */
export interface Seen {
	readonly atMs: number;
	/** Bytes drawn since the mark, up to and including that chunk. */
	readonly bytes: number;
}

function shellQuote(value: string): string {
	return `'${value.replace(/'/g, `'\\''`)}'`;
}

export class PtySession {
	readonly #child: ChildProcessWithoutNullStreams;
	readonly #start = process.hrtime.bigint();
	#text = '';
	#bytes = 0;
	#lastChunkMs = 0;
	#exited = false;
	#waiters = new Set<() => void>();

	constructor(command: readonly string[], options: PtyOptions) {
		// stty first: a pty opened by script has no size when our stdin is not a terminal.
		const line = `stty cols ${options.columns} rows ${options.rows}; exec ${command.map(shellQuote).join(' ')}`;
		this.#child = spawn('script', ['-qfec', line, '/dev/null'], {
			env: {...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', ...options.env},
			cwd: options.cwd,
			stdio: ['pipe', 'pipe', 'pipe'],
		}) as ChildProcessWithoutNullStreams;
		this.#child.stdout.on('data', (chunk: Buffer) => {
			this.#lastChunkMs = this.now();
			this.#bytes += chunk.length;
			this.#text += stripAnsi(chunk.toString('utf8'));
			// Bounded: only the recent screen text matters to a predicate.
			if (this.#text.length > 400_000) this.#text = this.#text.slice(-200_000);
			for (const wake of this.#waiters) wake();
		});
		this.#child.stderr.resume();
		this.#child.once('exit', () => {
			this.#exited = true;
			for (const wake of this.#waiters) wake();
		});
	}

	/** Milliseconds since the session was spawned. */
	now(): number {
		return Number(process.hrtime.bigint() - this.#start) / 1e6;
	}

	get exited(): boolean {
		return this.#exited;
	}

	/** Forgets what was drawn so far: predicates look only at what comes after. */
	mark(): void {
		this.#text = '';
		this.#bytes = 0;
	}

	/** Writes keys (raw bytes: `j`, `\r`, `\u001B[B`); returns the time of the write. */
	press(keys: string): number {
		const at = this.now();
		this.#child.stdin.write(keys);
		return at;
	}

	/** Resolves when the text drawn since the last mark satisfies `predicate`; null on timeout or exit. */
	waitFor(predicate: (text: string) => boolean, timeoutMs: number): Promise<Seen | null> {
		return new Promise(resolve => {
			const check = () => {
				if (predicate(this.#text)) return finish({atMs: this.#lastChunkMs, bytes: this.#bytes});
				if (this.#exited) finish(null);
			};
			const timer = setTimeout(() => finish(null), timeoutMs);
			const finish = (seen: Seen | null) => {
				clearTimeout(timer);
				this.#waiters.delete(check);
				resolve(seen);
			};
			this.#waiters.add(check);
			check();
		});
	}

	/**
	 * Waits for the next burst of drawing: the first chunk after now, then until nothing
	 * came for `quietMs`. Returns the times of its first and last chunk (null: nothing drawn).
	 */
	async nextBurst(quietMs: number, timeoutMs: number): Promise<{first: number; last: number; bytes: number} | null> {
		const startBytes = this.#bytes;
		const first = await this.waitFor(() => this.#bytes > startBytes, timeoutMs);
		if (first === null) return null;
		for (;;) {
			const last = this.#lastChunkMs;
			await new Promise(resolve => setTimeout(resolve, quietMs));
			if (this.#lastChunkMs === last) return {first: first.atMs, last, bytes: this.#bytes - startBytes};
		}
	}

	/** The program's pid (the child of `script`, which exec'd it), or null. */
	programPid(): number | null {
		const pid = this.#child.pid;
		if (pid === undefined) return null;
		try {
			const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
			if (children[0]) return children[0];
		} catch {
			// Kernels without CONFIG_PROC_CHILDREN: scan the process table.
		}
		for (const entry of readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			try {
				const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
				const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
				if (parent === pid) return Number(entry);
			} catch {
				// Gone meanwhile.
			}
		}
		return null;
	}

	/** Peak RSS so far (VmHWM) of the program, MB; null when unreadable. */
	peakRssMb(): number | null {
		const pid = this.programPid();
		if (pid === null) return null;
		try {
			const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
			return match ? Number(match[1]) / 1024 : null;
		} catch {
			return null;
		}
	}

	/** Ends the session: the program gets SIGTERM, then SIGKILL if it lingers. */
	async close(): Promise<void> {
		if (this.#exited) return;
		const pid = this.programPid();
		const exited = new Promise<void>(resolve => this.#child.once('exit', () => resolve()));
		if (pid !== null) {
			try {
				process.kill(pid, 'SIGTERM');
			} catch {
				// Already gone.
			}
		}
		this.#child.kill('SIGTERM');
		const timer = setTimeout(() => {
			if (pid !== null) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// Already gone.
				}
			}
			this.#child.kill('SIGKILL');
		}, 3_000);
		await exited;
		clearTimeout(timer);
	}
}
