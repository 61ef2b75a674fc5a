import {describe, expect, it} from 'vitest';
import {entryKey, target} from '../../source/replicate/operations.js';

describe('entry names', () => {
	it('names an entry exactly as journals already written name it (feed url and guid, hashed)', () => {
		// Computed with the Hash object the first version used: sha256(url, "\n", guid), base64url, 22 characters.
		expect(entryKey('https://www.jörg-coaching.de/feed/', 'https://www.jörg-coaching.de/?p=4711')).toBe('PDSo6I25TNDo209hN6KKv2');
		expect(target.entry('https://www.jörg-coaching.de/feed/', 'https://www.jörg-coaching.de/?p=4711')).toBe('entry:PDSo6I25TNDo209hN6KKv2');
	});

	it('gives different entries of one feed, and one guid in two feeds, different names', () => {
		const feed = 'https://beratung.example/feed/';
		expect(entryKey(feed, 'tag:beratung.example,2026:1')).not.toBe(entryKey(feed, 'tag:beratung.example,2026:2'));
		expect(entryKey(feed, 'gleich')).not.toBe(entryKey('https://andere.example/feed/', 'gleich'));
	});
});
