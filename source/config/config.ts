import {copyFileSync, existsSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import Conf from 'conf';
import {failed, type Failure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import type {BlogrollPaths} from './paths.js';
import {CONFIG_SCHEMA, DEFAULT_SETTINGS, type SavedView, type Settings, type Subscription} from './schema.js';
import {assertValidConfig} from './validate-config.js';
import {parseAccount, type AccountSettings} from '../accounts/account-settings.js';

/** Settings and subscriptions, stored in config.json through conf (schema-validated, atomic writes). */
export interface Config {
	readonly path: string;
	settings(): Settings;
	/** Changes the named settings, keeping the others as the file has them. */
	updateSettings(patch: Partial<Settings>): void;
	subscriptions(): readonly Subscription[];
	findSubscription(url: string): Subscription | undefined;
	addSubscription(subscription: Subscription): void;
	/** Returns false when no subscription has that url. */
	removeSubscription(url: string): boolean;
	/** Patch one subscription; `url` in the patch moves it (a permanent redirect). */
	updateSubscription(url: string, patch: Partial<Subscription>): boolean;
	views(): readonly SavedView[];
	setViews(views: readonly SavedView[]): void;
	ignoreRules(): readonly string[];
	setIgnoreRules(rules: readonly string[]): void;
	// Feed server accounts (issue 16).
	/** The valid accounts, in file order; see accountProblems for the others. */
	accounts(): readonly AccountSettings[];
	/** One line for each entry of `accounts` that is not a usable account (it stays in the file as it is). */
	accountProblems(): readonly string[];
	addAccount(account: AccountSettings): void;
	/** Returns false when no account has that name. */
	removeAccount(name: string): boolean;
}

type ConfStore = {
	settings: Partial<Settings>;
	subscriptions: Subscription[];
	views: SavedView[];
	ignore: string[];
	accounts?: unknown[];
};

/**
 * Opens config.json, creating it when missing. A file that is not valid JSON or does not
 * match the schema is reported with its path and the parse error, and left untouched:
 * blogroll never replaces a user's subscriptions with defaults.
 */
export function openConfig(paths: BlogrollPaths): Config | Failure {
	let conf: Conf<ConfStore>;
	// conf rewrites the file on open when its store lacks a default key. Our check fills those
	// in as it reads, so this does not happen today; should a conf upgrade change that, the
	// user's own text is kept as config.json.bak.
	const openedAt = Date.now();
	const versionBefore = fileVersion(paths.configFile);
	// conf reads, parses and validates the file once on open: its text is what a backup would
	// keep, and its parse serves the first read (~4 ms at 2 000 subscriptions) when the file
	// is still the version seen before.
	let textOnOpen: string | undefined;
	let parsedOnOpen: ConfStore | undefined;
	try {
		conf = new Conf<ConfStore>({
			projectName: 'blogroll',
			cwd: paths.configDir,
			configName: 'config',
			// The schema is checked where conf would check it (every read, every write), by a
			// validator generated ahead of time: conf's `schema` option compiles it with ajv on
			// every start (~35 ms of the reader's first frame).
			defaults: SCHEMA_DEFAULTS,
			deserialize: text => {
				textOnOpen ??= text;
				const data: unknown = JSON.parse(text);
				assertValidConfig(data);
				parsedOnOpen ??= data as ConfStore;
				return data as ConfStore;
			},
			serialize: value => {
				assertValidConfig(value);
				return JSON.stringify(value, undefined, '\t');
			},
			clearInvalidConfig: false,
			accessPropertiesByDotNotation: false,
		});
	} catch (error) {
		const detail = sanitizeLine(error instanceof Error ? error.message : String(error));
		const code = (error as NodeJS.ErrnoException | undefined)?.code;
		const why = code === undefined ? undefined : FILE_SYSTEM_TROUBLE[code];
		if (why !== undefined) {
			return failed('config-unwritable', `Cannot use the config directory ${sanitizeLine(paths.configDir)}: ${why}`);
		}
		return failed('config-corrupt', `Config file ${paths.configFile} is broken (${detail}); fix it or move it aside. blogroll has not changed it.`);
	}
	const versionAfter = fileVersion(paths.configFile);
	const isUnchanged = versionBefore !== null && versionAfter !== null && versionBefore.id === versionAfter.id;
	// An unchanged file version needs no second read to tell that conf left the text alone.
	if (textOnOpen !== undefined && !isUnchanged && readIfExists(paths.configFile) !== textOnOpen) {
		writeBackup(paths.configFile, textOnOpen);
		return new ConfConfig(conf, paths.configFile, true);
	}
	const config = new ConfConfig(conf, paths.configFile);
	if (isUnchanged && parsedOnOpen !== undefined) config.seed(openedAt, versionAfter, parsedOnOpen);
	return config;
}

/** The top-level defaults that conf takes from a schema's `default`s. */
const SCHEMA_DEFAULTS = Object.fromEntries(Object.entries(CONFIG_SCHEMA).map(([key, schema]) => [key, schema.default])) as unknown as ConfStore;

/** Errors of the file system (not of the file's content), as the user should read them. */
const FILE_SYSTEM_TROUBLE: Readonly<Record<string, string>> = {
	EACCES: 'no permission',
	EPERM: 'no permission',
	EROFS: 'the file system is read-only',
	ENOSPC: 'the disk is full',
	EDQUOT: 'the disk quota is exhausted',
	ENOTDIR: 'a part of its path is a file, not a directory',
	EISDIR: 'config.json is a directory',
	ELOOP: 'too many symbolic links in its path',
	ENAMETOOLONG: 'its path is too long',
};

function readIfExists(file: string): string | null | undefined {
	try {
		return readFileSync(file, 'utf8');
	} catch (error) {
		// Missing is normal (first start); unreadable is reported by conf itself.
		return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
	}
}

function writeBackup(file: string, text: string): void {
	try {
		writeFileSync(`${file}.bak`, text);
	} catch {
		// The rewrite has happened already; a missing backup must not stop blogroll.
	}
}

class ConfConfig implements Config {
	#backedUp: boolean;
	/** The file as last read, and the identity of that file version (see #read). */
	#cached: {readonly version: string; readonly store: ConfStore} | null = null;

	constructor(
		private readonly conf: Conf<ConfStore>,
		readonly path: string,
		/** True when the user's original text is in config.json.bak already. */
		backedUp = false,
	) {
		this.#backedUp = backedUp;
	}

	settings(): Settings {
		return {...DEFAULT_SETTINGS, ...this.#read().settings};
	}

	updateSettings(patch: Partial<Settings>): void {
		this.write('settings', {...this.#read().settings, ...patch});
	}

	subscriptions(): readonly Subscription[] {
		return this.#read().subscriptions.map(normalizeSubscription);
	}

	findSubscription(url: string): Subscription | undefined {
		return this.subscriptions().find(subscription => subscription.url === url);
	}

	addSubscription(subscription: Subscription): void {
		this.write('subscriptions', [...this.subscriptions(), subscription]);
	}

	removeSubscription(url: string): boolean {
		const all = this.subscriptions();
		const kept = all.filter(subscription => subscription.url !== url);
		if (kept.length === all.length) return false;
		this.write('subscriptions', kept);
		return true;
	}

	updateSubscription(url: string, patch: Partial<Subscription>): boolean {
		let found = false;
		const updated = this.subscriptions().map(subscription => {
			if (subscription.url !== url) return subscription;
			found = true;
			return {...subscription, ...patch};
		});
		if (found) this.write('subscriptions', mergeSameUrl(updated));
		return found;
	}

	views(): readonly SavedView[] {
		return this.#read().views;
	}

	setViews(views: readonly SavedView[]): void {
		this.write('views', [...views]);
	}

	ignoreRules(): readonly string[] {
		return this.#read().ignore;
	}

	setIgnoreRules(rules: readonly string[]): void {
		this.write('ignore', [...rules]);
	}

	accounts(): readonly AccountSettings[] {
		return (this.#read().accounts ?? []).map(parseAccount).filter((parsed): parsed is AccountSettings => typeof parsed !== 'string');
	}

	accountProblems(): readonly string[] {
		return (this.#read().accounts ?? []).map((entry, index) => parseAccount(entry, index)).filter((parsed): parsed is string => typeof parsed === 'string');
	}

	addAccount(account: AccountSettings): void {
		// The raw entries: a broken one (edited by hand) is kept for the user to fix.
		this.write('accounts', [...(this.#read().accounts ?? []), {...account}]);
	}

	removeAccount(name: string): boolean {
		const all = this.#read().accounts ?? [];
		const kept = all.filter(entry => {
			const parsed = parseAccount(entry);
			return typeof parsed === 'string' || parsed.name !== name;
		});
		if (kept.length === all.length) return false;
		this.write('accounts', kept);
		return true;
	}

	/** The file as conf parsed it on open, valid for that version of the file (see #read). */
	seed(readAt: number, version: FileVersion, store: ConfStore): void {
		this.#remember(readAt, version, store);
	}

	/**
	 * conf reads, parses and validates the whole file on every get (~3 ms each with 2 000
	 * subscriptions, several per reader start); a stat tells whether it changed since: an
	 * edit beside blogroll (another command, an editor) is still seen on the next access.
	 */
	#read(): ConfStore {
		const readAt = Date.now();
		const version = fileVersion(this.path);
		if (version !== null && this.#cached?.version === version.id) return this.#cached.store;
		const store = this.conf.store;
		this.#remember(readAt, version, store);
		return store;
	}

	#remember(readAt: number, version: FileVersion | null, store: ConfStore): void {
		// A file changed within the last second may change again within the same tick of a
		// coarse file-system clock, keeping its stat: such a file is read again next time.
		this.#cached = version !== null && readAt - version.modifiedAt > 1000 ? {version: version.id, store} : null;
	}

	private write<K extends keyof ConfStore>(key: K, value: ConfStore[K]): void {
		// Keep the last good file beside the new one: a bug in a later version (or a
		// mistaken command) can then be undone by hand.
		if (!this.#backedUp && existsSync(this.path)) {
			copyFileSync(this.path, `${this.path}.bak`);
			this.#backedUp = true;
		}
		this.#cached = null;
		this.conf.set(key, value);
	}
}

interface FileVersion {
	readonly id: string;
	readonly modifiedAt: number;
}

/**
 * `id` changes with every write of the file: atomic writes (conf's) give a new inode, edits
 * in place a new mtime or size.
 */
function fileVersion(file: string): FileVersion | null {
	try {
		const stat = statSync(file, {bigint: true});
		return {id: `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`, modifiedAt: Number(stat.mtimeMs)};
	} catch {
		return null;
	}
}

/**
 * A move onto a url that is already subscribed (two feeds redirected to one) would leave
 * two subscriptions with one identity: they become one, at the first one's place, keeping
 * what the user gave either (tags of both, the first title set, full-article mode if any).
 */
function mergeSameUrl(subscriptions: readonly Subscription[]): Subscription[] {
	const byUrl = new Map<string, Subscription>();
	for (const subscription of subscriptions) {
		const kept = byUrl.get(subscription.url);
		byUrl.set(
			subscription.url,
			kept === undefined
				? subscription
				: {
						...kept,
						title: kept.title ?? subscription.title,
						tags: [...new Set([...kept.tags, ...subscription.tags])],
						fullArticle: kept.fullArticle || subscription.fullArticle,
					},
		);
	}
	return [...byUrl.values()];
}

function normalizeSubscription(raw: Partial<Subscription> & {url: string}): Subscription {
	return {
		url: raw.url,
		title: typeof raw.title === 'string' && raw.title !== '' ? raw.title : null,
		tags: Array.isArray(raw.tags) ? raw.tags : [],
		fullArticle: raw.fullArticle === true,
		addedAt: typeof raw.addedAt === 'string' ? raw.addedAt : new Date(0).toISOString(),
		// Only a private feed carries the flag, so that config.json stays as it was for the rest.
		...(raw.private === true ? {private: true} : {}),
		// images: likewise only a feed whose pictures always load carries it.
		...(raw.images === 'always' ? {images: 'always' as const} : {}),
		// Per-feed settings, likewise only where set.
		...(typeof raw.refreshIntervalMinutes === 'number' ? {refreshIntervalMinutes: raw.refreshIntervalMinutes} : {}),
		...(typeof raw.maxEntries === 'number' ? {maxEntries: raw.maxEntries} : {}),
		...(typeof raw.userAgent === 'string' && raw.userAgent !== '' ? {userAgent: raw.userAgent} : {}),
		...(typeof raw.charset === 'string' && raw.charset !== '' ? {charset: raw.charset} : {}),
		...(raw.paused === true ? {paused: true} : {}),
		// Feed server accounts (issue 16): only a feed that comes from an account carries them.
		...(typeof raw.account === 'string' && raw.account !== '' ? {account: raw.account} : {}),
		...(typeof raw.account === 'string' && raw.account !== '' && typeof raw.remoteId === 'string' ? {remoteId: raw.remoteId} : {}),
	};
}
