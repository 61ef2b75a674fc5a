import {execFile} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

export interface CliResult {
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
}

/** A throw-away BLOGROLL_HOME. */
export function makeHome(): string {
	return mkdtempSync(join(tmpdir(), 'blogroll-test-'));
}

/**
 * Runs the built `blogroll` (dist/cli.js, built by `npm test`) as a user would, with its
 * own BLOGROLL_HOME, no TTY and no colour. Asynchronous, so a fixture server running in
 * the test process can answer it.
 */
export function runCli(args: readonly string[], options: {home: string; env?: Record<string, string>; input?: string; nodeArgs?: readonly string[]}): Promise<CliResult> {
	return new Promise(resolve => {
		const child = execFile(
			process.execPath,
			// nodeArgs: e.g. `--import` of a preload that measures the process.
			[...(options.nodeArgs ?? []), CLI, ...args],
			{
				env: {PATH: process.env['PATH'], HOME: options.home, BLOGROLL_HOME: options.home, NO_COLOR: '1', LANG: 'C.UTF-8', ...options.env},
				timeout: 60_000,
				maxBuffer: 64 * 1024 * 1024,
			},
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
				resolve({code, stdout, stderr});
			},
		);
		child.stdin?.end(options.input ?? '');
	});
}
