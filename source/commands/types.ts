/** Where a command writes: process.stdout/stderr in the CLI, string buffers in tests. */
export interface Output {
	write(text: string): unknown;
	readonly isTTY?: boolean;
	readonly columns?: number;
	readonly rows?: number;
}

/** The I/O every command gets from cli.tsx. */
export interface CommandIO {
	readonly stdout: Output;
	readonly stderr: Output;
	readonly env: Readonly<Record<string, string | undefined>>;
}
