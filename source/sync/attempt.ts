/**
 * The fetch attempt the refresh records for feed health (source/health/): built from what
 * the http client traced and what the fetch said, with only the fields that applied, so
 * that a 304 stays one small row.
 */
import type {HttpTrace} from '../feeds/http-types.js';
import type {FetchAttempt} from '../store/health-store.js';
import type {FetchFailure, FetchMeta} from './fetch-feed.js';

/** The wire part of an attempt (redirects, time, bytes, type, validators sent). */
function fromTrace(trace: HttpTrace | undefined): Partial<FetchAttempt> {
	if (trace === undefined) return {};
	return {
		...(trace.redirects.length === 0 ? {} : {redirects: trace.redirects}),
		durationMs: trace.durationMs,
		...(trace.wireBytes === null ? {} : {wireBytes: trace.wireBytes}),
		...(trace.bodyBytes === null ? {} : {bodyBytes: trace.bodyBytes}),
		...(trace.contentType === null ? {} : {contentType: trace.contentType}),
		...(trace.sentEtag || trace.sentLastModified ? {sent: {etag: trace.sentEtag, lastModified: trace.sentLastModified}} : {}),
		...(trace.challenge ? {challenge: true} : {}),
	};
}

/** A 200 or a 304; `items` and `churned` are added when the entries are stored. */
export function successAttempt(url: string, at: string, outcome: 'updated' | 'not-modified', meta: FetchMeta, movedTo: string | null, ttlMinutes: number | null = null): FetchAttempt {
	return {
		at,
		url,
		outcome,
		status: meta.status,
		...fromTrace(meta.trace),
		...(meta.etag !== null || meta.lastModified !== null ? {received: {etag: meta.etag !== null, lastModified: meta.lastModified !== null}} : {}),
		...(meta.maxAgeSeconds === null ? {} : {maxAgeSeconds: meta.maxAgeSeconds}),
		...(ttlMinutes === null ? {} : {ttlMinutes}),
		...(meta.charset === undefined ? {} : {charset: meta.charset}),
		...(movedTo === null ? {} : {movedTo}),
	};
}

/** A failed fetch: an HTTP failure, a network failure, or a body that is not a feed. */
export function failureAttempt(url: string, at: string, failure: FetchFailure): FetchAttempt {
	const code = failure.params?.code;
	return {
		at,
		url,
		outcome: 'failed',
		status: failure.status,
		reason: failure.reason,
		...(typeof code === 'string' ? {code} : {}),
		message: failure.message,
		...fromTrace(failure.trace),
		...(failure.retryAfterSeconds === null ? {} : {retryAfterSeconds: failure.retryAfterSeconds}),
	};
}

/** A bug in the pipeline for this feed, recorded like any failure. */
export function internalAttempt(url: string, at: string, message: string): FetchAttempt {
	return {at, url, outcome: 'failed', status: null, reason: 'internal', message};
}
