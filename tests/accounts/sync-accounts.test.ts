import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {openCredentials} from '../../source/accounts/credentials.js';
import type {AccountSettings} from '../../source/accounts/types.js';
import {openConfig, type Config} from '../../source/config/config.js';
import {isFailure} from '../../source/failure.js';
import {openStore} from '../../source/store/open.js';
import type {Store} from '../../source/store/types.js';
import {addAccount, removeAccount, subscribeOnAccount, unsubscribeOnAccount} from '../../source/use-cases/accounts.js';
import {syncAccounts, type AccountSyncDeps} from '../../source/use-cases/sync-accounts.js';
import {FakeServer} from './fake-server.js';

const homes: string[] = [];
afterEach(() => {
	for (const home of homes.splice(0)) rmSync(home, {recursive: true, force: true});
});

const ACCOUNT: AccountSettings = {name: 'ttrss-home', kind: 'ttrss', url: 'https://news.example.de', user: 'anja', addedAt: '2026-12-01T00:00:00.000Z'};
const COACH = 'https://kreidezeit.example.de/feed/';
const GARDEN = 'https://gartenglueck.example.de/feed/';

interface Profile {
	readonly config: Config;
	readonly store: Store;
	readonly deps: AccountSyncDeps;
	readonly home: string;
}

async function profile(server: FakeServer, options: {password?: string; accounts?: AccountSettings[]} = {}): Promise<Profile> {
	const home = mkdtempSync(join(tmpdir(), 'blogroll-accounts-'));
	homes.push(home);
	const config = openConfig({configDir: home, configFile: join(home, 'config.json'), dataDir: home, cacheFile: join(home, 'cache.db')});
	if (isFailure(config)) throw new Error(config.message);
	const store = openStore(':memory:');
	const credentials = openCredentials({file: join(home, 'credentials.json'), useKeyring: false});
	for (const account of options.accounts ?? [ACCOUNT]) {
		config.addAccount(account);
		await credentials.set(account.name, options.password ?? server.password);
	}
	let clock = Date.parse('2026-12-05T20:00:00.000Z');
	const deps: AccountSyncDeps = {config, store, credentials, now: () => new Date((clock += 1000)), createClient: options_ => server.client(options_)};
	return {config, store, deps, home};
}

function seedServer(server: FakeServer): void {
	server.addFeed('11', COACH, 'Kreidezeit – Coaching', ['Führung']);
	server.addFeed('12', GARDEN, 'Gartenglück', ['Garten', 'Natur']);
	server.addItem('101', '11', {title: 'Wenn „Feedback“ weh tut', link: 'https://kreidezeit.example.de/2026/feedback/'});
	server.addItem('102', '11', {title: 'Führen ohne Titel', link: 'https://kreidezeit.example.de/2026/fuehren/'}, {read: true});
	server.addItem('103', '12', {title: 'Tomaten überwintern?', link: 'https://gartenglueck.example.de/tomaten/'}, {starred: true});
	server.addItem('104', '12', {title: 'Beete im Dezember', link: 'https://gartenglueck.example.de/beete/'});
	server.addItem('105', '12', {title: 'Kompost für Anfänger', link: 'https://gartenglueck.example.de/kompost/'});
}

/** Every entry of the cache with its flags, by title: what a user sees. */
function snapshot(store: Store) {
	return store
		.listEntries({}, {offset: 0, limit: 1000})
		.map(entry => `${entry.feedTitle} | ${entry.title} | ${entry.isRead ? 'read' : 'unread'}${entry.isStarred ? ' starred' : ''}`)
		.sort();
}

function entryId(store: Store, title: string): number {
	const entry = store.listEntries({}, {offset: 0, limit: 1000}).find(candidate => candidate.title === title);
	if (entry === undefined) throw new Error(`no entry ${title}`);
	return entry.id;
}

describe('syncing a feed server account', () => {
	it('brings the server’s feeds with their categories as tags, its entries and their states; a second sync duplicates nothing', async () => {
		const server = new FakeServer();
		seedServer(server);
		const {config, store, deps} = await profile(server);

		const first = await syncAccounts(deps);
		expect(first.accounts[0]).toMatchObject({account: 'ttrss-home', error: null, feeds: {added: 2, removed: 0}, received: {newEntries: 5}, sent: 0});
		expect(config.subscriptions().map(subscription => [subscription.url, subscription.tags, subscription.account, subscription.remoteId])).toEqual([
			[COACH, ['Führung'], 'ttrss-home', '11'],
			[GARDEN, ['Garten', 'Natur'], 'ttrss-home', '12'],
		]);
		expect(snapshot(store)).toEqual([
			'Gartenglück | Beete im Dezember | unread',
			'Gartenglück | Kompost für Anfänger | unread',
			'Gartenglück | Tomaten überwintern? | unread starred',
			'Kreidezeit – Coaching | Führen ohne Titel | read',
			'Kreidezeit – Coaching | Wenn „Feedback“ weh tut | unread',
		]);
		expect(store.accounts().outboxSize('ttrss-home')).toBe(0);

		const second = await syncAccounts(deps);
		expect(second.accounts[0]).toMatchObject({error: null, feeds: {added: 0, removed: 0}, received: {newEntries: 0, read: 0, unread: 0, starred: 0, unstarred: 0}, sent: 0});
		expect(snapshot(store)).toHaveLength(5);
		expect(store.accounts().state('ttrss-home').lastSyncAt).not.toBeNull();
	});

	it('sends a read and a star made in blogroll, once, and the server keeps them', async () => {
		const server = new FakeServer();
		seedServer(server);
		const {store, deps} = await profile(server);
		await syncAccounts(deps);

		expect(store.setRead([entryId(store, 'Beete im Dezember')], true)).toBe(1);
		store.setStarred(entryId(store, 'Wenn „Feedback“ weh tut'), true);
		expect(store.accounts().outbox('ttrss-home').map(change => [change.remoteId, change.field, change.value])).toEqual([
			['104', 'read', true],
			['101', 'starred', true],
		]);

		const report = await syncAccounts(deps);
		expect(report.accounts[0]).toMatchObject({error: null, sent: 2, received: {read: 0, unread: 0, starred: 0, unstarred: 0}});
		expect(server.items.get('104')?.isRead).toBe(true);
		expect(server.items.get('101')?.isStarred).toBe(true);
		expect(store.accounts().outboxSize('ttrss-home')).toBe(0);
		expect((await syncAccounts(deps)).accounts[0]?.sent).toBe(0);
	});

	it('applies a read and a star made on the server without queueing them to go back', async () => {
		const server = new FakeServer();
		seedServer(server);
		const {store, deps} = await profile(server);
		await syncAccounts(deps);
		server.setState('101', 'read', true);
		server.setState('105', 'starred', true);
		server.setState('103', 'starred', false);

		const report = await syncAccounts(deps);
		expect(report.accounts[0]).toMatchObject({error: null, sent: 0, received: {read: 1, starred: 1, unstarred: 1}});
		expect(snapshot(store)).toContain('Kreidezeit – Coaching | Wenn „Feedback“ weh tut | read');
		expect(snapshot(store)).toContain('Gartenglück | Kompost für Anfänger | unread starred');
		expect(snapshot(store)).toContain('Gartenglück | Tomaten überwintern? | unread');
		expect(store.accounts().outboxSize('ttrss-home')).toBe(0);
	});

	it('never overwrites a flag with a pending local change when the server gives no change times', async () => {
		const server = new FakeServer();
		seedServer(server);
		const {store, deps} = await profile(server);
		await syncAccounts(deps);
		store.setRead([entryId(store, 'Führen ohne Titel')], false);
		// The server marks it read again meanwhile (an older state as far as anyone can tell).
		server.setState('102', 'read', true);
		await syncAccounts(deps);
		expect(snapshot(store)).toContain('Kreidezeit – Coaching | Führen ohne Titel | unread');
		expect(server.items.get('102')?.isRead).toBe(false);
	});

	it('ends a change made on both sides with the later one where the server says when it changed (Nextcloud)', async () => {
		const server = new FakeServer();
		server.reportsStates = true;
		seedServer(server);
		const {store, deps} = await profile(server);
		await syncAccounts(deps);

		// Local first, server later: the server's wins, and the local change is dropped.
		store.setRead([entryId(store, 'Beete im Dezember')], true);
		server.setState('104', 'read', false, '2099-01-01T00:00:00.000Z');
		server.setState('104', 'starred', true, '2099-01-01T00:00:00.000Z');
		// Server first (it read it, the item unstarred), local later (a star): the star wins and is sent, the read arrives.
		server.setState('105', 'read', true, '2000-01-01T00:00:00.000Z');
		store.setStarred(entryId(store, 'Kompost für Anfänger'), true);

		const report = await syncAccounts(deps);
		expect(report.accounts[0]?.error).toBeNull();
		expect(snapshot(store)).toContain('Gartenglück | Beete im Dezember | unread starred');
		expect(snapshot(store)).toContain('Gartenglück | Kompost für Anfänger | read starred');
		expect(server.items.get('104')?.isRead).toBe(false);
		expect(server.items.get('105')?.isRead).toBe(true);
		expect(server.items.get('105')?.isStarred).toBe(true);
		expect(server.sent.map(change => change.remoteId)).not.toContain('104');
	});

	it('killed after page k, the next sync ends in the same state as one that was never interrupted', async () => {
		const interrupted = new FakeServer();
		const whole = new FakeServer();
		for (const server of [interrupted, whole]) {
			server.pageSize = 2;
			seedServer(server);
		}
		const a = await profile(interrupted);
		const b = await profile(whole);

		interrupted.failAfterPages = 1;
		const failedSync = await syncAccounts(a.deps);
		expect(failedSync.accounts[0]?.error).toBe('https://news.example.de: connection reset (ECONNRESET)');
		// The first page and its cursor were stored together; nothing after it.
		expect(snapshot(a.store)).toHaveLength(2);
		expect(a.store.accounts().state('ttrss-home').cursor).toBe('2');
		expect(a.store.accounts().state('ttrss-home').lastError).toContain('ECONNRESET');

		const resumed = await syncAccounts(a.deps);
		expect(resumed.accounts[0]).toMatchObject({error: null, received: {newEntries: 3}});
		await syncAccounts(b.deps);
		expect(snapshot(a.store)).toEqual(snapshot(b.store));
		expect(a.config.subscriptions()).toEqual(b.config.subscriptions().map(subscription => ({...subscription, addedAt: expect.any(String) as string})));
		expect(a.store.accounts().state('ttrss-home').lastError).toBeNull();
	});

	it('a wrong password is one line naming the server; nothing changes and the next account still syncs', async () => {
		const server = new FakeServer();
		seedServer(server);
		const other: AccountSettings = {...ACCOUNT, name: 'zweites', url: 'https://rss.example.org'};
		const {config, store, deps} = await profile(server, {accounts: [ACCOUNT, other]});
		await deps.credentials.set('ttrss-home', 'falsch');

		const outcome = await syncAccounts(deps);
		expect(outcome.accounts.map(report => report.error)).toEqual(['https://news.example.de: login failed: wrong user or password', null]);
		// The second account brought the feeds; the first changed nothing.
		expect(config.subscriptions().every(subscription => subscription.account === 'zweites')).toBe(true);
		expect(snapshot(store)).toHaveLength(5);
		expect(JSON.stringify(outcome)).not.toContain('falsch');
	});

	it('an expired session logs in again once and the sync goes through', async () => {
		const server = new FakeServer();
		seedServer(server);
		const {deps} = await profile(server);
		server.expireSession = true;
		const outcome = await syncAccounts(deps);
		expect(outcome.accounts[0]?.error).toBeNull();
		expect(server.logins).toBe(2);
	});

	it('takes over a local subscription to the same url and its entries, without duplicates, keeping the user’s tags', async () => {
		const server = new FakeServer();
		seedServer(server);
		const {config, store, deps} = await profile(server);
		config.addSubscription({url: COACH, title: 'Anjas Blog', tags: ['lesen'], fullArticle: false, addedAt: '2026-11-01T00:00:00.000Z'});
		const feed = store.ensureFeed(COACH);
		store.upsertEntries(feed.id, [{id: 'https://kreidezeit.example.de/?p=17', title: 'Wenn „Feedback“ weh tut', link: 'https://kreidezeit.example.de/2026/feedback/', published: '2026-11-30T10:00:00.000Z', updated: null, author: null, content: null, summary: null}], '2026-12-01T00:00:00.000Z');
		store.setRead([entryId(store, 'Wenn „Feedback“ weh tut')], true);
		expect(store.accounts().outboxSize('ttrss-home')).toBe(0);

		const outcome = await syncAccounts(deps);
		expect(outcome.accounts[0]).toMatchObject({error: null, feeds: {added: 2}, received: {newEntries: 4}});
		expect(config.findSubscription(COACH)).toMatchObject({title: 'Anjas Blog', tags: ['Führung', 'lesen'], account: 'ttrss-home', remoteId: '11'});
		expect(snapshot(store).filter(line => line.includes('Feedback'))).toHaveLength(1);

		// The server renames its category: the server's tag follows, the user's stays.
		server.feeds[0] = {...server.feeds[0]!, tags: ['Leadership']};
		await syncAccounts(deps);
		expect(config.findSubscription(COACH)?.tags).toEqual(['Leadership', 'lesen']);
	});

	it('removes a feed the server no longer has, with its entries', async () => {
		const server = new FakeServer();
		seedServer(server);
		const {config, store, deps} = await profile(server);
		await syncAccounts(deps);
		server.feeds.splice(1, 1);
		const outcome = await syncAccounts(deps);
		expect(outcome.accounts[0]).toMatchObject({error: null, feeds: {added: 0, removed: 1}});
		expect(config.subscriptions().map(subscription => subscription.url)).toEqual([COACH]);
		expect(store.getFeedByUrl(GARDEN)).toBeNull();
	});

	it('treats server data as untrusted: escape sequences go, script links are dropped, a huge title is cut', async () => {
		const server = new FakeServer();
		server.addFeed('11', COACH, 'Kreidezeit\u001B]52;c;ZXZpbA==\u0007', []);
		server.addFeed('13', 'javascript:alert(1)', 'Böse', []);
		server.addItem('201', '11', {title: `\u001B[31mRot\u001B[0m ${'Ä'.repeat(5000)}`, link: 'javascript:alert(1)', content: '<p>Hallo</p>\u001B[2J'});
		const {config, store, deps} = await profile(server);
		await syncAccounts(deps);
		expect(config.subscriptions().map(subscription => subscription.url)).toEqual([COACH]);
		expect(store.getFeedByUrl(COACH)?.title).toBe('Kreidezeit');
		const entry = store.getEntry(store.listEntries({}, {offset: 0, limit: 10})[0]!.id)!;
		expect(entry.title.startsWith('Rot ÄÄ')).toBe(true);
		expect(entry.title.length).toBeLessThanOrEqual(1000);
		expect(entry.link).toBeNull();
		expect(entry.content).toBe('<p>Hallo</p>');
	});
});

describe('accounts and the synced folder', () => {
	it('the folder carries the local feeds but not the account’s', async () => {
		const server = new FakeServer();
		seedServer(server);
		const {config, store, deps, home} = await profile(server);
		config.addSubscription({url: 'https://lokal.example.de/feed/', title: null, tags: ['Nachbarn'], fullArticle: false, addedAt: '2026-11-01T00:00:00.000Z'});
		await syncAccounts(deps);
		const folder = join(home, 'Sync');
		mkdirSync(folder);
		const {syncFolder} = await import('../../source/use-cases/sync-folder.js');
		const report = syncFolder({config, store, now: deps.now, lockFile: join(home, 'sync.lock')}, {dir: folder});
		expect(isFailure(report)).toBe(false);
		// A read made afterwards goes to the server's queue, not into the folder.
		store.setRead([entryId(store, 'Kompost für Anfänger')], true);
		expect(store.replicate().outboxSize()).toBe(0);
		expect(store.accounts().outboxSize('ttrss-home')).toBe(1);
		syncFolder({config, store, now: deps.now, lockFile: join(home, 'sync.lock')});
		const written = readdirSync(folder).map(name => readFileSync(join(folder, name), 'utf8')).join('\n');
		expect(written).toContain('https://lokal.example.de/feed/');
		expect(written).not.toContain(COACH);
		expect(written).not.toContain(GARDEN);
	});
});

describe('changes to accounts', () => {
	it('a wrong password at `account add` saves nothing', async () => {
		const server = new FakeServer();
		const {config, deps, home} = await profile(server, {accounts: []});
		const added = await addAccount({kind: 'ttrss', url: 'news.example.de/', user: 'anja', password: 'falsch-123'}, deps);
		expect(isFailure(added) && added.message).toBe('news.example.de: https://news.example.de: login failed: wrong user or password');
		expect(config.accounts()).toEqual([]);
		expect(await deps.credentials.get('news.example.de')).toBeNull();
		void home;
	});

	it('`account add` with the right password keeps it in the 0600 file and the account in the config', async () => {
		const server = new FakeServer();
		const {config, deps} = await profile(server, {accounts: []});
		const added = await addAccount({kind: 'nextcloud', url: 'https://cloud.example.de/', user: 'anja', password: server.password, name: 'wolke'}, deps);
		expect(added).toMatchObject({place: 'file', account: {name: 'wolke', kind: 'nextcloud', url: 'https://cloud.example.de', user: 'anja'}});
		expect(config.accounts().map(account => account.name)).toEqual(['wolke']);
		expect(await deps.credentials.get('wolke')).toEqual({password: server.password, place: 'file'});
	});

	it('`add --account` refused by the server changes nothing locally; accepted, the feed is the account’s', async () => {
		const server = new FakeServer();
		seedServer(server);
		const {config, deps} = await profile(server);
		await syncAccounts(deps);
		server.refuseSubscribe = "Couldn't download the specified URL: 404";
		const refused = await subscribeOnAccount({url: 'https://neu.example.de/feed', accountName: 'ttrss-home'}, deps);
		expect(isFailure(refused) && refused.message).toBe("ttrss-home: https://news.example.de: Couldn't download the specified URL: 404");
		expect(config.subscriptions()).toHaveLength(2);

		server.refuseSubscribe = null;
		const accepted = await subscribeOnAccount({url: 'https://neu.example.de/feed', accountName: 'ttrss-home', tags: ['Neu']}, deps);
		expect(isFailure(accepted)).toBe(false);
		expect(config.findSubscription('https://neu.example.de/feed')).toMatchObject({account: 'ttrss-home', tags: ['Neu']});
		const outcome = await syncAccounts(deps);
		expect(outcome.accounts[0]).toMatchObject({error: null, feeds: {added: 0, removed: 0}});
	});

	it('`remove` of an account feed unsubscribes on the server first', async () => {
		const server = new FakeServer();
		seedServer(server);
		const {config, store, deps} = await profile(server);
		await syncAccounts(deps);
		const removed = await unsubscribeOnAccount(config.findSubscription(GARDEN)!, deps);
		expect(isFailure(removed)).toBe(false);
		expect(server.feeds.map(feed => feed.url)).toEqual([COACH]);
		expect(config.findSubscription(GARDEN)).toBeUndefined();
		expect(store.getFeedByUrl(GARDEN)).toBeNull();
	});

	it('`account remove --keep-feeds` leaves local subscriptions with their entries; the password and queue go', async () => {
		const server = new FakeServer();
		seedServer(server);
		const {config, store, deps} = await profile(server);
		await syncAccounts(deps);
		store.setRead([entryId(store, 'Beete im Dezember')], true);
		const removed = await removeAccount('ttrss-home', 'keep', deps);
		expect(removed).toMatchObject({feeds: 2});
		expect(config.accounts()).toEqual([]);
		expect(config.subscriptions().map(subscription => [subscription.url, subscription.account, subscription.tags])).toEqual([
			[COACH, undefined, ['Führung']],
			[GARDEN, undefined, ['Garten', 'Natur']],
		]);
		expect(snapshot(store)).toHaveLength(5);
		expect(store.accounts().outboxSize('ttrss-home')).toBe(0);
		expect(await deps.credentials.get('ttrss-home')).toBeNull();
		// A local read now queues nothing: the entries are no server items any more.
		store.setRead([entryId(store, 'Kompost für Anfänger')], true);
		expect(store.accounts().outboxSize('ttrss-home')).toBe(0);
	});

	it('`account remove --drop-feeds` removes the feeds and their entries', async () => {
		const server = new FakeServer();
		seedServer(server);
		const {config, store, deps} = await profile(server);
		await syncAccounts(deps);
		await removeAccount('ttrss-home', 'drop', deps);
		expect(config.subscriptions()).toEqual([]);
		expect(snapshot(store)).toEqual([]);
	});
});

describe('what blogroll does not do with an account feed', () => {
	it('`backfill` refuses it: its server brings the entries', async () => {
		const server = new FakeServer();
		seedServer(server);
		const {config, store, deps} = await profile(server);
		await syncAccounts(deps);
		const {backfillSubscription} = await import('../../source/use-cases/backfill.js');
		const {createHttpClient} = await import('../../source/feeds/http.js');
		const outcome = await backfillSubscription({feed: COACH}, {config, store, http: createHttpClient(), now: deps.now});
		expect(isFailure(outcome) && outcome.message).toBe('Kreidezeit – Coaching comes from the account ttrss-home: its server brings its entries (blogroll sync), blogroll does not fetch it');
	});

	it('`refresh` leaves it to the sync and says so', async () => {
		const server = new FakeServer();
		seedServer(server);
		const {config, store, deps} = await profile(server);
		await syncAccounts(deps);
		const {refreshSubscriptions} = await import('../../source/use-cases/refresh-subscriptions.js');
		const {createHttpClient} = await import('../../source/feeds/http.js');
		const outcome = await refreshSubscriptions({config, store, http: createHttpClient(), now: deps.now}, {force: true});
		expect(outcome).toMatchObject({results: [], paused: 0, fromAccounts: 2});
	});
});

describe('the reader’s services', () => {
	it('sync the accounts into a summary, share a running sync, and unsubscribe on the server when a feed is deleted', async () => {
		const server = new FakeServer();
		seedServer(server);
		const {config, store, deps} = await profile(server);
		const {createAppServices} = await import('../../source/app-services.js');
		const {createHttpClient} = await import('../../source/feeds/http.js');
		const {config: _config, store: _store, ...accounts} = deps;
		const services = createAppServices({config, store, http: () => createHttpClient(), env: {}, language: 'de', now: deps.now, accounts});
		const first = services.syncAccounts!();
		expect(services.syncAccounts!()).toBe(first);
		expect(await first).toMatchObject({synced: ['ttrss-home'], newEntries: 5, feedsAdded: 2, errors: []});
		const garden = services.listFeeds().find(feed => feed.url === GARDEN)!;
		expect(garden.account).toBe('ttrss-home');

		server.password = 'geändert';
		expect(await services.removeFeed(garden.id)).toMatchObject({kind: 'failed', reason: 'account-login'});
		expect(config.findSubscription(GARDEN)).toBeDefined();
		server.password = 'Geheim-Passwort-äöü-42!';
		expect(await services.removeFeed(garden.id)).toBeUndefined();
		expect(server.feeds.map(feed => feed.url)).toEqual([COACH]);
		expect(config.findSubscription(GARDEN)).toBeUndefined();
		expect(await services.syncAccounts!()).toMatchObject({feedsAdded: 0, feedsRemoved: 0, errors: []});
	});
});
