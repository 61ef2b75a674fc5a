/**
 * A parsed query → one parameterised SQL condition over `entries e` and `feeds f`, the
 * `EntryFilter.where` the store accepts. Every user value travels as a parameter; the SQL
 * text is built only from this file's own literals. Tags and local titles live in the
 * config, not the cache, so `tag:` and `feed:` are resolved to feed ids here, from a
 * context the caller builds (which keeps this module pure).
 */
import type {EntryFilter} from '../store/types.js';
import {ftsPrefixTerm} from '../text/fold.js';
import {parseQuery, type QueryFailure, type QueryNode} from './parse.js';

/** A compiled condition: exactly the shape of `EntryFilter['where']`. */
export type QueryWhere = NonNullable<EntryFilter['where']>;

/** One subscribed feed as the query language sees it. */
export interface QueryFeed {
	/** The cache's feed id. */
	readonly id: number;
	readonly url: string;
	/** The user's title and the feed's own, whichever exist. */
	readonly titles: readonly string[];
	readonly tags: readonly string[];
}

/** What a query is resolved against: the feeds (for `tag:` and `feed:`) and the clock (for ages). */
export interface QueryContext {
	readonly feeds: readonly QueryFeed[];
	readonly now: Date;
}

// The full-text table of the store (migration 1): columns title, author, body, tokenizer
// unicode61 with remove_diacritics 2, so `funf` finds „Fünf“ and case never matters.
const FTS_CONDITION = 'e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)';

/** Parses and compiles in one step: what `view add`, `ignore add` and `search` need. */
export function compileQueryText(query: string, context: QueryContext): QueryWhere | QueryFailure {
	const node = parseQuery(query);
	if ('kind' in node) return node;
	return compileQuery(node, context);
}

export function compileQuery(node: QueryNode, context: QueryContext): QueryWhere {
	const params: (string | number)[] = [];
	const sql = compileNode(node, context, params);
	return {sql, params};
}

function compileNode(node: QueryNode, context: QueryContext, params: (string | number)[]): string {
	switch (node.type) {
		case 'and':
		case 'or':
			return `(${node.children.map(child => compileNode(child, context, params)).join(node.type === 'and' ? ' AND ' : ' OR ')})`;
		case 'not':
			return `NOT ${compileNode(node.child, context, params)}`;
		case 'flag':
			// Literal conditions, as the store's partial indexes are written (see entry-sql.ts).
			if (node.flag === 'unread') return '(e.is_read = 0)';
			if (node.flag === 'read') return '(e.is_read = 1)';
			return '(e.is_starred = 1)';
		case 'text':
			params.push(toFtsMatch(node.words, node.exact, node.field));
			return `(${FTS_CONDITION})`;
		case 'tag': {
			const tag = foldForMatch(node.value);
			return feedIdsCondition(context.feeds.filter(feed => feed.tags.some(own => foldForMatch(own) === tag)), params);
		}
		case 'feed': {
			const needle = foldForMatch(node.value);
			return feedIdsCondition(
				context.feeds.filter(feed => [feed.url, ...feed.titles].some(text => foldForMatch(text).includes(needle))),
				params,
			);
		}
		case 'age': {
			const moment = node.since.kind === 'date' ? node.since.iso : new Date(context.now.getTime() - node.since.milliseconds).toISOString();
			params.push(moment);
			// sort_date is ISO 8601 UTC text: string order is time order, and the date index serves it.
			return node.direction === 'newer' ? '(e.sort_date >= ?)' : '(e.sort_date < ?)';
		}
	}
}

function feedIdsCondition(feeds: readonly QueryFeed[], params: (string | number)[]): string {
	// No feed: a constant false keeps `not tag:x` meaning "everything".
	if (feeds.length === 0) return '(0)';
	if (feeds.length === 1) {
		// (feed_id, sort_date) gives this feed's entries already in list order.
		params.push(feeds[0]!.id);
		return '(e.feed_id = ?)';
	}
	// One parameter whatever the count, as the store writes it (entry-sql.ts); SQLite picks
	// the feed indexes or a date index by its statistics.
	params.push(JSON.stringify(feeds.map(feed => feed.id)));
	return '(e.feed_id IN (SELECT value FROM json_each(?)))';
}

/**
 * Words → an FTS5 MATCH string that is only double-quoted words (which the tokenizer
 * reduced to letters and digits, so no quote can be inside): one phrase when `exact`,
 * else every word required and matched as a prefix. A column filter limits it to a field.
 */
export function toFtsMatch(words: readonly string[], exact: boolean, field: 'any' | 'title' | 'author'): string {
	const expression = exact ? `"${words.join(' ')}"` : words.map(ftsPrefixTerm).join(' AND ');
	if (field === 'any') return expression;
	return `${field} : (${expression})`;
}

/** Case and diacritics folded, as the index compares words: „Führung“ → `fuhrung`. */
export function foldForMatch(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().normalize('NFC').trim();
}

/** Combines conditions with AND; undefined and empty ones are left out. */
export function andWhere(...conditions: readonly (QueryWhere | undefined | null)[]): QueryWhere | undefined {
	const present = conditions.filter((condition): condition is QueryWhere => condition != null && condition.sql.trim() !== '');
	if (present.length === 0) return undefined;
	if (present.length === 1) return present[0];
	return {sql: present.map(condition => `(${condition.sql})`).join(' AND '), params: present.flatMap(condition => condition.params)};
}

export type {QueryFailure};
