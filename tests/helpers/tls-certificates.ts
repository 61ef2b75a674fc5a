/**
 * Certificates for a local TLS fixture server, made with the `openssl` command line in a
 * temp dir for each test run (nothing checked in, nothing that expires in the repository):
 * a test CA (handed to the CLI as NODE_EXTRA_CA_CERTS), a good certificate for 127.0.0.1,
 * an expired one and one for another host name, all signed by that CA — so that the
 * failure is exactly the one named (CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID), not
 * "self-signed".
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:https';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {IncomingMessage, ServerResponse} from 'node:http';

export interface KeyPair {
	readonly key: string;
	readonly cert: string;
}

export interface TestCertificates {
	/** The CA's certificate file (PEM): NODE_EXTRA_CA_CERTS for the CLI. */
	readonly caFile: string;
	readonly valid: KeyPair;
	/** Valid for 127.0.0.1, but its notAfter is a day ago. */
	readonly expired: KeyPair;
	/** Current, but for feeds.kreidezeit-praxis.de only. */
	readonly wrongHost: KeyPair;
}

/** True when the `openssl` command line is there (the tests that need it are skipped otherwise). */
export function hasOpenssl(): boolean {
	try {
		execFileSync('openssl', ['version'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

export function makeTestCertificates(): TestCertificates {
	const dir = mkdtempSync(join(tmpdir(), 'blogroll-tls-'));
	const file = (name: string) => join(dir, name);
	const openssl = (...args: string[]) => execFileSync('openssl', args, {cwd: dir, stdio: ['ignore', 'ignore', 'pipe']});
	// EC keys: generated in milliseconds, unlike RSA.
	const key = (name: string) => openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', file(name));
	key('ca.key');
	openssl('req', '-x509', '-new', '-key', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=blogroll Test-CA');
	const leaf = (name: string, altName: string, days: string): KeyPair => {
		key(`${name}.key`);
		openssl('req', '-new', '-key', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${altName.replace(/^\w+:/, '')}`);
		writeFileSync(file(`${name}.ext`), `subjectAltName=${altName}\n`);
		// `-days -1`: notAfter a day before now, the certificate has expired.
		openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', days, '-extfile', `${name}.ext`);
		return {key: readFileSync(file(`${name}.key`), 'utf8'), cert: readFileSync(file(`${name}.pem`), 'utf8')};
	};
	return {
		caFile: file('ca.pem'),
		valid: leaf('valid', 'IP:127.0.0.1', '2'),
		expired: leaf('expired', 'IP:127.0.0.1', '-1'),
		wrongHost: leaf('wrong-host', 'DNS:feeds.kreidezeit-praxis.de', '2'),
	};
}

export interface TlsTestServer {
	readonly url: (path: string) => string;
	/** Serves from now on with another certificate (new connections). */
	readonly useCertificate: (pair: KeyPair) => void;
	readonly close: () => Promise<void>;
}

/** An HTTPS server on 127.0.0.1 (an ephemeral port) answering every request with `handler`. */
export async function startTlsServer(pair: KeyPair, handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<TlsTestServer> {
	const server: Server = createServer({key: pair.key, cert: pair.cert}, handler);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: (path) => `https://127.0.0.1:${port}${path}`,
		useCertificate: (next) => server.setSecureContext({key: next.key, cert: next.cert}),
		close: () => new Promise((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		}),
	};
}
