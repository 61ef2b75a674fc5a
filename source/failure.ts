/**
 * An expected failure as a value: a broken feed, a dead site, a bad file. `reason` is a
 * short machine-readable tag (`timeout`, `too-large`, `http-404`, `not-a-feed`, …),
 * `message` one English line for the command line that names the thing that failed, and
 * `params` the same facts without language (url, status, error code …), from which the
 * reader words the failure in its own language (ui/strings.ts failureMessage).
 * Bugs throw instead; they are caught once in cli.tsx.
 */
export interface Failure {
	readonly kind: 'failed';
	readonly reason: string;
	readonly message: string;
	readonly params?: FailureParams;
}

/** The language-free facts of a failure; each reason uses the few it needs. */
export interface FailureParams {
	/** The url (or file) that failed, as shown to the user: sanitized, never a password. */
	readonly url?: string;
	/** A title that names the thing (a feed, an entry). */
	readonly title?: string;
	/** Which variant of the reason, a language-free tag (`connect`, `empty`, `redirect` …). */
	readonly problem?: string;
	readonly status?: number;
	/** The server's reason phrase (`Not Found`), as it sent it. */
	readonly statusText?: string;
	/** A system or library error code (`ECONNREFUSED`, `ENOENT`) or an exit status. */
	readonly code?: string;
	/** Shown as it is: where a redirect pointed, a url scheme, a content type. */
	readonly target?: string;
	readonly seconds?: number;
	readonly bytes?: number;
	readonly count?: number;
}

export function failed(reason: string, message: string, params?: FailureParams): Failure {
	return params === undefined ? {kind: 'failed', reason, message} : {kind: 'failed', reason, message, params};
}

export function isFailure(value: unknown): value is Failure {
	return typeof value === 'object' && value !== null && (value as {kind?: unknown}).kind === 'failed';
}
