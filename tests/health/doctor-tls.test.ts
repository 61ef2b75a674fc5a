/**
 * TLS failures (issue 14) from a local HTTPS server whose certificates the test makes
 * (tests/helpers/tls-certificates.ts): `doctor --json` names the problem (expired, wrong
 * host), since when, how often in a row, the back-off and the next try, from the error code
 * the fetcher recorded. The CLI trusts the test CA through NODE_EXTRA_CA_CERTS, so that the
 * failure is the one named and not "unknown issuer". Runs dist/cli.js (built by `npm test`).
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {makeHome, runCli} from '../helpers/cli.js';
import {hasOpenssl, makeTestCertificates, startTlsServer, type TestCertificates, type TlsTestServer} from '../helpers/tls-certificates.js';
import {RSS, blogFeed, recentPosts} from './fixtures.js';

interface DoctorFeed {
	readonly url: string;
	readonly health: string;
	readonly problems: readonly {kind: string; message: string; since: string; fix: {action: string; text: string}; retry?: {failures: number; nextTryAt: string; backoffMinutes: number}}[];
	readonly attempts: readonly {at: string; outcome: string; code?: string}[];
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe.skipIf(!hasOpenssl())('doctor names TLS failures of a local HTTPS server', () => {
	let certificates: TestCertificates;
	let server: TlsTestServer;
	let home: string;
	let cli: (...args: string[]) => ReturnType<typeof runCli>;
	let german: (...args: string[]) => ReturnType<typeof runCli>;

	beforeAll(async () => {
		certificates = makeTestCertificates();
		server = await startTlsServer(certificates.valid, (_request, response) => {
			response.writeHead(200, RSS).end(blogFeed(recentPosts(), 'https://www.kreidezeit-praxis.de/'));
		});
		home = makeHome();
		const env = {NODE_EXTRA_CA_CERTS: certificates.caFile};
		cli = (...args) => runCli(args, {home, env});
		german = (...args) => runCli(args, {home, env: {...env, LANG: 'de_DE.UTF-8'}});
	});

	afterAll(async () => {
		await server.close();
	});

	const doctorJson = async (): Promise<DoctorFeed> => {
		const result = await cli('doctor', '--json');
		expect(result.code).toBe(0);
		const feeds = JSON.parse(result.stdout) as DoctorFeed[];
		expect(feeds).toHaveLength(1);
		return feeds[0]!;
	};

	it('an expired certificate, then one for another host: what failed, since when, how often, back-off and next try', async () => {
		const url = server.url('/feed/');
		expect((await cli('add', url)).code).toBe(0);

		server.useCertificate(certificates.expired);
		expect((await cli('refresh', '--force')).code).not.toBe(0);
		expect((await cli('refresh', '--force')).code).not.toBe(0);
		const expired = await doctorJson();
		expect(expired).toMatchObject({url, health: 'failing'});
		expect(expired.attempts.slice(0, 2).map((attempt) => attempt.code)).toEqual(['CERT_HAS_EXPIRED', 'CERT_HAS_EXPIRED']);
		const [problem] = expired.problems;
		expect(problem).toMatchObject({kind: 'tls', fix: {action: 'none'}, retry: {failures: 2}});
		expect(problem!.message).toMatch(/^The secure connection to 127\.0\.0\.1:\d+ fails: the certificate has expired\. 2 times in a row, since .*; next try .* \(back-off: \d+ (?:minutes|hours)\)\.$/);
		// Since the first failed attempt of the streak, not the newest.
		expect(problem!.since).toBe(expired.attempts[1]!.at);
		expect(problem!.since).toMatch(ISO);
		expect(problem!.retry!.nextTryAt).toMatch(ISO);
		expect(problem!.retry!.nextTryAt > expired.attempts[0]!.at).toBe(true);
		expect(problem!.retry!.backoffMinutes).toBeGreaterThan(0);

		server.useCertificate(certificates.wrongHost);
		expect((await cli('refresh', '--force')).code).not.toBe(0);
		const wrongHost = await doctorJson();
		expect(wrongHost.attempts[0]!.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
		expect(wrongHost.problems[0]).toMatchObject({kind: 'tls', retry: {failures: 3}});
		expect(wrongHost.problems[0]!.message).toMatch(/fails: the certificate is for another host name\. 3 times in a row/);
		// The back-off grows with the streak.
		expect(wrongHost.problems[0]!.retry!.backoffMinutes).toBeGreaterThan(problem!.retry!.backoffMinutes);

		const text = await german('doctor', url);
		expect(text.stdout).toMatch(/✗ Die sichere Verbindung zu 127\.0\.0\.1:\d+ scheitert: das Zertifikat gilt für einen anderen Namen\. 3-mal in Folge, seit .*; nächster Versuch .* \(Wartezeit nach Fehlern: \d+ (?:Minuten|Stunden)\)\./);
		expect(text.stdout).toContain('Abhilfe: Die Website im Browser prüfen; das Zertifikat kann nur ihr Betreiber reparieren.');
		expect(text.stdout).toMatch(/· — · gescheitert · \d+ ms · ERR_TLS_CERT_ALTNAME_INVALID/);

		server.useCertificate(certificates.valid);
		expect((await cli('refresh', '--force')).code).toBe(0);
		expect((await cli('doctor')).stdout).toBe('The feed is healthy.\n');
	}, 90_000); // nine runs of the CLI: on a busy machine well over the default 20 s
});
