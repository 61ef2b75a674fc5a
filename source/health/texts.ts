/**
 * The diagnosis in words, English and German. Each function gets the facts already
 * formatted (times, counts, urls); German uses „…“ quotes.
 */
export type HealthLanguage = 'en' | 'de';

export interface HealthTexts {
	readonly moved: (from: string, to: string, hops: number) => string;
	readonly movedFix: string;
	readonly gone: (since: string) => string;
	readonly notFound: (since: string, days: number) => string;
	readonly htmlPage: (contentType: string) => string;
	readonly dns: (host: string) => string;
	readonly refused: (host: string) => string;
	readonly tls: (host: string, detail: string) => string;
	readonly timeout: string;
	readonly failing: (what: string) => string;
	/** Appended to every failure: how often, since when, next try. */
	readonly streak: (times: number, since: string, next: string | null) => string;
	readonly botWall: (status: number | null) => string;
	readonly botWallFix: string;
	readonly rateLimited: (next: string | null) => string;
	readonly asksForFewer: (minutes: number, by: 'max-age' | 'ttl', next: string | null) => string;
	readonly noConditionalGet: (sendsValidators: boolean, times: number, next: string | null) => string;
	readonly noFixNeeded: string;
	readonly charsetUtf8Bytes: (declared: string, source: string) => string;
	readonly charsetInvalidUtf8: (source: string | null) => string;
	readonly charsetFix: string;
	readonly churning: (count: number) => string;
	readonly churningFix: string;
	readonly dormant: (months: number, last: string) => string;
	readonly dormantFix: string;
	readonly removeFix: string;
	readonly subscribeFix: (url: string) => string;
	readonly discoverFix: (url: string) => string;
	readonly waitFix: string;
	readonly tlsFix: string;
	readonly charsetSource: Readonly<Record<'bom' | 'document' | 'header' | 'default' | 'override', string>>;
	readonly healthWord: Readonly<Record<'ok' | 'failing' | 'warning' | 'dormant', string>>;
	/** `blogroll doctor`'s own lines. */
	readonly fixLabel: string;
	readonly attemptsLabel: string;
	readonly noAttempts: string;
	readonly allHealthy: (feeds: number) => string;
	readonly noProblem: string;
	readonly trackersRemoved: (count: number) => string;
	readonly outcome: Readonly<Record<'updated' | 'not-modified' | 'failed', string>>;
	readonly items: (added: number, changed: number, same: number) => string;
	// accounts (issue 16)
	/** A feed server account's feed: its server fetches it, so its url is not diagnosed. */
	readonly fromAccount: (account: string) => string;
}

const en: HealthTexts = {
	moved: (from, to, hops) => `Moved permanently from ${from} to ${to}${hops > 1 ? ` (${hops} redirects)` : ''}. The subscription now uses the new url; entries, read and starred marks were kept.`,
	movedFix: 'Nothing to do.',
	gone: (since) => `The server says the feed is gone for good (410 Gone) since ${since}.`,
	notFound: (since, days) => `The feed has not been found (404) for ${days} days, since ${since}.`,
	htmlPage: (type) => `The url now serves a web page (${type}) instead of a feed.`,
	dns: (host) => `The name ${host} cannot be found (DNS).`,
	refused: (host) => `${host} refuses the connection.`,
	tls: (host, detail) => `The secure connection to ${host} fails: ${detail}.`,
	timeout: 'The server does not answer in time.',
	failing: (what) => `Fetching fails: ${what}.`,
	streak: (times, since, next) => ` ${times === 1 ? 'Once' : `${times} times in a row`}, since ${since}; ${next === null ? 'blogroll keeps trying' : `next try ${next}`}.`,
	botWall: (status) => `A bot wall${status === null ? '' : ` (HTTP ${status})`} answers instead of the feed: the site's protection takes blogroll for an attacker.`,
	botWallFix: 'Ask the site to let feed readers through; blogroll keeps trying at a slower pace.',
	rateLimited: (next) => `The server asks for fewer fetches (429/503 with Retry-After); ${next === null ? 'blogroll waits as asked' : `next fetch ${next}`}.`,
	asksForFewer: (minutes, by, next) => `The ${by === 'ttl' ? 'feed (<ttl>)' : 'server (Cache-Control)'} asks to be fetched at most every ${formatMinutes(minutes, 'en')}; ${next === null ? 'blogroll does so' : `next fetch ${next}`}.`,
	noConditionalGet: (sends, times, next) => `The server ${sends ? 'ignores conditional requests' : 'sends no ETag or Last-Modified'}: the whole feed comes every time (${times} fetches, never “not modified”); ${next === null ? '' : `next fetch ${next}`}`.replace(/; $/, '.'),
	noFixNeeded: 'Nothing to do: blogroll fetches it no more often than needed.',
	charsetUtf8Bytes: (declared, source) => `The feed declares ${declared} (${source}), but its bytes are UTF-8; blogroll reads it as UTF-8.`,
	charsetInvalidUtf8: (source) => source === null ? 'The feed declares no charset and is not valid UTF-8; stray bytes are read as Windows-1252.' : `The feed declares UTF-8 (${source}), but has bytes that are not UTF-8; they are read as Windows-1252.`,
	charsetFix: 'Nothing to do: blogroll reads it correctly. The site owner can fix the label.',
	churning: (count) => `Posts come back under new ids (${count} so far) and show as new again.`,
	churningFix: 'Mark them read with A; the site owner can keep the ids (guid) stable.',
	dormant: (months, last) => `No new post for ${months} months (the last on ${last}).`,
	dormantFix: 'Keep it if you like: blogroll checks it without cost. Or remove it.',
	removeFix: 'Remove the feed.',
	subscribeFix: (url) => `Subscribe to the feed the site lists now: ${url}`,
	discoverFix: (url) => `Look for the site's feed: blogroll add ${url}`,
	waitFix: 'Nothing to do now: blogroll tries again by itself; refresh to try now.',
	tlsFix: 'Check the site in a browser; the certificate is the site owner’s to fix.',
	charsetSource: {bom: 'byte order mark', document: 'in the document', header: 'in the HTTP header', default: 'by default', override: 'your setting for this feed'},
	healthWord: {ok: 'ok', failing: 'failing', warning: 'warning', dormant: 'dormant'},
	fixLabel: 'Fix',
	attemptsLabel: 'Last fetches, newest first',
	noAttempts: 'Not fetched since blogroll began keeping a record.',
	allHealthy: (feeds) => (feeds === 0 ? 'No feeds yet: blogroll add <url> subscribes to one.' : feeds === 1 ? 'The feed is healthy.' : `All ${feeds} feeds are healthy.`),
	noProblem: 'No problem found.',
	trackersRemoved: (count) => `${count} tracker${count === 1 ? '' : 's'} removed from links and images at the last fetch.`,
	outcome: {updated: 'updated', 'not-modified': 'not modified', failed: 'failed'},
	items: (added, changed, same) => `${added} new, ${changed} changed, ${same} unchanged`,
	fromAccount: (account) => `Comes from the account ${account}: its server fetches the feed, so blogroll does not diagnose its url (blogroll sync brings its entries; blogroll account list shows the account's last error).`,
};

const de: HealthTexts = {
	moved: (from, to, hops) => `Dauerhaft umgezogen von ${from} nach ${to}${hops > 1 ? ` (${hops} Weiterleitungen)` : ''}. Das Abo nutzt jetzt die neue Adresse; Einträge, Gelesen- und Stern-Markierungen sind geblieben.`,
	movedFix: 'Nichts zu tun.',
	gone: (since) => `Der Server meldet den Feed als endgültig entfernt (410 Gone), seit ${since}.`,
	notFound: (since, days) => `Der Feed wird seit ${days} Tagen nicht gefunden (404), seit ${since}.`,
	htmlPage: (type) => `Unter der Adresse steht jetzt eine Webseite (${type}) statt eines Feeds.`,
	dns: (host) => `Der Name ${host} lässt sich nicht auflösen (DNS).`,
	refused: (host) => `${host} verweigert die Verbindung.`,
	tls: (host, detail) => `Die sichere Verbindung zu ${host} scheitert: ${detail}.`,
	timeout: 'Der Server antwortet nicht rechtzeitig.',
	failing: (what) => `Der Abruf scheitert: ${what}.`,
	streak: (times, since, next) => ` ${times === 1 ? 'Einmal' : `${times}-mal in Folge`}, seit ${since}; ${next === null ? 'blogroll versucht es weiter' : `nächster Versuch ${next}`}.`,
	botWall: (status) => `Eine Bot-Sperre${status === null ? '' : ` (HTTP ${status})`} antwortet statt des Feeds: der Schutz der Website hält blogroll für einen Angreifer.`,
	botWallFix: 'Die Website müsste Feedreader durchlassen (eine Nachricht an sie hilft oft); blogroll versucht es seltener weiter.',
	rateLimited: (next) => `Der Server bittet um seltenere Abrufe (429/503 mit Retry-After); ${next === null ? 'blogroll wartet wie erbeten' : `nächster Abruf ${next}`}.`,
	asksForFewer: (minutes, by, next) => `${by === 'ttl' ? 'Der Feed (<ttl>)' : 'Der Server (Cache-Control)'} bittet, höchstens alle ${formatMinutes(minutes, 'de')} abzurufen; ${next === null ? 'blogroll hält sich daran' : `nächster Abruf ${next}`}.`,
	noConditionalGet: (sends, times, next) => `Der Server ${sends ? 'ignoriert bedingte Anfragen' : 'sendet weder ETag noch Last-Modified'}: jedes Mal kommt der ganze Feed (${times} Abrufe, nie „nicht geändert“); ${next === null ? '' : `nächster Abruf ${next}`}`.replace(/; $/, '.'),
	noFixNeeded: 'Nichts zu tun: blogroll ruft ihn nicht öfter ab als nötig.',
	charsetUtf8Bytes: (declared, source) => `Der Feed gibt ${declared} an (${source}), seine Bytes sind aber UTF-8; blogroll liest ihn als UTF-8.`,
	charsetInvalidUtf8: (source) => source === null ? 'Der Feed nennt keinen Zeichensatz und ist kein gültiges UTF-8; einzelne Bytes werden als Windows-1252 gelesen.' : `Der Feed gibt UTF-8 an (${source}), enthält aber Bytes, die kein UTF-8 sind; sie werden als Windows-1252 gelesen.`,
	charsetFix: 'Nichts zu tun: blogroll liest ihn richtig. Die Angabe kann nur die Website korrigieren.',
	churning: (count) => `Beiträge kommen unter neuen IDs wieder (bisher ${count}) und erscheinen erneut als neu.`,
	churningFix: 'Mit A als gelesen markieren; die Website kann ihre IDs (guid) stabil halten.',
	dormant: (months, last) => `Seit ${months} Monaten kein neuer Beitrag (der letzte am ${last}).`,
	dormantFix: 'Behalten kostet nichts: blogroll prüft ihn nebenbei. Oder entfernen.',
	removeFix: 'Den Feed entfernen.',
	subscribeFix: (url) => `Den Feed abonnieren, den die Website jetzt nennt: ${url}`,
	discoverFix: (url) => `Nach dem Feed der Website suchen: blogroll add ${url}`,
	waitFix: 'Jetzt nichts zu tun: blogroll versucht es von selbst wieder; „aktualisieren“ versucht es sofort.',
	tlsFix: 'Die Website im Browser prüfen; das Zertifikat kann nur ihr Betreiber reparieren.',
	charsetSource: {bom: 'Byte-Order-Mark', document: 'im Dokument', header: 'im HTTP-Header', default: 'Voreinstellung', override: 'Einstellung dieses Feeds'},
	healthWord: {ok: 'ok', failing: 'gestört', warning: 'Hinweis', dormant: 'ruht'},
	fixLabel: 'Abhilfe',
	attemptsLabel: 'Letzte Abrufe, neueste zuerst',
	noAttempts: 'Nicht abgerufen, seit blogroll Abrufe aufzeichnet.',
	allHealthy: (feeds) => (feeds === 0 ? 'Noch keine Feeds: blogroll add <url> abonniert einen.' : feeds === 1 ? 'Der Feed ist in Ordnung.' : `Alle ${feeds} Feeds sind in Ordnung.`),
	noProblem: 'Kein Problem gefunden.',
	trackersRemoved: (count) => `${count} Tracker beim letzten Abruf aus Links und Bildern entfernt.`,
	outcome: {updated: 'aktualisiert', 'not-modified': 'nicht geändert', failed: 'gescheitert'},
	items: (added, changed, same) => `${added} neu, ${changed} geändert, ${same} unverändert`,
	fromAccount: (account) => `Kommt vom Konto ${account}: dessen Server ruft den Feed ab, daher prüft blogroll seine Adresse nicht („blogroll sync“ holt die Einträge; „blogroll account list“ zeigt den letzten Fehler des Kontos).`,
};

export const HEALTH_TEXTS: Readonly<Record<HealthLanguage, HealthTexts>> = {en, de};

function formatMinutes(minutes: number, language: HealthLanguage): string {
	if (minutes >= 120 && minutes % 60 === 0) return language === 'de' ? `${minutes / 60} Stunden` : `${minutes / 60} hours`;
	if (minutes >= 120) return language === 'de' ? `${Math.round(minutes / 60)} Stunden` : `${Math.round(minutes / 60)} hours`;
	return language === 'de' ? `${Math.round(minutes)} Minuten` : `${Math.round(minutes)} minutes`;
}
