/**
 * The reader's Services over the real world: config (subscriptions), the SQLite cache,
 * the refresh pipeline, rendering and the browser. cli.tsx builds it once; the UI sees
 * only the Services interface.
 */
import {spawn} from 'node:child_process';
import {setFlagsFromString} from 'node:v8';
import type {Config} from './config/config.js';
import {failed, isFailure, type Failure, type FailureParams} from './failure.js';
import type {HttpClient} from './feeds/http-types.js';
import {startDetached, whenStarted, type StartFailure} from './processes/start-child.js';
import {andWhere, compileQueryText, type QueryContext, type QueryWhere} from './query/compile.js';
import {indexWords} from './query/parse.js';
import {findWordMatches} from './query/terms.js';
import type {RenderedArticle} from './render/types.js';
import {blockColors} from './images/detect.js';
import type {GraphicsLayer} from './images/graphics-layer.js';
import type {ImageLoader} from './images/load-image.js';
import {imageCells} from './images/place-images.js';
import type {Entry, EntryCounts, EntryFilter, FeedSummary, Store} from './store/types.js';
import {isOpenableUrl, sanitizeLine} from './text/sanitize.js';
import type {AccountSyncDeps} from './use-cases/sync-accounts.js';
import type {AccountsSyncSummary, FeedHealthWord, FeedView, ListedEntry, RefreshSummary, RefreshTarget, Services, SuggestionPreview, SuggestionView, ViewInfo} from './ui/services.js';
import {removeFeed, renameFeed, setFeedTags} from './use-cases/feed-changes.js';
import {replaceFeed} from './use-cases/apply-fix.js';
import {diagnoseSubscription, healthByFeedId} from './use-cases/diagnose-feeds.js';
import {setFeedSetting, showFeedSettings, unsetFeedSetting} from './use-cases/feed-settings.js';
import {withVisibleCounts} from './use-cases/list-feeds.js';
import {buildQueryContext, loadIgnoreRules} from './use-cases/query-context.js';
import {refreshSubscriptions} from './use-cases/refresh-subscriptions.js';
import {countSearchHits, listSearchHits, planSearch, type SearchPlan} from './use-cases/search-entries.js';
import {feedTitlesById, joinSubscriptions, type SubscribedFeed} from './use-cases/subscribed-feeds.js';
import type {Suggestion} from './use-cases/suggest.js';
import type {ParsedFeed} from './feeds/types.js';

export interface AppServicesDeps {
	readonly config: Config;
	readonly store: Store;
	/** Made on first use: the first frame needs no http client. */
	readonly http: () => HttpClient;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly language: 'de' | 'en';
	readonly now?: () => Date;
	/** The per-device sync lock beside the cache; without it the reader does not sync. */
	readonly syncLockFile?: string;
	/** images: where pictures are cached on disk (under the data dir); null: no disk cache. */
	readonly imagesDir?: string | null;
	/** images: draws kitty, iTerm2 or sixel pictures beside Ink; absent or null: half-blocks. */
	readonly graphics?: GraphicsLayer | null;
	/** The reader's own process (issue 18): its refresh may tell V8 to favour memory (see keepHeapSmall). */
	readonly ownProcess?: boolean;
	/** accounts (issue 16): how the reader syncs feed server accounts; absent: it does not. */
	readonly accounts?: Omit<AccountSyncDeps, 'config' | 'store'>;
}

// A search list is ranked by relevance, not by date, so positions in it cannot come from a
// date range: they come from its ranked ids, read up to this many (a search is read, not paged through).
const SEARCH_SCAN = 2000;

// Age terms (`newer:7d`) and the ignore rules are compiled against the clock; a long session
// recompiles now and then so that "the last 7 days" keeps meaning that.
const RECOMPILE_AFTER_MS = 60_000;

/** The ignore rules and saved views compiled against the current config and cache. */
interface Compiled {
	readonly at: number;
	/** What the ignore rules leave visible; undefined without rules. */
	readonly visible: QueryWhere | undefined;
	/** What they hide (the rules OR-ed): few rows, so counting them is cheap. */
	readonly hidden: QueryWhere | undefined;
	readonly views: readonly {readonly name: string; readonly query: string; readonly filter: EntryFilter; readonly error: string | null}[];
	/** What a search's `tag:`/`feed:` terms resolve against, made on the first search. */
	context?: QueryContext;
	/** Searches planned against it, by query text. */
	readonly plans: Map<string, SearchPlan>;
	/** The user's feed titles by feed id (`blogroll rename`), read on first use; null: no feed is renamed. */
	ownTitles?: ReadonlyMap<number, string> | null;
}

/** Health words are computed anew at most this often while fetches are being recorded. */
const HEALTH_REFRESH_MS = 3000;

// An empty feed list matches nothing in the store, without a query.
const NOTHING: EntryFilter = {feedIds: []};
/**
 * The reader's refresh (issue 18) holds fewer bodies at once than `blogroll refresh`: they only
 * wait for the one parser and the cache. The feeds in progress stay as many as the CLI's: with
 * fewer, a refresh of unchanged feeds (304s, no body) waits on the network's latency instead.
 */
const READER_REFRESH_LIMITS = {bodies: 4, storeSlice: 8};

/**
 * A refresh passes every feed's posts through the reader's heap (the parsed items arrive from
 * the parse worker, are stored, and are garbage), and V8 lets the old generation grow several
 * times over before a full collection: 200 cold feeds took the reader from ~115 to ~320 MB
 * (issue 18; the heap used went back to ~60 MB after it). --optimize-for-size makes V8 grow
 * the heap in small steps and collect sooner: ~205 MB (100 000 entries: 373 → 217), with the same key figures (measured
 * under load, BENCHMARKS.md). Process-wide, so only for the reader's own process, and set
 * on its first refresh: the first frame is drawn as before.
 */
let heapKeptSmall = false;
function keepHeapSmall(): void {
	if (heapKeptSmall) return;
	heapKeptSmall = true;
	setFlagsFromString('--optimize-for-size');
}

export function createAppServices(deps: AppServicesDeps): Services {
	const {config, store} = deps;
	// images: the picture loader, made (and sharp loaded) when the first picture is wanted.
	let images$: Promise<ImageLoader> | null = null;
	const now = deps.now ?? (() => new Date());

	/**
	 * The subscriptions joined to their cache rows. A subscription without one (just
	 * imported, a rebuilt cache) gets it here, all in one transaction: it shows up at once,
	 * with zero entries, and a refresh sees it due.
	 */
	function subscribedFeeds(): SubscribedFeed<FeedSummary>[] {
		// Narrow rows: the feed list shows no fetch validators (half the time at 2 000 feeds).
		const joined = joinSubscriptions(config.subscriptions(), store.listFeedSummaries());
		const missing = joined.filter(feed => feed.cached === null);
		if (missing.length === 0) return joined;
		const created = new Map(store.transaction(() => missing.map(feed => [feed.subscription.url, store.ensureFeed(feed.subscription.url)] as const)));
		return joined.map(feed => {
			if (feed.cached !== null) return feed;
			const row = created.get(feed.subscription.url)!;
			return {...feed, cached: {id: row.id, url: row.url, title: row.title, lastError: row.lastError, lastErrorDetail: null, lastFetchedAt: row.lastFetchedAt, lastUpdatedAt: row.lastUpdatedAt, unreadCount: 0, totalCount: 0}};
		});
	}

	const urlOf = (feedId: number) => store.getFeed(feedId)?.url;

	// The health words cost about as much as the feed rows themselves (2 000 feeds: ~30 ms),
	// and a refresh reloads the feeds after every feed with news: computed at most every
	// few seconds, and again at once only when a fetch was recorded since.
	let health: {readonly at: number; readonly key: string; readonly words: ReadonlyMap<number, FeedHealthWord>} | null = null;
	function feedHealth(): ReadonlyMap<number, FeedHealthWord> {
		const time = now().getTime();
		const key = `${store.health().lastAttemptId()}:${config.subscriptions().length}`;
		if (health !== null && (health.key === key || time - health.at < HEALTH_REFRESH_MS) && time >= health.at) return health.words;
		health = {at: time, key, words: healthByFeedId({config, store, now: new Date(time)})};
		return health.words;
	}

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
			compiled = {at: time, visible: undefined, hidden: undefined, views: [], plans: new Map()};
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
		const rules = loadIgnoreRules(config, context);
		compiled = {at: time, visible: rules.visible, hidden: rules.hidden, views, context, plans: new Map()};
		return compiled;
	}
	/** The filter narrowed to what the ignore rules leave visible. */
	function visible(filter: EntryFilter): EntryFilter {
		const hidden = compile().visible;
		return hidden === undefined ? filter : {...filter, where: andWhere(filter.where, hidden)};
	}
	/**
	 * The reader's `/` reads the query language of `blogroll search` (`title:social unread`);
	 * what does not parse as a query is searched as plain words, as a search box would.
	 */
	function planOf(query: string): SearchPlan {
		const current = compile();
		const known = current.plans.get(query);
		if (known) return known;
		current.context ??= buildQueryContext(config.subscriptions(), store.listFeedRecords(), new Date(current.at));
		const planned = planSearch(query, current.context);
		const plan = 'kind' in planned ? {ranking: query, where: undefined, words: indexWords(query)} : planned;
		current.plans.set(query, plan);
		return plan;
	}
	/** The user's own feed titles (after `rename`) for the list's feed column. */
	function withOwnTitles<T extends {readonly feedId: number; readonly feedTitle: string}>(entries: readonly T[]): T[] {
		if (entries.length === 0) return [...entries];
		// Once per compile (a rename invalidates it), not per page: list moves stay cheap.
		const current = compile();
		current.ownTitles ??= config.subscriptions().every(subscription => subscription.title === null) ? null : feedTitlesById(config.subscriptions(), store.listFeedRecords());
		const titles = current.ownTitles;
		if (titles === null) return [...entries];
		return entries.map(entry => ({...entry, feedTitle: titles.get(entry.feedId) ?? entry.feedTitle}));
	}
	/** One entry with its feed's title as the user named it. */
	function entryWithOwnTitle(entry: Entry | null): Entry | null {
		if (entry === null) return null;
		const url = store.getFeed(entry.feedId)?.url;
		const own = url === undefined ? null : (config.findSubscription(url)?.title ?? null);
		return own === null ? entry : {...entry, feedTitle: own};
	}
	function listVisible(filter: EntryFilter, page: {offset: number; limit: number}): readonly ListedEntry[] {
		if (filter.search === undefined) return withOwnTitles(store.listEntries(visible(filter), page));
		const plan = planOf(filter.search);
		const hits = listSearchHits(store, plan, visible({...filter, search: undefined}), page);
		return withOwnTitles(hits.map(hit => ({...hit, titleMatches: findWordMatches(hit.title, plan.words)})));
	}
	function countVisible(filter: EntryFilter): EntryCounts & {readonly hidden?: number} {
		const counts = filter.search === undefined ? store.countEntries(visible(filter)) : countSearchHits(store, planOf(filter.search), visible({...filter, search: undefined}));
		// An empty list says why when the ignore rules hide everything in it.
		const {hidden} = compile();
		if (counts.total > 0 || hidden === undefined || filter.search !== undefined) return counts;
		const hiddenCount = store.countEntries({...filter, where: andWhere(filter.where, hidden)}).total;
		return hiddenCount === 0 ? counts : {...counts, hidden: hiddenCount};
	}
	/** The ids of a search list in its ranked order (see SEARCH_SCAN). */
	function rankedIds(filter: EntryFilter): number[] {
		return listVisible(filter, {offset: 0, limit: SEARCH_SCAN}).map(entry => entry.id);
	}
	function subscriptionOf(id: number): {url: string} | Failure {
		const feed = store.getFeed(id);
		if (!feed || !config.findSubscription(feed.url)) return failed('unknown-feed', `No subscription with id ${id}`, {count: id});
		return feed;
	}

	// accounts (issue 16): one account sync at a time; a second ask shares the running one.
	let accountSync: Promise<AccountsSyncSummary | null> | null = null;
	async function runAccountSync(): Promise<AccountsSyncSummary | null> {
		if (deps.accounts === undefined || config.accounts().length === 0) return null;
		// Loaded only with accounts: the reader's start-up does not pay for it otherwise.
		const {syncAccounts} = await import('./use-cases/sync-accounts.js');
		const outcome = await syncAccounts({...deps.accounts, config, store});
		invalidate();
		const sum = (pick: (report: (typeof outcome.accounts)[number]) => number) => outcome.accounts.reduce((total, report) => total + pick(report), 0);
		return {
			synced: outcome.accounts.filter(report => report.error === null).map(report => report.account),
			newEntries: sum(report => report.received.newEntries),
			read: sum(report => report.received.read),
			unread: sum(report => report.received.unread),
			starred: sum(report => report.received.starred),
			unstarred: sum(report => report.received.unstarred),
			feedsAdded: sum(report => report.feeds.added),
			feedsRemoved: sum(report => report.feeds.removed),
			sent: sum(report => report.sent),
			errors: [
				...outcome.problems.map(message => ({account: 'config.json', message})),
				...outcome.accounts.flatMap(report => (report.error === null ? [] : [{account: report.account, message: report.error, ...(report.failure === undefined ? {} : {failure: report.failure})}])),
			],
		};
	}

	return {
		listFeeds(): readonly FeedView[] {
			// Feed health: one word per feed from the recorded attempts (no network).
			const health = feedHealth();
			return withVisibleCounts(store, subscribedFeeds(), compile().hidden).map(feed => ({
				id: feed.cached!.id,
				url: feed.subscription.url,
				title: sanitizeLine(feed.title),
				tags: feed.subscription.tags,
				unreadCount: feed.unread,
				totalCount: feed.total,
				lastError: feed.cached!.lastError,
				lastErrorDetail: storedFailureDetail(feed.cached!.lastErrorDetail ?? null),
				lastFetchedAt: feed.cached!.lastFetchedAt,
				// A 304 is recorded only as the last attempt: after a failure, the last 200 is what is known.
				lastSucceededAt: feed.cached!.lastError === null ? feed.cached!.lastFetchedAt : feed.cached!.lastUpdatedAt,
				...(health.has(feed.cached!.id) ? {health: health.get(feed.cached!.id)!} : {}),
				...(feed.subscription.paused === true ? {paused: true} : {}),
				...(feed.subscription.account === undefined ? {} : {account: feed.subscription.account}),
			}));
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
		getEntry: id => entryWithOwnTitle(store.getEntry(id)),
		setRead: (ids, read) => void store.setRead(ids, read),
		setStarred: (id, starred) => void store.setStarred(id, starred),
		markAllRead: filter => void store.markAllRead(visible(filter)),

		async refresh(target: RefreshTarget, onProgress): Promise<RefreshSummary> {
			const urls = Array.isArray(target) ? target.flatMap(id => urlOf(id) ?? []) : undefined;
			let newEntries = 0;
			if (deps.ownProcess === true) keepHeapSmall();
			// The config may have changed beside the reader (blogroll ignore add …): a refresh picks it up.
			invalidate();
			const outcome = await refreshSubscriptions({config, store, http: deps.http(), now, language: deps.language}, {
				...(urls === undefined ? {} : {urls}),
				force: target !== 'due',
				limits: READER_REFRESH_LIMITS,
				onProgress: progress => {
					newEntries += progress.result.newEntries;
					onProgress({done: progress.done, total: progress.total, newEntries});
				},
			});
			invalidate();
			const failures = outcome.results
				.filter(result => result.outcome === 'failed')
				.map(result => ({
					feedId: store.getFeedByUrl(result.movedTo ?? result.url)?.id ?? 0,
					title: sanitizeLine(result.title ?? result.url),
					message: sanitizeLine(result.message ?? 'failed'),
				}));
			return {
				feeds: outcome.results.filter(result => result.outcome !== 'skipped').length,
				newEntries: outcome.results.reduce((sum, result) => sum + result.newEntries, 0),
				failures,
			};
		},

		async backfillFeed(id, onProgress) {
			const feed = subscriptionOf(id);
			if (isFailure(feed)) return feed;
			const {backfillSubscription} = await import('./use-cases/backfill.js');
			const outcome = await backfillSubscription(
				{feed: feed.url, onProgress: progress => onProgress({page: progress.page, added: progress.totalAdded})},
				{config, store, http: deps.http(), now},
			);
			invalidate();
			if (isFailure(outcome)) return outcome;
			return {pages: outcome.pages, added: outcome.added, done: outcome.done, alreadyDone: outcome.alreadyDone, failure: outcome.failure};
		},

		async addFeed(url, signal?: AbortSignal) {
			const {subscribe} = await import('./use-cases/subscribe.js');
			const outcome = await subscribe({url}, {config, store, http: deps.http(), now: now(), ...(signal ? {signal} : {})});
			if (isFailure(outcome)) return outcome;
			if (outcome.kind === 'already') {
				const title = sanitizeLine(outcome.title);
				return failed('already-subscribed', `Already subscribed: ${title}`, {title});
			}
			invalidate();
			return {kind: 'added', title: outcome.title, entryCount: outcome.entryCount};
		},

		async diagnoseFeed(id) {
			const feed = store.getFeed(id);
			if (!feed) return failed('unknown-feed', `No feed with id ${id}`, {count: id});
			const [{formatAttempt}, {healthWord}] = await Promise.all([import('./health/format-attempt.js'), import('./health/diagnose.js')]);
			const time = (iso: string) => formatLocalTime(iso, deps.language);
			const health = await diagnoseSubscription({config, store, now: now(), http: deps.http(), language: deps.language, formatTime: time}, feed.url);
			if (health === null) return failed('unknown-feed', `No subscription for ${sanitizeLine(feed.url)}`, {url: sanitizeLine(feed.url)});
			return {
				feedId: id,
				title: sanitizeLine(health.title),
				url: sanitizeLine(health.url),
				health: health.health,
				healthText: healthWord(health.health, deps.language),
				problems: health.problems.map(problem => ({
					kind: problem.kind,
					severity: problem.severity,
					message: sanitizeLine(problem.message),
					fix: {action: problem.fix.action, text: sanitizeLine(problem.fix.text), ...(problem.fix.url === undefined ? {} : {url: problem.fix.url})},
				})),
				attempts: health.attempts.map(attempt => sanitizeLine(formatAttempt(attempt, deps.language, time))),
				trackersRemoved: health.trackersRemoved,
			};
		},

		async replaceFeed(id, url) {
			const feed = store.getFeed(id);
			if (!feed) return failed('unknown-feed', `No feed with id ${id}`, {count: id});
			const replaced = await replaceFeed({config, store, http: deps.http(), now}, feed.url, url);
			invalidate();
			if (isFailure(replaced)) return replaced;
			return {title: replaced.kind === 'replaced' ? sanitizeLine(replaced.title) : sanitizeLine(url)};
		},

		async removeFeed(id) {
			const feed = store.getFeed(id);
			if (!feed) return failed('unknown-feed', `No feed with id ${id}`, {count: id});
			// A feed server account's feed is unsubscribed on the server first (issue 16); else the
			// next sync would bring it back. Refused or unreachable: nothing changes here.
			const subscription = config.findSubscription(feed.url);
			if (subscription?.account !== undefined && deps.accounts !== undefined) {
				const {unsubscribeOnAccount} = await import('./use-cases/accounts.js');
				const done = await unsubscribeOnAccount(subscription, {...deps.accounts, config, store});
				invalidate();
				return isFailure(done) ? done : undefined;
			}
			const removed = removeFeed({config, store}, feed.url);
			// A cache row without a subscription (left over): drop it all the same.
			if (isFailure(removed)) store.removeFeed(id);
			invalidate();
		},

		setFeedTags(id, tags) {
			const feed = subscriptionOf(id);
			if (isFailure(feed)) return feed;
			const kept = setFeedTags({config, store}, feed.url, tags);
			invalidate();
			return isFailure(kept) ? kept : undefined;
		},

		renameFeed(id, title) {
			const feed = subscriptionOf(id);
			if (isFailure(feed)) return feed;
			const renamed = renameFeed({config, store}, feed.url, title);
			invalidate();
			return isFailure(renamed) ? renamed : undefined;
		},

		feedSettings(id) {
			const feed = subscriptionOf(id);
			return isFailure(feed) ? feed : showFeedSettings({config, store}, feed.url);
		},

		setFeedSetting(id, name, value) {
			const feed = subscriptionOf(id);
			if (isFailure(feed)) return feed;
			const result = setFeedSetting({config, store}, feed.url, name, value);
			invalidate();
			return result;
		},

		unsetFeedSetting(id, name) {
			const feed = subscriptionOf(id);
			if (isFailure(feed)) return feed;
			const result = unsetFeedSetting({config, store}, feed.url, name);
			invalidate();
			return result;
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
			if (!entry) return failed('unknown-entry', `No entry with id ${entryId}`, {count: entryId});
			if (!entry.link) return failed('no-link', `“${sanitizeLine(entry.title)}” has no link to fetch`, {title: sanitizeLine(entry.title)});
			const {fetchFullArticle} = await import('./extract/fetch-full-article.js');
			const article = await fetchFullArticle(deps.http(), entry.link, deps.language);
			// The extractor names the page in its English message; the reader needs the url apart.
			if (isFailure(article)) return {...article, params: {url: sanitizeLine(entry.link), ...article.params}};
			store.setFullContent(entryId, article.content);
			return entryWithOwnTitle(store.getEntry(entryId)) ?? failed('unknown-entry', `No entry with id ${entryId}`, {count: entryId});
		},

		imageMode(feedId) {
			const mode = config.settings().images;
			if (mode === 'off' || feedId === undefined) return mode;
			const url = urlOf(feedId);
			return url !== undefined && config.findSubscription(url)?.images === 'always' ? 'auto' : mode;
		},

		drawImages(images, width, maxRows, onImage, signal) {
			const columns = Math.max(1, Math.min(width, config.settings().readingWidth));
			const reserved = images.map(image => (image.size ? imageCells(image, columns, maxRows).rows : 1));
			// The last article's pictures make way (kitty frees their data; its placeholders are gone with its lines).
			const graphics = deps.graphics ?? null;
			graphics?.reset();
			// A picture that finishes after the article was left is neither sent (kitty) nor kept (iTerm2, sixel).
			const layer: GraphicsLayer | null = graphics && {...graphics, add: (pixels, cells) => (signal.aborted ? [] : graphics.add(pixels, cells))};
			void (async () => {
				images$ ??= import('./images/reader-images.js').then(module => module.createReaderImages({http: deps.http, imagesDir: deps.imagesDir ?? null, cacheMegabytes: config.settings().imageCacheMegabytes}));
				const loader = await images$;
				await drawArticleImagesLazily(images, loader, {protocol: layer?.protocol ?? 'blocks', layer, colors: deps.env['NO_COLOR'] === undefined ? blockColors(deps.env) : 'grey', columns, maxRows}, (index, result) => {
					if (!signal.aborted) onImage(index, result);
				}, signal);
			})().catch(() => undefined);
			return reserved;
		},

		async openUrl(url) {
			if (!isOpenableUrl(url)) return failed('unsafe-url', `Not opening ${sanitizeLine(url)}: only http, https and mailto links are opened`, {url: sanitizeLine(url)});
			return openInBrowser(url, deps.env);
		},

		isStale(): boolean {
			// Paused feeds are never refreshed: they do not make the cache stale; nor do an account's (its server brings them).
			const subscribed = new Set(config.subscriptions().filter(subscription => subscription.paused !== true && subscription.account === undefined).map(subscription => subscription.url));
			// A subscription the cache has no row for was never fetched into it.
			const cached = new Set(store.listFeedUrls());
			if ([...subscribed].some(url => !cached.has(url))) return true;
			return store.listDueFeeds(now().toISOString()).some(feed => subscribed.has(feed.url));
		},

		async listSuggestions() {
			const {suggest} = await import('./use-cases/suggest.js');
			// No new probe: only what earlier runs found (and the links of new entries, counted locally).
			const result = await suggest({maxNewProbes: 0}, {config, store, http: deps.http(), now});
			return result.suggestions.map(toSuggestionView);
		},

		async findSuggestions({refresh}, onProgress) {
			const {suggest} = await import('./use-cases/suggest.js');
			const result = await suggest({refresh}, {config, store, http: deps.http(), now, onProgress: progress => onProgress({done: progress.done, total: progress.total})});
			return result.suggestions.map(toSuggestionView);
		},

		async extractPage(url) {
			const {fetchFullArticle} = await import('./extract/fetch-full-article.js');
			const article = await fetchFullArticle(deps.http(), url, deps.language);
			if (isFailure(article)) return {...article, params: {url: sanitizeLine(url), ...article.params}};
			return {html: article.content};
		},

		async previewSuggestion(feedUrl) {
			const {previewSuggestion} = await import('./use-cases/suggest.js');
			const feed = await previewSuggestion(feedUrl, {http: deps.http()});
			if (isFailure(feed)) return feed;
			return toPreview(feed, now());
		},

		async subscribeToSuggestion(feedUrl, tags) {
			const {subscribeToSuggestion} = await import('./use-cases/suggest.js');
			const outcome = await subscribeToSuggestion({feedUrl}, tags, {config, store, http: deps.http(), now});
			if (isFailure(outcome)) return outcome;
			if (outcome.kind === 'already') {
				const title = sanitizeLine(outcome.title);
				return failed('already-subscribed', `Already subscribed: ${title}`, {title});
			}
			invalidate();
			return {kind: 'added', title: outcome.title, entryCount: outcome.entryCount};
		},

		async dismissSuggestion(site) {
			const {dismissSuggestion} = await import('./use-cases/suggest.js');
			const result = dismissSuggestion(site, {store, now});
			return isFailure(result) ? result : undefined;
		},

		prepareRendering(): void {
			// marked-terminal and linkedom take ~0.5 s to load; a moment after the first frame
			// they load while the user looks at the list, not when the first article opens.
			setTimeout(() => {
				void import('./render/render-article.js').then(module => module.warmUpRenderer()).catch(() => undefined);
			}, 300).unref();
		},

		syncAccounts() {
			return (accountSync ??= runAccountSync().finally(() => {
				accountSync = null;
			}));
		},

		async sync() {
			const lockFile = deps.syncLockFile;
			const settings = config.settings();
			if (lockFile === undefined || settings.syncDir === '' || !settings.syncOnStart) return null;
			// Loaded only with a folder set: the reader's start-up does not pay for it otherwise.
			const {syncFolder} = await import('./use-cases/sync-folder.js');
			const report = syncFolder({config, store, now, lockFile});
			invalidate();
			if (isFailure(report)) return report;
			const {applied} = report;
			return {
				read: applied.read,
				unread: applied.unread,
				starred: applied.starred,
				newFeeds: applied.newFeeds,
				removedFeeds: applied.removedFeeds,
				changedFeeds: applied.changedFeeds,
				views: applied.views + applied.rules,
				from: report.from,
			};
		},
	};
}

/** A suggestion as the Discover screen shows it: sanitized texts, one reason per feed and kind. */
function toSuggestionView(suggestion: Suggestion): SuggestionView {
	const reasons: SuggestionView['reasons'][number][] = [];
	for (const reason of suggestion.reasons) {
		const feed = sanitizeLine(reason.feed);
		// A feed whose blogroll lists the site in two forms (OPML and a links page) vouches once.
		if (reason.kind === 'blogroll' && !reasons.some(known => known.kind === 'blogroll' && known.feed === feed)) reasons.push({kind: 'blogroll', feed});
		if (reason.kind === 'link') reasons.push({kind: 'link', feed, count: reason.count});
	}
	return {
		site: sanitizeLine(suggestion.site),
		title: sanitizeLine(suggestion.title) || sanitizeLine(suggestion.site),
		siteUrl: sanitizeLine(suggestion.siteUrl),
		feedUrl: suggestion.feedUrl,
		lastPostAt: suggestion.lastPostAt,
		postsPerMonth: suggestion.postsPerMonth,
		language: suggestion.language === null ? null : sanitizeLine(suggestion.language),
		dormant: suggestion.dormant,
		reasons,
	};
}

// Preview posts get ids below zero, never twice in a session: no stored entry and no
// earlier rendering (keyed by id) is ever taken for one of them.
let lastPreviewId = 0;
const PREVIEW_POSTS = 30;

/** A fetched feed's latest posts as entries that are stored nowhere. */
function toPreview(feed: ParsedFeed, now: Date): SuggestionPreview {
	const title = sanitizeLine(feed.title);
	const dated = feed.items.map(item => ({item, date: item.published ?? item.updated}));
	// Newest first; undated posts keep the feed's order, after the dated ones.
	const sorted = dated
		.map((post, index) => ({...post, index}))
		.sort((a, b) => (a.date === b.date ? a.index - b.index : a.date === null ? 1 : b.date === null ? -1 : b.date.localeCompare(a.date)));
	const seen = now.toISOString();
	const posts = sorted.slice(0, PREVIEW_POSTS).map(({item, date}) => ({
		id: --lastPreviewId,
		feedId: 0,
		feedTitle: title,
		title: sanitizeLine(item.title) || sanitizeLine(item.link ?? '') || '…',
		author: item.author === null ? null : sanitizeLine(item.author),
		link: item.link,
		date: date ?? seen,
		hasFeedDate: date !== null,
		// Nothing to mark: a preview has no read state.
		isRead: true,
		isStarred: false,
		guid: item.id,
		published: item.published,
		updated: item.updated,
		content: item.content,
		summary: item.summary,
		fullContent: null,
		firstSeenAt: seen,
	}));
	return {title, posts};
}

/**
 * `$BROWSER` if set, else the `open` package (xdg-open, open, start); never through a shell.
 * Both go through whenStarted: a missing opener (no xdg-open over SSH or in a container) or
 * one that gives up at once is a Failure, never an unhandled 'error' event.
 */
async function openInBrowser(url: string, env: AppServicesDeps['env']): Promise<void | Failure> {
	const browser = env['BROWSER'];
	let outcome: StartFailure | undefined;
	try {
		if (browser) {
			outcome = await startDetached(browser, [url], {env: {...env}});
		} else {
			const {default: open} = await import('open');
			// Listened to right away: open() returns the child before its start can fail.
			outcome = await whenStarted(await open(url));
		}
	} catch (error) {
		outcome = {kind: 'not-started', code: (error as NodeJS.ErrnoException).code ?? 'error', detail: (error as Error).message};
	}
	if (outcome === undefined) return;
	return failed('open-failed', `Could not open a browser for ${sanitizeLine(url)}: ${sanitizeLine(outcome.detail)}`, {url: sanitizeLine(url), code: sanitizeLine(outcome.code)});
}

/**
 * The reason and params the cache keeps beside a feed's last error (JSON; null for errors
 * stored before it kept them, or unreadable).
 */
function storedFailureDetail(detail: string | null): Pick<Failure, 'reason' | 'params'> | null {
	if (detail === null) return null;
	try {
		const parsed = JSON.parse(detail) as {reason?: unknown; params?: unknown};
		if (typeof parsed.reason !== 'string') return null;
		const params = typeof parsed.params === 'object' && parsed.params !== null ? (parsed.params as FailureParams) : undefined;
		return params === undefined ? {reason: parsed.reason} : {reason: parsed.reason, params};
	} catch {
		return null;
	}
}

/** images: drawArticleImages, loaded with the picture code (not on the reader's first frame). */
async function drawArticleImagesLazily(...args: Parameters<typeof import('./images/article-images.js').drawArticleImages>): Promise<void> {
	const {drawArticleImages} = await import('./images/article-images.js');
	await drawArticleImages(...args);
}

/** A time for the feed info screen: day and time in the reader's language and local zone. */
function formatLocalTime(iso: string, language: 'de' | 'en'): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {dateStyle: 'medium', timeStyle: 'short'}).format(date);
}
