/**
 * Every text the reader shows, in English and German, and the locale-aware formatting of
 * dates and numbers. Components receive a `Strings` object; nothing else holds UI text.
 */
import type {Failure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {describeFailure} from './failure-texts.js';
import type {Command} from './keymap.js';
import type {AccountsSyncSummary, FeedSettingName, FeedView, SyncSummary} from './services.js';
import type {ImageProblem} from '../images/load-image.js';

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
	// seam: ignore rules
	/** An empty list whose entries the ignore rules all hide; `count` formatted. */
	readonly allHidden: (count: string) => string;
	// keys: feedback and questions of the reader's key handling
	readonly markedRead: string;
	readonly markedUnread: string;
	readonly markAllQuestion: (count: string) => string;
	readonly markedAllReadUndo: (count: string) => string;
	readonly nothingUnread: string;
	readonly markAllUndone: (count: string) => string;
	readonly nothingToUndo: string;
	readonly firstInList: string;
	readonly lastInList: string;
	readonly noEntrySelected: string;
	readonly linkNotOpenable: (number: string, url: string) => string;
	// render: `blogroll read` when it must bound the width asked for (one line on stderr)
	readonly readWidthTerminal: (columns: string) => string;
	readonly readWidthTooNarrow: (asked: string, used: string) => string;
	readonly readWidthTooWide: (asked: string, used: string) => string;
	// discover-ui: the Discover screen (issue 13)
	readonly discoverTitle: string;
	readonly suggestionsCount: (count: string) => string;
	readonly postsCount: (count: string) => string;
	readonly discoverLoading: string;
	readonly discoverLooking: string;
	readonly discoverProbing: (done: string, total: string) => string;
	readonly discoverBusy: string;
	readonly discoverFound: (count: number, formatted: string) => string;
	readonly discoverEmptyTitle: string;
	readonly discoverEmptyLines: readonly string[];
	/** Why a site is suggested: the feeds whose blogrolls list it, and the links to it. */
	readonly suggestionWhy: (blogrolls: readonly string[], links: {readonly count: string; readonly feeds: readonly string[]}) => string;
	readonly postsPerMonth: (count: string) => string;
	readonly dormant: string;
	readonly noPostDate: string;
	readonly previewLoading: (title: string) => string;
	readonly previewFailed: (message: string) => string;
	readonly previewNotice: string;
	readonly previewEmpty: string;
	readonly subscribePrompt: (title: string) => string;
	readonly subscribeHint: string;
	readonly subscribing: (title: string) => string;
	readonly subscribed: (title: string, count: string) => string;
	readonly dismissed: (title: string, site: string) => string;
	readonly detailSite: string;
	readonly detailFeed: string;
	readonly detailLastPost: string;
	readonly detailFrequency: string;
	readonly detailLanguage: string;
	readonly detailWhy: string;
	readonly reasonBlogroll: (feed: string) => string;
	readonly reasonLink: (feed: string, count: number, formatted: string) => string;
	readonly discoverFailed: (message: string) => string;
	// replicate: what a sync brought in, e.g. "12 read, 1 new feed from laptop"
	readonly syncReceived: (summary: SyncSummary, number: (value: number) => string) => string;
	// images: pictures in the article
	/** A picture that is not shown, with why, in place of it: `[image not shown: too large]`. */
	readonly imageNotShown: (reason: string) => string;
	readonly imageProblems: Readonly<Record<ImageProblem, string>>;
	/** Reserved space of a picture being loaded. */
	readonly imageLoading: string;
	/** Marks an image in the link list (L). */
	readonly imageLink: string;
	/** `I` with the setting `images: off`. */
	readonly imagesOff: string;
	/** `I` on an article without pictures. */
	readonly noImages: string;
	// health: the feed info screen
	readonly feedInfoTitle: (title: string) => string;
	readonly feedInfoLoading: string;
	readonly feedInfoHealth: (word: string) => string;
	readonly feedInfoNoProblem: string;
	readonly feedInfoFix: (text: string) => string;
	readonly feedInfoKey: (key: string, what: string) => string;
	readonly feedInfoRemoveKey: string;
	readonly feedInfoSubscribeKey: (url: string) => string;
	readonly feedInfoRefreshKey: string;
	readonly feedInfoAttempts: string;
	readonly feedInfoNoAttempts: string;
	readonly feedInfoTrackers: (count: string) => string;
	readonly feedInfoNothingFound: string;
	readonly feedReplaced: (title: string) => string;
	/** One word of health per feed on the feeds screen. */
	readonly healthWords: Readonly<Record<'ok' | 'failing' | 'warning' | 'dormant', string>>;
	// settings: a feed's own settings (issue 14), the overlay on the feeds screen (S)
	readonly settingsTitle: (title: string) => string;
	readonly settingLabels: Readonly<Record<FeedSettingName, string>>;
	readonly settingOn: string;
	readonly settingOff: string;
	/** After a value the feed does not set itself: it follows the default. */
	readonly settingDefault: string;
	readonly settingAllEntries: string;
	readonly settingOwnUserAgent: string;
	readonly settingDetectedCharset: string;
	readonly settingPrompt: (label: string) => string;
	readonly settingHint: (key: FeedSettingName) => string;
	readonly settingSaved: (label: string, value: string) => string;
	readonly settingReset: (label: string) => string;
	/** Beside a paused feed's title in the feeds list. */
	readonly pausedMark: string;
	// backfill: older posts of a feed (issue 14)
	readonly backfillStarted: (title: string) => string;
	readonly backfillProgress: (pages: string, added: string) => string;
	/** After a run: `done` when the oldest page is cached, else more can be fetched with B. */
	readonly backfillDone: (added: string, pages: string, pageCount: number, done: boolean) => string;
	readonly backfillAlreadyDone: string;
	readonly backfillBusy: string;
	readonly backfillFailed: (message: string) => string;
	// accounts: feed server accounts (issue 16)
	/** After an account sync that brought or sent something. */
	readonly accountsSynced: (summary: AccountsSyncSummary, number: (value: number) => string) => string;
	/** An account that failed to sync: its name, the one line, how many failed in all. */
	readonly accountSyncFailed: (account: string, message: string, failed: number) => string;
}

/** `A, B and C` / `A, B und C`. */
function joinNames(names: readonly string[], and: string): string {
	if (names.length <= 1) return names.join('');
	return `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1)}`;
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
		'Bring your subscriptions from another reader (OPML):',
		'  run  blogroll import <file>  in your shell.',
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
		loadImages: 'Load the pictures of this article',
		showQuestions: 'FAQ questions',
		nextQuestion: 'Next FAQ question',
		previousQuestion: 'Previous FAQ question',
		typeDigit: 'Link number, then Enter opens it',
		confirm: 'Yes',
		help: 'Help',
		redraw: 'Redraw the screen',
		undoMarkAll: 'Undo the last mark-all',
		discover: 'Discover: sites your feeds recommend',
		subscribeSuggestion: 'Subscribe (asks for tags)',
		dismissSuggestion: 'Dismiss the suggestion for good',
		probeSuggestions: 'Ask the sites again',
		feedInfo: 'Feed info: why it fails, fixes, last fetches',
		subscribeFound: 'Subscribe to the feed the site lists now, instead',
		// settings
		feedSettings: 'The feed’s settings (interval, paused …)',
		changeSetting: 'Change the setting',
		resetSetting: 'Back to the default',
		backfillFeed: 'Fetch the feed’s older posts (archive)',
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
		loadImages: 'pictures',
		refreshAll: 'refresh',
		addFeed: 'add',
		search: 'search',
		help: 'help',
		discover: 'discover',
		subscribeSuggestion: 'subscribe',
		dismissSuggestion: 'dismiss',
		probeSuggestions: 'ask again',
		feedInfo: 'info',
		removeFeed: 'remove',
		subscribeFound: 'new feed',
		refreshThis: 'refresh',
		// settings
		changeSetting: 'change',
		resetSetting: 'default',
	},
	// layout
	helpPosition: (from, to, total) => `${from}–${to} of ${total}`,
	helpMore: '↓ more',
	lastFailed: (when, message) => `! Last refresh failed ${when}: ${message}`,
	lastSucceeded: when => `Last successful refresh: ${when}`,
	neverSucceeded: 'Never refreshed successfully',
	// seam: ignore rules
	allHidden: count => (count === '1' ? 'Its 1 entry is hidden by your ignore rules (blogroll ignore list).' : `All ${count} entries are hidden by your ignore rules (blogroll ignore list).`),
	// keys
	markedRead: 'Marked read',
	markedUnread: 'Marked unread',
	markAllQuestion: count => `Mark ${count} entries read? y marks them, n keeps them unread`,
	markedAllReadUndo: count => `Marked ${count} ${count === '1' ? 'entry' : 'entries'} read · u undoes`,
	nothingUnread: 'Nothing unread here',
	markAllUndone: count => `${count} ${count === '1' ? 'entry' : 'entries'} unread again`,
	nothingToUndo: 'Nothing to undo',
	firstInList: 'This is the first entry of the list',
	lastInList: 'This is the last entry of the list',
	noEntrySelected: 'No entry here',
	linkNotOpenable: (number, url) => `Link ${number} cannot be opened here: ${url}`,
	// render
	readWidthTerminal: (columns) => `a terminal of ${columns} columns`,
	readWidthTooNarrow: (asked, used) => `${asked} is too narrow to lay out an article; using ${used} columns`,
	readWidthTooWide: (asked, used) => `${asked} is wider than ${used} columns; using ${used}`,
	// discover-ui: the Discover screen (issue 13)
	discoverTitle: 'Discover',
	suggestionsCount: count => `${count} ${count === '1' ? 'suggestion' : 'suggestions'}`,
	postsCount: count => `${count} ${count === '1' ? 'post' : 'posts'}`,
	discoverLoading: 'Looking for suggestions …',
	discoverLooking: 'Looking at blogrolls and links …',
	discoverProbing: (done, total) => `Asking sites for their feeds ${done}/${total} …`,
	discoverBusy: 'Already asking the sites',
	discoverFound: (count, formatted) => (count === 0 ? 'No new suggestions' : `${formatted} new ${count === 1 ? 'suggestion' : 'suggestions'}`),
	discoverEmptyTitle: 'No suggestions yet.',
	discoverEmptyLines: [
		'Read a few feeds first; suggestions come from their blogrolls and links.',
		'',
		'A site becomes a suggestion when one of your feeds lists it in its blogroll',
		'or links to it, and its feed has been found.',
		'',
		'R asks the sites again; q goes back.',
	],
	suggestionWhy: (blogrolls, links) => {
		const parts: string[] = [];
		if (blogrolls.length > 0) parts.push(`in the ${blogrolls.length === 1 ? 'blogroll' : 'blogrolls'} of ${joinNames(blogrolls, 'and')}`);
		if (links.feeds.length > 0) {
			const times = `linked ${links.count} ${links.count === '1' ? 'time' : 'times'}`;
			parts.push(links.feeds.length === 1 ? `${times} from ${links.feeds[0]}` : `${times} from ${links.feeds.length} of your feeds`);
		}
		return parts.join('; ');
	},
	postsPerMonth: count => `${count}/month`,
	dormant: 'dormant',
	noPostDate: 'no date',
	previewLoading: title => `Loading the latest posts of “${title}” …`,
	previewFailed: message => `! No preview: ${message}`,
	previewNotice: 'Preview, not subscribed · a subscribes',
	previewEmpty: 'This feed has no posts.',
	subscribePrompt: title => `Subscribe to “${title}” with tags: `,
	subscribeHint: 'Separate tags with commas or spaces · Enter subscribes, Esc cancels',
	subscribing: title => `Subscribing to “${title}” …`,
	subscribed: (title, count) => `Subscribed to “${title}” (${count} ${count === '1' ? 'entry' : 'entries'})`,
	dismissed: (title, site) => `Dismissed “${title}” (undo: blogroll suggest undismiss ${site})`,
	detailSite: 'Site',
	detailFeed: 'Feed',
	detailLastPost: 'Last post',
	detailFrequency: 'Posts',
	detailLanguage: 'Language',
	detailWhy: 'Why',
	reasonBlogroll: feed => `in the blogroll of ${feed}`,
	reasonLink: (feed, count, formatted) => `linked ${formatted} ${count === 1 ? 'time' : 'times'} from ${feed}`,
	discoverFailed: message => `! Looking for suggestions failed: ${message}`,
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
	// images
	imageNotShown: reason => `[image not shown: ${reason}]`,
	imageProblems: {
		'no-decoder': 'the picture decoder (sharp) is not installed',
		cancelled: 'not loaded',
		'too-large': 'larger than 8 MB',
		timeout: 'took too long',
		unreachable: 'could not be loaded',
		svg: 'SVG images are not shown',
		'not-an-image': 'not a PNG, JPEG, GIF or WebP image',
		'too-many-pixels': 'too many pixels',
		broken: 'the file is damaged',
		'not-http': 'not a web address',
	},
	imageLoading: '[loading image …]',
	imageLink: 'image',
	imagesOff: 'Pictures are off (setting “images” in config.json)',
	noImages: 'This article has no pictures',
	// health
	feedInfoTitle: title => `Feed info: ${title}`,
	feedInfoLoading: 'Looking at the feed …',
	feedInfoHealth: word => `Health: ${word}`,
	feedInfoNoProblem: 'No problem found.',
	feedInfoFix: text => `Fix: ${text}`,
	feedInfoKey: (key, what) => `[${key}] ${what}`,
	feedInfoRemoveKey: 'remove the feed',
	feedInfoSubscribeKey: url => `subscribe to ${url} instead`,
	feedInfoRefreshKey: 'refresh now',
	feedInfoAttempts: 'Last fetches, newest first',
	feedInfoNoAttempts: 'No fetch recorded yet.',
	feedInfoTrackers: count => `${count} trackers removed from links and images at the last fetch`,
	feedInfoNothingFound: 'The site lists no other feed.',
	feedReplaced: title => `Subscribed to the new feed of “${title}”; the old one is removed`,
	healthWords: {ok: 'ok', failing: 'failing', warning: 'warning', dormant: 'dormant'},
	// settings
	settingsTitle: title => `Settings of “${title}”`,
	settingLabels: {
		interval: 'Refresh every',
		'max-entries': 'Entries kept',
		'user-agent': 'User-Agent',
		charset: 'Charset',
		'full-article': 'Full article for every entry',
		paused: 'Paused',
	},
	settingOn: 'on',
	settingOff: 'off',
	settingDefault: '(default)',
	settingAllEntries: 'all',
	settingOwnUserAgent: 'blogroll’s own',
	settingDetectedCharset: 'detected',
	settingPrompt: label => `${label}: `,
	settingHint: key =>
		key === 'interval'
			? 'Minutes, or like 2h, 1d · Enter saves, Esc cancels'
			: key === 'max-entries'
				? 'The newest this many stay (starred ones always) · Enter saves, Esc cancels'
				: key === 'charset'
					? 'Like utf-8, windows-1252, iso-8859-15, macintosh · Enter saves, Esc cancels'
					: 'Sent instead of blogroll’s own · Enter saves, Esc cancels',
	settingSaved: (label, value) => `${label}: ${value}`,
	settingReset: label => `${label}: back to the default`,
	pausedMark: 'paused',
	// backfill: older posts of a feed (issue 14)
	backfillStarted: title => `Fetching older posts of “${title}” …`,
	backfillProgress: (pages, added) => `Fetching older posts: page ${pages}, ${added} added …`,
	backfillDone: (added, pages, pageCount, done) =>
		`Older posts: ${added} added from ${pages} ${pageCount === 1 ? 'page' : 'pages'}${done ? '; the whole archive is cached' : ' · B fetches more'}`,
	backfillAlreadyDone: 'The whole archive of this feed is cached already',
	backfillBusy: 'Already fetching older posts',
	backfillFailed: message => `! Fetching older posts stopped: ${message}`,
	// accounts: feed server accounts (issue 16)
	accountsSynced: (summary, number) => {
		const counted = (count: number, one: string, many: string) => (count === 0 ? [] : [`${number(count)} ${count === 1 ? one : many}`]);
		const parts = [
			...counted(summary.newEntries, 'new entry', 'new entries'),
			...counted(summary.read, 'read', 'read'),
			...counted(summary.unread, 'unread', 'unread'),
			...counted(summary.starred, 'starred', 'starred'),
			...counted(summary.unstarred, 'unstarred', 'unstarred'),
			...counted(summary.feedsAdded, 'feed added', 'feeds added'),
			...counted(summary.feedsRemoved, 'feed removed', 'feeds removed'),
			...counted(summary.sent, 'change sent', 'changes sent'),
		];
		return `Synced ${joinNames(summary.synced.map(sanitizeLine), 'and')}: ${parts.length === 0 ? 'nothing new' : parts.join(', ')}`;
	},
	accountSyncFailed: (account, message, failed) => `! Sync with ${sanitizeLine(account)} failed: ${sanitizeLine(message)}${failed > 1 ? ` (${failed} accounts failed: blogroll account list)` : ''}`,
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
	linkPrompt: digits => `Link ${digits} öffnen — Eingabe öffnet, Esc bricht ab`,
	opening: url => `Öffne ${url}`,
	by: author => `von ${author}`,
	fullArticle: 'ganzer Artikel',
	feedVersion: 'Inhalt aus dem Feed',
	fetchingFull: 'Lade den ganzen Artikel …',
	fullFailed: message => `! Ganzer Artikel nicht verfügbar: ${message}`,
	linksTitle: count => `Links (${count}) — Nummer + Eingabe oder auswählen + Eingabe`,
	noLinks: 'Dieser Artikel enthält keine Links.',
	questionsTitle: count => `Fragen (${count}) — Eingabe springt zur Antwort`,
	noQuestions: 'Dieser Artikel enthält keine FAQ-Fragen.',
	questionsHint: count => `${count} Fragen: t Liste, ] nächste, [ vorige`,
	helpTitle: 'Tasten',
	helpFooter: 'Esc oder ? schließt die Hilfe',
	addTitle: 'Feed hinzufügen',
	addPrompt: 'URL eines Feeds oder einer Website: ',
	addBusy: 'Suche den Feed …',
	addHint: 'Eingabe fügt hinzu, Esc bricht ab',
	added: (title, count) => `„${title}“ hinzugefügt (${count} Einträge)`,
	removeQuestion: title => `Den Feed „${title}“ mit seinen Einträgen entfernen?`,
	removeHint: 'j entfernt, n oder Esc behält ihn',
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
	searchHint: 'Wörter aus Titel, Autor oder Text · Eingabe sucht, Esc bricht ab',
	tagsHint: 'Mit Komma oder Leerzeichen trennen · Eingabe speichert, Esc bricht ab',
	renameHint: 'Strg-U leert · leer: eigener Titel des Feeds · Eingabe speichert, Esc bricht ab',
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
		'Abonnements aus einem anderen Reader übernehmen (OPML):',
		'  in der Shell  blogroll import <datei>  aufrufen.',
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
		loadImages: 'Die Bilder dieses Artikels laden',
		showQuestions: 'FAQ-Fragen',
		nextQuestion: 'Nächste FAQ-Frage',
		previousQuestion: 'Vorige FAQ-Frage',
		typeDigit: 'Link-Nummer, dann öffnet Eingabe den Link',
		confirm: 'Ja',
		help: 'Hilfe',
		redraw: 'Bildschirm neu zeichnen',
		undoMarkAll: 'Letztes „alle als gelesen“ rückgängig machen',
		discover: 'Entdecken: Websites, die deine Feeds empfehlen',
		subscribeSuggestion: 'Abonnieren (fragt nach Schlagwörtern)',
		dismissSuggestion: 'Vorschlag dauerhaft ausblenden',
		probeSuggestions: 'Die Websites erneut fragen',
		feedInfo: 'Feed-Info: warum er scheitert, Abhilfe, letzte Abrufe',
		subscribeFound: 'Stattdessen den Feed abonnieren, den die Website jetzt nennt',
		// settings
		feedSettings: 'Einstellungen des Feeds (Intervall, Pause …)',
		changeSetting: 'Die Einstellung ändern',
		resetSetting: 'Zurück zur Vorgabe',
		backfillFeed: 'Ältere Beiträge des Feeds laden (Archiv)',
	},
	hints: {
		open: 'öffnen',
		back: 'zurück',
		quit: 'beenden',
		confirm: 'ja',
		nextUnread: 'ungelesen',
		toggleStar: 'Stern',
		openInBrowser: 'Browser',
		toggleFull: 'ganz',
		showLinks: 'Links',
		loadImages: 'Bilder',
		refreshAll: 'aktualisieren',
		addFeed: 'hinzufügen',
		search: 'suchen',
		help: 'Hilfe',
		discover: 'entdecken',
		subscribeSuggestion: 'abonnieren',
		dismissSuggestion: 'ausblenden',
		probeSuggestions: 'neu fragen',
		feedInfo: 'Info',
		removeFeed: 'entfernen',
		subscribeFound: 'neuer Feed',
		refreshThis: 'aktualisieren',
		// settings
		changeSetting: 'ändern',
		resetSetting: 'Vorgabe',
	},
	// layout
	helpPosition: (from, to, total) => `${from}–${to} von ${total}`,
	helpMore: '↓ weiter',
	lastFailed: (when, message) => `! Letzte Aktualisierung ${when} fehlgeschlagen: ${message}`,
	lastSucceeded: when => `Zuletzt erfolgreich aktualisiert: ${when}`,
	neverSucceeded: 'Noch nie erfolgreich aktualisiert',
	// seam: ignore rules
	allHidden: count => (count === '1' ? 'Der einzige Eintrag ist durch die Ignorier-Regeln ausgeblendet (blogroll ignore list).' : `Alle ${count} Einträge sind durch die Ignorier-Regeln ausgeblendet (blogroll ignore list).`),
	// keys
	markedRead: 'Als gelesen markiert',
	markedUnread: 'Als ungelesen markiert',
	markAllQuestion: count => `${count} Einträge als gelesen markieren? j markiert sie, n lässt sie ungelesen`,
	markedAllReadUndo: count => `${count} ${count === '1' ? 'Eintrag' : 'Einträge'} als gelesen markiert · u macht es rückgängig`,
	nothingUnread: 'Hier ist nichts ungelesen',
	markAllUndone: count => `${count} ${count === '1' ? 'Eintrag' : 'Einträge'} wieder ungelesen`,
	nothingToUndo: 'Nichts rückgängig zu machen',
	firstInList: 'Das ist der erste Eintrag der Liste',
	lastInList: 'Das ist der letzte Eintrag der Liste',
	noEntrySelected: 'Hier ist kein Eintrag',
	linkNotOpenable: (number, url) => `Link ${number} lässt sich hier nicht öffnen: ${url}`,
	// render
	readWidthTerminal: (columns) => `ein Terminal mit ${columns} Spalten`,
	readWidthTooNarrow: (asked, used) => `${asked} ist zu schmal für einen Artikel; er wird mit ${used} Spalten gesetzt`,
	readWidthTooWide: (asked, used) => `${asked} ist breiter als ${used} Spalten; er wird mit ${used} Spalten gesetzt`,
	// discover-ui: the Discover screen (issue 13)
	discoverTitle: 'Entdecken',
	suggestionsCount: count => `${count} ${count === '1' ? 'Vorschlag' : 'Vorschläge'}`,
	postsCount: count => `${count} ${count === '1' ? 'Beitrag' : 'Beiträge'}`,
	discoverLoading: 'Suche Vorschläge …',
	discoverLooking: 'Schaue in Blogrolls und Links nach …',
	discoverProbing: (done, total) => `Frage Websites nach ihren Feeds ${done}/${total} …`,
	discoverBusy: 'Die Websites werden schon gefragt',
	discoverFound: (count, formatted) => (count === 0 ? 'Keine neuen Vorschläge' : `${formatted} ${count === 1 ? 'neuer Vorschlag' : 'neue Vorschläge'}`),
	discoverEmptyTitle: 'Noch keine Vorschläge.',
	discoverEmptyLines: [
		'Lies zuerst ein paar Feeds; Vorschläge kommen aus ihren Blogrolls und Links.',
		'',
		'Eine Website wird vorgeschlagen, wenn einer deiner Feeds sie in seiner Blogroll',
		'führt oder auf sie verlinkt, und ihr Feed gefunden wurde.',
		'',
		'R fragt die Websites erneut; q geht zurück.',
	],
	suggestionWhy: (blogrolls, links) => {
		const parts: string[] = [];
		if (blogrolls.length > 0) parts.push(`in ${blogrolls.length === 1 ? 'der Blogroll' : 'den Blogrolls'} von ${joinNames(blogrolls, 'und')}`);
		if (links.feeds.length > 0) {
			const times = `${links.count}-mal verlinkt`;
			parts.push(links.feeds.length === 1 ? `${times} von ${links.feeds[0]}` : `${times} von ${links.feeds.length} deiner Feeds`);
		}
		return parts.join('; ');
	},
	postsPerMonth: count => `${count}/Monat`,
	dormant: 'ruht',
	noPostDate: 'ohne Datum',
	previewLoading: title => `Lade die neuesten Beiträge von „${title}“ …`,
	previewFailed: message => `! Keine Vorschau: ${message}`,
	previewNotice: 'Vorschau, nicht abonniert · a abonniert',
	previewEmpty: 'Dieser Feed hat keine Beiträge.',
	subscribePrompt: title => `„${title}“ abonnieren mit den Schlagwörtern: `,
	subscribeHint: 'Mit Komma oder Leerzeichen trennen · Eingabe abonniert, Esc bricht ab',
	subscribing: title => `Abonniere „${title}“ …`,
	subscribed: (title, count) => `„${title}“ abonniert (${count} ${count === '1' ? 'Eintrag' : 'Einträge'})`,
	dismissed: (title, site) => `„${title}“ ausgeblendet (zurück: blogroll suggest undismiss ${site})`,
	detailSite: 'Website',
	detailFeed: 'Feed',
	detailLastPost: 'Letzter Beitrag',
	detailFrequency: 'Beiträge',
	detailLanguage: 'Sprache',
	detailWhy: 'Warum',
	reasonBlogroll: feed => `in der Blogroll von ${feed}`,
	reasonLink: (feed, count, formatted) => `${formatted}-mal verlinkt von ${feed}`,
	discoverFailed: message => `! Suche nach Vorschlägen fehlgeschlagen: ${message}`,
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
	// images
	imageNotShown: reason => `[Bild nicht gezeigt: ${reason}]`,
	imageProblems: {
		'no-decoder': 'der Bilddecoder (sharp) ist nicht installiert',
		cancelled: 'nicht geladen',
		'too-large': 'größer als 8 MB',
		timeout: 'dauerte zu lange',
		unreachable: 'konnte nicht geladen werden',
		svg: 'SVG-Bilder werden nicht gezeigt',
		'not-an-image': 'kein PNG-, JPEG-, GIF- oder WebP-Bild',
		'too-many-pixels': 'zu viele Pixel',
		broken: 'die Datei ist beschädigt',
		'not-http': 'keine Webadresse',
	},
	imageLoading: '[Bild wird geladen …]',
	imageLink: 'Bild',
	imagesOff: 'Bilder sind ausgeschaltet (Einstellung „images“ in config.json)',
	noImages: 'Dieser Artikel hat keine Bilder',
	// health
	feedInfoTitle: title => `Feed-Info: ${title}`,
	feedInfoLoading: 'Der Feed wird untersucht …',
	feedInfoHealth: word => `Zustand: ${word}`,
	feedInfoNoProblem: 'Kein Problem gefunden.',
	feedInfoFix: text => `Abhilfe: ${text}`,
	feedInfoKey: (key, what) => `[${key}] ${what}`,
	feedInfoRemoveKey: 'Feed entfernen',
	feedInfoSubscribeKey: url => `stattdessen ${url} abonnieren`,
	feedInfoRefreshKey: 'jetzt aktualisieren',
	feedInfoAttempts: 'Letzte Abrufe, neueste zuerst',
	feedInfoNoAttempts: 'Noch kein Abruf aufgezeichnet.',
	feedInfoTrackers: count => `${count} Tracker beim letzten Abruf aus Links und Bildern entfernt`,
	feedInfoNothingFound: 'Die Website nennt keinen anderen Feed.',
	feedReplaced: title => `Neuer Feed von „${title}“ abonniert; der alte ist entfernt`,
	healthWords: {ok: 'ok', failing: 'gestört', warning: 'Hinweis', dormant: 'ruht'},
	// settings
	settingsTitle: title => `Einstellungen von „${title}“`,
	settingLabels: {
		interval: 'Aktualisieren alle',
		'max-entries': 'Einträge behalten',
		'user-agent': 'User-Agent',
		charset: 'Zeichensatz',
		'full-article': 'Ganzer Artikel für jeden Eintrag',
		paused: 'Pausiert',
	},
	settingOn: 'an',
	settingOff: 'aus',
	settingDefault: '(Vorgabe)',
	settingAllEntries: 'alle',
	settingOwnUserAgent: 'der von blogroll',
	settingDetectedCharset: 'erkannt',
	settingPrompt: label => `${label}: `,
	settingHint: key =>
		key === 'interval'
			? 'Minuten, oder wie 2h, 1d · Eingabe speichert, Esc bricht ab'
			: key === 'max-entries'
				? 'Die neuesten so viele bleiben (markierte immer) · Eingabe speichert, Esc bricht ab'
				: key === 'charset'
					? 'Wie utf-8, windows-1252, iso-8859-15, macintosh · Eingabe speichert, Esc bricht ab'
					: 'Statt dem von blogroll gesendet · Eingabe speichert, Esc bricht ab',
	settingSaved: (label, value) => `${label}: ${value}`,
	settingReset: label => `${label}: zurück zur Vorgabe`,
	pausedMark: 'pausiert',
	// backfill: older posts of a feed (issue 14)
	backfillStarted: title => `Lade ältere Beiträge von „${title}“ …`,
	backfillProgress: (pages, added) => `Lade ältere Beiträge: Seite ${pages}, ${added} neu …`,
	backfillDone: (added, pages, pageCount, done) =>
		`Ältere Beiträge: ${added} neu aus ${pages} ${pageCount === 1 ? 'Seite' : 'Seiten'}${done ? '; das ganze Archiv ist geladen' : ' · B lädt weitere'}`,
	backfillAlreadyDone: 'Das ganze Archiv dieses Feeds ist schon geladen',
	backfillBusy: 'Ältere Beiträge werden schon geladen',
	backfillFailed: message => `! Laden älterer Beiträge abgebrochen: ${message}`,
	// accounts: feed server accounts (issue 16)
	accountsSynced: (summary, number) => {
		const counted = (count: number, one: string, many: string) => (count === 0 ? [] : [`${number(count)} ${count === 1 ? one : many}`]);
		const parts = [
			...counted(summary.newEntries, 'neuer Eintrag', 'neue Einträge'),
			...counted(summary.read, 'gelesen', 'gelesen'),
			...counted(summary.unread, 'ungelesen', 'ungelesen'),
			...counted(summary.starred, 'markiert', 'markiert'),
			...counted(summary.unstarred, 'Markierung entfernt', 'Markierungen entfernt'),
			...counted(summary.feedsAdded, 'Feed hinzugekommen', 'Feeds hinzugekommen'),
			...counted(summary.feedsRemoved, 'Feed entfernt', 'Feeds entfernt'),
			...counted(summary.sent, 'Änderung gesendet', 'Änderungen gesendet'),
		];
		return `Mit ${joinNames(summary.synced.map(sanitizeLine), 'und')} abgeglichen: ${parts.length === 0 ? 'nichts Neues' : parts.join(', ')}`;
	},
	accountSyncFailed: (account, message, failed) => `! Abgleich mit ${sanitizeLine(account)} gescheitert: ${sanitizeLine(message)}${failed > 1 ? ` (${failed} Konten gescheitert: „blogroll account list“)` : ''}`,
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

/**
 * The UI texts for a language; `locale` (detectLocale) sets how dates and numbers are
 * written, else the language's usual one (en-US, de-DE).
 */
export function stringsFor(language: Language, locale?: string): Strings {
	const table = language === 'de' ? de : en;
	return locale === undefined || locale === table.locale ? table : {...table, locale};
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

/**
 * How dates and numbers are written: the region of the first of LC_ALL, LC_TIME, LANG that
 * is set (POSIX precedence for time), in the UI language: en_GB gives en-GB (12/11/2026,
 * 12 Nov 2026), en_US en-US (Nov 12, 2026), de_AT de-AT; an English UI under de_DE writes
 * en-DE (12 Nov 2026). Without a region (C, POSIX, unset) the language's usual locale.
 */
export function detectLocale(env: Readonly<Record<string, string | undefined>>, language: Language): string {
	const fallback = stringsFor(language).locale;
	const value = [env['LC_ALL'], env['LC_TIME'], env['LANG']].find(candidate => candidate !== undefined && candidate !== '');
	const region = value === undefined ? undefined : /^[a-z]{2,3}_([a-z]{2}|\d{3})(?:[.@]|$)/i.exec(value)?.[1];
	if (region === undefined) return fallback;
	const locale = `${language}-${region.toUpperCase()}`;
	// A pair ICU does not know (de-US) would quietly fall back to its language's default anyway.
	return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : fallback;
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

const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dayMonthFormats = new Map<string, Intl.DateTimeFormat>();

function isSameDay(a: Date, b: Date): boolean {
	return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/**
 * A date for the entries column, absolute in one style the locale's way: the time for
 * today (14:05, 2:05 PM), day and month for this year (12.11., 12 Nov, Nov 12), with the
 * year before (12.11.2025, 12 Nov 2025, Nov 12, 2025). Never relative: a column that mixes
 * "5 min ago" with dates is hard to scan.
 */
export function formatDate(iso: string, now: Date, strings: Strings): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return '';
	if (isSameDay(date, now)) return cached(timeFormats, strings.locale, () => new Intl.DateTimeFormat(strings.locale, {timeStyle: 'short'})).format(date);
	if (date.getFullYear() === now.getFullYear()) {
		return cached(dayMonthFormats, strings.locale, () => new Intl.DateTimeFormat(strings.locale, strings.language === 'de' ? {day: '2-digit', month: '2-digit'} : {day: 'numeric', month: 'short'})).format(date);
	}
	return cached(dateFormats, strings.locale, () =>
		new Intl.DateTimeFormat(strings.locale, strings.language === 'de' ? {day: '2-digit', month: '2-digit', year: 'numeric'} : {day: 'numeric', month: 'short', year: 'numeric'}),
	).format(date);
}

/**
 * How long ago something happened, for a sentence ("Last refreshed 5 min ago"): relative
 * for the last week, then the date as formatDate writes it. Slightly in the future (clock
 * skew) counts as now.
 */
export function formatAge(iso: string, now: Date, strings: Strings): string {
	const date = new Date(iso);
	const time = date.getTime();
	if (Number.isNaN(time)) return '';
	const age = now.getTime() - time;
	if (age < MINUTE && age > -HOUR) return strings.justNow;
	if (age >= MINUTE && age < HOUR) return strings.minutesAgo(Math.floor(age / MINUTE));
	if (age >= HOUR && age < DAY) return strings.hoursAgo(Math.floor(age / HOUR));
	if (age >= DAY && age < 7 * DAY) return strings.daysAgo(Math.floor(age / DAY));
	return formatDate(iso, now, strings);
}

/** A full date and time for the article header. */
export function formatDateTime(iso: string, strings: Strings): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return '';
	return cached(dateTimeFormats, strings.locale, () => new Intl.DateTimeFormat(strings.locale, {dateStyle: 'medium', timeStyle: 'short'})).format(date);
}
