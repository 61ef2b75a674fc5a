import {isFailure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {displayWidth, truncateToWidth} from '../text/width.js';
import {reportError, type CommandContext} from './context.js';
import {listFeeds, type ListedFeed} from '../use-cases/list-feeds.js';
import {healthByFeedId} from '../use-cases/diagnose-feeds.js';
import type {Health} from '../health/types.js';

/** `blogroll list [--json]`: every subscription with counts and fetch state. */
export async function runList(options: {readonly json: boolean}, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);
	// Counts without what the ignore rules hide: the same numbers as the reader's.
	const feeds = listFeeds({config, store, now: context.now()});
	// One word of health per feed (feed health, issue 14): from the recorded attempts, no network.
	const health = healthByFeedId({config, store, now: context.now()});

	if (options.json) {
		io.stdout.write(`${JSON.stringify(feeds.map((feed) => toJson(feed, health)), null, 2)}\n`);
		return 0;
	}
	if (feeds.length === 0) {
		io.stdout.write('No subscriptions yet. Add one with: blogroll add <site or feed url>\n');
		return 0;
	}
	const width = Math.max(60, Math.min(io.stdout.columns ?? 100, 160));
	const idWidth = Math.max(...feeds.map(feed => String(feed.cached?.id ?? '-').length));
	for (const feed of feeds) io.stdout.write(formatFeed(feed, idWidth, width, context.now(), health));
	const unread = feeds.reduce((sum, feed) => sum + feed.unread, 0);
	io.stdout.write(`${feeds.length} feed${feeds.length === 1 ? '' : 's'}, ${unread} unread\n`);
	return 0;
}

function formatFeed(feed: ListedFeed, idWidth: number, width: number, now: Date, health: ReadonlyMap<number, Health>): string {
	const {cached, subscription} = feed;
	const id = String(cached?.id ?? '-').padStart(idWidth);
	const counts = cached ? `${feed.unread}/${feed.total} unread` : 'not fetched yet';
	const tags = subscription.tags.map(tag => `#${sanitizeLine(tag)}`).join(' ');
	// Private feeds stay out of the published blogroll (export --blogroll).
	const paused = subscription.paused === true ? '  (paused)' : '';
	// A feed server account's feed (issue 16): the server brings it, blogroll does not fetch it.
	const account = subscription.account === undefined ? '' : `  @${subscription.account}`;
	const right = `  ${counts}${tags ? `  ${tags}` : ''}${subscription.private === true ? '  (private)' : ''}${paused}${account}`;
	const titleSpace = Math.max(10, width - idWidth - 2 - displayWidth(right));
	const indent = ' '.repeat(idWidth + 2);
	const lines = [`${id}  ${truncateToWidth(sanitizeLine(feed.title), titleSpace)}${right}`, `${indent}${sanitizeLine(subscription.url)}`];
	if (subscription.account !== undefined) {
		lines.push(`${indent}from the account ${subscription.account}`);
	} else if (cached?.lastFetchedAt) {
		const status = cached.lastStatus === 0 || cached.lastStatus === null ? 'error' : String(cached.lastStatus);
		// A paused feed has no next fetch, whatever the cache planned before the pause.
		const next = subscription.paused === true ? ' · paused' : cached.nextFetchAt ? ` · next ${formatTime(cached.nextFetchAt, now)}` : '';
		const updated = cached.lastUpdatedAt ? ` · updated ${formatTime(cached.lastUpdatedAt, now)}` : '';
		const word = cached ? health.get(cached.id) ?? 'ok' : 'ok';
		lines.push(`${indent}${status} · ${word} · fetched ${formatTime(cached.lastFetchedAt, now)}${updated}${next}`);
	}
	if (cached?.lastError) lines.push(`${indent}! ${truncateToWidth(sanitizeLine(cached.lastError), width - indent.length - 2)}`);
	return `${lines.join('\n')}\n`;
}

/** Local `YYYY-MM-DD HH:MM`, without the date when it is today. */
export function formatTime(iso: string, now: Date): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return '?';
	const pad = (value: number) => String(value).padStart(2, '0');
	const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
	const sameDay = date.toDateString() === now.toDateString();
	return sameDay ? time : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}

function toJson(feed: ListedFeed, health: ReadonlyMap<number, Health>) {
	const {cached, subscription} = feed;
	return {
		id: cached?.id ?? null,
		title: feed.title,
		url: subscription.url,
		siteUrl: cached?.siteUrl ?? null,
		tags: subscription.tags,
		private: subscription.private === true,
		paused: subscription.paused === true,
		unread: feed.unread,
		total: feed.total,
		lastStatus: cached?.lastStatus ?? null,
		lastFetchedAt: cached?.lastFetchedAt ?? null,
		lastUpdatedAt: cached?.lastUpdatedAt ?? null,
		nextFetchAt: subscription.paused === true ? null : cached?.nextFetchAt ?? null,
		lastError: cached?.lastError ?? null,
		errorStreak: cached?.errorStreak ?? 0,
		health: cached ? health.get(cached.id) ?? 'ok' : null,
		account: subscription.account ?? null,
	};
}
