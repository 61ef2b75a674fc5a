/**
 * The feed info screen in a real terminal for two of issue 14's diagnoses made by fixture
 * servers: a TLS failure (a local HTTPS server whose certificate has expired, made with
 * openssl in the test) and entry ids that churn (repaired on the fetch that saw it).
 */
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {makeHome, runCli} from '../helpers/cli.js';
import {startTestServer, type TestServer} from '../helpers/http-test-server.js';
import {hasTmux, TmuxSession} from '../helpers/tmux.js';
import {hasOpenssl, makeTestCertificates, startTlsServer, type TlsTestServer} from '../helpers/tls-certificates.js';
import {RSS, blogFeed, churningFeed, recentPosts} from '../health/fixtures.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

let server: TestServer;
let tls: TlsTestServer | undefined;
let home: string;
let ca: string;
let session: TmuxSession | undefined;

describe.skipIf(!hasTmux() || !hasOpenssl())('the feed info screen names a TLS failure and repaired churning ids', () => {
	beforeAll(async () => {
		const certificates = makeTestCertificates();
		ca = certificates.caFile;
		tls = await startTlsServer(certificates.valid, (_request, response) => {
			response.writeHead(200, RSS).end(blogFeed(recentPosts(), 'https://www.kreidezeit-praxis.de/').replace(/Kreidezeit – Praxis für Führung/, 'Praxis Sonnenschein'));
		});
		server = await startTestServer();
		let round = 0;
		server.route('/feed/', (request, response) => {
			if (request.url?.includes('paged')) return void response.writeHead(404).end();
			round++;
			response.writeHead(200, RSS).end(churningFeed(round));
		});
		home = makeHome();
		const env = {NODE_EXTRA_CA_CERTS: ca};
		expect((await runCli(['add', server.url('/feed/')], {home, env})).code).toBe(0);
		expect((await runCli(['add', tls.url('/feed/')], {home, env})).code).toBe(0);
		tls.useCertificate(certificates.expired);
		await runCli(['refresh', '--force'], {home, env});
		await runCli(['refresh', '--force'], {home, env});
	}, 90_000);

	afterEach(() => session?.kill());

	afterAll(async () => {
		await tls?.close();
		await server?.close();
	});

	it('i on each feed shows the diagnosis on top and the fetches below (100x30, English)', async () => {
		session = new TmuxSession(`node ${CLI}`, {
			columns: 100,
			rows: 30,
			env: {BLOGROLL_HOME: home, HOME: home, LANG: 'C.UTF-8', TERM: 'xterm-256color', PATH: process.env['PATH'] ?? '', CI: 'true', NODE_EXTRA_CA_CERTS: ca},
		});
		const feeds = await session.waitForText('Praxis Sonnenschein');
		expect(feeds).toMatch(/! +Praxis Sonnenschein +failing/);
		session.press('j', 'j', 'j', 'i');
		const churn = await session.waitForText('Health:');
		expect(churn).toContain('Posts came back under new ids (3 so far). Repaired on');
		expect(churn).toContain('Fix: Nothing to do: the repair is applied.');
		expect(churn).toMatch(/· 200 · updated · .*· 0 new, 0 changed, 3 unchanged/);
		session.press('q', 'j', 'i');
		const failing = await session.waitForText('Health: failing');
		expect(failing).toMatch(/✗ The secure connection to 127\.0\.0\.1:\d+ fails: the certificate has expired\. 2 times in a/);
		expect(failing).toMatch(/next try .*\(back-off: \d+ (?:minutes|hours)\)/);
		expect(failing).toMatch(/· — · failed · \d+ ms · CERT_HAS_EXPIRED/);
		for (const line of failing.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
	});
});
