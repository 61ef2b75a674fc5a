import {isFailure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {reportError, type CommandContext} from './context.js';
import {subscribe} from '../use-cases/subscribe.js';

export interface AddOptions {
	readonly url: string;
	readonly title?: string;
	readonly tags?: readonly string[];
	/** 1-based choice among several discovered feeds. */
	readonly pick?: number;
}

/** `blogroll add <url>`: subscribe to a feed or a site (see subscribe()), and say what happened. */
export async function runAdd(options: AddOptions, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);

	const outcome = await subscribe(options, {config, store, http: context.http(), now: context.now()});
	if (isFailure(outcome)) return reportError(io, outcome.message);
	if (outcome.kind === 'already') {
		io.stdout.write(`Already subscribed: ${sanitizeLine(outcome.title)} (${outcome.url}); nothing changed.\n`);
		return 0;
	}
	const {candidates, pick} = outcome;
	if (candidates.length > 1) {
		io.stdout.write(`Found ${candidates.length} feeds:\n`);
		candidates.forEach((candidate, index) => {
			const mark = index + 1 === pick ? '*' : ' ';
			io.stdout.write(` ${mark} ${index + 1}. ${sanitizeLine(candidate.title) || '(untitled)'}  ${candidate.url}\n`);
		});
		if (options.pick === undefined) io.stdout.write('Subscribing to 1 (choose another with --pick N).\n');
	}
	const entries = `${outcome.entryCount} entr${outcome.entryCount === 1 ? 'y' : 'ies'}`;
	io.stdout.write(`Subscribed to ${sanitizeLine(outcome.title)} (${outcome.url}): ${entries} cached.\n`);
	return 0;
}
