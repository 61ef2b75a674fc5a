import {readFile} from 'node:fs/promises';
import {resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {isFailure} from '../failure.js';
import {decodeBody} from '../feeds/decode.js';
import {parseFeed} from '../feeds/parse.js';
import {sanitizeLine} from '../text/sanitize.js';
import {reportError, type CommandContext} from './context.js';

/**
 * `blogroll parse <file|url> --json`: the normalized feed as JSON, for debugging broken
 * feeds (and the contract tests). Files are decoded like downloads: BOM, declaration, UTF-8.
 */
export async function runParse(options: {readonly target: string}, context: CommandContext): Promise<number> {
	const {io} = context;
	const shown = sanitizeLine(options.target);
	let text: string;
	let feedUrl: string;
	if (/^https?:\/\//i.test(options.target)) {
		const response = await context.http().get({url: options.target});
		if (response.kind === 'failed') return reportError(io, response.message);
		if (response.kind === 'not-modified') return reportError(io, `${shown}: unexpected 304 Not Modified`);
		text = decodeBody(response.body, response.contentType);
		feedUrl = response.url;
	} else {
		let bytes: Buffer;
		try {
			bytes = await readFile(options.target);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			return reportError(io, `Cannot read ${shown}: ${code === 'ENOENT' ? 'no such file' : sanitizeLine(String(code ?? error))}`);
		}
		text = decodeBody(bytes, null);
		// The file's own url: relative links resolve against its folder, as a browser would.
		feedUrl = pathToFileURL(resolve(options.target)).href;
	}
	const feed = await parseFeed(text, feedUrl);
	// The failure names the feed once: the url it came from, or the file as it was typed.
	if (isFailure(feed)) return reportError(io, feed.message.startsWith(feedUrl) && feedUrl.startsWith('file:') ? shown + feed.message.slice(feedUrl.length) : feed.message);
	const {title, link, description, items} = feed;
	const output = {
		title,
		link,
		description,
		items: items.map(({id, title, link, published, updated, author, content, summary, categories}) => ({
			id,
			title,
			link,
			published,
			updated,
			author,
			content,
			summary,
			categories: categories ?? [],
		})),
	};
	io.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
	return 0;
}
