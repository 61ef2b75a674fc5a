import {rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/text/width.js';
import {makeHome, runCli} from '../helpers/cli.js';

// `blogroll read` as a user runs it (dist/cli.js): the settings come from the config file.
const ARTICLE = join(import.meta.dirname, '..', 'fixtures', 'articles', 'langer-blogpost.html');
const GERMAN_PAGE = join(import.meta.dirname, '..', 'fixtures', 'articles', 'seite-mit-navigation.html');
const homes: string[] = [];

function home(settings?: Record<string, unknown>): string {
	const directory = makeHome();
	homes.push(directory);
	if (settings) writeFileSync(join(directory, 'config.json'), JSON.stringify({settings}));
	return directory;
}

const widest = (text: string) => Math.max(...text.split('\n').map((line) => displayWidth(line)));

afterEach(() => {
	for (const directory of homes.splice(0)) rmSync(directory, {recursive: true, force: true});
});

describe('blogroll read from the command line', () => {
	it('follows the readingWidth setting of the config file, and --width over it', async () => {
		const directory = home({readingWidth: 50});
		const bySetting = await runCli(['read', '--plain', ARTICLE], {home: directory});
		expect(bySetting.code).toBe(0);
		expect(widest(bySetting.stdout)).toBeLessThanOrEqual(50);
		expect(widest(bySetting.stdout)).toBeGreaterThan(44);
		const byFlag = await runCli(['read', '--plain', '--width', '120', ARTICLE], {home: directory});
		expect(widest(byFlag.stdout)).toBeGreaterThan(100);
		expect(byFlag.stderr).toBe('');
	});

	it('says in one line on stderr that a width below 20 is raised', async () => {
		const result = await runCli(['read', '--plain', '--width', '8', ARTICLE], {home: home()});
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('blogroll: --width 8 is too narrow to lay out an article; using 20 columns\n');
		expect(widest(result.stdout)).toBeLessThanOrEqual(20);
	});

	it('labels FAQ questions in the language setting, not the article’s', async () => {
		const english = await runCli(['read', '--plain', GERMAN_PAGE], {home: home({language: 'en'}), env: {LANG: 'de_DE.UTF-8'}});
		expect(english.stdout).toMatch(/^Q: Was kostet ein Coaching bei dir\?/m);
		const german = await runCli(['read', '--plain', GERMAN_PAGE], {home: home(), env: {LANG: 'de_DE.UTF-8'}});
		expect(german.stdout).toMatch(/^F: Was kostet ein Coaching bei dir\?/m);
	});
});
