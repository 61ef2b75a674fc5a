// Bundles source/cli.tsx into dist/ with esbuild. One bundle starts far faster than
// hundreds of unbundled ESM files; code the first frame does not need stays behind
// dynamic import() and lands in its own chunk (splitting).
import {build} from 'esbuild';
import {chmodSync, existsSync, readFileSync, renameSync, rmSync} from 'node:fs';
import {readFile} from 'node:fs/promises';

/**
 * conf imports ajv, ajv-formats and semver at its top, but uses them only for a `schema`
 * (ajv) or `migrations` (semver) option. blogroll passes neither: its schema is checked by
 * a validator generated ahead of time (source/config/validate-config.ts). Parsing and
 * evaluating them cost every start ~25 ms, so conf gets stand-ins that fail loudly if an
 * option that needs them is ever given (every test that opens a config would show it).
 */
const NOT_BUNDLED = "throw new Error('blogroll bundles conf without ajv and semver: see scripts/build.mjs')";
const CONF_STAND_INS = {
	'ajv/dist/2020.js': `export class Ajv2020 { constructor() { ${NOT_BUNDLED}; } }`,
	'ajv-formats': `export default {default() { ${NOT_BUNDLED}; }};`,
	semver: `export default new Proxy({}, {get() { ${NOT_BUNDLED}; }});`,
};

const confWithoutSchemaCompiler = {
	name: 'conf-without-schema-compiler',
	setup(build) {
		const filter = new RegExp(`^(${Object.keys(CONF_STAND_INS).map(name => name.replace(/[./]/g, '\\$&')).join('|')})$`);
		build.onResolve({filter}, args =>
			/[/\\]node_modules[/\\]conf[/\\]/.test(args.importer) ? {path: args.path, namespace: 'conf-stand-in'} : undefined,
		);
		build.onLoad({filter: /.*/, namespace: 'conf-stand-in'}, args => ({contents: CONF_STAND_INS[args.path], loader: 'js'}));
	},
};

/**
 * yoga-layout (Ink's layout engine) inlines its wasm as a data: url and, wherever fetch()
 * exists, reads it back through fetch(): in Node that first loads undici and node:http2
 * (~50 ms before the reader's first frame). Without fetch the loader decodes the inlined
 * base64 itself; the build makes it always take that way.
 */
const YOGA_FETCH_TEST = '"function"!=typeof fetch';
const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(build) {
		build.onLoad({filter: /[/\\]yoga-layout[/\\]dist[/\\]binaries[/\\]yoga-wasm-base64-esm\.js$/}, async args => {
			const text = await readFile(args.path, 'utf8');
			// Two tests, one per way of loading (bytes, streaming); a new yoga must be looked at again.
			const parts = text.split(YOGA_FETCH_TEST);
			if (parts.length !== 3) {
				throw new Error(`yoga-without-fetch: ${args.path} no longer has two \`${YOGA_FETCH_TEST}\`; see scripts/build.mjs`);
			}
			return {contents: parts.join('true'), loader: 'js'};
		});
	},
};

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Build beside dist/ and swap it in: several builds at once (tests, the demo, a
// developer) never see a half-written or missing dist/cli.js.
const dist = new URL('../dist', import.meta.url).pathname;
const staging = `${dist}.build-${process.pid}`;
rmSync(staging, {recursive: true, force: true});

await build({
	// The feed parser's worker thread is an entry of its own (see source/sync/parse-pool.ts).
	entryPoints: {cli: 'source/cli.tsx', 'parse-worker': 'source/sync/parse-worker.ts'},
	outdir: staging,
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	jsx: 'automatic',
	sourcemap: 'linked',
	// Native addons (better-sqlite3, @napi-rs/keyring): loaded from node_modules, never bundled.
	external: ['better-sqlite3', 'react-devtools-core', 'sharp', '@napi-rs/keyring'],
	define: {
		'process.env.BLOGROLL_VERSION': JSON.stringify(pkg.version),
		'process.env.NODE_ENV': '"production"',
	},
	banner: {
		// Bundled CommonJS dependencies (rss-parser, iconv-lite) still call require().
		js: "import {createRequire as __blogrollCreateRequire} from 'node:module'; const require = __blogrollCreateRequire(import.meta.url);",
	},
	chunkNames: 'chunks/[name]-[hash]',
	plugins: [confWithoutSchemaCompiler, yogaWithoutFetch],
	logLevel: 'warning',
	legalComments: 'none',
});

// The bin must be executable when run straight from a clone (node_modules/.bin links it too).
chmodSync(`${staging}/cli.js`, 0o755);
const old = `${dist}.old-${process.pid}`;
if (existsSync(dist)) renameSync(dist, old);
renameSync(staging, dist);
rmSync(old, {recursive: true, force: true});
