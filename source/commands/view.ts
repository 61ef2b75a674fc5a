import {isFailure} from '../failure.js';
import {parseQuery} from '../query/parse.js';
import {sanitizeLine} from '../text/sanitize.js';
import {displayWidth} from '../text/width.js';
import {countViews} from '../use-cases/views-and-rules.js';
import {reportError, type CommandContext} from './context.js';
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

	const rows = countViews({config, store, now: context.now()});
	if (options.json) {
		io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
		return 0;
	}
	if (rows.length === 0) {
		io.stdout.write('No saved views yet. Add one with: blogroll view add <name> <query>\n');
		return 0;
	}
	// Columns by display width: „Führung“, wide characters and emoji line up too.
	const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));
	const countsOf = (row: (typeof rows)[number]) => (row.error === null ? `${row.unread}/${row.total} unread` : 'invalid');
	const nameWidth = Math.max(...rows.map(row => displayWidth(row.name)));
	const countsWidth = Math.max(...rows.map(row => displayWidth(countsOf(row))));
	for (const row of rows) {
		const query = row.error === null ? row.query : `${row.query}  (${sanitizeLine(row.error)})`;
		io.stdout.write(`${pad(row.name, nameWidth)}  ${pad(countsOf(row), countsWidth)}  ${query}\n`);
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

// View names are matched as a user types them: without regard to case.
function sameName(a: string, b: string): boolean {
	return a.normalize('NFC').toLocaleLowerCase() === b.normalize('NFC').toLocaleLowerCase();
}
