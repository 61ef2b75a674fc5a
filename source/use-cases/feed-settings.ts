/**
 * Per-feed settings (issue 14), kept with the subscription in config.json: refresh interval,
 * maximum entries kept, User-Agent, charset, full article for every entry, paused. The same
 * for `blogroll feed set|unset|show` and the reader's feed settings overlay. The feed is named
 * by its url (callers resolve what the user typed with `resolveFeed`).
 */
import type {Config} from '../config/config.js';
import type {Settings, Subscription} from '../config/schema.js';
import {failed, isFailure, type Failure} from '../failure.js';
import {resolveEncodingLabel} from '../feeds/encoding-labels.js';
import type {Store} from '../store/types.js';
import {sanitizeLine} from '../text/sanitize.js';

/** The names a user types (`blogroll feed set <feed> <key> <value>`), in the order shown. */
export const FEED_SETTING_KEYS = ['interval', 'max-entries', 'user-agent', 'charset', 'full-article', 'paused', 'note'] as const;
export type FeedSettingKey = (typeof FEED_SETTING_KEYS)[number];

/** The subscription fields the per-feed settings live in. */
export type FeedSettingsPatch = Partial<Pick<Subscription, 'refreshIntervalMinutes' | 'maxEntries' | 'userAgent' | 'charset' | 'fullArticle' | 'paused' | 'note'>>;

const FIELD: Readonly<Record<FeedSettingKey, keyof FeedSettingsPatch>> = {
	interval: 'refreshIntervalMinutes',
	'max-entries': 'maxEntries',
	'user-agent': 'userAgent',
	charset: 'charset',
	'full-article': 'fullArticle',
	paused: 'paused',
	note: 'note',
};

/** Longest interval a feed may have: a week, as for the global setting. */
export const MAX_INTERVAL_MINUTES = 10_080;
export const MAX_ENTRIES_LIMIT = 1_000_000;
const MAX_USER_AGENT_LENGTH = 512;
/** A note is one line beside a link in a blogroll, not an article. */
export const MAX_NOTE_LENGTH = 280;

/** One feed's settings as shown: the value in force, and whether the feed has its own. */
export interface FeedSettingsView {
	readonly url: string;
	/** Minutes between automatic refreshes. */
	readonly refreshIntervalMinutes: number;
	/** null: no limit but the global retention. */
	readonly maxEntries: number | null;
	/** null: blogroll's own User-Agent. */
	readonly userAgent: string | null;
	/** null: detected (header, BOM, declaration). */
	readonly charset: string | null;
	readonly fullArticle: boolean;
	readonly paused: boolean;
	/** The line the published blogroll shows beside the feed; null: none. */
	readonly note: string | null;
	/** The keys this feed sets itself (the others follow the defaults). */
	readonly own: readonly FeedSettingKey[];
}

export interface FeedSettingsDeps {
	readonly config: Config;
	/** When given (and open), a new max-entries applies to the cache at once, not at the next refresh. */
	readonly store?: Store | Failure;
}

/** The canonical key for what a user typed: `max-entries`, `maxEntries`, `max_entries` alike. */
export function feedSettingKey(name: string): FeedSettingKey | Failure {
	const wanted = name.trim().toLowerCase().replaceAll('_', '-');
	const aliases: Readonly<Record<string, FeedSettingKey>> = {
		maxentries: 'max-entries',
		useragent: 'user-agent',
		fullarticle: 'full-article',
		'refresh-interval': 'interval',
		refreshintervalminutes: 'interval',
		encoding: 'charset',
		pause: 'paused',
		description: 'note',
		notiz: 'note',
	};
	const key = (FEED_SETTING_KEYS as readonly string[]).includes(wanted) ? (wanted as FeedSettingKey) : aliases[wanted.replaceAll('-', '')] ?? aliases[wanted];
	return key ?? failed('unknown-setting', `Unknown feed setting "${sanitizeLine(name)}"; one of: ${FEED_SETTING_KEYS.join(', ')}`, {target: sanitizeLine(name)});
}

/** Minutes from `90`, `90m`, `2h`, `1d` (also `1,5h`); null when it is none of those. */
export function parseMinutes(text: string): number | null {
	const match = /^(\d+(?:[.,]\d+)?)\s*(m|min|h|d)?$/i.exec(text.trim());
	if (!match) return null;
	const number = Number(match[1]!.replace(',', '.'));
	const unit = (match[2] ?? 'm').toLowerCase();
	const minutes = unit === 'd' ? number * 1440 : unit === 'h' ? number * 60 : number;
	return Number.isFinite(minutes) ? Math.round(minutes * 100) / 100 : null;
}

const TRUE_WORDS = new Set(['on', 'yes', 'true', '1', 'ja', 'an', 'ein']);
const FALSE_WORDS = new Set(['off', 'no', 'false', '0', 'nein', 'aus']);

/** The subscription patch for one setting typed as text, or a one-line failure naming what is wrong. */
export function parseFeedSetting(key: FeedSettingKey, text: string): FeedSettingsPatch | Failure {
	const value = text.trim();
	const shown = sanitizeLine(value);
	const invalid = (message: string) => failed('invalid-setting', message, {problem: key, target: shown});
	switch (key) {
		case 'interval': {
			const minutes = parseMinutes(value);
			if (minutes === null || minutes < 1 || minutes > MAX_INTERVAL_MINUTES) {
				return invalid(`interval must be minutes between 1 and ${MAX_INTERVAL_MINUTES} (or like 2h, 1d), not "${shown}"`);
			}
			return {refreshIntervalMinutes: minutes};
		}
		case 'max-entries': {
			const count = /^\d+$/.test(value) ? Number(value) : Number.NaN;
			if (!Number.isSafeInteger(count) || count < 1 || count > MAX_ENTRIES_LIMIT) {
				return invalid(`max-entries must be a whole number between 1 and ${MAX_ENTRIES_LIMIT}, not "${shown}"`);
			}
			return {maxEntries: count};
		}
		case 'user-agent':
			// Sent as an HTTP header: printable ASCII only, so nothing can break out of it.
			if (value === '' || value.length > MAX_USER_AGENT_LENGTH || !/^[\x20-\x7E]+$/.test(value)) {
				return invalid(`user-agent must be 1 to ${MAX_USER_AGENT_LENGTH} printable ASCII characters, not "${shown}"`);
			}
			return {userAgent: value};
		case 'charset': {
			const canonical = resolveEncodingLabel(value);
			if (canonical === null) return invalid(`charset "${shown}" is not an encoding blogroll knows (for example utf-8, windows-1252, iso-8859-15, macintosh)`);
			return {charset: canonical};
		}
		case 'note': {
			// One line of plain text: control characters and line breaks go, as everywhere a line is shown.
			const note = sanitizeLine(value);
			const length = [...note].length;
			if (length === 0 || length > MAX_NOTE_LENGTH) {
				return failed('invalid-setting', `note must be 1 to ${MAX_NOTE_LENGTH} characters on one line, not ${length}`, {problem: key, count: length});
			}
			return {note};
		}
		case 'full-article':
		case 'paused': {
			const word = value.toLowerCase();
			if (!TRUE_WORDS.has(word) && !FALSE_WORDS.has(word)) return invalid(`${key} must be on or off, not "${shown}"`);
			return {[FIELD[key]]: TRUE_WORDS.has(word)};
		}
	}
}

function subscriptionAt(config: Config, url: string): Subscription | Failure {
	return config.findSubscription(url) ?? failed('unknown-feed', `No subscription for ${sanitizeLine(url)}`, {url: sanitizeLine(url)});
}

/** The settings of one subscription, with the global defaults filled in. */
export function describeFeedSettings(subscription: Subscription, defaults: Pick<Settings, 'refreshIntervalMinutes'>): FeedSettingsView {
	const own = FEED_SETTING_KEYS.filter(key => {
		const value = subscription[FIELD[key]];
		return typeof value === 'boolean' ? value : value !== undefined;
	});
	return {
		url: subscription.url,
		refreshIntervalMinutes: subscription.refreshIntervalMinutes ?? defaults.refreshIntervalMinutes,
		maxEntries: subscription.maxEntries ?? null,
		userAgent: subscription.userAgent ?? null,
		charset: subscription.charset ?? null,
		fullArticle: subscription.fullArticle,
		paused: subscription.paused === true,
		note: subscription.note ?? null,
		own,
	};
}

/** The feed's settings now. */
export function showFeedSettings(deps: FeedSettingsDeps, url: string): FeedSettingsView | Failure {
	const subscription = subscriptionAt(deps.config, url);
	if (isFailure(subscription)) return subscription;
	return describeFeedSettings(subscription, deps.config.settings());
}

/** Sets one setting from its text; returns the settings now in force. */
export function setFeedSetting(deps: FeedSettingsDeps, url: string, name: string, text: string): FeedSettingsView | Failure {
	const key = feedSettingKey(name);
	if (isFailure(key)) return key;
	const subscription = subscriptionAt(deps.config, url);
	if (isFailure(subscription)) return subscription;
	const patch = parseFeedSetting(key, text);
	if (isFailure(patch)) return patch;
	const view = applyFeedSettings(deps, url, patch);
	const cached = deps.store === undefined || isFailure(deps.store) ? null : deps.store.getFeedByUrl(url);
	if (cached !== null && patch.maxEntries !== undefined) (deps.store as Store).pruneFeedBeyond(cached.id, patch.maxEntries);
	if (cached !== null) takeEffect(deps.store as Store, cached.id, key);
	return view;
}

/** Brings one setting back to its default. */
export function unsetFeedSetting(deps: FeedSettingsDeps, url: string, name: string): FeedSettingsView | Failure {
	const key = feedSettingKey(name);
	if (isFailure(key)) return key;
	const subscription = subscriptionAt(deps.config, url);
	if (isFailure(subscription)) return subscription;
	const view = applyFeedSettings(deps, url, {[FIELD[key]]: key === 'full-article' ? false : undefined});
	const cached = deps.store === undefined || isFailure(deps.store) ? null : deps.store.getFeedByUrl(url);
	if (cached !== null) takeEffect(deps.store as Store, cached.id, key);
	return view;
}

/**
 * A changed setting works from the next refresh on, not from the next fetch the old schedule
 * planned: a new interval or User-Agent makes the feed due; a new charset also forgets the
 * validators, so that the server sends the body again instead of a 304 and it is decoded anew.
 */
function takeEffect(store: Store, feedId: number, key: FeedSettingKey): void {
	if (key === 'interval' || key === 'user-agent' || key === 'charset') store.markFeedDue(feedId, key === 'charset');
}

/** Writes a patch of settings (already valid: from parseFeedSetting or an import). */
export function applyFeedSettings(deps: FeedSettingsDeps, url: string, patch: FeedSettingsPatch): FeedSettingsView | Failure {
	const subscription = subscriptionAt(deps.config, url);
	if (isFailure(subscription)) return subscription;
	// Defaults leave config.json (undefined is not written) rather than staying as noise.
	const clean: Record<string, unknown> = {...patch};
	if (clean['paused'] === false) clean['paused'] = undefined;
	deps.config.updateSubscription(url, clean as FeedSettingsPatch);
	return showFeedSettings(deps, url);
}

/** The value of one setting as text (what `feed show` prints and the reader's prompt starts from). */
export function formatFeedSetting(view: FeedSettingsView, key: FeedSettingKey): string {
	switch (key) {
		case 'interval':
			return formatMinutes(view.refreshIntervalMinutes);
		case 'max-entries':
			return view.maxEntries === null ? '' : String(view.maxEntries);
		case 'user-agent':
			return view.userAgent ?? '';
		case 'charset':
			return view.charset ?? '';
		case 'full-article':
			return view.fullArticle ? 'on' : 'off';
		case 'paused':
			return view.paused ? 'on' : 'off';
		case 'note':
			return view.note ?? '';
	}
}

/** `90` → `90m`, `120` → `2h`, `1440` → `1d`. */
export function formatMinutes(minutes: number): string {
	if (minutes >= 1440 && minutes % 1440 === 0) return `${minutes / 1440}d`;
	if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60}h`;
	return `${minutes}m`;
}

/**
 * The feed's own settings as export formats carry them (see ImportedFeed.settings): only
 * those it sets, the interval in minutes, switches as `true`.
 */
export function feedSettingsAsText(subscription: Subscription): Record<string, string> {
	const settings: Record<string, string> = {};
	if (subscription.refreshIntervalMinutes !== undefined) settings['interval'] = String(subscription.refreshIntervalMinutes);
	if (subscription.maxEntries !== undefined) settings['max-entries'] = String(subscription.maxEntries);
	if (subscription.userAgent !== undefined) settings['user-agent'] = subscription.userAgent;
	if (subscription.charset !== undefined) settings['charset'] = subscription.charset;
	if (subscription.fullArticle) settings['full-article'] = 'true';
	if (subscription.paused === true) settings['paused'] = 'true';
	if (subscription.note !== undefined) settings['note'] = subscription.note;
	return settings;
}

/**
 * Settings from an import (OPML attributes, JSON fields), each checked as if typed: the valid
 * ones as a patch, the invalid ones as one-line messages (the feed is still subscribed).
 */
export function parseImportedFeedSettings(values: Readonly<Record<string, string>>): {readonly patch: FeedSettingsPatch; readonly problems: readonly string[]} {
	let patch: FeedSettingsPatch = {};
	const problems: string[] = [];
	for (const key of FEED_SETTING_KEYS) {
		const text = values[key];
		if (text === undefined) continue;
		const parsed = parseFeedSetting(key, text);
		if (isFailure(parsed)) problems.push(parsed.message);
		else patch = {...patch, ...parsed};
	}
	return {patch, problems};
}
