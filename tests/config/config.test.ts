import {mkdtempSync, readFileSync, writeFileSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
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
});
