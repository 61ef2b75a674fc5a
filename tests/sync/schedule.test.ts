import {describe, expect, it} from 'vitest';
import {nextFetchTime, type ScheduleInput} from '../../source/sync/schedule.js';

const NOW = '2025-03-10T08:00:00.000Z';

function minutesLater(input: Omit<ScheduleInput, 'now'>): number {
	return (Date.parse(nextFetchTime({now: NOW, ...input})) - Date.parse(NOW)) / 60_000;
}

describe('nextFetchTime', () => {
	it.each<[string, Omit<ScheduleInput, 'now'>, number]>([
		['uses the user interval after a plain success', {intervalMinutes: 30}, 30],
		['defaults to 30 minutes without an interval', {}, 30],
		['treats a zero or negative interval as the default', {intervalMinutes: 0}, 30],
		['waits as long as the feed <ttl> asks', {intervalMinutes: 30, ttlMinutes: 180}, 180],
		['never fetches sooner than the interval, even with a short ttl', {intervalMinutes: 60, ttlMinutes: 5}, 60],
		['waits as long as Cache-Control max-age asks', {intervalMinutes: 30, maxAgeSeconds: 7200}, 120],
		['takes the longer of ttl and max-age', {intervalMinutes: 30, ttlMinutes: 90, maxAgeSeconds: 3600}, 90],
		['caps a ttl of a week at 24 hours', {intervalMinutes: 30, ttlMinutes: 7 * 24 * 60}, 24 * 60],
		['caps a huge interval at 24 hours', {intervalMinutes: 100_000}, 24 * 60],
		['first failure: one interval', {intervalMinutes: 30, errorStreak: 1}, 30],
		['second failure: two intervals', {intervalMinutes: 30, errorStreak: 2}, 60],
		['fourth failure: eight intervals', {intervalMinutes: 30, errorStreak: 4}, 240],
		['back-off is capped at 24 hours', {intervalMinutes: 30, errorStreak: 12}, 24 * 60],
		['a streak of a thousand does not overflow', {intervalMinutes: 30, errorStreak: 1000}, 24 * 60],
		['Retry-After wins when it is later', {intervalMinutes: 30, errorStreak: 1, retryAfterSeconds: 2 * 3600}, 120],
		['Retry-After does not shorten the back-off', {intervalMinutes: 30, errorStreak: 3, retryAfterSeconds: 60}, 120],
		['Retry-After may exceed 24 hours', {intervalMinutes: 30, errorStreak: 1, retryAfterSeconds: 2 * 86_400}, 2 * 24 * 60],
		['Retry-After is capped at a week', {intervalMinutes: 30, errorStreak: 1, retryAfterSeconds: 365 * 86_400}, 7 * 24 * 60],
		['ignores nonsense values', {intervalMinutes: Number.NaN, ttlMinutes: -5, maxAgeSeconds: Number.POSITIVE_INFINITY, retryAfterSeconds: -1}, 30],
	])('%s', (_name, input, expected) => {
		expect(minutesLater(input)).toBe(expected);
	});

	it('returns an ISO 8601 UTC timestamp', () => {
		expect(nextFetchTime({now: NOW, intervalMinutes: 45})).toBe('2025-03-10T08:45:00.000Z');
	});
});
