/**
 * What the reader's start loads from the built bundle (dist/, built by `npm test`): the
 * first frame must not wait for code it never runs (see scripts/build.mjs).
 */
import {execFileSync} from 'node:child_process';
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';

const DIST = join(import.meta.dirname, '..', '..', 'dist');

describe('the bundle', () => {
	it('loads Ink’s layout engine without Node’s fetch (undici, http2)', () => {
		const chunk = readdirSync(join(DIST, 'chunks')).find(name => /^run-reader-[\w-]+\.js$/.test(name));
		expect(chunk).toBeDefined();
		const script = `await import(${JSON.stringify(join(DIST, 'chunks', chunk!))});
			await new Promise(resolve => setTimeout(resolve, 50));
			console.log(JSON.stringify(process.moduleLoadList.filter(name => /undici|http2/.test(name))));`;
		const loaded = execFileSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8', env: {PATH: process.env['PATH'], CI: 'true'}});
		expect(JSON.parse(loaded)).toEqual([]);
	});

	it('carries conf without its schema compiler (config.json is checked by a generated validator)', () => {
		// esbuild marks each bundled module with a `// node_modules/…` comment, in whichever chunk it lands.
		const files = ['cli.js', ...readdirSync(join(DIST, 'chunks')).filter(name => name.endsWith('.js')).map(name => join('chunks', name))];
		const bundled = files.map(file => readFileSync(join(DIST, file), 'utf8')).join('\n');
		expect(bundled).toContain('// node_modules/conf/');
		expect(bundled).not.toContain('// node_modules/ajv/dist/core.js');
		expect(bundled).not.toContain('// node_modules/semver/');
	});
});
