import {existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {configValidatorCode} from '../../scripts/config-validator-code.js';
import {openConfig, type Config} from '../../source/config/config.js';
import {resolvePaths} from '../../source/config/paths.js';
import {isFailure} from '../../source/failure.js';

function temporaryHome(): string {
	return mkdtempSync(join(tmpdir(), 'blogroll-config-'));
}

function open(home: string): Config {
	const config = openConfig(resolvePaths({BLOGROLL_HOME: home}));
	if (isFailure(config)) throw new Error(config.message);
	return config;
}

const subscription = {url: 'https://kreidezeit.example/feed/', title: null, tags: ['Coaching'], fullArticle: false, addedAt: '2026-11-01T00:00:00.000Z'};

describe('paths', () => {
	it('BLOGROLL_HOME puts config and cache in one directory', () => {
		const paths = resolvePaths({BLOGROLL_HOME: '/tmp/x'});
		expect(paths.configFile).toBe('/tmp/x/config.json');
		expect(paths.cacheFile).toBe('/tmp/x/cache.db');
	});

	it('follows the XDG directories, else ~/.config and ~/.local/share', () => {
		expect(resolvePaths({XDG_CONFIG_HOME: '/c', XDG_DATA_HOME: '/d'}, '/home/u')).toMatchObject({configFile: '/c/blogroll/config.json', cacheFile: '/d/blogroll/cache.db'});
		expect(resolvePaths({}, '/home/u')).toMatchObject({
			configFile: '/home/u/.config/blogroll/config.json',
			cacheFile: '/home/u/.local/share/blogroll/cache.db',
		});
	});
});

describe('config', () => {
	it('keeps subscriptions across openings and fills in default settings', () => {
		const home = temporaryHome();
		open(home).addSubscription(subscription);
		const again = open(home);
		expect(again.subscriptions()).toEqual([subscription]);
		expect(again.settings().refreshIntervalMinutes).toBe(30);
	});

	it('moves a subscription to a new url without touching its tags', () => {
		const config = open(temporaryHome());
		config.addSubscription(subscription);
		config.updateSubscription(subscription.url, {url: 'https://kreidezeit.example/neu/feed/'});
		expect(config.subscriptions()).toEqual([{...subscription, url: 'https://kreidezeit.example/neu/feed/'}]);
	});

	it('reports a hand-broken config with its path and leaves the file as it was', () => {
		const home = temporaryHome();
		const file = join(home, 'config.json');
		const broken = '{"subscriptions": [{"url": "https://a.example/feed"},]}';
		writeFileSync(file, broken);
		const result = openConfig(resolvePaths({BLOGROLL_HOME: home}));
		expect(isFailure(result)).toBe(true);
		expect(isFailure(result) && result.message).toContain(file);
		expect(readFileSync(file, 'utf8')).toBe(broken);
	});

	it('rejects a config that breaks the schema instead of replacing it with defaults', () => {
		const home = temporaryHome();
		const file = join(home, 'config.json');
		writeFileSync(file, JSON.stringify({subscriptions: 'none'}));
		const result = openConfig(resolvePaths({BLOGROLL_HOME: home}));
		expect(isFailure(result) && result.reason).toBe('config-corrupt');
		expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({subscriptions: 'none'});
	});

	it('backs up the previous file before the first change', () => {
		const home = temporaryHome();
		open(home).addSubscription(subscription);
		const config = open(home);
		config.removeSubscription(subscription.url);
		const backup = join(home, 'config.json.bak');
		expect(existsSync(backup)).toBe(true);
		expect(JSON.parse(readFileSync(backup, 'utf8')).subscriptions).toHaveLength(1);
		expect(config.subscriptions()).toEqual([]);
	});

	it('leaves a hand-written file with missing keys exactly as written when opening it', () => {
		const home = temporaryHome();
		const file = join(home, 'config.json');
		const handWritten = '{\n  "subscriptions": [ {"url": "https://kreidezeit.example/feed/", "tags": ["Coaching"]} ]\n}\n';
		writeFileSync(file, handWritten);
		const config = open(home);
		expect(config.subscriptions().map(each => each.url)).toEqual(['https://kreidezeit.example/feed/']);
		expect(config.views()).toEqual([]);
		expect(readFileSync(file, 'utf8')).toBe(handWritten);
		expect(existsSync(join(home, 'config.json.bak'))).toBe(false);
	});

	it('names every field that breaks the schema, in the words of the check', () => {
		const home = temporaryHome();
		writeFileSync(join(home, 'config.json'), JSON.stringify({settings: {readingWidth: 5, language: 'fr'}, subscriptions: [{url: ''}]}));
		const result = openConfig(resolvePaths({BLOGROLL_HOME: home}));
		expect(isFailure(result) && result.message).toContain(
			'Config schema violation: `settings/readingWidth` must be >= 20; `settings/language` must be equal to one of the allowed values; `subscriptions/0/url` must NOT have fewer than 1 characters',
		);
	});

	it('refuses to save what breaks the schema and leaves the file as it was', () => {
		const home = temporaryHome();
		const config = open(home);
		config.addSubscription(subscription);
		const before = readFileSync(join(home, 'config.json'), 'utf8');
		expect(() => config.setViews([{name: '', query: 'unread'}])).toThrow('Config schema violation: `views/0/name` must NOT have fewer than 1 characters');
		expect(readFileSync(join(home, 'config.json'), 'utf8')).toBe(before);
		expect(config.views()).toEqual([]);
	});

	it('sees a change made beside it (another blogroll command, an editor) on the next read', () => {
		const home = temporaryHome();
		const file = join(home, 'config.json');
		const anHourAgo = new Date(Date.now() - 3_600_000);
		open(home).addSubscription(subscription);
		utimesSync(file, anHourAgo, anHourAgo);
		const reader = open(home);
		expect(reader.subscriptions()).toEqual([subscription]);
		// Another command rewrites the file (atomically: a new file under the same name).
		open(home).updateSubscription(subscription.url, {tags: ['Führung']});
		expect(reader.subscriptions()[0]?.tags).toEqual(['Führung']);
		utimesSync(file, anHourAgo, anHourAgo);
		expect(reader.subscriptions()[0]?.tags).toEqual(['Führung']);
		// An editor writing in place, the same number of bytes.
		writeFileSync(file, readFileSync(file, 'utf8').replace('Führung', 'Fuehrung'));
		expect(reader.subscriptions()[0]?.tags).toEqual(['Fuehrung']);
	});

	it('checks the schema with a validator generated from the current schema (npx tsx scripts/generate-config-validator.ts)', () => {
		const generated = readFileSync(new URL('../../source/config/config-validator.generated.ts', import.meta.url), 'utf8');
		expect(generated).toBe(configValidatorCode());
	});
});
