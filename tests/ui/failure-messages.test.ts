import {createServer} from 'node:net';
import {cleanup} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {failed, isFailure, type Failure} from '../../source/failure.js';
import {discoverFeeds} from '../../source/feeds/discover.js';
import {createHttpClient} from '../../source/feeds/http.js';
import {parseInputUrl} from '../../source/feeds/input-url.js';
import {failureMessage, lastErrorMessage, stringsFor} from '../../source/ui/strings.js';
import {startTestServer, type TestServer} from '../helpers/http-test-server.js';
import {createFakeServices, GERMAN_FEEDS} from './fake-services.js';
import {linesOf, press, renderReader, waitForFrame} from './helpers.js';

const de = stringsFor('de');
const en = stringsFor('en');

/** English words the fetcher, discovery and input checks use: none may reach the German reader. */
const ENGLISH = /\b(?:Not a url|No feed found|connection refused|Not Found|no answer|larger than|is not a feed|Could not open|only http)\b/i;

let server: TestServer;
let closedPort: number;
const http = createHttpClient({retryDelayMs: 1, connectTimeoutMs: 2000, totalTimeoutMs: 3000});

beforeAll(async () => {
	server = await startTestServer({
		'/kanzlei/': {status: 200, headers: {'Content-Type': 'text/html; charset=utf-8'}, body: '<!doctype html><html lang="de"><title>Kanzlei Grünwald</title><h1>Recht für Gründerinnen</h1><p>„Willkommen“ – keine Feeds hier.</p></html>'},
	});
	// A port nobody listens on: bound once, then closed.
	const probe = createServer();
	await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
	closedPort = (probe.address() as {port: number}).port;
	await new Promise<void>(resolve => probe.close(() => resolve()));
});

afterAll(async () => {
	await server.close();
});

afterEach(() => {
	cleanup();
});

async function failureOf(result: Promise<unknown> | unknown): Promise<Failure> {
	const value = await result;
	if (!isFailure(value)) throw new Error(`expected a failure, got ${JSON.stringify(value)}`);
	return value;
}

describe('failures from the fetcher, discovery and input urls in the reader’s language', () => {
	test('a typed text that is not a url', async () => {
		const failure = await failureOf(parseInputUrl('kein url mit leerzeichen'));
		expect(failure.message).toBe('Not a url: kein url mit leerzeichen');
		expect(failureMessage(failure, de)).toBe('Keine gültige Adresse: kein url mit leerzeichen');
		expect(failureMessage(failure, en)).toBe('Not a url: kein url mit leerzeichen');
	});

	test('a url that is not http(s), and no url at all', async () => {
		expect(failureMessage(await failureOf(parseInputUrl('ftp://dateien.beispiel.de/feed.xml')), de)).toBe(
			'Nur http- und https-Adressen lassen sich abonnieren, nicht ftp: (ftp://dateien.beispiel.de/feed.xml)',
		);
		expect(failureMessage(await failureOf(parseInputUrl('   ')), de)).toBe('Keine Adresse angegeben');
	});

	test('HTTP 404 Not Found', async () => {
		const failure = await failureOf(http.get({url: server.url('/gibt-es-nicht/feed/')}));
		expect(failure.message).toContain('HTTP 404 Not Found');
		expect(failureMessage(failure, de)).toBe(`${server.url('/gibt-es-nicht/feed/')}: HTTP 404 (nicht gefunden)`);
		expect(failureMessage(failure, en)).toBe(failure.message);
	});

	test('connection refused', async () => {
		const url = `http://127.0.0.1:${closedPort}/feed/`;
		const failure = await failureOf(http.get({url}));
		expect(failure.message).toContain('connection refused');
		expect(failureMessage(failure, de)).toBe(`${url}: Verbindung abgelehnt`);
	});

	test('no feed found at a site', async () => {
		const failure = await failureOf(discoverFeeds(http, server.url('/kanzlei/')));
		expect(failure.message).toMatch(/^No feed found at /);
		expect(failureMessage(failure, de)).toBe(`Kein Feed gefunden unter ${server.url('/kanzlei/')}`);
	});

	test('the browser opener, already subscribed, a missing link, timeouts and sizes', () => {
		const url = 'https://kreidezeit.example/2026/11/mentoring/';
		const cases: [Failure, string][] = [
			[failed('open-failed', `Could not open a browser for ${url}: spawn xdg-open ENOENT`, {url, code: 'ENOENT'}), `Konnte keinen Browser für ${url} öffnen (ENOENT)`],
			[failed('already-subscribed', 'Already subscribed: Kreidezeit', {title: 'Kreidezeit'}), 'Bereits abonniert: „Kreidezeit“'],
			[failed('no-link', '“Führung ohne Titel” has no link to fetch', {title: 'Führung ohne Titel'}), '„Führung ohne Titel“ hat keinen Link, von dem sich der Artikel laden ließe'],
			[failed('timeout', `${url}: no answer within 2.5 s`, {url, problem: 'connect', seconds: 2.5}), `${url}: keine Antwort innerhalb von 2,5 s`],
			[failed('too-large', `${url}: larger than 5 MB`, {url, bytes: 5 * 1024 * 1024}), `${url}: größer als 5 MB`],
		];
		for (const [failure, german] of cases) {
			expect(failureMessage(failure, de)).toBe(german);
			expect(failureMessage(failure, de)).not.toMatch(ENGLISH);
			expect(failureMessage(failure, en)).not.toContain('„');
		}
	});

	test('a feed server account that cannot be synced', () => {
		const origin = 'https://wolke.kanzlei-gruenwald.de';
		const cases: [Failure, string][] = [
			[failed('account-unreachable', `${origin}: connection refused`, {url: origin, code: 'ECONNREFUSED'}), `${origin}: Verbindung abgelehnt`],
			[failed('account-timeout', `${origin}: no answer within 30 s`, {url: origin, code: 'timeout'}), `${origin}: keine Antwort des Servers (Zeitüberschreitung)`],
			[failed('account-login', `${origin}: Nextcloud refused the user name or password (HTTP 401); with two-factor authentication use an app password`, {url: origin, status: 401}), `${origin}: Anmeldung abgelehnt – Benutzername oder Passwort stimmen nicht (HTTP 401)`],
			[failed('account-login', `${origin}: the API is off for “jana”: turn on “Enable API access” in tt-rss's Preferences`, {url: origin, problem: 'api-disabled'}), `${origin}: die API ist für dieses Konto ausgeschaltet („Enable API access“ in den Einstellungen von tt-rss)`],
			[failed('account-server', `${origin}: the answer is not the API's JSON (HTTP 502)`, {url: origin, status: 502}), `${origin}: unerwartete Antwort des Servers (HTTP 502)`],
		];
		for (const [failure, german] of cases) {
			expect(failureMessage(failure, de)).toBe(german);
			expect(failureMessage(failure, de)).not.toMatch(ENGLISH);
			expect(failureMessage(failure, en)).toBe(failure.message);
		}
	});

	test('a feed’s stored last error follows the UI language', () => {
		const url = 'https://freiraum-design.de/feed/';
		const feed = {lastError: `${url}: HTTP 410 Gone`, lastErrorDetail: {reason: 'http-410', params: {url, status: 410, statusText: 'Gone'}}};
		expect(lastErrorMessage(feed, de)).toBe(`${url}: HTTP 410 (dauerhaft entfernt)`);
		expect(lastErrorMessage(feed, en)).toBe(`${url}: HTTP 410 Gone`);
		expect(lastErrorMessage({lastError: null, lastErrorDetail: null}, de)).toBeNull();
	});
});

describe('the German reader shows failures in German', () => {
	test('a url that is not one, typed into the add dialog', async () => {
		const services = createFakeServices();
		services.addResult = await failureOf(parseInputUrl('kreidezeit'));
		const {instance} = await renderReader(services);
		await waitForFrame(instance, 'Alle');
		await press(instance, 'a');
		await waitForFrame(instance, 'URL eines Feeds oder einer Website:');
		await press(instance, 'kreidezeit', 'enter');
		const text = await waitForFrame(instance, 'Keine gültige Adresse: kreidezeit');
		expect(text).not.toMatch(ENGLISH);
	});

	test('a site without a feed, typed into the add dialog', async () => {
		const services = createFakeServices();
		services.addResult = await failureOf(discoverFeeds(http, server.url('/kanzlei/')));
		const {instance} = await renderReader(services, {columns: 120});
		await waitForFrame(instance, 'Alle');
		await press(instance, 'a');
		await waitForFrame(instance, 'URL eines Feeds oder einer Website:');
		await press(instance, server.url('/kanzlei/'), 'enter');
		const text = await waitForFrame(instance, `Kein Feed gefunden unter ${server.url('/kanzlei/')}`);
		expect(text).not.toMatch(ENGLISH);
	});

	test('a browser that cannot be opened', async () => {
		const services = createFakeServices();
		services.openResult = url => failed('open-failed', `Could not open a browser for ${url}: spawn xdg-open ENOENT`, {url, code: 'ENOENT'});
		const {instance} = await renderReader(services, {columns: 120});
		await waitForFrame(instance, 'Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, '●');
		await press(instance, 'o');
		const text = await waitForFrame(instance, 'Konnte keinen Browser für https://');
		expect(text).not.toMatch(ENGLISH);
	});

	test('a feed whose last refresh failed with HTTP 404 or a refused connection', async () => {
		const url = 'https://freiraum-design.de/feed/';
		const feeds = GERMAN_FEEDS.map(feed =>
			feed.id === 3
				? {...feed, lastError: `${url}: HTTP 404 Not Found`, lastErrorDetail: {reason: 'http-404', params: {url, status: 404, statusText: 'Not Found'}}}
				: feed.id === 5
					? {...feed, lastError: 'https://texterin-süß.de/feed/: connection refused', lastErrorDetail: {reason: 'network', params: {url: 'https://texterin-süß.de/feed/', code: 'ECONNREFUSED'}}}
					: feed,
		);
		const {instance} = await renderReader(createFakeServices({feeds}), {columns: 140, rows: 30});
		const first = await waitForFrame(instance, 'Freiraum');
		// The feeds pane is left of the first │ (the entries pane names feeds too).
		const row = linesOf(first).findIndex(line => line.split('│')[0]!.includes('Freiraum Design')) - 1;
		await press(instance, ...Array.from({length: row}, () => 'j'));
		const text = await waitForFrame(instance, `fehlgeschlagen: ${url}: HTTP 404 (nicht gefunden)`);
		expect(text).not.toMatch(ENGLISH);
		const süß = linesOf(text).findIndex(line => line.split('│')[0]!.includes('Schreibstube Süß')) - 1;
		await press(instance, ...Array.from({length: süß - row}, () => 'j'));
		const refused = await waitForFrame(instance, 'https://texterin-süß.de/feed/: Verbindung abgelehnt');
		expect(refused).not.toMatch(ENGLISH);
	});
});

describe('the English reader uses English quotes', () => {
	test('adding a feed says Added “…”, never „…“', async () => {
		const services = createFakeServices();
		services.addResult = {kind: 'added', title: 'Field Notes', entryCount: 7};
		const {instance} = await renderReader(services, {language: 'en'});
		await waitForFrame(instance, 'All');
		await press(instance, 'a');
		await waitForFrame(instance, 'URL of a feed or a site:');
		await press(instance, 'https://fieldnotes.example/feed.json', 'enter');
		const text = await waitForFrame(instance, 'Added “Field Notes” (7 entries)');
		expect(text).not.toContain('„');
	});

	test('no English text in the string tables uses German quotes', () => {
		const texts = [en.added('Field Notes', '7'), en.removeQuestion('Field Notes'), en.removed('Field Notes'), en.searchLabel('mentoring'), en.noSearchResults('mentoring'), en.tagsPrompt('Field Notes'), en.tagsSaved('Field Notes', 'Coaching'), en.tagsCleared('Field Notes'), en.renamed('Field Notes')];
		for (const text of texts) expect(text).not.toContain('„');
	});
});
