// `npm run demo`: blogroll against the offline fixture site. Starts the fixture server on
// 127.0.0.1 and the Discover web (blogs on 127.0.0.2 … that publish blogrolls and link each
// other and some platforms, tests/fixtures/discover-web.ts), subscribes a throw-away
// BLOGROLL_HOME to every fixture blog with the real CLI, runs `blogroll suggest` once, then
// opens the reader (or, without a terminal, prints `blogroll list`), and cleans up.
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {DISCOVER_WEB, FOLLOWED} from '../tests/fixtures/discover-web.js';
import {startFixtureServer, type FixtureServer} from '../tests/helpers/fixture-server.js';
import {startFixtureWeb, type FixtureWeb} from '../tests/helpers/fixture-web.js';
import {seedGermanBlogs, startGreaderServer, type GreaderServer} from '../tests/fixtures/greader-server.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** One `blogroll add` call: the path on the fixture server and the extra CLI arguments. */
interface Subscription {
	readonly path: string;
	readonly args: readonly string[];
}

// Sites where discovery has to find the feed, and direct feed urls; a few tags to filter by.
const SUBSCRIPTIONS: readonly Subscription[] = [
	{path: '/kreidezeit/', args: ['--tag', 'Coaching', '--tag', 'Führung']},
	{path: '/klartext/', args: ['--tag', 'Kommunikation']},
	{path: '/fieldnotes/feed.json', args: ['--tag', 'Design']},
	{path: '/alte-schule/rss.xml', args: ['--tag', 'Handwerk']},
	{path: '/alte-schule/windows.xml', args: ['--tag', 'Handwerk', '--title', 'Die alte Schule – Angebote']},
	{path: '/auszug/', args: ['--tag', 'Schreiben']},
	{path: '/nur-link/', args: []},
];

/**
 * Runs the CLI as a child process. Never spawnSync: the fixture server lives in this very
 * process and could not answer while the event loop is blocked.
 */
function runCli(args: readonly string[], env: NodeJS.ProcessEnv, stdio: 'inherit' | 'pipe'): Promise<{code: number; output: string}> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], {env, stdio: stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe']});
		let output = '';
		child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({code: code ?? (signal ? 1 : 0), output}));
	});
}

async function main(): Promise<number> {
	if (!existsSync(CLI)) {
		process.stderr.write(`blogroll demo: ${path.relative(process.cwd(), CLI)} is missing; run "npm run build" first (npm run demo does).\n`);
		return 1;
	}
	const home = mkdtempSync(path.join(tmpdir(), 'blogroll-demo-'));
	let server: FixtureServer | null = null;
	let web: FixtureWeb | null = null;
	let feedServer: GreaderServer | null = null;
	const cleanUp = async (): Promise<void> => {
		await server?.close();
		await web?.close();
		await feedServer?.close();
		server = null;
		web = null;
		feedServer = null;
		rmSync(home, {recursive: true, force: true});
	};
	// Ctrl-C belongs to the reader while it runs (same process group); the demo only has to
	// survive it and clean up after the reader has restored the terminal.
	process.on('SIGINT', () => {});
	process.on('SIGTERM', () => {
		void cleanUp().finally(() => process.exit(143));
	});

	try {
		server = await startFixtureServer();
		// The demo never touches the keyring of the machine it runs on: the account's password goes to the profile's 0600 file.
		const env = {...process.env, BLOGROLL_HOME: home, BLOGROLL_KEYRING: 'off'};
		process.stdout.write(`Fixture site: ${server.url}/  (BLOGROLL_HOME=${home})\n`);
		for (const subscription of SUBSCRIPTIONS) {
			const url = server.url + subscription.path;
			const {code, output} = await runCli(['add', url, ...subscription.args], env, 'pipe');
			// A failed subscription is worth seeing but no reason to skip the rest of the demo.
			process.stdout.write(`${code === 0 ? '✓' : '✗'} blogroll add ${url} ${subscription.args.join(' ')}\n${indent(output)}`);
		}
		// Blogs on other hosts, whose blogrolls and links make `blogroll suggest` worth a look.
		web = await startFixtureWeb(DISCOVER_WEB);
		for (const site of FOLLOWED) {
			const url = `${web.urls[site]}/`;
			const {code, output} = await runCli(['add', url, '--tag', 'Entdecken'], env, 'pipe');
			process.stdout.write(`${code === 0 ? '✓' : '✗'} blogroll add ${url} --tag Entdecken\n${indent(output)}`);
		}
		// A feed server account (issue 16): a FreshRSS-like fixture on 127.0.0.1 with German blogs.
		feedServer = await startGreaderServer({flavor: 'freshrss', user: 'demo', password: 'demo-passwort'});
		seedGermanBlogs(feedServer, 4);
		const passwordFile = path.join(home, 'demo-password');
		writeFileSync(passwordFile, 'demo-passwort\n', {mode: 0o600});
		for (const args of [['account', 'add', 'greader', feedServer.baseUrl, '--user', 'demo', '--name', 'freshrss-demo', '--password-file', passwordFile], ['sync']]) {
			const {code, output} = await runCli(args, env, 'pipe');
			process.stdout.write(`${code === 0 ? '✓' : '✗'} blogroll ${args.join(' ')}\n${indent(output)}`);
		}
		process.stdout.write('\n$ blogroll suggest --limit 3\n');
		const suggested = await runCli(['suggest', '--limit', '3'], env, 'pipe');
		process.stdout.write(`${indent(suggested.output)}\n`);
		if (process.stdout.isTTY) {
			return (await runCli([], env, 'inherit')).code;
		}
		process.stdout.write('\nNo terminal on stdout: showing `blogroll list` instead of the reader.\n\n');
		return (await runCli(['list'], env, 'inherit')).code;
	} finally {
		await cleanUp();
	}
}

function indent(text: string): string {
	const trimmed = text.trimEnd();
	return trimmed === '' ? '' : trimmed.replace(/^/gm, '    ') + '\n';
}

main().then(
	code => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`blogroll demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	},
);
