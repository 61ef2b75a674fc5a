import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {XMLValidator} from 'fast-xml-parser';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {makeHome, runCli} from '../helpers/cli.js';
import {startTestServer, type TestServer} from '../helpers/http-test-server.js';

// Publishing a blogroll and importing someone's (issue 13), through the built CLI.
const SUBSCRIPTIONS = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Meine Abos</title></head><body>
	<outline text="Führung" title="Führung">
		<outline type="rss" text="Kreidezeit – Coaching &amp; Führung" xmlUrl="https://kreidezeit.de/feed/" htmlUrl="https://kreidezeit.de/"/>
		<outline type="rss" text="Praxisnah" xmlUrl="https://blog.praxisnah.de/feed/" category="Coaching"/>
	</outline>
	<outline text="Privat" title="Privat">
		<outline type="rss" text="Tagebuch meiner Schwester" xmlUrl="https://schwester.example/feed/"/>
	</outline>
	<outline type="rss" text="Die „alte Schule“" xmlUrl="https://alte-schule.example/rss.xml"/>
</body></opml>`;

let home: string;
let server: TestServer;

beforeAll(async () => {
	home = makeHome();
	const file = join(home, 'abos.opml');
	writeFileSync(file, SUBSCRIPTIONS);
	expect((await runCli(['import', file], {home})).code).toBe(0);
	const privatised = await runCli(['tag', 'Tagebuch meiner Schwester', '--private'], {home});
	expect(privatised.stdout).toContain('is private');
	server = await startTestServer();
}, 60_000);

afterAll(async () => {
	await server?.close();
});

interface Listed {
	url: string;
	title: string;
	tags: string[];
	private: boolean;
}

async function listJson(profile: string): Promise<Listed[]> {
	return JSON.parse((await runCli(['list', '--json'], {home: profile})).stdout) as Listed[];
}

describe('export --blogroll', () => {
	it('marks private feeds in list', async () => {
		const text = (await runCli(['list'], {home})).stdout;
		expect(text).toMatch(/Tagebuch meiner Schwester.*\(private\)/);
		expect(text).not.toMatch(/Praxisnah.*\(private\)/);
		expect((await listJson(home)).filter(feed => feed.private).map(feed => feed.title)).toEqual(['Tagebuch meiner Schwester']);
	});

	it('writes valid OPML 2.0 without the private feeds, which re-imports losslessly', async () => {
		const file = join(home, 'blogroll.opml');
		const exported = await runCli(['export', '--blogroll', file], {home});
		expect(exported.stdout).toBe(`Exported 3 feeds to ${file}.\n`);
		const opml = readFileSync(file, 'utf8');
		expect(XMLValidator.validate(opml)).toBe(true);
		expect(opml).toContain('<opml version="2.0">');
		expect(opml).not.toContain('schwester');
		expect(opml).toContain('xmlUrl="https://blog.praxisnah.de/feed/" htmlUrl="https://blog.praxisnah.de/"');
		expect(opml).toContain('htmlUrl="https://kreidezeit.de/"');

		const fresh = makeHome();
		expect((await runCli(['import', file], {home: fresh})).code).toBe(0);
		const shared = (await listJson(home)).filter(feed => !feed.private).map(({url, title, tags}) => ({url, title, tags}));
		expect((await listJson(fresh)).map(({url, title, tags}) => ({url, title, tags}))).toEqual(shared);
	});

	it('writes only the feeds of one tag with --tag', async () => {
		const result = await runCli(['export', '--blogroll', '--tag', 'coaching'], {home});
		expect(result.stdout).toContain('Praxisnah');
		expect(result.stdout).not.toContain('Kreidezeit');
		const none = await runCli(['export', '--blogroll', '--tag', 'Privat'], {home});
		expect(none.code).toBe(1);
		expect(none.stderr).toBe('blogroll: Nothing to publish: no public feed has the tag "Privat"\n');
	});

	it('writes a well-formed HTML page with lang, the link line to paste, and one list item per site', async () => {
		const result = await runCli(['export', '--blogroll', '--format', 'html'], {home, env: {LANG: 'de_DE.UTF-8'}});
		expect(result.code).toBe(0);
		const page = result.stdout;
		expect(XMLValidator.validate(page.replace('<!DOCTYPE html>', ''))).toBe(true);
		expect(page).toContain('<html lang="de">');
		expect(page).toContain('&lt;link rel="blogroll" type="text/x-opml" href="/blogroll.opml"&gt;');
		expect(page.match(/<li>/g)).toHaveLength(3);
		expect(page).toContain('<li><a href="https://kreidezeit.de/">Kreidezeit – Coaching &amp; Führung</a> (<a href="https://kreidezeit.de/feed/" type="application/rss+xml">Feed</a>)</li>');
		expect(page).toContain('Die „alte Schule“');
		expect(page).not.toContain('Schwester');
		expect((await runCli(['export', '--blogroll', '--format', 'html'], {home})).stdout).toContain('<html lang="en">');
	});

	it('refuses html without --blogroll and json with it', async () => {
		expect((await runCli(['export', '--format', 'html'], {home})).stderr).toBe('blogroll: Unknown export format "html" (use opml or json; html needs --blogroll)\n');
		expect((await runCli(['export', '--blogroll', '--format', 'json'], {home})).stderr).toBe('blogroll: Unknown export format "json" (use opml or html with --blogroll)\n');
	});

	it('publishes a feed’s note beside it (OPML description, a line in the HTML), keeps it through a backup, never a private feed’s', async () => {
		const profile = makeHome();
		const file = join(profile, 'abos.opml');
		writeFileSync(file, SUBSCRIPTIONS);
		await runCli(['import', file], {home: profile});
		const set = await runCli(['feed', 'set', 'Kreidezeit', 'note', 'Ehrlich über Führung & Schule – „jede Woche“'], {home: profile});
		expect(set.stdout).toBe('Kreidezeit – Coaching & Führung: note Ehrlich über Führung & Schule – „jede Woche“\n');
		await runCli(['feed', 'set', 'Tagebuch meiner Schwester', 'note', 'Nur für mich'], {home: profile});
		await runCli(['tag', 'Tagebuch meiner Schwester', '--private'], {home: profile});

		const opml = (await runCli(['export', '--blogroll'], {home: profile})).stdout;
		expect(XMLValidator.validate(opml)).toBe(true);
		expect(opml).toContain('xmlUrl="https://kreidezeit.de/feed/" htmlUrl="https://kreidezeit.de/" description="Ehrlich über Führung &amp; Schule – „jede Woche“"/>');
		// A note alone needs no blogroll namespace: the published OPML stays plain OPML 2.0.
		expect(opml).toContain('<opml version="2.0">');
		expect(opml).not.toContain('Nur für mich');
		const page = (await runCli(['export', '--blogroll', '--format', 'html'], {home: profile})).stdout;
		expect(page).toContain('(<a href="https://kreidezeit.de/feed/" type="application/rss+xml">feed</a>) – Ehrlich über Führung &amp; Schule – „jede Woche“</li>');
		expect(page).not.toContain('Nur für mich');

		// A reader importing the published blogroll gets the note with the feed.
		const reader = makeHome();
		const published = join(reader, 'blogroll.opml');
		writeFileSync(published, opml);
		await runCli(['import', published], {home: reader});
		expect((await runCli(['feed', 'show', 'Kreidezeit'], {home: reader})).stdout).toContain('  note          Ehrlich über Führung & Schule – „jede Woche“\n');
		expect((await runCli(['feed', 'show', 'Praxisnah'], {home: reader})).stdout).toContain('  note          none (default)\n');
		// A backup keeps the private feed's note too.
		const backup = (await runCli(['export', '--format', 'json'], {home: profile})).stdout;
		expect(backup).toContain('"note": "Nur für mich"');
	});

	it('puts a feed back with --public', async () => {
		const profile = makeHome();
		const file = join(profile, 'abos.opml');
		writeFileSync(file, SUBSCRIPTIONS);
		await runCli(['import', file], {home: profile});
		await runCli(['tag', 'Praxisnah', '--private'], {home: profile});
		expect((await runCli(['export', '--blogroll'], {home: profile})).stdout).not.toContain('Praxisnah');
		expect((await runCli(['tag', 'Praxisnah', '--public'], {home: profile})).stdout).toContain('is public');
		expect((await runCli(['export', '--blogroll'], {home: profile})).stdout).toContain('Praxisnah');
	});
});

describe('import <url>', () => {
	it('lists a published blogroll first, then subscribes to the picked feeds or all, folders as tags', async () => {
		const opml = (await runCli(['export', '--blogroll'], {home})).stdout;
		server.route('/blogroll.opml', {headers: {'Content-Type': 'text/x-opml; charset=utf-8'}, body: opml});
		const url = server.url('/blogroll.opml');
		const reader = makeHome();

		const listed = await runCli(['import', url], {home: reader});
		expect(listed.code).toBe(0);
		expect(listed.stdout).toContain('  1. Kreidezeit – Coaching & Führung  #Führung\n     https://kreidezeit.de/feed/\n');
		expect(listed.stdout).toContain(`3 feeds in ${url}. Subscribe with: blogroll import ${url} --all, or --pick 1,3\n`);
		expect(await listJson(reader)).toEqual([]);

		expect((await runCli(['import', url, '--pick', '2'], {home: reader})).stdout).toContain('Imported 1 feed');
		expect((await listJson(reader)).map(feed => [feed.title, feed.tags])).toEqual([['Praxisnah', ['Führung', 'Coaching']]]);
		expect((await runCli(['import', url, '--all'], {home: reader})).stdout).toContain('Imported 2 feeds');
		expect((await listJson(reader)).map(feed => feed.url)).toEqual(['https://blog.praxisnah.de/feed/', 'https://kreidezeit.de/feed/', 'https://alte-schule.example/rss.xml']);

		const wrong = await runCli(['import', url, '--pick', '7'], {home: reader});
		expect(wrong.stderr).toBe(`blogroll: --pick 7: ${url} lists 3 feeds\n`);
		const missing = await runCli(['import', server.url('/nicht-da.opml'), '--all'], {home: reader});
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/^blogroll: .*nicht-da\.opml.*404/);
	});
});
