import {readFile} from 'node:fs/promises';
import {decodeBody} from '../feeds/decode.js';
import {isFailure} from '../failure.js';
import {parseInputUrl} from '../feeds/input-url.js';
import {parseOpml} from '../feeds/opml.js';
import {parseSubscriptionsJson} from '../feeds/subscriptions-json.js';
import {parseImportedFeedSettings, type FeedSettingsPatch} from '../use-cases/feed-settings.js';
import {sanitizeLine} from '../text/sanitize.js';
import {normalizeTags} from '../use-cases/feed-changes.js';
import {reportError, type CommandContext} from './context.js';

/**
 * `blogroll import <file|url>`: OPML 1.0/2.0 (folders become tags) or blogroll's JSON
 * (feeds.example.json); at a url (someone's published blogroll), a pick list first, then
 * `--all` or `--pick 1,3`. New feeds are added; feeds already subscribed gain the
 * imported tags. Nothing is fetched: `blogroll refresh` does that.
 */
export interface ImportOptions {
	readonly file: string;
	/** A published blogroll at a url: subscribe to every feed in it. */
	readonly all?: boolean;
	/** A published blogroll at a url: subscribe to these (1-based, as listed). */
	readonly pick?: readonly number[];
}

export async function runImport(options: ImportOptions, context: CommandContext): Promise<number> {
	const {io} = context;
	const shownFile = sanitizeLine(options.file);
	const isUrl = /^https?:\/\//i.test(options.file.trim());
	if (!isUrl && (options.all === true || options.pick !== undefined)) return reportError(io, '--all and --pick are for a blogroll at a url; a file is imported whole');
	let text: string;
	if (isUrl) {
		// Someone's published blogroll: fetched through the one HTTP client like any feed.
		const answer = await context.http().get({url: options.file.trim(), accept: 'text/x-opml, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5'});
		if (answer.kind === 'failed') return reportError(io, answer.message);
		if (answer.kind === 'not-modified') return reportError(io, `${shownFile} answered 304 Not Modified to a plain request`);
		text = decodeBody(answer.body, answer.contentType);
	} else {
		try {
			text = await readFile(options.file, 'utf8');
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : sanitizeLine(String(code ?? error));
			return reportError(io, `Cannot read ${shownFile}: ${why}`);
		}
	}
	const isJson = /^\s*[{[]/.test(text);
	const read = isJson ? parseSubscriptionsJson(text, shownFile) : parseOpml(text, shownFile);
	if (isFailure(read)) return reportError(io, read.message);
	let parsed = read;
	if (isUrl) {
		if (options.all !== true && options.pick === undefined) {
			// The pick list: nothing is subscribed until the user says which.
			read.feeds.forEach((feed, index) => {
				const tags = feed.tags.length > 0 ? `  #${feed.tags.map(tag => sanitizeLine(tag)).join(' #')}` : '';
				io.stdout.write(`${String(index + 1).padStart(3)}. ${sanitizeLine(feed.title ?? feed.url)}${tags}\n     ${sanitizeLine(feed.url)}\n`);
			});
			io.stdout.write(`${read.feeds.length} feed${read.feeds.length === 1 ? '' : 's'} in ${shownFile}. Subscribe with: blogroll import ${shownFile} --all, or --pick 1,3\n`);
			return 0;
		}
		if (options.pick !== undefined) {
			const wrong = options.pick.filter(number => number < 1 || number > read.feeds.length);
			if (wrong.length > 0) return reportError(io, `--pick ${wrong.join(',')}: ${shownFile} lists ${read.feeds.length} feed${read.feeds.length === 1 ? '' : 's'}`);
			parsed = {feeds: [...new Set(options.pick)].map(number => read.feeds[number - 1]!)};
		}
	}

	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);

	let added = 0;
	let merged = 0;
	const rejected: string[] = [];
	const warnings: string[] = [];
	for (const feed of parsed.feeds) {
		const url = parseInputUrl(feed.url);
		if (isFailure(url)) {
			rejected.push(url.message);
			continue;
		}
		const tags = normalizeTags(feed.tags);
		const existing = config.findSubscription(url);
		if (existing) {
			const union = normalizeTags([...existing.tags, ...tags]);
			if (union.length !== existing.tags.length) config.updateSubscription(url, {tags: union});
			merged++;
			continue;
		}
		// A file's own settings (a backup of ours) come along, each checked as if typed; someone
		// else's blogroll at a url brings feeds only. Settings of feeds already subscribed stay.
		const settings = !isUrl && feed.settings !== undefined ? parseImportedFeedSettings(feed.settings) : {patch: {}, problems: []};
		for (const problem of settings.problems) warnings.push(`${sanitizeLine(url)}: ${problem}; subscribed without that setting`);
		config.addSubscription({
			url,
			title: feed.title === null ? null : sanitizeLine(feed.title) || null,
			tags,
			fullArticle: false,
			addedAt: context.now().toISOString(),
			...withoutDefaults(settings.patch),
		});
		added++;
	}
	for (const message of rejected) io.stderr.write(`blogroll: skipped: ${message}\n`);
	for (const message of warnings) io.stderr.write(`blogroll: ${message}\n`);
	io.stdout.write(`Imported ${added} feed${added === 1 ? '' : 's'} from ${shownFile}`);
	io.stdout.write(merged > 0 ? ` (${merged} already subscribed).\n` : '.\n');
	if (added > 0) io.stdout.write('Fetch their entries with: blogroll refresh\n');
	return added + merged === 0 && rejected.length > 0 ? 1 : 0;
}

/** The patch without the values that mean "default" (config.json keeps only what a feed sets). */
function withoutDefaults(patch: FeedSettingsPatch): FeedSettingsPatch {
	return Object.fromEntries(Object.entries(patch).filter(([key, value]) => value !== undefined && !(key === 'paused' && value === false))) as FeedSettingsPatch;
}
