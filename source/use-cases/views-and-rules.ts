/**
 * Saved views and ignore rules with their counts, as `blogroll view list` and
 * `blogroll ignore list` show them (ignored entries never counted in a view).
 */
import type {Config} from '../config/config.js';
import {failed, isFailure, type Failure} from '../failure.js';
import {compileQuery} from '../query/compile.js';
import {withoutIgnored} from '../query/ignore.js';
import {parseQuery, type QueryFailure} from '../query/parse.js';
import type {Store} from '../store/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import {buildQueryContext, loadIgnoreRules} from './query-context.js';

/** A saved view with its counts. */
export interface ViewCounts {
	readonly name: string;
	readonly query: string;
	readonly unread: number;
	readonly total: number;
	/** Why the stored query does not parse (a hand-edited config); counts are 0 then. */
	readonly error: string | null;
}

export function countViews(deps: {readonly config: Config; readonly store: Store; readonly now: Date}): ViewCounts[] {
	const {config, store} = deps;
	const context = buildQueryContext(config.subscriptions(), store.listFeeds(), deps.now);
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

/** An ignore rule, numbered as `ignore remove` takes it, with how many cached entries it hides. */
export interface IgnoreRuleInfo {
	readonly number: number;
	readonly query: string;
	/** null when the cache could not be opened, or the rule does not parse. */
	readonly hides: number | null;
	/** Why a (hand-edited) rule does not parse; it hides nothing then. */
	readonly error: string | null;
}

export function listIgnoreRules(deps: {readonly config: Config; readonly store: Store | Failure; readonly now: Date}): IgnoreRuleInfo[] {
	const {config, store} = deps;
	const context = isFailure(store) ? undefined : buildQueryContext(config.subscriptions(), store.listFeeds(), deps.now);
	return config.ignoreRules().map((rule, index) => {
		const node = parseQuery(rule);
		const query = sanitizeLine(rule);
		if ('kind' in node) return {number: index + 1, query, hides: null, error: node.message};
		const hides = isFailure(store) || !context ? null : store.countEntries({where: compileQuery(node, context)}).total;
		return {number: index + 1, query, hides, error: null};
	});
}

/** Adds a rule (after checking it parses); a rule already there changes nothing. */
export function addIgnoreRule(
	deps: {readonly config: Config; readonly store: Store | Failure; readonly now: Date},
	rule: string,
): {readonly added: boolean; readonly number: number; readonly hides: number | null} | QueryFailure {
	const {config, store} = deps;
	const query = rule.trim();
	const node = parseQuery(query);
	if ('kind' in node) return node;
	const rules = config.ignoreRules();
	const existing = rules.indexOf(query);
	if (existing !== -1) return {added: false, number: existing + 1, hides: null};
	config.setIgnoreRules([...rules, query]);
	// How much it hides right now, so that a too-broad rule shows at once.
	const hides = isFailure(store) ? null : store.countEntries({where: compileQuery(node, buildQueryContext(config.subscriptions(), store.listFeeds(), deps.now))}).total;
	return {added: true, number: rules.length + 1, hides};
}

/** Removes rule `number` (1-based, as listed). */
export function removeIgnoreRule(config: Config, number: number): {readonly query: string} | Failure {
	const rules = config.ignoreRules();
	const rule = rules[number - 1];
	if (rule === undefined) return failed('unknown-rule', `There is no ignore rule ${number} (see blogroll ignore list)`);
	config.setIgnoreRules(rules.filter((_rule, index) => index !== number - 1));
	return {query: sanitizeLine(rule)};
}
