import {isFailure} from '../failure.js';
import {formatQueryFailure, parseQuery, type QueryFailure} from '../query/parse.js';
import {findWordMatches, splitByRanges} from '../query/terms.js';
import type {EntryListItem} from '../store/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import {truncateToWidth} from '../text/width.js';
import {reportError, type CommandContext} from './context.js';
import {searchEntries} from '../use-cases/search-entries.js';
import type {CommandIO} from './types.js';

export interface SearchOptions {
	/** The query language of views: bare words search title, author and text. */
	readonly query: string;
	readonly json: boolean;
	readonly limit: number;
	/** No ANSI styling even on a terminal; matches are shown in [brackets]. */
	readonly plain: boolean;
}

/**
 * `blogroll search <query>`: entries matching the query, best match first (relevance,
 * then date) when it has words to rank by, else newest first. Ignored entries stay hidden.
 */
export async function runSearch(options: SearchOptions, context: CommandContext): Promise<number> {
	const {io} = context;
	// Checked before the cache is opened: a malformed query is refused at once.
	const node = parseQuery(options.query);
	if ('kind' in node) return reportQueryFailure(io, node);
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);

	const found = searchEntries({config, store, now: context.now()}, options.query, {offset: 0, limit: options.limit});
	if (isFailure(found)) return reportQueryFailure(io, found);
	const {entries, counts, words} = found;

	if (options.json) {
		io.stdout.write(`${JSON.stringify({total: counts.total, unread: counts.unread, entries: entries.map(entry => toJson(entry, words))}, null, 2)}\n`);
		return 0;
	}
	if (entries.length === 0) {
		io.stdout.write(`Nothing matches ${sanitizeLine(options.query)}.\n`);
		return 0;
	}
	const color = !options.plain && io.stdout.isTTY === true && (io.env['NO_COLOR'] ?? '') === '';
	const columns = io.stdout.isTTY === true ? io.stdout.columns : undefined;
	for (const entry of entries) io.stdout.write(formatHit(entry, words, color, columns));
	const more = counts.total > entries.length ? ` (showing ${entries.length}; --limit for more)` : '';
	io.stdout.write(`${counts.total} match${counts.total === 1 ? '' : 'es'}, ${counts.unread} unread${more}\n`);
	return 0;
}

/** A query error on stderr: the problem, then the query with a caret under the column. */
export function reportQueryFailure(io: CommandIO, failure: QueryFailure): 1 {
	io.stderr.write(`blogroll: ${formatQueryFailure(failure)}\n`);
	return 1;
}

function formatHit(entry: EntryListItem, words: readonly string[], color: boolean, columns: number | undefined): string {
	const title = sanitizeLine(entry.title) || '(untitled)';
	const highlighted = splitByRanges(title, findWordMatches(title, words))
		.map(part => (part.isMatch ? (color ? `\u001B[1;4m${part.text}\u001B[22;24m` : `[${part.text}]`) : part.text))
		.join('');
	const unread = entry.isRead ? ' ' : '•';
	const star = entry.isStarred ? '★ ' : '';
	const feed = sanitizeLine(entry.feedTitle);
	const first = `${unread} ${formatDay(entry.date)}  ${color ? `\u001B[2m${feed}\u001B[22m` : feed}  ${star}${highlighted}`;
	const link = entry.link ? `${' '.repeat(14)}${sanitizeLine(entry.link)}\n` : '';
	// cli-truncate keeps ANSI styles balanced when it cuts.
	return `${columns ? truncateToWidth(first, columns) : first}\n${link}`;
}

/** YYYY-MM-DD of the entry's date in local time. */
function formatDay(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return '????-??-??';
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function toJson(entry: EntryListItem, words: readonly string[]) {
	const title = sanitizeLine(entry.title);
	return {
		id: entry.id,
		date: entry.date,
		feedId: entry.feedId,
		feed: sanitizeLine(entry.feedTitle),
		title,
		author: entry.author === null ? null : sanitizeLine(entry.author),
		link: entry.link === null ? null : sanitizeLine(entry.link),
		isRead: entry.isRead,
		isStarred: entry.isStarred,
		/** [start, end) in `title` (UTF-16 units, as String#slice). */
		titleMatches: findWordMatches(title, words),
	};
}
