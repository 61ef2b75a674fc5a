/** How alive a suggested blog is, from its fetched feed. Pure. */
import type {ParsedFeed} from '../feeds/types.js';

const DAY_MS = 86_400_000;
/** A blog with no post in this many days is dormant: shown, but below every active one. */
export const DORMANT_AFTER_DAYS = 365;

export interface FeedActivity {
	/** ISO 8601 of the newest dated post, or null when no post has a date. */
	readonly lastPostAt: string | null;
	/** Posts over the last 12 months divided by 12, one decimal. */
	readonly postsPerMonth: number;
	readonly dormant: boolean;
}

export function feedActivity(feed: Pick<ParsedFeed, 'items'>, now: Date): FeedActivity {
	const times = feed.items
		.map(item => Date.parse(item.published ?? item.updated ?? ''))
		.filter(time => Number.isFinite(time) && time <= now.getTime() + DAY_MS);
	const newest = times.length === 0 ? null : Math.max(...times);
	const yearAgo = now.getTime() - DORMANT_AFTER_DAYS * DAY_MS;
	const lastYear = times.filter(time => time >= yearAgo).length;
	return {
		lastPostAt: newest === null ? null : new Date(newest).toISOString(),
		postsPerMonth: Math.round((lastYear / 12) * 10) / 10,
		// A feed without any dated post cannot prove it is alive; it is not called dormant either.
		dormant: newest !== null && newest < yearAgo,
	};
}
