/**
 * Where account passwords are kept (issue 16): the system keyring (Secret Service, macOS
 * Keychain, Windows Credential Manager, through @napi-rs/keyring) when there is one, else
 * credentials.json beside config.json, readable by the user alone (mode 0600; a file others
 * can read is refused, not used). A password is never printed, logged or put in a message:
 * every message here names the file or the account, never what it holds (not even a JSON
 * parser's error, which quotes the text it choked on).
 */
import {chmodSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync} from 'node:fs';
import {failed, isFailure, type Failure} from '../failure.js';
import {rememberSecret} from './secrets.js';

/** Where one account's password is. */
export type PasswordPlace = 'keyring' | 'file';

export interface StoredPassword {
	readonly password: string;
	readonly place: PasswordPlace;
}

export interface Credentials {
	/** The account's password; null when none is stored. */
	get(account: string): Promise<StoredPassword | null | Failure>;
	/** Stores it (the keyring first); returns where it went. */
	set(account: string, password: string): Promise<PasswordPlace | Failure>;
	/** Deletes it wherever it is; nothing stored is no failure. */
	remove(account: string): Promise<void | Failure>;
}

export interface CredentialsOptions {
	/** credentials.json (beside config.json). */
	readonly file: string;
	/** False: never the keyring (BLOGROLL_KEYRING=off; tests, so that they never touch a developer's keyring). */
	readonly useKeyring: boolean;
}

/** The keyring's service name: entries show as "blogroll" in a keyring manager. */
const SERVICE = 'blogroll';

interface KeyringEntry {
	getPassword(): string | null;
	setPassword(password: string): void;
	deletePassword(): boolean;
}

type KeyringModule = {Entry: new (service: string, account: string) => KeyringEntry};

export function openCredentials(options: CredentialsOptions): Credentials {
	let keyring: Promise<KeyringModule | null> | undefined;
	// The native module loads on first use only (never at the reader's start).
	const loadKeyring = () =>
		(keyring ??= options.useKeyring ? import('@napi-rs/keyring').then(module => module as unknown as KeyringModule).catch(() => null) : Promise.resolve(null));
	const entry = async (account: string): Promise<KeyringEntry | null> => {
		const module = await loadKeyring();
		if (module === null) return null;
		try {
			return new module.Entry(SERVICE, account);
		} catch {
			return null;
		}
	};
	return {
		async get(account) {
			const key = await entry(account);
			if (key !== null) {
				try {
					const password = key.getPassword();
					if (typeof password === 'string' && password !== '') {
						rememberSecret(password);
						return {password, place: 'keyring'};
					}
				} catch {
					// No usable keyring ("Couldn't access platform storage"): the file is next.
				}
			}
			const file = readCredentialsFile(options.file);
			if (isFailure(file)) return file;
			const password = file[account];
			if (typeof password !== 'string' || password === '') return null;
			rememberSecret(password);
			return {password, place: 'file'};
		},
		async set(account, password) {
			rememberSecret(password);
			const key = await entry(account);
			if (key !== null) {
				try {
					key.setPassword(password);
					// Stored in the keyring: an older copy in the file must not shadow it.
					const removed = removeFromFile(options.file, account);
					if (isFailure(removed)) return removed;
					return 'keyring';
				} catch {
					// "Couldn't access platform storage" (no Secret Service, a locked keychain, CI): the file.
				}
			}
			const file = readCredentialsFile(options.file);
			if (isFailure(file)) return file;
			const written = writeCredentialsFile(options.file, {...file, [account]: password});
			return isFailure(written) ? written : 'file';
		},
		async remove(account) {
			const key = await entry(account);
			if (key !== null) {
				try {
					key.deletePassword();
				} catch {
					// Nothing there, or no keyring.
				}
			}
			const removed = removeFromFile(options.file, account);
			return isFailure(removed) ? removed : undefined;
		},
	};
}

function removeFromFile(path: string, account: string): void | Failure {
	const file = readCredentialsFile(path);
	if (isFailure(file)) return file;
	if (!(account in file)) return;
	const {[account]: _removed, ...rest} = file;
	if (Object.keys(rest).length > 0) return writeCredentialsFile(path, rest);
	try {
		unlinkSync(path);
	} catch (error) {
		return failed('credentials-unwritable', `Cannot delete ${path}: ${code(error)}`);
	}
}

/** Account name → password; an empty map when the file does not exist. */
export function readCredentialsFile(path: string): Record<string, string> | Failure {
	let mode: number;
	try {
		mode = statSync(path).mode;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
		return failed('credentials-unreadable', `Cannot read ${path}: ${code(error)}`);
	}
	// Group or others may read it (copied around, restored from a backup): refused, never used.
	if ((mode & 0o077) !== 0) {
		return failed('credentials-exposed', `${path} can be read by other users (mode ${(mode & 0o777).toString(8)}); run chmod 600 ${path}, and change the passwords in it if others use this machine`);
	}
	let data: unknown;
	try {
		data = JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		// Never the parser's message: it quotes the file's text, passwords included.
		return failed('credentials-corrupt', error instanceof SyntaxError ? `${path} is not valid JSON; fix it or delete it (and add the accounts again)` : `Cannot read ${path}: ${code(error)}`);
	}
	const passwords = typeof data === 'object' && data !== null ? (data as {passwords?: unknown}).passwords : undefined;
	if (typeof passwords !== 'object' || passwords === null || Array.isArray(passwords)) return failed('credentials-corrupt', `${path} is not a blogroll credentials file; fix it or delete it`);
	return Object.fromEntries(Object.entries(passwords).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
}

function writeCredentialsFile(path: string, passwords: Record<string, string>): void | Failure {
	const temporary = `${path}.${process.pid}.tmp`;
	try {
		// Created 0600 (and set again: a umask can only take bits away, chmod makes sure), then moved
		// over the old file: the password is never in a file others could read, not for a moment.
		writeFileSync(temporary, `${JSON.stringify({version: 1, passwords}, null, '\t')}\n`, {mode: 0o600, flag: 'w'});
		chmodSync(temporary, 0o600);
		renameSync(temporary, path);
	} catch (error) {
		try {
			unlinkSync(temporary);
		} catch {
			// Not created.
		}
		return failed('credentials-unwritable', `Cannot write ${path}: ${code(error)}`);
	}
}

function code(error: unknown): string {
	const value = (error as NodeJS.ErrnoException | undefined)?.code;
	if (value === 'EACCES' || value === 'EPERM') return 'no permission';
	if (value === 'ENOSPC') return 'the disk is full';
	if (value === 'EROFS') return 'the file system is read-only';
	return value ?? 'unknown error';
}
