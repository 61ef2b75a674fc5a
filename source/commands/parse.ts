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
	const isUrl = /^https?:\/\//i.test(options.target);
	if (isUrl) {
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
	if (isFailure(feed)) {
		// The parser names the url it was given: for a file that is a base made up for its
		// links (file://cwd/), so the file's own name goes in its place; an url is named once.
		const named = feed.message.startsWith(feedUrl) ? (isUrl ? feed.message : shown + feed.message.slice(feedUrl.length)) : `${shown}: ${feed.message}`;
		return reportError(io, named);
	}
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
