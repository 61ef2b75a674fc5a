/**
 * The diagnosis (pure): a feed's last fetch attempts and cache state, and the time now →
 * its problems in plain words, each with since when and its fix. No I/O: discovery's
 * answer (a feed the site lists now) comes in as part of the state.
 */
import {HEALTH_TEXTS, type HealthLanguage, type HealthTexts} from './texts.js';
import type {Diagnosis, FeedState, FetchAttempt, Fix, Health, Problem, ProblemKind, Retry, Severity} from './types.js';

const DAY_MS = 86_400_000;
/** A 404 is a problem of its own (remove, or the site's new feed) once it has lasted this long. */
export const NOT_FOUND_DAYS = 7;
/** Successful fetches, none of them a 304, before "ignores conditional GET" is said. */
const CONDITIONAL_GET_EVIDENCE = 3;
const DORMANT_MONTHS = [12, 6] as const;

export interface DiagnoseOptions {
	readonly language?: HealthLanguage;
	/** Formats a time for the messages; default: local date and time in the language. */
	readonly formatTime?: (iso: string) => string;
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = {error: 0, warning: 1, info: 2};

/**
 * @param attempts the feed's attempts, newest first (as the store lists them).
 */
export function diagnoseFeed(state: FeedState, attempts: readonly FetchAttempt[], now: Date, options: DiagnoseOptions = {}): Diagnosis {
	const language = options.language ?? 'en';
	const texts = HEALTH_TEXTS[language];
	const time = options.formatTime ?? defaultFormatTime(language);
	const context: Context = {state, attempts, now, texts, time};
	const failure = failureProblem(context);
	const problems = [failure === null ? null : {...failure, retry: retryOf(context)}, movedProblem(context), fetchPaceProblem(context), conditionalGetProblem(context), charsetProblem(context), churningProblem(context), dormantProblem(context)]
		.filter((problem): problem is Problem => problem !== null)
		.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
	return {health: healthOf(problems), problems};
}

/** One word: the worst problem decides; info-only problems leave a feed ok. */
export function healthOf(problems: readonly Problem[]): Health {
	if (problems.some((problem) => problem.severity === 'error')) return 'failing';
	if (problems.some((problem) => problem.severity === 'warning')) return 'warning';
	if (problems.some((problem) => problem.kind === 'dormant')) return 'dormant';
	return 'ok';
}

/** The health word in a language (`gestört`, `ruht` …). */
export function healthWord(health: Health, language: HealthLanguage): string {
	return HEALTH_TEXTS[language].healthWord[health];
}

interface Context {
	readonly state: FeedState;
	readonly attempts: readonly FetchAttempt[];
	readonly now: Date;
	readonly texts: HealthTexts;
	readonly time: (iso: string) => string;
}

function problem(kind: ProblemKind, severity: Severity, message: string, since: string | null, fix: Fix): Problem {
	return {kind, severity, message, since, fix};
}

// ── failures ──────────────────────────────────────────────────────────────

function failureProblem(context: Context): Problem | null {
	const {attempts, state, texts, time, now} = context;
	const latest = attempts[0];
	if (latest === undefined || latest.outcome !== 'failed') return null;
	// The failures in a row that are still in the history; the cache's streak counts pruned ones too.
	let streakEnd = 0;
	while (streakEnd < attempts.length && attempts[streakEnd]!.outcome === 'failed') streakEnd++;
	const streak = attempts.slice(0, streakEnd);
	const times = Math.max(state.errorStreak, streak.length);
	const since = streak.at(-1)!.at;
	const next = state.nextFetchAt === null ? null : time(state.nextFetchAt);
	const tail = texts.streak(times, time(since), next, retryOf(context).backoffMinutes);
	const host = hostOf(latest.url);
	const retry: Fix = {action: 'refresh', text: texts.waitFix, command: `blogroll refresh ${state.url}`};

	if (latest.challenge === true) {
		// Since the first attempt of the streak that met the wall.
		const wallSince = [...streak].reverse().find((attempt) => attempt.challenge === true)?.at ?? latest.at;
		return problem('bot-wall', 'error', texts.botWall(latest.status) + tail, wallSince, {action: 'none', text: texts.botWallFix, command: null});
	}
	if (latest.status === 410) {
		const goneSince = sinceStatus(streak, 410);
		return problem('gone', 'error', texts.gone(time(goneSince)), goneSince, replaceOrRemove(context));
	}
	if (latest.status === 404) {
		const notFoundSince = sinceStatus(streak, 404);
		const days = Math.floor((now.getTime() - Date.parse(notFoundSince)) / DAY_MS);
		if (days >= NOT_FOUND_DAYS) return problem('not-found', 'error', texts.notFound(time(notFoundSince), days), notFoundSince, replaceOrRemove(context));
		return problem('failing', 'error', texts.failing('HTTP 404') + tail, since, retry);
	}
	if (latest.reason === 'not-a-feed' && /html/i.test(latest.contentType ?? 'text/html')) {
		const found = state.foundFeedUrl ?? null;
		const fix: Fix = found === null
			? {action: 'none', text: texts.discoverFix(siteOf(state)), command: `blogroll add ${siteOf(state)}`}
			: subscribeFix(texts, found);
		return problem('html-page', 'error', texts.htmlPage(mediaType(latest.contentType) ?? 'text/html'), sinceReason(streak, 'not-a-feed'), fix);
	}
	if ((latest.status === 429 || latest.status === 503) && latest.retryAfterSeconds !== undefined) {
		return problem('rate-limited', 'warning', texts.rateLimited(next), since, {action: 'none', text: texts.noFixNeeded, command: null});
	}
	const network = networkKind(latest);
	if (network === 'dns') return problem('dns', 'error', texts.dns(host) + tail, since, retry);
	if (network === 'refused') return problem('refused', 'error', texts.refused(host) + tail, since, retry);
	if (network === 'tls') return problem('tls', 'error', texts.tls(host, tlsDetail(latest.code ?? '', texts === HEALTH_TEXTS.de ? 'de' : 'en')) + tail, since, {action: 'none', text: texts.tlsFix, command: null});
	if (network === 'timeout') return problem('timeout', 'error', texts.timeout + tail, since, retry);
	const what = latest.status !== null ? `HTTP ${latest.status}` : latest.code ?? latest.reason ?? '?';
	return problem('failing', 'error', texts.failing(what) + tail, since, retry);
}

/** How often the fetches failed in a row and when the next try is: the back-off, in numbers. */
function retryOf(context: Context): Retry {
	const {attempts, state} = context;
	let streak = 0;
	while (streak < attempts.length && attempts[streak]!.outcome === 'failed') streak++;
	const last = attempts[0] === undefined ? Number.NaN : Date.parse(attempts[0].at);
	const next = state.nextFetchAt === null ? Number.NaN : Date.parse(state.nextFetchAt);
	const backoff = Math.round((next - last) / 60_000);
	return {failures: Math.max(state.errorStreak, streak), nextTryAt: state.nextFetchAt, backoffMinutes: Number.isFinite(backoff) && backoff > 0 ? backoff : null};
}

/** Gone or not found: the feed the site lists now, if discovery found one; else remove. */
function replaceOrRemove(context: Context): Fix {
	const found = context.state.foundFeedUrl ?? null;
	if (found !== null && found !== context.state.url) return subscribeFix(context.texts, found);
	return {action: 'remove', text: context.texts.removeFix, command: `blogroll remove ${context.state.url}`};
}

function subscribeFix(texts: HealthTexts, url: string): Fix {
	return {action: 'subscribe', text: texts.subscribeFix(url), command: `blogroll add ${url}`, url};
}

function sinceStatus(streak: readonly FetchAttempt[], status: number): string {
	let since = streak[0]!.at;
	for (const attempt of streak) {
		if (attempt.status !== status) break;
		since = attempt.at;
	}
	return since;
}

function sinceReason(streak: readonly FetchAttempt[], reason: string): string {
	let since = streak[0]!.at;
	for (const attempt of streak) {
		if (attempt.reason !== reason) break;
		since = attempt.at;
	}
	return since;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const REFUSED_CODES = new Set(['ECONNREFUSED']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TLS_CODE = /^(?:CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(?:VERIFY|GET_ISSUER)|HOSTNAME_MISMATCH|EPROTO)/;

function networkKind(attempt: FetchAttempt): 'dns' | 'refused' | 'tls' | 'timeout' | null {
	if (attempt.reason === 'timeout') return 'timeout';
	const code = attempt.code;
	if (code === undefined) return null;
	if (DNS_CODES.has(code)) return 'dns';
	if (REFUSED_CODES.has(code)) return 'refused';
	if (TIMEOUT_CODES.has(code)) return 'timeout';
	if (TLS_CODE.test(code)) return 'tls';
	return null;
}

function tlsDetail(code: string, language: HealthLanguage): string {
	const de = language === 'de';
	if (code === 'CERT_HAS_EXPIRED') return de ? 'das Zertifikat ist abgelaufen' : 'the certificate has expired';
	if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') return de ? 'das Zertifikat gilt für einen anderen Namen' : 'the certificate is for another host name';
	if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN') return de ? 'das Zertifikat ist selbst signiert' : 'the certificate is self-signed';
	if (code === 'CERT_NOT_YET_VALID') return de ? 'das Zertifikat gilt noch nicht' : 'the certificate is not valid yet';
	return de ? `das Zertifikat lässt sich nicht prüfen (${code})` : `the certificate cannot be verified (${code})`;
}

// ── moves, pace, validators ─────────────────────────────────────────────────

/** One report per move, however many hops it took: the newest attempt that moved the feed. */
function movedProblem(context: Context): Problem | null {
	const moved = context.attempts.find((attempt) => attempt.movedTo !== undefined);
	if (moved?.movedTo === undefined) return null;
	const hops = moved.redirects?.length ?? 1;
	return problem('moved', 'info', context.texts.moved(moved.url, moved.movedTo, hops), moved.at, {action: 'none', text: context.texts.movedFix, command: null});
}

/** The server or the feed asks for fewer fetches than the user's interval (Cache-Control, <ttl>). */
function fetchPaceProblem(context: Context): Problem | null {
	const {attempts, state, texts, time} = context;
	const latest = attempts.find((attempt) => attempt.outcome !== 'failed');
	if (latest === undefined || attempts[0]?.outcome === 'failed') return null;
	const maxAgeMinutes = (latest.maxAgeSeconds ?? 0) / 60;
	// A 304 carries no <ttl>: the last 200's is the one that holds.
	const ttl = latest.ttlMinutes ?? attempts.find((attempt) => attempt.outcome === 'updated')?.ttlMinutes ?? 0;
	const asked = Math.max(maxAgeMinutes, ttl);
	if (asked <= state.intervalMinutes) return null;
	const by = ttl >= maxAgeMinutes ? 'ttl' : 'max-age';
	const next = state.nextFetchAt === null ? null : time(state.nextFetchAt);
	return problem('rate-limited', 'info', texts.asksForFewer(Math.round(asked), by, next), latest.at, {action: 'none', text: texts.noFixNeeded, command: null});
}

/** Never a 304: no validators at all, or validators sent back and still the whole feed. */
function conditionalGetProblem(context: Context): Problem | null {
	const {attempts, state, texts, time} = context;
	const answered = attempts.filter((attempt) => attempt.outcome !== 'failed');
	if (answered.length < CONDITIONAL_GET_EVIDENCE || answered.some((attempt) => attempt.outcome === 'not-modified')) return null;
	const sendsValidators = answered.some((attempt) => attempt.received !== undefined);
	// With validators, only fetches that sent them and got nothing new show the server ignoring them.
	if (sendsValidators) {
		const ignored = answered.filter((attempt) => attempt.sent !== undefined && attempt.items?.new === 0 && attempt.items.updated === 0);
		if (ignored.length < CONDITIONAL_GET_EVIDENCE) return null;
	}
	const next = state.nextFetchAt === null ? null : time(state.nextFetchAt);
	return problem('no-conditional-get', 'info', texts.noConditionalGet(sendsValidators, answered.length, next), answered.at(-1)!.at, {action: 'none', text: texts.noFixNeeded, command: null});
}

// ── content ───────────────────────────────────────────────────────────────

function charsetProblem(context: Context): Problem | null {
	const {attempts, texts} = context;
	const latest = attempts.find((attempt) => attempt.outcome === 'updated');
	const charset = latest?.charset;
	if (latest === undefined || charset === undefined || charset.correction === null) return null;
	let since = latest.at;
	for (const attempt of attempts) {
		if (attempt.outcome !== 'updated') continue;
		if (attempt.charset?.correction !== charset.correction) break;
		since = attempt.at;
	}
	const source = texts.charsetSource[charset.source];
	const message = charset.correction === 'utf-8-bytes'
		? texts.charsetUtf8Bytes(charsetName(charset.declared), source)
		: texts.charsetInvalidUtf8(charset.source === 'default' ? null : source);
	return problem('wrong-charset', 'warning', message, since, {action: 'none', text: texts.charsetFix, command: null});
}

/**
 * Posts that came back under new ids. The refresh repairs it as soon as it sees it (the feed
 * is keyed by link, then title + date, from then on: sync/stable-ids.ts), so the problem is
 * named with the repair and when it was applied; a history from before the repair existed
 * (churn, no switch) still gets the advice.
 */
function churningProblem(context: Context): Problem | null {
	const {attempts, state, texts, time} = context;
	const churned = attempts.filter((attempt) => (attempt.churned ?? 0) > 0);
	if (churned.length === 0) return null;
	const count = churned.reduce((sum, attempt) => sum + (attempt.churned ?? 0), 0);
	const since = churned.at(-1)!.at;
	const repairedAt = state.stableIdsSince ?? null;
	if (repairedAt !== null) {
		return problem('churning-ids', 'info', texts.churningRepaired(count, time(repairedAt)), since, {action: 'none', text: texts.churningRepairedFix, command: null});
	}
	return problem('churning-ids', 'warning', texts.churning(count), since, {action: 'none', text: texts.churningFix, command: null});
}

function dormantProblem(context: Context): Problem | null {
	const {state, now, texts, time} = context;
	if (state.newestEntryAt === null) return null;
	const newest = Date.parse(state.newestEntryAt);
	if (Number.isNaN(newest)) return null;
	for (const months of DORMANT_MONTHS) {
		const limit = new Date(now);
		limit.setUTCMonth(limit.getUTCMonth() - months);
		if (newest <= limit.getTime()) {
			return problem('dormant', 'info', texts.dormant(months, time(state.newestEntryAt)), state.newestEntryAt, {action: 'remove', text: texts.dormantFix, command: `blogroll remove ${state.url}`});
		}
	}
	return null;
}

// ── helpers ───────────────────────────────────────────────────────────────

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

/** Where discovery should look: the site's home page, else the feed url's origin. */
function siteOf(state: FeedState): string {
	if (state.siteUrl !== null) return state.siteUrl;
	try {
		return `${new URL(state.url).origin}/`;
	} catch {
		return state.url;
	}
}

function mediaType(contentType: string | undefined): string | null {
	const type = contentType?.split(';')[0]?.trim();
	return type === undefined || type === '' ? null : type;
}

/** WHATWG names as people know them: windows-1252 is what ISO-8859-1 labels mean. */
function charsetName(encoding: string): string {
	return encoding.toUpperCase().replace(/^WINDOWS-/, 'Windows-');
}

// Made once per language, and only when a message needs a time: building an
// Intl.DateTimeFormat costs about a millisecond, and `list` diagnoses every feed.
const formatters = new Map<HealthLanguage, Intl.DateTimeFormat>();

function defaultFormatTime(language: HealthLanguage): (iso: string) => string {
	return (iso) => {
		let format = formatters.get(language);
		if (format === undefined) {
			format = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {dateStyle: 'medium', timeStyle: 'short'});
			formatters.set(language, format);
		}
		const date = new Date(iso);
		return Number.isNaN(date.getTime()) ? iso : format.format(date);
	};
}
