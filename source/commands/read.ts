import {readFile} from 'node:fs/promises';
import {isAbsolute, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {isFailure} from '../failure.js';
import {decodeBody} from '../feeds/decode.js';
import type {HttpClient} from '../feeds/http-types.js';
import {extractArticle, type ExtractedArticle} from '../extract/extract-article.js';
import {fetchFullArticle} from '../extract/fetch-full-article.js';
import {findTitle, removeTitleHeading} from '../extract/page-metadata.js';
import {parseDocument} from '../render/dom.js';
import {MARKER_RANGE} from '../render/markers.js';
import {renderArticle, renderLinkList, textWidth} from '../render/render-article.js';
import {wrapText} from '../render/wrap.js';
import {sanitizeLine, limitLength} from '../text/sanitize.js';
import {detectLanguage, stringsFor, type Strings} from '../ui/strings.js';
import {isFailure as isImageFailure} from '../failure.js';
import {drawArticleImages} from '../images/article-images.js';
import {blockColors, detectProtocol} from '../images/detect.js';
import type {ImageLoader} from '../images/load-image.js';
import {placeImages} from '../images/place-images.js';
import type {ImageProtocol} from '../images/types.js';
import {reportError} from './context.js';
import {writePaged} from './pager.js';
import type {CommandIO} from './types.js';

/** Arguments of `blogroll read`. */
export interface ReadOptions {
	/** An http(s) url or a local html file. */
	readonly target: string;
	readonly width?: number;
	readonly plain: boolean;
	/** Extract the main content with Readability even from a local file. */
	readonly full?: boolean;
	/** Page long output through $PAGER at a terminal (default true; `--no-pager` turns it off). */
	readonly pager?: boolean;
	/** images: draw the article's pictures (`auto` detects the terminal); absent or `off`: `[image: alt]` text only. */
	readonly images?: ImageProtocol | 'auto';
}

/** What `blogroll read` needs from cli.tsx; `http` may be null when only files are read. */
export interface ReadDeps {
	readonly io: CommandIO;
	readonly http: HttpClient | null;
	/** The user's settings, when the config could be read: reading width and UI language. */
	readonly settings?: ReadSettings | null;
	/** images: loads pictures (disk cache, then the HTTP client); needed for `--images`. */
	readonly imageLoader?: ImageLoader | null;
}

/** The settings `read` follows (see config/schema.ts). */
export interface ReadSettings {
	readonly readingWidth?: number;
	readonly language?: 'auto' | 'en' | 'de';
	/** images: what `--images auto` uses before detection. */
	readonly imageProtocol?: ImageProtocol | 'auto';
}

/** Narrower than this, list markers, quote bars and FAQ indents no longer fit beside the text. */
export const MIN_READ_WIDTH = 20;
/** Wider than this is no reading width (the `readingWidth` setting has the same bounds). */
export const MAX_READ_WIDTH = 1000;

interface Article {
	readonly title: string;
	readonly byline: string | null;
	readonly html: string;
	readonly baseUrl: string;
}

/**
 * `blogroll read <url|file> [--width N] [--plain] [--full]`: one article as terminal
 * text — title, the rendered body, then the numbered link list.
 *
 * A url is fetched with the shared client and extracted with Readability. A local file
 * is rendered as is when it is a fragment (no `<html>`/`<body>`) or a page without site
 * chrome (no `<nav>`, `<header>`, `<footer>`, `<aside>`); a page with chrome goes through
 * Readability, and `--full` forces Readability for any file. If Readability finds no
 * article in a local page, the page is rendered as is.
 */
export async function runRead(options: ReadOptions, deps: ReadDeps): Promise<number> {
	const {io} = deps;
	const shown = sanitizeLine(options.target);
	// Labels ([Bild: …], F:/Q:, Links) follow the UI language, as in the reader, not the article's.
	const setting = deps.settings?.language;
	const language = detectLanguage(io.env, setting === 'en' || setting === 'de' ? setting : null);
	let article: Article;
	if (/^https?:\/\//i.test(options.target)) {
		if (!deps.http) return reportError(io, `Cannot fetch ${shown}: no network client`);
		const extracted = await fetchFullArticle(deps.http, options.target, language);
		if (isFailure(extracted)) return reportError(io, extracted.message.includes(shown) ? extracted.message : `${shown}: ${extracted.message}`);
		article = fromExtracted(extracted, options.target);
	} else {
		const path = options.target.startsWith('file://') ? new URL(options.target).pathname : options.target;
		let bytes: Buffer;
		try {
			bytes = await readFile(path);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			return reportError(io, `Cannot read ${shown}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : sanitizeLine(String(code ?? error))}`);
		}
		article = readLocal(decodeBody(bytes, null), pathToFileURL(isAbsolute(path) ? path : resolve(path)).href, options.full === true, language);
	}
	// Styled only for a person at a terminal (or when FORCE_COLOR asks): a pipe or file gets plain text.
	const color = !options.plain && !isNoColor(io.env) && (io.stdout.isTTY === true || isForceColor(io.env));
	const width = readWidth(options.width, deps.settings?.readingWidth, io, stringsFor(language));
	// The width asked for is the text's width: no further cap at a default reading width.
	const rendered = await renderArticle(article.html, {width, readingWidth: width, color, language, baseUrl: article.baseUrl});
	const columns = textWidth({width, readingWidth: width});
	const output: string[] = [];
	// Titles are sanitized lines already; the renderer's private markers go too.
	const title = limitLength(article.title.replace(MARKER_RANGE, ''));
	const byline = limitLength(article.byline?.replace(MARKER_RANGE, '') ?? '');
	if (title !== '') {
		const bold = (text: string) => (color ? `\u001B[1m${text}\u001B[22m` : text);
		output.push(...wrapText(title, columns).map(bold));
		if (byline !== '') output.push(...wrapText(byline, columns));
		output.push('═'.repeat(Math.min(columns, 40)), '');
	}
	const protocol = options.images === undefined ? 'off' : detectProtocol(io.env, options.images === 'auto' ? (deps.settings?.imageProtocol ?? 'auto') : options.images);
	output.push(...(protocol === 'off' || !deps.imageLoader ? rendered.lines : (await withImages(rendered, protocol, columns, {color, plain: options.plain}, language, deps.imageLoader, io.env)).lines));
	const links = renderLinkList(rendered.links, {width: columns, color, language});
	if (links.length > 0) output.push('', ...links);
	const text = `${output.join('\n')}\n`;
	// A pager would show the graphics protocols' escape sequences as text.
	if (options.pager === false || protocol === 'kitty' || protocol === 'iterm' || protocol === 'sixel') io.stdout.write(text);
	else await writePaged(text, io);
	return 0;
}

function fromExtracted(extracted: ExtractedArticle, url: string): Article {
	return {title: extracted.title, byline: extracted.byline, html: extracted.content, baseUrl: url};
}

/**
 * The columns to render at: `--width` as asked, else the `readingWidth` setting (at a
 * terminal narrower than it, the terminal's width), else the terminal's, else 80. A width
 * outside [MIN_READ_WIDTH, MAX_READ_WIDTH] is bounded, and the user told so on stderr.
 */
function readWidth(asked: number | undefined, setting: number | undefined, io: CommandIO, strings: Strings): number {
	const terminal = io.stdout.columns;
	let width = asked ?? (setting !== undefined ? Math.min(setting, terminal ?? setting) : terminal ?? 80);
	const source = asked !== undefined ? `--width ${asked}` : setting !== undefined && width === setting ? `readingWidth ${setting}` : strings.readWidthTerminal(String(width));
	if (width < MIN_READ_WIDTH) {
		io.stderr.write(`blogroll: ${strings.readWidthTooNarrow(source, String(MIN_READ_WIDTH))}\n`);
		width = MIN_READ_WIDTH;
	} else if (width > MAX_READ_WIDTH) {
		io.stderr.write(`blogroll: ${strings.readWidthTooWide(source, String(MAX_READ_WIDTH))}\n`);
		width = MAX_READ_WIDTH;
	}
	return width;
}

function readLocal(html: string, fileUrl: string, isForced: boolean, language: 'de' | 'en'): Article {
	const isPage = /<(?:html|body)[\s>]/i.test(html.slice(0, 4000));
	const doc = parseDocument(isPage ? html : `<html><body>${html}</body></html>`);
	const hasChrome = doc.querySelector('nav, header, footer, aside') !== null;
	if (isForced || (isPage && hasChrome)) {
		const extracted = extractArticle(html, fileUrl, language);
		if (!isFailure(extracted)) return fromExtracted(extracted, fileUrl);
	}
	if (!isPage) return {title: '', byline: null, html, baseUrl: fileUrl};
	// A page rendered as is gets the same title as an extracted one: its own headline, shown once.
	const title = sanitizeLine(findTitle(doc));
	removeTitleHeading(doc, title);
	return {title, byline: null, html: doc.documentElement.outerHTML, baseUrl: fileUrl};
}

/** FORCE_COLOR set to anything but 0 or false asks for styling without a terminal. */
function isForceColor(env: CommandIO['env']): boolean {
	const value = env['FORCE_COLOR'];
	return value !== undefined && value !== '0' && value !== 'false';
}

/** NO_COLOR (https://no-color.org): set and not empty turns styling off. */
function isNoColor(env: CommandIO['env']): boolean {
	return (env['NO_COLOR'] ?? '') !== '';
}

/**
 * images: each picture drawn before the paragraph that holds it (its `[image: alt][n]`
 * text stays beneath as the caption), or one line saying why it is not shown.
 */
async function withImages(
	rendered: Awaited<ReturnType<typeof renderArticle>>,
	protocol: Exclude<ImageProtocol, 'off'>,
	columns: number,
	{color, plain}: {readonly color: boolean; readonly plain: boolean},
	language: 'de' | 'en',
	loader: ImageLoader,
	env: CommandIO['env'],
): Promise<{lines: readonly string[]}> {
	const strings = stringsFor(language);
	// Asked for, half-blocks are coloured through a pipe too (scripts, tests); --plain and NO_COLOR draw greys.
	const colors = plain ? 'grey' : blockColors(env);
	const results = await drawArticleImages(rendered.images ?? [], loader, {protocol, colors, columns, maxRows: 20});
	const blocks = new Map<number, readonly string[]>();
	const dim = (text: string) => (color ? `\u001B[2m${text}\u001B[22m` : text);
	for (const [index, result] of results) {
		blocks.set(index, isImageFailure(result) ? [dim(strings.imageNotShown(strings.imageProblems[result.reason as keyof typeof strings.imageProblems] ?? result.reason))] : result);
	}
	return placeImages(rendered, blocks);
}
