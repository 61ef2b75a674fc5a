/**
 * Sites that are never suggested: platforms, link shorteners, big media and shops. They
 * are what blogroll's readers are leaving, or not blogs at all. The list ships here; the
 * user adds domains (`suggestExcludedDomains` in config.json, `blogroll suggest exclude`)
 * and takes shipped ones off it (`suggestAllowedDomains`, `blogroll suggest include`).
 * An entry is a registrable domain (`youtube.com`); `amazon.*` means that name under any
 * public suffix (amazon.de, amazon.co.uk, …).
 */
import {parse} from 'tldts';

export const DEFAULT_EXCLUDED_DOMAINS: readonly string[] = [
	// Social platforms
	'x.com', 'twitter.com', 'facebook.com', 'fb.com', 'instagram.com', 'threads.net', 'threads.com', 'linkedin.com', 'xing.com',
	'tiktok.com', 'youtube.com', 'youtu.be', 'pinterest.*', 'reddit.com', 'tumblr.com', 'snapchat.com', 'whatsapp.com', 'wa.me',
	'telegram.org', 't.me', 'discord.com', 'discord.gg', 'vimeo.com', 'twitch.tv', 'spotify.com', 'soundcloud.com', 'bsky.app',
	'mastodon.social', 'medium.com', 'substack.com', 'patreon.com', 'flickr.com', 'meetup.com', 'github.com', 'gitlab.com',
	'google.*', 'goo.gl', 'apple.com', 'microsoft.com', 'wikipedia.org', 'wikimedia.org', 'archive.org',
	// Link shorteners
	't.co', 'bit.ly', 'amzn.to', 'tinyurl.com', 'ow.ly', 'buff.ly', 'is.gd', 'rebrand.ly', 'lnkd.in', 'shorturl.at',
	// Shops
	'amazon.*', 'ebay.*', 'etsy.com', 'otto.de', 'zalando.*', 'aliexpress.com', 'temu.com', 'booking.com',
	// Big media
	'nytimes.com', 'washingtonpost.com', 'theguardian.com', 'bbc.co.uk', 'bbc.com', 'cnn.com', 'reuters.com', 'apnews.com',
	'spiegel.de', 'zeit.de', 'faz.net', 'sueddeutsche.de', 'welt.de', 'bild.de', 'tagesschau.de', 'zdf.de', 'ard.de', 'heise.de',
	'handelsblatt.com', 'focus.de', 'stern.de', 't-online.de', 'n-tv.de', 'taz.de', 'derstandard.at', 'orf.at', 'nzz.ch', 'srf.ch',
	'forbes.com', 'bloomberg.com', 'wsj.com', 'ft.com', 'economist.com', 'wired.com', 'theverge.com', 'techcrunch.com',
];

/** The exclusion list in force: the shipped one minus what the user allowed, plus what they added. */
export function effectiveExclusions(added: readonly string[], allowed: readonly string[]): string[] {
	const removed = new Set(allowed.map(normalizeDomain));
	const all = [...DEFAULT_EXCLUDED_DOMAINS, ...added].map(normalizeDomain).filter(domain => domain !== '' && !removed.has(domain));
	return [...new Set(all)];
}

/** True when the site (a key from siteKeyOf, or any host name) is on the list. */
export function isExcludedSite(siteKey: string, exclusions: readonly string[]): boolean {
	const key = siteKey.toLowerCase();
	const {domainWithoutSuffix} = parse(key);
	return exclusions.some(entry => {
		if (entry.endsWith('.*')) return domainWithoutSuffix !== null && entry.slice(0, -2) === domainWithoutSuffix;
		return key === entry || key.endsWith(`.${entry}`);
	});
}

/** `https://www.X.com/` or ` X.COM ` → `x.com`; `amazon.*` stays as it is. */
export function normalizeDomain(value: string): string {
	let text = value.trim().toLowerCase();
	if (/^[a-z][a-z\d+.-]*:\/\//.test(text)) {
		try {
			text = new URL(text).hostname;
		} catch {
			return '';
		}
	}
	return text.replace(/^www\./, '').replace(/\/.*$/, '').replace(/\.$/, '');
}
