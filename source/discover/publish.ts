/**
 * Publishing your own blogroll (issue 13): which feeds are shared, and the plain HTML page.
 * The OPML is serializeOpml's (feeds/opml.ts), so that a published blogroll imports into
 * any reader and back into blogroll with its folders as tags.
 */
import type {ImportedFeed} from '../feeds/opml.js';
import {sanitizeLine} from '../text/sanitize.js';
import {homeOf} from './site-key.js';

/** A subscription as the published blogroll shows it. */
export interface SharedFeed {
	readonly url: string;
	readonly title: string | null;
	readonly tags: readonly string[];
	/** The site url learnt from the feed; null falls back to the feed url's origin. */
	readonly siteUrl: string | null;
	readonly isPrivate: boolean;
	/** The user's line about the feed (`feed set <feed> note …`), published beside it. */
	readonly note?: string;
}

/** The feeds to publish: not private, and (with `tag`) carrying that tag in any case. */
export function sharedFeeds(feeds: readonly SharedFeed[], tag?: string): ImportedFeed[] {
	const wanted = tag?.trim().toLocaleLowerCase();
	return feeds
		.filter(feed => !feed.isPrivate)
		.filter(feed => wanted === undefined || feed.tags.some(own => own.toLocaleLowerCase() === wanted))
		.map(feed => ({url: feed.url, title: feed.title, tags: [...feed.tags], siteUrl: feed.siteUrl ?? homeOf(feed.url), ...(feed.note === undefined ? {} : {settings: {note: feed.note}})}));
}

const TEXT = {
	en: {
		title: 'Blogroll',
		intro: 'Blogs and sites I read and recommend, with their feeds.',
		howTo: 'To publish it: put the OPML version (blogroll export --blogroll blogroll.opml) beside this page and paste this line into the <head> of your site, so that feed readers find your blogroll:',
		feed: 'feed',
		other: 'More',
	},
	de: {
		title: 'Blogroll',
		intro: 'Blogs und Seiten, die ich lese und empfehle, mit ihren Feeds.',
		howTo: 'So veröffentlichen Sie sie: Legen Sie die OPML-Fassung (blogroll export --blogroll blogroll.opml) neben diese Seite und fügen Sie diese Zeile in den <head> Ihrer Website ein, damit Feedreader Ihre Blogroll finden:',
		feed: 'Feed',
		other: 'Weitere',
	},
} as const;

/**
 * A plain, accessible HTML page (well-formed, so XHTML tools read it too): `lang` set, the
 * `<link rel="blogroll">` line to paste explained at the top, then one list item per site
 * with its site link and its feed link, grouped under the first tag.
 */
export function blogrollHtml(feeds: readonly ImportedFeed[], language: 'en' | 'de', opmlHref = '/blogroll.opml'): string {
	const text = TEXT[language];
	const groups = new Map<string, ImportedFeed[]>();
	for (const feed of feeds) {
		const group = feed.tags[0] ?? '';
		groups.set(group, [...(groups.get(group) ?? []), feed]);
	}
	// Untagged feeds last, under "More" when there are tagged ones, else as the only list.
	const ordered = [...groups].sort(([a], [b]) => Number(a === '') - Number(b === ''));
	const linkLine = `<link rel="blogroll" type="text/x-opml" href="${escapeHtml(opmlHref)}">`;
	const lines = [
		'<!DOCTYPE html>',
		`<html lang="${language}">`,
		'<head>',
		'<meta charset="utf-8" />',
		'<meta name="viewport" content="width=device-width, initial-scale=1" />',
		`<title>${text.title}</title>`,
		`<link rel="blogroll" type="text/x-opml" href="${escapeHtml(opmlHref)}" />`,
		'</head>',
		'<body>',
		'<main>',
		`<h1>${text.title}</h1>`,
		`<p>${escapeText(text.intro)}</p>`,
		`<p>${escapeText(text.howTo)}</p>`,
		`<pre><code>${escapeText(linkLine)}</code></pre>`,
	];
	for (const [group, members] of ordered) {
		if (ordered.length > 1 || group !== '') lines.push(`<h2>${escapeHtml(group === '' ? text.other : group)}</h2>`);
		lines.push('<ul>');
		for (const feed of members) {
			const title = escapeHtml(feed.title ?? feed.siteUrl ?? feed.url);
			const site = escapeHtml(feed.siteUrl ?? feed.url);
			const note = feed.settings?.['note'];
			lines.push(`<li><a href="${site}">${title}</a> (<a href="${escapeHtml(feed.url)}" type="application/rss+xml">${text.feed}</a>)${note === undefined ? '' : ` – ${escapeText(note)}`}</li>`);
		}
		lines.push('</ul>');
	}
	lines.push('</main>', '</body>', '</html>', '');
	return lines.join('\n');
}

function escapeHtml(value: string): string {
	return sanitizeLine(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Element content: quotes may stay as they are. */
function escapeText(value: string): string {
	return sanitizeLine(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
