/**
 * A feed server in memory behind the AccountClient contract: scripted subscriptions, items
 * and states, and the failures the engine must survive (a wrong password, a page that fails
 * after page k, an expired session, a refused subscribe). `reportsStates` decides which kind
 * of protocol it plays: full unread/starred sets (tt-rss, Google Reader) or state changes in
 * the incremental item list with a change time (Nextcloud News).
 */
import {failed} from '../../source/failure.js';
import type {AccountClient, ClientOptions, ItemPage, RemoteFeed, RemoteItem, StateChange} from '../../source/accounts/types.js';
import type {FeedItem} from '../../source/feeds/types.js';

interface ServerItem {
	remoteId: string;
	feedRemoteId: string;
	item: FeedItem;
	isRead: boolean;
	isStarred: boolean;
	changedAt: string;
	/** Bumped on every change: the incremental cursor. */
	seq: number;
}

export class FakeServer {
	readonly feeds: RemoteFeed[] = [];
	readonly items = new Map<string, ServerItem>();
	password = 'Geheim-Passwort-äöü-42!';
	pageSize = 3;
	/** Items report state changes with a change time (Nextcloud); else full state sets (tt-rss). */
	reportsStates = false;
	/** The next items() fails after this many pages (once). */
	failAfterPages: number | null = null;
	/** The next subscriptions() call finds the session expired (the client logs in again once). */
	expireSession = false;
	refuseSubscribe: string | null = null;
	readonly sent: StateChange[] = [];
	logins = 0;
	#seq = 0;
	#clock = Date.parse('2026-12-01T08:00:00.000Z');

	addFeed(remoteId: string, url: string, title: string, tags: string[] = []): void {
		this.feeds.push({remoteId, url, title, siteUrl: url.replace(/\/feed\/?$/, '/'), tags});
	}

	addItem(remoteId: string, feedRemoteId: string, fields: Partial<FeedItem> & {readonly title: string}, states: {read?: boolean; starred?: boolean} = {}): void {
		this.items.set(remoteId, {
			remoteId,
			feedRemoteId,
			item: {id: `guid-${remoteId}`, link: null, published: '2026-11-30T10:00:00.000Z', updated: null, author: null, content: `<p>${fields.title}</p>`, summary: null, ...fields},
			isRead: states.read ?? false,
			isStarred: states.starred ?? false,
			changedAt: this.#tick(),
			seq: ++this.#seq,
		});
	}

	/** A change made on the server (its web interface, a phone), at the server's clock. */
	setState(remoteId: string, field: 'read' | 'starred', value: boolean, at?: string): void {
		const item = this.items.get(remoteId)!;
		if (field === 'read') item.isRead = value;
		else item.isStarred = value;
		item.changedAt = at ?? this.#tick();
		item.seq = ++this.#seq;
	}

	#tick(): string {
		this.#clock += 1000;
		return new Date(this.#clock).toISOString();
	}

	client(options: ClientOptions): AccountClient {
		const server = this;
		let session: string | null = null;
		const origin = new URL(options.account.url).origin;
		const checkSession = () => {
			if (server.expireSession) {
				server.expireSession = false;
				session = null;
			}
			if (session === null) {
				// What the real clients do: log in again once.
				if (options.password !== server.password) return failed('account-login', `${origin}: login failed: wrong user or password`);
				server.logins++;
				session = 'session';
			}
			return null;
		};
		return {
			kind: options.account.kind,
			async login() {
				if (options.password !== server.password) return failed('account-login', `${origin}: login failed: wrong user or password`);
				server.logins++;
				session = 'session';
			},
			async subscriptions() {
				const problem = checkSession();
				if (problem) return problem;
				return server.feeds.map(feed => ({...feed, tags: [...feed.tags]}));
			},
			async *items(cursor): AsyncIterable<ItemPage | ReturnType<typeof failed>> {
				const from = cursor === null ? 0 : Number(cursor);
				const all = [...server.items.values()].filter(item => item.seq > from).sort((a, b) => a.seq - b.seq);
				const failAfter = server.failAfterPages;
				server.failAfterPages = null;
				let pages = 0;
				for (let start = 0; start < all.length; start += server.pageSize) {
					if (failAfter !== null && pages === failAfter) {
						yield failed('account-unreachable', `${origin}: connection reset (ECONNRESET)`);
						return;
					}
					const page = all.slice(start, start + server.pageSize);
					pages++;
					yield {
						items: page.map((item): RemoteItem => ({
							remoteId: item.remoteId,
							feedRemoteId: item.feedRemoteId,
							item: item.item,
							isRead: item.isRead,
							isStarred: item.isStarred,
							changedAt: server.reportsStates ? item.changedAt : null,
						})),
						cursor: String(page.at(-1)!.seq),
					};
				}
			},
			async states() {
				if (server.reportsStates) return null;
				const values = [...server.items.values()];
				return {unread: new Set(values.filter(item => !item.isRead).map(item => item.remoteId)), starred: new Set(values.filter(item => item.isStarred).map(item => item.remoteId))};
			},
			async send(changes) {
				for (const change of changes) {
					const item = server.items.get(change.remoteId);
					if (item === undefined) continue;
					if (change.field === 'read') item.isRead = change.value;
					else item.isStarred = change.value;
					item.changedAt = server.#tick();
					item.seq = ++server.#seq;
					server.sent.push(change);
				}
			},
			async subscribe(url, tag) {
				if (server.refuseSubscribe !== null) return failed('account-refused', `${origin}: ${server.refuseSubscribe}`);
				const remoteId = String(100 + server.feeds.length);
				server.addFeed(remoteId, url, 'Neu abonniert', tag === null ? [] : [tag]);
				return server.feeds.at(-1)!;
			},
			async unsubscribe(feed) {
				const index = server.feeds.findIndex(other => other.remoteId === feed.remoteId);
				if (index >= 0) server.feeds.splice(index, 1);
			},
			async close() {
				session = null;
			},
		};
	}
}
