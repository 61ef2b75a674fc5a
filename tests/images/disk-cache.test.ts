import {mkdtempSync, readdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {ImageDiskCache} from '../../source/images/disk-cache.js';

describe('image disk cache', () => {
	it('keeps the cache under its size by dropping the least recently used picture', async () => {
		const directory = mkdtempSync(join(tmpdir(), 'blogroll-image-cache-'));
		const cache = new ImageDiskCache(directory, 2500);
		await cache.write('https://example.org/eins.jpg', Buffer.alloc(1000, 1));
		await sleep(20);
		await cache.write('https://example.org/zwei.jpg', Buffer.alloc(1000, 2));
		await sleep(20);
		// Reading „eins“ makes it the most recently used: „zwei“ goes when „drei“ arrives.
		expect((await cache.read('https://example.org/eins.jpg'))?.[0]).toBe(1);
		await sleep(20);
		await cache.write('https://example.org/drei.jpg', Buffer.alloc(1000, 3));
		expect(readdirSync(directory)).toHaveLength(2);
		expect(await cache.read('https://example.org/zwei.jpg')).toBeNull();
		expect((await cache.read('https://example.org/eins.jpg'))?.[0]).toBe(1);
		expect((await cache.read('https://example.org/drei.jpg'))?.[0]).toBe(3);
	});

	it('a cache it cannot write to is no cache, not an error', async () => {
		// The data dir's place is taken by a file: nothing can be made under it.
		const file = join(mkdtempSync(join(tmpdir(), 'blogroll-image-cache-')), 'kein-ordner');
		writeFileSync(file, 'ich bin eine Datei');
		const cache = new ImageDiskCache(join(file, 'images'), 1000);
		await expect(cache.write('https://example.org/a.png', Buffer.alloc(10))).resolves.toBeUndefined();
		expect(await cache.read('https://example.org/a.png')).toBeNull();
	});
});
