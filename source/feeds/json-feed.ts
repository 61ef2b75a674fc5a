/**
 * JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/) → RawFeed. Our own
 * mapper: the format is small, and rss-parser does not read it.
 */
import {failed, type Failure} from '../failure.js';
import type {RawFeed, RawItem, RawText} from './normalize.js';

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | null {
	// An empty string is as good as a missing field: `"content_html": ""` beside real content_text.
	if (typeof value === 'string') return value.trim() === '' ? null : value;
	// `id` is a string by the spec, but numeric ids are common in hand-rolled feeds.
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

/** True for a parsed JSON value that claims to be a JSON Feed. */
export function isJsonFeed(value: unknown): value is JsonObject {
	if (!isObject(value)) return false;
	const version = value['version'];
	if (typeof version === 'string' && /jsonfeed\.org\/version\//i.test(version)) return true;
	// Without the version marker, a title plus an items array is close enough.
	return Array.isArray(value['items']) && typeof value['title'] === 'string';
}

/** The text of a JSON Feed document → RawFeed, or a Failure naming `feedUrl`. */
export function readJsonFeed(text: string, feedUrl: string): RawFeed | Failure {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		// Hand-written feeds end lists with a comma (`"items": [{…},]`), as JavaScript allows.
		const lenient = withoutTrailingCommas(text);
		try {
			if (lenient === text) throw error;
			value = JSON.parse(lenient);
		} catch {
			const reason = error instanceof Error ? error.message.split('\n')[0] : 'invalid JSON';
			return failed('parse-error', `${feedUrl} is not valid JSON (${reason})`);
		}
	}
	if (!isJsonFeed(value)) return failed('not-a-feed', `${feedUrl} is not a feed (it is JSON, but not a JSON Feed)`);
	const items = Array.isArray(value['items']) ? value['items'] : [];
	return {
		format: 'json',
		title: plain(value['title']),
		link: stringOf(value['home_page_url']),
		base: null,
		description: plain(value['description']),
		ttl: null,
		items: items.filter(isObject).map((item) => readItem(item, value)),
	};
}

function plain(value: unknown): RawText | null {
	return typeof value === 'string' ? {value, type: 'text', base: null} : null;
}

function readItem(item: JsonObject, feed: JsonObject): RawItem {
	const html = stringOf(item['content_html']);
	const text = stringOf(item['content_text']);
	const summary = stringOf(item['summary']);
	return {
		id: stringOf(item['id']),
		title: plain(item['title']),
		// `external_url` points elsewhere (a link blog); it is the best link when `url` is missing.
		link: stringOf(item['url']) ?? stringOf(item['external_url']),
		base: null,
		published: [stringOf(item['date_published'])],
		updated: [stringOf(item['date_modified'])],
		// 1.1 has `authors`, 1.0 `author`; the item's own before the feed's.
		authors: [...authorNames(item), ...authorNames(feed)],
		content: html !== null ? {value: html, type: 'html', base: null} : text !== null ? {value: text, type: 'text', base: null} : null,
		summary: summary === null ? null : {value: summary, type: 'text', base: null},
		categories: Array.isArray(item['tags']) ? item['tags'].map((tag) => (typeof tag === 'string' ? tag : null)) : [],
	};
}

function authorNames(owner: JsonObject): string[] {
	// `authors` (1.1) is a list of objects, `author` (1.0) one object; hand-rolled feeds
	// write a bare name or a single object where the list belongs.
	const value = owner['authors'] ?? owner['author'];
	const authors = Array.isArray(value) ? value : [value];
	return authors
		.map((author) => (isObject(author) ? stringOf(author['name']) : stringOf(author)))
		.filter((name): name is string => name !== null);
}

/**
 * The JSON text with every comma before a closing `]` or `}` removed; strings are kept
 * as they are (a `,]` inside a title stays). One linear scan.
 */
function withoutTrailingCommas(text: string): string {
	const drop: number[] = [];
	let inString = false;
	let pendingComma = -1;
	for (let index = 0; index < text.length; index++) {
		const character = text[index]!;
		if (inString) {
			if (character === '\\') index++;
			else if (character === '"') inString = false;
			continue;
		}
		if (character === '"') {
			inString = true;
			pendingComma = -1;
		} else if (character === ',') {
			pendingComma = index;
		} else if (character === ']' || character === '}') {
			if (pendingComma !== -1) drop.push(pendingComma);
			pendingComma = -1;
		} else if (character !== ' ' && character !== '\t' && character !== '\n' && character !== '\r') {
			pendingComma = -1;
		}
	}
	let result = '';
	let last = 0;
	for (const index of drop) {
		result += text.slice(last, index);
		last = index + 1;
	}
	return result + text.slice(last);
}
