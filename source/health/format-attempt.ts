/** One fetch attempt as one line of text (doctor, the reader's info screen); pure. */
import {HEALTH_TEXTS, type HealthLanguage} from './texts.js';
import type {FetchAttempt} from './types.js';

export function formatAttempt(attempt: FetchAttempt, language: HealthLanguage, formatTime: (iso: string) => string): string {
	const texts = HEALTH_TEXTS[language];
	const parts = [formatTime(attempt.at), attempt.status === null ? '—' : String(attempt.status), texts.outcome[attempt.outcome]];
	if (attempt.durationMs !== undefined) parts.push(`${attempt.durationMs} ms`);
	if (attempt.wireBytes !== undefined) parts.push(formatBytes(attempt.wireBytes, language));
	if (attempt.items !== undefined) parts.push(texts.items(attempt.items.new, attempt.items.updated, attempt.items.unchanged));
	if (attempt.charset !== undefined) parts.push(`${attempt.charset.used} (${texts.charsetSource[attempt.charset.source]})`);
	if (attempt.repairs !== undefined && attempt.repairs.length > 0) parts.push(texts.repaired(attempt.repairs.join(', ')));
	if (attempt.dropped !== undefined) {
		const dropped = Object.entries(attempt.dropped).filter(([, count]) => count > 0);
		if (dropped.length > 0) parts.push(texts.dropped(dropped.map(([why, count]) => texts.droppedWhy(why, count)).join(', ')));
	}
	if (attempt.stableIds === true) parts.push(texts.stableIdsAttempt(attempt.churned ?? 0));
	if (attempt.outcome === 'failed') parts.push(attempt.code ?? attempt.reason ?? '');
	if (attempt.redirects !== undefined) parts.push(attempt.redirects.map((hop) => `${hop.status} → ${hop.url}`).join(', '));
	return parts.filter((part) => part !== '').join(' · ');
}

/** Sizes with the language's decimal mark: „2,2 KB“ in German. */
function formatBytes(bytes: number, language: HealthLanguage): string {
	const oneDecimal = (value: number) => value.toLocaleString(language === 'de' ? 'de-DE' : 'en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1});
	if (bytes >= 1024 * 1024) return `${oneDecimal(bytes / (1024 * 1024))} MB`;
	if (bytes >= 1024) return `${oneDecimal(bytes / 1024)} KB`;
	return `${bytes} B`;
}
