import {existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {makeHome, runCli} from '../helpers/cli.js';
import {fixturePaths, startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';

let server: FixtureServer;
let base: string;

beforeAll(async () => {
	server = await startFixtureServer();
	base = server.url;
});

afterAll(async () => {
	await server.close();
});

beforeEach(() => {
	server.resetRoutes();
});

interface ListedFeed {
	id: number;
	title: string;
	url: string;
	tags: string[];
	unread: number;
	total: number;
	lastStatus: number | null;
	lastError: string | null;
}

async function listJson(home: string): Promise<ListedFeed[]> {
	const result = await runCli(['list', '--json'], {home});
	expect(result.stderr).toBe('');
	return JSON.parse(result.stdout) as ListedFeed[];
}

function configText(home: string): string {
	return readFileSync(join(home, 'config.json'), 'utf8');
}

describe('blogroll add', () => {
	it('discovers a WordPress site’s posts feed before its comments feed and caches its entries', async () => {
		const home = makeHome();
		const result = await runCli(['add', `${base}${fixturePaths.kreidezeit.home}`, '--tag', 'Coaching'], {home});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Found 2 feeds');
		expect(result.stdout).toMatch(/Subscribed to Kreidezeit.*\/kreidezeit\/feed\/\): \d+ entries cached/);
		const feeds = await listJson(home);
		expect(feeds).toHaveLength(1);
		expect(feeds[0]!.url).toBe(`${base}${fixturePaths.kreidezeit.feed}`);
		expect(feeds[0]!.tags).toEqual(['Coaching']);
		expect(feeds[0]!.total).toBeGreaterThan(3);
		expect(feeds[0]!.unread).toBe(feeds[0]!.total);
	});

	it('subscribes to the comments feed with --pick 2', async () => {
		const home = makeHome();
		const result = await runCli(['add', `${base}${fixturePaths.kreidezeit.home}`, '--pick', '2'], {home});
		expect(result.code).toBe(0);
		expect((await listJson(home))[0]!.url).toBe(`${base}${fixturePaths.kreidezeit.commentsFeed}`);
	});

	it('says so when the feed is already subscribed and changes nothing', async () => {
		const home = makeHome();
		await runCli(['add', `${base}${fixturePaths.klartext.feed}`], {home});
		const before = configText(home);
		const again = await runCli(['add', `${base}${fixturePaths.klartext.feed}`, '--title', 'Anders'], {home});
		expect(again.code).toBe(0);
		expect(again.stdout).toContain('Already subscribed');
		expect(configText(home)).toBe(before);
	});

	it('finds the feed of a site whose home page only links it in the text', async () => {
		const home = makeHome();
		const result = await runCli(['add', `${base}${fixturePaths.nurLink.home}`], {home});
		expect(result.code).toBe(0);
		expect((await listJson(home))[0]!.url).toBe(`${base}${fixturePaths.nurLink.feed}`);
	});

	it('tries plain http when a url typed without a scheme does not answer over https', async () => {
		const home = makeHome();
		const typed = `${base.replace('http://', '')}${fixturePaths.klartext.feed}`;
		const result = await runCli(['add', typed], {home});
		expect(result.code).toBe(0);
		expect((await listJson(home))[0]!.url).toBe(`${base}${fixturePaths.klartext.feed}`);
		// A url written out with https is not downgraded.
		const explicit = await runCli(['add', `https://${typed}`], {home: makeHome()});
		expect(explicit.code).toBe(1);
	});

	it('subscribes to a JSON Feed and keeps a title given with --title', async () => {
		const home = makeHome();
		const result = await runCli(['add', `${base}${fixturePaths.fieldnotes.feed}`, '--title', 'Field Notes (Design)'], {home});
		expect(result.code).toBe(0);
		const [feed] = await listJson(home);
		expect(feed!.title).toBe('Field Notes (Design)');
		expect(feed!.total).toBeGreaterThan(0);
	});

	it.each([
		['a dead site', () => 'http://127.0.0.1:9/feed/', /127\.0\.0\.1:9/],
		['an image', () => `${base}/image.png`, /image\/png|not a feed/i],
		['not a url', () => 'kein url', /Not a url/],
		['a javascript: url', () => 'javascript:alert(1)', /http/],
	])('refuses %s with one line and saves nothing', async (_name, url, message) => {
		const home = makeHome();
		const result = await runCli(['add', url()], {home});
		expect(result.code).not.toBe(0);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(message);
		expect(result.stdout).toBe('');
		expect(await listJson(home)).toEqual([]);
	});
});

describe('blogroll parse', () => {
	it('prints correct umlauts from an ISO-8859-1 feed served without a charset', async () => {
		const result = await runCli(['parse', `${base}${fixturePaths.alteSchule.latin1Feed}`, '--json'], {home: makeHome()});
		expect(result.code).toBe(0);
		const feed = JSON.parse(result.stdout) as {title: string; items: {title: string; content: string | null; summary: string | null}[]};
		const text = JSON.stringify(feed);
		expect(text).toMatch(/[äöüß]/);
		expect(text).not.toContain('\uFFFD');
		expect(text).not.toMatch(/Ã[¤¶¼Ÿ]/);
	});

	it('keeps „quotes“, dashes and € of a windows-1252 feed', async () => {
		const result = await runCli(['parse', `${base}${fixturePaths.alteSchule.windows1252Feed}`, '--json'], {home: makeHome()});
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/„/);
		expect(result.stdout).toMatch(/[“]/);
		expect(result.stdout).toContain('–');
		expect(result.stdout).toContain('€');
		expect(result.stdout).not.toMatch(/[\u0080-\u009F]/);
	});

	it('prints the normalized shape with ISO dates', async () => {
		const result = await runCli(['parse', `${base}${fixturePaths.klartext.feed}`, '--json'], {home: makeHome()});
		const feed = JSON.parse(result.stdout) as {items: Record<string, unknown>[]};
		expect(Object.keys(feed)).toEqual(['title', 'link', 'description', 'items']);
		expect(Object.keys(feed.items[0]!)).toEqual(['id', 'title', 'link', 'published', 'updated', 'author', 'content', 'summary', 'categories']);
		for (const item of feed.items) {
			if (item['published'] !== null) expect(item['published']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
		}
	});

	it('fails with one line for a missing file', async () => {
		const result = await runCli(['parse', '/nonexistent/feed.xml', '--json'], {home: makeHome()});
		expect(result.code).toBe(1);
		expect(result.stderr).toBe('blogroll: Cannot read /nonexistent/feed.xml: no such file\n');
	});

	it('names the file, not a url made up for it, when a file is no feed; an url that is no feed once', async () => {
		const page = fileURLToPath(new URL('../fixtures/site/kreidezeit/index.html', import.meta.url));
		const fromFile = await runCli(['parse', page, '--json'], {home: makeHome()});
		expect(fromFile.code).toBe(1);
		expect(fromFile.stderr.startsWith(`blogroll: ${page} is not a feed (`)).toBe(true);
		expect(fromFile.stderr).not.toContain('file://');
		expect(fromFile.stderr.split('\n')).toHaveLength(2);
		const fromUrl = await runCli(['parse', `${base}/kreidezeit/`, '--json'], {home: makeHome()});
		expect(fromUrl.code).toBe(1);
		expect(fromUrl.stderr.startsWith(`blogroll: ${base}/kreidezeit/ is not a feed (`)).toBe(true);
	});
});

describe('blogroll refresh', () => {
	it('answers a second refresh with 304s and reports new entries after the feed changes', async () => {
		const home = makeHome();
		await runCli(['add', `${base}${fixturePaths.klartext.feed}`], {home});
		const unchanged = await runCli(['refresh', '--force'], {home});
		expect(unchanged.code).toBe(0);
		expect(unchanged.stdout).toContain('1 unchanged');
		const conditional = server.requests.filter(request => request.path === fixturePaths.klartext.feed).at(-1);
		expect(conditional?.headers['if-none-match']).toBeTruthy();
		expect(conditional?.status).toBe(304);

		server.bump(fixturePaths.klartext.feed);
		const updated = await runCli(['refresh', '--force'], {home});
		expect(updated.stdout).toMatch(/Klartext.*: 1 new/);
		expect(updated.stdout).toContain('1 new entry in 1 feed');
	});

	it('skips feeds that are not due unless forced or named', async () => {
		const home = makeHome();
		await runCli(['add', `${base}${fixturePaths.klartext.feed}`], {home});
		const due = await runCli(['refresh'], {home});
		expect(due.stdout).toContain('1 not due');
		const named = await runCli(['refresh', `${base}${fixturePaths.klartext.feed}`], {home});
		expect(named.stdout).toContain('1 unchanged');
	});

	it('reports a failing feed and still refreshes the others', async () => {
		const home = makeHome();
		await runCli(['add', `${base}${fixturePaths.klartext.feed}`], {home});
		await runCli(['add', `${base}${fixturePaths.fieldnotes.feed}`], {home});
		server.setRoute(fixturePaths.fieldnotes.feed, {status: 500, body: 'Internal Server Error'});
		server.bump(fixturePaths.klartext.feed);
		const result = await runCli(['refresh', '--force'], {home});
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^! .*500/m);
		expect(result.stdout).toMatch(/Klartext.*: 1 new/);
		const feeds = await listJson(home);
		expect(feeds.find(feed => feed.url.endsWith('feed.json'))!.lastError).toMatch(/500/);
	});

	it('exits non-zero when every feed failed', async () => {
		const home = makeHome();
		await runCli(['add', `${base}${fixturePaths.klartext.feed}`], {home});
		server.setRoute(fixturePaths.klartext.feed, {status: 404, body: 'weg'});
		const result = await runCli(['refresh', '--force'], {home});
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('1 failed');
	});

	it('follows a permanent redirect by moving the subscription, keeping its entries', async () => {
		const home = makeHome();
		const oldUrl = `${base}/umgezogen/feed/`;
		server.setRoute('/umgezogen/feed/', {status: 200, headers: {'content-type': 'application/rss+xml'}, body: readSiteFile('kreidezeit', fixturePaths.kreidezeit.feed)});
		await runCli(['add', oldUrl], {home});
		const [before] = await listJson(home);
		server.setRoute('/umgezogen/feed/', {status: 301, headers: {location: fixturePaths.kreidezeit.feed}});
		const result = await runCli(['refresh', '--force'], {home});
		expect(result.code).toBe(0);
		const [after] = await listJson(home);
		expect(after!.url).toBe(`${base}${fixturePaths.kreidezeit.feed}`);
		expect(after!.total).toBe(before!.total);
		expect(configText(home)).not.toContain('umgezogen');
	});

	it('joins two subscriptions that move to one url, keeping the tags of both', async () => {
		const home = makeHome();
		const feedText = readSiteFile('kreidezeit', fixturePaths.kreidezeit.feed);
		for (const path of ['/alt-eins/feed/', '/alt-zwei/feed/']) {
			server.setRoute(path, {status: 200, headers: {'content-type': 'application/rss+xml'}, body: feedText});
		}
		await runCli(['add', `${base}/alt-eins/feed/`, '--tag', 'Coaching'], {home});
		await runCli(['add', `${base}/alt-zwei/feed/`, '--tag', 'Führung', '--title', 'Kreidezeit (zweites Abo)'], {home});
		for (const path of ['/alt-eins/feed/', '/alt-zwei/feed/']) {
			server.setRoute(path, {status: 301, headers: {location: fixturePaths.kreidezeit.feed}});
		}
		const result = await runCli(['refresh', '--force'], {home});
		expect(result.code).toBe(0);
		expect(result.stdout.match(/joined with the subscription already there/g)).toHaveLength(1);
		const feeds = await listJson(home);
		expect(feeds.map(feed => feed.url)).toEqual([`${base}${fixturePaths.kreidezeit.feed}`]);
		const config = JSON.parse(configText(home)) as {subscriptions: {url: string; tags: string[]; title: string | null}[]};
		expect(config.subscriptions).toHaveLength(1);
		expect(config.subscriptions[0]!.tags).toEqual(['Coaching', 'Führung']);
		expect(config.subscriptions[0]!.title).toBe('Kreidezeit (zweites Abo)');
	});

	it('shows progress as plain lines on a non-terminal stderr', async () => {
		const home = makeHome();
		await runCli(['add', `${base}${fixturePaths.klartext.feed}`], {home});
		const result = await runCli(['refresh', '--force'], {home});
		expect(result.stderr).toMatch(/^\[1\/1\] /m);
	});
});

describe('blogroll import and export', () => {
	const opml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Meine Blogs</title></head><body>
<outline text="Coaching" title="Coaching">
  <outline type="rss" text="Kreidezeit" title="Kreidezeit" xmlUrl="https://kreidezeit.example/feed/"/>
  <outline text="Deutsch"><outline type="rss" text="Klartext – Kommunikation" xmlUrl="https://klartext.example/atom.xml"/></outline>
</outline>
<outline type="rss" text="Field Notes" xmlUrl="https://fieldnotes.example/feed.json"/>
</body></opml>`;

	it('imports OPML folders as tags and exports them back losslessly', async () => {
		const home = makeHome();
		const file = join(home, 'abos.opml');
		writeFileSync(file, opml);
		const imported = await runCli(['import', file], {home});
		expect(imported.code).toBe(0);
		expect(imported.stdout).toContain('Imported 3 feeds');
		const feeds = await listJson(home);
		expect(feeds.map(feed => [feed.url, feed.title, feed.tags])).toEqual([
			['https://kreidezeit.example/feed/', 'Kreidezeit', ['Coaching']],
			['https://klartext.example/atom.xml', 'Klartext – Kommunikation', ['Coaching', 'Deutsch']],
			['https://fieldnotes.example/feed.json', 'Field Notes', []],
		]);

		const exportFile = join(home, 'export.opml');
		expect((await runCli(['export', exportFile], {home})).code).toBe(0);
		const second = makeHome();
		await runCli(['import', exportFile], {home: second});
		const roundTrip = await listJson(second);
		expect(roundTrip.map(feed => [feed.url, feed.title, [...feed.tags].sort()])).toEqual(
			feeds.map(feed => [feed.url, feed.title, [...feed.tags].sort()]),
		);
	});

	it('imports the example subscriptions file', async () => {
		const home = makeHome();
		const result = await runCli(['import', join(import.meta.dirname, '..', '..', 'feeds.example.json')], {home});
		expect(result.code).toBe(0);
		const feeds = await listJson(home);
		expect(feeds.length).toBeGreaterThanOrEqual(5);
		expect(feeds.every(feed => feed.tags.length > 0)).toBe(true);
	});

	it('exports JSON that imports back', async () => {
		const home = makeHome();
		await runCli(['add', `${base}${fixturePaths.klartext.feed}`, '--tag', 'Kommunikation'], {home});
		const exported = await runCli(['export', '--format', 'json'], {home});
		const file = join(home, 'subs.json');
		writeFileSync(file, exported.stdout);
		const second = makeHome();
		await runCli(['import', file], {home: second});
		const [feed] = await listJson(second);
		expect(feed!.url).toBe(`${base}${fixturePaths.klartext.feed}`);
		expect(feed!.tags).toEqual(['Kommunikation']);
	});

	it.each([
		['a file that does not exist', () => '/nonexistent/abos.opml', /Cannot read .*no such file/],
		['a file that is not XML', (home: string) => writeTo(home, 'kaputt.opml', 'das ist kein OPML'), /kaputt\.opml/],
	])('refuses %s with one line', async (_name, file, message) => {
		const home = makeHome();
		const result = await runCli(['import', file(home)], {home});
		expect(result.code).toBe(1);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(message);
	});
});

describe('blogroll remove, list and paths', () => {
	it('removes a feed by title and refuses an unknown one', async () => {
		const home = makeHome();
		await runCli(['add', `${base}${fixturePaths.klartext.feed}`], {home});
		const [feed] = await listJson(home);
		const unknown = await runCli(['remove', 'Gibt es nicht'], {home});
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toContain('No subscription matches "Gibt es nicht"');
		const removed = await runCli(['remove', feed!.title], {home});
		expect(removed.code).toBe(0);
		expect(await listJson(home)).toEqual([]);
	});

	it('finds a feed by a part of its title when only one title has it', async () => {
		const home = makeHome();
		await runCli(['add', `${base}${fixturePaths.klartext.feed}`], {home});
		await runCli(['add', `${base}${fixturePaths.kreidezeit.feed}`], {home});
		const tagged = await runCli(['tag', 'klartext', 'Kommunikation'], {home});
		expect(tagged.code).toBe(0);
		expect((await listJson(home)).find(feed => feed.url.endsWith('atom.xml'))!.tags).toEqual(['Kommunikation']);
		// "zeit" is in „Kreidezeit“ only; "e" is too short to mean anything.
		expect((await runCli(['remove', 'e'], {home})).code).toBe(1);
		const removed = await runCli(['remove', 'zeit'], {home});
		expect(removed.stdout).toContain('Removed Kreidezeit');
		expect((await listJson(home)).map(feed => feed.url)).toEqual([`${base}${fixturePaths.klartext.feed}`]);
	});

	it('refuses a part of a title that several feeds share', async () => {
		const home = makeHome();
		await runCli(['add', `${base}${fixturePaths.alteSchule.latin1Feed}`], {home});
		await runCli(['add', `${base}${fixturePaths.alteSchule.windows1252Feed}`], {home});
		const result = await runCli(['remove', 'alte Schule'], {home});
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/Several feeds are called "alte Schule"/);
		expect(await listJson(home)).toHaveLength(2);
	});

	it('lists feeds with counts and fetch state for people', async () => {
		const home = makeHome();
		await runCli(['add', `${base}${fixturePaths.klartext.feed}`, '--tag', 'Kommunikation'], {home});
		const result = await runCli(['list'], {home});
		expect(result.stdout).toMatch(/Klartext.*\d+\/\d+ unread.*#Kommunikation/);
		expect(result.stdout).toMatch(/200 · ok · fetched .* · next /);
		expect(result.stdout).toMatch(/1 feed, \d+ unread/);
	});

	it('prints where config and cache live', async () => {
		const home = makeHome();
		const result = await runCli(['paths'], {home});
		expect(result.stdout).toBe(`config  ${join(home, 'config.json')}\ncache   ${join(home, 'cache.db')}\n`);
	});
});

describe('bad input and damaged files', () => {
	it('reports a broken config with its path and leaves it alone', async () => {
		const home = makeHome();
		const broken = '{"subscriptions": [';
		writeFileSync(join(home, 'config.json'), broken);
		const result = await runCli(['list'], {home});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(join(home, 'config.json'));
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(configText(home)).toBe(broken);
	});

	it('moves a damaged cache aside and keeps the subscriptions', async () => {
		const home = makeHome();
		await runCli(['add', `${base}${fixturePaths.klartext.feed}`], {home});
		writeFileSync(join(home, 'cache.db'), 'Dies ist keine SQLite-Datenbank, sondern Müll.'.repeat(200));
		for (const suffix of ['-wal', '-shm']) if (existsSync(join(home, `cache.db${suffix}`))) writeFileSync(join(home, `cache.db${suffix}`), '');
		const result = await runCli(['list', '--json'], {home});
		expect(result.code).toBe(0);
		expect(result.stderr).toMatch(/damaged; moved it to .*cache\.db\.corrupt-/);
		expect((JSON.parse(result.stdout) as ListedFeed[]).map(feed => feed.url)).toEqual([`${base}${fixturePaths.klartext.feed}`]);
		expect(readdirSync(home).some(name => name.startsWith('cache.db.corrupt-'))).toBe(true);
		const refreshed = await runCli(['refresh'], {home});
		expect(refreshed.stdout).toMatch(/Klartext.*: \d+ new/);
	});

	it('still exports when the cache cannot be opened', async () => {
		const home = makeHome();
		await runCli(['add', `${base}${fixturePaths.klartext.feed}`], {home});
		writeFileSync(join(home, 'cache.db'), 'kaputt');
		const result = await runCli(['export'], {home});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`xmlUrl="${base}${fixturePaths.klartext.feed}"`);
	});

	it('rejects an unknown command with one line', async () => {
		const result = await runCli(['abonnieren', 'x'], {home: makeHome()});
		expect(result.code).not.toBe(0);
		expect(result.stderr).toMatch(/^blogroll: unknown command 'abonnieren'/);
	});

	it('rejects a missing argument and a bad --pick with one line', async () => {
		const home = makeHome();
		const missing = await runCli(['add'], {home});
		expect(missing.code).not.toBe(0);
		expect(missing.stderr).toMatch(/^blogroll: missing required argument 'url'/);
		const pick = await runCli(['add', `${base}/kreidezeit/`, '--pick', 'zwei'], {home});
		expect(pick.code).not.toBe(0);
		expect(pick.stderr).toMatch(/--pick/);
	});

	it('prints the version and help', async () => {
		const home = makeHome();
		expect((await runCli(['--version'], {home})).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
		const help = await runCli(['add', '--help'], {home});
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('--pick');
	});

	it('refuses to open the reader without a terminal', async () => {
		const result = await runCli([], {home: makeHome()});
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/needs a terminal/);
	});
});

function writeTo(home: string, name: string, text: string): string {
	const file = join(home, name);
	writeFileSync(file, text);
	return file;
}

function readSiteFile(_blog: string, path: string): string {
	const routes = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'site', 'routes.json'), 'utf8')) as Record<string, {file: string}>;
	const route = routes[path];
	if (!route) throw new Error(`no route ${path}`);
	return readFileSync(join(import.meta.dirname, '..', 'fixtures', 'site', route.file), 'utf8').replaceAll('{{BASE}}', base);
}
