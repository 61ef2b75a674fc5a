/**
 * blogroll's own subscription list format (`feeds.example.json`):
 * `{"feeds": [{"url": "…", "title": "…", "tags": ["…"]}]}`. Readable and diffable,
 * for people who keep their subscriptions in a dotfiles repository.
 */
import {failed, type Failure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import type {ImportedFeed} from './opml.js';

/** Reads the JSON list; `source` names the file in failure messages. */
export function parseSubscriptionsJson(text: string, source = 'The file'): {feeds: ImportedFeed[]} | Failure {
	let value: unknown;
	try {
		value = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		const reason = error instanceof Error ? sanitizeLine(error.message) : 'invalid JSON';
		return failed('parse-error', `${source} is not valid JSON (${reason})`);
	}
	// A bare array of feeds is accepted too: it is what people write by hand first.
	const list: unknown = Array.isArray(value) ? value : isRecord(value) ? value['feeds'] : undefined;
	if (!Array.isArray(list)) return failed('invalid-subscriptions', `${source} has no "feeds" list`);
	const feeds: ImportedFeed[] = [];
	const seen = new Set<string>();
	for (const [index, entry] of list.entries()) {
		const feed = readEntry(entry);
		if (feed === null) {
			return failed('invalid-subscriptions', `${source}: feeds[${index}] has no valid http(s) "url"`);
		}
		// The same url twice is one subscription; the first entry's title and tags win.
		if (seen.has(feed.url)) continue;
		seen.add(feed.url);
		feeds.push(feed);
	}
	return {feeds};
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readEntry(entry: unknown): ImportedFeed | null {
	const fields = typeof entry === 'string' ? {url: entry} : entry;
	if (!isRecord(fields) || typeof fields['url'] !== 'string' || !isHttpUrl(fields['url'])) return null;
	const title = typeof fields['title'] === 'string' ? sanitizeLine(fields['title']) : '';
	const tags = Array.isArray(fields['tags']) ? fields['tags'] : [];
	const siteUrl = typeof fields['siteUrl'] === 'string' && isHttpUrl(fields['siteUrl']) ? fields['siteUrl'].trim() : null;
	const feed: ImportedFeed = {
		url: fields['url'].trim(),
		title: title === '' ? null : title,
		tags: [...new Set(tags.filter((tag): tag is string => typeof tag === 'string').map(sanitizeLine).filter((tag) => tag !== ''))],
	};
	const settings = settingsOf(fields);
	return {...feed, ...(siteUrl === null ? {} : {siteUrl}), ...(settings === null ? {} : {settings})};
}

/** Setting key (`blogroll feed set`) → its field in the JSON list, named as in config.json. */
const SETTING_FIELDS: Readonly<Record<string, string>> = {
	interval: 'refreshIntervalMinutes',
	'max-entries': 'maxEntries',
	'user-agent': 'userAgent',
	charset: 'charset',
	'full-article': 'fullArticle',
	paused: 'paused',
	note: 'note',
};

/** The entry's settings as text, for the importer to check like typed values; null when it has none. */
function settingsOf(fields: Record<string, unknown>): Record<string, string> | null {
	const settings: Record<string, string> = {};
	for (const [key, field] of Object.entries(SETTING_FIELDS)) {
		const value = fields[field];
		if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') settings[key] = String(value);
		else if (value !== undefined && value !== null) settings[key] = JSON.stringify(value);
	}
	return Object.keys(settings).length === 0 ? null : settings;
}

/** The settings as typed JSON values: numbers and booleans where they are. */
function settingsFields(settings: Readonly<Record<string, string>> | undefined): Record<string, string | number | boolean> {
	const fields: Record<string, string | number | boolean> = {};
	for (const [key, field] of Object.entries(SETTING_FIELDS)) {
		const value = settings?.[key];
		if (value === undefined) continue;
		fields[field] = key === 'interval' || key === 'max-entries' ? Number(value) : key === 'full-article' || key === 'paused' ? value === 'true' : value;
	}
	return fields;
}

function isHttpUrl(value: string): boolean {
	try {
		const {protocol} = new URL(value.trim());
		return protocol === 'http:' || protocol === 'https:';
	} catch {
		return false;
	}
}

/** The JSON list, tab-indented, with a final newline. */
export function serializeSubscriptionsJson(feeds: readonly ImportedFeed[]): string {
	const entries = feeds.map((feed) => ({
		url: feed.url,
		title: feed.title,
		tags: feed.tags,
		...(feed.siteUrl ? {siteUrl: feed.siteUrl} : {}),
		...settingsFields(feed.settings),
	}));
	return `${JSON.stringify({feeds: entries}, null, '\t')}\n`;
}
