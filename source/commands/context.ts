import type {Config} from '../config/config.js';
import type {BlogrollPaths} from '../config/paths.js';
import type {Failure} from '../failure.js';
import type {HttpClient} from '../feeds/http-types.js';
import type {Store} from '../store/types.js';
import type {CommandIO} from './types.js';

/**
 * What a command may use. cli.tsx builds it; each resource is opened on first use so
 * that `blogroll paths` or `--help` never touch the cache, and `export` works even
 * when the cache is broken.
 */
export interface CommandContext {
	readonly io: CommandIO;
	readonly paths: BlogrollPaths;
	config(): Config | Failure;
	/** Opens cache.db (moving a corrupt one aside and starting a fresh one). */
	store(): Store | Failure;
	http(): HttpClient;
	now(): Date;
}

/** Print one error line, the way every command reports what failed. */
export function reportError(io: CommandIO, message: string): 1 {
	io.stderr.write(`blogroll: ${message}\n`);
	return 1;
}
