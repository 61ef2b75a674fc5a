import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {apiBaseOf, createNextcloudClient, NEXTCLOUD_PAGE_SIZE} from '../../source/accounts/nextcloud.js';
import {createTransport, DEFAULT_TRANSPORT_OPTIONS} from '../../source/accounts/transport.js';
import type {AccountClient, ItemPage, RemoteItem} from '../../source/accounts/types.js';
import {isFailure, type Failure} from '../../source/failure.js';
import {startTestServer, type TestServer} from '../helpers/http-test-server.js';
import {seedGermanBlogs, startNextcloudNewsServer, type NextcloudNewsServer, type SeededContent} from '../fixtures/nextcloud-news-server.js';

let server: NextcloudNewsServer;
let seeded: SeededContent;

function clientFor(url: string, options: {password?: string; user?: string; timeoutMs?: number} = {}): AccountClient {
	const password = options.password ?? server.password;
	return createNextcloudClient({
		account: {name: 'cloud', kind: 'nextcloud', url, user: options.user ?? server.user, addedAt: '2026-12-05T23:00:00.000Z'},
		password,
		transport: createTransport({...DEFAULT_TRANSPORT_OPTIONS, timeoutMs: options.timeoutMs ?? 2000, secrets: [password]}),
	});
}

async function collect(client: AccountClient, cursor: string | null): Promise<{pages: ItemPage[]; failure: Failure | null}> {
	const pages: ItemPage[] = [];
	for await (const page of client.items(cursor)) {
		if (isFailure(page)) return {pages, failure: page};
		pages.push(page);
	}
	return {pages, failure: null};
}

function expectFailure(value: unknown, reason: string): Failure {
	expect(isFailure(value), `expected a failure ${reason}, got ${JSON.stringify(value)?.slice(0, 200)}`).toBe(true);
	const failure = value as Failure;
	expect(failure.reason).toBe(reason);
	expect(failure.message).not.toContain('\n');
	expect(failure.message).not.toContain(server.password);
	expect(failure.message).not.toContain(Buffer.from(`${server.user}:${server.password}`).toString('base64'));
	return failure;
}

function itemsOf(pages: readonly ItemPage[]): RemoteItem[] {
	return pages.flatMap(page => page.items);
}

beforeEach(async () => {
	server = await startNextcloudNewsServer();
	seeded = seedGermanBlogs(server);
	// The blogs were filled an hour ago: the sync after the first finds only what changes now.
	server.advanceClock(3600);
});

afterEach(async () => {
	await server.close();
});

describe('apiBaseOf', () => {
	it.each([
		['https://cloud.example.de', 'https://cloud.example.de/index.php/apps/news/api/v1-3/'],
		['https://cloud.example.de/', 'https://cloud.example.de/index.php/apps/news/api/v1-3/'],
		['https://example.de/nextcloud/', 'https://example.de/nextcloud/index.php/apps/news/api/v1-3/'],
		['https://example.de/nextcloud/index.php/apps/news/', 'https://example.de/nextcloud/index.php/apps/news/api/v1-3/'],
		['https://example.de/index.php/apps/news/api/v1-2/', 'https://example.de/index.php/apps/news/api/v1-3/'],
		['https://example.de/apps/news/', 'https://example.de/index.php/apps/news/api/v1-3/'],
		['https://anna:geheim@cloud.example.de/?x=1', 'https://cloud.example.de/index.php/apps/news/api/v1-3/'],
		['cloud.example.de', 'https://cloud.example.de/index.php/apps/news/api/v1-3/'],
	])('turns %s into the v1-3 API url', (input, expected) => {
		expect(apiBaseOf(input)).toBe(expected);
	});
});

describe('login', () => {
	it('logs in with HTTP Basic and the user’s password', async () => {
		const result = await clientFor(server.url).login();
		expect(result).toBeUndefined();
		const request = server.requests.at(-1);
		expect(request?.path).toBe('/index.php/apps/news/api/v1-3/version');
		expect(request?.authorization).toBe(`Basic ${Buffer.from(`${server.user}:${server.password}`).toString('base64')}`);
	});

	it('says in one line that the password was refused, naming the server and never the password', async () => {
		const failure = expectFailure(await clientFor(server.url, {password: 'falsch'}).login(), 'account-login');
		expect(failure.message).toContain(server.origin);
		expect(failure.message).toContain('app password');
		expect(failure.message).not.toContain('falsch');
	});

	it('finds the API below a Nextcloud installed in a sub-folder', async () => {
		const sub = await startNextcloudNewsServer({basePath: '/nextcloud'});
		try {
			const client = createNextcloudClient({
				account: {name: 'sub', kind: 'nextcloud', url: `${sub.url}/`, user: sub.user, addedAt: '2026-12-05T23:00:00.000Z'},
				password: sub.password,
				transport: createTransport({...DEFAULT_TRANSPORT_OPTIONS, secrets: [sub.password]}),
			});
			expect(await client.login()).toBeUndefined();
		} finally {
			await sub.close();
		}
	});

	it('says there is no News API when the path answers Nextcloud’s HTML 404 page', async () => {
		const failure = expectFailure(await clientFor(`${server.origin}/falscher-pfad`).login(), 'account-server');
		expect(failure.message).toContain('News');
		expect(failure.message).toContain('404');
	});

	it('names a server that offers only the older API v1-2 (The Arsse, old News)', async () => {
		const older = await startNextcloudNewsServer({apiLevel: 'v1-2'});
		try {
			const client = createNextcloudClient({
				account: {name: 'alt', kind: 'nextcloud', url: older.url, user: older.user, addedAt: '2026-12-05T23:00:00.000Z'},
				password: older.password,
				transport: createTransport({...DEFAULT_TRANSPORT_OPTIONS, secrets: [older.password]}),
			});
			const failure = await client.login();
			expect(isFailure(failure) && failure.reason).toBe('account-server');
			expect(isFailure(failure) && failure.message).toMatch(/v1-2 only; blogroll needs v1-3/);
		} finally {
			await older.close();
		}
	});

	it('says the answer is not the API when a web site answers 200 with HTML', async () => {
		const site: TestServer = await startTestServer({'*': {status: 200, headers: {'content-type': 'text/html'}, body: '<!doctype html><title>Willkommen</title><p>Schön, dass Sie da sind.</p>'}});
		try {
			const failure = expectFailure(await clientFor(site.origin).login(), 'account-server');
			expect(failure.message).toContain(site.origin);
		} finally {
			await site.close();
		}
	});

	it('tries a server that fails three times, then reports the HTTP status in one line', async () => {
		server.mode = 'error';
		const before = server.requests.length;
		const failure = expectFailure(await clientFor(server.url).login(), 'account-server');
		expect(failure.message).toContain('500');
		expect(server.requests.length - before).toBe(3);
	});

	it('gets through a passing 500 by trying again', async () => {
		server.failNextRequests = 2;
		expect(await clientFor(server.url).login()).toBeUndefined();
	});

	it('gives up on a server that never answers with a timeout', async () => {
		server.mode = 'stall';
		const failure = expectFailure(await clientFor(server.url, {timeoutMs: 200}).login(), 'account-timeout');
		expect(failure.message).toContain(server.origin);
	});

	it('reports a stopped server as unreachable', async () => {
		const url = server.url;
		await server.close();
		const failure = expectFailure(await clientFor(url).login(), 'account-unreachable');
		expect(failure.message).toContain(new URL(url).origin);
		server = await startNextcloudNewsServer(); // for afterEach
	});
});

describe('subscriptions', () => {
	it('brings every feed with its folder as a tag, and none for a feed outside folders', async () => {
		const feeds = await clientFor(server.url).subscriptions();
		if (isFailure(feeds)) throw new Error(feeds.message);
		expect(feeds).toHaveLength(5);
		const byTitle = new Map(feeds.map(feed => [feed.title, feed]));
		expect(byTitle.get('Linux-Küche')).toEqual({
			remoteId: String(seeded.feedIds[1]),
			url: 'https://linux-kueche.example.org/feed/',
			title: 'Linux-Küche',
			siteUrl: 'https://linux-kueche.example.org/',
			tags: ['Technik'],
		});
		expect(byTitle.get('Gärtnern auf dem Balkon')?.tags).toEqual(['Kochen & Garten']);
		expect(byTitle.get('Gärtnern auf dem Balkon')?.url).toBe('https://balkongarten.example.de/?feed=rss2');
		expect(byTitle.get('Stadtgeflüster Würzburg')?.tags).toEqual([]);
	});

	it('fails with one line when the password is refused', async () => {
		server.mode = 'unauthorized';
		expectFailure(await clientFor(server.url).subscriptions(), 'account-login');
	});
});

describe('items: the first sync', () => {
	it('pages every item newest first, the next offset being the lowest id seen', async () => {
		const {pages, failure} = await collect(clientFor(server.url), null);
		expect(failure).toBeNull();
		const items = itemsOf(pages);
		expect(items).toHaveLength(seeded.itemCount);
		expect(new Set(items.map(item => item.remoteId)).size).toBe(seeded.itemCount);
		expect(pages).toHaveLength(Math.ceil(seeded.itemCount / NEXTCLOUD_PAGE_SIZE));
		const itemRequests = server.requests.filter(request => request.path.includes('/items?'));
		const offsets = itemRequests.map(request => new URL(request.path, server.origin).searchParams.get('offset'));
		const lowestOfFirstPage = Math.min(...(pages[0]?.items ?? []).map(item => Number(item.remoteId)));
		expect(offsets).toEqual(['0', String(lowestOfFirstPage)]);
		const query = new URL(itemRequests[0]?.path ?? '', server.origin).searchParams;
		expect(Object.fromEntries(query)).toMatchObject({type: '3', getRead: 'true', batchSize: String(NEXTCLOUD_PAGE_SIZE)});
		expect(pages[0]?.cursor).toMatch(/^first:/);
		expect(pages.at(-1)?.cursor).toMatch(/^updated:\d+$/);
	});

	it('maps an item with its states, dates, HTML body and the feed’s own guid', async () => {
		const source = [...server.items.values()].find(item => item.feedId === seeded.feedIds[2] && item.starred);
		if (source === undefined) throw new Error('no starred item in the fixture');
		server.setRead(source.id, true);
		const {pages} = await collect(clientFor(server.url), null);
		const item = itemsOf(pages).find(candidate => candidate.remoteId === String(source.id));
		expect(item).toEqual({
			remoteId: String(source.id),
			feedRemoteId: String(seeded.feedIds[2]),
			item: {
				id: source.guid,
				title: source.title,
				link: source.url,
				published: new Date((source.pubDate ?? 0) * 1000).toISOString(),
				updated: null,
				author: 'Käthe Schäfer',
				content: source.body,
				summary: null,
			},
			isRead: true,
			isStarred: true,
			changedAt: new Date(Math.floor(source.lastModified / 1e6) * 1000).toISOString(),
		});
		expect(item?.item.content).toContain('<figure class="wp-block-image');
		expect(item?.item.title).toMatch(/Schwarzwälder|Maultaschen|Zwiebelkuchen|Spätzle/);
	});

	it('goes on below the last stored page after a sync that stalled, and ends with every item once', async () => {
		server.stallItemsAfterPages = 1;
		const first = await collect(clientFor(server.url, {timeoutMs: 300}), null);
		expectFailure(first.failure, 'account-timeout');
		expect(first.pages).toHaveLength(1);
		server.stallItemsAfterPages = null;
		const resumed = await collect(clientFor(server.url), first.pages[0]?.cursor ?? null);
		expect(resumed.failure).toBeNull();
		const ids = [...itemsOf(first.pages), ...itemsOf(resumed.pages)].map(item => item.remoteId);
		expect(ids).toHaveLength(seeded.itemCount);
		expect(new Set(ids).size).toBe(seeded.itemCount);
		expect(resumed.pages.at(-1)?.cursor).toMatch(/^updated:/);
	});

	it('brings an item added while the first sync paged through the next sync', async () => {
		const client = clientFor(server.url);
		const pages: ItemPage[] = [];
		let added = 0;
		for await (const page of client.items(null)) {
			if (isFailure(page)) throw new Error(page.message);
			pages.push(page);
			if (added === 0) {
				added = server.addItem(seeded.feedIds[0] ?? 1, {guid: 'https://technik-zuhause.example.de/?p=9999', title: 'Eilmeldung: Glasfaser für alle', pubDate: 1_780_000_000}).id;
			}
		}
		expect(itemsOf(pages).some(item => item.remoteId === String(added))).toBe(false);
		const next = await collect(client, pages.at(-1)?.cursor ?? null);
		expect(itemsOf(next.pages).map(item => item.item.title)).toContain('Eilmeldung: Glasfaser für alle');
	});

	it('brings an empty server as one empty page with a cursor', async () => {
		const empty = await startNextcloudNewsServer();
		try {
			const client = createNextcloudClient({
				account: {name: 'leer', kind: 'nextcloud', url: empty.url, user: empty.user, addedAt: '2026-12-05T23:00:00.000Z'},
				password: empty.password,
				transport: createTransport({...DEFAULT_TRANSPORT_OPTIONS, secrets: [empty.password]}),
			});
			const pages: ItemPage[] = [];
			for await (const page of client.items(null)) if (!isFailure(page)) pages.push(page);
			expect(pages).toEqual([{items: [], cursor: expect.stringMatching(/^updated:\d+$/)}]);
		} finally {
			await empty.close();
		}
	});
});

describe('items: afterwards', () => {
	async function firstSyncCursor(client: AccountClient): Promise<string> {
		const {pages, failure} = await collect(client, null);
		if (failure !== null) throw new Error(failure.message);
		return pages.at(-1)?.cursor ?? '';
	}

	it('brings nothing when nothing changed on the server', async () => {
		const client = clientFor(server.url);
		const cursor = await firstSyncCursor(client);
		const {pages} = await collect(client, cursor);
		expect(itemsOf(pages)).toEqual([]);
		expect(pages.at(-1)?.cursor).toBe(cursor);
		const updated = server.requests.filter(request => request.path.includes('/items/updated?'));
		expect(new URL(updated[0]?.path ?? '', server.origin).searchParams.get('lastModified')).toMatch(/^\d{10}$/);
	});

	it('brings a read, a star and a new item made on the server since, and their times', async () => {
		const client = clientFor(server.url);
		const cursor = await firstSyncCursor(client);
		const unread = [...server.items.values()].find(item => item.unread && !item.starred);
		const other = [...server.items.values()].find(item => item.id !== unread?.id && !item.starred);
		if (unread === undefined || other === undefined) throw new Error('fixture');
		server.advanceClock(5);
		server.setRead(unread.id, true);
		server.setStarred(other.id, true);
		const added = server.addItem(seeded.feedIds[4] ?? 1, {guid: 'https://stadtgefluester.example.de/?p=4711', title: 'Neue Brücke über den Main', body: '<p>„Endlich!“, sagen die Würzburger.</p>'});
		const {pages, failure} = await collect(client, cursor);
		expect(failure).toBeNull();
		const byId = new Map(itemsOf(pages).map(item => [item.remoteId, item]));
		expect(byId.size).toBe(3);
		expect(byId.get(String(unread.id))?.isRead).toBe(true);
		expect(byId.get(String(other.id))?.isStarred).toBe(true);
		expect(byId.get(String(added.id))?.item.content).toBe('<p>„Endlich!“, sagen die Würzburger.</p>');
		expect(byId.get(String(unread.id))?.changedAt).toBe(new Date(Math.floor(unread.lastModified / 1e6) * 1000).toISOString());
		const next = pages.at(-1)?.cursor ?? '';
		expect(Number(next.split(':')[1])).toBe(Math.floor(added.lastModified / 1e6));
		// The server compares with >=: at most the items of the cursor's second come again.
		const again = await collect(client, next);
		expect(itemsOf(again.pages).length).toBeLessThanOrEqual(3);
	});

	it('hands a large answer to the engine in pages, oldest change first, each resuming after itself', async () => {
		const client = clientFor(server.url);
		const cursor = await firstSyncCursor(client);
		for (let number = 1; number <= 300; number++) {
			server.addItem(seeded.feedIds[3] ?? 1, {guid: `https://balkongarten.example.de/?p=${5000 + number}`, title: `Gießplan, Woche ${number}`});
		}
		for (const item of server.items.values()) {
			server.advanceClock(0.01);
			server.setRead(item.id, item.unread);
			server.setStarred(item.id, !item.starred);
		}
		const {pages} = await collect(client, cursor);
		expect(pages.length).toBe(2);
		expect(itemsOf(pages)).toHaveLength(seeded.itemCount + 300);
		const cursors = pages.map(page => Number(page.cursor.split(':')[1]));
		expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);
		for (const page of pages) {
			const times = page.items.map(item => Date.parse(item.changedAt ?? ''));
			expect(Math.max(...times) / 1000).toBeLessThanOrEqual(Number(page.cursor.split(':')[1]));
		}
	});

	it('falls back to the paged item list when the unpaged items/updated answer is over the size limit', async () => {
		const limited = createNextcloudClient({
			account: {name: 'cloud', kind: 'nextcloud', url: server.url, user: server.user, addedAt: '2026-12-05T23:00:00.000Z'},
			password: server.password,
			// One page of 200 items fits; every item changed at once does not.
			transport: createTransport({...DEFAULT_TRANSPORT_OPTIONS, maxBytes: 400_000, secrets: [server.password]}),
		});
		const cursor = await firstSyncCursor(limited);
		server.advanceClock(5);
		for (const item of server.items.values()) {
			server.setRead(item.id, true);
			server.setStarred(item.id, true);
		}
		const {pages, failure} = await collect(limited, cursor);
		expect(failure).toBeNull();
		const items = itemsOf(pages);
		expect(items).toHaveLength(seeded.itemCount);
		expect(items.every(item => item.isRead && item.isStarred)).toBe(true);
		expect(server.requests.filter(request => request.path.includes('/items?')).length).toBeGreaterThan(2);
		expect(pages.at(-1)?.cursor).toMatch(/^updated:/);
		// And the next sync is an ordinary small one again.
		const next = await collect(limited, pages.at(-1)?.cursor ?? null);
		expect(next.failure).toBeNull();
	});

	it('states() is null: items/updated reports state changes itself', async () => {
		expect(await clientFor(server.url).states()).toBeNull();
	});
});

describe('send', () => {
	it('marks read, unread, starred and unstarred on the server with the v1-3 multiple routes', async () => {
		const [a, b, c, d] = [...server.items.values()].filter(item => item.unread && !item.starred);
		const read = [...server.items.values()].find(item => !item.unread);
		if (a === undefined || b === undefined || c === undefined || d === undefined || read === undefined) throw new Error('fixture');
		server.setStarred(d.id, true);
		const result = await clientFor(server.url).send([
			{remoteId: String(a.id), field: 'read', value: true},
			{remoteId: String(b.id), field: 'read', value: true},
			{remoteId: String(read.id), field: 'read', value: false},
			{remoteId: String(c.id), field: 'starred', value: true},
			{remoteId: String(d.id), field: 'starred', value: false},
			// The last change of a field wins.
			{remoteId: String(b.id), field: 'read', value: false},
		]);
		expect(result).toBeUndefined();
		expect(server.items.get(a.id)?.unread).toBe(false);
		expect(server.items.get(b.id)?.unread).toBe(true);
		expect(server.items.get(read.id)?.unread).toBe(true);
		expect(server.items.get(c.id)?.starred).toBe(true);
		expect(server.items.get(d.id)?.starred).toBe(false);
		const posts = server.requests.filter(request => request.method === 'POST');
		expect(posts.map(request => request.path.replace(/^.*v1-3\//, ''))).toEqual(['items/read/multiple', 'items/unread/multiple', 'items/star/multiple', 'items/unstar/multiple']);
		expect(JSON.parse(posts[0]?.body ?? '{}')).toEqual({itemIds: [a.id]});
	});

	it('sends many changes in batches', async () => {
		const ids = [...server.items.keys()];
		const result = await clientFor(server.url).send(ids.map(id => ({remoteId: String(id), field: 'read', value: true})));
		expect(result).toBeUndefined();
		expect([...server.items.values()].every(item => !item.unread)).toBe(true);
		expect(server.requests.filter(request => request.path.endsWith('items/read/multiple')).length).toBe(Math.ceil(ids.length / 500));
	});

	it('fails with one line when the server is down, so the engine keeps the changes queued', async () => {
		server.mode = 'error';
		expectFailure(await clientFor(server.url).send([{remoteId: '1', field: 'read', value: true}]), 'account-server');
		expect(server.items.get(1)?.unread).toBe(true);
	});
});

describe('subscribe and unsubscribe', () => {
	beforeEach(() => {
		server.fetchable.set('https://kaffeeklatsch.example.de/feed/', {
			title: 'Kaffeeklatsch – Geschichten aus dem Café',
			link: 'https://kaffeeklatsch.example.de/',
			items: [{guid: 'https://kaffeeklatsch.example.de/?p=1', title: 'Der perfekte Milchschaum', body: '<p>Über Schaum und „Crema“.</p>'}],
		});
	});

	it('subscribes into an existing folder', async () => {
		const feed = await clientFor(server.url).subscribe('https://kaffeeklatsch.example.de/feed/', 'Kochen & Garten');
		if (isFailure(feed)) throw new Error(feed.message);
		expect(feed).toMatchObject({url: 'https://kaffeeklatsch.example.de/feed/', title: 'Kaffeeklatsch – Geschichten aus dem Café', tags: ['Kochen & Garten']});
		expect(server.feeds.get(Number(feed.remoteId))?.folderId).toBe(seeded.folderIds.get('Kochen & Garten'));
	});

	it('creates a folder the server does not have yet', async () => {
		const feed = await clientFor(server.url).subscribe('https://kaffeeklatsch.example.de/feed/', 'Genuss');
		if (isFailure(feed)) throw new Error(feed.message);
		expect(feed.tags).toEqual(['Genuss']);
		const folder = [...server.folders.values()].find(candidate => candidate.name === 'Genuss');
		expect(server.feeds.get(Number(feed.remoteId))?.folderId).toBe(folder?.id);
	});

	it('subscribes outside any folder without a tag', async () => {
		const feed = await clientFor(server.url).subscribe('https://kaffeeklatsch.example.de/feed/', null);
		if (isFailure(feed)) throw new Error(feed.message);
		expect(feed.tags).toEqual([]);
		expect(server.feeds.get(Number(feed.remoteId))?.folderId).toBeNull();
		expect(JSON.parse(server.requests.at(-1)?.body ?? '{}')).toEqual({url: 'https://kaffeeklatsch.example.de/feed/', folderId: null});
	});

	it('shows the server’s reason in one line when the feed exists already (409)', async () => {
		const failure = expectFailure(await clientFor(server.url).subscribe('https://linux-kueche.example.org/feed/', null), 'account-refused');
		expect(failure.message).toContain('Feed with this URL exists');
		expect(failure.message).toContain('https://linux-kueche.example.org/feed/');
	});

	it.each([422, 404] as const)('shows the server’s reason in one line when it cannot read the feed (%i)', async (status) => {
		const other = await startNextcloudNewsServer({unreadableStatus: status});
		try {
			const client = createNextcloudClient({
				account: {name: 'x', kind: 'nextcloud', url: other.url, user: other.user, addedAt: '2026-12-05T23:00:00.000Z'},
				password: other.password,
				transport: createTransport({...DEFAULT_TRANSPORT_OPTIONS, secrets: [other.password]}),
			});
			const failure = await client.subscribe('https://kein-feed.example.de/', null);
			expect(isFailure(failure) && failure.reason).toBe('account-refused');
			expect(isFailure(failure) && failure.message).toContain('Could not find a valid feed');
			expect(other.feeds.size).toBe(0);
		} finally {
			await other.close();
		}
	});

	it('unsubscribes, and takes a feed gone already as done', async () => {
		const client = clientFor(server.url);
		const feeds = await client.subscriptions();
		if (isFailure(feeds)) throw new Error(feeds.message);
		const feed = feeds[0];
		if (feed === undefined) throw new Error('fixture');
		expect(await client.unsubscribe(feed)).toBeUndefined();
		expect(server.feeds.has(Number(feed.remoteId))).toBe(false);
		expect([...server.items.values()].some(item => String(item.feedId) === feed.remoteId)).toBe(false);
		expect(await client.unsubscribe(feed)).toBeUndefined();
	});
});

describe('an untrusted server', () => {
	it('skips items without an id, bounds huge fields and drops links that are not http(s)', async () => {
		const hostile: TestServer = await startTestServer({
			'/index.php/apps/news/api/v1-3/items?type=3&id=0&getRead=true&batchSize=200&offset=0&oldestFirst=false': {
				headers: {'content-type': 'application/json'},
				body: JSON.stringify({
					items: [
						{guid: 'ohne-id', feedId: 1, title: 'Ohne Id'},
						{id: 'x', feedId: 1, title: 'Kaputte Id'},
						{id: 7, feedId: 1, guid: '', url: 'javascript:alert(1)', title: 'T'.repeat(100_000), author: 'A'.repeat(5000), pubDate: 99_999_999_999_999, body: '<p>ok</p>', unread: true, starred: 'ja', lastModified: '1764975600000000'},
					],
				}),
			},
		});
		try {
			const client = createNextcloudClient({
				account: {name: 'h', kind: 'nextcloud', url: hostile.origin, user: 'anna', addedAt: '2026-12-05T23:00:00.000Z'},
				password: 'pw',
				transport: createTransport({...DEFAULT_TRANSPORT_OPTIONS, secrets: ['pw']}),
			});
			const pages: ItemPage[] = [];
			for await (const page of client.items(null)) if (!isFailure(page)) pages.push(page);
			const items = itemsOf(pages);
			expect(items).toHaveLength(1);
			const [item] = items;
			expect(item?.item.id).toBe('nextcloud:7');
			expect(item?.item.link).toBeNull();
			expect(item?.item.title.length).toBeLessThanOrEqual(2000);
			expect(item?.item.author?.length).toBeLessThanOrEqual(200);
			expect(item?.item.published).toBeNull();
			expect(item?.isStarred).toBe(false);
			expect(item?.changedAt).toBe(new Date(1_764_975_600_000).toISOString());
		} finally {
			await hostile.close();
		}
	});

	it('reports JSON of the wrong shape as not the API', async () => {
		const odd: TestServer = await startTestServer({'*': {headers: {'content-type': 'application/json'}, body: '{"feeds": "keine"}'}});
		try {
			const client = createNextcloudClient({
				account: {name: 'o', kind: 'nextcloud', url: odd.origin, user: 'anna', addedAt: '2026-12-05T23:00:00.000Z'},
				password: 'pw',
				transport: createTransport({...DEFAULT_TRANSPORT_OPTIONS, secrets: ['pw']}),
			});
			const feeds = await client.subscriptions();
			expect(isFailure(feeds) && feeds.reason).toBe('account-server');
			const pages = [];
			for await (const page of client.items(null)) pages.push(page);
			expect(pages).toHaveLength(1);
			expect(isFailure(pages[0]) && pages[0].reason).toBe('account-server');
		} finally {
			await odd.close();
		}
	});

	it('stops a server that ignores the offset instead of paging forever', async () => {
		const page = Array.from({length: 200}, (_, index) => ({id: 1000 - index, feedId: 1, guid: `g${index}`, title: 'Immer dieselben'}));
		const stuck: TestServer = await startTestServer({'*': {headers: {'content-type': 'application/json'}, body: JSON.stringify({items: page})}});
		try {
			const client = createNextcloudClient({
				account: {name: 's', kind: 'nextcloud', url: stuck.origin, user: 'anna', addedAt: '2026-12-05T23:00:00.000Z'},
				password: 'pw',
				transport: createTransport({...DEFAULT_TRANSPORT_OPTIONS, secrets: ['pw']}),
			});
			const results = [];
			for await (const result of client.items(null)) results.push(result);
			expect(results).toHaveLength(2);
			expect(isFailure(results[1]) && results[1].reason).toBe('account-server');
		} finally {
			await stuck.close();
		}
	});
});
