import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createAppServices} from '../../source/app-services.js';
import type {Config} from '../../source/config/config.js';
import type {Failure} from '../../source/failure.js';
import type {Store} from '../../source/store/types.js';
import {startDetached} from '../../source/processes/start-child.js';

const URL = 'https://kreidezeit.example/2026/11/mentoring-fuer-fuehrungskraefte/';

let emptyBin: string;
let savedPath: string | undefined;

beforeEach(() => {
	// A PATH with nothing on it: no xdg-open, no browser, as over SSH or in a container.
	emptyBin = mkdtempSync(join(tmpdir(), 'blogroll-no-opener-'));
	savedPath = process.env['PATH'];
	process.env['PATH'] = emptyBin;
});

afterEach(() => {
	process.env['PATH'] = savedPath;
	rmSync(emptyBin, {recursive: true, force: true});
});

/** Services whose only job here is opening urls: config and store are never touched. */
function servicesWith(env: Record<string, string>) {
	return createAppServices({config: {} as Config, store: {} as Store, http: () => { throw new Error('no http'); }, env, language: 'de'});
}

describe('opening a link in the browser', () => {
	it('is a failure naming the url, not a crash, when $BROWSER is unset and there is no system opener', async () => {
		const result = await servicesWith({PATH: emptyBin}).openUrl(URL);
		expect(result).toMatchObject({kind: 'failed', reason: 'open-failed'});
		expect((result as Failure).message).toContain(`Could not open a browser for ${URL}`);
	});

	it('is a failure when $BROWSER names a program that does not exist', async () => {
		const result = await servicesWith({PATH: emptyBin, BROWSER: 'firefox-gibt-es-nicht'}).openUrl(URL);
		expect(result).toMatchObject({kind: 'failed', reason: 'open-failed'});
		expect((result as Failure).message).toContain('ENOENT');
	});

	it('succeeds with a $BROWSER that starts', async () => {
		expect(await servicesWith({PATH: emptyBin, BROWSER: '/bin/true'}).openUrl(URL)).toBeUndefined();
	});
});

describe('startDetached', () => {
	it('reports a program that is not there as not started, with its errno code', async () => {
		expect(await startDetached('kein-solches-programm', [], {env: {PATH: emptyBin}})).toMatchObject({kind: 'not-started', code: 'ENOENT'});
	});

	it('reports an opener that gives up at once (non-zero exit) as not started', async () => {
		expect(await startDetached('/bin/sh', ['-c', 'exit 3'])).toMatchObject({kind: 'not-started', code: '3'});
	});

	it('counts a program still running after the grace period as started', async () => {
		expect(await startDetached('/bin/sleep', ['2'], {graceMs: 100})).toBeUndefined();
	});
});
