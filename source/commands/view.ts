import type {Config} from '../config/config.js';
import {isFailure, type Failure} from '../failure.js';
import {compileQuery, type QueryContext} from '../query/compile.js';
import {withoutIgnored} from '../query/ignore.js';
import {parseQuery} from '../query/parse.js';
import type {Store} from '../store/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import {reportError, type CommandContext} from './context.js';
import {buildQueryContext, loadIgnoreRules} from './query-context.js';
import {reportQueryFailure} from './search.js';

/** `blogroll view add <name> <query>`: saves a named query (replacing one of that name) after checking it parses. */
export async function runViewAdd(options: {readonly name: string; readonly query: string}, context: CommandContext): Promise<number> {
	const {io} = context;
	const name = sanitizeLine(options.name.normalize('NFC'));
	if (name === '') return reportError(io, 'A view needs a name');
	const query = options.query.trim();
	const node = parseQuery(query);
	if ('kind' in node) return reportQueryFailure(io, node);
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);

	const views = config.views();
	const existing = views.findIndex(view => sameName(view.name, name));
	const view = {name, query};
	config.setViews(existing === -1 ? [...views, view] : views.map((old, index) => (index === existing ? view : old)));
	io.stdout.write(`${existing === -1 ? 'Saved' : 'Updated'} view ${name}: ${sanitizeLine(query)}\n`);
	return 0;
}

/** `blogroll view list [--json]`: each saved view with its unread and total entries (ignored entries not counted). */
export async function runViewList(options: {readonly json: boolean}, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);

	const rows = countViews(config, store, buildQueryContext(config.subscriptions(), store.listFeeds(), context.now()));
	if (options.json) {
		io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
		return 0;
	}
	if (rows.length === 0) {
		io.stdout.write('No saved views yet. Add one with: blogroll view add <name> <query>\n');
		return 0;
	}
	const nameWidth = Math.max(...rows.map(row => row.name.length));
	for (const row of rows) {
		const counts = row.error === null ? `${row.unread}/${row.total} unread` : `invalid: ${row.error}`;
		io.stdout.write(`${row.name.padEnd(nameWidth)}  ${counts}  ${row.query}\n`);
	}
	return 0;
}

/** `blogroll view remove <name>`. */
export async function runViewRemove(options: {readonly name: string}, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const views = config.views();
	const kept = views.filter(view => !sameName(view.name, options.name));
	const shown = sanitizeLine(options.name);
	if (kept.length === views.length) return reportError(io, `No view is called "${shown}" (see blogroll view list)`);
	config.setViews(kept);
	io.stdout.write(`Removed view ${shown}.\n`);
	return 0;
}

/** A saved view with its counts, as `view list` shows it and the reader may too. */
export interface ViewCounts {
	readonly name: string;
	readonly query: string;
	readonly unread: number;
	readonly total: number;
	/** Why the stored query does not parse (a hand-edited config); counts are 0 then. */
	readonly error: string | null;
}

export function countViews(config: Config, store: Store, context: QueryContext): ViewCounts[] {
	const ignore = loadIgnoreRules(config, context);
	return config.views().map(view => {
		const name = sanitizeLine(view.name);
		const query = sanitizeLine(view.query);
		const node = parseQuery(view.query);
		if ('kind' in node) return {name, query, unread: 0, total: 0, error: (node as Failure).message};
		const counts = store.countEntries({where: withoutIgnored(compileQuery(node, context), ignore)});
		return {name, query, unread: counts.unread, total: counts.total, error: null};
	});
}

// View names are matched as a user types them: without regard to case.
function sameName(a: string, b: string): boolean {
	return a.normalize('NFC').toLocaleLowerCase() === b.normalize('NFC').toLocaleLowerCase();
}
