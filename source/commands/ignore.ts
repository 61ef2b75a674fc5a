import {isFailure} from '../failure.js';
import {compileQuery} from '../query/compile.js';
import {parseQuery} from '../query/parse.js';
import {sanitizeLine} from '../text/sanitize.js';
import {reportError, type CommandContext} from './context.js';
import {buildQueryContext} from './query-context.js';
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
	const rules = config.ignoreRules();
	if (rules.includes(query)) {
		io.stdout.write(`Already ignored: ${sanitizeLine(query)}\n`);
		return 0;
	}
	config.setIgnoreRules([...rules, query]);
	const store = context.store();
	// How much it hides right now, so that a too-broad rule shows at once.
	const hidden = isFailure(store)
		? ''
		: ` (hides ${plural(store.countEntries({where: compileQuery(node, buildQueryContext(config.subscriptions(), store.listFeeds(), context.now()))}).total)})`;
	io.stdout.write(`Ignoring ${sanitizeLine(query)}${hidden}. Undo with: blogroll ignore remove ${rules.length + 1}\n`);
	return 0;
}

/** `blogroll ignore list`: the rules, numbered for `ignore remove`, with how many entries each hides. */
export async function runIgnoreList(context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const rules = config.ignoreRules();
	if (rules.length === 0) {
		io.stdout.write('No ignore rules. Add one with: blogroll ignore add <query>\n');
		return 0;
	}
	const store = context.store();
	const queryContext = isFailure(store) ? undefined : buildQueryContext(config.subscriptions(), store.listFeeds(), context.now());
	rules.forEach((rule, index) => {
		const node = parseQuery(rule);
		let note = '';
		if ('kind' in node) note = `  (invalid: ${node.message})`;
		else if (!isFailure(store) && queryContext) note = `  (hides ${plural(store.countEntries({where: compileQuery(node, queryContext)}).total)})`;
		io.stdout.write(`${index + 1}  ${sanitizeLine(rule)}${note}\n`);
	});
	return 0;
}

/** `blogroll ignore remove <n>`: n as `ignore list` numbers the rules. */
export async function runIgnoreRemove(options: {readonly number: number}, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const rules = config.ignoreRules();
	const rule = rules[options.number - 1];
	if (rule === undefined) return reportError(io, `There is no ignore rule ${options.number} (see blogroll ignore list)`);
	config.setIgnoreRules(rules.filter((_rule, index) => index !== options.number - 1));
	io.stdout.write(`No longer ignoring ${sanitizeLine(rule)}.\n`);
	return 0;
}

function plural(count: number): string {
	return `${count} cached entr${count === 1 ? 'y' : 'ies'}`;
}
