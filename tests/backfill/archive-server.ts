/**
 * A fixture server on 127.0.0.1 for backfill tests: a German coaching blog whose history
 * is reachable in the three ways feeds offer it.
 *
 *   /paged/feed.atom?page=N   RFC 5005 paged Atom feed, 5 pages of 4 entries (next/previous/first/last)
 *   /archiv/feed.xml          RFC 5005 archived RSS feed: the current document and two archive
 *   /archiv/2025-2.xml          documents (fh:archive, prev-archive / next-archive / current)
 *   /archiv/2025-1.xml
 *   /wp/feed/[?paged=N]       WordPress: pages 1–3 of 5 entries, then 404 as WordPress answers
 *   /statisch/feed.xml        a feed that ignores every query: the same document whatever is asked
 *   /komplett/feed.xml        fh:complete; `completePosts` decides what it lists
 *
 * `hold(path)` makes a request for that path (with query) wait until `release()`: the
 * kill test stops a backfill in the middle of a page.
 */
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

export interface Post {
	readonly id: number;
	readonly title: string;
	readonly date: string;
}

const TOPICS = [
	'Führung beginnt beim Zuhören',
	'Warum „Feedback“ kein Einbahnstraßen-Wort ist',
	'Grenzen setzen, ohne Türen zu schließen',
	'Über Mut, Müdigkeit und Montage',
	'Fünf Fragen für das erste Gespräch',
	'Konflikte im Team: ein Werkstattbericht',
	'Was Coaching nicht ist',
	'Die Kunst der Pause',
	'Entscheidungen unter Unsicherheit',
	'Vertrauen lässt sich nicht anordnen',
];

/** `count` posts, newest first, one a week back from 2025-11-03, titles numbered so they differ. */
export function coachingPosts(count: number): Post[] {
	const start = Date.parse('2025-11-03T08:30:00Z');
	return Array.from({length: count}, (_, index) => ({
		id: count - index,
		title: `${TOPICS[index % TOPICS.length]} (Teil ${count - index})`,
		date: new Date(start - index * 7 * 86_400_000).toISOString(),
	}));
}

function escape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function body(post: Post): string {
	return `<p>In diesem Beitrag geht es um „${post.title}“ – Erfahrungen aus der Praxis, mit Übungen für Ihren Alltag.</p>\n<div class="wp-block-group"><p>Schreiben Sie mir gern, wie es Ihnen damit ergeht.</p></div>`;
}

function atomEntry(base: string, post: Post): string {
	return `<entry><id>${base}/paged/?p=${post.id}</id><title>${escape(post.title)}</title>
<link rel="alternate" type="text/html" href="${base}/paged/beitrag-${post.id}/"/>
<published>${post.date}</published><updated>${post.date}</updated><author><name>Katharina Weiß</name></author>
<content type="html">${escape(body(post))}</content></entry>`;
}

function rssItem(base: string, blog: string, post: Post): string {
	return `<item><title>${escape(post.title)}</title><link>${base}/${blog}/beitrag-${post.id}/</link>
<guid isPermaLink="false">${base}/${blog}/?p=${post.id}</guid><pubDate>${new Date(post.date).toUTCString()}</pubDate>
<dc:creator><![CDATA[Katharina Weiß]]></dc:creator><content:encoded><![CDATA[${body(post)}]]></content:encoded></item>`;
}

function rss(base: string, blog: string, posts: readonly Post[], head = ''): string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:atom="http://www.w3.org/2005/Atom" xmlns:fh="http://purl.org/syndication/history/1.0">
<channel><title>Praxis für Klartext</title><link>${base}/${blog}/</link><description>Coaching &amp; Führung</description>
<generator>https://wordpress.org/?v=6.4.2</generator>${head}
${posts.map((post) => rssItem(base, blog, post)).join('\n')}
</channel></rss>`;
}

export interface ArchiveServer {
	readonly origin: string;
	url(path: string): string;
	/** Paths (with query) asked for, in order. */
	readonly requests: string[];
	/** Every post of each blog, newest first. */
	readonly pagedPosts: readonly Post[];
	readonly archivePosts: readonly Post[];
	readonly wordpressPosts: readonly Post[];
	/** What /komplett/feed.xml lists now. */
	completePosts: Post[];
	hold(path: string): void;
	release(): void;
	close(): Promise<void>;
}

export async function startArchiveServer(): Promise<ArchiveServer> {
	const pagedPosts = coachingPosts(20);
	const archivePosts = coachingPosts(9);
	const wordpressPosts = coachingPosts(15);
	let held: string | null = null;
	const waiting: (() => void)[] = [];
	const requests: string[] = [];
	let origin = '';
	const state = {completePosts: coachingPosts(4)};

	const answer = (request: IncomingMessage, response: ServerResponse): void => {
		const path = request.url ?? '/';
		const url = new URL(path, origin);
		const send = (status: number, type: string, text: string) => {
			response.writeHead(status, {'content-type': type});
			response.end(text);
		};
		if (url.pathname === '/paged/feed.atom') {
			const page = Number(url.searchParams.get('page') ?? '1');
			if (!(page >= 1 && page <= 5)) return send(404, 'text/html', '<h1>Nicht gefunden</h1>');
			const link = (rel: string, n: number) => `<link rel="${rel}" href="${origin}/paged/feed.atom?page=${n}"/>`;
			const links = [
				`<link rel="self" href="${origin}/paged/feed.atom${page === 1 ? '' : `?page=${page}`}"/>`,
				link('first', 1),
				link('last', 5),
				page < 5 ? link('next', page + 1) : '',
				page > 1 ? link('previous', page - 1) : '',
			].join('');
			return send(200, 'application/atom+xml; charset=utf-8', `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Gesprächsstoff</title><id>${origin}/paged/</id><updated>${pagedPosts[0]!.date}</updated>
<link rel="alternate" href="${origin}/paged/"/>${links}
${pagedPosts.slice((page - 1) * 4, page * 4).map((post) => atomEntry(origin, post)).join('\n')}
</feed>`);
		}
		if (url.pathname.startsWith('/archiv/')) {
			const documents: Record<string, {posts: Post[]; head: string}> = {
				'/archiv/feed.xml': {posts: archivePosts.slice(0, 3), head: `<atom:link rel="self" href="${origin}/archiv/feed.xml"/><atom:link rel="prev-archive" href="2025-2.xml"/>`},
				'/archiv/2025-2.xml': {
					posts: archivePosts.slice(3, 6),
					head: `<fh:archive/><atom:link rel="current" href="${origin}/archiv/feed.xml"/><atom:link rel="prev-archive" href="${origin}/archiv/2025-1.xml"/><atom:link rel="next-archive" href="${origin}/archiv/feed.xml"/>`,
				},
				'/archiv/2025-1.xml': {
					posts: archivePosts.slice(6),
					head: `<fh:archive/><atom:link rel="current" href="${origin}/archiv/feed.xml"/><atom:link rel="next-archive" href="${origin}/archiv/2025-2.xml"/>`,
				},
			};
			const document = documents[url.pathname];
			if (document === undefined) return send(404, 'text/html', '<h1>Nicht gefunden</h1>');
			return send(200, 'application/rss+xml; charset=UTF-8', rss(origin, 'archiv', document.posts, document.head));
		}
		if (url.pathname === '/wp/feed/') {
			const page = Number(url.searchParams.get('paged') ?? '1');
			// WordPress answers a page past the end with its 404 template.
			if (!(page >= 1 && page <= 3)) return send(404, 'text/html; charset=UTF-8', '<!doctype html><title>Seite nicht gefunden – Praxis für Klartext</title>');
			return send(200, 'application/rss+xml; charset=UTF-8', rss(origin, 'wp', wordpressPosts.slice((page - 1) * 5, page * 5)));
		}
		if (url.pathname === '/statisch/feed.xml') return send(200, 'application/rss+xml', rss(origin, 'statisch', archivePosts.slice(0, 3)));
		if (url.pathname === '/komplett/feed.xml') {
			return send(200, 'application/rss+xml', rss(origin, 'komplett', state.completePosts, '<fh:complete/>'));
		}
		send(404, 'text/html', '<h1>Nicht gefunden</h1>');
	};

	const server = createServer((request, response) => {
		const path = request.url ?? '/';
		requests.push(path);
		if (held !== null && path === held) {
			waiting.push(() => answer(request, response));
			return;
		}
		answer(request, response);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		origin,
		url: (path) => `${origin}${path}`,
		requests,
		pagedPosts,
		archivePosts,
		wordpressPosts,
		get completePosts() {
			return state.completePosts;
		},
		set completePosts(posts: Post[]) {
			state.completePosts = posts;
		},
		hold(path) {
			held = path;
		},
		release() {
			held = null;
			for (const go of waiting.splice(0)) go();
		},
		async close() {
			held = null;
			for (const go of waiting.splice(0)) go();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
