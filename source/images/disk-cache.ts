import {createHash} from 'node:crypto';
import {mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile} from 'node:fs/promises';
import {join} from 'node:path';

/**
 * Image bytes on disk, one file per url (named by its SHA-256), least recently used out
 * first when the directory passes `maxBytes`: a file's mtime is its last use. Every
 * failure (a full disk, a read-only home) only means no cache: pictures load again.
 */
export class ImageDiskCache {
	private pending: Promise<void> = Promise.resolve();

	constructor(
		private readonly directory: string,
		private readonly maxBytes: number,
	) {}

	private pathOf(url: string): string {
		return join(this.directory, createHash('sha256').update(url).digest('hex'));
	}

	/** The cached bytes of a url, marked as just used; null when not cached. */
	async read(url: string): Promise<Buffer | null> {
		const path = this.pathOf(url);
		try {
			const bytes = await readFile(path);
			const now = new Date();
			await utimes(path, now, now).catch(() => undefined);
			return bytes;
		} catch {
			return null;
		}
	}

	/** Stores the bytes (atomically: a temp file renamed), then trims the cache to its size. */
	async write(url: string, bytes: Uint8Array): Promise<void> {
		if (bytes.length > this.maxBytes) return;
		const path = this.pathOf(url);
		try {
			await mkdir(this.directory, {recursive: true});
			const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
			await writeFile(temporary, bytes);
			await rename(temporary, path);
		} catch {
			return;
		}
		// One trim at a time: parallel writes would each list and delete the same files.
		this.pending = this.pending.then(() => this.trim()).catch(() => undefined);
		await this.pending;
	}

	private async trim(): Promise<void> {
		const names = await readdir(this.directory);
		const files = await Promise.all(
			names.map(async name => {
				try {
					const info = await stat(join(this.directory, name));
					return info.isFile() ? {name, size: info.size, used: info.mtimeMs} : null;
				} catch {
					return null;
				}
			}),
		);
		const present = files.filter(file => file !== null).sort((a, b) => a.used - b.used);
		let total = present.reduce((sum, file) => sum + file.size, 0);
		for (const file of present) {
			if (total <= this.maxBytes) break;
			await unlink(join(this.directory, file.name)).catch(() => undefined);
			total -= file.size;
		}
	}
}
