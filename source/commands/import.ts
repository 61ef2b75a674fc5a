import {readFile} from 'node:fs/promises';
import {isFailure} from '../failure.js';
import {parseInputUrl} from '../feeds/input-url.js';
import {parseOpml} from '../feeds/opml.js';
import {parseSubscriptionsJson} from '../feeds/subscriptions-json.js';
import {sanitizeLine} from '../text/sanitize.js';
import {normalizeTags} from '../use-cases/feed-changes.js';
import {reportError, type CommandContext} from './context.js';

/**
 * `blogroll import <file>`: OPML 1.0/2.0 (folders become tags) or blogroll's JSON
 * (feeds.example.json). New feeds are added; feeds already subscribed gain the
 * imported tags. Nothing is fetched: `blogroll refresh` does that.
 */
export async function runImport(options: {readonly file: string}, context: CommandContext): Promise<number> {
	const {io} = context;
	const shownFile = sanitizeLine(options.file);
	let text: string;
	try {
		text = await readFile(options.file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : sanitizeLine(String(code ?? error));
		return reportError(io, `Cannot read ${shownFile}: ${why}`);
	}
	const isJson = /^\s*[{[]/.test(text);
	const parsed = isJson ? parseSubscriptionsJson(text, shownFile) : parseOpml(text, shownFile);
	if (isFailure(parsed)) return reportError(io, parsed.message);

	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);

	let added = 0;
	let merged = 0;
	const rejected: string[] = [];
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
		config.addSubscription({
			url,
			title: feed.title === null ? null : sanitizeLine(feed.title) || null,
			tags,
			fullArticle: false,
			addedAt: context.now().toISOString(),
		});
		added++;
	}
	for (const message of rejected) io.stderr.write(`blogroll: skipped: ${message}\n`);
	io.stdout.write(`Imported ${added} feed${added === 1 ? '' : 's'} from ${shownFile}`);
	io.stdout.write(merged > 0 ? ` (${merged} already subscribed).\n` : '.\n');
	if (added > 0) io.stdout.write('Fetch their entries with: blogroll refresh\n');
	return added + merged === 0 && rejected.length > 0 ? 1 : 0;
}
