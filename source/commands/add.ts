import {discoverFeeds} from '../feeds/discover.js';
import {parseInputUrl} from '../feeds/input-url.js';
import {isFailure} from '../failure.js';
import {storeParsedFeed} from '../sync/refresh.js';
import {sanitizeLine} from '../text/sanitize.js';
import {reportError, type CommandContext} from './context.js';

export interface AddOptions {
	readonly url: string;
	readonly title?: string;
	readonly tags?: readonly string[];
	/** 1-based choice among several discovered feeds. */
	readonly pick?: number;
}

/**
 * `blogroll add <url>`: the url may be a feed or a site; discovery finds and validates
 * the site's feeds (posts feed before comments feed), the chosen one is subscribed and
 * its entries cached right away.
 */
export async function runAdd(options: AddOptions, context: CommandContext): Promise<number> {
	const {io} = context;
	const url = parseInputUrl(options.url);
	if (isFailure(url)) return reportError(io, url.message);
	if (options.pick !== undefined && (!Number.isInteger(options.pick) || options.pick < 1)) {
		return reportError(io, `--pick takes a number from 1 on, not ${sanitizeLine(String(options.pick))}`);
	}
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);

	const existing = config.findSubscription(url);
	if (existing) {
		io.stdout.write(`Already subscribed: ${existing.title ?? existing.url} (${existing.url}); nothing changed.\n`);
		return 0;
	}

	const discovered = await discoverFeeds(context.http(), url);
	if (isFailure(discovered)) return reportError(io, discovered.message);
	const {candidates} = discovered;
	const pick = options.pick ?? 1;
	if (pick > candidates.length) {
		return reportError(io, `--pick ${pick}: ${url} has only ${candidates.length} feed${candidates.length === 1 ? '' : 's'}`);
	}
	if (candidates.length > 1) {
		io.stdout.write(`Found ${candidates.length} feeds at ${url}:\n`);
		candidates.forEach((candidate, index) => {
			const mark = index + 1 === pick ? '*' : ' ';
			io.stdout.write(` ${mark} ${index + 1}. ${sanitizeLine(candidate.title) || '(untitled)'}  ${candidate.url}\n`);
		});
		io.stdout.write(`Subscribing to ${pick}${options.pick === undefined ? ' (choose another with --pick N)' : ''}.\n`);
	}
	const chosen = candidates[pick - 1]!;

	const already = config.findSubscription(chosen.url);
	if (already) {
		io.stdout.write(`Already subscribed: ${already.title ?? chosen.feed.title} (${chosen.url}); nothing changed.\n`);
		return 0;
	}

	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);
	const title = options.title === undefined ? null : sanitizeLine(options.title) || null;
	config.addSubscription({
		url: chosen.url,
		title,
		tags: normalizeTags(options.tags ?? []),
		fullArticle: false,
		addedAt: context.now().toISOString(),
	});
	const stored = storeParsedFeed(store, chosen.url, chosen.feed, chosen.meta, context.now(), config.settings().refreshIntervalMinutes);
	const shownTitle = title ?? (sanitizeLine(chosen.feed.title) || chosen.url);
	io.stdout.write(`Subscribed to ${shownTitle} (${chosen.url}): ${stored.added} entr${stored.added === 1 ? 'y' : 'ies'} cached.\n`);
	return 0;
}

/** Tags are trimmed, single-line, unique, in the order given. */
export function normalizeTags(tags: readonly string[]): string[] {
	const cleaned = tags.flatMap(tag => tag.split(',')).map(tag => sanitizeLine(tag)).filter(tag => tag !== '');
	return [...new Set(cleaned)];
}
