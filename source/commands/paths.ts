import type {CommandContext} from './context.js';

/** `blogroll paths`: where the config (subscriptions) and the cache live. */
export async function runPaths(context: CommandContext): Promise<number> {
	const {paths, io} = context;
	io.stdout.write(`config  ${paths.configFile}\n`);
	io.stdout.write(`cache   ${paths.cacheFile}\n`);
	return 0;
}
