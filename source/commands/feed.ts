import {isFailure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {FEED_SETTING_KEYS, feedSettingKey, formatFeedSetting, setFeedSetting, showFeedSettings, unsetFeedSetting, type FeedSettingKey, type FeedSettingsView} from '../use-cases/feed-settings.js';
import {resolveFeed, subscribedFeeds} from '../use-cases/subscribed-feeds.js';
import {reportError, type CommandContext} from './context.js';

export interface FeedCommandOptions {
	readonly action: 'set' | 'unset' | 'show';
	/** url, title or id */
	readonly feed: string;
	readonly key?: string;
	readonly value?: string;
	readonly json?: boolean;
}

/**
 * `blogroll feed set|unset|show`: one feed's own settings (interval, max entries, User-Agent,
 * charset, full article, paused), kept with its subscription in config.json.
 */
export async function runFeed(options: FeedCommandOptions, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	const feed = resolveFeed(subscribedFeeds(config, store), options.feed);
	if (isFailure(feed)) return reportError(io, feed.message);
	const url = feed.subscription.url;
	const deps = {config, store};
	const result =
		options.action === 'set'
			? setFeedSetting(deps, url, options.key ?? '', options.value ?? '')
			: options.action === 'unset'
			? unsetFeedSetting(deps, url, options.key ?? '')
			: showFeedSettings(deps, url);
	if (isFailure(result)) return reportError(io, result.message);
	if (options.json === true) {
		const {own, ...settings} = result;
		io.stdout.write(`${JSON.stringify({title: sanitizeLine(feed.title), ...settings, own}, null, 2)}\n`);
		return 0;
	}
	const title = sanitizeLine(feed.title);
	const key = options.action === 'show' ? null : feedSettingKey(options.key ?? '');
	if (key === null || isFailure(key)) {
		io.stdout.write(formatSettings(title, result));
		return 0;
	}
	// A change is confirmed in one line: the setting as it is now in force.
	const value = result.own.includes(key) ? sanitizeLine(formatFeedSetting(result, key)) : `${key === 'interval' ? `${formatFeedSetting(result, key)} ` : ''}(default)`;
	io.stdout.write(`${title}: ${key} ${value}\n`);
	return 0;
}

/** What a setting the feed does not set means. */
const DEFAULTS: Readonly<Record<FeedSettingKey, string>> = {
	interval: 'as configured',
	'max-entries': 'all (retention only)',
	'user-agent': "blogroll's own",
	charset: 'detected',
	'full-article': 'off',
	paused: 'off',
	note: 'none',
};

/** One line per setting: the key as `feed set` takes it, and the feed's value or what the default means. */
export function formatSettings(title: string, view: FeedSettingsView): string {
	const lines = [`${title} (${sanitizeLine(view.url)})`];
	for (const key of FEED_SETTING_KEYS) {
		const value = view.own.includes(key)
			? sanitizeLine(formatFeedSetting(view, key))
			: key === 'interval'
			? `${formatFeedSetting(view, key)} (default)`
			: `${DEFAULTS[key]} (default)`;
		lines.push(`  ${key.padEnd(14)}${value}`);
	}
	return `${lines.join('\n')}\n`;
}
