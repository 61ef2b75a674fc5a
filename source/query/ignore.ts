/**
 * Ignore rules (newsboat's killfile): queries whose matching entries are hidden everywhere.
 * They are applied when entries are read, not when they are stored: the cache keeps every
 * entry, so removing a rule brings its entries back at once and no migration is needed.
 */
import {andWhere, compileQuery, type QueryContext, type QueryWhere} from './compile.js';
import {parseQuery, type QueryFailure} from './parse.js';

/** The condition that hides what the rules match, and the rules that did not parse. */
export interface CompiledIgnoreRules {
	/** `NOT (rule1 OR rule2 …)`; undefined when there is no valid rule. */
	readonly visible: QueryWhere | undefined;
	/** `rule1 OR rule2 …`, what they hide (few rows, cheap to count); undefined without a valid rule. */
	readonly hidden: QueryWhere | undefined;
	/** Invalid rules (a hand-edited config) by their index in the list; they hide nothing. */
	readonly invalid: readonly {readonly index: number; readonly failure: QueryFailure}[];
}

export function compileIgnoreRules(rules: readonly string[], context: QueryContext): CompiledIgnoreRules {
	const conditions: QueryWhere[] = [];
	const invalid: {index: number; failure: QueryFailure}[] = [];
	rules.forEach((rule, index) => {
		const node = parseQuery(rule);
		if ('kind' in node) invalid.push({index, failure: node});
		else conditions.push(compileQuery(node, context));
	});
	if (conditions.length === 0) return {visible: undefined, hidden: undefined, invalid};
	const hidden = {sql: conditions.map(condition => `(${condition.sql})`).join(' OR '), params: conditions.flatMap(condition => condition.params)};
	return {visible: {sql: `NOT (${hidden.sql})`, params: hidden.params}, hidden, invalid};
}

/** A `where` narrowed to what the ignore rules leave visible. */
export function withoutIgnored(where: QueryWhere | undefined, rules: CompiledIgnoreRules): QueryWhere | undefined {
	return andWhere(where, rules.visible);
}
