/** `blogroll read` of a page with a 1 MB <title> and <h1>: both cut like feed titles (issue 6, bounded work). */
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {makeHome, runBlogroll} from './support.js';

describe('read of an article with a 1 MB title', () => {
	it('shows the title cut to a sane length', {timeout: 60_000}, async () => {
		const home = makeHome();
		const file = join(home, 'lang.html');
		writeFileSync(
			file,
			`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${'Überlänge '.repeat(100_000)}</title></head><body><article><h1>${'Straßenbahn'.repeat(100_000)}</h1><p>Kurzer Text über Größe.</p></article></body></html>`,
		);
		const result = await runBlogroll(['read', '--plain', '--width', '80', file], {home});
		expect(result.code).toBe(0);
		// 1 000 characters of title and of heading are 13 lines each at 80 columns; allow some more.
		expect(result.stdout.split('\n').length).toBeLessThan(60);
		expect(result.stdout).toContain('Kurzer Text über Größe.');
	});
});
