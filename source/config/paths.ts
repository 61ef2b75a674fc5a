import {homedir} from 'node:os';
import {join} from 'node:path';

/** Where blogroll keeps things. `blogroll paths` prints these. */
export interface BlogrollPaths {
	/** Directory of config.json (settings + subscriptions). */
	readonly configDir: string;
	readonly configFile: string;
	/** Directory of cache.db (entries, fetch state). */
	readonly dataDir: string;
	readonly cacheFile: string;
}

/**
 * BLOGROLL_HOME puts everything under one directory (tests, the demo); otherwise the
 * XDG base directories, so that config and cache can be backed up (or deleted) apart.
 */
export function resolvePaths(env: Readonly<Record<string, string | undefined>>, home: string = homedir()): BlogrollPaths {
	// An empty BLOGROLL_HOME (`BLOGROLL_HOME= blogroll`) is unset, not the current directory.
	const blogrollHome = nonEmpty(env['BLOGROLL_HOME']);
	const configDir = blogrollHome ?? join(nonEmpty(env['XDG_CONFIG_HOME']) ?? join(home, '.config'), 'blogroll');
	const dataDir = blogrollHome ?? join(nonEmpty(env['XDG_DATA_HOME']) ?? join(home, '.local', 'share'), 'blogroll');
	return {
		configDir,
		configFile: join(configDir, 'config.json'),
		dataDir,
		cacheFile: join(dataDir, 'cache.db'),
	};
}

function nonEmpty(value: string | undefined): string | undefined {
	return value === undefined || value === '' ? undefined : value;
}
