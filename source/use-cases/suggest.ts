/**
 * Suggestions (issue 13): what `blogroll suggest` and the reader's Discover screen both do.
 * Plain functions over explicit deps; they return values or Failures and print nothing.
 *
 * One run: (1) count the links of the entries cached since the last run, per site and
 * feed; (2) look at the followed sites not looked at yet (all of them with `refresh`) for
 * blogrolls; (3) rank the candidates; (4) probe the best unprobed ones for a feed, at most
 * `suggestProbesPerRun` new sites (and, with `refresh`, ask the known ones again,
 * conditionally); (5) rank again, now knowing which blogs are dormant. Only candidates
 * with a found, valid posts feed become suggestions. Nothing is ever subscribed here.
 */
import pLimit from 'p-limit';
import type {Config} from '../config/config.js';
import type {Subscription} from '../config/schema.js';
import {collectBlogrolls, probeSite, reprobeFeed} from '../discover/collect.js';
import {effectiveExclusions, isExcludedSite} from '../discover/excluded-domains.js';
import {countNewLinks} from '../discover/scan-links.js';
import {describeReasons, rankCandidates, type RankedCandidate} from '../discover/rank.js';
import {homeOf, siteKeyOf} from '../discover/site-key.js';
import type {Candidate, Evidence} from '../discover/types.js';
import {failed, isFailure, type Failure} from '../failure.js';
import {FEED_ACCEPT} from '../feeds/http.js';
import type {HttpClient} from '../feeds/http-types.js';
import {decodeBody} from '../feeds/decode.js';
import {parseFeed} from '../feeds/parse.js';
import type {ParsedFeed} from '../feeds/types.js';
import type {DismissedRow, EvidenceRow, SiteRow} from '../store/discover-store.js';
import type {FeedRecord, Store} from '../store/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import {subscribe, type SubscribeOutcome} from './subscribe.js';

export interface SuggestDeps {
	readonly config: Config;
	readonly store: Store;
	readonly http: HttpClient;
	readonly now: () => Date;
	/** Called as probes finish (for a progress line); never for the offline part. */
	readonly onProgress?: (progress: SuggestProgress) => void;
}

export interface SuggestProgress {
	readonly done: number;
	readonly total: number;
	readonly url: string;
}

export interface SuggestRequest {
	/** Ask every known site again (conditional GET) and look at every followed site's blogrolls again. */
	readonly refresh?: boolean;
	/** How many suggestions to return; default all. */
	readonly limit?: number;
	/** Override the `suggestProbesPerRun` setting (0: offline, from what is known). */
	readonly maxNewProbes?: number;
}

/** Why a site is suggested: each reason names the followed feed it comes from. */
export type SuggestionReason =
	| {readonly kind: 'blogroll'; readonly feed: string; readonly blogroll: string}
	| {readonly kind: 'link'; readonly feed: string; readonly count: number};

/** One suggestion, as `suggest --json` prints it and the Discover screen lists it. */
export interface Suggestion {
	readonly site: string;
	readonly title: string;
	readonly siteUrl: string;
	readonly feedUrl: string;
	readonly lastPostAt: string | null;
	readonly postsPerMonth: number;
	readonly language: string | null;
	readonly dormant: boolean;
	readonly score: number;
	readonly reasons: readonly SuggestionReason[];
	/** The reasons in plain English words ("in the blogrolls of …; linked 7 times from 3 of your feeds"). */
	readonly why: string;
}

export interface SuggestResult {
	readonly suggestions: readonly Suggestion[];
	/** Candidates still waiting for a first probe (the per-run bound was reached). */
	readonly unprobed: number;
	/** Requests made for new sites this run (followed sites and candidates). */
	readonly newProbes: number;
}

const PROBE_CONCURRENCY = 8;
const DAY_MS = 86_400_000;
/** A site that failed to answer is tried again after a day; one without a feed after a month. */
const RETRY_FAILED_AFTER_DAYS = 1;
const RETRY_NO_FEED_AFTER_DAYS = 30;

function isWorthAnotherLook(row: SiteRow, now: Date): boolean {
	if (row.status === 'found') return false;
	const days = row.status === 'failed' ? RETRY_FAILED_AFTER_DAYS : RETRY_NO_FEED_AFTER_DAYS;
	return now.getTime() - Date.parse(row.probedAt) >= days * DAY_MS;
}

export async function suggest(request: SuggestRequest, deps: SuggestDeps): Promise<SuggestResult> {
	const {config, store} = deps;
	const discover = store.discover();
	const settings = config.settings();
	const subscriptions = config.subscriptions();
	const cached = new Map(store.listFeedRecords().map(feed => [feed.url, feed]));
	const sources = subscriptions.map(subscription => describeSource(subscription, cached.get(subscription.url)));
	const followedSites = new Set(sources.flatMap(source => source.sites));
	const exclusions = effectiveExclusions(settings.suggestExcludedDomains, settings.suggestAllowedDomains);
	const collectDeps = {http: deps.http, discover, now: deps.now};
	let budget = request.maxNewProbes ?? settings.suggestProbesPerRun;
	let newProbes = 0;

	// Usually nothing left: entries are counted as they are stored (see scan-links.ts).
	countNewLinks(discover);

	// Followed sites first: their blogrolls make candidates.
	const limit = pLimit(PROBE_CONCURRENCY);
	const scanned = discover.listScannedSources();
	const toScan = sources.filter(source => request.refresh === true || !scanned.has(source.feedUrl));
	const scans: Promise<void>[] = [];
	for (const source of toScan) {
		const known = scanned.has(source.feedUrl);
		if (!known) {
			if (budget <= 0) continue;
			budget--;
			newProbes++;
		}
		scans.push(
			limit(async () => {
				const listed = await collectBlogrolls(collectDeps, source.feedUrl, source.siteUrl);
				const rows = listed.flatMap(site => {
					const key = siteKeyOf(site.url);
					return key === null ? [] : [{site: key, url: site.url, feedUrl: site.feedUrl, title: site.title, via: site.via}];
				});
				discover.replaceBlogrollEvidence(source.feedUrl, rows);
				discover.markSourceScanned(source.feedUrl, deps.now().toISOString());
			}),
		);
	}
	await Promise.all(scans);

	const dismissed = new Set(discover.listDismissed().map(row => row.site));
	const context = {followedSites, exclusions, dismissedSites: dismissed};
	// Indexed by site once: looking rows up per candidate in the whole table made a dense
	// cache (350 000 rows, 2 600 suggestions) take minutes.
	const evidence = groupBySite(discover.listEvidence());
	const sites = new Map(discover.listSites().map(row => [row.site, row]));
	const preliminary = rankCandidates(toCandidates(evidence, sources, sites), context);

	// Probes, best candidates first.
	const probes: {readonly site: string; readonly run: () => Promise<SiteRow>}[] = [];
	let unprobed = 0;
	for (const candidate of preliminary) {
		const known = sites.get(candidate.site);
		if (known !== undefined && !isWorthAnotherLook(known, deps.now())) {
			if (request.refresh === true && known.status === 'found') probes.push({site: candidate.site, run: () => reprobeFeed(collectDeps, known)});
			continue;
		}
		if (budget <= 0) {
			unprobed++;
			continue;
		}
		budget--;
		newProbes++;
		const where = bestUrl(evidence, candidate.site);
		probes.push({site: candidate.site, run: () => probeSite(collectDeps, candidate.site, where.url, where.feedUrl)});
	}
	let done = 0;
	await Promise.all(
		probes.map(probe =>
			limit(async () => {
				const row = await probe.run();
				discover.putSite(row);
				sites.set(row.site, row);
				deps.onProgress?.({done: ++done, total: probes.length, url: row.feedUrl ?? row.siteUrl ?? row.site});
			}),
		),
	);

	const ranked = rankCandidates(toCandidates(evidence, sources, sites), context);
	const names = new Map(sources.map(source => [source.feedUrl, source.name]));
	const subscribed = new Set(subscriptions.map(subscription => subscription.url));
	const suggestions: Suggestion[] = [];
	for (const candidate of ranked) {
		const row = sites.get(candidate.site);
		if (row?.status !== 'found' || row.feedUrl === null) continue;
		// A feed the user follows under another site's name (a feed host) is no suggestion.
		if (subscribed.has(row.feedUrl)) continue;
		suggestions.push(toSuggestion(candidate, row, evidence, names));
		if (request.limit !== undefined && suggestions.length >= request.limit) break;
	}
	return {suggestions, unprobed, newProbes};
}

/** A followed feed as evidence names it. */
interface Source {
	readonly feedUrl: string;
	readonly siteUrl: string | null;
	readonly name: string;
	/** Its own site (of the site url and of the feed url: a feed host is followed too). */
	readonly sites: readonly string[];
}

function describeSource(subscription: Subscription, cached: FeedRecord | undefined): Source {
	const siteUrl = cached?.siteUrl ?? null;
	const sites = [siteKeyOf(subscription.url), siteUrl === null ? null : siteKeyOf(siteUrl)].filter((site): site is string => site !== null);
	return {feedUrl: subscription.url, siteUrl, name: sanitizeLine(subscription.title ?? cached?.title ?? '') || subscription.url, sites: [...new Set(sites)]};
}

/** The evidence rows of each site (the store lists them ordered by site). */
function groupBySite(rows: readonly EvidenceRow[]): Map<string, EvidenceRow[]> {
	const bySite = new Map<string, EvidenceRow[]>();
	for (const row of rows) {
		const list = bySite.get(row.site);
		if (list === undefined) bySite.set(row.site, [row]);
		else list.push(row);
	}
	return bySite;
}

function toCandidates(evidence: ReadonlyMap<string, readonly EvidenceRow[]>, sources: readonly Source[], sites: ReadonlyMap<string, SiteRow>): Candidate[] {
	const bySource = new Map(sources.map(source => [source.feedUrl, source]));
	const grouped = new Map<string, Evidence[]>();
	for (const row of [...evidence.values()].flat()) {
		// Evidence of a feed no longer followed is kept (it may come back) but not counted.
		const source = bySource.get(row.sourceFeedUrl);
		if (source === undefined) continue;
		const sourceSite = source.sites[source.sites.length - 1] ?? source.feedUrl;
		const item: Evidence =
			row.kind === 'blogroll'
				? {kind: 'blogroll', source: source.name, sourceSite, via: row.via ?? row.url}
				: {kind: 'link', source: source.name, sourceSite, count: row.count};
		// A site never vouches for itself, under any of its names.
		if (source.sites.includes(row.site)) continue;
		const list = grouped.get(row.site) ?? [];
		list.push(item);
		grouped.set(row.site, list);
	}
	return [...grouped].map(([site, items]) => ({site, evidence: items, dormant: sites.get(site)?.dormant ?? false}));
}

/** Where to look for a site: the url a blogroll lists (with its feed) before a linked post. */
function bestUrl(evidence: ReadonlyMap<string, readonly EvidenceRow[]>, site: string): {url: string; feedUrl: string | null} {
	const rows = evidence.get(site) ?? [];
	const listed = rows.find(row => row.kind === 'blogroll' && row.feedUrl !== null) ?? rows.find(row => row.kind === 'blogroll') ?? rows[0];
	return {url: homeOf(listed?.url ?? `https://${site}/`) ?? `https://${site}/`, feedUrl: listed?.feedUrl ?? null};
}

function toSuggestion(candidate: RankedCandidate, row: SiteRow, evidence: ReadonlyMap<string, readonly EvidenceRow[]>, names: ReadonlyMap<string, string>): Suggestion {
	const reasons: SuggestionReason[] = [];
	for (const item of evidence.get(candidate.site) ?? []) {
		if (!names.has(item.sourceFeedUrl)) continue;
		const feed = names.get(item.sourceFeedUrl)!;
		if (item.kind === 'blogroll') reasons.push({kind: 'blogroll', feed, blogroll: item.via ?? item.url});
	}
	for (const link of candidate.linkSources) reasons.push({kind: 'link', feed: link.source, count: link.count});
	return {
		site: candidate.site,
		title: row.title ?? candidate.site,
		siteUrl: row.siteUrl ?? `https://${candidate.site}/`,
		feedUrl: row.feedUrl!,
		lastPostAt: row.lastPostAt,
		postsPerMonth: row.postsPerMonth,
		language: row.language,
		dormant: row.dormant,
		score: candidate.score,
		reasons,
		why: describeReasons(candidate),
	};
}

/** The site a url names: a probed feed's site when the url is its feed, else its own. */
function siteOfUrl(store: Store, url: string): string | Failure {
	const trimmed = url.trim();
	const probed = store.discover().listSites().find(row => row.feedUrl === trimmed || row.siteUrl === trimmed);
	if (probed) return probed.site;
	const hasScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(trimmed);
	// `mailto:x@example.org` is no site (a port, `example.org:8080`, is no scheme).
	const otherScheme = !hasScheme && /^[a-z][a-z\d+.-]*:(?!\d)/i.test(trimmed);
	const site = otherScheme ? null : siteKeyOf(hasScheme ? trimmed : `https://${trimmed}`);
	return site ?? failed('bad-url', `Not a site or feed url: ${sanitizeLine(url)}`);
}

/** Hides a suggestion for good (by site or feed url); dismissing twice changes nothing. */
export function dismissSuggestion(url: string, deps: Pick<SuggestDeps, 'store' | 'now'>): {readonly site: string} | Failure {
	const site = siteOfUrl(deps.store, url);
	if (isFailure(site)) return site;
	deps.store.discover().dismiss(site, sanitizeLine(url.trim()), deps.now().toISOString());
	return {site};
}

/** Brings a dismissed suggestion back; a Failure when it was not dismissed. */
export function undismissSuggestion(url: string, deps: Pick<SuggestDeps, 'store'>): {readonly site: string} | Failure {
	const site = siteOfUrl(deps.store, url);
	if (isFailure(site)) return site;
	if (!deps.store.discover().undismiss(site)) return failed('not-dismissed', `${sanitizeLine(url)} was not dismissed`);
	return {site};
}

export function listDismissed(deps: Pick<SuggestDeps, 'store'>): readonly DismissedRow[] {
	return deps.store.discover().listDismissed();
}

/**
 * A suggestion's latest posts, fetched now and not kept: nothing is written to the
 * subscriptions or the entries (the Discover screen's preview).
 */
export async function previewSuggestion(feedUrl: string, deps: {readonly http: HttpClient}): Promise<ParsedFeed | Failure> {
	const answer = await deps.http.get({url: feedUrl, accept: FEED_ACCEPT});
	if (answer.kind === 'failed') return answer;
	if (answer.kind === 'not-modified') return failed('not-modified', `${sanitizeLine(feedUrl)} answered 304 to an unconditional request`);
	return parseFeed(decodeBody(answer.body, answer.contentType), answer.url);
}

/** Whether a site is on the exclusion list in force (for `suggest exclude/include` messages). */
export function isExcluded(site: string, config: Config): boolean {
	const settings = config.settings();
	return isExcludedSite(site, effectiveExclusions(settings.suggestExcludedDomains, settings.suggestAllowedDomains));
}

/**
 * Subscribes to a suggestion's feed the way `add` does (fetched, validated, cached), with
 * the tags the user gave; the suggestion then drops out as a followed site.
 */
export async function subscribeToSuggestion(
	suggestion: Pick<Suggestion, 'feedUrl'>,
	tags: readonly string[],
	deps: Pick<SuggestDeps, 'config' | 'store' | 'http' | 'now'>,
): Promise<SubscribeOutcome | Failure> {
	return subscribe({url: suggestion.feedUrl, tags}, {config: deps.config, store: deps.store, http: deps.http, now: deps.now()});
}
