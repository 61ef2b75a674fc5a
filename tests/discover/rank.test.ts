import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {effectiveExclusions} from '../../source/discover/excluded-domains.js';
import {MIN_LINKS, SOURCE_WEIGHT, describeReasons, rankCandidates, type RankContext} from '../../source/discover/rank.js';
import type {Candidate, Evidence} from '../../source/discover/types.js';

const exclusions = effectiveExclusions([], []);
const context: RankContext = {followedSites: new Set(['kreidezeit.de', 'praxisnah.de', 'klartext.example']), exclusions, dismissedSites: new Set()};

const link = (source: string, sourceSite: string, count: number): Evidence => ({kind: 'link', source, sourceSite, count});
const roll = (source: string, sourceSite: string): Evidence => ({kind: 'blogroll', source, sourceSite, via: `https://${sourceSite}/blogroll.opml`});
const candidate = (site: string, evidence: Evidence[], dormant = false): Candidate => ({site, evidence, dormant});

describe('rankCandidates', () => {
	it('puts more distinct sources before more links, blogrolls before links of the same count, dormant last', () => {
		const ranked = rankCandidates(
			[
				candidate('vielgelinkt.example', [link('Kreidezeit', 'kreidezeit.de', 40)]),
				candidate('zwei-quellen.example', [link('Kreidezeit', 'kreidezeit.de', 1), link('Praxisnah', 'praxisnah.de', 1)]),
				candidate('blogroll-und-link.example', [roll('Kreidezeit', 'kreidezeit.de'), link('Praxisnah', 'praxisnah.de', 1)]),
				candidate('schlaeft.example', [roll('Kreidezeit', 'kreidezeit.de'), roll('Praxisnah', 'praxisnah.de'), roll('Klartext', 'klartext.example')], true),
			],
			context,
		);
		expect(ranked.map(entry => entry.site)).toEqual(['blogroll-und-link.example', 'zwei-quellen.example', 'vielgelinkt.example', 'schlaeft.example']);
	});

	it('needs a blogroll or a repeated link', () => {
		const ranked = rankCandidates(
			[candidate('einmal.example', [link('Kreidezeit', 'kreidezeit.de', 1)]), candidate('zweimal.example', [link('Kreidezeit', 'kreidezeit.de', 2)])],
			context,
		);
		expect(ranked.map(entry => entry.site)).toEqual(['zweimal.example']);
	});

	it('says why in plain words', () => {
		const [ranked] = rankCandidates(
			[candidate('tafel.example', [roll('Kreidezeit', 'kreidezeit.de'), roll('Praxisnah', 'praxisnah.de'), link('Kreidezeit', 'kreidezeit.de', 4), link('Klartext', 'klartext.example', 3)])],
			context,
		);
		expect(describeReasons(ranked!)).toBe('in the blogrolls of Kreidezeit and Praxisnah; linked 7 times from 2 of your feeds');
	});
});

const sites = fc.constantFrom('praxisnah.de', 'kreidezeit.de', 'tafel.example', 'werkbank.example', 'x.com', 'amazon.de', 'bit.ly', 'nebenan.example', 'fieldnotes.example');
const sources = fc.constantFrom(['Kreidezeit', 'kreidezeit.de'], ['Praxisnah', 'praxisnah.de'], ['Tafel', 'tafel.example'], ['Nebenan', 'nebenan.example']);
const evidence: fc.Arbitrary<Evidence> = fc.oneof(
	fc.tuple(sources, fc.integer({min: 0, max: 2000})).map(([[source, sourceSite], count]) => link(source, sourceSite, count)),
	sources.map(([source, sourceSite]) => roll(source, sourceSite)),
);
const candidates = fc.array(fc.record({site: sites, evidence: fc.array(evidence, {maxLength: 8}), dormant: fc.boolean()}), {maxLength: 12});
const followed = fc.subarray(['praxisnah.de', 'kreidezeit.de', 'fieldnotes.example']);

describe('rankCandidates (properties)', () => {
	it('never ranks an excluded, followed or dismissed site', () => {
		fc.assert(
			fc.property(candidates, followed, fc.subarray(['werkbank.example', 'nebenan.example']), (list, follow, dismissed) => {
				const ranked = rankCandidates(list, {followedSites: new Set(follow), exclusions, dismissedSites: new Set(dismissed)});
				for (const entry of ranked) {
					expect(follow).not.toContain(entry.site);
					expect(dismissed).not.toContain(entry.site);
					expect(['x.com', 'amazon.de', 'bit.ly']).not.toContain(entry.site);
				}
			}),
		);
	});

	it('never counts a site’s evidence about itself', () => {
		fc.assert(
			fc.property(candidates, list => {
				for (const entry of rankCandidates(list, {...context, followedSites: new Set()})) {
					const own = entry.evidence.filter(item => item.sourceSite !== entry.site);
					const alone = rankCandidates([{...entry, evidence: own}], {...context, followedSites: new Set()});
					expect(alone[0]?.score).toBe(entry.score);
				}
			}),
		);
	});

	it('is monotone in distinct sources: one more vouching feed always ranks higher', () => {
		fc.assert(
			fc.property(fc.array(evidence, {maxLength: 8}), fc.integer({min: MIN_LINKS, max: 50}), (base, count) => {
				const plain = {followedSites: new Set<string>(), exclusions, dismissedSites: new Set<string>()};
				const before = rankCandidates([candidate('ziel.example', base)], plain)[0];
				const more = rankCandidates([candidate('ziel.example', [...base, link('Neu', 'neu.example', count)])], plain)[0];
				const hadNeu = base.some(item => item.sourceSite === 'neu.example');
				expect(more).toBeDefined();
				if (before !== undefined && !hadNeu) expect(more!.score).toBeGreaterThanOrEqual(before.score + SOURCE_WEIGHT);
			}),
		);
	});

	it('ranks a site with more distinct sources above one with fewer, whatever the link counts', () => {
		fc.assert(
			fc.property(candidates, list => {
				const ranked = rankCandidates(list, {...context, followedSites: new Set()});
				const distinct = (entry: (typeof ranked)[number]) =>
					new Set(entry.evidence.filter(item => item.sourceSite !== entry.site && (item.kind === 'blogroll' || item.count > 0)).map(item => item.sourceSite)).size;
				for (let index = 1; index < ranked.length; index++) {
					const [higher, lower] = [ranked[index - 1]!, ranked[index]!];
					if (higher.dormant === lower.dormant) expect(distinct(higher)).toBeGreaterThanOrEqual(distinct(lower));
				}
			}),
		);
	});

	it('ranks every active site above every dormant one', () => {
		fc.assert(
			fc.property(candidates, list => {
				const ranked = rankCandidates(list, {...context, followedSites: new Set()});
				const firstDormant = ranked.findIndex(entry => entry.dormant);
				if (firstDormant >= 0) expect(ranked.slice(firstDormant).every(entry => entry.dormant)).toBe(true);
			}),
		);
	});
});
