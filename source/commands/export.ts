import {renameSync, statSync, writeFileSync} from 'node:fs';
import {isFailure} from '../failure.js';
import {serializeOpml} from '../feeds/opml.js';
import {feedSettingsAsText} from '../use-cases/feed-settings.js';
import {serializeSubscriptionsJson} from '../feeds/subscriptions-json.js';
import {sanitizeLine} from '../text/sanitize.js';
import {reportError, type CommandContext} from './context.js';
import type {Store} from '../store/types.js';
import {joinSubscriptions} from '../use-cases/subscribed-feeds.js';
import {blogrollHtml, sharedFeeds} from '../discover/publish.js';

/** The published page's language: the setting, else the locale (LC_ALL, LC_MESSAGES, LANG). */
function blogrollLanguage(setting: 'auto' | 'en' | 'de', env: Readonly<Record<string, string | undefined>>): 'en' | 'de' {
	if (setting !== 'auto') return setting;
	const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find(value => value !== undefined && value !== '');
	return locale?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export interface ExportOptions {
	readonly format: string;
	readonly file?: string;
	/** A publishable blogroll: only feeds not marked private (see source/discover/publish.ts). */
	readonly blogroll?: boolean;
	/** With `blogroll`: only feeds with this tag. */
	readonly tag?: string;
}

/**
 * `blogroll export [--format opml|json] [file]`: the user's backup. It needs only the
 * config; the cache just lends feed titles, and a broken cache does not stop it.
 */
export async function runExport(options: ExportOptions, context: CommandContext): Promise<number> {
	const {io} = context;
	if (options.blogroll === true ? options.format !== 'opml' && options.format !== 'html' : options.format !== 'opml' && options.format !== 'json') {
		const allowed = options.blogroll === true ? 'opml or html with --blogroll' : options.format === 'html' ? 'opml or json; html needs --blogroll' : 'opml or json';
		return reportError(io, `Unknown export format "${sanitizeLine(options.format)}" (use ${allowed})`);
	}
	if (options.tag !== undefined && options.blogroll !== true) return reportError(io, '--tag works with --blogroll only');
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	let cached: ReturnType<Store['listFeeds']> = [];
	try {
		cached = isFailure(store) ? [] : store.listFeeds();
	} catch {
		// The backup must not depend on the cache: without it, titles come from the config only.
	}
	const feeds = joinSubscriptions(config.subscriptions(), cached).map(feed => ({
		url: feed.subscription.url,
		title: feed.subscription.title ?? feed.cached?.title ?? null,
		tags: [...feed.subscription.tags],
		siteUrl: feed.cached?.siteUrl ?? null,
	}));
	let text: string;
	let count = feeds.length;
	if (options.blogroll === true) {
		const joined = joinSubscriptions(config.subscriptions(), cached);
		const shared = sharedFeeds(
			joined.map((feed, index) => ({...feeds[index]!, isPrivate: feed.subscription.private === true, ...(feed.subscription.note === undefined ? {} : {note: feed.subscription.note})})),
			options.tag,
		);
		if (shared.length === 0) {
			return reportError(io, options.tag === undefined ? 'Nothing to publish: every feed is private' : `Nothing to publish: no public feed has the tag "${sanitizeLine(options.tag)}"`);
		}
		count = shared.length;
		const language = blogrollLanguage(config.settings().language, io.env);
		text = options.format === 'html' ? blogrollHtml(shared, language) : serializeOpml(shared, 'Blogroll');
	} else {
		// A backup carries each feed's own settings; a published blogroll (above) only its note.
		const subscriptions = config.subscriptions();
		const backup = feeds.map((feed, index) => {
			const settings = feedSettingsAsText(subscriptions[index]!);
			return Object.keys(settings).length === 0 ? feed : {...feed, settings};
		});
		text = options.format === 'opml' ? serializeOpml(backup, 'blogroll subscriptions') : serializeSubscriptionsJson(backup);
	}

	if (options.file === undefined || options.file === '-') {
		io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
		return 0;
	}
	try {
		if (isSpecialFile(options.file)) {
			// A device, pipe or socket (`/dev/stdout`, a FIFO): written to, never renamed over.
			writeFileSync(options.file, text);
		} else {
			// Write beside and rename: an interrupted export never leaves half a backup.
			const temporary = `${options.file}.tmp-${process.pid}`;
			writeFileSync(temporary, text);
			renameSync(temporary, options.file);
		}
	} catch (error) {
		return reportError(io, `Cannot write ${sanitizeLine(options.file)}: ${describeWriteError(error)}`);
	}
	io.stdout.write(`Exported ${count} feed${count === 1 ? '' : 's'} to ${sanitizeLine(options.file)}.\n`);
	return 0;
}

/** True when `file` exists and is not a regular file (following symlinks). */
function isSpecialFile(file: string): boolean {
	try {
		return !statSync(file).isFile();
	} catch {
		return false;
	}
}

function describeWriteError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (code === 'ENOSPC') return 'the disk is full';
	if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'no permission to write there';
	if (code === 'ENOENT' || code === 'ENOTDIR') return 'the directory does not exist';
	if (code === 'EISDIR') return 'it is a directory';
	return sanitizeLine(error instanceof Error ? error.message : String(error));
}
