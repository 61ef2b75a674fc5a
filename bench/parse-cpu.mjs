/**
 * Parse CPU of well-formed feeds, in instructions (issue 17: the leniency layers must not
 * make well-formed feeds dearer by more than 5 %). Bundles one tree's decode + parse with
 * the bench's generated blogs (bench/generate.ts of THIS tree, so both builds parse the same
 * bytes) into one file; run that file under callgrind with two pass counts and take the
 * difference, so that start-up, bundle loading and JIT warm-up cancel out:
 *
 *   node bench/parse-cpu.mjs <tree> /tmp/parse-a.mjs
 *   valgrind --tool=callgrind --callgrind-out-file=/dev/null node /tmp/parse-a.mjs 20 1
 *   valgrind --tool=callgrind --callgrind-out-file=/dev/null node /tmp/parse-a.mjs 20 3
 *   → ("Collected" of 3 passes − of 1 pass) / 2 = instructions per pass over 20 feeds
 *
 * Instruction counts are repeatable on a busy machine, where wall-clock time is not.
 */
import {build} from 'esbuild';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const [tree, out] = process.argv.slice(2);
if (tree === undefined || out === undefined) {
	console.error('usage: node bench/parse-cpu.mjs <source tree> <out.mjs>');
	process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(tree);
const entry = `
import {describeBlogs, renderFeed, feedPath} from ${JSON.stringify(join(here, 'generate.ts'))};
import {decodeBody} from ${JSON.stringify(join(root, 'source/feeds/decode.ts'))};
import {parseFeed} from ${JSON.stringify(join(root, 'source/feeds/parse.ts'))};
const feeds = Number(process.argv[2] ?? 20);
const passes = Number(process.argv[3] ?? 1);
const base = 'http://127.0.0.1:8080';
const documents = describeBlogs(feeds).map((blog) => ({url: base + feedPath(blog), ...renderFeed(blog, 0, base)}));
let items = 0;
for (let pass = 0; pass < passes; pass++) {
	for (const document of documents) {
		const parsed = await parseFeed(decodeBody(document.body, document.contentType), document.url);
		if ('kind' in parsed) throw new Error(document.url + ': ' + parsed.message);
		items += parsed.items.length;
	}
}
console.log(JSON.stringify({feeds, passes, items, bytes: documents.reduce((sum, d) => sum + d.body.length, 0)}));
`;
await build({
	stdin: {contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'parse-cpu-entry.ts'},
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	outfile: out,
	nodePaths: [join(root, 'node_modules')],
	banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
	logLevel: 'warning',
});
