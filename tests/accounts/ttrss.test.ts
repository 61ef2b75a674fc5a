import type {IncomingMessage, ServerResponse} from 'node:http';
import {decodeHTML} from 'entities';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {isFailure, type Failure} from '../../source/failure.js';
import {createTransport, DEFAULT_TRANSPORT_OPTIONS} from '../../source/accounts/transport.js';
import {createTtrssClient, ttrssApiUrl} from '../../source/accounts/ttrss.js';
import type {AccountClient, ItemPage, RemoteItem} from '../../source/accounts/types.js';
import {findClosedPort, startTestServer, type TestServer} from '../helpers/http-test-server.js';
import {addEntries, seedGermanBlogs, serverStates, startTtrss, ttrssMissing, wordpressBody, type SeededFeed, type TtrssServer} from '../helpers/ttrss.js';

function client(url: string, password: string, user = 'admin', timeoutMs = 30_000): AccountClient {
	return createTtrssClient({
		account: {name: 'tt-rss', kind: 'ttrss', url, user, addedAt: '2026-12-05T00:00:00.000Z'},
		password,
		transport: createTransport({...DEFAULT_TRANSPORT_OPTIONS, timeoutMs, secrets: [password]}),
	});
}

async function allPages(source: AccountClient, cursor: string | null): Promise<{pages: ItemPage[]; failure: Failure | null}> {
	const pages: ItemPage[] = [];
	for await (const page of source.items(cursor)) {
		if (isFailure(page)) return {pages, failure: page};
		pages.push(page);
	}
	return {pages, failure: null};
}

function expectOk<T>(value: T | Failure): T {
	if (isFailure(value)) throw new Error(`unexpected failure: ${value.reason}: ${value.message}`);
	return value;
}

describe('ttrssApiUrl', () => {
	it.each([
		['https://news.example.de/tt-rss', 'https://news.example.de/tt-rss/api/'],
		['https://news.example.de/tt-rss/', 'https://news.example.de/tt-rss/api/'],
		['https://news.example.de/tt-rss/api', 'https://news.example.de/tt-rss/api/'],
		['https://news.example.de/tt-rss/api/?x=1#y', 'https://news.example.de/tt-rss/api/'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080/api/'],
	])('finds the API of %s', (base, api) => {
		expect(ttrssApiUrl(base)).toBe(api);
	});
});

const missing = ttrssMissing();

describe.skipIf(missing !== null)(`against a real tt-rss${missing === null ? '' : ` (skipped: ${missing})`}`, () => {
	let server: TtrssServer;
	let feeds: SeededFeed[];
	const PER_FEED = 90;

	beforeAll(async () => {
		server = await startTtrss();
		feeds = seedGermanBlogs(server, PER_FEED);
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
	}, 60_000);

	it('refuses a wrong password in one line that names the server and not the password', async () => {
		const wrong = 'Falsches-Passwort-ÄÖÜ';
		const result = await client(server.url, wrong).login();
		expect(isFailure(result)).toBe(true);
		const failure = result as Failure;
		expect(failure.reason).toBe('account-login');
		expect(failure.message).toContain(server.url);
		expect(failure.message).toContain('admin');
		expect(failure.message).not.toContain(wrong);
		expect(failure.message).not.toContain('\n');
	});

	it('brings the subscriptions with their categories as tags', async () => {
		const source = client(server.url, server.password);
		const remote = expectOk(await source.subscriptions());
		expect(remote.map(feed => feed.title).sort()).toEqual(feeds.map(feed => feed.title).sort());
		for (const feed of feeds) {
			const found = remote.find(candidate => candidate.remoteId === String(feed.id));
			expect(found).toMatchObject({url: feed.url, title: feed.title, tags: feed.category === null ? [] : [feed.category]});
		}
		await source.close();
	});

	it('brings every entry once, oldest id first, in pages whose cursor leaves nothing behind', async () => {
		const source = client(server.url, server.password);
		const {pages, failure} = await allPages(source, null);
		expect(failure).toBeNull();
		const ids = pages.flatMap(page => page.items.map(item => Number(item.remoteId)));
		const expected = feeds.flatMap(feed => feed.entryIds).sort((a, b) => a - b);
		expect(ids).toEqual(expected);
		expect(pages.length).toBe(Math.ceil(expected.length / 200));
		for (const page of pages) {
			expect(Number(page.cursor)).toBe(Math.max(...page.items.map(item => Number(item.remoteId))));
		}
		// After a whole first pass the states come from it: the same sets as the server's.
		const states = expectOk(await source.states())!;
		const truth = serverStates(server);
		expect([...states.unread].map(Number).sort((a, b) => a - b)).toEqual([...truth.unread].sort((a, b) => a - b));
		expect([...states.starred].map(Number).sort((a, b) => a - b)).toEqual([...truth.starred].sort((a, b) => a - b));
		await source.close();
	});

	it('maps an entry with its feed, German text, absolute link, date, author, body, tags and states', async () => {
		const source = client(server.url, server.password);
		const {pages} = await allPages(source, null);
		const items = new Map<number, RemoteItem>(pages.flatMap(page => page.items.map(item => [Number(item.remoteId), item] as const)));
		const feed = feeds[0]!;
		// The 51st entry: read (51 % 3 == 0), starred (51 % 17 == 0).
		const item = items.get(feed.entryIds[50]!)!;
		expect(item.feedRemoteId).toBe(String(feed.id));
		expect(item.item.id).toBe(`ttrss:${feed.entryIds[50]}`);
		expect(item.item.title).toBe('„Grenzen setzen“ – Gedanken, Teil 51');
		expect(item.item.link).toBe('https://kreidezeit.example.de/2026/11/grenzen-setzen-51/');
		expect(item.item.published).toBe(new Date(Date.parse('2026-11-01T08:00:00Z') + 51 * 3_600_000).toISOString());
		expect(item.item.author).toBe('Katharina Weiß');
		// tt-rss's sanitizer writes non-ASCII as entities (&bdquo;): still the same text.
		expect(decodeHTML(item.item.content!)).toContain('<p>Heute geht es um „Grenzen setzen“');
		expect(item.item.content).toContain('https://kreidezeit.example.de/wp-content/uploads/2026/11/bild-51.jpg');
		expect(item.isRead).toBe(true);
		expect(item.isStarred).toBe(true);
		const tagged = items.get(feed.entryIds[49]!)!;
		expect(tagged.item.categories).toEqual(['Zuhören', 'Alltag']);
		expect(tagged.isRead).toBe(false);
		expect(tagged.isStarred).toBe(false);
		await source.close();
	});

	it('goes on after the last stored page when a sync stopped in the middle, and later brings only what is new', async () => {
		const source = client(server.url, server.password);
		const first: ItemPage[] = [];
		for await (const page of source.items(null)) {
			if (isFailure(page)) throw new Error(page.message);
			first.push(page);
			if (first.length === 2) break; // killed after two stored pages
		}
		const rest = await allPages(client(server.url, server.password), first.at(-1)!.cursor);
		const ids = [...first, ...rest.pages].flatMap(page => page.items.map(item => Number(item.remoteId)));
		expect(ids).toEqual(feeds.flatMap(feed => feed.entryIds).sort((a, b) => a - b));

		const last = rest.pages.at(-1)!.cursor;
		expect((await allPages(source, last)).pages).toEqual([]);
		const added = addEntries(server, feeds[2]!.id, [
			{title: 'Neu: Straßenbahn nach Zürich', link: 'https://bits-und-baeume.example.org/2026/12/strassenbahn/', content: wordpressBody('Bits und Bäume', 'Straßenbahn', 1, 'bits-und-baeume.example.org'), updated: '2026-12-05T07:00:00Z'},
		]);
		const next = await allPages(source, last);
		expect(next.pages.flatMap(page => page.items.map(item => Number(item.remoteId)))).toEqual(added);
		await source.close();
	});

	it('reports every unread and every starred id, over several pages', async () => {
		const source = client(server.url, server.password);
		const states = expectOk(await source.states())!;
		const truth = serverStates(server);
		expect(truth.unread.size).toBeGreaterThan(200);
		expect([...states.unread].map(Number).sort((a, b) => a - b)).toEqual([...truth.unread].sort((a, b) => a - b));
		expect([...states.starred].map(Number).sort((a, b) => a - b)).toEqual([...truth.starred].sort((a, b) => a - b));
		await source.close();
	});

	it('sends read, unread, starred and unstarred in batches, the last change of an item winning', async () => {
		const source = client(server.url, server.password);
		const before = serverStates(server);
		const unreadIds = [...before.unread].sort((a, b) => a - b).slice(0, 250);
		const readId = [...feeds[3]!.entryIds].find(id => !before.unread.has(id))!;
		const starId = [...feeds[4]!.entryIds].find(id => !before.starred.has(id))!;
		const unstarId = [...before.starred][0]!;
		expectOk(
			await source.send([
				...unreadIds.map(id => ({remoteId: String(id), field: 'read' as const, value: true})),
				{remoteId: String(readId), field: 'read', value: false},
				{remoteId: String(starId), field: 'starred', value: false},
				{remoteId: String(starId), field: 'starred', value: true},
				{remoteId: String(unstarId), field: 'starred', value: false},
				{remoteId: 'kaputt', field: 'starred', value: true},
			]),
		);
		const after = serverStates(server);
		for (const id of unreadIds) expect(after.unread.has(id)).toBe(false);
		expect(after.unread.has(readId)).toBe(true);
		expect(after.starred.has(starId)).toBe(true);
		expect(after.starred.has(unstarId)).toBe(false);
		await source.close();
	});

	it('logs in again once when the server forgot the session', async () => {
		const source = client(server.url, server.password);
		expectOk(await source.login());
		server.sql('DELETE FROM ttrss_sessions;');
		const remote = expectOk(await source.subscriptions());
		expect(remote).toHaveLength(feeds.length);
		await source.close();
	});

	it('finds every entry when the user has tt-rss group headlines by feed', async () => {
		server.sql(`INSERT INTO ttrss_user_prefs (owner_uid, pref_name, value) VALUES (1, 'VFEED_GROUP_BY_FEED', 'true');`);
		try {
			const source = client(server.url, server.password);
			const {pages} = await allPages(source, null);
			const expected = server.sql('SELECT ref_id FROM ttrss_user_entries WHERE feed_id IS NOT NULL ORDER BY ref_id;').trim().split('\n').map(Number);
			expect(pages.flatMap(page => page.items.map(item => Number(item.remoteId)))).toEqual(expected);
			const states = expectOk(await source.states())!;
			expect(states.unread.size).toBe(serverStates(server).unread.size);
			await source.close();
		} finally {
			server.sql(`DELETE FROM ttrss_user_prefs WHERE pref_name = 'VFEED_GROUP_BY_FEED';`);
		}
	});

	it('shows tt-rss’s reason in one line when it refuses a subscription, and changes nothing', async () => {
		const source = client(server.url, server.password);
		const before = server.sql('SELECT count(*) FROM ttrss_feeds;');
		const result = await source.subscribe('http://127.0.0.1:9/feed/', 'Technik');
		expect(isFailure(result)).toBe(true);
		const failure = result as Failure;
		expect(failure.reason).toBe('account-refused');
		expect(failure.message).toContain(server.url);
		expect(failure.message).toContain('http://127.0.0.1:9/feed/');
		expect(failure.message).not.toContain('\n');
		expect(server.sql('SELECT count(*) FROM ttrss_feeds;')).toBe(before);
		await source.close();
	});

	it('unsubscribes on the server, and a feed already gone is no error', async () => {
		const source = client(server.url, server.password);
		const extra = server.sql(`INSERT INTO ttrss_feeds (owner_uid, title, feed_url) VALUES (1, 'Abgemeldet bald', 'https://bald-weg.example.de/feed/') RETURNING id;`).trim();
		const feed = expectOk(await source.subscriptions()).find(candidate => candidate.remoteId === extra)!;
		expect(feed.title).toBe('Abgemeldet bald');
		expectOk(await source.unsubscribe(feed));
		expect(server.sql(`SELECT count(*) FROM ttrss_feeds WHERE id = ${extra};`).trim()).toBe('0');
		expectOk(await source.unsubscribe(feed));
		await source.close();
	});

	it('logs in with a password tt-rss would strip of its “<…>” (sent base64, which its login accepts)', async () => {
		const odd = 'Grüße<an>alle&';
		server.sql(`UPDATE ttrss_users SET salt = 'pfeffer', pwd_hash = 'MODE2:' || encode(sha256(convert_to('pfeffer' || '${odd}', 'UTF8')), 'hex') WHERE login = 'admin';`);
		try {
			const source = client(server.url, odd);
			expectOk(await source.login());
			expect(expectOk(await source.subscriptions()).length).toBeGreaterThan(0);
			await source.close();
		} finally {
			server.sql(`UPDATE ttrss_users SET salt = 'pfeffer', pwd_hash = 'MODE2:' || encode(sha256(convert_to('pfeffer' || 'password', 'UTF8')), 'hex') WHERE login = 'admin';`);
		}
	});

	it('says how to turn the API on when it is off for the user', async () => {
		server.sql(`UPDATE ttrss_user_prefs SET value = 'false' WHERE pref_name = 'ENABLE_API_ACCESS';`);
		try {
			const result = await client(server.url, server.password).login();
			expect(isFailure(result) && result.reason).toBe('account-login');
			expect((result as Failure).message).toContain('Enable API access');
		} finally {
			server.sql(`UPDATE ttrss_user_prefs SET value = 'true' WHERE pref_name = 'ENABLE_API_ACCESS';`);
		}
	});
});

describe('against servers that misbehave', () => {
	let fake: TestServer;
	let handler: (body: Record<string, unknown>, response: ServerResponse) => void;

	beforeAll(async () => {
		fake = await startTestServer({
			'/tt-rss/api/': (request: IncomingMessage, response: ServerResponse) => {
				const chunks: Buffer[] = [];
				request.on('data', (chunk: Buffer) => chunks.push(chunk));
				request.on('end', () => handler(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>, response));
			},
		});
	});

	afterAll(async () => {
		await fake.close();
	});

	beforeEach(() => {
		fake.requests.length = 0;
	});

	function answer(response: ServerResponse, status: number, content: unknown): void {
		response.writeHead(200, {'content-type': 'text/json'});
		response.end(JSON.stringify({seq: 0, status, content}));
	}

	/** A tt-rss that logs in with session `geheim-sid-42` and answers `op` as told. */
	function ttrss(ops: Record<string, (body: Record<string, unknown>, response: ServerResponse) => void>): void {
		handler = (body, response) => {
			const op = String(body['op']);
			if (op === 'login') return answer(response, 0, {session_id: 'geheim-sid-42', api_level: 15});
			if (op === 'getApiLevel') return answer(response, 0, {level: 15});
			if (op === 'getPref') return answer(response, 0, {value: false});
			const reply = ops[op];
			if (reply === undefined) return answer(response, 1, {error: 'UNKNOWN_METHOD'});
			reply(body, response);
		};
	}

	it('retries a 502 a bounded number of times, then gives up with the status', async () => {
		let calls = 0;
		ttrss({
			getCategories: (_body, response) => {
				calls++;
				response.writeHead(502, {'content-type': 'text/html'});
				response.end('<h1>502 Bad Gateway</h1>');
			},
		});
		const result = await client(fake.url('/tt-rss'), 'pw').subscriptions();
		expect(calls).toBe(3);
		expect(isFailure(result) && result.reason).toBe('account-server');
		expect((result as Failure).message).toBe(`${fake.origin}: HTTP 502 for getCategories`);
	});

	it('goes on when a retry after a 503 succeeds', async () => {
		let calls = 0;
		ttrss({
			getCategories: (_body, response) => {
				calls++;
				if (calls === 1) {
					response.writeHead(503);
					response.end();
				} else answer(response, 0, [{id: 3, title: 'Technik'}]);
			},
			getFeeds: (_body, response) => answer(response, 0, [{id: '7', feed_url: 'https://heimserver.example.net/feed/', title: 'Der Heimserver', cat_id: '3'}]),
		});
		const feeds = expectOk(await client(fake.url('/tt-rss'), 'pw').subscriptions());
		expect(feeds).toEqual([{remoteId: '7', url: 'https://heimserver.example.net/feed/', title: 'Der Heimserver', siteUrl: null, tags: ['Technik']}]);
	});

	it('calls an answer that is not the API by the server’s name, and never shows the session id', async () => {
		ttrss({
			getCategories: (_body, response) => {
				response.writeHead(200, {'content-type': 'text/html'});
				response.end('<html><body>Anmeldung erforderlich (sid geheim-sid-42)</body></html>');
			},
		});
		const result = await client(fake.url('/tt-rss'), 'pw').subscriptions();
		expect(isFailure(result) && result.reason).toBe('account-server');
		expect((result as Failure).message).toBe(`${fake.origin}: the answer to getCategories is not tt-rss's API (HTTP 200)`);
	});

	it('reads JSON that PHP notices came before', async () => {
		ttrss({
			getCategories: (_body, response) => {
				response.writeHead(200, {'content-type': 'text/json'});
				response.end('<br />\n<b>Deprecated</b>: strftime() is deprecated in <b>/var/www/tt-rss/include/functions.php</b><br />\n{"seq":0,"status":0,"content":[]}');
			},
			getFeeds: (_body, response) => answer(response, 0, []),
		});
		expect(expectOk(await client(fake.url('/tt-rss'), 'pw').subscriptions())).toEqual([]);
	});

	it('logs in again once after NOT_LOGGED_IN, then fails as a login problem', async () => {
		let logins = 0;
		handler = (body, response) => {
			if (body['op'] === 'login') logins++;
			if (body['op'] === 'login') return answer(response, 0, {session_id: `sid-${logins}`, api_level: 15});
			if (body['op'] === 'getApiLevel') return answer(response, 0, {level: 15});
			if (body['op'] === 'getPref') return answer(response, 0, {value: false});
			answer(response, 1, {error: 'NOT_LOGGED_IN'});
		};
		const source = client(fake.url('/tt-rss'), 'pw');
		expectOk(await source.login());
		const result = await source.subscriptions();
		expect(logins).toBe(2);
		expect(isFailure(result) && result.reason).toBe('account-login');
	});

	it('names the feeds when tt-rss finds several on a page, and the fetch error when it cannot fetch', async () => {
		ttrss({
			getCategories: (_body, response) => answer(response, 0, []),
			subscribeToFeed: (body, response) =>
				String(body['feed_url']).includes('mehrere')
					? answer(response, 0, {status: {code: 4, feeds: {'https://mehrere.example.de/feed/': 'Beiträge', 'https://mehrere.example.de/comments/feed/': 'Kommentare'}}})
					: answer(response, 0, {status: {code: 5, message: 'HTTP Code: 403 Forbidden'}}),
		});
		const several = (await client(fake.url('/tt-rss'), 'pw').subscribe('https://mehrere.example.de/', null)) as Failure;
		expect(several.reason).toBe('account-refused');
		expect(several.message).toBe(
			`${fake.origin}: https://mehrere.example.de/ lists several feeds, subscribe to one of them: https://mehrere.example.de/feed/, https://mehrere.example.de/comments/feed/`,
		);
		const forbidden = (await client(fake.url('/tt-rss'), 'pw').subscribe('https://gesperrt.example.de/feed/', 'Technik')) as Failure;
		expect(forbidden.message).toBe(`${fake.origin}: tt-rss could not fetch https://gesperrt.example.de/feed/: HTTP Code: 403 Forbidden`);
	});

	it('gives up on a server that stops answering after a bounded number of tries', async () => {
		let calls = 0;
		ttrss({
			getCategories: () => {
				calls++; // never answers
			},
		});
		const result = await client(fake.url('/tt-rss'), 'pw', 'admin', 300).subscriptions();
		expect(calls).toBe(3);
		expect(isFailure(result) && result.reason).toBe('account-timeout');
		expect((result as Failure).message).toContain(fake.origin);
	});

	it('finds every article when tied dates come back in a different order with every page (as PostgreSQL may under LIMIT/OFFSET)', async () => {
		// 1 000 articles in tie groups of 1 to 60 (a feed without dates gets the fetch time);
		// each request orders the ties anew, as a sort that is not unique may.
		const rows: {id: number; updated: number}[] = [];
		let key = 1_780_000_000;
		for (let id = 1; id <= 1000; key += 60) {
			const group = 1 + ((id * 7919) % 60);
			for (let member = 0; member < group && id <= 1000; member++) rows.push({id: id++, updated: key});
		}
		let seed = 42;
		const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
		ttrss({
			getHeadlines: (body, response) => {
				const since = Number(body['since_id'] ?? 0);
				const shuffled = rows.filter(row => row.id > since).map(row => ({row, tie: random()}));
				shuffled.sort((a, b) => a.row.updated - b.row.updated || a.tie - b.tie);
				const skip = Number(body['skip'] ?? 0);
				answer(response, 0, shuffled.slice(skip, skip + 200).map(({row}) => ({id: row.id, feed_id: '5', updated: row.updated, unread: true, marked: false, tags: [''], title: `Eintrag ${row.id}`})));
			},
			getArticle: (body, response) =>
				answer(response, 0, String(body['article_id']).split(',').map(id => ({id: Number(id), feed_id: '5', title: `Eintrag ${id} über Gärten`, link: `https://garten.example.de/${id}/`, content: '<p>Kürbis</p>', unread: true, marked: false, author: ''}))),
		});
		const {pages, failure} = await allPages(client(fake.url('/tt-rss'), 'pw'), null);
		expect(failure).toBeNull();
		expect(pages.flatMap(page => page.items.map(item => Number(item.remoteId)))).toEqual(rows.map(row => row.id));
	});

	it('fails, not throws, for an account url that is no url', async () => {
		const result = await client('news example de', 'pw').login();
		expect(isFailure(result) && result.message).toBe('news example de: not a url of a tt-rss install');
	});

	it('fails in one line when nothing listens', async () => {
		const port = await findClosedPort();
		const result = await client(`http://127.0.0.1:${port}/tt-rss`, 'pw').login();
		expect(isFailure(result) && result.reason).toBe('account-unreachable');
		expect((result as Failure).message).toContain(`http://127.0.0.1:${port}`);
	});
});
