import {readFileSync, readdirSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, expect, it} from 'vitest';

const root = join(import.meta.dirname, '..', 'source');

function sourceFiles(directory: string): string[] {
	return readdirSync(directory, {withFileTypes: true}).flatMap(entry => {
		const path = join(directory, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.tsx?$/.test(entry.name) ? [path] : [];
	});
}

/** Value imports (type-only imports are erased and allowed) with the module they name. */
function valueImports(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const specifiers: string[] = [];
	for (const match of text.matchAll(/^\s*import\s+(?!type\b)([^'"]*?)\s*from\s*['"]([^'"]+)['"]/gm)) {
		specifiers.push(match[2]!);
	}
	for (const match of text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) specifiers.push(match[1]!);
	for (const match of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specifiers.push(match[1]!);
	return specifiers;
}

function layerOf(file: string, specifier: string): string {
	if (!specifier.startsWith('.')) return specifier;
	const target = relative(root, join(file, '..', specifier));
	return target.split('/')[0]!;
}

const rules: Record<string, readonly string[]> = {
	ui: ['feeds', 'sync', 'store', 'extract', 'config', 'commands', 'use-cases', 'better-sqlite3', 'rss-parser', 'node:fs', 'node:http', 'fs', 'http', 'conf'],
	feeds: ['store', 'ui', 'sync', 'config', 'commands', 'better-sqlite3'],
	render: ['store', 'ui', 'sync', 'config', 'commands', 'feeds', 'better-sqlite3'],
	query: ['store', 'ui', 'sync', 'config', 'commands', 'feeds', 'render', 'better-sqlite3'],
	text: ['store', 'ui', 'sync', 'config', 'commands', 'feeds', 'render', 'better-sqlite3'],
	// Pictures: fetch through the HTTP client it is given (a type), decode, encode; no store, no UI, no config.
	images: ['store', 'ui', 'sync', 'config', 'commands', 'use-cases', 'extract', 'feeds', 'better-sqlite3'],
	store: ['ui', 'sync', 'feeds', 'commands', 'config', 'render', 'extract'],
	// Use cases are shared by the CLI and the reader: they know neither.
	'use-cases': ['commands', 'ui', 'app-services.ts', 'cli.tsx'],
};

/** Every import of a file, type-only ones included. */
function allImports(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/(?:^\s*import\s[^'"]*?from\s*|import\(\s*)['"]([^'"]+)['"]/gm)].map(match => match[1]!);
}

describe('architecture', () => {
	for (const [layer, forbidden] of Object.entries(rules)) {
		it(`source/${layer} imports nothing from ${forbidden.join(', ')}`, () => {
			const offences: string[] = [];
			for (const file of sourceFiles(join(root, layer))) {
				for (const specifier of valueImports(file)) {
					const target = layerOf(file, specifier);
					if (forbidden.includes(target)) offences.push(`${relative(root, file)} imports ${specifier}`);
				}
			}
			expect(offences).toEqual([]);
		});
	}

	it('source/app-services.ts reaches the shared logic through use-cases, never through commands', () => {
		const file = join(root, 'app-services.ts');
		const offences = allImports(file).filter(specifier => layerOf(file, specifier) === 'commands');
		expect(offences).toEqual([]);
		expect(allImports(file).map(specifier => layerOf(file, specifier))).toContain('use-cases');
	});

	it('source/use-cases imports nothing from commands or ui, not even types', () => {
		const offences: string[] = [];
		for (const file of sourceFiles(join(root, 'use-cases'))) {
			for (const specifier of allImports(file)) {
				if (['commands', 'ui'].includes(layerOf(file, specifier))) offences.push(`${relative(root, file)} imports ${specifier}`);
			}
		}
		expect(offences).toEqual([]);
	});

	it('finds the imports it checks (the rule above can fail)', () => {
		const cli = join(root, 'cli.tsx');
		expect(valueImports(cli).map(specifier => layerOf(cli, specifier))).toContain('store');
	});
});
