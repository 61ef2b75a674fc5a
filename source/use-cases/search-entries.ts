/**
 * One search, one language, everywhere: `blogroll search` and the reader's `/` both read a
 * query of the view language (`title:social unread`, plain words, „phrases“) through here.
 */
import type {Config} from '../config/config.js';
import {andWhere, compileQuery, type QueryContext, type QueryWhere} from '../query/compile.js';
import {parseQuery, type QueryFailure} from '../query/parse.js';
import {highlightWords, rankingWords, withoutRankedTerms} from '../query/terms.js';
import type {EntryCounts, EntryFilter, EntryListItem, Page, Store} from '../store/types.js';
import {buildQueryContext, loadIgnoreRules} from './query-context.js';
import {feedTitlesById} from './subscribed-feeds.js';

/** How many words `Store.search` looks at (entry-sql.ts MAX_SEARCH_WORDS). */
const STORE_SEARCH_WORDS = 16;

/**
 * A parsed search: `ranking` are the words Store.search requires and ranks by (empty: no
 * ranking, list by date), `where` the rest of the query, `words` what titles highlight.
 */
export interface SearchPlan {
	readonly ranking: string;
	readonly where: QueryWhere | undefined;
	readonly words: readonly string[];
}

export function planSearch(query: string, context: QueryContext): SearchPlan | QueryFailure {
	const node = parseQuery(query);
	if ('kind' in node) return node;
	const ranking = rankingWords(node);
	// Store.search requires and ranks by its words (bm25: title above author above text);
	// the rest of the query (or-branches, filters) decides through `where`. It reads at
	// most 16 words: beyond that the whole query goes into `where` to stay exact.
	const tooMany = ranking === '' || ranking.split(' ').length > STORE_SEARCH_WORDS;
	const rest = tooMany ? node : withoutRankedTerms(node);
	return {ranking, where: rest === null ? undefined : compileQuery(rest, context), words: highlightWords(node)};
}

/** One page of a planned search within `filter` (ignore rules, a feed …): best first, or newest first without ranking words. */
export function listSearchHits(store: Store, plan: SearchPlan, filter: EntryFilter, page: Page): readonly EntryListItem[] {
	const within = {...filter, search: undefined, where: andWhere(filter.where, plan.where)};
	return plan.ranking === '' ? store.listEntries(within, page) : store.search(plan.ranking, page, within);
}

export function countSearchHits(store: Store, plan: SearchPlan, filter: EntryFilter): EntryCounts {
	const within = {...filter, search: undefined, where: andWhere(filter.where, plan.where)};
	return plan.ranking === '' ? store.countEntries(within) : store.countSearch(plan.ranking, within);
}

/** What a search found: one page, the counts of all hits, and the words to highlight. */
export interface SearchResult {
	readonly entries: readonly EntryListItem[];
	readonly counts: EntryCounts;
	readonly words: readonly string[];
}

/**
 * `blogroll search`: the query over every cached entry the ignore rules leave visible, best
 * match first (relevance, then newest) when it has words to rank by, else newest first.
 * Feed titles are the user's own (`blogroll rename`).
 */
export function searchEntries(deps: {readonly config: Config; readonly store: Store; readonly now: Date}, query: string, page: Page): SearchResult | QueryFailure {
	const {config, store} = deps;
	const cachedFeeds = store.listFeeds();
	const context = buildQueryContext(config.subscriptions(), cachedFeeds, deps.now);
	const plan = planSearch(query, context);
	if ('kind' in plan) return plan;
	const filter: EntryFilter = {where: loadIgnoreRules(config, context).visible};
	const titles = feedTitlesById(config.subscriptions(), cachedFeeds);
	const entries = listSearchHits(store, plan, filter, page).map(entry => ({...entry, feedTitle: titles.get(entry.feedId) ?? entry.feedTitle}));
	return {entries, counts: countSearchHits(store, plan, filter), words: plan.words};
}
