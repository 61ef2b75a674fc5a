import type {Language} from './strings.js';

/**
 * The one keymap: every key the reader understands, per context. Input handling
 * (`resolveCommand`), the help overlay and the status-line hints all read this table.
 */

/** Where input goes: the screen, or the overlay on top of it. */
export type InputContext =
	| 'welcome'
	| 'feeds'
	| 'entries'
	| 'article'
	| 'help'
	| 'links'
	| 'toc'
	| 'confirm'
	| 'prompt'
	// Discover: the suggestions, a suggestion's latest posts, one of them as an article.
	| 'discover'
	| 'discoverPosts'
	| 'discoverArticle'
	// Feed health: the feed info screen.
	| 'info'

	// settings: a feed's own settings, over the feeds screen
	| 'feedSettings';

export type Command =
	| 'down'
	| 'up'
	| 'top'
	| 'bottom'
	| 'pageDown'
	| 'pageUp'
	| 'open'
	| 'back'
	| 'quit'
	| 'nextUnread'
	| 'previousUnread'
	| 'nextArticle'
	| 'previousArticle'
	| 'toggleRead'
	| 'markAllRead'
	| 'toggleStar'
	| 'openInBrowser'
	| 'refreshThis'
	| 'refreshAll'
	| 'addFeed'
	| 'removeFeed'
	| 'search'
	| 'editTags'
	| 'renameFeed'
	| 'toggleFull'
	| 'showLinks'
	| 'showQuestions'
	| 'nextQuestion'
	| 'previousQuestion'
	| 'typeDigit'
	| 'confirm'
	| 'help'
	| 'redraw'
	| 'undoMarkAll'
	| 'discover'
	| 'subscribeSuggestion'
	| 'dismissSuggestion'
	| 'probeSuggestions'
	| 'loadImages'
	// feed health: the feed info screen and its fixes
	| 'feedInfo'
	| 'subscribeFound'
	// backfill
	| 'backfillFeed'
	| 'feedSettings'
	| 'changeSetting'
	| 'resetSetting';

/**
 * A key as the table names it: a printable character (`j`, `G`, `?`), or one of
 * `up down left right home end pagedown pageup return escape space backspace`, or `ctrl+<letter>`.
 */
export type KeyName = string;

/** One row of the keymap. `hint` marks the few commands the status line shows. */
export interface KeyBinding {
	readonly command: Command;
	readonly keys: readonly KeyName[];
	readonly contexts: readonly InputContext[];
	readonly hint?: boolean;
	/**
	 * Only in this UI language. A destructive confirmation takes its own language's explicit
	 * yes and nothing else: `j` is "down" everywhere, so it must not remove a feed in English.
	 */
	readonly language?: Language;
}

const LISTS: readonly InputContext[] = ['feeds', 'entries', 'links', 'toc', 'help', 'discover', 'discoverPosts', 'info', 'feedSettings'];
const MOVING: readonly InputContext[] = [...LISTS, 'article', 'discoverArticle'];
const DISCOVER: readonly InputContext[] = ['discover', 'discoverPosts', 'discoverArticle'];
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

// Order matters: the first row whose context and key match wins (`q` quits on the top
// screen and goes back everywhere else).
export const KEYMAP: readonly KeyBinding[] = [
	{command: 'down', keys: ['j', 'down'], contexts: MOVING},
	{command: 'up', keys: ['k', 'up'], contexts: MOVING},
	{command: 'top', keys: ['g', 'home'], contexts: MOVING},
	{command: 'bottom', keys: ['G', 'end'], contexts: MOVING},
	{command: 'pageDown', keys: ['pagedown', 'space'], contexts: MOVING},
	{command: 'pageUp', keys: ['pageup', 'b'], contexts: MOVING},
	{command: 'typeDigit', keys: DIGITS, contexts: ['article', 'links', 'discoverArticle']},
	{command: 'open', keys: ['return', 'l', 'right'], contexts: ['feeds', 'entries', 'links', 'toc', 'discover', 'discoverPosts'], hint: true},
	// In the article Enter opens the link whose number was typed.
	{command: 'open', keys: ['return'], contexts: ['article', 'discoverArticle']},
	{command: 'quit', keys: ['q'], contexts: ['feeds', 'welcome'], hint: true},
	{command: 'confirm', keys: ['y'], contexts: ['confirm'], language: 'en', hint: true},
	{command: 'confirm', keys: ['j'], contexts: ['confirm'], language: 'de', hint: true},
	{command: 'back', keys: ['n', 'escape', 'q', 'h', 'left'], contexts: ['confirm'], hint: true},
	// settings: Enter changes the selected setting (a switch flips, the others ask), x resets it.
	{command: 'changeSetting', keys: ['return', 'e'], contexts: ['feedSettings'], hint: true},
	{command: 'resetSetting', keys: ['x', 'backspace'], contexts: ['feedSettings'], hint: true},
	{command: 'back', keys: ['q', 'escape', 'h', 'left'], contexts: ['entries', 'article', 'links', 'toc', 'help', 'info', 'feedSettings', ...DISCOVER], hint: true},
	// images: early in the table, so that its hint fits the article's status line at 80 columns.
	{command: 'loadImages', keys: ['I'], contexts: ['article'], hint: true},
	{command: 'nextUnread', keys: ['n'], contexts: ['feeds', 'entries', 'article'], hint: true},
	{command: 'previousUnread', keys: ['N'], contexts: ['feeds', 'entries', 'article']},
	// Early in the table: its hint is among the few the status line has room for at 80 columns.
	{command: 'search', keys: ['/'], contexts: ['feeds', 'entries', 'article'], hint: true},
	// Discover, and on its screens subscribing, dismissing, asking again: hinted, so early in the table.
	{command: 'discover', keys: ['D'], contexts: ['feeds', 'welcome'], hint: true},
	{command: 'subscribeSuggestion', keys: ['a'], contexts: DISCOVER, hint: true},
	{command: 'dismissSuggestion', keys: ['x'], contexts: ['discover'], hint: true},
	{command: 'probeSuggestions', keys: ['R'], contexts: ['discover'], hint: true},
	{command: 'nextArticle', keys: ['J'], contexts: ['article', 'discoverArticle']},
	{command: 'previousArticle', keys: ['K'], contexts: ['article', 'discoverArticle']},
	{command: 'toggleRead', keys: ['m'], contexts: ['entries', 'article']},
	{command: 'markAllRead', keys: ['A'], contexts: ['feeds', 'entries']},
	{command: 'undoMarkAll', keys: ['u'], contexts: ['feeds', 'entries']},
	{command: 'toggleStar', keys: ['s'], contexts: ['entries', 'article'], hint: true},
	{command: 'openInBrowser', keys: ['o'], contexts: ['entries', 'article', ...DISCOVER], hint: true},
	{command: 'toggleFull', keys: ['f'], contexts: ['article', 'discoverArticle'], hint: true},
	{command: 'showLinks', keys: ['L'], contexts: ['article', 'discoverArticle'], hint: true},
	{command: 'showQuestions', keys: ['t'], contexts: ['article']},
	{command: 'nextQuestion', keys: [']'], contexts: ['article']},
	{command: 'previousQuestion', keys: ['['], contexts: ['article']},
	// The feed info screen's fixes: remove, subscribe to the feed the site lists now, refresh now.
	{command: 'removeFeed', keys: ['d'], contexts: ['info'], hint: true},
	{command: 'subscribeFound', keys: ['s'], contexts: ['info'], hint: true},
	{command: 'refreshThis', keys: ['r'], contexts: ['info'], hint: true},
	{command: 'refreshThis', keys: ['r'], contexts: ['feeds', 'entries', 'article']},
	{command: 'refreshAll', keys: ['R'], contexts: ['welcome', 'feeds', 'entries', 'article'], hint: true},
	{command: 'addFeed', keys: ['a'], contexts: ['welcome', 'feeds'], hint: true},
	{command: 'removeFeed', keys: ['d'], contexts: ['feeds']},
	{command: 'editTags', keys: ['t'], contexts: ['feeds']},
	{command: 'renameFeed', keys: ['e'], contexts: ['feeds']},
	{command: 'feedInfo', keys: ['i'], contexts: ['feeds'], hint: true},
	{command: 'feedSettings', keys: ['S'], contexts: ['feeds']},
	{command: 'backfillFeed', keys: ['B'], contexts: ['feeds']},
	{command: 'help', keys: ['?'], contexts: ['welcome', 'feeds', 'entries', 'article', 'help', ...DISCOVER], hint: true},
	{command: 'redraw', keys: ['ctrl+l'], contexts: ['welcome', 'feeds', 'entries', 'article', 'help', 'links', 'toc', 'confirm', 'info', 'feedSettings', ...DISCOVER]},
];

/** What Ink reports for one key press (the subset of its `Key` the keymap reads). */
export interface KeyPress {
	readonly upArrow?: boolean;
	readonly downArrow?: boolean;
	readonly leftArrow?: boolean;
	readonly rightArrow?: boolean;
	readonly pageDown?: boolean;
	readonly pageUp?: boolean;
	readonly home?: boolean;
	readonly end?: boolean;
	readonly return?: boolean;
	readonly escape?: boolean;
	readonly ctrl?: boolean;
	readonly backspace?: boolean;
	readonly delete?: boolean;
}

/** The table's name for one key press, or null for keys the table cannot name. */
export function nameKey(input: string, key: KeyPress): KeyName | null {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageDown) return 'pagedown';
	if (key.pageUp) return 'pageup';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'return';
	if (key.escape) return 'escape';
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl) return input.length === 1 ? `ctrl+${input.toLowerCase()}` : null;
	if (input === ' ') return 'space';
	// Characters split out of a chunk of fast typing carry no key flags.
	if (input === '\r' || input === '\n') return 'return';
	if (input === '\u001B') return 'escape';
	if (input === '\u007F' || input === '\b') return 'backspace';
	// A paste arrives as one string: it is not a key.
	return [...input].length === 1 ? input : null;
}

/** True when a row applies in the language (rows without one apply in every language). */
function isInLanguage(row: KeyBinding, language: Language | undefined): boolean {
	return row.language === undefined || row.language === language;
}

/**
 * The command a key press means in a context and UI language, or null. Pure: the table
 * decides. Without a language, rows bound to one never match.
 */
export function resolveCommand(input: string, key: KeyPress, context: InputContext, language?: Language): Command | null {
	const name = nameKey(input, key);
	if (name === null) return null;
	const binding = KEYMAP.find(row => row.contexts.includes(context) && isInLanguage(row, language) && row.keys.includes(name));
	return binding?.command ?? null;
}

const KEY_LABELS: Readonly<Record<string, string>> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	home: 'Home',
	end: 'End',
	pagedown: 'PgDn',
	pageup: 'PgUp',
	return: 'Enter',
	escape: 'Esc',
	space: 'Space',
	backspace: 'Backspace',
	'ctrl+l': 'Ctrl-L',
};

/** The names printed on German keyboards (DIN 2137), where they differ from the English ones. */
const KEY_LABELS_DE: Readonly<Record<string, string>> = {
	home: 'Pos1',
	end: 'Ende',
	pagedown: 'Bild↓',
	pageup: 'Bild↑',
	return: 'Eingabe',
	space: 'Leertaste',
	backspace: 'Rück',
	'ctrl+l': 'Strg-L',
};

/** How a key is written in help and hints, in the UI language (`Ctrl-L` / `Strg-L`). */
export function labelKey(name: KeyName, language: 'de' | 'en' = 'en'): string {
	return (language === 'de' ? KEY_LABELS_DE[name] : undefined) ?? KEY_LABELS[name] ?? name;
}

/** Keys of a binding as one label: digits collapse to `0–9`. */
export function labelKeys(binding: KeyBinding, language: 'de' | 'en' = 'en'): string {
	if (binding.command === 'typeDigit') return '0–9';
	return binding.keys.map(name => labelKey(name, language)).join(' ');
}

/** The bindings for a context (in a language, when given), one per command, in table order. */
export function bindingsFor(context: InputContext, language?: Language): readonly KeyBinding[] {
	const seen = new Set<Command>();
	return KEYMAP.filter(row => {
		if (!row.contexts.includes(context) || seen.has(row.command)) return false;
		if (language !== undefined && !isInLanguage(row, language)) return false;
		seen.add(row.command);
		return true;
	});
}

/** The status-line hints for a context: the hinted bindings, first key of each. */
export function hintsFor(context: InputContext, language: Language = 'en'): readonly {readonly key: string; readonly command: Command}[] {
	return bindingsFor(context, language)
		.filter(row => row.hint)
		.map(row => ({key: labelKey(row.keys[0] ?? '', language), command: row.command}));
}
