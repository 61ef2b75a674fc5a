/**
 * The reader's Services over the real world: config (subscriptions), the SQLite cache,
 * the refresh pipeline, rendering and the browser. cli.tsx builds it once; the UI sees
 * only the Services interface.
 */
import {spawn} from 'node:child_process';
import {subscribe} from './commands/subscribe.js';
import {joinSubscriptions} from './commands/subscribed-feeds.js';
import type {Config} from './config/config.js';
import {failed, isFailure, type Failure} from './failure.js';
import type {HttpClient} from './feeds/http-types.js';
import type {RenderedArticle} from './render/types.js';
import type {Entry, Store} from './store/types.js';
import {refreshFeeds} from './sync/refresh.js';
import {isOpenableUrl, sanitizeLine} from './text/sanitize.js';
import type {FeedView, RefreshSummary, RefreshTarget, Services} from './ui/services.js';

export interface AppServicesDeps {
	readonly config: Config;
	readonly store: Store;
	/** Made on first use: the first frame needs no http client. */
	readonly http: () => HttpClient;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly language: 'de' | 'en';
	readonly now?: () => Date;
}

export function createAppServices(deps: AppServicesDeps): Services {
	const {config, store} = deps;
	const now = deps.now ?? (() => new Date());

	// Every subscription gets a cache row (and so an id) before the UI asks for feeds:
	// an imported or rebuilt-cache subscription shows up at once, with zero entries.
	for (const subscription of config.subscriptions()) store.ensureFeed(subscription.url);

	const urlOf = (feedId: number) => store.getFeed(feedId)?.url;

	return {
		listFeeds(): readonly FeedView[] {
			return joinSubscriptions(config.subscriptions(), store.listFeeds()).flatMap(feed => {
				const cached = feed.cached ?? store.ensureFeed(feed.subscription.url);
				return [
					{
						id: cached.id,
						url: feed.subscription.url,
						title: sanitizeLine(feed.title),
						tags: feed.subscription.tags,
						unreadCount: feed.cached?.unreadCount ?? 0,
						totalCount: feed.cached?.totalCount ?? 0,
						lastError: cached.lastError,
						lastFetchedAt: cached.lastFetchedAt,
					},
				];
			});
		},
		listEntries: (filter, page) => (filter.search ? store.search(filter.search, page, {...filter, search: undefined}) : store.listEntries(filter, page)),
		countEntries: filter => (filter.search ? store.countSearch(filter.search, {...filter, search: undefined}) : store.countEntries(filter)),
		findEntryIndex: (filter, id) => store.findEntryIndex(filter, id),
		getEntry: id => store.getEntry(id),
		setRead: (ids, read) => void store.setRead(ids, read),
		setStarred: (id, starred) => void store.setStarred(id, starred),
		markAllRead: filter => void store.markAllRead(filter),

		async refresh(target: RefreshTarget, onProgress): Promise<RefreshSummary> {
			const subscribed = config.subscriptions().map(subscription => subscription.url);
			const urls = Array.isArray(target) ? target.flatMap(id => urlOf(id) ?? []) : subscribed;
			let newEntries = 0;
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

		async addFeed(url) {
			const outcome = await subscribe({url}, {config, store, http: deps.http(), now: now()});
			if (isFailure(outcome)) return {kind: 'failed', message: outcome.message};
			if (outcome.kind === 'already') return {kind: 'failed', message: `Already subscribed: ${sanitizeLine(outcome.title)}`};
			return {kind: 'added', title: outcome.title, entryCount: outcome.entryCount};
		},

		async removeFeed(id) {
			const feed = store.getFeed(id);
			if (!feed) return failed('unknown-feed', `No feed with id ${id}`);
			config.removeSubscription(feed.url);
			store.removeFeed(id);
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
			return store.listDueFeeds(now().toISOString()).some(feed => subscribed.has(feed.url));
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
