/**
 * Feed server accounts (issue 16): the contract between the sync engine
 * (source/use-cases/sync-accounts.ts) and one client per protocol (ttrss.ts, greader.ts,
 * nextcloud.ts). A client speaks its server's API and nothing else: it never touches the
 * cache or the config. The engine stores what clients bring, queues local changes and
 * decides what wins. Everything a server sends is untrusted like a feed: clients hand
 * over plain fields, the engine sanitises and bounds them as the refresh does.
 */
import type {Failure} from '../failure.js';
import type {FeedItem} from '../feeds/types.js';
import type {Transport} from './transport.js';

export const ACCOUNT_KINDS = ['ttrss', 'greader', 'nextcloud'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** An account as the config keeps it: never the password (see credentials.ts). */
export interface AccountSettings {
	/** The user's name for the account (`--name`, else derived from the host): its identity. */
	readonly name: string;
	readonly kind: AccountKind;
	/** The server's base url as the user gave it (tt-rss install, FreshRSS/Miniflux base, Nextcloud). */
	readonly url: string;
	readonly user: string;
	readonly addedAt: string;
}

/** One subscription on the server. */
export interface RemoteFeed {
	/** The server's id for the feed (tt-rss feed id, `feed/<url>` of Google Reader, Nextcloud feed id). */
	readonly remoteId: string;
	/** The feed's own url (what blogroll would fetch); its identity in the cache and the config. */
	readonly url: string;
	readonly title: string | null;
	readonly siteUrl: string | null;
	/** Categories / folders / labels: they become the subscription's tags. */
	readonly tags: readonly string[];
}

/** One entry as the server has it, with its states. */
export interface RemoteItem {
	/** The server's id for the item: what state changes are sent with. */
	readonly remoteId: string;
	readonly feedRemoteId: string;
	/**
	 * The entry itself. `id` is the feed's own guid when the server passes it on, else a key
	 * made from the server's id (`<kind>:<remoteId>`); the engine maps it to a cached entry.
	 */
	readonly item: FeedItem;
	readonly isRead: boolean;
	readonly isStarred: boolean;
	/** When the server last changed the item or its states (ISO 8601), when the protocol says; else null. */
	readonly changedAt: string | null;
}

/**
 * One page of items new or changed since a cursor. The engine stores the page and then
 * saves `cursor` in the same transaction, so a sync killed between pages goes on where it
 * stopped; a cursor is opaque to the engine (tt-rss: since_id, Google Reader: ot /
 * continuation, Nextcloud: lastModified).
 */
export interface ItemPage {
	readonly items: readonly RemoteItem[];
	readonly cursor: string;
}

/**
 * Every unread and every starred item id on the server, for protocols whose incremental
 * item list does not report state changes of older items (tt-rss, Google Reader). Nextcloud's
 * `items/updated` does, so its client returns null and the engine relies on the items.
 */
export interface RemoteStates {
	readonly unread: ReadonlySet<string>;
	readonly starred: ReadonlySet<string>;
}

export type StateField = 'read' | 'starred';

/** A local change to send: mark an item read / unread, starred / unstarred. */
export interface StateChange {
	readonly remoteId: string;
	readonly field: StateField;
	readonly value: boolean;
}

/**
 * A logged-in conversation with one server. Every method returns a Failure instead of
 * throwing for what the server or the network did: reason `account-login` (wrong user or
 * password, after one fresh login when a session expired), `account-unreachable`,
 * `account-timeout`, `account-server` (an error status or an answer that is not the API),
 * `account-refused` (the server said no to a subscribe: its reason in the message).
 * Messages name the server (its origin) and never contain the password.
 */
export interface AccountClient {
	readonly kind: AccountKind;
	/** Logs in and checks the API is usable (tt-rss: API access enabled). */
	login(): Promise<void | Failure>;
	subscriptions(): Promise<readonly RemoteFeed[] | Failure>;
	/**
	 * Items new or changed since `cursor` (null: the first sync, which brings every item the
	 * server keeps), one page at a time, oldest first where the protocol allows. The engine
	 * stores each page before it asks for the next; a Failure ends the iteration.
	 */
	items(cursor: string | null): AsyncIterable<ItemPage | Failure>;
	/** The server's unread and starred ids; null where `items` already reports state changes. */
	states(): Promise<RemoteStates | null | Failure>;
	/** Sends local changes (the client batches them as its API allows). */
	send(changes: readonly StateChange[]): Promise<void | Failure>;
	/** Subscribes on the server; `tag` files it in that category/folder/label when given. */
	subscribe(url: string, tag: string | null): Promise<RemoteFeed | Failure>;
	unsubscribe(feed: RemoteFeed): Promise<void | Failure>;
	/** Ends the session where the protocol has one (tt-rss logout); never fails loudly. */
	close(): Promise<void>;
}

/** What a client needs to talk to its server. */
export interface ClientOptions {
	readonly account: AccountSettings;
	readonly password: string;
	readonly transport: Transport;
}
