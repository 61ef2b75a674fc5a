/**
 * Accounts as config.json keeps them (issue 16): checked entry by entry as they are read, so
 * that one broken entry (edited by hand) is one line of error and the others keep working.
 */
import {sanitizeLine} from '../text/sanitize.js';
import {ACCOUNT_KINDS, type AccountKind, type AccountSettings} from './types.js';

export type {AccountSettings} from './types.js';

/** Account names: what `--name`, `add --account` and the feeds screen's tag use. */
const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,39}$/u;

export function isAccountKind(value: unknown): value is AccountKind {
	return typeof value === 'string' && (ACCOUNT_KINDS as readonly string[]).includes(value);
}

/** Null when the name is usable, else why not (one line). */
export function checkAccountName(name: string): string | null {
	return NAME_PATTERN.test(name)
		? null
		: `"${sanitizeLine(name).slice(0, 60)}" is not a usable account name (letters, digits, . _ -; at most 40; starting with a letter or digit)`;
}

/** The account, or one line saying why the entry is not one. */
export function parseAccount(raw: unknown, index?: number): AccountSettings | string {
	const where = index === undefined ? 'an entry of "accounts" in config.json' : `entry ${index + 1} of "accounts" in config.json`;
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return `${where} is not an object; it is skipped`;
	const entry = raw as Record<string, unknown>;
	const name = typeof entry['name'] === 'string' ? entry['name'] : '';
	const label = name === '' ? where : `account "${sanitizeLine(name).slice(0, 60)}" in config.json`;
	if (name === '' || checkAccountName(name) !== null) return `${label} has no usable "name"; it is skipped`;
	if (!isAccountKind(entry['kind'])) return `${label}: "kind" must be one of ${ACCOUNT_KINDS.join(', ')}; the account is skipped`;
	const url = entry['url'];
	if (typeof url !== 'string' || !isHttpUrl(url)) return `${label}: "url" must be an http(s) url; the account is skipped`;
	const user = entry['user'];
	if (typeof user !== 'string' || user === '') return `${label} has no "user"; the account is skipped`;
	const addedAt = typeof entry['addedAt'] === 'string' ? entry['addedAt'] : new Date(0).toISOString();
	return {name, kind: entry['kind'], url, user, addedAt};
}

function isHttpUrl(text: string): boolean {
	try {
		const url = new URL(text);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
	} catch {
		return false;
	}
}

/**
 * The server's url as the clients want it: http(s), no user info (a password in the url
 * would end up in the config), no trailing slash, no query or fragment.
 */
export function normalizeServerUrl(text: string): string | null {
	let url: URL;
	try {
		url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(text.trim()) ? text.trim() : `https://${text.trim()}`);
	} catch {
		return null;
	}
	if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') return null;
	url.search = '';
	url.hash = '';
	return url.toString().replace(/\/+$/, '');
}

/** A name for an account added without `--name`: the server's host (`news.example.org`), made unique. */
export function deriveAccountName(url: string, taken: readonly string[]): string {
	let base: string;
	try {
		base = new URL(url).hostname.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[^\p{L}\p{N}]+/u, '').slice(0, 36) || 'account';
	} catch {
		base = 'account';
	}
	let name = base;
	for (let number = 2; taken.includes(name); number++) name = `${base}-${number}`;
	return name;
}
