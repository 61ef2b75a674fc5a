import {chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {openCredentials} from '../../source/accounts/credentials.js';
import {isFailure} from '../../source/failure.js';

const PASSWORD = 'Sommer-2026-„Kreide“-ÄÖÜ';
const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
});

function credentialsIn(options: {useKeyring?: boolean} = {}) {
	const dir = mkdtempSync(join(tmpdir(), 'blogroll-credentials-'));
	dirs.push(dir);
	const file = join(dir, 'credentials.json');
	return {file, credentials: openCredentials({file, useKeyring: options.useKeyring ?? false})};
}

describe('stored passwords', () => {
	it('without a keyring, keeps them in credentials.json that only the user can read', async () => {
		const {file, credentials} = credentialsIn();
		expect(await credentials.set('ttrss-home', PASSWORD)).toBe('file');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(await credentials.get('ttrss-home')).toEqual({password: PASSWORD, place: 'file'});
		expect(await credentials.get('other')).toBeNull();
	});

	it('falls back to the file when the system keyring cannot be used (this machine, CI)', async () => {
		const {credentials} = credentialsIn({useKeyring: true});
		const place = await credentials.set('ttrss-home', PASSWORD);
		// A machine with a working Secret Service keeps it there; this one has none.
		expect(['keyring', 'file']).toContain(place);
		expect((await credentials.get('ttrss-home'))?.valueOf()).toMatchObject({password: PASSWORD});
		await credentials.remove('ttrss-home');
		expect(await credentials.get('ttrss-home')).toBeNull();
	});

	it('refuses a file others can read, with a clear line that does not show what is in it', async () => {
		const {file, credentials} = credentialsIn();
		await credentials.set('ttrss-home', PASSWORD);
		chmodSync(file, 0o644);
		const read = await credentials.get('ttrss-home');
		expect(isFailure(read) && read.message).toBe(`${file} can be read by other users (mode 644); run chmod 600 ${file}, and change the passwords in it if others use this machine`);
	});

	it('a damaged file is one line that never quotes its text', async () => {
		const {file, credentials} = credentialsIn();
		writeFileSync(file, `{"version": 1, "passwords": {"a": "${PASSWORD}"`, {mode: 0o600});
		const read = await credentials.get('a');
		expect(isFailure(read) && read.message).toBe(`${file} is not valid JSON; fix it or delete it (and add the accounts again)`);
		expect(JSON.stringify(read)).not.toContain('Sommer');
	});

	it('removing the last password deletes the file; removing one keeps the others', async () => {
		const {file, credentials} = credentialsIn();
		await credentials.set('a', 'eins');
		await credentials.set('b', 'zwei');
		await credentials.remove('a');
		expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({version: 1, passwords: {b: 'zwei'}});
		await credentials.remove('b');
		expect(() => statSync(file)).toThrow();
	});
});
