/**
 * A hybrid logical clock (Kulkarni et al., 2014), small and our own: a stamp is wall-clock
 * milliseconds, a counter for events within one millisecond (or while the wall clock lags
 * behind a stamp already seen), and the device id that breaks the last tie.
 *
 * Invariants (tests/replicate/hlc.test.ts): every stamp a clock issues is greater than every
 * stamp it issued or received before; its wall part is never behind the local clock; the
 * text form orders exactly as the stamps do, so SQLite and Map keys compare them as strings.
 */

/** One point of the clock. */
export interface Stamp {
	readonly wall: number;
	readonly counter: number;
	readonly device: string;
}

/** The state a device keeps between events: the greatest (wall, counter) seen so far. */
export interface Clock {
	readonly wall: number;
	readonly counter: number;
}

export const ZERO_CLOCK: Clock = {wall: 0, counter: 0};

/** Device ids are 12 lowercase hex digits: fixed width keeps the text form ordered. */
export const DEVICE_ID_PATTERN = /^[0-9a-f]{12}$/;

const WALL_DIGITS = 11; // base 36: milliseconds until the year 5188
const COUNTER_DIGITS = 5;
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;

/** A local event (a change the user made) at wall-clock time `now`. */
export function tick(clock: Clock, now: number): Clock {
	const wall = Math.max(clock.wall, Math.floor(now));
	return next(clock, wall);
}

/** Having read `remote`: the clock moves past it, so that later local stamps are greater. */
export function receive(clock: Clock, remote: Clock, now: number): Clock {
	if (compareClocks(remote, clock) <= 0) return clock.wall >= now ? clock : {wall: Math.floor(now), counter: 0};
	const wall = Math.max(remote.wall, Math.floor(now));
	return wall === remote.wall ? {wall, counter: remote.counter} : {wall, counter: 0};
}

function next(clock: Clock, wall: number): Clock {
	if (wall > clock.wall) return {wall, counter: 0};
	// The counter overflows only after 60 million events within one millisecond of a clock
	// that does not move: borrow the next millisecond instead.
	return clock.counter >= MAX_COUNTER ? {wall: wall + 1, counter: 0} : {wall, counter: clock.counter + 1};
}

export function compareClocks(a: Clock, b: Clock): number {
	return a.wall - b.wall || a.counter - b.counter;
}

/** Orders by (wall, counter, device): the total order last-writer-wins uses. */
export function compareStamps(a: Stamp, b: Stamp): number {
	return compareClocks(a, b) || (a.device < b.device ? -1 : a.device > b.device ? 1 : 0);
}

export function formatStamp(stamp: Stamp): string {
	return `${stamp.wall.toString(36).padStart(WALL_DIGITS, '0')}.${stamp.counter.toString(36).padStart(COUNTER_DIGITS, '0')}.${stamp.device}`;
}

const STAMP_PATTERN = /^([0-9a-z]{11})\.([0-9a-z]{5})\.([0-9a-f]{12})$/;

/** The stamp a journal line carries, or null for anything else. */
export function parseStamp(text: unknown): Stamp | null {
	if (typeof text !== 'string') return null;
	const match = STAMP_PATTERN.exec(text);
	if (match === null) return null;
	return {wall: Number.parseInt(match[1]!, 36), counter: Number.parseInt(match[2]!, 36), device: match[3]!};
}
