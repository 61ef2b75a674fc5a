import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {compareClocks, compareStamps, formatStamp, parseStamp, receive, tick, ZERO_CLOCK, type Clock} from '../../source/replicate/hlc.js';

const HOUR = 3_600_000;
const device = fc.stringMatching(/^[0-9a-f]{12}$/);
const wall = fc.integer({min: 1_700_000_000_000, max: 1_900_000_000_000});
const event = fc.oneof(
	fc.record({kind: fc.constant('tick' as const), drift: fc.integer({min: -2 * HOUR, max: 2 * HOUR})}),
	fc.record({kind: fc.constant('receive' as const), drift: fc.integer({min: -2 * HOUR, max: 2 * HOUR}), remote: fc.record({wall, counter: fc.integer({min: 0, max: 50})})}),
);

describe('the hybrid logical clock', () => {
	it('issues ever greater stamps, past everything it received, never behind its own wall clock', () => {
		fc.assert(
			fc.property(wall, fc.array(event, {maxLength: 60}), (start, events) => {
				let clock: Clock = ZERO_CLOCK;
				let now = start;
				for (const happened of events) {
					now += happened.drift; // wall clocks jump back and forth (NTP, a skewed laptop)
					const before = clock;
					clock = happened.kind === 'tick' ? tick(clock, now) : receive(clock, happened.remote, now);
					expect(clock.wall).toBeGreaterThanOrEqual(now);
					if (happened.kind === 'tick') expect(compareClocks(clock, before)).toBeGreaterThan(0);
					else {
						expect(compareClocks(clock, before)).toBeGreaterThanOrEqual(0);
						expect(compareClocks(clock, happened.remote)).toBeGreaterThanOrEqual(0);
						// The next local event is past the remote one.
						expect(compareClocks(tick(clock, now), happened.remote)).toBeGreaterThan(0);
					}
				}
			}),
		);
	});

	it('writes stamps whose text orders exactly as the stamps do, and reads them back', () => {
		const stamp = fc.record({wall, counter: fc.integer({min: 0, max: 36 ** 5 - 1}), device});
		fc.assert(
			fc.property(stamp, stamp, (a, b) => {
				expect(parseStamp(formatStamp(a))).toEqual(a);
				const textOrder = formatStamp(a) < formatStamp(b) ? -1 : formatStamp(a) > formatStamp(b) ? 1 : 0;
				expect(textOrder).toBe(Math.sign(compareStamps(a, b)));
			}),
		);
	});

	it('refuses stamps that are not its own format', () => {
		for (const text of ['', 'garbage', '00000000000.00000.ABCDEF012345', '0.0.0123456789ab', 42, null]) expect(parseStamp(text)).toBeNull();
	});

	it('keeps counting within one millisecond, even when the wall clock stands still', () => {
		let clock = tick(ZERO_CLOCK, 1000);
		for (let index = 0; index < 5; index++) clock = tick(clock, 1000);
		expect(clock).toEqual({wall: 1000, counter: 5});
		expect(tick({wall: 1000, counter: 36 ** 5 - 1}, 1000)).toEqual({wall: 1001, counter: 0});
	});
});
