import type {Config} from '../config/config.js';
import {discoverFeeds, type DiscoveredFeed} from '../feeds/discover.js';
import type {HttpClient} from '../feeds/http-types.js';
import {parseInputUrl} from '../feeds/input-url.js';
import {failed, isFailure, type Failure} from '../failure.js';
import type {Store} from '../store/types.js';
import {successAttempt} from '../sync/attempt.js';
import {discoveredPointers, storeParsedFeed} from '../sync/store-feed.js';
import {sanitizeLine} from '../text/sanitize.js';
import {normalizeTags} from './feed-changes.js';

export interface SubscribeRequest {
	readonly url: string;
	readonly title?: string | null;
	readonly tags?: readonly string[];
	/** 1-based choice among several discovered feeds; default the first (the best). */
	readonly pick?: number;
}

export type SubscribeOutcome =
	| {
			readonly kind: 'added';
			readonly url: string;
			readonly title: string;
			readonly entryCount: number;
			/** Every feed discovery found, best first; `pick` chose among them. */
			readonly candidates: readonly DiscoveredFeed[];
			readonly pick: number;
	  }
	| {readonly kind: 'already'; readonly url: string; readonly title: string};

export interface SubscribeDeps {
	readonly config: Config;
	readonly store: Store;
	readonly http: HttpClient;
	readonly now: Date;
	/** Aborting it ends the lookup: no request is started after, a running one is left, nothing is saved. */
	readonly signal?: AbortSignal;
}

/**
 * Subscribes the way `blogroll add` and the reader's `a` both do: the url may be a feed or
 * a site (discovery validates every candidate by fetching and parsing it); the chosen feed
 * is saved in the config and its entries are cached right away. A url already subscribed
 * changes nothing.
 */
export async function subscribe(request: SubscribeRequest, deps: SubscribeDeps): Promise<SubscribeOutcome | Failure> {
	const {config, store, now, signal} = deps;
	const http = signal ? abortable(deps.http, signal) : deps.http;
	const url = parseInputUrl(request.url);
	if (isFailure(url)) return url;
	const existing = config.findSubscription(url);
	if (existing) return {kind: 'already', url, title: existing.title ?? existingTitle(store, url)};

	const discovered = await discoverWithPlainHttpFallback(http, url, request.url);
	if (signal?.aborted) return cancelled(url);
	if (isFailure(discovered)) return discovered;
	const {candidates} = discovered;
	const pick = request.pick ?? 1;
	const chosen = candidates[pick - 1];
	if (!chosen) {
		return failed('bad-pick', `--pick ${pick}: ${url} has only ${candidates.length} feed${candidates.length === 1 ? '' : 's'}`);
	}
	const already = config.findSubscription(chosen.url);
	if (already) return {kind: 'already', url: chosen.url, title: already.title ?? (sanitizeLine(chosen.feed.title) || chosen.url)};

	const title = request.title ? sanitizeLine(request.title) || null : null;
	// Cache first, config second: a failing cache write leaves no subscription behind that
	// the command reported as failed; a failing config write takes its cache rows back.
	// Blogroll pointers in what discovery fetched anyway are kept for Discover (no request).
	const pointers = discoveredPointers(chosen.answer, discovered.page);
	// The fetch discovery made is recorded like a refresh's, so feed info and doctor know it.
	const meta = {...chosen.meta, permanentUrl: null, finalUrl: chosen.answer.url};
	const attempt = successAttempt(chosen.url, now.toISOString(), 'updated', meta, null);
	const stored = storeParsedFeed(store, chosen.url, chosen.feed, chosen.meta ?? null, now, config.settings().refreshIntervalMinutes, attempt, pointers);
	try {
		config.addSubscription({
			url: chosen.url,
			title,
			tags: normalizeTags(request.tags ?? []),
			fullArticle: false,
			addedAt: now.toISOString(),
		});
	} catch (error) {
		store.removeFeed(stored.feed.id);
		return failed('config-unwritable', `Cannot save the subscription to ${config.path}: ${sanitizeLine((error as Error).message)}`);
	}
	return {
		kind: 'added',
		url: chosen.url,
		title: title ?? (sanitizeLine(chosen.feed.title) || chosen.url),
		entryCount: stored.added,
		candidates,
		pick,
	};
}

/**
 * A url typed without a scheme is tried with https first; a site that only speaks plain
 * http (a small host, a local server) is then tried with http, as browsers do. An https
 * url the user wrote out is never downgraded.
 */
async function discoverWithPlainHttpFallback(http: HttpClient, url: string, typed: string) {
	const discovered = await discoverFeeds(http, url);
	const schemeTyped = /^\s*[a-z][a-z\d+.-]*:\/\//i.test(typed);
	if (!isFailure(discovered) || schemeTyped || !url.startsWith('https:')) return discovered;
	const plain = await discoverFeeds(http, `http:${url.slice('https:'.length)}`);
	return isFailure(plain) ? discovered : plain;
}

function existingTitle(store: Store, url: string): string {
	return store.getFeedByUrl(url)?.title ?? url;
}

function cancelled(url: string): Failure {
	return failed('cancelled', `Cancelled looking for a feed at ${sanitizeLine(url)}`);
}

/** The client with `signal` on every request: the fetch itself is aborted (HttpRequest.signal), not just left behind. */
function abortable(http: HttpClient, signal: AbortSignal): HttpClient {
	return {get: request => http.get({...request, signal})};
}
