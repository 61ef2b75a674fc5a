import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DISCOVER_WEB, FOLLOWED} from '../fixtures/discover-web.js';
import {makeHome, runCli} from '../helpers/cli.js';
import {startFixtureWeb, type FixtureWeb} from '../helpers/fixture-web.js';

// The "Done means" of issue 13 against a web of sites on 127.0.0.2 … 127.0.0.14, through the
// built CLI (dist/cli.js, built by `npm test`).
let web: FixtureWeb;
let home: string;

interface JsonSuggestion {
	title: string;
	siteUrl: string;
	feedUrl: string;
	lastPostAt: string | null;
	postsPerMonth: number;
	dormant: boolean;
	score: number;
	language: string | null;
	reasons: {kind: string; feed: string; blogroll?: string; count?: number}[];
	why: string;
}

async function suggestJson(...args: string[]): Promise<JsonSuggestion[]> {
	const result = await runCli(['suggest', '--json', ...args], {home});
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	return JSON.parse(result.stdout) as JsonSuggestion[];
}

beforeAll(async () => {
	web = await startFixtureWeb(DISCOVER_WEB);
	home = makeHome();
	for (const site of FOLLOWED) {
		const added = await runCli(['add', `${web.urls[site]}/`], {home});
		expect(added.code, added.stderr).toBe(0);
	}
}, 60_000);

afterAll(async () => {
	await web?.close();
});

describe('blogroll suggest against a fixture web', () => {
	it('lists exactly the expected sites, best first, with their reasons', async () => {
		web.requests.length = 0;
		const suggestions = await suggestJson();
		expect(suggestions.map(suggestion => [suggestion.title, suggestion.dormant])).toEqual([
			['Werkbank', false],
			['Morgenrot', false],
			['Tafelwerk', false],
			['Stillleben', false],
			['Abendblatt', false],
			['Lernwerk', true],
		]);
		const [werkbank, morgenrot, tafelwerk] = suggestions;
		expect(werkbank).toMatchObject({
			siteUrl: `${web.urls['werkbank']}/`,
			feedUrl: `${web.urls['werkbank']}/feed/`,
			lastPostAt: '2026-11-28T08:00:00.000Z',
			language: 'de-DE',
			why: 'in the blogrolls of Lehrerzimmer, Schreibstube and Skizzenbuch',
		});
		expect(werkbank!.reasons.map(reason => reason.feed).sort()).toEqual(['Lehrerzimmer', 'Schreibstube', 'Skizzenbuch']);
		expect(morgenrot!.why).toBe('in the blogrolls of Skizzenbuch and Hobelbank; linked 2 times from Hobelbank');
		expect(tafelwerk!.why).toBe('in the blogroll of Schreibstube; linked 5 times from 2 of your feeds');
		expect(tafelwerk!.reasons).toContainEqual({kind: 'link', feed: 'Lehrerzimmer', count: 3});
		expect(suggestions.at(-1)!.why).toBe('in the blogrolls of Lehrerzimmer and Hobelbank');
		// The comments-only site was looked at and left out; a site linked once was never asked.
		expect(web.requests.filter(request => request.site === 'kommentarlos').map(request => request.path)).toEqual(['/', '/comments/feed/']);
		expect(web.requests.filter(request => request.site === 'nebenan')).toEqual([]);
	});

	it('answers a second run from what it knows, without a request', async () => {
		web.requests.length = 0;
		const again = await suggestJson();
		expect(again.map(suggestion => suggestion.title)).toEqual(['Werkbank', 'Morgenrot', 'Tafelwerk', 'Stillleben', 'Abendblatt', 'Lernwerk']);
		expect(web.requests).toEqual([]);
	});

	it('sends only conditional requests with --refresh', async () => {
		web.requests.length = 0;
		const refreshed = await suggestJson('--refresh');
		expect(refreshed.map(suggestion => suggestion.title)).toEqual(['Werkbank', 'Morgenrot', 'Tafelwerk', 'Stillleben', 'Abendblatt', 'Lernwerk']);
		expect(web.requests.length).toBeGreaterThan(0);
		const unconditional = web.requests.filter(request => request.headers['if-none-match'] === undefined && request.headers['if-modified-since'] === undefined);
		expect(unconditional.map(request => `${request.site}${request.path}`)).toEqual([]);
		expect(web.requests.every(request => request.status === 304)).toBe(true);
	});

	it('never shows a dismissed site again, until it is undismissed', async () => {
		const dismissed = await runCli(['suggest', 'dismiss', `${web.urls['werkbank']}/feed/`], {home});
		expect(dismissed.code).toBe(0);
		expect((await suggestJson()).map(suggestion => suggestion.title)).not.toContain('Werkbank');
		expect((await suggestJson('--refresh')).map(suggestion => suggestion.title)).not.toContain('Werkbank');
		const listed = await runCli(['suggest', '--dismissed'], {home});
		expect(listed.stdout).toContain(`${web.urls['werkbank']}/feed/`);
		expect((await runCli(['suggest', 'undismiss', `${web.urls['werkbank']}/`], {home})).code).toBe(0);
		expect((await suggestJson())[0]!.title).toBe('Werkbank');
	});

	it('prints suggestions for people, with the reason and how to subscribe', async () => {
		const result = await runCli(['suggest', '--limit', '2'], {home});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`1. Werkbank  ${web.urls['werkbank']}/\n   feed ${web.urls['werkbank']}/feed/ · last post 2026-11-28 · `);
		expect(result.stdout).toContain('   why: in the blogrolls of Lehrerzimmer, Schreibstube and Skizzenbuch\n');
		expect(result.stdout).toContain('2. Morgenrot');
		expect(result.stdout).not.toContain('3. ');
		expect(result.stdout).toContain('Subscribe with: blogroll add <feed url>');
	});
});

describe('blogroll suggest, bounded', () => {
	it('looks at no more new sites per run than the setting allows, and says how many wait', async () => {
		const bounded = makeHome();
		for (const site of FOLLOWED) expect((await runCli(['add', `${web.urls[site]}/`], {home: bounded})).code).toBe(0);
		const file = join(bounded, 'config.json');
		const config = JSON.parse(readFileSync(file, 'utf8')) as {settings: Record<string, unknown>};
		config.settings['suggestProbesPerRun'] = 5;
		writeFileSync(file, JSON.stringify(config, null, '\t'));

		const first = await runCli(['suggest'], {home: bounded});
		expect(first.code).toBe(0);
		expect(first.stdout).toMatch(/^1\. Werkbank /);
		expect(first.stdout).not.toContain('2. ');
		expect(first.stdout).toContain('6 more sites to look at: run blogroll suggest again (at most 5 new sites per run).');
		const second = await runCli(['suggest'], {home: bounded});
		expect(second.stdout).toContain('1 more site to look at');
		const third = await runCli(['suggest', '--json'], {home: bounded});
		expect((JSON.parse(third.stdout) as {title: string}[]).map(suggestion => suggestion.title)).toEqual([
			'Werkbank', 'Morgenrot', 'Tafelwerk', 'Stillleben', 'Abendblatt', 'Lernwerk',
		]);
	}, 60_000);
});
