import {isFailure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {markOlderRead, type MarkOlderRequest} from '../use-cases/mark-read.js';
import {reportError, type CommandContext} from './context.js';

export type MarkReadOptions = MarkOlderRequest;

/** `blogroll mark-read --older-than 30d [--feed F]`: marks old unread entries read. */
export async function runMarkRead(options: MarkReadOptions, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);
	const marked = markOlderRead({config, store, now: context.now()}, options);
	if (isFailure(marked)) return reportError(io, 'problem' in marked ? `--older-than: ${marked.problem}` : marked.message);
	const scope = marked.feedTitle === null ? 'all feeds' : sanitizeLine(marked.feedTitle);
	io.stdout.write(`Marked ${marked.count} entr${marked.count === 1 ? 'y' : 'ies'} older than ${sanitizeLine(options.olderThan.trim())} read (${scope}).\n`);
	return 0;
}
