/**
 * Adding, listing and removing feed server accounts, and subscribing or unsubscribing on
 * one (issue 16): for `blogroll account …`, `add --account`, `remove` and the reader.
 * The password is checked by logging in before anything is saved, and is kept by
 * accounts/credentials.ts only; every message passes the transport's redaction.
 */
import {checkAccountName, deriveAccountName, isAccountKind, normalizeServerUrl} from '../accounts/account-settings.js';
import type {Credentials, PasswordPlace} from '../accounts/credentials.js';
import {createTransport, DEFAULT_TRANSPORT_OPTIONS, originOf, type TransportOptions} from '../accounts/transport.js';
import {ACCOUNT_KINDS, type AccountClient, type AccountSettings, type ClientOptions, type RemoteFeed} from '../accounts/types.js';
import type {Config} from '../config/config.js';
import type {Subscription} from '../config/schema.js';
import {failed, isFailure, type Failure} from '../failure.js';
import {parseInputUrl} from '../feeds/input-url.js';
import type {Store} from '../store/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import {cleanTags} from './feed-changes.js';

export interface AccountDeps {
	readonly config: Config;
	readonly store: Store;
	readonly credentials: Credentials;
	readonly now: () => Date;
	readonly createClient: (options: ClientOptions) => AccountClient | Failure;
	readonly transport?: Partial<TransportOptions>;
}

export interface AddAccountRequest {
	readonly kind: string;
	readonly url: string;
	readonly user: string;
	readonly password: string;
	readonly name?: string;
}

export interface AddedAccount {
	readonly account: AccountSettings;
	readonly place: PasswordPlace;
}

/** Checks the password by logging in; only then is anything saved (the password first, then the config). */
export async function addAccount(request: AddAccountRequest, deps: AccountDeps): Promise<AddedAccount | Failure> {
	const {config} = deps;
	if (!isAccountKind(request.kind)) return failed('account-kind', `"${sanitizeLine(request.kind).slice(0, 40)}" is not a kind of account; use one of ${ACCOUNT_KINDS.join(', ')}`);
	const url = normalizeServerUrl(request.url);
	if (url === null) return failed('account-url', `"${sanitizeLine(request.url).slice(0, 200)}" is not an http(s) url of a server (without a user or password in it)`);
	const user = request.user.trim();
	if (user === '') return failed('account-user', 'Name the user with --user <name>');
	if (request.password === '') return failed('account-password', 'The password is empty; nothing was saved');
	const taken = config.accounts().map(account => account.name);
	const name = request.name ?? deriveAccountName(url, taken);
	const badName = checkAccountName(name);
	if (badName !== null) return failed('account-name', badName);
	if (taken.includes(name)) return failed('account-exists', `An account named ${name} exists already; choose another with --name <name>`);
	const account: AccountSettings = {name, kind: request.kind, url, user, addedAt: deps.now().toISOString()};

	const session = open(deps, account, request.password);
	if (isFailure(session)) return session;
	try {
		const loggedIn = await session.client.login();
		if (isFailure(loggedIn)) return {...loggedIn, message: session.redact(`${name}: ${loggedIn.message}`)};
	} finally {
		await session.client.close().catch(() => undefined);
	}
	const place = await deps.credentials.set(name, request.password);
	if (isFailure(place)) return place;
	try {
		config.addAccount(account);
	} catch (error) {
		await deps.credentials.remove(name);
		return failed('config-unwritable', `Cannot save the account to ${config.path}: ${sanitizeLine(error instanceof Error ? error.message : String(error))}`);
	}
	return {account, place};
}

/** One account as `account list` shows it: never the password, only where it is kept. */
export interface ListedAccount {
	readonly name: string;
	readonly kind: AccountSettings['kind'];
	readonly server: string;
	readonly url: string;
	readonly user: string;
	readonly feeds: number;
	readonly lastSyncAt: string | null;
	readonly lastError: string | null;
	/** 'keyring', 'file', 'missing', or why the store cannot be read. */
	readonly password: PasswordPlace | 'missing' | 'unreadable';
	/** Local changes not sent yet. */
	readonly unsent: number;
}

export async function listAccounts(deps: Pick<AccountDeps, 'config' | 'store' | 'credentials'>): Promise<ListedAccount[]> {
	const subscriptions = deps.config.subscriptions();
	const listed: ListedAccount[] = [];
	for (const account of deps.config.accounts()) {
		const state = deps.store.accounts().state(account.name);
		const stored = await deps.credentials.get(account.name);
		listed.push({
			name: account.name,
			kind: account.kind,
			server: originOf(account.url),
			url: account.url,
			user: account.user,
			feeds: subscriptions.filter(subscription => subscription.account === account.name).length,
			lastSyncAt: state.lastSyncAt,
			lastError: state.lastError,
			password: isFailure(stored) ? 'unreadable' : stored === null ? 'missing' : stored.place,
			unsent: deps.store.accounts().outboxSize(account.name),
		});
	}
	return listed;
}

export function findAccount(config: Config, name: string): AccountSettings | Failure {
	const account = config.accounts().find(candidate => candidate.name === name);
	if (account !== undefined) return account;
	const names = config.accounts().map(candidate => candidate.name);
	return failed('unknown-account', `No account named ${sanitizeLine(name).slice(0, 60)}${names.length === 0 ? ' (there are none; add one with blogroll account add)' : ` (accounts: ${names.join(', ')})`}`);
}

/**
 * Removes the account: its feeds become local subscriptions (`keep`: blogroll fetches them
 * itself from now on, entries and flags stay) or are dropped with their entries; its
 * password, mappings, unsent changes and sync state go.
 */
export async function removeAccount(name: string, feeds: 'keep' | 'drop', deps: Pick<AccountDeps, 'config' | 'store' | 'credentials'>): Promise<{readonly account: AccountSettings; readonly feeds: number} | Failure> {
	const {config, store} = deps;
	const account = findAccount(config, name);
	if (isFailure(account)) return account;
	const own = config.subscriptions().filter(subscription => subscription.account === name);
	for (const subscription of own) {
		const cached = store.getFeedByUrl(subscription.url);
		if (feeds === 'drop') {
			config.removeSubscription(subscription.url);
			if (cached !== null) store.removeFeed(cached.id);
		} else {
			config.updateSubscription(subscription.url, {account: undefined, remoteId: undefined});
			// Due at once: the next refresh fetches it from its own site.
			if (cached !== null) store.markFeedDue(cached.id, true);
		}
	}
	store.accounts().forget(name);
	const removed = await deps.credentials.remove(name);
	config.removeAccount(name);
	if (isFailure(removed)) return removed;
	return {account, feeds: own.length};
}

/**
 * Subscribes on the server (`add <url> --account <name>`). A refusal is the server's reason
 * in one line, and nothing changes locally; on success the feed is the account's
 * subscription (its entries come with the next sync).
 */
export async function subscribeOnAccount(request: {readonly url: string; readonly accountName: string; readonly tags?: readonly string[]; readonly title?: string | null}, deps: AccountDeps): Promise<{readonly feed: RemoteFeed; readonly account: AccountSettings; readonly already: boolean} | Failure> {
	const account = findAccount(deps.config, request.accountName);
	if (isFailure(account)) return account;
	// A feed's url as `add` takes it (its path, query and trailing slash are the feed's own).
	const url = parseInputUrl(request.url);
	if (isFailure(url)) return url;
	const existing = deps.config.findSubscription(url);
	if (existing?.account === account.name) return {feed: remoteFeedOf(existing), account, already: true};
	const session = await login(deps, account);
	if (isFailure(session)) return session;
	try {
		const tags = cleanTags(request.tags ?? []);
		const feed = await session.client.subscribe(url, tags[0] ?? null);
		if (isFailure(feed)) return {...feed, message: session.redact(`${account.name}: ${feed.message}`)};
		const feedUrl = feed.url || url;
		const title = request.title ? sanitizeLine(request.title) || null : null;
		const serverTags = cleanTags(feed.tags);
		const current = deps.config.findSubscription(feedUrl);
		if (current === undefined) {
			deps.config.addSubscription({url: feedUrl, title, tags: cleanTags([...serverTags, ...tags]), fullArticle: false, addedAt: deps.now().toISOString(), account: account.name, remoteId: feed.remoteId});
		} else {
			deps.config.updateSubscription(feedUrl, {account: account.name, remoteId: feed.remoteId, tags: cleanTags([...serverTags, ...current.tags, ...tags]), ...(title === null ? {} : {title})});
		}
		const record = deps.store.ensureFeed(feedUrl);
		deps.store.accounts().setFeedInfo(record.id, feed.title === null ? null : sanitizeLine(feed.title) || null, null);
		const known = deps.store.accounts().knownFeeds(account.name).filter(other => other.remoteId !== feed.remoteId);
		deps.store.accounts().saveKnownFeeds(account.name, [...known, {remoteId: feed.remoteId, url: feedUrl, tags: serverTags}]);
		return {feed: {...feed, url: feedUrl}, account, already: false};
	} finally {
		await session.client.close().catch(() => undefined);
	}
}

/** Unsubscribes on the server first; only then locally (the subscription and its entries). */
export async function unsubscribeOnAccount(subscription: Subscription, deps: AccountDeps): Promise<{readonly account: AccountSettings} | Failure> {
	if (subscription.account === undefined) return failed('not-account-feed', `${sanitizeLine(subscription.url)} comes from no account`);
	const account = findAccount(deps.config, subscription.account);
	if (isFailure(account)) return account;
	const session = await login(deps, account);
	if (isFailure(session)) return session;
	try {
		const done = await session.client.unsubscribe(remoteFeedOf(subscription));
		if (isFailure(done)) return {...done, message: session.redact(`${account.name}: ${done.message}`)};
	} finally {
		await session.client.close().catch(() => undefined);
	}
	deps.config.removeSubscription(subscription.url);
	const cached = deps.store.getFeedByUrl(subscription.url);
	if (cached !== null) deps.store.removeFeed(cached.id);
	const known = deps.store.accounts().knownFeeds(account.name).filter(other => other.url !== subscription.url);
	deps.store.accounts().saveKnownFeeds(account.name, known);
	return {account};
}

function remoteFeedOf(subscription: Subscription): RemoteFeed {
	return {remoteId: subscription.remoteId ?? '', url: subscription.url, title: subscription.title, siteUrl: null, tags: subscription.tags};
}

interface Session {
	readonly client: AccountClient;
	readonly redact: (text: string) => string;
}

function open(deps: Pick<AccountDeps, 'createClient' | 'transport'>, account: AccountSettings, password: string): Session | Failure {
	const transport = createTransport({...DEFAULT_TRANSPORT_OPTIONS, ...deps.transport, secrets: [password]});
	const client = deps.createClient({account, password, transport});
	if (isFailure(client)) return client;
	return {client, redact: text => sanitizeLine(transport.redact(text))};
}

/** A logged-in session with the stored password. */
async function login(deps: AccountDeps, account: AccountSettings): Promise<Session | Failure> {
	const stored = await deps.credentials.get(account.name);
	if (isFailure(stored)) return stored;
	if (stored === null) return failed('account-no-password', `No password is stored for ${account.name}; remove the account and add it again`);
	const session = open(deps, account, stored.password);
	if (isFailure(session)) return session;
	const loggedIn = await session.client.login();
	if (isFailure(loggedIn)) {
		await session.client.close().catch(() => undefined);
		return {...loggedIn, message: session.redact(`${account.name}: ${loggedIn.message}`)};
	}
	return session;
}
