/**
 * When to fetch a feed next (pure). Polite to small blogs: never more often than the
 * user's interval or what the feed and server ask for, and slower after failures — but
 * never so slow that a feed silently dies: everything is capped, nothing unsubscribes.
 */

/** The user's default refresh interval. */
export const DEFAULT_INTERVAL_MINUTES = 30;
/** No feed waits longer than this for its next automatic fetch (ttl, max-age, back-off). */
export const MAX_WAIT_MINUTES = 24 * 60;
/** A server's Retry-After is honoured up to a week; beyond that it is more likely a misconfiguration. */
export const MAX_RETRY_AFTER_SECONDS = 7 * 24 * 3600;

export interface ScheduleInput {
	/** ISO 8601: the time of this fetch. */
	readonly now: string;
	/** The user's refresh interval in minutes (invalid or missing → 30). */
	readonly intervalMinutes?: number | null;
	/** RSS <ttl> of the feed, minutes. */
	readonly ttlMinutes?: number | null;
	/** Cache-Control max-age (or Expires) of the answer, seconds. */
	readonly maxAgeSeconds?: number | null;
	/** Retry-After of a 429/503, seconds. */
	readonly retryAfterSeconds?: number | null;
	/** Failures in a row including this one; 0 after a success. */
	readonly errorStreak?: number;
}

function positive(value: number | null | undefined): number | null {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/** Minutes until the next automatic fetch (see nextFetchTime). */
export function nextFetchDelayMinutes(input: Omit<ScheduleInput, 'now'>): number {
	const interval = Math.min(positive(input.intervalMinutes) ?? DEFAULT_INTERVAL_MINUTES, MAX_WAIT_MINUTES);
	// What the feed (ttl) or the server (max-age) ask for, but within [interval, 24 h].
	const asked = Math.max(positive(input.ttlMinutes) ?? 0, (positive(input.maxAgeSeconds) ?? 0) / 60);
	let delay = Math.min(Math.max(interval, asked), MAX_WAIT_MINUTES);
	const streak = Math.max(0, Math.floor(input.errorStreak ?? 0));
	if (streak > 0) {
		// interval × 2^(streak-1); the exponent is capped so that a long streak cannot overflow.
		const backoff = Math.min(interval * 2 ** Math.min(streak - 1, 20), MAX_WAIT_MINUTES);
		delay = Math.max(delay, backoff);
	}
	const retryAfter = positive(input.retryAfterSeconds);
	if (retryAfter !== null) delay = Math.max(delay, Math.min(retryAfter, MAX_RETRY_AFTER_SECONDS) / 60);
	return delay;
}

/** ISO 8601 of the earliest next automatic fetch; `refresh --force` ignores it. */
export function nextFetchTime(input: ScheduleInput): string {
	const now = Date.parse(input.now);
	if (Number.isNaN(now)) throw new TypeError(`nextFetchTime: not a date: ${input.now}`);
	return new Date(now + Math.round(nextFetchDelayMinutes(input) * 60_000)).toISOString();
}
