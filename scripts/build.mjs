// Bundles source/cli.tsx into dist/ with esbuild. One bundle starts far faster than
// hundreds of unbundled ESM files; code the first frame does not need stays behind
// dynamic import() and lands in its own chunk (splitting).
import {build} from 'esbuild';
import {chmodSync, existsSync, readFileSync, renameSync, rmSync} from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Build beside dist/ and swap it in: several builds at once (tests, the demo, a
// developer) never see a half-written or missing dist/cli.js.
const dist = new URL('../dist', import.meta.url).pathname;
const staging = `${dist}.build-${process.pid}`;
rmSync(staging, {recursive: true, force: true});

await build({
	entryPoints: ['source/cli.tsx'],
	outdir: staging,
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
chmodSync(`${staging}/cli.js`, 0o755);
const old = `${dist}.old-${process.pid}`;
if (existsSync(dist)) renameSync(dist, old);
renameSync(staging, dist);
rmSync(old, {recursive: true, force: true});
