import {execFileSync, spawnSync} from 'node:child_process';

/** True when tmux is installed (.ci/run installs it; the e2e tests need a real terminal). */
export function hasTmux(): boolean {
	return spawnSync('tmux', ['-V'], {stdio: 'ignore'}).status === 0;
}

/**
 * A program running in a real pseudo-terminal (a detached tmux session of a fixed size),
 * driven with keys and read back as the screen a person would see.
 */
export class TmuxSession {
	readonly name = `blogroll-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

	constructor(command: string, options: {columns: number; rows: number; env: Record<string, string>}) {
		const env = Object.entries(options.env).map(([key, value]) => `${key}=${shellQuote(value)}`).join(' ');
		execFileSync('tmux', ['new-session', '-d', '-s', this.name, '-x', String(options.columns), '-y', String(options.rows), `env ${env} ${command}`]);
	}

	screen(): string {
		return execFileSync('tmux', ['capture-pane', '-p', '-t', this.name], {encoding: 'utf8'});
	}

	/** tmux key names: 'Enter', 'Escape', 'j', 'C-c', 'Down'. */
	press(...keys: string[]): void {
		for (const key of keys) execFileSync('tmux', ['send-keys', '-t', this.name, key]);
	}

	/** Several keys in one `send-keys` call: they reach the program together, as one burst. */
	pressTogether(...keys: string[]): void {
		execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
	}

	resize(columns: number, rows: number): void {
		execFileSync('tmux', ['resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows)]);
	}

	isRunning(): boolean {
		return spawnSync('tmux', ['has-session', '-t', this.name], {stdio: 'ignore'}).status === 0;
	}

	/** Polls the screen until `predicate` holds (bounded); returns the screen it saw last. */
	async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let screen = '';
		while (Date.now() < deadline) {
			screen = this.isRunning() ? this.screen() : '';
			if (predicate(screen)) return screen;
			await new Promise(resolve => setTimeout(resolve, 50));
		}
		throw new Error(`timed out waiting for ${what}; the screen was:\n${screen}`);
	}

	async waitForText(text: string, timeoutMs?: number): Promise<string> {
		return this.waitFor(screen => screen.includes(text), JSON.stringify(text), timeoutMs);
	}

	async waitForExit(timeoutMs = 10_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (this.isRunning() && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50));
		if (this.isRunning()) throw new Error('the program did not exit');
	}

	kill(): void {
		spawnSync('tmux', ['kill-session', '-t', this.name], {stdio: 'ignore'});
	}
}

function shellQuote(value: string): string {
	return `'${value.replaceAll("'", "'\\''")}'`;
}
