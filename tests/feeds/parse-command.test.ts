import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {CommandContext} from '../../source/commands/context.js';
import {runParse} from '../../source/commands/parse.js';

/** `blogroll parse <file>` in-process: what it prints on stdout and stderr, and its exit code. */
async function parseFile(name: string, content: string): Promise<{code: number; stdout: string; stderr: string}> {
	const folder = mkdtempSync(join(tmpdir(), 'blogroll-parse-'));
	writeFileSync(join(folder, name), content);
	let stdout = '';
	let stderr = '';
	const context = {
		io: {stdout: {write: (text: string) => (stdout += text)}, stderr: {write: (text: string) => (stderr += text)}, env: {}},
		http: () => {
			throw new Error('a file needs no network');
		},
	} as unknown as CommandContext;
	const previous = process.cwd();
	process.chdir(folder);
	try {
		const code = await runParse({target: name}, context);
		return {code, stdout, stderr};
	} finally {
		process.chdir(previous);
	}
}

describe('blogroll parse <file>', () => {
	it.each([
		['kaputt.xml', '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Halb</title><item><wp$thumb>bild.jpg</wp$thumb></item></channel></rss>', /^blogroll: kaputt\.xml could not be parsed: /],
		['startseite.xml', '<!DOCTYPE html><html><body><p>Willkommen bei „Kreidezeit“</p></body></html>', /^blogroll: startseite\.xml is not a feed \(it looks like an HTML page\)\n$/],
		['leer.xml', '   \n', /^blogroll: leer\.xml is not a feed \(the document is empty\)\n$/],
	])('names the file once, not its folder, when %s cannot be read as a feed', async (name, content, expected) => {
		const result = await parseFile(name, content);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(expected);
		expect(result.stderr).not.toContain('file://');
		expect(result.stderr.split(name)).toHaveLength(2);
	});

});
