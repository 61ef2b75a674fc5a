/**
 * The cache file cannot be used: not a SQLite database, or `PRAGMA quick_check` found
 * damage. The cache holds nothing that cannot be fetched again (except read/starred
 * flags), so cli.tsx moves the file (with its `-wal` and `-shm` siblings) aside and
 * opens a fresh one, rebuilt from the subscriptions on the next refresh.
 */
export class CacheCorruptError extends Error {
	override readonly name = 'CacheCorruptError';

	constructor(
		readonly path: string,
		readonly detail: string,
	) {
		super(`The cache ${path} is damaged (${detail})`);
	}
}

/**
 * The cache was written by a newer blogroll (its schema version is higher than any this
 * version knows). Not damaged: the caller should say so instead of throwing it away.
 */
export class CacheTooNewError extends Error {
	override readonly name = 'CacheTooNewError';

	constructor(
		readonly path: string,
		readonly version: number,
		readonly supportedVersion: number,
	) {
		super(`The cache ${path} has schema version ${version}; this blogroll knows up to ${supportedVersion}. Please update blogroll.`);
	}
}
