import {failed, type Failure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';

/**
 * Turns what a user typed into an absolute http(s) url: `example.com/blog` becomes
 * `https://example.com/blog`; anything that is not http(s) is refused with one line.
 */
export function parseInputUrl(input: string): string | Failure {
	const text = input.trim();
	const shown = sanitizeLine(text);
	if (text === '') return failed('bad-url', 'No url given', {problem: 'empty'});
	const hasScheme = /^[a-z][a-z\d+.-]*:/i.test(text);
	// `localhost:8080` looks like a scheme; a bare host:port is a url without one.
	const looksLikeHostPort = /^[\w.-]+:\d+(?:\/|$)/.test(text);
	const candidate = hasScheme && !looksLikeHostPort ? text : `https://${text.replace(/^\/\//, '')}`;
	let url: URL;
	try {
		url = new URL(candidate);
	} catch {
		return failed('bad-url', `Not a url: ${shown}`, {url: shown, problem: 'malformed'});
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return failed('bad-url', `Only http and https urls can be subscribed to, not ${sanitizeLine(url.protocol)} (${shown})`, {url: shown, problem: 'scheme', target: sanitizeLine(url.protocol)});
	}
	if (url.hostname === '' || (!url.hostname.includes('.') && url.hostname !== 'localhost' && !url.hostname.startsWith('['))) {
		return failed('bad-url', `Not a url: ${shown}`, {url: shown, problem: 'malformed'});
	}
	url.hash = '';
	return url.href;
}
