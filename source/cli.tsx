#!/usr/bin/env node
/**
 * Composition root: reads argv and the environment, builds config, cache and http client
 * on first use, runs one command, and turns unexpected errors into one line (the full
 * stack only with --verbose or BLOGROLL_DEBUG=1).
 */
import {Command, CommanderError, InvalidArgumentError, Option} from 'commander';
import {existsSync, mkdirSync, renameSync} from 'node:fs';
import {openConfig, type Config} from './config/config.js';
import {resolvePaths} from './config/paths.js';
import {DEFAULT_SETTINGS, type Settings} from './config/schema.js';
import type {CommandContext} from './commands/context.js';
import type {CommandIO} from './commands/types.js';
import {failed, isFailure, type Failure} from './failure.js';
import type {HttpClient} from './feeds/http-types.js';
import {createHttpClient} from './feeds/http.js';
import {recordingConfig} from './replicate/recording-config.js';
import {CacheCorruptError, CacheTooNewError} from './store/errors.js';
import {openStore} from './store/open.js';
import type {Store} from './store/types.js';
import {sanitizeLine} from './text/sanitize.js';
import {redactSecrets} from './accounts/secrets.js';
import {parseProtocol} from './images/detect.js';
import type {ImageLoader} from './images/load-image.js';
import type {ImageProtocol} from './images/types.js';
import {join} from 'node:path';

const VERSION = process.env.BLOGROLL_VERSION ?? '0.1.0';

function createContext(io: CommandIO): CommandContext {
	const paths = resolvePaths(io.env);
	let config: Config | Failure | undefined;
	let store: Store | Failure | undefined;
	let http: HttpClient | undefined;
	const context: CommandContext = {
		io,
		paths,
		config: () => (config ??= withRecording(openConfig(paths), () => context.store(), () => context.now())),
		store: () => (store ??= openCache(paths.cacheFile, io)),
		http: () => {
			if (!http) {
				const settings = context.config();
				http = createHttp(isFailure(settings) ? undefined : settings.settings());
			}
			return http;
		},
		now: () => new Date(),
	};
	return context;
}

/** Config writes recorded for sync (issue 15); a no-op while no sync folder is set. */
function withRecording(config: Config | Failure, store: () => Store | Failure, now: () => Date): Config | Failure {
	return isFailure(config) ? config : recordingConfig(config, store, now);
}

/** The one shared HTTP client, with the limits the user's settings ask for. */
function createHttp(settings: Settings | undefined): HttpClient {
	return createHttpClient(
		settings && {
			globalLimit: settings.concurrency,
			perHostLimit: settings.perHostConcurrency,
			totalTimeoutMs: settings.timeoutSeconds * 1000,
			maxBytes: Math.round(settings.maxFeedMegabytes * 1024 * 1024),
		},
	);
}

/**
 * A cache that SQLite cannot read is moved aside (never deleted) and a fresh one is
 * made; the subscriptions live in the config, so the next refresh refills it.
 */
function openCache(file: string, io: CommandIO): Store | Failure {
	try {
		mkdirSync(new URL('.', `file://${file}`).pathname, {recursive: true});
		// quick_check reads the whole file (~0.8 s at 100 000 entries): too slow for every
		// start. A file that is not a database still fails on the first statement.
		return openStore(file, {quickCheck: false});
	} catch (error) {
		if (error instanceof CacheTooNewError) return failed('cache-too-new', sanitizeLine(error.message));
		if (error instanceof CacheCorruptError) {
			const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
			try {
				renameSync(file, aside);
				for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
				io.stderr.write(`blogroll: the cache ${file} was damaged; moved it to ${aside} and started a new one (your subscriptions are safe; run blogroll refresh).\n`);
				return openStore(file, {quickCheck: false});
			} catch (retryError) {
				return failed('cache-unusable', `Cannot use the cache ${file}: ${describe(retryError)}`);
			}
		}
		return failed('cache-unusable', `Cannot open the cache ${file}: ${describe(error)}`);
	}
}

function describe(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (code === 'ENOSPC' || code === 'SQLITE_FULL') return 'the disk is full';
	if (code === 'EACCES' || code === 'EROFS' || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') return 'the directory is not writable';
	return sanitizeLine(error instanceof Error ? error.message : String(error));
}

function parsePositiveInteger(value: string): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number from 1 on');
	return number;
}

/** `--images`: a protocol or auto; anything else is refused with the choices. */
function parseImagesOption(value: string): ImageProtocol | 'auto' {
	const protocol = value.trim().toLowerCase() === 'auto' ? 'auto' : parseProtocol(value);
	if (protocol === null) throw new InvalidArgumentError(`"${sanitizeLine(value)}" is not one of auto, kitty, iterm, sixel, blocks, off`);
	return protocol;
}

/** images: the picture loader over the shared HTTP client, with its disk cache under the data dir. */
async function createImages(context: CommandContext, settings: Settings | null): Promise<ImageLoader> {
	const {createReaderImages} = await import('./images/reader-images.js');
	const cacheMegabytes = settings?.imageCacheMegabytes ?? DEFAULT_SETTINGS.imageCacheMegabytes;
	return createReaderImages({http: context.http, imagesDir: join(context.paths.dataDir, 'images'), cacheMegabytes});
}

/** The settings `read` follows; a config that cannot be read leaves the defaults. */
function readSettings(context: CommandContext): Settings | null {
	const config = context.config();
	return isFailure(config) ? null : config.settings();
}

function parseNumberList(value: string): number[] {
	const numbers = value.split(',').map(part => Number(part.trim()));
	if (numbers.length === 0 || numbers.some(number => !Number.isInteger(number) || number < 1)) throw new InvalidArgumentError('expected numbers from the list, e.g. 1,3,4');
	return numbers;
}

function collect(value: string, previous: string[] = []): string[] {
	return [...previous, value];
}

function buildProgram(context: CommandContext, setExitCode: (code: number) => void): Command {
	const program = new Command('blogroll')
		.description('A calm terminal reader for independent blogs (RSS, Atom, JSON Feed).\nWithout a command, opens the reader.')
		.version(VERSION, '-v, --version')
		.option('--verbose', 'show full error details')
		.showSuggestionAfterError(true)
		.configureOutput({
			writeOut: text => context.io.stdout.write(text),
			writeErr: text => context.io.stderr.write(text),
			outputError: (text, write) => write(`blogroll: ${sanitizeLine(text.replace(/^error: /, ''))}\n`),
		})
		.exitOverride();
	const run = (load: () => Promise<number>) => async () => setExitCode(await load());

	program.allowExcessArguments(true).action(async (_options: unknown, command: Command) => {
		const [unknown] = command.args;
		if (unknown !== undefined) {
			context.io.stderr.write(`blogroll: unknown command '${sanitizeLine(unknown)}' (see blogroll --help)\n`);
			setExitCode(1);
			return;
		}
		const {runReaderCommand} = await import('./commands/reader.js');
		setExitCode(await runReaderCommand(context));
	});
	program
		.command('add')
		.description('subscribe to a feed, or to the feeds a site links (discovery)')
		.argument('<url>', 'feed or site url')
		.option('--title <title>', 'your own title for the feed')
		.option('--tag <tag>', 'tag the feed (repeatable)', collect)
		.option('--pick <n>', 'which of several discovered feeds to subscribe to', parsePositiveInteger)
		.option('--no-backfill', "do not fetch the feed's older pages after subscribing")
		.option('--account <name>', 'subscribe on this feed server account (see blogroll account list)')
		.action(async (url: string, options: {title?: string; tag?: string[]; pick?: number; backfill?: boolean; account?: string}) => {
			const {runAdd} = await import('./commands/add.js');
			await run(() => runAdd({url, title: options.title, tags: options.tag, pick: options.pick, backfill: options.backfill !== false, ...(options.account === undefined ? {} : {account: options.account})}, context))();
		});
	program
		.command('remove')
		.alias('rm')
		.description('unsubscribe (by url, title or id from `blogroll list`)')
		.argument('<feed>', 'url, title or id')
		.action(async (feed: string) => {
			const {runRemove} = await import('./commands/remove.js');
			await run(() => runRemove({feed}, context))();
		});
	program
		.command('list')
		.alias('ls')
		.description('list subscriptions with unread counts and fetch state')
		.option('--json', 'print JSON')
		.action(async (options: {json?: boolean}) => {
			const {runList} = await import('./commands/list.js');
			await run(() => runList({json: options.json === true}, context))();
		});
	program
		.command('doctor')
		.description('why a feed is broken: every feed with a problem, or one feed in full with its last fetches')
		.argument('[feed]', 'url, title or id')
		.option('--json', 'print JSON')
		.action(async (feed: string | undefined, options: {json?: boolean}) => {
			const {runDoctor} = await import('./commands/doctor.js');
			await run(() => runDoctor({...(feed === undefined ? {} : {feed}), json: options.json === true}, context))();
		});
	program
		.command('refresh')
		.description('fetch due feeds (or the named ones) and cache new entries')
		.argument('[feeds...]', 'urls, titles or ids; default: all subscriptions')
		.option('--force', 'fetch every feed now, whatever its schedule')
		.option('--json', 'print the summary as JSON')
		.action(async (feeds: string[], options: {force?: boolean; json?: boolean}) => {
			const {runRefresh} = await import('./commands/refresh.js');
			await run(() => runRefresh({feeds, force: options.force === true, json: options.json === true}, context))();
		});
	program
		.command('backfill')
		.description("fetch a feed's older pages or archives into the cache (resumable)")
		.argument('<feed>', 'url, title or id')
		.option('--pages <n>', 'fetch at most n pages now (default: the backfillPages and backfillEntries settings)', parsePositiveInteger)
		.option('--all', 'fetch every page there is')
		.action(async (feed: string, options: {pages?: number; all?: boolean}) => {
			const {runBackfill} = await import('./commands/backfill.js');
			await run(() => runBackfill({feed, ...(options.pages === undefined ? {} : {pages: options.pages}), all: options.all === true}, context))();
		});
	program
		.command('import')
		.description('import subscriptions from OPML or blogroll JSON (feeds.example.json), or a blogroll published at a url')
		.argument('<file>', 'OPML or JSON file, or the url of a published OPML blogroll')
		.option('--all', 'a blogroll at a url: subscribe to every feed in it')
		.option('--pick <numbers>', 'a blogroll at a url: subscribe to these, e.g. 1,3,4', parseNumberList)
		.action(async (file: string, options: {all?: boolean; pick?: number[]}) => {
			const {runImport} = await import('./commands/import.js');
			await run(() => runImport({file, all: options.all === true, pick: options.pick}, context))();
		});
	program
		.command('export')
		.description('export subscriptions (your backup) as OPML 2.0 or JSON')
		.argument('[file]', 'write here instead of stdout')
		.addOption(new Option('--format <format>', 'opml or json (html with --blogroll)').default('opml'))
		.option('--blogroll', 'a blogroll to publish: OPML (or --format html) of the feeds not marked private')
		.option('--tag <tag>', 'with --blogroll: only feeds with this tag')
		.action(async (file: string | undefined, options: {format: string; blogroll?: boolean; tag?: string}) => {
			const {runExport} = await import('./commands/export.js');
			await run(() => runExport({file, format: options.format, blogroll: options.blogroll === true, tag: options.tag}, context))();
		});
	const suggestCommand = program
		.command('suggest')
		.description('sites to try: from the blogrolls and links of the blogs you follow, best first')
		.option('--json', 'print JSON')
		.option('--limit <n>', 'show at most n suggestions', parsePositiveInteger)
		.option('--refresh', 'look at every known site again (conditional requests)')
		.option('--dismissed', 'list the dismissed suggestions')
		.action(async (options: {json?: boolean; limit?: number; refresh?: boolean; dismissed?: boolean}) => {
			const {runSuggest} = await import('./commands/suggest.js');
			await run(() =>
				runSuggest({json: options.json === true, limit: options.limit, refresh: options.refresh === true, dismissed: options.dismissed === true}, context),
			)();
		});
	suggestCommand
		.command('dismiss')
		.description('never suggest this site again')
		.argument('<url>', 'site or feed url')
		.action(async (url: string) => {
			const {runSuggestDismiss} = await import('./commands/suggest.js');
			await run(() => runSuggestDismiss({url, undo: false}, context))();
		});
	suggestCommand
		.command('undismiss')
		.description('let a dismissed site be suggested again')
		.argument('<url>', 'site or feed url')
		.action(async (url: string) => {
			const {runSuggestDismiss} = await import('./commands/suggest.js');
			await run(() => runSuggestDismiss({url, undo: true}, context))();
		});
	suggestCommand
		.command('exclude')
		.description('never suggest this domain (adds it to the list of platforms, shops, media)')
		.argument('<domain>', 'e.g. example.com, or amazon.* for every country')
		.action(async (domain: string) => {
			const {runSuggestExclusion} = await import('./commands/suggest.js');
			await run(() => runSuggestExclusion({domain, exclude: true}, context))();
		});
	suggestCommand
		.command('include')
		.description('take a domain off the exclusion list')
		.argument('<domain>', 'e.g. github.com')
		.action(async (domain: string) => {
			const {runSuggestExclusion} = await import('./commands/suggest.js');
			await run(() => runSuggestExclusion({domain, exclude: false}, context))();
		});
	program
		.command('parse')
		.description('print a feed, normalized, as JSON (for debugging feeds)')
		.argument('<target>', 'file or url')
		.option('--json', 'print JSON (the only format)')
		.action(async (target: string) => {
			const {runParse} = await import('./commands/parse.js');
			await run(() => runParse({target}, context))();
		});
	program
		.command('read')
		.description('render one article (url or html file) as terminal text')
		.argument('<target>', 'url or html file')
		.option('--width <n>', 'columns', parsePositiveInteger)
		.option('--plain', 'no colours or styling')
		.option('--full', 'extract the main content (readability) even from a local file')
		.option('--no-pager', 'print directly, never through $PAGER')
		.option('--images <mode>', 'draw pictures: auto, kitty, iterm, sixel, blocks or off', parseImagesOption)
		.action(async (target: string, options: {width?: number; plain?: boolean; full?: boolean; pager: boolean; images?: ImageProtocol | 'auto'}) => {
			const {runRead} = await import('./commands/read.js');
			const settings = readSettings(context);
			const imageLoader = options.images === undefined || options.images === 'off' ? null : await createImages(context, settings);
			await run(() =>
				runRead(
					{target, width: options.width, plain: options.plain === true, full: options.full, pager: options.pager, images: options.images},
					{io: context.io, http: context.http(), settings, imageLoader},
				),
			)();
		});
	program
		.command('search')
		.description('find cached entries: words (title, author, text) or a query like `unread and tag:coaching`')
		.argument('<query...>', 'words or a query (see README, "Finding things")')
		.option('--json', 'print JSON')
		.option('--limit <n>', 'show at most n entries (default 20)', parsePositiveInteger)
		.option('--plain', 'no colours or styling')
		.action(async (query: string[], options: {json?: boolean; limit?: number; plain?: boolean}) => {
			const {runSearch} = await import('./commands/search.js');
			await run(() =>
				runSearch({query: query.join(' '), json: options.json === true, limit: options.limit ?? 20, plain: options.plain === true}, context),
			)();
		});
	const view = program.command('view').description('saved views: named queries shown in the reader');
	view
		.command('add')
		.description('save a query under a name (replaces a view of that name)')
		.argument('<name>', 'name of the view')
		.argument('<query...>', 'the query, e.g. "unread and tag:coaching"')
		.action(async (name: string, query: string[]) => {
			const {runViewAdd} = await import('./commands/view.js');
			await run(() => runViewAdd({name, query: query.join(' ')}, context))();
		});
	view
		.command('list')
		.alias('ls')
		.description('list saved views with unread and total counts')
		.option('--json', 'print JSON')
		.action(async (options: {json?: boolean}) => {
			const {runViewList} = await import('./commands/view.js');
			await run(() => runViewList({json: options.json === true}, context))();
		});
	view
		.command('remove')
		.alias('rm')
		.description('delete a saved view')
		.argument('<name>', 'name of the view')
		.action(async (name: string) => {
			const {runViewRemove} = await import('./commands/view.js');
			await run(() => runViewRemove({name}, context))();
		});
	const ignore = program.command('ignore').description('ignore rules: hide entries matching a query everywhere (reversible)');
	ignore
		.command('add')
		.description('hide entries matching a query, e.g. title:"Sponsored"')
		.argument('<query...>', 'the query')
		.action(async (query: string[]) => {
			const {runIgnoreAdd} = await import('./commands/ignore.js');
			await run(() => runIgnoreAdd({query: query.join(' ')}, context))();
		});
	ignore
		.command('list')
		.alias('ls')
		.description('list ignore rules, numbered, with how many entries each hides')
		.option('--json', 'print JSON')
		.action(async (options: {json?: boolean}) => {
			const {runIgnoreList} = await import('./commands/ignore.js');
			await run(() => runIgnoreList({json: options.json === true}, context))();
		});
	ignore
		.command('remove')
		.alias('rm')
		.description('delete an ignore rule by its number in `ignore list`')
		.argument('<n>', 'rule number', parsePositiveInteger)
		.action(async (number: number) => {
			const {runIgnoreRemove} = await import('./commands/ignore.js');
			await run(() => runIgnoreRemove({number}, context))();
		});
	program
		.command('tag')
		.description('add tags to a feed; --private keeps it out of your published blogroll')
		.argument('<feed>', 'url, title or id')
		.argument('[tags...]', 'one or more tags')
		.option('--private', 'keep the feed out of `export --blogroll`')
		.option('--public', 'share the feed in `export --blogroll` again')
		.action(async (feed: string, tags: string[], options: {private?: boolean; public?: boolean}) => {
			const {runTag} = await import('./commands/tag.js');
			if (options.private === true && options.public === true) {
				context.io.stderr.write('blogroll: --private and --public exclude each other\n');
				setExitCode(1);
				return;
			}
			const visibility = options.private === true ? 'private' : options.public === true ? 'public' : undefined;
			await run(() => runTag({feed, tags, visibility}, context))();
		});
	program
		.command('untag')
		.description('remove tags from a feed')
		.argument('<feed>', 'url, title or id')
		.argument('<tags...>', 'one or more tags')
		.action(async (feed: string, tags: string[]) => {
			const {runUntag} = await import('./commands/tag.js');
			await run(() => runUntag({feed, tags}, context))();
		});
	const feed = program.command('feed').description("one feed's own settings: interval, max-entries, user-agent, charset, full-article, paused");
	feed
		.command('set')
		.description('set one of the feed’s settings (interval 2h, max-entries 200, user-agent "…", charset windows-1252, full-article on, paused on)')
		.argument('<feed>', 'url, title or id')
		.argument('<key>', 'interval, max-entries, user-agent, charset, full-article or paused')
		.argument('<value...>', 'the new value')
		.option('--json', 'the settings afterwards as JSON')
		.action(async (name: string, key: string, value: string[], options: {json?: boolean}) => {
			const {runFeed} = await import('./commands/feed.js');
			await run(() => runFeed({action: 'set', feed: name, key, value: value.join(' '), json: options.json === true}, context))();
		});
	feed
		.command('unset')
		.description('bring one of the feed’s settings back to the default')
		.argument('<feed>', 'url, title or id')
		.argument('<key>', 'interval, max-entries, user-agent, charset, full-article or paused')
		.option('--json', 'the settings afterwards as JSON')
		.action(async (name: string, key: string, options: {json?: boolean}) => {
			const {runFeed} = await import('./commands/feed.js');
			await run(() => runFeed({action: 'unset', feed: name, key, json: options.json === true}, context))();
		});
	feed
		.command('show')
		.description('the feed’s settings, its own and the defaults')
		.argument('<feed>', 'url, title or id')
		.option('--json', 'as JSON')
		.action(async (name: string, options: {json?: boolean}) => {
			const {runFeed} = await import('./commands/feed.js');
			await run(() => runFeed({action: 'show', feed: name, json: options.json === true}, context))();
		});
	program
		.command('rename')
		.description('give a feed your own title (its url stays); "" restores the feed’s title')
		.argument('<feed>', 'url, title or id')
		.argument('<title...>', 'the new title')
		.action(async (feed: string, title: string[]) => {
			const {runRename} = await import('./commands/rename.js');
			await run(() => runRename({feed, title: title.join(' ')}, context))();
		});
	program
		.command('mark-read')
		.description('mark entries older than an age read, e.g. --older-than 30d')
		.requiredOption('--older-than <age>', 'age: 12h, 30d, 2w, 3m, 1y, or a date 2026-10-01')
		.option('--feed <feed>', 'only this feed (url, title or id)')
		.action(async (options: {olderThan: string; feed?: string}) => {
			const {runMarkRead} = await import('./commands/mark-read.js');
			await run(() => runMarkRead({olderThan: options.olderThan, feed: options.feed}, context))();
		});
	const syncCommand = program
		.command('sync')
		.description('sync with every feed server account, then through the synced folder (Syncthing, Nextcloud, git) if one is set')
		.option('--dir <folder>', 'the synced folder to use (remembered)')
		.option('--json', 'print what was sent and received as JSON')
		.action(async (options: {dir?: string; json?: boolean}) => {
			const {runSync} = await import('./commands/sync.js');
			await run(() => runSync({dir: options.dir, json: options.json === true}, context))();
		});
	syncCommand
		.command('status')
		.description('devices seen in the sync folder, when each last wrote, what waits')
		.option('--json', 'print JSON')
		.action(async (options: {json?: boolean}) => {
			const {runSyncStatus} = await import('./commands/sync.js');
			// `sync` has a --json of its own, which commander gives the parent when both could take it.
			await run(() => runSyncStatus({json: options.json === true || syncCommand.opts<{json?: boolean}>().json === true}, context))();
		});
	// Feed server accounts (issue 16).
	const account = program.command('account').description('feed server accounts (Tiny Tiny RSS, Google Reader API, Nextcloud News)');
	account
		.command('add')
		.description('add an account; the password is checked by logging in before anything is saved')
		.argument('<kind>', 'ttrss, greader or nextcloud')
		.argument('<url>', "the server's url")
		.requiredOption('--user <name>', 'the user name on the server')
		.option('--password-file <file>', 'read the password from a file (- reads stdin); else it is asked for on a terminal')
		.option('--name <name>', "the account's name in blogroll (default: the server's host)")
		.action(async (kind: string, url: string, options: {user: string; passwordFile?: string; name?: string}) => {
			const {runAccountAdd} = await import('./commands/account.js');
			await run(() => runAccountAdd({kind, url, user: options.user, ...(options.passwordFile === undefined ? {} : {passwordFile: options.passwordFile}), ...(options.name === undefined ? {} : {name: options.name})}, context))();
		});
	account
		.command('list')
		.alias('ls')
		.description('accounts with their feeds, last sync and last error (never the password)')
		.option('--json', 'print JSON')
		.action(async (options: {json?: boolean}) => {
			const {runAccountList} = await import('./commands/account.js');
			await run(() => runAccountList({json: options.json === true}, context))();
		});
	account
		.command('remove')
		.alias('rm')
		.description('remove an account and its stored password')
		.argument('<name>', 'the account (see blogroll account list)')
		.option('--keep-feeds', "keep the account's feeds as local subscriptions")
		.option('--drop-feeds', "remove the account's feeds and their entries")
		.action(async (name: string, options: {keepFeeds?: boolean; dropFeeds?: boolean}) => {
			const {runAccountRemove} = await import('./commands/account.js');
			if (options.keepFeeds === true && options.dropFeeds === true) {
				context.io.stderr.write('blogroll: --keep-feeds and --drop-feeds exclude each other\n');
				setExitCode(1);
				return;
			}
			const feeds = options.keepFeeds === true ? 'keep' : options.dropFeeds === true ? 'drop' : undefined;
			await run(() => runAccountRemove({name, ...(feeds === undefined ? {} : {feeds})}, context))();
		});
	program
		.command('paths')
		.description('show where the config and the cache are')
		.action(async () => {
			const {runPaths} = await import('./commands/paths.js');
			await run(() => runPaths(context))();
		});
	return program;
}

/**
 * The reader of our output went away (`blogroll list | head`): end quietly, as `git log | head`
 * does. Without stdout nothing more can be shown, so the command ends there (exit 0); without
 * stderr the command goes on, its messages unseen. Other write errors stay errors.
 */
function endQuietlyWhenPipesClose(): void {
	const isClosedPipe = (error: NodeJS.ErrnoException) => error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED';
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (!isClosedPipe(error)) throw error;
		process.exit(process.exitCode ?? 0);
	});
	process.stderr.on('error', (error: NodeJS.ErrnoException) => {
		if (!isClosedPipe(error)) throw error;
	});
}

async function main(argv: readonly string[]): Promise<number> {
	endQuietlyWhenPipesClose();
	const io: CommandIO = {stdout: process.stdout, stderr: process.stderr, env: process.env};
	const verbose = argv.includes('--verbose') || process.env['BLOGROLL_DEBUG'] === '1';
	let exitCode = 0;
	const context = createContext(io);
	try {
		await buildProgram(context, code => (exitCode = code)).parseAsync([...argv], {from: 'user'});
	} catch (error) {
		if (error instanceof CommanderError) {
			// --help and --version end here too, with exit code 0.
			return error.exitCode;
		}
		// Account passwords read by this process are blanked here too (accounts/secrets.ts).
		io.stderr.write(`blogroll: unexpected error: ${redactSecrets(describe(error))}${verbose ? '' : ' (details: --verbose or BLOGROLL_DEBUG=1)'}\n`);
		if (verbose && error instanceof Error && error.stack) io.stderr.write(`${redactSecrets(error.stack)}\n`);
		return 70;
	}
	return exitCode;
}

process.exitCode = await main(process.argv.slice(2));
