/**
 * The reader's Services over the real world: config (subscriptions), the SQLite cache,
 * the refresh pipeline, rendering and the browser. cli.tsx builds it once; the UI sees
 * only the Services interface.
 */
import {spawn} from 'node:child_process';
import {buildQueryContext, loadIgnoreRules} from './commands/query-context.js';
import {joinSubscriptions} from './commands/subscribed-feeds.js';
import type {Config} from './config/config.js';
import type {Subscription} from './config/schema.js';
import {failed, isFailure, type Failure} from './failure.js';
import type {HttpClient} from './feeds/http-types.js';
import {andWhere, compileQueryText, type QueryWhere} from './query/compile.js';
import type {RenderedArticle} from './render/types.js';
import type {Entry, EntryCounts, EntryFilter, FeedRecord, Store} from './store/types.js';
import {isOpenableUrl, sanitizeLine} from './text/sanitize.js';
import type {FeedView, ListedEntry, RefreshSummary, RefreshTarget, Services, ViewInfo} from './ui/services.js';

export interface AppServicesDeps {
	readonly config: Config;
	readonly store: Store;
	/** Made on first use: the first frame needs no http client. */
	readonly http: () => HttpClient;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly language: 'de' | 'en';
	readonly now?: () => Date;
}

// A search list is ranked by relevance, not by date, so positions in it cannot come from a
// date range: they come from its ranked ids, read up to this many (a search is read, not paged through).
const SEARCH_SCAN = 2000;

// Age terms (`newer:7d`) and the ignore rules are compiled against the clock; a long session
// recompiles now and then so that "the last 7 days" keeps meaning that.
const RECOMPILE_AFTER_MS = 60_000;

/** The http client with `signal` on every request: Esc in the add dialog ends the lookup at once. */
function withSignal(http: HttpClient, signal: AbortSignal): HttpClient {
	return {get: request => http.get({...request, signal})};
}

/** The ignore rules and saved views compiled against the current config and cache. */
interface Compiled {
	readonly at: number;
	/** What the ignore rules leave visible; undefined without rules. */
	readonly visible: QueryWhere | undefined;
	/** What they hide (the rules OR-ed): few rows, so counting them is cheap. */
	readonly hidden: QueryWhere | undefined;
	readonly views: readonly {readonly name: string; readonly query: string; readonly filter: EntryFilter; readonly error: string | null}[];
}

// An empty feed list matches nothing in the store, without a query.
const NOTHING: EntryFilter = {feedIds: []};

export function createAppServices(deps: AppServicesDeps): Services {
	const {config, store} = deps;
	const now = deps.now ?? (() => new Date());

	/**
	 * The subscriptions joined to their cache rows. A subscription without one (just
	 * imported, a rebuilt cache) gets it here, all in one transaction: it shows up at once,
	 * with zero entries, and a refresh sees it due.
	 */
	function subscribedFeeds(): {readonly subscription: Subscription; readonly title: string; readonly cached: Pick<FeedRecord, 'id' | 'lastError' | 'lastFetchedAt'>; readonly counts: EntryCounts}[] {
		// Narrow rows: the feed list shows no fetch validators (half the time at 2 000 feeds).
		const joined = joinSubscriptions(config.subscriptions(), store.listFeedSummaries());
		const missing = joined.filter(feed => feed.cached === null);
		const created = new Map(missing.length === 0 ? [] : store.transaction(() => missing.map(feed => [feed.subscription.url, store.ensureFeed(feed.subscription.url)] as const)));
		return joined.map(feed => ({
			subscription: feed.subscription,
			title: feed.title,
			cached: feed.cached ?? created.get(feed.subscription.url)!,
			counts: {total: feed.cached?.totalCount ?? 0, unread: feed.cached?.unreadCount ?? 0},
		}));
	}

	const urlOf = (feedId: number) => store.getFeed(feedId)?.url;

	// Compiled once per change of the config (our own writes, a refresh, a minute passing),
	// never per keypress: a key move only ANDs the ready condition into its filter.
	let compiled: Compiled | null = null;
	const invalidate = () => {
		compiled = null;
	};
	function compile(): Compiled {
		const time = now().getTime();
		if (compiled && time - compiled.at < RECOMPILE_AFTER_MS && time >= compiled.at) return compiled;
		if (config.views().length === 0 && config.ignoreRules().length === 0) {
			// Nothing to compile: the feeds a query could name are not even read (~15 ms at 2 000 feeds).
			compiled = {at: time, visible: undefined, hidden: undefined, views: []};
			return compiled;
		}
		const context = buildQueryContext(config.subscriptions(), store.listFeedRecords(), new Date(time));
		const views = [...config.views()]
			.sort((a, b) => a.name.localeCompare(b.name, deps.language))
			.map(view => {
				const where = compileQueryText(view.query, context);
				if ('kind' in where) return {name: sanitizeLine(view.name), query: sanitizeLine(view.query), filter: NOTHING, error: sanitizeLine(where.message)};
				return {name: sanitizeLine(view.name), query: sanitizeLine(view.query), filter: {where}, error: null};
			});
		const rules = config.ignoreRules().flatMap(rule => {
			const where = compileQueryText(rule, context);
			return 'kind' in where ? [] : [where];
		});
		const hidden = rules.length === 0 ? undefined : {sql: rules.map(rule => `(${rule.sql})`).join(' OR '), params: rules.flatMap(rule => rule.params)};
		compiled = {at: time, visible: loadIgnoreRules(config, context).visible, hidden, views};
		return compiled;
	}
	/** The filter narrowed to what the ignore rules leave visible. */
	function visible(filter: EntryFilter): EntryFilter {
		const hidden = compile().visible;
		return hidden === undefined ? filter : {...filter, where: andWhere(filter.where, hidden)};
	}
	function listVisible(filter: EntryFilter, page: {offset: number; limit: number}): readonly ListedEntry[] {
		const shown = visible(filter);
		return shown.search ? store.search(shown.search, page, {...shown, search: undefined}) : store.listEntries(shown, page);
	}
	function countVisible(filter: EntryFilter): EntryCounts {
		const shown = visible(filter);
		return shown.search ? store.countSearch(shown.search, {...shown, search: undefined}) : store.countEntries(shown);
	}
	/** The ids of a search list in its ranked order (see SEARCH_SCAN). */
	function rankedIds(filter: EntryFilter): number[] {
		return listVisible(filter, {offset: 0, limit: SEARCH_SCAN}).map(entry => entry.id);
	}
	function subscriptionOf(id: number): {url: string} | Failure {
		const feed = store.getFeed(id);
		if (!feed || !config.findSubscription(feed.url)) return failed('unknown-feed', `No subscription with id ${id}`);
		return feed;
	}

	return {
		listFeeds(): readonly FeedView[] {
			const {hidden} = compile();
			// With ignore rules, one grouped count of what they hide, taken off the indexed
			// per-feed counts: the hidden entries are few, the visible ones many (0.05 ms
			// against 20 ms for counting the visible ones at 100 000 entries).
			const hiddenCounts = hidden === undefined ? null : store.countEntriesByFeed({where: hidden});
			return subscribedFeeds().map(({subscription, title, cached, counts}) => {
				const minus = hiddenCounts?.get(cached.id) ?? {total: 0, unread: 0};
				return {
					id: cached.id,
					url: subscription.url,
					title: sanitizeLine(title),
					tags: subscription.tags,
					unreadCount: Math.max(0, counts.unread - minus.unread),
					totalCount: Math.max(0, counts.total - minus.total),
					lastError: cached.lastError,
					lastFetchedAt: cached.lastFetchedAt,
				};
			});
		},
		listViews(): readonly ViewInfo[] {
			return compile().views.map(view => ({...view, counts: view.error === null ? countVisible(view.filter) : {total: 0, unread: 0}}));
		},
		listEntries: listVisible,
		countEntries: countVisible,
		findEntryIndex(filter, id) {
			if (filter.search) {
				const index = rankedIds(filter).indexOf(id);
				return index < 0 ? null : index;
			}
			return store.findEntryIndex(visible(filter), id);
		},
		findNextUnread(filter, fromId, direction) {
			if (filter.search) {
				const ranked = listVisible(filter, {offset: 0, limit: SEARCH_SCAN});
				const from = fromId === null ? (direction > 0 ? -1 : ranked.length) : ranked.findIndex(entry => entry.id === fromId);
				if (from < 0 && fromId !== null) return null;
				for (let index = from + direction; index >= 0 && index < ranked.length; index += direction) {
					const entry = ranked[index]!;
					if (!entry.isRead && entry.id !== fromId) return {id: entry.id, index};
				}
				return null;
			}
			const shown = visible(filter);
			const id = store.findNextUnread(shown, fromId, direction);
			if (id === null) return null;
			const index = store.findEntryIndex(shown, id);
			return index === null ? null : {id, index};
		},
		getEntry: id => store.getEntry(id),
		setRead: (ids, read) => void store.setRead(ids, read),
		setStarred: (id, starred) => void store.setStarred(id, starred),
		markAllRead: filter => void store.markAllRead(visible(filter)),

		async refresh(target: RefreshTarget, onProgress): Promise<RefreshSummary> {
			const subscribed = config.subscriptions().map(subscription => subscription.url);
			const urls = Array.isArray(target) ? target.flatMap(id => urlOf(id) ?? []) : subscribed;
			let newEntries = 0;
			// The config may have changed beside the reader (blogroll ignore add …): a refresh picks it up.
			invalidate();
			// The feed pipeline (parsers, linkedom) loads on the first refresh, not at start-up.
			const {refreshFeeds} = await import('./sync/refresh.js');
			const report = await refreshFeeds({http: deps.http(), store, now}, urls, {
				force: target !== 'due',
				intervalMinutes: config.settings().refreshIntervalMinutes,
				onProgress: progress => {
					newEntries += progress.result?.newEntries ?? 0;
					onProgress({done: progress.done, total: progress.total, newEntries});
				},
			});
			for (const result of report.results) {
				if (result.movedTo) config.updateSubscription(result.url, {url: result.movedTo});
			}
			invalidate();
			const failures = report.results
				.filter(result => result.outcome === 'failed')
				.map(result => ({
					feedId: store.getFeedByUrl(result.movedTo ?? result.url)?.id ?? 0,
					title: sanitizeLine(result.title ?? result.url),
					message: sanitizeLine(result.message ?? 'failed'),
				}));
			return {
				feeds: report.results.filter(result => result.outcome !== 'skipped').length,
				newEntries: report.results.reduce((sum, result) => sum + result.newEntries, 0),
				failures,
			};
		},

		async addFeed(url, signal) {
			const {subscribe} = await import('./commands/subscribe.js');
			const http = signal === undefined ? deps.http() : withSignal(deps.http(), signal);
			const outcome = await subscribe({url}, {config, store, http, now: now()});
			if (isFailure(outcome)) return {kind: 'failed', message: outcome.message};
			if (outcome.kind === 'already') return {kind: 'failed', message: `Already subscribed: ${sanitizeLine(outcome.title)}`};
			invalidate();
			return {kind: 'added', title: outcome.title, entryCount: outcome.entryCount};
		},

		async removeFeed(id) {
			const feed = store.getFeed(id);
			if (!feed) return failed('unknown-feed', `No feed with id ${id}`);
			config.removeSubscription(feed.url);
			store.removeFeed(id);
			invalidate();
		},

		setFeedTags(id, tags) {
			const feed = subscriptionOf(id);
			if (isFailure(feed)) return feed;
			const kept: string[] = [];
			for (const tag of tags.map(tag => sanitizeLine(tag.normalize('NFC')).trim())) {
				// One spelling per tag, whatever the case: `coaching` and `Coaching` are one group.
				if (tag !== '' && !kept.some(other => other.toLocaleLowerCase() === tag.toLocaleLowerCase())) kept.push(tag);
			}
			config.updateSubscription(feed.url, {tags: kept});
			invalidate();
		},

		renameFeed(id, title) {
			const feed = subscriptionOf(id);
			if (isFailure(feed)) return feed;
			// Stored sanitized, as `blogroll rename` does: a title is only ever shown as one line.
			const clean = sanitizeLine(title.normalize('NFC')).trim();
			config.updateSubscription(feed.url, {title: clean === '' ? null : clean});
			invalidate();
		},

		async renderArticle(entry: Entry, width: number, variant): Promise<RenderedArticle> {
			// Rendering pulls in turndown, marked and marked-terminal: never on the first frame.
			const {renderArticle} = await import('./render/render-article.js');
			const html = variant === 'full' && entry.fullContent ? entry.fullContent : (entry.content ?? entry.summary ?? '');
			return renderArticle(html, {
				width,
				readingWidth: config.settings().readingWidth,
				color: deps.env['NO_COLOR'] === undefined,
				language: deps.language,
				baseUrl: entry.link,
			});
		},

		async fetchFullArticle(entryId): Promise<Entry | Failure> {
			const entry = store.getEntry(entryId);
			if (!entry) return failed('unknown-entry', `No entry with id ${entryId}`);
			if (!entry.link) return failed('no-link', `"${sanitizeLine(entry.title)}" has no link to fetch`);
			const {fetchFullArticle} = await import('./extract/fetch-full-article.js');
			const article = await fetchFullArticle(deps.http(), entry.link);
			if (isFailure(article)) return article;
			store.setFullContent(entryId, article.content);
			return store.getEntry(entryId) ?? failed('unknown-entry', `No entry with id ${entryId}`);
		},

		async openUrl(url) {
			if (!isOpenableUrl(url)) return failed('unsafe-url', `Not opening ${sanitizeLine(url)}: only http, https and mailto links are opened`);
			return openInBrowser(url, deps.env['BROWSER']);
		},

		isStale(): boolean {
			const subscribed = new Set(config.subscriptions().map(subscription => subscription.url));
			// A subscription the cache has no row for was never fetched into it.
			const cached = new Set(store.listFeedUrls());
			if ([...subscribed].some(url => !cached.has(url))) return true;
			return store.listDueFeeds(now().toISOString()).some(feed => subscribed.has(feed.url));
		},

		prepareRendering(): void {
			// marked-terminal and linkedom take ~0.5 s to load; a moment after the first frame
			// they load while the user looks at the list, not when the first article opens.
			setTimeout(() => {
				void import('./render/render-article.js').then(module => module.warmUpRenderer()).catch(() => undefined);
			}, 300).unref();
		},
	};
}

/** `$BROWSER` if set, else the `open` package; never through a shell. */
async function openInBrowser(url: string, browser: string | undefined): Promise<void | Failure> {
	try {
		if (browser) {
			const child = spawn(browser, [url], {detached: true, stdio: 'ignore'});
			await new Promise<void>((resolve, reject) => {
				child.once('spawn', resolve);
				child.once('error', reject);
			});
			child.unref();
			return;
		}
		const {default: open} = await import('open');
		const child = await open(url);
		child.unref();
	} catch (error) {
		return failed('open-failed', `Could not open a browser for ${sanitizeLine(url)}: ${sanitizeLine((error as Error).message)}`);
	}
}
