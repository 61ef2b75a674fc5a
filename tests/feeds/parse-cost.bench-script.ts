/**
 * Parse CPU for well-formed feeds (issue 17: the leniency must not make them slower).
 * Not a vitest file. Run from the repository root, once per tree to compare:
 *
 *   npx tsx tests/feeds/parse-cost.bench-script.ts <tree-root> [rounds] [iterations]
 *
 * It decodes and parses, `iterations` times per round, the well-formed golden fixture feeds
 * plus a generated 300-post WordPress RSS feed and a 300-entry Atom feed (bench/generate.ts,
 * ~2.5 MB each), all from this checkout, with `<tree-root>/source/feeds/{decode,parse}.ts`,
 * and prints the CPU milliseconds (user + sys) of each round and their median as JSON.
 */
import {readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {describeBlogs, renderFeed} from '../../bench/generate.js';

const [root = '.', roundsText = '7', iterationsText = '5'] = process.argv.slice(2);
const rounds = Number(roundsText);
const iterations = Number(iterationsText);
const tree = resolve(root);
type Decode = (body: Uint8Array, contentType: string | null) => string;
type Parse = (text: string, url: string) => Promise<unknown>;
const {decodeBody} = (await import(join(tree, 'source/feeds/decode.ts'))) as {decodeBody: Decode};
const {parseFeed} = (await import(join(tree, 'source/feeds/parse.ts'))) as {parseFeed: Parse};

// The golden fixtures that are well-formed and were already there before the leniency work.
const FIXTURES = ['wordpress-rss2.xml', 'rss-1-rdf.xml', 'rss-091.xml', 'atom-0.3.xml', 'atom-1-xhtml-base.xml', 'atom-text-content.xml', 'duplicate-ids.xml', 'missing-ids.xml', 'json-feed-1.0.json', 'json-feed-1.1.json'];
const here = new URL('../fixtures/feeds/', import.meta.url);
const inputs: {body: Uint8Array; contentType: string | null; url: string}[] = FIXTURES.map((name) => ({
	body: readFileSync(new URL(name, here)),
	contentType: null,
	url: `https://example.org/${name}`,
}));
const [rssBlog, atomBlog] = describeBlogs(2, 7).map((blog, index) => ({...blog, format: index === 0 ? ('rss' as const) : ('atom' as const), latin1: false, itemCount: 300}));
for (const blog of [rssBlog!, atomBlog!]) {
	const document = renderFeed(blog, 0, `https://blog-${blog.index}.example.de`);
	inputs.push({body: document.body, contentType: document.contentType, url: `https://blog-${blog.index}.example.de/feed/`});
}

async function parseAll(): Promise<void> {
	for (const input of inputs) {
		const feed = await parseFeed(decodeBody(input.body, input.contentType), input.url);
		if (typeof feed === 'object' && feed !== null && 'kind' in feed) throw new Error(`${input.url} failed to parse`);
	}
}

await parseAll(); // warm-up: JIT, lazy tables
const times: number[] = [];
for (let round = 0; round < rounds; round++) {
	const start = process.cpuUsage();
	for (let index = 0; index < iterations; index++) await parseAll();
	const used = process.cpuUsage(start);
	times.push((used.user + used.system) / 1000);
}
const sorted = [...times].sort((a, b) => a - b);
const bytes = inputs.reduce((sum, input) => sum + input.body.length, 0);
console.log(JSON.stringify({tree, feeds: inputs.length, bytes, iterations, roundsMs: times.map(Math.round), medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!)}));
