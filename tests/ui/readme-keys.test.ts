import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {KEYMAP, labelKey} from '../../source/ui/keymap.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's reader section, up to the next heading. */
function readerSection(): string {
	const start = README.indexOf('## The reader');
	expect(start).toBeGreaterThanOrEqual(0);
	const end = README.indexOf('\n## ', start + 1);
	return README.slice(start, end < 0 ? undefined : end);
}

describe('the README’s key table', () => {
	test('names every key of the keymap', () => {
		const section = readerSection();
		const missing = KEYMAP.flatMap(binding =>
			binding.command === 'typeDigit' ? (section.includes('`0–9`') ? [] : ['0–9']) : binding.keys.map(name => labelKey(name)).filter(label => !section.includes(`\`${label}\``)),
		);
		expect(missing).toEqual([]);
	});

	test('names no key the keymap does not have', () => {
		const known = new Set(KEYMAP.flatMap(binding => binding.keys.map(name => labelKey(name))));
		known.add('0–9');
		const table = readerSection().split('\n').filter(line => line.startsWith('| `'));
		const named = table.flatMap(line => [...(line.split(' | ')[0] ?? '').matchAll(/`([^`]+)`/g)].map(match => match[1]!));
		expect(named.filter(label => !known.has(label))).toEqual([]);
	});
});
