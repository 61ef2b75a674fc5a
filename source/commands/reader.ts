import {join} from 'node:path';
import {createAppServices} from '../app-services.js';
import {isFailure} from '../failure.js';
import {detectLanguage, detectLocale} from '../ui/strings.js';
import type {ImageProtocol} from '../images/types.js';
import type {GraphicsLayer} from '../images/graphics-layer.js';
import {reportError, type CommandContext} from './context.js';
import type {Config} from '../config/config.js';
import type {Store} from '../store/types.js';
import type {AccountSyncDeps} from '../use-cases/sync-accounts.js';

/** The longest the reader waits on quit for the account sync (a server down must not hold the terminal). */
const QUIT_SYNC_MS = 10_000;

function delay(ms: number): Promise<void> {
	return new Promise(resolve => setTimeout(resolve, ms).unref());
}

async function accountSyncDeps(context: CommandContext, config: Config, store: Store): Promise<Omit<AccountSyncDeps, 'config' | 'store'>> {
	const {accountDeps} = await import('./account.js');
	const {config: _config, store: _store, ...rest} = accountDeps(context, config, store);
	return {...rest, lockDir: context.paths.dataDir};
}

/** `blogroll` with no command: the interactive reader on the local cache. */
export async function runReaderCommand(context: CommandContext): Promise<number> {
	const {io} = context;
	if (!process.stdin.isTTY || !process.stdout.isTTY) {
		return reportError(io, 'the reader needs a terminal; for scripts use blogroll list, refresh or read');
	}
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);
	const settings = config.settings();
	const language = detectLanguage(io.env, settings.language === 'auto' ? null : settings.language);
	const syncLockFile = join(context.paths.dataDir, 'sync.lock');
	const graphics = settings.images === 'off' ? null : await createGraphics(io.env, settings.imageProtocol);
	// accounts (issue 16): the reader syncs them too; nothing of them loads without accounts.
	const accounts = config.accounts().length === 0 ? undefined : await accountSyncDeps(context, config, store);
	const services = createAppServices({config, store, http: context.http, env: io.env, language, syncLockFile, imagesDir: join(context.paths.dataDir, 'images'), graphics, ownProcess: true, ...(accounts === undefined ? {} : {accounts})});
	// Ink draws only a final frame when it believes it runs in CI (CI=true, read once when
	// Ink loads). The reader is only ever started on a terminal, so it is interactive.
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
	const {runReader} = await import('../ui/run-reader.js');
	try {
		await runReader(services, {
			columns: process.stdout.columns || 80,
			rows: process.stdout.rows || 24,
			language,
			locale: detectLocale(io.env, language),
			color: io.env['NO_COLOR'] === undefined,
			refreshOnStart: true,
			graphics,
		});
		// On quit, what was read in this session goes to the accounts (issue 16), within a bounded wait…
		if (accounts !== undefined && services.syncAccounts !== undefined) {
			const finished = await Promise.race([services.syncAccounts(), delay(QUIT_SYNC_MS).then(() => false as const)]);
			// What did not go out waits in the cache for the next sync: said in one line per account.
			if (finished !== false) {
				for (const error of finished?.errors ?? []) reportError(io, `${error.account}: ${error.message} (your changes wait for the next sync)`);
			} else {
				reportError(io, `the account sync did not finish within ${QUIT_SYNC_MS / 1000} s; blogroll sync sends the rest (nothing is lost)`);
				// A server that does not answer must not keep the terminal: the queue is in the cache,
				// and a page is stored with its cursor in one transaction, so stopping here loses nothing.
				store.close();
				process.exit(1);
			}
		}
		// …and to the folder (issue 15).
		const settings = config.settings();
		if (settings.syncDir !== '' && settings.syncOnStart) {
			const {syncFolder} = await import('../use-cases/sync-folder.js');
			const synced = syncFolder({config, store, now: () => context.now(), lockFile: syncLockFile});
			if (isFailure(synced)) reportError(io, synced.message);
		}
	} finally {
		store.close();
	}
	return 0;
}

/**
 * images: the layer that draws kitty, iTerm2 or sixel pictures in the reader, or null for
 * half-blocks. Inside tmux, asks tmux whether it passes sequences through; for sixel, asks the
 * terminal its cell size (without an answer the pictures' size is unknown: blocks).
 */
async function createGraphics(env: Readonly<Record<string, string | undefined>>, chosen: ImageProtocol | 'auto'): Promise<GraphicsLayer | null> {
	const {detectReaderProtocol} = await import('../images/detect.js');
	const {readTmuxPassthrough, queryCellSize} = await import('../images/terminal-info.js');
	// Ask tmux (a child process before the first frame) only when its answer matters: kitty
	// pictures from a kitty or Ghostty outside; every other terminal gets half-blocks in tmux anyway.
	const ifPassedThrough = detectReaderProtocol(env, chosen, {tmuxPassthrough: true});
	const mustAsk = ifPassedThrough.tmux && ifPassedThrough.protocol === 'kitty';
	const {protocol, tmux} = mustAsk ? detectReaderProtocol(env, chosen, {tmuxPassthrough: await readTmuxPassthrough()}) : ifPassedThrough;
	if (protocol !== 'kitty' && protocol !== 'iterm' && protocol !== 'sixel') return null;
	const cell = protocol === 'sixel' ? await queryCellSize(process.stdin, process.stdout) : undefined;
	if (cell === null) return null;
	const {createGraphicsLayer} = await import('../images/graphics-layer.js');
	return createGraphicsLayer({protocol, tmux, cell});
}
