/**
 * End to end with a real sync tool: two Syncthing instances on 127.0.0.1 share one folder
 * between two blogroll profiles. Read on the laptop, `blogroll sync`, Syncthing carries the
 * journal, `blogroll sync` on the desktop: the desktop shows the same entries read.
 *
 * Nothing of it may leave the loopback interface. Each instance starts only from a
 * config.xml written before its first start (the keys come from `syncthing generate`, whose
 * own config is overwritten unread): global and local discovery, relays, NAT traversal
 * (and with it STUN), usage and crash reporting and upgrades off; sync and GUI addresses on
 * 127.0.0.1; the devices know each other by id and address. The test also checks the
 * running instances' settings and every socket they hold.
 *
 * Needs the Debian package `syncthing` (.ci/run installs it): skipped with a message when it
 * is missing, unless CI is set, where its absence fails.
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {makeHome, runCli} from '../helpers/cli.js';
import {fixturePaths, startFixtureServer, type FixtureServer} from '../helpers/fixture-server.js';

const hasSyncthing = spawnSync('syncthing', ['--version'], {stdio: 'ignore'}).status === 0;
// vitest.config.ts sets CI=false for Ink; whether this is CI comes through BLOGROLL_OUTER_CI.
const isCi = !['', 'false', '0'].includes(process.env['BLOGROLL_OUTER_CI'] ?? process.env['CI'] ?? '');
if (!hasSyncthing && !isCi) process.stderr.write('tests/e2e/syncthing.test.ts: syncthing is not installed (apt-get install syncthing): the test with a real Syncthing is skipped\n');

const FOLDER_ID = 'blogroll-test';

interface Instance {
	readonly name: string;
	readonly home: string;
	readonly folder: string;
	readonly id: string;
	readonly syncPort: number;
	readonly guiPort: number;
	readonly apiKey: string;
	process?: ChildProcess;
	log: string;
}

const cleanup: (() => void | Promise<void>)[] = [];
afterAll(async () => {
	for (const clean of cleanup.reverse()) await clean();
});

function temporary(prefix: string): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	cleanup.push(() => rmSync(dir, {recursive: true, force: true}));
	return dir;
}

/** A free port on 127.0.0.1 (asked of the kernel, then released for the instance to take). */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/** Environment of every syncthing run: no upgrades, no restarts, no default folder, its own HOME. */
function syncthingEnv(home: string): NodeJS.ProcessEnv {
	return {PATH: process.env['PATH'], HOME: home, STNOUPGRADE: '1', STNORESTART: '1', STNODEFAULTFOLDER: '1', STNOUPGRADECHECK: '1'};
}

/** Keys and the device id; the config `generate` writes is replaced before any start. */
async function prepare(name: string): Promise<Instance> {
	const home = temporary(`blogroll-syncthing-${name}-`);
	const folder = temporary(`blogroll-syncthing-folder-${name}-`);
	mkdirSync(join(folder, '.stfolder'));
	const generated = spawnSync('syncthing', ['generate', `--home=${home}`, '--skip-port-probing', '--no-default-folder'], {env: syncthingEnv(home), encoding: 'utf8'});
	if (generated.status !== 0) throw new Error(`syncthing generate failed: ${generated.stderr}`);
	const shown = spawnSync('syncthing', ['serve', `--home=${home}`, '--device-id'], {env: syncthingEnv(home), encoding: 'utf8'});
	const id = shown.stdout.trim();
	if (!/^[A-Z0-9]{7}(-[A-Z0-9]{7}){7}$/.test(id)) throw new Error(`no device id from syncthing: ${shown.stdout}${shown.stderr}`);
	return {name, home, folder, id, syncPort: await freePort(), guiPort: await freePort(), apiKey: randomBytes(16).toString('hex'), log: ''};
}

function device(instance: Instance): string {
	return `
    <device id="${instance.id}" name="${instance.name}" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">
        <address>tcp://127.0.0.1:${instance.syncPort}</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>`;
}

/** The whole configuration, written before the first start. */
function configXml(own: Instance, other: Instance): string {
	return `<configuration version="36">
    <folder id="${FOLDER_ID}" label="blogroll" path="${own.folder}" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="${own.id}" introducedBy=""></device>
        <device id="${other.id}" introducedBy=""></device>
        <minDiskFree unit="%">0</minDiskFree>
        <markerName>.stfolder</markerName>
        <paused>false</paused>
    </folder>${device(own)}${device(other)}
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:${own.guiPort}</address>
        <apikey>${own.apiKey}</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:${own.syncPort}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <stunKeepaliveMinS>0</stunKeepaliveMinS>
        <announceLANAddresses>false</announceLANAddresses>
        <urAccepted>-1</urAccepted>
        <urSeen>3</urSeen>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <startBrowser>false</startBrowser>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <setLowPriority>false</setLowPriority>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
    </options>
</configuration>
`;
}

function start(instance: Instance): void {
	const child = spawn('syncthing', ['serve', `--home=${instance.home}`, '--no-browser', '--no-restart', '--no-upgrade', '--logflags=0'], {env: syncthingEnv(instance.home), stdio: ['ignore', 'pipe', 'pipe']});
	instance.process = child;
	const keep = (chunk: Buffer) => {
		instance.log = (instance.log + chunk.toString('utf8')).slice(-20_000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	cleanup.push(
		() =>
			new Promise<void>(resolve => {
				if (child.exitCode !== null || child.signalCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
				setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
			}),
	);
}

async function api(instance: Instance, path: string, method = 'GET'): Promise<unknown> {
	const response = await fetch(`http://127.0.0.1:${instance.guiPort}${path}`, {method, headers: {'X-API-Key': instance.apiKey}});
	if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
	const text = await response.text();
	return text === '' ? null : (JSON.parse(text) as unknown);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, instances: readonly Instance[]): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			const value = await probe();
			if (value !== undefined) return value;
		} catch {
			// not up yet
		}
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${instances.map(instance => `--- ${instance.name}:\n${instance.log.slice(-3_000)}`).join('\n')}`);
		await new Promise(resolve => setTimeout(resolve, 250));
	}
}

/** The process and its descendants (syncthing serve runs the instance as a child of a monitor). */
function processTree(root: number): number[] {
	const parents = new Map<number, number>();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			// pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			// gone meanwhile
		}
	}
	const tree = [root];
	for (let index = 0; index < tree.length; index++) for (const [pid, parent] of parents) if (parent === tree[index]) tree.push(pid);
	return tree;
}

/** Every socket a process holds, as "proto local remote" from /proc (addresses in hex). */
function socketsOf(pid: number): {proto: string; local: string; remote: string}[] {
	const inodes = new Set<string>();
	for (const fd of readdirSync(`/proc/${pid}/fd`)) {
		try {
			const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
			const match = /^socket:\[(\d+)\]$/.exec(target);
			if (match) inodes.add(match[1]!);
		} catch {
			// closed meanwhile
		}
	}
	const found: {proto: string; local: string; remote: string}[] = [];
	for (const proto of ['tcp', 'tcp6', 'udp', 'udp6', 'raw', 'raw6']) {
		let table: string;
		try {
			table = readFileSync(`/proc/${pid}/net/${proto}`, 'utf8');
		} catch {
			continue;
		}
		for (const line of table.split('\n').slice(1)) {
			const fields = line.trim().split(/\s+/);
			if (fields.length > 9 && inodes.has(fields[9]!)) found.push({proto, local: fields[1]!, remote: fields[2]!});
		}
	}
	return found;
}

/** 127.0.0.0/8, ::1 or ::ffff:127.x in /proc's hex; an unconnected remote (all zeros) too when `orUnset`. */
function isLoopback(hexAddress: string, orUnset: boolean): boolean {
	const [host] = hexAddress.split(':');
	if (orUnset && /^0+$/.test(host!)) return true;
	if (host!.length === 8) return host!.endsWith('7F'); // little-endian IPv4: 127 is the last byte
	return host === '00000000000000000000000001000000' || /^0000000000000000FFFF0000[0-9A-F]{6}7F$/.test(host!);
}

let server: FixtureServer | undefined;

async function ok(args: string[], home: string): Promise<string> {
	const result = await runCli(args, {home});
	if (args[0] !== 'refresh' && args[0] !== 'add') expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	return result.stdout;
}

async function readTitles(home: string): Promise<string[]> {
	const found = JSON.parse(await ok(['search', 'read', '--json', '--limit', '50'], home)) as {entries: {title: string}[]};
	return found.entries.map(hit => hit.title).sort();
}

describe.skipIf(!hasSyncthing && !isCi)('two blogroll profiles syncing through a real Syncthing on 127.0.0.1', () => {
	it('shows on the desktop what was read on the laptop, after Syncthing carried the journal', async () => {
		expect(hasSyncthing, 'CI is set but syncthing is not installed (apt-get install syncthing; .ci/run does)').toBe(true);
		server = await startFixtureServer();
		cleanup.push(() => server?.close());
		const a = await prepare('laptop');
		const b = await prepare('desktop');
		const instances = [a, b];
		writeFileSync(join(a.home, 'config.xml'), configXml(a, b));
		writeFileSync(join(b.home, 'config.xml'), configXml(b, a));
		start(a);
		start(b);

		// The instances run with what was written: nothing reaches beyond 127.0.0.1.
		for (const instance of instances) {
			const options = (await waitFor(`${instance.name}'s API`, () => api(instance, '/rest/config/options'), 20_000, instances)) as Record<string, unknown>;
			expect(options).toMatchObject({
				listenAddresses: [`tcp://127.0.0.1:${instance.syncPort}`],
				globalAnnounceEnabled: false,
				localAnnounceEnabled: false,
				relaysEnabled: false,
				natEnabled: false,
				urAccepted: -1,
				crashReportingEnabled: false,
				autoUpgradeIntervalH: 0,
				announceLANAddresses: false,
			});
		}
		await waitFor(
			'the two instances to connect',
			async () => ((await api(a, '/rest/system/connections')) as {connections: Record<string, {connected: boolean}>}).connections[b.id]?.connected || undefined,
			30_000,
			instances,
		);

		const laptop = makeHome();
		const desktop = makeHome();
		cleanup.push(() => rmSync(laptop, {recursive: true, force: true}), () => rmSync(desktop, {recursive: true, force: true}));
		const feed = `${server.url}${fixturePaths.kreidezeit.feed}`;
		await ok(['add', feed, '--tag', 'Führung'], laptop);
		await ok(['add', feed, '--tag', 'Führung'], desktop);
		await ok(['sync', '--dir', b.folder], desktop);
		expect(await readTitles(desktop)).toEqual([]);

		expect(await ok(['mark-read', '--older-than', '2026-10-01', '--feed', feed], laptop)).toMatch(/^Marked 4 entries/);
		const laptopRead = await readTitles(laptop);
		expect(laptopRead).toHaveLength(4);
		await ok(['sync', '--dir', a.folder], laptop);
		await api(a, `/rest/db/scan?folder=${FOLDER_ID}`, 'POST');

		// Syncthing carries the laptop's files: the desktop's folder holds them byte for byte.
		const laptopFiles = () => readdirSync(a.folder).filter(name => name.startsWith('blogroll-'));
		await waitFor(
			'Syncthing to carry the laptop’s journal',
			() => (laptopFiles().length > 0 && laptopFiles().every(name => {
				try {
					return readFileSync(join(b.folder, name)).equals(readFileSync(join(a.folder, name)));
				} catch {
					return false;
				}
			}) ? true : undefined),
			30_000,
			instances,
		);
		const received = await ok(['sync'], desktop);
		expect(received).toMatch(/received/);
		expect(await readTitles(desktop)).toEqual(laptopRead);

		// Every socket either instance holds is on the loopback interface.
		for (const instance of instances) {
			const sockets = processTree(instance.process!.pid!).flatMap(socketsOf);
			expect(sockets.length).toBeGreaterThan(0);
			for (const socket of sockets) {
				expect(isLoopback(socket.local, false) && isLoopback(socket.remote, true), `${instance.name}: ${socket.proto} ${socket.local} → ${socket.remote}`).toBe(true);
			}
		}
	}, 90_000);
});

describe('the loopback check of the Syncthing test', () => {
	it.each([
		['0100007F:868F', false, true],
		['0100007F:868F', true, true],
		['00000000:5275', false, false], // 0.0.0.0: every interface
		['00000000:0000', true, true], // an unconnected remote
		['0A00000A:0050', true, false], // 10.0.0.10
		['00000000000000000000000001000000:868F', false, true], // ::1
		['0000000000000000FFFF00000100007F:868F', false, true], // ::ffff:127.0.0.1
		['00000000000000000000000000000000:5275', false, false], // ::
	])('reads %s (remote: %s) as loopback: %s', (address, orUnset, expected) => {
		expect(isLoopback(address, orUnset)).toBe(expected);
	});
});
