/**
 * The sync folder's edge: listing, reading, appending whole lines, atomic snapshots, and
 * the per-device lock. Every failure is a value naming the folder and what went wrong.
 */
import {closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {failed, type Failure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {classifyFolderEntry, type FolderEntry} from './journal.js';

const TROUBLE: Readonly<Record<string, string>> = {
	ENOENT: 'it does not exist',
	ENOTDIR: 'it is not a folder',
	EACCES: 'no permission',
	EPERM: 'no permission',
	EROFS: 'it is on a read-only file system',
	ENOSPC: 'the disk is full',
	EDQUOT: 'the disk quota is exhausted',
	EIO: 'the disk reported an input/output error',
};

/** One line: the folder, and what went wrong with it. */
export function folderFailure(folder: string, error: unknown): Failure {
	const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
	const why = TROUBLE[code] ?? sanitizeLine(error instanceof Error ? error.message : String(error));
	return failed('sync-folder', `Cannot use the sync folder ${sanitizeLine(folder)}: ${why}. Nothing was lost: your changes wait in the cache for the next sync.`, {
		url: sanitizeLine(folder),
		code,
	});
}

export interface ListedFile {
	readonly name: string;
	readonly entry: Exclude<FolderEntry, {kind: 'other'}>;
	readonly size: number;
	readonly modifiedMs: number;
}

/** Our files in the folder (conflict copies included), or why the folder cannot be read. */
export function listFolder(folder: string): ListedFile[] | Failure {
	try {
		if (!statSync(folder).isDirectory()) return folderFailure(folder, Object.assign(new Error('not a folder'), {code: 'ENOTDIR'}));
		const files: ListedFile[] = [];
		for (const name of readdirSync(folder)) {
			const entry = classifyFolderEntry(name);
			if (entry.kind === 'other') continue;
			try {
				const stat = statSync(join(folder, name));
				if (stat.isFile()) files.push({name, entry, size: stat.size, modifiedMs: stat.mtimeMs});
			} catch {
				// Gone between listing and looking (the sync tool replaced it): next time.
			}
		}
		return files.sort((a, b) => (a.name < b.name ? -1 : 1));
	} catch (error) {
		return folderFailure(folder, error);
	}
}

/** The file's bytes, or null when it vanished meanwhile. */
export function readWhole(file: string): Buffer | null {
	try {
		return readFileSync(file);
	} catch {
		return null;
	}
}

/**
 * Appends whole lines and waits until they are on the disk. A write that fails leaves at
 * most a partial last line, which every reader skips until it is whole, and which the next
 * append ends with a newline first.
 */
export function appendLines(file: string, text: string, headerIfNew: string): void {
	let fd: number;
	let prefix = '';
	try {
		fd = openSync(file, 'wx');
		prefix = headerIfNew;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		fd = openSync(file, 'a+');
		const size = statSync(file).size;
		if (size > 0) {
			const last = Buffer.alloc(1);
			// A write cut short earlier (a full disk) left a line without its newline: end it,
			// so that the next line is whole. The cut line itself is skipped by readers.
			const readFd = openSync(file, 'r');
			try {
				readSyncAt(readFd, last, size - 1);
			} finally {
				closeSync(readFd);
			}
			if (last[0] !== 0x0a) prefix = '\n';
		}
	}
	try {
		writeAll(fd, prefix + text);
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

function readSyncAt(fd: number, buffer: Buffer, position: number): void {
	readSync(fd, buffer, 0, buffer.length, position);
}

function writeAll(fd: number, text: string): void {
	const bytes = Buffer.from(text, 'utf8');
	let written = 0;
	while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}

/** Write, fsync, rename: readers (and sync tools) see the old file or the new one, never half. */
export function writeAtomically(file: string, text: string): void {
	const temporary = join(dirname(file), `.${file.split(/[\\/]/).pop()}.${process.pid}.tmp`);
	try {
		const fd = openSync(temporary, 'w');
		try {
			writeAll(fd, text);
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
		renameSync(temporary, file);
	} catch (error) {
		rmSync(temporary, {force: true});
		throw error;
	}
	try {
		const directory = openSync(dirname(file), 'r');
		try {
			fsyncSync(directory);
		} finally {
			closeSync(directory);
		}
	} catch {
		// Some file systems cannot fsync a directory; the rename is done either way.
	}
}

/**
 * One sync at a time per device: a lock file beside the cache (never in the synced folder,
 * where it would travel). A lock left by a process that is gone is taken over.
 */
export function acquireLock(file: string): (() => void) | Failure {
	mkdirSync(dirname(file), {recursive: true});
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(file, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			return () => rmSync(file, {force: true});
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return failed('sync-lock', `Cannot take the sync lock ${sanitizeLine(file)}: ${sanitizeLine((error as Error).message)}`);
			const holder = Number.parseInt(readWhole(file)?.toString('utf8') ?? '', 10);
			if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
				return failed('sync-busy', `Another blogroll (process ${holder}) is syncing this profile; try again when it is done`, {count: holder});
			}
			rmSync(file, {force: true});
		}
	}
	return failed('sync-busy', 'Another blogroll is syncing this profile; try again when it is done');
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
