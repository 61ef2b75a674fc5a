/**
 * Failures worded for the reader. A Failure (failure.ts) carries an English `message` for
 * the command line and language-free `reason` + `params`; the English reader shows the
 * message (with English quotes), the German one words the failure from reason and params.
 * A reason without params (an error stored before they existed) falls back to the message.
 */
import type {Failure, FailureParams} from '../failure.js';

/** Quote marks of a language: „…“ in German, “…” in English. */
export function quoteIn(language: 'de' | 'en', text: string): string {
	return language === 'de' ? `„${text}“` : `“${text}”`;
}

/** German for the system's network error codes (English: feeds/http.ts NETWORK_ERROR_TEXT). */
const NETWORK_DE: Readonly<Record<string, string>> = {
	ECONNREFUSED: 'Verbindung abgelehnt',
	ECONNRESET: 'Verbindung zurückgesetzt',
	ENOTFOUND: 'Server nicht gefunden',
	EAI_AGAIN: 'Server nicht gefunden (DNS-Abfrage fehlgeschlagen)',
	EHOSTUNREACH: 'Server nicht erreichbar',
	ENETUNREACH: 'Netzwerk nicht erreichbar',
	ETIMEDOUT: 'Zeitüberschreitung der Verbindung',
	EPIPE: 'Verbindung geschlossen',
	UND_ERR_SOCKET: 'Verbindung vom Server geschlossen',
	UND_ERR_CONNECT_TIMEOUT: 'Zeitüberschreitung der Verbindung',
	UND_ERR_HEADERS_OVERFLOW: 'Kopfzeilen der Antwort zu groß',
	CERT_HAS_EXPIRED: 'TLS-Zertifikat abgelaufen',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'selbstsigniertes TLS-Zertifikat',
	SELF_SIGNED_CERT_IN_CHAIN: 'selbstsigniertes TLS-Zertifikat in der Kette',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS-Zertifikat nicht überprüfbar',
	ERR_TLS_CERT_ALTNAME_INVALID: 'TLS-Zertifikat gilt für einen anderen Server',
};

/** Why a sync folder cannot be used, in German (English: replicate/folder.ts). */
const SYNC_FOLDER_DE: Readonly<Record<string, string>> = {
	ENOENT: 'er existiert nicht',
	ENOTDIR: 'er ist kein Ordner',
	EACCES: 'keine Berechtigung',
	EPERM: 'keine Berechtigung',
	EROFS: 'er liegt auf einem schreibgeschützten Dateisystem',
	ENOSPC: 'der Datenträger ist voll',
	EDQUOT: 'das Speicherkontingent ist erschöpft',
	EIO: 'der Datenträger meldet einen Ein-/Ausgabefehler',
};

/** German names of the HTTP statuses a feed reader meets; others show the number alone. */
const HTTP_STATUS_DE: Readonly<Record<number, string>> = {
	400: 'ungültige Anfrage',
	401: 'Anmeldung erforderlich',
	402: 'Zahlung erforderlich',
	403: 'Zugriff verweigert',
	404: 'nicht gefunden',
	405: 'Methode nicht erlaubt',
	406: 'nicht annehmbar',
	408: 'Zeitüberschreitung der Anfrage',
	410: 'dauerhaft entfernt',
	429: 'zu viele Anfragen',
	451: 'aus rechtlichen Gründen nicht verfügbar',
	500: 'interner Serverfehler',
	502: 'fehlerhaftes Gateway',
	503: 'Dienst nicht verfügbar',
	504: 'Zeitüberschreitung am Gateway',
};

const number = (value: number) => new Intl.NumberFormat('de-DE', {maximumFractionDigits: 1}).format(value);

function sizeDe(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${number(bytes / (1024 * 1024))} MB`;
	if (bytes >= 1024) return `${number(bytes / 1024)} KB`;
	return `${number(bytes)} Bytes`;
}

/** settings: why a typed feed setting was refused, in German. */
function settingDe(key: string | undefined, value: string, count: number | undefined): string | null {
	const typed = quoteIn('de', value);
	switch (key) {
		case 'interval':
			return `Intervall: 1 bis 10080 Minuten (oder wie 2h, 1d), nicht ${typed}`;
		case 'max-entries':
			return `Einträge behalten: eine ganze Zahl von 1 bis 1000000, nicht ${typed}`;
		case 'user-agent':
			return `User-Agent: 1 bis 512 druckbare ASCII-Zeichen, nicht ${typed}`;
		case 'charset':
			return `Zeichensatz ${typed} unbekannt (etwa utf-8, windows-1252, iso-8859-15, macintosh)`;
		case 'full-article':
		case 'paused':
			return `Nur an oder aus, nicht ${typed}`;
		case 'note':
			return `Notiz: 1 bis 280 Zeichen in einer Zeile, nicht ${count ?? 0}`;
		default:
			return null;
	}
}

/** The failure in German, or null when its params do not say enough (the caller shows the message). */
function germanText(reason: string, params: FailureParams): string | null {
	const {url, title, problem, status, code, target, seconds, bytes, count} = params;
	const at = url ?? '';
	switch (reason) {
		// accounts (issue 16): an account's sync, as the reader's status line shows it.
		case 'account-timeout':
			return url === undefined ? null : `${at}: keine Antwort des Servers (Zeitüberschreitung)`;
		case 'account-unreachable':
			return url === undefined ? null : `${at}: ${code === undefined ? 'Server nicht erreichbar' : (NETWORK_DE[code] ?? `Netzwerkfehler (${code})`)}`;
		case 'account-login':
			if (url === undefined) return null;
			if (problem === 'api-disabled') return `${at}: die API ist für dieses Konto ausgeschaltet („Enable API access“ in den Einstellungen von tt-rss)`;
			if (problem === 'session') return `${at}: der Server beendete die Sitzung gleich nach der Anmeldung`;
			return `${at}: Anmeldung abgelehnt – Benutzername oder Passwort stimmen nicht${status === undefined ? '' : ` (HTTP ${status})`}`;
		case 'account-server':
			return url === undefined ? null : `${at}: unerwartete Antwort des Servers${status === undefined ? '' : ` (HTTP ${status})`}`;
		case 'account-refused':
			if (url === undefined) return null;
			if (problem === 'no-feed') return `${at}: der Server fand dort keinen Feed`;
			if (problem === 'several-feeds') return `${at}: die Adresse nennt mehrere Feeds, bitte einen davon abonnieren`;
			return `${at}: der Server lehnte ab${status === undefined ? '' : ` (HTTP ${status})`}`;
		// `B` on a feed server account's feed.
		case 'account-feed':
			return title === undefined || target === undefined ? null : `„${title}“ kommt vom Konto ${target}: dessen Server bringt die Einträge („blogroll sync“), blogroll ruft den Feed nicht selbst ab`;
		case 'bad-url': {
			if (problem === 'empty') return 'Keine Adresse angegeben';
			if (problem === 'malformed') return `Keine gültige Adresse: ${at}`;
			if (problem === 'scheme') return `Nur http- und https-Adressen lassen sich abonnieren, nicht ${target ?? ''} (${at})`;
			if (problem === 'credentials') return `${at}: Benutzername oder Passwort in der Adresse sind fehlerhaft`;
			if (problem === 'redirect') return `${at}: Weiterleitung an eine ungültige Adresse: ${target ?? ''}`;
			return null;
		}
		case 'unsupported-protocol':
			return problem === 'redirect'
				? `${at}: Weiterleitung nach ${target ?? ''}, unterstützt werden nur http und https`
				: `${at}: unterstützt werden nur http und https, nicht ${target ?? ''}`;
		case 'timeout':
			if (seconds === undefined) return null;
			return problem === 'connect' ? `${at}: keine Antwort innerhalb von ${number(seconds)} s` : `${at}: keine vollständige Antwort innerhalb von ${number(seconds)} s`;
		case 'network':
			if (url === undefined) return null;
			if (code === undefined) return `${at}: Netzwerkfehler`;
			return `${at}: ${NETWORK_DE[code] ?? `Netzwerkfehler (${code})`}`;
		case 'redirect-loop':
			return `${at}: Weiterleitungsschleife bei ${target ?? ''}`;
		case 'too-many-redirects':
			return count === undefined ? null : `${at}: mehr als ${number(count)} Weiterleitungen`;
		case 'too-large':
			return bytes === undefined ? null : `${at}: größer als ${sizeDe(bytes)}`;
		case 'no-feed':
			if (url === undefined) return null;
			return problem === 'not-modified' ? `Kein Feed gefunden unter ${at} (der Server antwortete „304 nicht geändert“)` : `Kein Feed gefunden unter ${at}`;
		case 'not-a-feed':
			if (url === undefined) return null;
			return problem === 'binary' ? `${at} ist weder ein Feed noch eine Webseite (${target ?? ''})` : `${at} ist kein Feed`;
		case 'parse-error':
			return url === undefined ? null : `${at} ließ sich nicht lesen: der Feed ist fehlerhaft`;
		case 'internal':
			return url === undefined ? null : `${at}: interner Fehler`;
		case 'open-failed':
			return url === undefined ? null : `Konnte keinen Browser für ${at} öffnen${code === undefined ? '' : ` (${code})`}`;
		case 'unsafe-url':
			return url === undefined ? null : `${at} wird nicht geöffnet: nur http-, https- und mailto-Links werden geöffnet`;
		case 'already-subscribed':
			return title === undefined ? null : `Bereits abonniert: ${quoteIn('de', title)}`;
		case 'unknown-feed':
			return count === undefined ? null : `Kein Feed mit der Nummer ${count}`;
		case 'unknown-entry':
			return count === undefined ? null : `Kein Eintrag mit der Nummer ${count}`;
		case 'no-link':
			return title === undefined ? null : `${quoteIn('de', title)} hat keinen Link, von dem sich der Artikel laden ließe`;
		case 'not-html':
			return url === undefined ? null : `${at} ist keine Webseite${target === undefined ? '' : ` (${target})`}`;
		case 'no-article':
		case 'extract-failed':
			return url === undefined ? null : `${at}: kein Artikel gefunden`;
		case 'not-modified':
			return url === undefined ? null : `${at}: unerwartete Antwort „304 nicht geändert“`;
		// replicate (issue 15)
		case 'sync-folder':
			return url === undefined ? null : `Der Sync-Ordner ${at} ist nicht nutzbar: ${SYNC_FOLDER_DE[code ?? ''] ?? `Fehler${code ? ` (${code})` : ''}`}. Nichts ging verloren: die Änderungen warten im Cache auf den nächsten Abgleich.`;
		case 'sync-busy':
			return 'Ein anderes blogroll gleicht dieses Profil gerade ab; bitte später erneut versuchen';
		// settings: a feed setting typed in the settings overlay's prompt (use-cases/feed-settings.ts)
		case 'invalid-setting':
			return target === undefined && problem !== 'note' ? null : settingDe(problem, target ?? '', count);
		case 'unknown-setting':
			return target === undefined ? null : `Unbekannte Feed-Einstellung ${quoteIn('de', target)}`;
		default:
			if (reason.startsWith('http-') && status !== undefined) {
				if (problem === 'no-location') return `${at}: Weiterleitung (HTTP ${status}) ohne Zieladresse`;
				const name = HTTP_STATUS_DE[status];
				return `${at}: HTTP ${status}${name === undefined ? '' : ` (${name})`}`;
			}
			return null;
	}
}

/** The English reader's wording: the command line's message, quotes made English. */
function englishText(failure: Failure): string {
	return failure.message.replace(/„([^“”]*)[“”]/g, '“$1”');
}

/** One line for the reader's status line, dialog or feed details, in the UI language. */
export function describeFailure(failure: Pick<Failure, 'reason' | 'message' | 'params'>, language: 'de' | 'en'): string {
	const full = {kind: 'failed' as const, ...failure};
	if (language === 'en') return englishText(full);
	return (failure.params === undefined ? null : germanText(failure.reason, failure.params)) ?? failure.message;
}
