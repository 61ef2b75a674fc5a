/** Fixture feeds and pages for the feed-health tests: German WordPress blogs, as served. */
import iconv from 'iconv-lite';
import {coachingPosts, wordpressRss, type Post} from '../sync/feed-server.js';

export {coachingPosts, type Post};

export const BLOG_SITE = 'https://www.kreidezeit-praxis.de/';

/** The blog's feed; `site` is its home page (a fixture server's, so that discovery stays on 127.0.0.1). */
export function blogFeed(posts: readonly Post[] = coachingPosts(), site: string = BLOG_SITE): string {
	return wordpressRss({title: 'Kreidezeit – Praxis für Führung', site, posts});
}

export const RSS = {'Content-Type': 'application/rss+xml; charset=UTF-8'};

/** The blog's home page after a relaunch: no feed at the old url, one linked from the head. */
export function relaunchedHome(feedUrl: string): string {
	return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Kreidezeit – Praxis für Führung</title>
<link rel="alternate" type="application/rss+xml" title="Kreidezeit &raquo; Feed" href="${feedUrl}">
</head><body><h1>Willkommen in der neuen „Kreidezeit“</h1><p>Wir sind umgezogen.</p></body></html>`;
}

/** Cloudflare's interstitial, as a 403 or 503 body. */
export const CLOUDFLARE_CHALLENGE = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="refresh" content="390"><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray=8f1"></script>
</head><body><div id="cf-challenge-running">Checking your browser before accessing www.kreidezeit-praxis.de.</div></body></html>`;

/** The feed in ISO-8859-1 bytes, declared UTF-8 in its XML declaration: the label lies. */
export function latin1UnderUtf8Label(): Buffer {
	return iconv.encode(blogFeed(), 'latin1');
}

/** UTF-8 bytes whose XML declaration says ISO-8859-1: a single-byte label on UTF-8. */
export function utf8UnderLatin1Label(): Buffer {
	return Buffer.from(blogFeed().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'utf8');
}

/** The same three posts under fresh guids each time: a feed whose ids churn. */
export function churningFeed(round: number): string {
	const posts = coachingPosts().map((post) => ({...post, guid: `${post.guid}-${round}`}));
	// The links stay: wordpressRss builds them from the guid, so put them back.
	return blogFeed(posts).replace(/<link>https:\/\/www\.kreidezeit-praxis\.de\/(\d+)-\d+\/<\/link>/g, '<link>https://www.kreidezeit-praxis.de/$1/</link>');
}

/** The fixture posts dated in the last days before `now`: a blog that is not dormant. */
export function recentPosts(now: number = Date.now()): Post[] {
	return coachingPosts().map((post, index) => ({...post, pubDate: new Date(now - (index + 1) * 2 * 86_400_000).toUTCString()}));
}
