/**
 * Every text the reader shows, in English and German, and the locale-aware formatting of
 * dates and numbers. Components receive a `Strings` object; nothing else holds UI text.
 */
import type {Failure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {describeFailure} from './failure-texts.js';
import type {Command} from './keymap.js';
import type {FeedView, SyncSummary} from './services.js';

export type Language = 'de' | 'en';

export interface Strings {
	readonly language: Language;
	readonly locale: string;
	readonly appName: string;
	readonly viewAll: string;
	readonly viewUnread: string;
	readonly viewStarred: string;
	readonly untagged: string;
	readonly unreadCount: (count: string) => string;
	readonly entriesCount: (total: string, unread: string) => string;
	readonly noEntries: string;
	readonly loading: string;
	readonly feedError: (message: string) => string;
	readonly lastFetched: (when: string) => string;
	readonly neverFetched: string;
	readonly refreshing: (done: string, total: string) => string;
	readonly refreshDone: (newEntries: string, failed: string) => string;
	readonly refreshBusy: string;
	readonly noMoreUnread: string;
	readonly noLink: string;
	readonly noSuchLink: (number: string) => string;
	readonly linkPrompt: (digits: string) => string;
	readonly opening: (url: string) => string;
	readonly by: (author: string) => string;
	readonly fullArticle: string;
	readonly feedVersion: string;
	readonly fetchingFull: string;
	readonly fullFailed: (message: string) => string;
	readonly linksTitle: (count: string) => string;
	readonly noLinks: string;
	readonly questionsTitle: (count: string) => string;
	readonly noQuestions: string;
	readonly questionsHint: (count: string) => string;
	readonly helpTitle: string;
	readonly helpFooter: string;
	readonly addTitle: string;
	readonly addPrompt: string;
	readonly addBusy: string;
	readonly addHint: string;
	readonly added: (title: string, count: string) => string;
	readonly removeQuestion: (title: string) => string;
	readonly removeHint: string;
	readonly removed: (title: string) => string;
	readonly markedAllRead: string;
	readonly searchPrompt: string;
	readonly searchLabel: (query: string) => string;
	readonly noSearchResults: (query: string) => string;
	readonly tagsPrompt: (title: string) => string;
	readonly tagsSaved: (title: string, tags: string) => string;
	readonly tagsCleared: (title: string) => string;
	readonly renamePrompt: (title: string) => string;
	readonly renamed: (title: string) => string;
	readonly searchHint: string;
	readonly tagsHint: string;
	readonly renameHint: string;
	readonly selectFeedFirst: string;
	readonly viewQuery: (query: string) => string;
	readonly viewError: (message: string) => string;
	readonly welcomeTitle: string;
	readonly welcomeLines: readonly string[];
	readonly justNow: string;
	readonly minutesAgo: (count: number) => string;
	readonly hoursAgo: (count: number) => string;
	readonly daysAgo: (count: number) => string;
	/** Help text per command (help overlay). */
	readonly commands: Readonly<Record<Command, string>>;
	/** Short labels for the status line. */
	readonly hints: Readonly<Partial<Record<Command, string>>>;
	// layout: help position, feed details
	/** Which help lines show, when they do not all fit: `1–18 of 40`. */
	readonly helpPosition: (from: string, to: string, total: string) => string;
	/** There are more help lines below. */
	readonly helpMore: string;
	/** A failing feed: when its last refresh failed, and why. */
	readonly lastFailed: (when: string, message: string) => string;
	readonly lastSucceeded: (when: string) => string;
	readonly neverSucceeded: string;
	// replicate: what a sync brought in, e.g. "12 read, 1 new feed from laptop"
	readonly syncReceived: (summary: SyncSummary, number: (value: number) => string) => string;
}

const en: Strings = {
	language: 'en',
	locale: 'en-US',
	appName: 'blogroll',
	viewAll: 'All',
	viewUnread: 'Unread',
	viewStarred: 'Starred',
	untagged: 'Untagged',
	unreadCount: count => `${count} unread`,
	entriesCount: (total, unread) => `${total} ${total === '1' ? 'entry' : 'entries'}, ${unread} unread`,
	noEntries: 'No entries in this view.',
	loading: 'Loading …',
	feedError: message => `! Last refresh failed: ${message}`,
	lastFetched: when => `Last refreshed ${when}`,
	neverFetched: 'Not refreshed yet',
	refreshing: (done, total) => `Refreshing ${done}/${total} …`,
	refreshDone: (newEntries, failed) => `Refreshed: ${newEntries} new, ${failed} failed`,
	refreshBusy: 'A refresh is already running',
	noMoreUnread: 'No more unread entries',
	noLink: 'This entry has no link',
	noSuchLink: number => `There is no link ${number}`,
	linkPrompt: digits => `Open link ${digits} — Enter to open, Esc to cancel`,
	opening: url => `Opening ${url}`,
	by: author => `by ${author}`,
	fullArticle: 'full article',
	feedVersion: 'feed content',
	fetchingFull: 'Fetching the full article …',
	fullFailed: message => `! Full article not available: ${message}`,
	linksTitle: count => `Links (${count}) — number + Enter or select + Enter`,
	noLinks: 'This article has no links.',
	questionsTitle: count => `Questions (${count}) — Enter jumps to the answer`,
	noQuestions: 'This article has no FAQ questions.',
	questionsHint: count => `${count} questions: t list, ] next, [ previous`,
	helpTitle: 'Keys',
	helpFooter: 'Esc or ? closes the help',
	addTitle: 'Add a feed',
	addPrompt: 'URL of a feed or a site: ',
	addBusy: 'Looking for the feed …',
	addHint: 'Enter adds, Esc cancels',
	added: (title, count) => `Added “${title}” (${count} entries)`,
	removeQuestion: title => `Remove the feed “${title}” and its entries?`,
	removeHint: 'y removes, n or Esc keeps it',
	removed: title => `Removed “${title}”`,
	markedAllRead: 'Marked all entries in this view read',
	searchPrompt: 'Search: ',
	searchLabel: query => `Search “${query}”`,
	noSearchResults: query => `Nothing found for “${query}”`,
	tagsPrompt: title => `Tags of “${title}”: `,
	tagsSaved: (title, tags) => `“${title}” is tagged ${tags}`,
	tagsCleared: title => `“${title}” has no tags now`,
	renamePrompt: () => 'New title: ',
	renamed: title => `Renamed to “${title}”`,
	searchHint: 'Words from title, author or text · Enter searches, Esc cancels',
	tagsHint: 'Separate tags with commas or spaces · Enter saves, Esc cancels',
	renameHint: 'Ctrl-U clears · empty: the feed’s own title · Enter saves, Esc cancels',
	selectFeedFirst: 'Select a feed first',
	viewQuery: query => `Query: ${query}`,
	viewError: message => `! This view’s query is invalid: ${message}`,
	welcomeTitle: 'Welcome to blogroll',
	welcomeLines: [
		'You have no subscriptions yet.',
		'',
		'Add a feed:',
		'  • press a here and type the url of a blog or its feed, or',
		'  • run  blogroll add <url>  in your shell.',
		'',
		'Try the demo with a few sample blogs:  npm run demo',
		'',
		'? shows every key, q quits.',
	],
	justNow: 'just now',
	minutesAgo: count => `${count} min ago`,
	hoursAgo: count => `${count} h ago`,
	daysAgo: count => (count === 1 ? 'yesterday' : `${count} days ago`),
	commands: {
		down: 'Move down / scroll one line',
		up: 'Move up / scroll one line',
		top: 'Go to the top',
		bottom: 'Go to the bottom',
		pageDown: 'Page down',
		pageUp: 'Page up',
		open: 'Open',
		back: 'Back / close',
		quit: 'Quit',
		nextUnread: 'Next unread',
		previousUnread: 'Previous unread',
		nextArticle: 'Next article',
		previousArticle: 'Previous article',
		toggleRead: 'Toggle read',
		markAllRead: 'Mark all in view read',
		toggleStar: 'Toggle star',
		openInBrowser: 'Open in browser',
		refreshThis: 'Refresh this feed / view',
		refreshAll: 'Refresh all feeds',
		addFeed: 'Add a feed by url',
		removeFeed: 'Remove feed (asks first)',
		search: 'Search all entries (full text)',
		editTags: 'Edit the feed’s tags',
		renameFeed: 'Rename the feed (locally)',
		toggleFull: 'Full article / feed content',
		showLinks: 'List of links',
		showQuestions: 'FAQ questions',
		nextQuestion: 'Next FAQ question',
		previousQuestion: 'Previous FAQ question',
		typeDigit: 'Link number, then Enter opens it',
		confirm: 'Yes',
		help: 'Help',
		redraw: 'Redraw the screen',
	},
	hints: {
		open: 'open',
		back: 'back',
		quit: 'quit',
		confirm: 'yes',
		nextUnread: 'next unread',
		toggleStar: 'star',
		openInBrowser: 'browser',
		toggleFull: 'full',
		showLinks: 'links',
		refreshAll: 'refresh',
		addFeed: 'add',
		search: 'search',
		help: 'help',
	},
	// layout
	helpPosition: (from, to, total) => `${from}–${to} of ${total}`,
	helpMore: '↓ more',
	lastFailed: (when, message) => `! Last refresh failed ${when}: ${message}`,
	lastSucceeded: when => `Last successful refresh: ${when}`,
	neverSucceeded: 'Never refreshed successfully',
	// replicate
	syncReceived: (summary, number) => {
		const parts = [
			...(summary.read > 0 ? [`${number(summary.read)} read`] : []),
			...(summary.unread > 0 ? [`${number(summary.unread)} unread`] : []),
			...(summary.starred > 0 ? [`${number(summary.starred)} starred`] : []),
			...(summary.newFeeds > 0 ? [`${number(summary.newFeeds)} new feed${summary.newFeeds === 1 ? '' : 's'}`] : []),
			...(summary.removedFeeds > 0 ? [`${number(summary.removedFeeds)} feed${summary.removedFeeds === 1 ? '' : 's'} removed`] : []),
			...(summary.changedFeeds > 0 ? [`${number(summary.changedFeeds)} feed${summary.changedFeeds === 1 ? '' : 's'} changed`] : []),
			...(summary.views > 0 ? ['views changed'] : []),
		];
		return `Synced: ${parts.join(', ')}${summary.from.length === 0 ? '' : ` from ${summary.from.join(', ')}`}`;
	},
};

const de: Strings = {
	language: 'de',
	locale: 'de-DE',
	appName: 'blogroll',
	viewAll: 'Alle',
	viewUnread: 'Ungelesen',
	viewStarred: 'Markiert',
	untagged: 'Ohne Schlagwort',
	unreadCount: count => `${count} ungelesen`,
	entriesCount: (total, unread) => `${total} ${total === '1' ? 'Eintrag' : 'Einträge'}, ${unread} ungelesen`,
	noEntries: 'Keine Einträge in dieser Ansicht.',
	loading: 'Wird geladen …',
	feedError: message => `! Letzte Aktualisierung fehlgeschlagen: ${message}`,
	lastFetched: when => `Zuletzt aktualisiert ${when}`,
	neverFetched: 'Noch nicht aktualisiert',
	refreshing: (done, total) => `Aktualisiere ${done}/${total} …`,
	refreshDone: (newEntries, failed) => `Aktualisiert: ${newEntries} neu, ${failed} fehlgeschlagen`,
	refreshBusy: 'Eine Aktualisierung läuft bereits',
	noMoreUnread: 'Keine weiteren ungelesenen Einträge',
	noLink: 'Dieser Eintrag hat keinen Link',
	noSuchLink: number => `Es gibt keinen Link ${number}`,
	linkPrompt: digits => `Link ${digits} öffnen — Enter öffnet, Esc bricht ab`,
	opening: url => `Öffne ${url}`,
	by: author => `von ${author}`,
	fullArticle: 'ganzer Artikel',
	feedVersion: 'Inhalt aus dem Feed',
	fetchingFull: 'Lade den ganzen Artikel …',
	fullFailed: message => `! Ganzer Artikel nicht verfügbar: ${message}`,
	linksTitle: count => `Links (${count}) — Nummer + Enter oder auswählen + Enter`,
	noLinks: 'Dieser Artikel enthält keine Links.',
	questionsTitle: count => `Fragen (${count}) — Enter springt zur Antwort`,
	noQuestions: 'Dieser Artikel enthält keine FAQ-Fragen.',
	questionsHint: count => `${count} Fragen: t Liste, ] nächste, [ vorige`,
	helpTitle: 'Tasten',
	helpFooter: 'Esc oder ? schließt die Hilfe',
	addTitle: 'Feed hinzufügen',
	addPrompt: 'URL eines Feeds oder einer Website: ',
	addBusy: 'Suche den Feed …',
	addHint: 'Enter fügt hinzu, Esc bricht ab',
	added: (title, count) => `„${title}“ hinzugefügt (${count} Einträge)`,
	removeQuestion: title => `Den Feed „${title}“ mit seinen Einträgen entfernen?`,
	removeHint: 'j oder y entfernt, n oder Esc behält ihn',
	removed: title => `„${title}“ entfernt`,
	markedAllRead: 'Alle Einträge dieser Ansicht als gelesen markiert',
	searchPrompt: 'Suche: ',
	searchLabel: query => `Suche „${query}“`,
	noSearchResults: query => `Nichts gefunden für „${query}“`,
	tagsPrompt: title => `Schlagwörter von „${title}“: `,
	tagsSaved: (title, tags) => `„${title}“ hat die Schlagwörter ${tags}`,
	tagsCleared: title => `„${title}“ hat jetzt keine Schlagwörter`,
	renamePrompt: () => 'Neuer Titel: ',
	renamed: title => `Umbenannt in „${title}“`,
	searchHint: 'Wörter aus Titel, Autor oder Text · Enter sucht, Esc bricht ab',
	tagsHint: 'Schlagwörter mit Komma oder Leerzeichen trennen · Enter speichert, Esc bricht ab',
	renameHint: 'Strg-U leert · leer: eigener Titel des Feeds · Enter speichert, Esc bricht ab',
	selectFeedFirst: 'Zuerst einen Feed auswählen',
	viewQuery: query => `Abfrage: ${query}`,
	viewError: message => `! Die Abfrage dieser Ansicht ist ungültig: ${message}`,
	welcomeTitle: 'Willkommen bei blogroll',
	welcomeLines: [
		'Du hast noch keine Abonnements.',
		'',
		'Einen Feed hinzufügen:',
		'  • hier a drücken und die Adresse eines Blogs oder Feeds eingeben, oder',
		'  • in der Shell  blogroll add <url>  aufrufen.',
		'',
		'Die Demo mit einigen Beispiel-Blogs ausprobieren:  npm run demo',
		'',
		'? zeigt alle Tasten, q beendet.',
	],
	justNow: 'gerade eben',
	minutesAgo: count => `vor ${count} Min.`,
	hoursAgo: count => `vor ${count} Std.`,
	daysAgo: count => (count === 1 ? 'gestern' : `vor ${count} Tagen`),
	commands: {
		down: 'Nach unten / eine Zeile weiter',
		up: 'Nach oben / eine Zeile zurück',
		top: 'Zum Anfang',
		bottom: 'Zum Ende',
		pageDown: 'Seite vor',
		pageUp: 'Seite zurück',
		open: 'Öffnen',
		back: 'Zurück / schließen',
		quit: 'Beenden',
		nextUnread: 'Nächster ungelesener',
		previousUnread: 'Voriger ungelesener',
		nextArticle: 'Nächster Artikel',
		previousArticle: 'Voriger Artikel',
		toggleRead: 'Gelesen umschalten',
		markAllRead: 'Alle in der Ansicht als gelesen markieren',
		toggleStar: 'Markierung (Stern) umschalten',
		openInBrowser: 'Im Browser öffnen',
		refreshThis: 'Diesen Feed / diese Ansicht aktualisieren',
		refreshAll: 'Alle Feeds aktualisieren',
		addFeed: 'Feed per URL hinzufügen',
		removeFeed: 'Feed entfernen (mit Rückfrage)',
		search: 'Alle Einträge durchsuchen (Volltext)',
		editTags: 'Schlagwörter des Feeds bearbeiten',
		renameFeed: 'Feed umbenennen (nur lokal)',
		toggleFull: 'Ganzer Artikel / Feed-Inhalt',
		showLinks: 'Liste der Links',
		showQuestions: 'FAQ-Fragen',
		nextQuestion: 'Nächste FAQ-Frage',
		previousQuestion: 'Vorige FAQ-Frage',
		typeDigit: 'Link-Nummer, dann öffnet Enter den Link',
		confirm: 'Ja',
		help: 'Hilfe',
		redraw: 'Bildschirm neu zeichnen',
	},
	hints: {
		open: 'öffnen',
		back: 'zurück',
		quit: 'beenden',
		confirm: 'ja',
		nextUnread: 'nächster ungelesener',
		toggleStar: 'Stern',
		openInBrowser: 'Browser',
		toggleFull: 'ganz',
		showLinks: 'Links',
		refreshAll: 'aktualisieren',
		addFeed: 'hinzufügen',
		search: 'suchen',
		help: 'Hilfe',
	},
	// layout
	helpPosition: (from, to, total) => `${from}–${to} von ${total}`,
	helpMore: '↓ weiter',
	lastFailed: (when, message) => `! Letzte Aktualisierung ${when} fehlgeschlagen: ${message}`,
	lastSucceeded: when => `Zuletzt erfolgreich aktualisiert: ${when}`,
	neverSucceeded: 'Noch nie erfolgreich aktualisiert',
	// replicate
	syncReceived: (summary, number) => {
		const parts = [
			...(summary.read > 0 ? [`${number(summary.read)} gelesen`] : []),
			...(summary.unread > 0 ? [`${number(summary.unread)} ungelesen`] : []),
			...(summary.starred > 0 ? [`${number(summary.starred)} markiert`] : []),
			...(summary.newFeeds > 0 ? [`${number(summary.newFeeds)} ${summary.newFeeds === 1 ? 'neuer Feed' : 'neue Feeds'}`] : []),
			...(summary.removedFeeds > 0 ? [`${number(summary.removedFeeds)} Feed${summary.removedFeeds === 1 ? '' : 's'} entfernt`] : []),
			...(summary.changedFeeds > 0 ? [`${number(summary.changedFeeds)} Feed${summary.changedFeeds === 1 ? '' : 's'} geändert`] : []),
			...(summary.views > 0 ? ['Ansichten geändert'] : []),
		];
		return `Abgeglichen: ${parts.join(', ')}${summary.from.length === 0 ? '' : ` von ${summary.from.join(', ')}`}`;
	},
};

/**
 * A failure (from the fetcher, discovery, the browser opener, the store …) as one line in
 * the UI language, from its reason and params; see failure-texts.ts.
 */
export function failureMessage(failure: Pick<Failure, 'reason' | 'message' | 'params'>, strings: Strings): string {
	return sanitizeLine(describeFailure(failure, strings.language));
}

/** A feed's last refresh error in the UI language; null when the last refresh succeeded. */
export function lastErrorMessage(feed: Pick<FeedView, 'lastError' | 'lastErrorDetail'>, strings: Strings): string | null {
	if (feed.lastError === null) return null;
	const detail = feed.lastErrorDetail ?? {reason: 'unknown'};
	return failureMessage({...detail, message: feed.lastError}, strings);
}

/** The UI texts for a language. */
export function stringsFor(language: Language): Strings {
	return language === 'de' ? de : en;
}

/**
 * The UI language: a setting wins; else the first of LC_ALL, LC_MESSAGES, LANG that is
 * set (POSIX precedence); German for any `de…` locale, English otherwise.
 */
export function detectLanguage(env: Readonly<Record<string, string | undefined>>, setting?: Language | null): Language {
	if (setting) return setting;
	const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find(value => value !== undefined && value !== '');
	return locale !== undefined && /^de(?:[_.@-]|$)/i.test(locale) ? 'de' : 'en';
}

// Intl formatters are costly to build and every frame formats dozens of rows: one per locale.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function cached<T>(cache: Map<string, T>, locale: string, create: () => T): T {
	let value = cache.get(locale);
	if (value === undefined) {
		value = create();
		cache.set(locale, value);
	}
	return value;
}

/** A number with the locale's grouping: `50.000` / `50,000`. */
export function formatNumber(value: number, strings: Strings): string {
	return cached(numberFormats, strings.locale, () => new Intl.NumberFormat(strings.locale)).format(value);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A date for a list row: relative for the last week ("vor 5 Min.", "5 min ago"),
 * the locale's short date otherwise. Dates slightly in the future (clock skew) count as now.
 */
export function formatDate(iso: string, now: Date, strings: Strings): string {
	const date = new Date(iso);
	const time = date.getTime();
	if (Number.isNaN(time)) return '';
	const age = now.getTime() - time;
	if (age < MINUTE && age > -HOUR) return strings.justNow;
	if (age >= MINUTE && age < HOUR) return strings.minutesAgo(Math.floor(age / MINUTE));
	if (age >= HOUR && age < DAY) return strings.hoursAgo(Math.floor(age / HOUR));
	if (age >= DAY && age < 7 * DAY) return strings.daysAgo(Math.floor(age / DAY));
	return cached(dateFormats, strings.locale, () => new Intl.DateTimeFormat(strings.locale, {day: '2-digit', month: '2-digit', year: 'numeric'})).format(date);
}

/** A full date and time for the article header. */
export function formatDateTime(iso: string, strings: Strings): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return '';
	return cached(dateTimeFormats, strings.locale, () => new Intl.DateTimeFormat(strings.locale, {dateStyle: 'medium', timeStyle: 'short'})).format(date);
}
