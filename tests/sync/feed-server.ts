import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

/** One post of a fixture blog. */
export interface Post {
	readonly guid: string;
	readonly title: string;
	readonly pubDate: string;
	readonly author: string;
	readonly html: string;
}

/** An RSS 2.0 document as WordPress writes it (content:encoded in CDATA, dc:creator). */
export function wordpressRss(options: {title: string; site: string; posts: readonly Post[]; ttl?: number}): string {
	const items = options.posts.map((post) => `
	<item>
		<title>${post.title}</title>
		<link>${options.site}${post.guid}/</link>
		<dc:creator><![CDATA[${post.author}]]></dc:creator>
		<pubDate>${post.pubDate}</pubDate>
		<guid isPermaLink="false">${options.site}?p=${post.guid}</guid>
		<description><![CDATA[${post.html.replace(/<[^>]+>/g, '').slice(0, 80)} […]]]></description>
		<content:encoded><![CDATA[${post.html}]]></content:encoded>
	</item>`).join('');
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
	<title>${options.title}</title>
	<atom:link href="${options.site}feed/" rel="self" type="application/rss+xml" />
	<link>${options.site}</link>
	<description>Impulse für Selbstständige</description>
	<language>de-DE</language>
	${options.ttl === undefined ? '' : `<ttl>${options.ttl}</ttl>`}
	<generator>https://wordpress.org/?v=6.7.2</generator>${items}
</channel>
</rss>`;
}

/** The posts of „Coaching mit Herz“, newest first. */
export function coachingPosts(): Post[] {
	return [
		{
			guid: '412',
			title: 'Fünf Fragen für ein klares Jahresgespräch',
			pubDate: 'Mon, 10 Mar 2025 07:00:00 +0000',
			author: 'Jörg Weiß',
			html: '<p>Bevor Sie ins Jahresgespräch gehen, lohnt sich ein Blick auf <strong>fünf Fragen</strong>.</p>',
		},
		{
			guid: '398',
			title: 'Mentoring für Selbstständige: was es bringt',
			pubDate: 'Wed, 05 Mar 2025 08:15:00 +0000',
			author: 'Sabine Groß',
			html: '<p>Ein Mentoring ersetzt kein Coaching&nbsp;– aber es ergänzt es.</p>',
		},
		{
			guid: '377',
			title: 'Warum „gut genug“ manchmal besser ist',
			pubDate: 'Mon, 24 Feb 2025 10:00:00 +0000',
			author: 'Jörg Weiß',
			html: '<p>Perfektionismus kostet Zeit, Kraft und Kund:innen.</p>',
		},
	];
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A document served with an ETag, answering 304 to a matching If-None-Match. */
export function servedWithEtag(body: () => string, etag: () => string, headers: Record<string, string> = {}): Handler {
	return (request, response) => {
		if (request.headers['if-none-match'] === etag()) {
			response.writeHead(304, {ETag: etag()}).end();
			return;
		}
		response.writeHead(200, {'Content-Type': 'application/rss+xml; charset=UTF-8', ETag: etag(), ...headers}).end(body());
	};
}

/** A 127.0.0.1 server on a free port; routes can be swapped while it runs. */
export class FeedServer {
	readonly routes = new Map<string, Handler>();
	/** Requests per path, with the validators they carried. */
	readonly requests: {path: string; ifNoneMatch: string | undefined; ifModifiedSince: string | undefined}[] = [];
	#server: Server | undefined;
	#origin = '';

	get origin(): string {
		return this.#origin;
	}

	url(path: string): string {
		return `${this.#origin}${path}`;
	}

	hits(path: string): number {
		return this.requests.filter((request) => request.path === path).length;
	}

	async start(): Promise<void> {
		this.#server = createServer((request, response) => {
			const path = request.url ?? '/';
			this.requests.push({
				path,
				ifNoneMatch: request.headers['if-none-match'],
				ifModifiedSince: request.headers['if-modified-since'],
			});
			const handler = this.routes.get(path);
			if (handler === undefined) {
				response.writeHead(404, {'Content-Type': 'text/html; charset=utf-8'}).end('<h1>Seite nicht gefunden</h1>');
				return;
			}
			handler(request, response);
		});
		await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
		this.#origin = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		this.#server?.closeAllConnections();
		await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
	}
}
