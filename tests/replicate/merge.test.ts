import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {formatStamp, receive, tick, ZERO_CLOCK, type Clock} from '../../source/replicate/hlc.js';
import {emptyState, liveAdds, merge, visibleState, type ReplicaState} from '../../source/replicate/merge.js';
import {change, withStamp, type Change, type Operation} from '../../source/replicate/operations.js';

const HOUR = 3_600_000;
const FEEDS = ['https://kreidezeit.example/feed', 'https://fuenf-fragen.example/atom.xml', 'https://praxis-müller.example/?feed=rss2'];
const GUIDS = ['https://kreidezeit.example/?p=101', 'tag:fuenf-fragen.example,2026:führung', 'urn:uuid:7f3c'];

/** One replica: a profile on its own clock (skewed by hours), its merged state and its journal. */
interface Replica {
	readonly device: string;
	readonly skew: number;
	clock: Clock;
	state: ReplicaState;
	readonly journal: Operation[];
}

const localChange = (state: ReplicaState) =>
	fc.oneof(
		fc.constantFrom(...FEEDS).map(feed => change.subscribe(feed)),
		fc.constantFrom(...FEEDS).map(feed => change.unsubscribe(feed, liveAdds(state, feed))),
		fc.tuple(fc.constantFrom(...FEEDS), fc.constantFrom('Kreidezeit', 'Fünf Fragen', null)).map(([feed, title]) => change.rename(feed, title)),
		fc.tuple(fc.constantFrom(...FEEDS), fc.constantFrom('Coaching', 'führung', 'Führung'), fc.boolean()).map(([feed, tag, on]) => (on ? change.tag(feed, tag) : change.untag(feed, tag))),
		fc.tuple(fc.constantFrom(...FEEDS), fc.boolean()).map(([feed, on]) => change.setPrivate(feed, on)),
		fc.tuple(fc.constantFrom(...FEEDS), fc.boolean()).map(([feed, on]) => change.setFullArticle(feed, on)),
		fc.tuple(fc.constantFrom(...FEEDS), fc.constantFrom(...GUIDS), fc.boolean()).map(([feed, guid, on]) => change.read(feed, guid, on)),
		fc.tuple(fc.constantFrom(...FEEDS), fc.constantFrom(...GUIDS), fc.boolean()).map(([feed, guid, on]) => change.star(feed, guid, on)),
		fc.tuple(fc.constantFrom('ungewollt.example', 'shop.example'), fc.boolean()).map(([site, on]) => change.dismiss(site, on ? `https://${site}/` : null)),
		fc.tuple(fc.constantFrom('Führung', 'Ungelesen'), fc.constantFrom('unread and tag:führung', 'unread', null)).map(([name, query]) => change.saveView(name, query)),
		fc.tuple(fc.constantFrom('title:"Sponsored"', 'author:Gastbeitrag'), fc.boolean()).map(([query, on]) => change.ignore(query, on)),
	);

/** A step of a history: a user acting on a replica, or the sync tool delivering some of a journal. */
type Step =
	| {readonly kind: 'act'; readonly replica: number; readonly seed: number; readonly advance: number}
	| {readonly kind: 'deliver'; readonly from: number; readonly to: number; readonly picks: readonly number[]};

const step = (replicas: number) =>
	fc.oneof(
		{weight: 3, arbitrary: fc.record({kind: fc.constant('act' as const), replica: fc.nat(replicas - 1), seed: fc.nat(), advance: fc.integer({min: 0, max: 120_000})})},
		{
			weight: 2,
			// Any ops of the journal, in any order, some twice: what a sync tool may hand over.
			arbitrary: fc.record({kind: fc.constant('deliver' as const), from: fc.nat(replicas - 1), to: fc.nat(replicas - 1), picks: fc.array(fc.nat(), {maxLength: 12})}),
		},
	);

function makeReplicas(skews: readonly number[]): Replica[] {
	return skews.map((skew, index) => ({device: `${index + 1}`.padStart(12, 'a'), skew, clock: ZERO_CLOCK, state: emptyState(), journal: []}));
}

function act(replica: Replica, changed: Change, now: number): void {
	replica.clock = tick(replica.clock, now + replica.skew);
	const operation = withStamp(changed, {...replica.clock, device: replica.device});
	replica.journal.push(operation);
	replica.state = merge(replica.state, [operation]);
}

function deliver(to: Replica, operations: readonly Operation[], now: number): void {
	for (const operation of operations) to.clock = receive(to.clock, operation.stamp, now + to.skew);
	to.state = merge(to.state, operations);
}

function play(replicas: Replica[], steps: readonly Step[]): number {
	let now = 1_764_950_000_000;
	for (const happened of steps) {
		if (happened.kind === 'act') {
			now += happened.advance;
			const replica = replicas[happened.replica]!;
			const changed = fc.sample(localChange(replica.state), {seed: happened.seed, numRuns: 1})[0]!;
			act(replica, changed, now);
		} else {
			const source = replicas[happened.from]!.journal;
			if (source.length === 0) continue;
			deliver(replicas[happened.to]!, happened.picks.map(pick => source[pick % source.length]!), now);
		}
	}
	return now;
}

/** Everything to everyone, each journal shuffled: the sync tool caught up at last. */
function catchUp(replicas: Replica[], order: readonly number[], now: number): void {
	const all = replicas.flatMap(replica => replica.journal);
	for (const replica of replicas) deliver(replica, shuffle(all, order), now);
}

function shuffle<T>(items: readonly T[], order: readonly number[]): T[] {
	const copy = [...items];
	for (let index = copy.length - 1; index > 0; index--) {
		const other = (order[index % Math.max(1, order.length)] ?? 0) % (index + 1);
		[copy[index], copy[other]] = [copy[other]!, copy[index]!];
	}
	return copy;
}

/** What the rules say the state must be, computed from all operations at once. */
function specification(operations: readonly Operation[]) {
	const best = new Map<string, Operation & {kind: 'set'}>();
	for (const operation of operations) {
		if (operation.kind !== 'set') continue;
		const key = `${operation.target}\u0000${operation.field}`;
		const current = best.get(key);
		if (current === undefined || formatStamp(current.stamp) < formatStamp(operation.stamp)) best.set(key, operation);
	}
	const removed = new Set(operations.flatMap(operation => (operation.kind === 'unsubscribe' ? operation.removes : [])));
	const subscriptions = [...new Set(operations.flatMap(operation => (operation.kind === 'subscribe' && !removed.has(formatStamp(operation.stamp)) ? [operation.feed] : [])))].sort();
	const values = Object.fromEntries([...best.keys()].sort().map(key => [key, best.get(key)!.value]));
	return {subscriptions, values};
}

const skews = (count: number) => fc.array(fc.integer({min: -6 * HOUR, max: 6 * HOUR}), {minLength: count, maxLength: count});

describe('the merge', () => {
	for (const count of [2, 3]) {
		it(`brings ${count} profiles with clocks hours apart to the same state, whatever the sync tool delivers when`, () => {
			fc.assert(
				fc.property(skews(count), fc.array(step(count), {maxLength: 80}), fc.array(fc.nat(), {minLength: 1, maxLength: 20}), (clockSkews, steps, order) => {
					const replicas = makeReplicas(clockSkews);
					const now = play(replicas, steps);
					catchUp(replicas, order, now);
					const expected = specification(replicas.flatMap(replica => replica.journal));
					for (const replica of replicas) expect(visibleState(replica.state)).toEqual(expected);
				}),
				{numRuns: 1000},
			);
		});
	}

	it('brings a profile that joins late to the same state as the others', () => {
		fc.assert(
			fc.property(skews(3), fc.array(step(2), {maxLength: 60}), fc.array(fc.nat(), {minLength: 1, maxLength: 20}), (clockSkews, steps, order) => {
				const replicas = makeReplicas(clockSkews);
				const now = play(replicas.slice(0, 2), steps);
				catchUp(replicas.slice(0, 2), order, now);
				// The third profile reads every journal, in its own order, and then acts itself.
				const late = replicas[2]!;
				deliver(late, shuffle(replicas.flatMap(replica => replica.journal), [...order].reverse()), now);
				expect(visibleState(late.state)).toEqual(visibleState(replicas[0]!.state));
				act(late, change.rename(FEEDS[0]!, 'Spät'), now);
				catchUp(replicas, order, now);
				for (const replica of replicas) expect(visibleState(replica.state)).toEqual(visibleState(late.state));
			}),
			{numRuns: 300},
		);
	});

	it('agrees on two changes of one replica whatever order they are read in (a shrunk counterexample of a merge that let the later-read write win)', () => {
		const replicas = makeReplicas([-263_614, 0]);
		const now = play(replicas, [
			{kind: 'act', replica: 0, seed: 1_611_945_140, advance: 0},
			{kind: 'act', replica: 0, seed: 365_584_150, advance: 0},
		]);
		catchUp(replicas, [0], now);
		const expected = specification(replicas.flatMap(replica => replica.journal));
		for (const replica of replicas) expect(visibleState(replica.state)).toEqual(expected);
		// Read backwards, the journal still ends in the same state.
		const backwards = merge(emptyState(), [...replicas[0]!.journal].reverse());
		expect(visibleState(backwards)).toEqual(expected);
	});

	it('lets a change made after seeing another win, even when that other device’s clock runs three hours ahead', () => {
		const [laptop, desktop] = makeReplicas([3 * HOUR, 0]);
		const now = 1_764_950_000_000;
		act(laptop!, change.rename(FEEDS[0]!, 'Kreidezeit (Laptop)'), now);
		deliver(desktop!, laptop!.journal, now + 60_000);
		act(desktop!, change.rename(FEEDS[0]!, 'Kreidezeit – Katharinas Praxis'), now + 120_000);
		catchUp([laptop!, desktop!], [0], now + 180_000);
		expect(laptop!.state.registers.get(`feed:${FEEDS[0]}\u0000title`)?.value).toBe('Kreidezeit – Katharinas Praxis');
		expect(visibleState(laptop!.state)).toEqual(visibleState(desktop!.state));
	});

	it('keeps a feed subscribed that one device removed while another subscribed it again', () => {
		const [laptop, desktop] = makeReplicas([0, 0]);
		const now = 1_764_950_000_000;
		act(laptop!, change.subscribe(FEEDS[1]!), now);
		deliver(desktop!, laptop!.journal, now);
		act(desktop!, change.unsubscribe(FEEDS[1]!, liveAdds(desktop!.state, FEEDS[1]!)), now + 1000);
		act(laptop!, change.subscribe(FEEDS[1]!), now + 2000);
		catchUp([laptop!, desktop!], [3, 1], now + 3000);
		expect(visibleState(laptop!.state).subscriptions).toEqual([FEEDS[1]]);
		expect(visibleState(desktop!.state).subscriptions).toEqual([FEEDS[1]]);
	});

	it('removes a feed everywhere once the removing device had seen every subscribe of it', () => {
		const [laptop, desktop] = makeReplicas([0, -2 * HOUR]);
		const now = 1_764_950_000_000;
		act(laptop!, change.subscribe(FEEDS[2]!), now);
		deliver(desktop!, laptop!.journal, now);
		act(desktop!, change.unsubscribe(FEEDS[2]!, liveAdds(desktop!.state, FEEDS[2]!)), now + 1000);
		catchUp([laptop!, desktop!], [0], now + 2000);
		expect(visibleState(laptop!.state).subscriptions).toEqual([]);
	});
});
