import {isFailure} from '../failure.js';
import {parseQuery} from '../query/parse.js';
import {sanitizeLine} from '../text/sanitize.js';
import {addIgnoreRule, listIgnoreRules, removeIgnoreRule} from '../use-cases/views-and-rules.js';
import {reportError, type CommandContext} from './context.js';
import {reportQueryFailure} from './search.js';

/**
 * `blogroll ignore add <query>`: entries the query matches are hidden from lists, views and
 * search. Nothing is deleted: `ignore remove` brings them back.
 */
export async function runIgnoreAdd(options: {readonly query: string}, context: CommandContext): Promise<number> {
	const {io} = context;
	const query = options.query.trim();
	const node = parseQuery(query);
	if ('kind' in node) return reportQueryFailure(io, node);
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const added = addIgnoreRule({config, store: context.store(), now: context.now()}, query);
	if (isFailure(added)) return reportQueryFailure(io, added);
	if (!added.added) {
		io.stdout.write(`Already ignored: ${sanitizeLine(query)}\n`);
		return 0;
	}
	const hidden = added.hides === null ? '' : ` (hides ${plural(added.hides)})`;
	io.stdout.write(`Ignoring ${sanitizeLine(query)}${hidden}. Undo with: blogroll ignore remove ${added.number}\n`);
	return 0;
}

/** `blogroll ignore list [--json]`: the rules, numbered for `ignore remove`, with how many entries each hides. */
export async function runIgnoreList(options: {readonly json: boolean}, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const rules = config.ignoreRules().length === 0 ? [] : listIgnoreRules({config, store: context.store(), now: context.now()});
	if (options.json) {
		io.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
		return 0;
	}
	if (rules.length === 0) {
		io.stdout.write('No ignore rules. Add one with: blogroll ignore add <query>\n');
		return 0;
	}
	const numberWidth = String(rules.length).length;
	for (const rule of rules) {
		const note = rule.error !== null ? `  (invalid: ${rule.error})` : rule.hides === null ? '' : `  (hides ${plural(rule.hides)})`;
		io.stdout.write(`${String(rule.number).padStart(numberWidth)}  ${rule.query}${note}\n`);
	}
	return 0;
}

/** `blogroll ignore remove <n>`: n as `ignore list` numbers the rules. */
export async function runIgnoreRemove(options: {readonly number: number}, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const removed = removeIgnoreRule(config, options.number);
	if (isFailure(removed)) return reportError(io, removed.message);
	io.stdout.write(`No longer ignoring ${removed.query}.\n`);
	return 0;
}

function plural(count: number): string {
	return `${count} cached entr${count === 1 ? 'y' : 'ies'}`;
}
