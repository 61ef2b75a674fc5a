/**
 * The one ranking of suggestions. Pure: candidates with their evidence in, the sites worth
 * suggesting out, best first.
 */
import {isExcludedSite} from './excluded-domains.js';
import type {Candidate} from './types.js';

/**
 * The weights, largest first. They are orders of magnitude apart on purpose, so the score
 * reads as a tuple and no amount of a lower term outweighs one unit of a higher one:
 *   - SOURCE: every distinct feed you follow that vouches for the site (lists it in its
 *     blogroll or links to it). Several people you trust pointing at one site is the
 *     strongest signal there is, so it comes first.
 *   - BLOGROLL: of those, each one that lists it in a blogroll: a deliberate recommendation
 *     counts more than a passing link from the same feed.
 *   - LINK: every link to the site from your cached posts; capped so that it never reaches
 *     the next weight (one feed linking 5 000 times is still one feed).
 * A dormant blog (no post in 12 months) goes below every active one, whatever its score.
 */
export const SOURCE_WEIGHT = 1_000_000;
export const BLOGROLL_WEIGHT = 1_000;
export const LINK_WEIGHT = 1;
export const MAX_COUNTED_LINKS = 999;

/**
 * Links alone make a candidate only when they repeat: one link in one post is a mention,
 * two are a habit (from one feed or from two).
 */
export const MIN_LINKS = 2;

/** What the ranking must leave out. */
export interface RankContext {
	/** Sites of the feeds you follow (never suggested, and never their own evidence). */
	readonly followedSites: ReadonlySet<string>;
	/** Platforms, shorteners, media, shops (see excluded-domains.ts). */
	readonly exclusions: readonly string[];
	readonly dismissedSites: ReadonlySet<string>;
}

/** A candidate worth suggesting, with its evidence summed up. */
export interface RankedCandidate extends Candidate {
	readonly score: number;
	/** Followed feeds whose blogroll lists the site, in first-seen order. */
	readonly blogrollSources: readonly string[];
	/** Followed feeds that link to the site, most links first, with their counts. */
	readonly linkSources: readonly {readonly source: string; readonly count: number}[];
	readonly linkCount: number;
}

export function rankCandidates(candidates: readonly Candidate[], context: RankContext): RankedCandidate[] {
	const ranked: RankedCandidate[] = [];
	for (const candidate of candidates) {
		const {site} = candidate;
		if (context.followedSites.has(site) || context.dismissedSites.has(site) || isExcludedSite(site, context.exclusions)) continue;
		const blogrolls = new Map<string, string>();
		const links = new Map<string, number>();
		for (const evidence of candidate.evidence) {
			// A site never vouches for itself.
			if (evidence.sourceSite === site) continue;
			if (evidence.kind === 'blogroll') blogrolls.set(evidence.sourceSite, evidence.source);
			else if (evidence.count > 0) links.set(evidence.source, (links.get(evidence.source) ?? 0) + evidence.count);
		}
		const linkCount = [...links.values()].reduce((sum, count) => sum + count, 0);
		const sourceSites = new Set([...blogrolls.keys(), ...candidate.evidence.filter(e => e.kind === 'link' && e.count > 0 && e.sourceSite !== site).map(e => e.sourceSite)]);
		if (blogrolls.size === 0 && linkCount < MIN_LINKS) continue;
		const score = sourceSites.size * SOURCE_WEIGHT + blogrolls.size * BLOGROLL_WEIGHT + Math.min(linkCount, MAX_COUNTED_LINKS) * LINK_WEIGHT;
		ranked.push({
			...candidate,
			score,
			blogrollSources: [...new Set(blogrolls.values())],
			linkSources: [...links].map(([source, count]) => ({source, count})).sort((a, b) => b.count - a.count || a.source.localeCompare(b.source)),
			linkCount,
		});
	}
	// Active before dormant, then by score, then by name so that equal scores keep one order.
	return ranked.sort((a, b) => Number(a.dormant) - Number(b.dormant) || b.score - a.score || a.site.localeCompare(b.site));
}

/** The reason for a suggestion in plain words (English; the reader formats its own). */
export function describeReasons(candidate: RankedCandidate): string {
	const parts: string[] = [];
	if (candidate.blogrollSources.length > 0) parts.push(`in the blogroll${candidate.blogrollSources.length === 1 ? '' : 's'} of ${joinNames(candidate.blogrollSources)}`);
	if (candidate.linkCount > 0) {
		const feeds = candidate.linkSources.length;
		const times = `linked ${candidate.linkCount} time${candidate.linkCount === 1 ? '' : 's'}`;
		parts.push(feeds === 1 ? `${times} from ${candidate.linkSources[0]!.source}` : `${times} from ${feeds} of your feeds`);
	}
	return parts.join('; ');
}

function joinNames(names: readonly string[]): string {
	if (names.length <= 1) return names.join('');
	return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
