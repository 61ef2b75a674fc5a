import {join} from 'node:path';
import {createAppServices} from '../app-services.js';
import {isFailure} from '../failure.js';
import {detectLanguage, detectLocale} from '../ui/strings.js';
import {reportError, type CommandContext} from './context.js';

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
	const services = createAppServices({config, store, http: context.http, env: io.env, language, syncLockFile, imagesDir: join(context.paths.dataDir, 'images')});
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
		});
		// On quit, what was read in this session goes to the folder (issue 15).
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
