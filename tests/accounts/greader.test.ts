import fc from 'fast-check';
import {afterEach, describe, expect, it} from 'vitest';
import {isFailure, type Failure} from '../../source/failure.js';
import {baseCandidates, createGreaderClient, normalizeItemId, toLongId, type GreaderTuning} from '../../source/accounts/greader.js';
import {createTransport} from '../../source/accounts/transport.js';
import type {AccountClient, ItemPage, RemoteItem} from '../../source/accounts/types.js';
import {seedGermanBlogs, startGreaderServer, type GreaderFlavor, type GreaderServer} from '../fixtures/greader-server.js';

const servers: GreaderServer[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
});

async function start(flavor: GreaderFlavor, perFeed = 0): Promise<GreaderServer> {
	const server = await startGreaderServer({flavor});
	servers.push(server);
	if (perFeed > 0) seedGermanBlogs(server, perFeed);
	return server;
}

function client(server: GreaderServer, options: {password?: string; url?: string; timeoutMs?: number} & GreaderTuning = {}): AccountClient {
	const password = options.password ?? server.password;
	const transport = createTransport({userAgent: 'blogroll-test', timeoutMs: options.timeoutMs ?? 5000, maxBytes: 8 * 1024 * 1024, secrets: [password]});
	return createGreaderClient(
		{account: {name: 'zuhause', kind: 'greader', url: options.url ?? server.baseUrl, user: server.user, addedAt: '2026-12-05T00:00:00Z'}, password, transport},
		{retryDelayMs: 0, pageSize: 40, idsPageSize: 70, batchSize: 30, ...options},
	);
}

async function collect(iterable: AsyncIterable<ItemPage | Failure>): Promise<{pages: ItemPage[]; failure: Failure | null}> {
	const pages: ItemPage[] = [];
	for await (const page of iterable) {
		if (isFailure(page)) return {pages, failure: page};
		pages.push(page);
	}
	return {pages, failure: null};
}

function itemsOf(pages: readonly ItemPage[]): RemoteItem[] {
	return pages.flatMap(page => page.items);
}

function expectFailure(value: unknown, reason: string): Failure {
	expect(isFailure(value), JSON.stringify(value)?.slice(0, 300)).toBe(true);
	const failure = value as Failure;
	expect(failure.reason).toBe(reason);
	return failure;
}

const clientLogins = (server: GreaderServer): number => server.requests.filter(request => request.path === '/accounts/ClientLogin').length;

describe('Google Reader item ids', () => {
	it.each([
		['tag:google.com,2005:reader/item/0005d7a3c2b1e0f1', BigInt('0x0005d7a3c2b1e0f1').toString()],
		['tag:google.com,2005:reader/item/00000000148b9369', '344691561'],
		['tag:google.com,2005:reader/item/2f2', '754'],
		['000000000000048c', '1164'],
		['1733412345678901', '1733412345678901'],
		['007', '7'],
		['tag:google.com,2005:reader/item/ffffffffffffffff', '18446744073709551615'],
	])('%s is normalised to the decimal %s', (raw, decimal) => {
		expect(normalizeItemId(raw)).toBe(decimal);
	});

	it('an id in neither form is kept as the server wrote it, an empty one is no id', () => {
		expect(normalizeItemId('5a1b2c3d-eintrag')).toBe('5a1b2c3d-eintrag');
		expect(normalizeItemId('')).toBeNull();
		expect(normalizeItemId(undefined)).toBeNull();
		expect(normalizeItemId({id: 1})).toBeNull();
	});

	it('any 64-bit id survives decimal → long form → decimal, and the long form has at least 16 hex digits', () => {
		fc.assert(
			fc.property(fc.bigInt({min: 0n, max: 2n ** 64n - 1n}), id => {
				const long = toLongId(id.toString());
				expect(long).toMatch(/^tag:google\.com,2005:reader\/item\/[0-9a-f]{16}$/);
				expect(normalizeItemId(long)).toBe(id.toString());
				expect(normalizeItemId(id.toString())).toBe(id.toString());
			}),
		);
	});

	it('decimal ids go back in the long form with 16 hex digits, beyond 2^53 without loss', () => {
		expect(toLongId('344691561')).toBe('tag:google.com,2005:reader/item/00000000148b9369');
		expect(toLongId('18446744073709551615')).toBe('tag:google.com,2005:reader/item/ffffffffffffffff');
		expect(normalizeItemId(toLongId('9007199254740993'))).toBe('9007199254740993');
	});
});

describe('Google Reader base url', () => {
	it('takes FreshRSS’s api/greader.php as it is, and tries it below a root', () => {
		expect(baseCandidates('https://rss.example.org/api/greader.php/')).toEqual(['https://rss.example.org/api/greader.php']);
		expect(baseCandidates('https://rss.example.org/')).toEqual(['https://rss.example.org', 'https://rss.example.org/api/greader.php']);
		expect(baseCandidates('https://miniflux.example.org/reader/api/0')).toEqual(['https://miniflux.example.org', 'https://miniflux.example.org/api/greader.php']);
	});
});

describe.each(['freshrss', 'miniflux'] as const)('Google Reader client against %s', flavor => {
	it('a wrong password fails with account-login naming the server, without the password', async () => {
		const server = await start(flavor);
		const failure = expectFailure(await client(server, {password: 'falsch-Passwort-ß'}).login(), 'account-login');
		expect(failure.message).toContain(server.origin);
		expect(failure.message).not.toContain('falsch-Passwort-ß');
		expect(failure.message).toContain('API password');
		expect(failure.message.split('\n')).toHaveLength(1);
	});

	it('logs in, and subscriptions bring the feeds with their categories as tags', async () => {
		const server = await start(flavor, 2);
		const api = client(server);
		expect(await api.login()).toBeUndefined();
		const feeds = await api.subscriptions();
		if (isFailure(feeds)) throw new Error(feeds.message);
		expect(feeds).toHaveLength(5);
		expect(feeds[0]).toEqual({
			remoteId: 'feed/1',
			url: 'https://blogs.example.de/kaffeekraenzchen/feed/',
			title: 'Kaffeekränzchen – Ein Blog über Röstereien',
			siteUrl: 'https://blogs.example.de/kaffeekraenzchen/',
			tags: ['Essen & Trinken'],
		});
		expect(new Set(feeds.flatMap(feed => feed.tags))).toEqual(new Set(['Essen & Trinken', 'Alltag', 'Technik']));
		// Reads carry the auth header; the token and the password never sit in a url.
		for (const request of server.requests.filter(seen => seen.path.startsWith('/reader/'))) {
			if (request.method === 'GET') expect(request.headers['authorization']).toMatch(/^GoogleLogin auth=leser\//);
		}
	});

	it('the first sync brings every entry over several pages, oldest first, each once', async () => {
		const server = await start(flavor, 50);
		const {pages, failure} = await collect(client(server).items(null));
		expect(failure).toBeNull();
		expect(pages.length).toBeGreaterThan(2);
		const items = itemsOf(pages);
		expect(items).toHaveLength(250);
		expect(new Set(items.map(item => item.remoteId)).size).toBe(250);
		expect(items.map(item => BigInt(item.remoteId))).toEqual(server.items.map(item => item.id));
		const first = items[0]!;
		const source = server.items[0]!;
		expect(first).toMatchObject({remoteId: source.id.toString(), feedRemoteId: 'feed/1', isRead: false, isStarred: false, changedAt: null});
		expect(first.item.id).toBe(`greader:${source.id}`);
		expect(first.item.title).toBe('Märzenbecher & mehr: „Folge 1“ bei kaffeekraenzchen');
		expect(first.item.link).toBe('https://blogs.example.de/kaffeekraenzchen/1-märzenbecher/'.replace('ä', '%C3%A4'));
		expect(first.item.author).toBe('Jürgen Müller');
		expect(first.item.published).toBe(new Date(source.published * 1000).toISOString());
		expect(first.item.content).toContain('<figure class="wp-block-image size-large">');
		expect(first.item.content).toContain('„ganz ehrlich“');
		expect(first.item.summary).toBeNull();
	});

	it('a sync with nothing new brings nothing; a new entry, even one published long ago, comes next time', async () => {
		const server = await start(flavor, 20);
		const api = client(server);
		const first = await collect(api.items(null));
		const cursor = first.pages.at(-1)!.cursor;
		const again = await collect(api.items(cursor));
		expect(again.failure).toBeNull();
		expect(itemsOf(again.pages)).toEqual([]);
		// Fetched by the server today, published in 2019: FreshRSS's ot is the fetch time;
		// Miniflux's ot would be the publication date, so its client does not use ot.
		const old = server.addItem(2, {title: 'Ein Fundstück aus dem Archiv', content: '<p>Alt, aber „neu“ hier.</p>', link: 'https://blogs.example.de/bahnfahrer/archiv/', published: Date.parse('2019-03-01T10:00:00Z') / 1000});
		const fresh = await collect(api.items(again.pages.at(-1)!.cursor));
		expect(itemsOf(fresh.pages).map(item => item.remoteId)).toEqual([old.id.toString()]);
		expect(itemsOf(fresh.pages)[0]!.item.published).toBe('2019-03-01T10:00:00.000Z');
	});

	it('a sync stopped after a page goes on from its cursor and ends with every entry once', async () => {
		const server = await start(flavor, 30);
		const api = client(server, {batchSize: 40});
		const seen: RemoteItem[] = [];
		let cursor: string | null = null;
		for await (const page of api.items(null)) {
			if (isFailure(page)) throw new Error(page.message);
			seen.push(...page.items);
			cursor = page.cursor;
			if (seen.length >= 80) break; // killed here
		}
		expect(seen.length).toBeLessThan(150);
		const rest = await collect(api.items(cursor));
		expect(rest.failure).toBeNull();
		const all = [...seen, ...itemsOf(rest.pages)];
		expect(new Set(all.map(item => item.remoteId)).size).toBe(150);
		// At most the page boundary twice: resuming does not start over.
		expect(all.length).toBeLessThanOrEqual(151);
	});

	it('states bring every unread and starred id, over several pages, changed on the server', async () => {
		const server = await start(flavor, 40);
		const api = client(server);
		for (const item of server.items.slice(0, 80)) server.setRead(item.id, true);
		server.setStarred(server.items[3]!.id, true);
		server.setStarred(server.items[190]!.id, true);
		const states = await api.states();
		if (isFailure(states) || states === null) throw new Error('no states');
		expect(states.unread.size).toBe(120);
		expect(states.unread.has(server.items[80]!.id.toString())).toBe(true);
		expect(states.unread.has(server.items[0]!.id.toString())).toBe(false);
		expect(states.starred).toEqual(new Set([server.items[3]!.id.toString(), server.items[190]!.id.toString()]));
		expect(server.requests.filter(request => request.path === '/reader/api/0/stream/items/ids').length).toBeGreaterThan(2);
	});

	it('entries bring the read and starred states the server has', async () => {
		const server = await start(flavor, 3);
		server.setRead(server.items[1]!.id, true);
		server.setStarred(server.items[2]!.id, true);
		const items = itemsOf((await collect(client(server).items(null))).pages);
		expect(items.map(item => [item.isRead, item.isStarred]).slice(0, 3)).toEqual([
			[false, false],
			[true, false],
			[false, true],
		]);
	});

	it('send marks read, unread, starred and unstarred in batches; the last change of an item wins', async () => {
		const server = await start(flavor, 20);
		const api = client(server, {batchSize: 4});
		const ids = server.items.map(item => item.id.toString());
		server.setRead(ids[10]!, true);
		server.setStarred(ids[11]!, true);
		const result = await api.send([
			...ids.slice(0, 9).map(remoteId => ({remoteId, field: 'read' as const, value: true})),
			{remoteId: ids[10]!, field: 'read', value: false},
			{remoteId: ids[11]!, field: 'starred', value: false},
			{remoteId: ids[12]!, field: 'starred', value: true},
			{remoteId: ids[13]!, field: 'starred', value: true},
			{remoteId: ids[13]!, field: 'starred', value: false},
		]);
		expect(result).toBeUndefined();
		expect(server.items.slice(0, 9).every(item => item.read)).toBe(true);
		expect(server.item(ids[9]!)!.read).toBe(false);
		expect(server.item(ids[10]!)!.read).toBe(false);
		expect(server.item(ids[11]!)!.starred).toBe(false);
		expect(server.item(ids[12]!)!.starred).toBe(true);
		expect(server.item(ids[13]!)!.starred).toBe(false);
		const edits = server.requests.filter(request => request.path === '/reader/api/0/edit-tag');
		expect(edits.length).toBe(3 + 1 + 1 + 1);
		// Writes carry T in the form (Miniflux authenticates a POST by it alone).
		expect(edits.every(request => request.params.some(([name, value]) => name === 'T' && value.length > 0))).toBe(true);
		expect(edits[0]!.params.filter(([name]) => name === 'i').every(([, value]) => value.startsWith('tag:google.com,2005:reader/item/'))).toBe(true);
	});

	it('an expired session logs in once more and goes on', async () => {
		const server = await start(flavor, 2);
		const api = client(server);
		expect(await api.login()).toBeUndefined();
		server.expireSession();
		const feeds = await api.subscriptions();
		expect(isFailure(feeds)).toBe(false);
		expect(clientLogins(server)).toBe(2);
	});

	it('an expired T token is fetched again once for a write', async () => {
		const server = await start(flavor, 2);
		const api = client(server);
		expect(await api.login()).toBeUndefined();
		server.expireToken();
		expect(await api.send([{remoteId: server.items[0]!.id.toString(), field: 'read', value: true}])).toBeUndefined();
		expect(server.items[0]!.read).toBe(true);
		const tokens = server.requests.filter(request => request.path === '/reader/api/0/token').length;
		// FreshRSS: a new T, same session. Miniflux: T is the auth token, so the new T is
		// refused as well and the client logs in again (then fetches T once more).
		expect([tokens, clientLogins(server)]).toEqual(flavor === 'freshrss' ? [2, 1] : [3, 2]);
	});

	it('a session the server keeps refusing ends in account-login after one fresh login', async () => {
		const server = await start(flavor, 2);
		const api = client(server);
		expect(await api.login()).toBeUndefined();
		server.failNext(401, {count: 50, match: 'subscription/list'});
		const failure = expectFailure(await api.subscriptions(), 'account-login');
		expect(failure.message).toContain(server.origin);
		expect(clientLogins(server)).toBe(2);
		expect(server.requests.filter(request => request.path.includes('subscription/list')).length).toBe(2);
	});

	it('a 500 is retried a bounded number of times, then fails naming the server', async () => {
		const server = await start(flavor, 2);
		const api = client(server);
		server.failNext(500, {count: 2, match: 'subscription/list'});
		expect(isFailure(await api.subscriptions())).toBe(false);
		server.failNext(500, {count: 10, match: 'subscription/list'});
		const before = server.requests.length;
		const failure = expectFailure(await api.subscriptions(), 'account-server');
		expect(failure.message).toBe(`${server.origin}: HTTP 500 from subscription/list`);
		expect(server.requests.length - before).toBe(3);
	});

	it('a server that stops answering times out, is retried, and ends in account-timeout', async () => {
		const server = await start(flavor, 2);
		const api = client(server, {timeoutMs: 300});
		expect(await api.login()).toBeUndefined();
		server.failNext('timeout', {match: 'subscription/list'});
		expect(isFailure(await api.subscriptions())).toBe(false);
		server.failNext('stall', {count: 3, match: 'stream/'});
		const {failure} = await collect(api.items(null));
		expect(failure?.reason).toBe('account-timeout');
		expect(failure?.message).toContain(server.origin);
	});

	it('the server stopped: account-unreachable in one line', async () => {
		const server = await start(flavor, 1);
		const api = client(server);
		await server.close();
		servers.splice(servers.indexOf(server), 1);
		const failure = expectFailure(await api.login(), 'account-unreachable');
		expect(failure.message.startsWith(server.origin)).toBe(true);
	});

	it('subscribes on the server, filed under the tag, and unsubscribes', async () => {
		const server = await start(flavor, 1);
		const api = client(server);
		const feed = await api.subscribe('https://neu.example.de/feed/', 'Technik');
		if (isFailure(feed)) throw new Error(feed.message);
		expect(feed).toMatchObject({url: 'https://neu.example.de/feed/', tags: ['Technik']});
		expect(server.feeds.find(candidate => candidate.url === 'https://neu.example.de/feed/')?.category).toBe('Technik');
		expect(await api.unsubscribe(feed)).toBeUndefined();
		expect(server.feeds.some(candidate => candidate.url === 'https://neu.example.de/feed/')).toBe(false);
		// Gone already is what was asked for.
		expect(await api.unsubscribe(feed)).toBeUndefined();
	});

	it('subscribing to a feed the server already has gives that feed, filed under the tag', async () => {
		const server = await start(flavor, 1);
		const feed = await client(server).subscribe('https://blogs.example.de/quellcode/feed/', 'Lieblinge');
		if (isFailure(feed)) throw new Error(feed.message);
		expect(feed).toMatchObject({remoteId: 'feed/3', url: 'https://blogs.example.de/quellcode/feed/', tags: ['Lieblinge']});
		expect(server.feeds).toHaveLength(5);
		expect(server.feeds[2]!.category).toBe('Lieblinge');
	});

	it('a refused subscription fails with account-refused and the server’s reason where it gives one', async () => {
		const server = await start(flavor, 1);
		server.refuse('https://kaputt.example.de/feed/', 'Der Feed ist ungültig (HTTP 404)');
		const failure = expectFailure(await client(server).subscribe('https://kaputt.example.de/feed/', null), 'account-refused');
		expect(failure.message).toContain('https://kaputt.example.de/feed/');
		if (flavor === 'freshrss') expect(failure.message).toContain('Der Feed ist ungültig (HTTP 404)');
		expect(server.feeds).toHaveLength(5);
	});
});

describe('Google Reader client quirks', () => {
	it('FreshRSS given by its root: the login finds api/greader.php', async () => {
		const server = await start('freshrss', 1);
		const api = client(server, {url: `${server.origin}/`});
		expect(await api.login()).toBeUndefined();
		expect(isFailure(await api.subscriptions())).toBe(false);
	});

	it('FreshRSS with its API switched off (503 everywhere): account-server asking whether API access is allowed', async () => {
		const server = await start('freshrss', 1);
		server.failNext(503, {count: 10});
		const failure = expectFailure(await client(server).login(), 'account-server');
		expect(failure.message).toContain('API access');
	});

	it('a url that is not the API fails with account-server saying where the API is', async () => {
		const server = await start('freshrss', 1);
		const failure = expectFailure(await client(server, {url: `${server.origin}/wiki/`}).login(), 'account-server');
		expect(failure.message).toContain('api/greader.php');
	});

	it('FreshRSS: stream/contents is asked oldest first, with ot in seconds from the server’s clock', async () => {
		const server = await start('freshrss', 10);
		const api = client(server);
		const first = await collect(api.items(null));
		await collect(api.items(first.pages.at(-1)!.cursor));
		const contents = server.requests.filter(request => request.path.startsWith('/reader/api/0/stream/contents/'));
		const params = (index: number): URLSearchParams => new URLSearchParams(contents[index]!.params.map(([name, value]): [string, string] => [name, value]));
		expect(params(0).get('r')).toBe('o');
		expect(params(0).get('ot')).toBeNull();
		expect(params(1).get('c')).toMatch(/^\d+$/);
		const ot = Number(params(contents.length - 1).get('ot'));
		expect(Math.abs(ot - Date.now() / 1000)).toBeLessThan(60);
	});

	it('a continuation that expired while a sync was stopped starts that run over instead of failing every sync', async () => {
		const server = await start('freshrss', 10);
		const api = client(server);
		const stopped = JSON.stringify({mode: 'contents', ot: null, c: 'abgelaufen-123', next: Math.floor(Date.now() / 1000)});
		server.failNext(400, {match: 'stream/contents'});
		const {pages, failure} = await collect(api.items(stopped));
		expect(failure).toBeNull();
		expect(new Set(itemsOf(pages).map(item => item.remoteId)).size).toBe(50);
	});

	it('Miniflux: without stream/contents the client lists ids and fetches contents, and the next sync only what is new', async () => {
		const server = await start('miniflux', 10);
		const api = client(server);
		const first = await collect(api.items(null));
		expect(itemsOf(first.pages)).toHaveLength(50);
		const before = server.requests.length;
		server.addItem(3, {title: 'Neu: „Kekse“ im Quellcode', content: '<p>Frisch.</p>', link: 'https://blogs.example.de/quellcode/neu/'});
		const next = await collect(api.items(first.pages.at(-1)!.cursor));
		expect(itemsOf(next.pages).map(item => item.item.title)).toEqual(['Neu: „Kekse“ im Quellcode']);
		const contents = server.requests.slice(before).filter(request => request.path === '/reader/api/0/stream/items/contents');
		expect(contents).toHaveLength(1);
		expect(contents[0]!.params.filter(([name]) => name === 'i')).toHaveLength(1);
	});

	it('hostile answers: a server that sends the same page with ever new continuations does not keep a sync going', async () => {
		const {startTestServer} = await import('../helpers/http-test-server.js');
		let calls = 0;
		const item = {id: 'tag:google.com,2005:reader/item/0000000000000001', title: 'Immer dasselbe', origin: {streamId: 'feed/1'}, summary: {content: '<p>…</p>'}};
		const fake = await startTestServer({
			'/accounts/ClientLogin': {body: 'SID=a\nLSID=null\nAuth=leser/abc\n'},
			'/reader/api/0/token': {body: 'TTT\n'},
			'*': (request, response) => {
				calls++;
				response.writeHead(200, {'content-type': 'application/json'});
				const ids = request.url?.includes('items/ids') === true;
				response.end(JSON.stringify(ids ? {itemRefs: [{id: '1'}], continuation: `c${calls}`} : {updated: 1_765_000_000, items: [item], continuation: `c${calls}`}));
			},
		});
		try {
			const transport = createTransport({userAgent: 't', timeoutMs: 2000, maxBytes: 1024 * 1024});
			const api = createGreaderClient({account: {name: 'x', kind: 'greader', url: fake.origin, user: 'leser', addedAt: ''}, password: 'pw-geheim', transport});
			const {pages, failure} = await collect(api.items(null));
			expect(failure).toBeNull();
			expect(itemsOf(pages).map(entry => entry.remoteId)).toEqual(['1']);
			const states = await api.states();
			expect(isFailure(states) || states === null ? null : [...states.unread]).toEqual(['1']);
			expect(calls).toBeLessThan(10);
		} finally {
			await fake.close();
		}
	});

	it('hostile answers: entries without id are skipped, huge titles cut, script links dropped', async () => {
		const {startTestServer} = await import('../helpers/http-test-server.js');
		const page = {
			updated: 1_765_000_000,
			items: [
				{title: 'ohne id', origin: {streamId: 'feed/1'}},
				{id: 'tag:google.com,2005:reader/item/0000000000000001', title: 'x'.repeat(50_000), alternate: [{href: 'javascript:alert(1)'}], origin: {streamId: 'feed/1'}, published: 'morgen', summary: {content: '<p>ok</p>'}},
			],
		};
		const fake = await startTestServer({
			'/accounts/ClientLogin': {body: 'SID=a\nLSID=null\nAuth=leser/abc\n'},
			'/reader/api/0/token': {body: 'TTT\n'},
			'*': {headers: {'content-type': 'application/json'}, body: JSON.stringify(page)},
		});
		try {
			const transport = createTransport({userAgent: 't', timeoutMs: 2000, maxBytes: 1024 * 1024});
			const api = createGreaderClient({account: {name: 'x', kind: 'greader', url: fake.origin, user: 'leser', addedAt: ''}, password: 'pw-geheim', transport});
			const {pages} = await collect(api.items(null));
			const items = itemsOf(pages);
			expect(items).toHaveLength(1);
			expect(items[0]!.item.title.length).toBeLessThanOrEqual(1000);
			expect(items[0]!.item.link).toBeNull();
			expect(items[0]!.item.published).toBeNull();
		} finally {
			await fake.close();
		}
	});
});
