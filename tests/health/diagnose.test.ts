import {describe, expect, it} from 'vitest';
import {diagnoseFeed, healthWord} from '../../source/health/diagnose.js';
import type {FeedState, FetchAttempt, ProblemKind} from '../../source/health/types.js';

const URL_ = 'https://www.kreidezeit-praxis.de/feed/';
const NOW = new Date('2026-11-20T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (msAgo: number) => new Date(NOW.getTime() - msAgo).toISOString();
const time = (iso: string) => iso.slice(0, 16).replace('T', ' ');

const state = (over: Partial<FeedState> = {}): FeedState => ({
	url: URL_,
	siteUrl: 'https://www.kreidezeit-praxis.de/',
	errorStreak: 0,
	nextFetchAt: at(-HOUR),
	newestEntryAt: at(3 * DAY),
	intervalMinutes: 30,
	...over,
});

const ok = (msAgo: number, over: Partial<FetchAttempt> = {}): FetchAttempt => ({
	at: at(msAgo), url: URL_, outcome: 'updated', status: 200, received: {etag: true, lastModified: true},
	items: {new: 1, updated: 0, unchanged: 9}, charset: {declared: 'utf-8', source: 'document', used: 'utf-8', correction: null}, ...over,
});
const notModified = (msAgo: number): FetchAttempt => ({at: at(msAgo), url: URL_, outcome: 'not-modified', status: 304, sent: {etag: true, lastModified: true}});
const failed = (msAgo: number, over: Partial<FetchAttempt>): FetchAttempt => ({at: at(msAgo), url: URL_, outcome: 'failed', status: null, reason: 'network', ...over});
/** `count` failures, one per `every` ms, newest first, the newest `from` ms ago. */
const failures = (count: number, every: number, over: Partial<FetchAttempt>, from = HOUR): FetchAttempt[] =>
	Array.from({length: count}, (_, index) => failed(from + index * every, over));

interface Case {
	readonly name: string;
	readonly attempts: readonly FetchAttempt[];
	readonly state?: Partial<FeedState>;
	readonly kind: ProblemKind | null;
	readonly health: 'ok' | 'failing' | 'warning' | 'dormant';
	readonly since?: string;
	readonly fix?: {action: string; command?: string | null};
	readonly retry?: {failures: number; nextTryAt: string | null; backoffMinutes: number | null};
	readonly en?: RegExp;
	readonly de?: RegExp;
}

const CASES: readonly Case[] = [
	{name: 'a healthy feed with 304s has no problem', attempts: [notModified(HOUR), notModified(2 * HOUR), ok(3 * HOUR)], kind: null, health: 'ok'},
	{
		name: 'a move through two permanent hops is one report with the old and the new url',
		attempts: [notModified(HOUR), ok(2 * HOUR, {url: 'http://kreidezeit.de/feed', movedTo: URL_, redirects: [{status: 301, url: 'https://kreidezeit.de/feed'}, {status: 308, url: URL_}]})],
		kind: 'moved', health: 'ok', since: at(2 * HOUR), fix: {action: 'none', command: null},
		en: /Moved permanently from http:\/\/kreidezeit\.de\/feed to https:\/\/www\.kreidezeit-praxis\.de\/feed\/ \(2 redirects\)/, de: /Dauerhaft umgezogen/,
	},
	{
		name: '410 Gone offers to remove the feed',
		attempts: [failed(HOUR, {status: 410, reason: 'http-410'}), ok(DAY)], state: {errorStreak: 1},
		kind: 'gone', health: 'failing', since: at(HOUR), fix: {action: 'remove', command: `blogroll remove ${URL_}`}, en: /410 Gone/, de: /endgültig entfernt/,
	},
	{
		name: '410 Gone offers the feed discovery found on the site instead',
		attempts: [failed(HOUR, {status: 410, reason: 'http-410'})], state: {errorStreak: 1, foundFeedUrl: 'https://kreidezeit.de/rss.xml'},
		kind: 'gone', health: 'failing', fix: {action: 'subscribe', command: 'blogroll add https://kreidezeit.de/rss.xml'},
	},
	{
		name: '404 for 7 days becomes "not found" with the remove fix, since the first 404',
		attempts: failures(15, 12 * HOUR, {status: 404, reason: 'http-404'}), state: {errorStreak: 15},
		kind: 'not-found', health: 'failing', since: at(HOUR + 14 * 12 * HOUR), fix: {action: 'remove'}, en: /for 7 days/, de: /seit 7 Tagen/,
	},
	{
		name: '404 for two days is a failure with its streak and next try, not yet "not found"',
		attempts: failures(4, 12 * HOUR, {status: 404, reason: 'http-404'}), state: {errorStreak: 4, nextFetchAt: at(-8 * HOUR)},
		kind: 'failing', health: 'failing', fix: {action: 'refresh'}, en: /4 times in a row, since .*; next try 2026-11-20 20:00/, de: /4-mal in Folge/,
	},
	{
		name: 'an HTML page where the feed was offers the feed it links',
		attempts: [failed(HOUR, {status: 200, reason: 'not-a-feed', contentType: 'text/html; charset=UTF-8'})], state: {errorStreak: 1, foundFeedUrl: 'https://www.kreidezeit-praxis.de/neu/feed/'},
		kind: 'html-page', health: 'failing', fix: {action: 'subscribe', command: 'blogroll add https://www.kreidezeit-praxis.de/neu/feed/'}, en: /web page \(text\/html\)/, de: /Webseite \(text\/html\)/,
	},
	{
		name: 'an HTML page without a known feed offers discovery on the site',
		attempts: [failed(HOUR, {status: 200, reason: 'not-a-feed', contentType: 'text/html'})], state: {errorStreak: 1},
		kind: 'html-page', health: 'failing', fix: {action: 'none', command: 'blogroll add https://www.kreidezeit-praxis.de/'},
	},
	{
		name: 'a DNS failure says what failed, how often, since when and the next try',
		attempts: failures(3, 2 * HOUR, {code: 'ENOTFOUND'}), state: {errorStreak: 3, nextFetchAt: at(-2 * HOUR)},
		kind: 'dns', health: 'failing', since: at(5 * HOUR), fix: {action: 'refresh'}, retry: {failures: 3, nextTryAt: at(-2 * HOUR), backoffMinutes: 180},
		en: /www\.kreidezeit-praxis\.de cannot be found \(DNS\)\. 3 times in a row, since 2026-11-20 07:00; next try 2026-11-20 14:00 \(back-off: 3 hours\)\./,
		de: /lässt sich nicht auflösen \(DNS\)\. 3-mal in Folge, seit 2026-11-20 07:00; nächster Versuch 2026-11-20 14:00 \(Wartezeit nach Fehlern: 3 Stunden\)\./,
	},
	{name: 'a refused connection', attempts: failures(2, HOUR, {code: 'ECONNREFUSED'}), state: {errorStreak: 2}, kind: 'refused', health: 'failing', en: /refuses the connection/, de: /verweigert die Verbindung/},
	{
		name: 'an expired certificate', attempts: failures(1, HOUR, {code: 'CERT_HAS_EXPIRED'}), state: {errorStreak: 1},
		kind: 'tls', health: 'failing', en: /certificate has expired\. Once/, de: /Zertifikat ist abgelaufen\. Einmal/,
	},
	{name: 'a certificate for another host', attempts: failures(1, HOUR, {code: 'ERR_TLS_CERT_ALTNAME_INVALID'}), state: {errorStreak: 1}, kind: 'tls', health: 'failing', en: /another host name/},
	{name: 'a timeout', attempts: failures(2, HOUR, {reason: 'timeout'}), state: {errorStreak: 2}, kind: 'timeout', health: 'failing', en: /does not answer in time/, de: /antwortet nicht rechtzeitig/},
	{
		name: 'a bot wall on a 403 challenge page', attempts: [failed(HOUR, {status: 403, reason: 'http-403', challenge: true}), ok(DAY)], state: {errorStreak: 1},
		kind: 'bot-wall', health: 'failing', fix: {action: 'none'}, en: /bot wall \(HTTP 403\)/, de: /Bot-Sperre \(HTTP 403\)/,
	},
	{name: 'a bot wall as an HTML page where the feed was', attempts: [failed(HOUR, {status: 200, reason: 'not-a-feed', contentType: 'text/html', challenge: true})], state: {errorStreak: 1}, kind: 'bot-wall', health: 'failing'},
	{name: 'a plain 403 without a challenge is a failure, not a bot wall', attempts: [failed(HOUR, {status: 403, reason: 'http-403'})], state: {errorStreak: 1}, kind: 'failing', health: 'failing', en: /HTTP 403/},
	{
		name: '429 with Retry-After asks for fewer fetches', attempts: [failed(HOUR, {status: 429, reason: 'http-429', retryAfterSeconds: 7200})], state: {errorStreak: 1, nextFetchAt: at(-HOUR)},
		kind: 'rate-limited', health: 'warning', en: /asks for fewer fetches .*next fetch 2026-11-20 13:00/, de: /seltenere Abrufe/,
	},
	{
		name: 'Cache-Control max-age above the interval asks for fewer fetches',
		attempts: [ok(HOUR, {maxAgeSeconds: 4 * 3600})], kind: 'rate-limited', health: 'ok', en: /at most every 4 hours/, de: /höchstens alle 4 Stunden/,
	},
	{name: 'a <ttl> above the interval asks for fewer fetches', attempts: [notModified(HOUR), ok(2 * HOUR, {ttlMinutes: 180})], kind: 'rate-limited', health: 'ok', en: /feed \(<ttl>\) asks .* every 3 hours/},
	{
		name: 'a server without validators that never answers 304',
		attempts: [ok(HOUR, {received: undefined}), ok(2 * HOUR, {received: undefined}), ok(3 * HOUR, {received: undefined})],
		kind: 'no-conditional-get', health: 'ok', en: /sends no ETag or Last-Modified.*3 fetches, never “not modified”/, de: /nie „nicht geändert“/,
	},
	{
		name: 'a server that gets validators back and still sends everything ignores conditional GET',
		attempts: [1, 2, 3].map((hours) => ok(hours * HOUR, {sent: {etag: true, lastModified: false}, items: {new: 0, updated: 0, unchanged: 10}})),
		kind: 'no-conditional-get', health: 'ok', en: /ignores conditional requests/,
	},
	{
		name: 'a single-byte label on UTF-8 bytes',
		attempts: [ok(HOUR, {charset: {declared: 'windows-1252', source: 'document', used: 'utf-8', correction: 'utf-8-bytes'}})],
		kind: 'wrong-charset', health: 'warning', en: /declares Windows-1252 \(in the document\), but its bytes are UTF-8/, de: /gibt Windows-1252 an \(im Dokument\)/,
	},
	{
		name: 'UTF-8 declared in the header on Latin-1 bytes',
		attempts: [ok(HOUR, {charset: {declared: 'utf-8', source: 'header', used: 'utf-8', correction: 'invalid-utf-8'}})],
		kind: 'wrong-charset', health: 'warning', en: /declares UTF-8 \(in the HTTP header\)/,
	},
	{
		name: 'ids that churned and were repaired: the repair and when it was applied, nothing to do',
		attempts: [notModified(HOUR), ok(2 * HOUR, {churned: 3, stableIds: true})], state: {stableIdsSince: at(2 * HOUR)},
		kind: 'churning-ids', health: 'ok', since: at(2 * HOUR), fix: {action: 'none', command: null},
		en: /new ids \(3 so far\)\. Repaired on 2026-11-20 10:00: blogroll now knows this feed’s posts by their link/, de: /Behoben am 2026-11-20 10:00: blogroll erkennt die Beiträge dieses Feeds jetzt an ihrem Link/,
	},
	{name: 'ids that churn', attempts: [ok(HOUR, {churned: 3}), ok(2 * HOUR, {churned: 2})], kind: 'churning-ids', health: 'warning', since: at(2 * HOUR), en: /new ids \(5 so far\)/, de: /unter neuen IDs wieder \(bisher 5\)/},
	{name: 'no post for 7 months is dormant for 6 months', attempts: [notModified(HOUR)], state: {newestEntryAt: at(210 * DAY)}, kind: 'dormant', health: 'dormant', en: /No new post for 6 months/, de: /Seit 6 Monaten/},
	{name: 'no post for 13 months is dormant for 12 months', attempts: [notModified(HOUR)], state: {newestEntryAt: at(400 * DAY)}, kind: 'dormant', health: 'dormant', en: /12 months/, fix: {action: 'remove'}},
	{name: 'a post 5 months ago is not dormant', attempts: [notModified(HOUR)], state: {newestEntryAt: at(150 * DAY)}, kind: null, health: 'ok'},
];

describe('diagnoseFeed', () => {
	for (const test of CASES) {
		it(test.name, () => {
			const english = diagnoseFeed(state(test.state), test.attempts, NOW, {language: 'en', formatTime: time});
			const german = diagnoseFeed(state(test.state), test.attempts, NOW, {language: 'de', formatTime: time});
			expect(english.health).toBe(test.health);
			if (test.kind === null) {
				expect(english.problems).toEqual([]);
				return;
			}
			expect(english.problems.map((item) => item.kind)).toEqual([test.kind]);
			const [found] = english.problems;
			if (test.since !== undefined) expect(found!.since).toBe(test.since);
			if (test.fix !== undefined) expect(found!.fix).toMatchObject(test.fix);
			if (test.retry !== undefined) expect(found!.retry).toEqual(test.retry);
			if (test.en !== undefined) expect(found!.message).toMatch(test.en);
			if (test.de !== undefined) expect(german.problems[0]!.message).toMatch(test.de);
			expect(german.problems[0]!.message).not.toBe(found!.message);
			expect(german.problems[0]!.fix.text).not.toBe('');
		});
	}

	it('lists a failure before what is merely worth knowing', () => {
		const result = diagnoseFeed(state({errorStreak: 1, newestEntryAt: at(400 * DAY)}), [failed(HOUR, {code: 'ECONNREFUSED'}), ok(DAY, {churned: 1})], NOW, {formatTime: time});
		expect(result.problems.map((item) => item.kind)).toEqual(['refused', 'churning-ids', 'dormant']);
		expect(result.health).toBe('failing');
	});

	it('has one health word per language', () => {
		expect(healthWord('failing', 'de')).toBe('gestört');
		expect(healthWord('dormant', 'en')).toBe('dormant');
	});
});
