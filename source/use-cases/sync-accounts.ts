/**
 * Sync with feed server accounts (issue 16), for `blogroll sync` and the reader. For each
 * account, in this order:
 *
 *   login → subscriptions → items, page by page → states → send the outbox
 *
 * - Subscriptions: the server's feeds are the account's subscriptions in the config (added,
 *   re-tagged from its categories, removed when gone from the server); a local subscription
 *   to the same url becomes the account's. The server's titles go to the cache (the user's
 *   own title, after `rename`, stays the user's), the server's categories become tags beside
 *   the user's own (which stay local).
 * - Items: each page is stored together with the cursor after it, in one transaction, so a
 *   sync killed between pages goes on where it stopped and ends in the same state. Fields go
 *   through the feed normaliser (source/feeds/normalize.ts) like a fetched feed's: sanitised,
 *   bounded, tracking parameters removed. A server item whose link matches a cached entry of
 *   the same feed that is no server item yet (the feed was local before) becomes that entry.
 * - The outbox is sent last, after what the server says was applied, so that a flag changed on
 *   both sides is decided here. Read and starred are yes/no flags, and a local change turned
 *   one from the value the server had at the last sync to the other. So when the server now
 *   reports the value the local change set, both sides agree (the change is dropped: nothing
 *   to send); when it reports the other one, the server did not change that flag since the
 *   last sync, and the local change wins and is sent. No protocol says when a flag changed:
 *   an item's change time (Nextcloud's lastModified) moves with any change of the item, a star
 *   or a new body, so comparing it with the local change would undo a read because the item
 *   was starred elsewhere. The one case this gets "wrong" is a server that flipped the flag
 *   twice since the last sync (read, then unread again): the local change wins there too.
 * - States: the server's full unread and starred sets, where the client gives them, applied
 *   to every entry of the account except flags with a pending local change.
 *
 * A failure ends that account's sync with one line (stored as its last error); the other
 * accounts still run. What was stored before it (pages with their cursor) stays: it is what
 * the server said, and the next sync goes on from there.
 */
import {join} from 'node:path';
import {createTransport, DEFAULT_TRANSPORT_OPTIONS, originOf, type TransportOptions} from '../accounts/transport.js';
import type {AccountClient, AccountSettings, ClientOptions, RemoteFeed, RemoteItem, StateChange} from '../accounts/types.js';
import type {Credentials} from '../accounts/credentials.js';
import type {Config} from '../config/config.js';
import type {Subscription} from '../config/schema.js';
import {failed, isFailure, type Failure} from '../failure.js';
import {normalizeFeed} from '../feeds/normalize.js';
import type {FeedItem} from '../feeds/types.js';
import {acquireLock} from '../replicate/folder.js';
import type {Store} from '../store/types.js';
import {upsertEntriesCountingLinks} from '../sync/store-feed.js';
import {limitLength, sanitizeLine} from '../text/sanitize.js';
import {cleanTags} from './feed-changes.js';

export interface AccountSyncDeps {
	readonly config: Config;
	readonly store: Store;
	readonly credentials: Credentials;
	readonly now: () => Date;
	/** The protocol client of an account (accounts/clients.ts; tests pass a fake server). */
	readonly createClient: (options: ClientOptions) => AccountClient | Failure;
	/** Timeouts and size limits of the API transport (the settings' timeout). */
	readonly transport?: Partial<TransportOptions>;
	/** Where per-account lock files go (beside the cache); none: no lock (tests). */
	readonly lockDir?: string;
}

/** What one account's sync did: `blogroll sync --json` prints it as it is. */
export interface AccountSyncReport {
	readonly account: string;
	readonly kind: AccountSettings['kind'];
	/** Local read/starred changes the server took. */
	sent: number;
	readonly received: {newEntries: number; read: number; unread: number; starred: number; unstarred: number};
	readonly feeds: {added: number; removed: number};
	/** One line; null when the sync went through. */
	error: string | null;
	/** What failed, without language (the reader words it, ui/failure-texts.ts); absent when it went through. */
	failure?: Pick<Failure, 'reason' | 'params'>;
}

export interface AccountsSyncOutcome {
	readonly accounts: readonly AccountSyncReport[];
	/** Accounts in config.json that are not usable (one line each). */
	readonly problems: readonly string[];
}

/** Changes sent per request. */
const SEND_BATCH = 200;
/** Longest body kept of a server item (a hostile server's 50 MB article). */
const MAX_BODY_LENGTH = 2_000_000;

/** Every account (or the named ones), one after the other. */
export async function syncAccounts(deps: AccountSyncDeps, names?: readonly string[]): Promise<AccountsSyncOutcome> {
	const accounts = deps.config.accounts().filter(account => names === undefined || names.includes(account.name));
	const reports: AccountSyncReport[] = [];
	for (const account of accounts) reports.push(await syncAccount(deps, account));
	return {accounts: reports, problems: deps.config.accountProblems()};
}

export async function syncAccount(deps: AccountSyncDeps, account: AccountSettings): Promise<AccountSyncReport> {
	const report: AccountSyncReport = {
		account: account.name,
		kind: account.kind,
		sent: 0,
		received: {newEntries: 0, read: 0, unread: 0, starred: 0, unstarred: 0},
		feeds: {added: 0, removed: 0},
		error: null,
	};
	const release = deps.lockDir === undefined ? () => undefined : acquireLock(join(deps.lockDir, `account-${account.name}.lock`));
	if (isFailure(release)) return fail(deps, report, release.message);
	let redact = (text: string) => text;
	try {
		const password = await deps.credentials.get(account.name);
		if (isFailure(password)) return fail(deps, report, password.message);
		if (password === null) {
			return fail(deps, report, `no password is stored for ${account.name}; add the account again (blogroll account remove ${account.name} --keep-feeds, then blogroll account add)`);
		}
		const transport = createTransport({...DEFAULT_TRANSPORT_OPTIONS, ...deps.transport, secrets: [password.password]});
		redact = transport.redact;
		const client = deps.createClient({account, password: password.password, transport});
		if (isFailure(client)) return fail(deps, report, client.message);
		try {
			const failure = await runSteps(deps, account, client, report);
			if (failure !== null) return fail(deps, report, redact(failure.message), failure);
		} finally {
			await client.close().catch(() => undefined);
		}
		deps.store.accounts().recordSuccess(account.name, deps.now().toISOString());
		return report;
	} catch (error) {
		// A bug in a client must not stop the other accounts or the folder sync.
		return fail(deps, report, redact(`unexpected error: ${error instanceof Error ? error.message : String(error)}`));
	} finally {
		release();
	}
}

function fail(deps: AccountSyncDeps, report: AccountSyncReport, message: string, failure?: Failure): AccountSyncReport {
	const line = sanitizeLine(message);
	report.error = line;
	// The params name the server by its origin only (the clients' and transport's failures): no secret in them.
	if (failure !== undefined) report.failure = failure.params === undefined ? {reason: failure.reason} : {reason: failure.reason, params: failure.params};
	try {
		deps.store.accounts().recordError(report.account, line, deps.now().toISOString());
	} catch {
		// The cache is busy or read-only: the line is still reported.
	}
	return report;
}

async function runSteps(deps: AccountSyncDeps, account: AccountSettings, client: AccountClient, report: AccountSyncReport): Promise<Failure | null> {
	const loggedIn = await client.login();
	if (isFailure(loggedIn)) return loggedIn;

	const remoteFeeds = await client.subscriptions();
	if (isFailure(remoteFeeds)) return remoteFeeds;
	const feeds = applySubscriptions(deps, account, remoteFeeds);
	if (isFailure(feeds)) return feeds;
	report.feeds.added = feeds.added;
	report.feeds.removed = feeds.removed;

	const accounts = deps.store.accounts();
	for await (const page of client.items(accounts.state(account.name).cursor)) {
		if (isFailure(page)) return page;
		storePage(deps, account, feeds.urlByRemoteId, page.items, page.cursor, report);
	}

	const states = await client.states();
	if (isFailure(states)) return states;
	if (states !== null) {
		const counts = accounts.applying(() => accounts.applyStates(account.name, [...states.unread], [...states.starred]));
		report.received.read += counts.read;
		report.received.unread += counts.unread;
		report.received.starred += counts.starred;
		report.received.unstarred += counts.unstarred;
	}

	for (;;) {
		const batch = accounts.outbox(account.name, SEND_BATCH);
		if (batch.length === 0) break;
		const changes: StateChange[] = batch.map(change => ({remoteId: change.remoteId, field: change.field, value: change.value}));
		const sent = await client.send(changes);
		if (isFailure(sent)) return sent;
		// Only these rows: a change made while they were on the way has a new row and goes next.
		accounts.removeFromOutbox(batch.map(change => change.id));
		report.sent += batch.length;
		if (batch.length < SEND_BATCH) break;
	}
	return null;
}

interface AppliedSubscriptions {
	readonly added: number;
	readonly removed: number;
	/** The server's feed id → the feed's url, for the items. */
	readonly urlByRemoteId: ReadonlyMap<string, string>;
}

/** The server's subscriptions into the config and the cache. */
export function applySubscriptions(deps: Pick<AccountSyncDeps, 'config' | 'store' | 'now'>, account: AccountSettings, remoteFeeds: readonly RemoteFeed[]): AppliedSubscriptions | Failure {
	const {config, store} = deps;
	const accounts = store.accounts();
	const previousTags = new Map(accounts.knownFeeds(account.name).map(feed => [feed.remoteId, feed.tags]));
	const subscriptions = new Map(config.subscriptions().map(subscription => [subscription.url, subscription]));
	const urlByRemoteId = new Map<string, string>();
	const known: {remoteId: string; url: string; tags: string[]}[] = [];
	let added = 0;
	let removed = 0;
	try {
		for (const feed of remoteFeeds) {
			const url = usableUrl(feed.url);
			// Server data is untrusted: a feed without a usable url, or a second one with the same url, is skipped.
			if (url === null || [...urlByRemoteId.values()].includes(url)) continue;
			const existing = subscriptions.get(url);
			// A feed of another account stays that account's.
			if (existing?.account !== undefined && existing.account !== account.name) continue;
			const remoteId = limitLength(sanitizeLine(feed.remoteId), 1000);
			const serverTags = cleanTags(feed.tags.map(tag => limitLength(tag, 100)));
			urlByRemoteId.set(feed.remoteId, url);
			known.push({remoteId: feed.remoteId, url, tags: serverTags});
			if (existing === undefined) {
				config.addSubscription({url, title: null, tags: serverTags, fullArticle: false, addedAt: deps.now().toISOString(), account: account.name, remoteId});
				added++;
			} else {
				// The user's own tags stay; the ones the server gave last time follow its categories now.
				const before = previousTags.get(feed.remoteId) ?? [];
				const own = existing.tags.filter(tag => !before.some(old => old.toLocaleLowerCase() === tag.toLocaleLowerCase()));
				const tags = cleanTags([...serverTags, ...own]);
				if (existing.account !== account.name || existing.remoteId !== remoteId || JSON.stringify(tags) !== JSON.stringify(existing.tags)) {
					config.updateSubscription(url, {account: account.name, remoteId, tags});
				}
				if (existing.account === undefined) added++;
			}
			const record = store.ensureFeed(url);
			const title = feed.title === null ? null : limitLength(sanitizeLine(feed.title)) || null;
			accounts.setFeedInfo(record.id, title, feed.siteUrl === null ? null : usableUrl(feed.siteUrl));
		}
		// Gone from the server: unsubscribed there (on another device, in its web interface).
		const present = new Set(urlByRemoteId.values());
		for (const subscription of config.subscriptions()) {
			if (subscription.account !== account.name || present.has(subscription.url)) continue;
			config.removeSubscription(subscription.url);
			const cached = store.getFeedByUrl(subscription.url);
			if (cached !== null) store.removeFeed(cached.id);
			removed++;
		}
	} catch (error) {
		return failed('config-unwritable', `Cannot save the subscriptions of ${account.name} to ${config.path}: ${sanitizeLine(error instanceof Error ? error.message : String(error))}`);
	}
	accounts.saveKnownFeeds(account.name, known);
	return {added, removed, urlByRemoteId};
}

/** One page of server items and the cursor after it, in one transaction. */
function storePage(deps: AccountSyncDeps, account: AccountSettings, urlByRemoteId: ReadonlyMap<string, string>, items: readonly RemoteItem[], cursor: string, report: AccountSyncReport): void {
	const {store} = deps;
	const accounts = store.accounts();
	const seenAt = deps.now().toISOString();
	// Items by feed; an item of a feed the server did not list (filtered, or gone meanwhile) waits.
	const byFeed = new Map<string, {remote: RemoteItem; item: FeedItem}[]>();
	for (const remote of items) {
		const url = urlByRemoteId.get(remote.feedRemoteId);
		if (url === undefined) continue;
		const item = normalizeItem(remote.item, url);
		if (item === null) continue;
		const list = byFeed.get(url);
		if (list === undefined) byFeed.set(url, [{remote, item}]);
		else list.push({remote, item});
	}
	accounts.applying(() => {
		for (const [url, list] of byFeed) {
			const feed = store.ensureFeed(url);
			const mapped = accounts.entryIds(account.name, list.map(({remote}) => remote.remoteId));
			const keys = accounts.entryKeys([...mapped.values()]);
			const existedBefore = new Set<string>();
			// The guid each item is stored under: the mapped entry's, else the item's, else a local entry with its link.
			const placed = list.map(({remote, item}) => {
				const entryId = mapped.get(remote.remoteId);
				const key = entryId === undefined ? undefined : keys.get(entryId);
				if (key !== undefined && key.feedId === feed.id) {
					existedBefore.add(remote.remoteId);
					return {remote, item: {...item, id: key.guid}};
				}
				if (accounts.entryIdsByGuid(feed.id, [item.id]).size > 0) {
					existedBefore.add(remote.remoteId);
					return {remote, item};
				}
				const local = item.link === null ? null : accounts.findUnmappedByLink(feed.id, item.link);
				if (local !== null) {
					existedBefore.add(remote.remoteId);
					return {remote, item: {...item, id: local.guid}};
				}
				return {remote, item};
			});
			// Two server items with one guid (a feed that repeats ids): the first is stored, both map to it.
			const {added} = upsertEntriesCountingLinks(store, feed.id, placed.map(({item}) => item), seenAt);
			report.received.newEntries += added;
			const ids = accounts.entryIdsByGuid(feed.id, placed.map(({item}) => item.id));
			const pending = accounts.pending(account.name, placed.map(({remote}) => remote.remoteId));
			for (const {remote, item} of placed) {
				const entryId = ids.get(item.id);
				if (entryId === undefined) continue;
				accounts.map(account.name, remote.remoteId, entryId);
				const counts = existedBefore.has(remote.remoteId);
				for (const field of ['read', 'starred'] as const) {
					const value = field === 'read' ? remote.isRead : remote.isStarred;
					const local = pending.get(`${remote.remoteId} ${field}`);
					if (local !== undefined) {
						// See the top of this file: the other value means the server left the flag as it was.
						if (local.value !== value) continue;
						accounts.removeFromOutbox([local.id]);
					}
					if (accounts.setFlag(entryId, field, value) && counts) {
						if (field === 'read') report.received[value ? 'read' : 'unread']++;
						else report.received[value ? 'starred' : 'unstarred']++;
					}
				}
			}
		}
		accounts.saveCursor(account.name, cursor);
	});
}

/**
 * A server's item through the feed normaliser, as if a feed had it: plain single-line title
 * and author, absolute http(s) link without trackers, sanitised bodies, bounded ids.
 */
function normalizeItem(item: FeedItem, feedUrl: string): FeedItem | null {
	const body = (text: string | null) => (text === null || text.trim() === '' ? null : {value: text.length > MAX_BODY_LENGTH ? text.slice(0, MAX_BODY_LENGTH) : text, type: 'html' as const, base: null});
	const parsed = normalizeFeed(
		{
			format: 'rss',
			title: null,
			link: null,
			base: null,
			description: null,
			ttl: null,
			items: [
				{
					id: typeof item.id === 'string' && item.id !== '' ? item.id : null,
					title: typeof item.title === 'string' ? {value: item.title, type: 'text', base: null} : null,
					link: item.link,
					base: null,
					published: [item.published],
					updated: [item.updated],
					authors: [item.author],
					content: body(item.content),
					summary: body(item.summary),
					categories: item.categories ?? [],
				},
			],
		},
		feedUrl,
	);
	return parsed.items[0] ?? null;
}

/** An http(s) url of bounded length, else null. */
function usableUrl(text: string): string | null {
	if (typeof text !== 'string' || text.length > 8192) return null;
	try {
		const url = new URL(text.trim());
		return url.protocol === 'http:' || url.protocol === 'https:' ? sanitizeLine(url.toString()) : null;
	} catch {
		return null;
	}
}

/** The account a subscription comes from, when it is one. */
export function accountOf(subscription: Subscription | undefined): string | null {
	return subscription?.account ?? null;
}

/** How a report reads on the command line: "ttrss-home: 12 new entries, 3 read; sent 2 changes". */
export function describeAccountSync(report: AccountSyncReport): string {
	if (report.error !== null) return `${report.account}: ${report.error}`;
	const counted = (count: number, one: string, many = one) => (count === 0 ? [] : [`${count} ${count === 1 ? one : many}`]);
	const {received, feeds} = report;
	const parts = [
		...counted(feeds.added, 'feed added', 'feeds added'),
		...counted(feeds.removed, 'feed removed', 'feeds removed'),
		...counted(received.newEntries, 'new entry', 'new entries'),
		...counted(received.read, 'read'),
		...counted(received.unread, 'unread'),
		...counted(received.starred, 'starred'),
		...counted(received.unstarred, 'unstarred'),
		...counted(report.sent, 'change sent', 'changes sent'),
	];
	return `Synced ${report.account}: ${parts.length === 0 ? 'nothing new' : parts.join(', ')}.`;
}

/** The server of an account as messages name it. */
export function serverOf(account: AccountSettings): string {
	return originOf(account.url);
}
