import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {parseFeed} from '../../source/feeds/parse.js';

// Golden files: the whole normalized output of every fixture feed. After a deliberate
// change, `UPDATE_GOLDEN=1 npx vitest run tests/feeds` rewrites them; review the diff.
const feedsDirectory = fileURLToPath(new URL('../fixtures/feeds/', import.meta.url));
const goldenDirectory = fileURLToPath(new URL('../fixtures/golden/', import.meta.url));
const update = process.env['UPDATE_GOLDEN'] === '1';

// Where each fixture was "fetched" from: relative links resolve against it.
const FEED_URLS: Readonly<Record<string, string>> = {
	'missing-ids.xml': 'https://gartenplanung-brandt.de/feed/',
	'html-page.html': 'https://coaching-beck.de/feed/',
	'empty.txt': 'https://coaching-beck.de/feed/',
};
const DEFAULT_FEED_URL = 'https://blog.beispiel.de/feed/';

const fixtures = readdirSync(feedsDirectory).sort();

describe('parseFeed golden files', () => {
	it('has a fixture for every feed kind the parser promises to read', () => {
		expect(fixtures.length).toBeGreaterThanOrEqual(18);
	});

	it.each(fixtures)('parses %s as recorded in its golden file', async (name) => {
		const text = readFileSync(feedsDirectory + name, 'utf8');
		const result = await parseFeed(text, FEED_URLS[name] ?? DEFAULT_FEED_URL);
		const goldenPath = `${goldenDirectory}${name.replace(/\.[^.]+$/, '')}.json`;
		const actual = `${JSON.stringify(result, null, '\t')}\n`;
		if (update || !existsSync(goldenPath)) {
			if (!update) throw new Error(`missing golden file ${goldenPath}: run with UPDATE_GOLDEN=1`);
			writeFileSync(goldenPath, actual);
		}
		expect(actual).toBe(readFileSync(goldenPath, 'utf8'));
	});
});
