// Bundles source/cli.tsx into dist/ with esbuild. One bundle starts far faster than
// hundreds of unbundled ESM files; code the first frame does not need stays behind
// dynamic import() and lands in its own chunk (splitting).
import {build} from 'esbuild';
import {readFileSync, rmSync} from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});

await build({
	entryPoints: ['source/cli.tsx'],
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	jsx: 'automatic',
	sourcemap: 'linked',
	// Native addon: must be loaded from node_modules, never bundled.
	external: ['better-sqlite3', 'react-devtools-core'],
	define: {
		'process.env.BLOGROLL_VERSION': JSON.stringify(pkg.version),
		'process.env.NODE_ENV': '"production"',
	},
	banner: {
		// Bundled CommonJS dependencies (rss-parser, iconv-lite) still call require().
		js: "import {createRequire as __blogrollCreateRequire} from 'node:module'; const require = __blogrollCreateRequire(import.meta.url);",
	},
	chunkNames: 'chunks/[name]-[hash]',
	logLevel: 'warning',
	legalComments: 'none',
});

// The bin must be executable when run straight from a clone (node_modules/.bin links it too).
const {chmodSync} = await import('node:fs');
chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755);
