/**
 * What counts as "one site": the registrable domain (eTLD+1, from the public suffix list
 * via tldts, private suffixes such as github.io included), so `blog.example.co.uk` and `www.example.co.uk` are one site. An address
 * without one (an IP, `localhost`) is its own site by host name.
 */
import {parse} from 'tldts';

/** The site a url belongs to, lower case; null for anything that is not an http(s) url. */
export function siteKeyOf(url: string): string | null {
	const parsed = httpUrl(url);
	if (parsed === null) return null;
	// Private suffixes count (github.io, blogspot.com, neocities.org): each blog there is its own site.
	const {domain, hostname} = parse(parsed.hostname, {allowPrivateDomains: true});
	return (domain ?? hostname ?? parsed.hostname).toLowerCase() || null;
}

/** `https://blog.example.com/` for any url of that host; null for non-http(s) urls. */
export function homeOf(url: string): string | null {
	const parsed = httpUrl(url);
	return parsed === null ? null : `${parsed.origin}/`;
}

/** Resolves `href` against `base`; only http(s) urls, without their #fragment. */
export function resolveHttpUrl(href: string, base: string): string | null {
	try {
		const url = new URL(href.trim(), base);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
		url.hash = '';
		return url.href;
	} catch {
		return null;
	}
}

function httpUrl(url: string): URL | null {
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
	} catch {
		return null;
	}
}
