/**
 * An expected failure as a value: a broken feed, a dead site, a bad file. `reason` is a
 * short machine-readable tag (`timeout`, `too-large`, `http-404`, `not-a-feed`, …),
 * `message` one line for the user that names the thing that failed.
 * Bugs throw instead; they are caught once in cli.tsx.
 */
export interface Failure {
	readonly kind: 'failed';
	readonly reason: string;
	readonly message: string;
}

export function failed(reason: string, message: string): Failure {
	return {kind: 'failed', reason, message};
}

export function isFailure(value: unknown): value is Failure {
	return typeof value === 'object' && value !== null && (value as {kind?: unknown}).kind === 'failed';
}
