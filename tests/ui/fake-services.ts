/**
 * A Services fake over generated, realistic data (German independent blogs), with call
 * records so that tests can assert what the UI asked for (e.g. never 50 000 rows at once).
 */
import {failed, isFailure, type Failure} from '../../source/failure.js';
import {parseFeedSetting} from '../../source/use-cases/feed-settings.js';
import type {RenderedArticle} from '../../source/render/types.js';
import type {Entry, EntryCounts, EntryFilter, EntryListItem, Page, TextRange} from '../../source/store/types.js';
import type {
	AddFeedResult,
	FeedHealthView,
	FeedSettingName,
	FeedSettingsInfo,
	FeedView,
	ListedEntry,
	RefreshProgress,
	RefreshSummary,
	RefreshTarget,
	Services,
	SuggestionPreview,
	SuggestionView,
	SuggestProgressView,
	ViewInfo,
} from '../../source/ui/services.js';

export const NOW = new Date('2026-11-20T10:00:00Z');

/** settings: what a feed without settings of its own shows. */
const DEFAULT_FEED_SETTINGS: FeedSettingsInfo = {refreshIntervalMinutes: 30, maxEntries: null, userAgent: null, charset: null, fullArticle: false, paused: false, note: null, own: []};

export interface FakeFeed {
	readonly id: number;
	readonly url: string;
	readonly title: string;
	readonly tags: readonly string[];
	readonly lastError?: string | null;
	readonly lastErrorDetail?: FeedView['lastErrorDetail'];
	readonly health?: FeedView['health'];
}

export const GERMAN_FEEDS: readonly FakeFeed[] = [
	{id: 1, url: 'https://coaching-weber.de/feed/', title: 'Achtsam führen – Coaching Weber', tags: ['Coaching']},
	{id: 2, url: 'https://kanzlei-grünwald.de/blog/feed/', title: 'Kanzlei Grünwald: Recht für Gründerinnen', tags: ['Beratung']},
	{id: 3, url: 'https://freiraum-design.de/feed/', title: 'Freiraum Design Studio', tags: ['Freelancer'], lastError: 'HTTP 404 bei https://freiraum-design.de/feed/'},
	{id: 4, url: 'https://mueller-organisationsentwicklung.de/feed/', title: 'Müller Organisationsentwicklung', tags: ['Beratung', 'Coaching']},
	{id: 5, url: 'https://texterin-süß.de/feed/', title: 'Schreibstube Süß', tags: []},
];

const TITLES = [
	'Warum Selbstständige ihre Preise jährlich prüfen sollten',
	'„Nein“ sagen lernen: fünf Sätze für schwierige Kundengespräche',
	'Größer denken, ohne sich zu übernehmen',
	'Steuerliche Fallstricke für Freiberuflerinnen im ersten Jahr',
	'Führungskräfteentwicklungsprogrammevaluationsbericht: was wir gelernt haben',
	'Mein Arbeitsplatz im Grünen – ein Erfahrungsbericht',
	'Datenschutz auf der eigenen Website: die häufigsten Fragen',
	'Wie ich mit 50 noch einmal neu angefangen habe',
];

const AUTHORS = ['Katrin Weber', 'Dr. Jörg Grünwald', 'Aylin Öztürk', 'Hans-Peter Müller', 'Lisa Süß'];

export function articleHtml(title: string): string {
	return [
		`<p>Viele meiner Klientinnen fragen mich:\u00A0„${title}?“ Die kurze Antwort: Es kommt darauf an.</p>`,
		'<p>In diesem Beitrag zeige ich, worauf es wirklich ankommt – mit Beispielen aus meiner Praxis als <a href="https://coaching-weber.de/mentoring/">Mentoring</a>-Begleiterin.</p>',
		'<h2>Drei Schritte</h2>',
		'<ul><li>Bestandsaufnahme machen</li><li>Ziele für das nächste Quartal festlegen</li><li>Regelmäßig überprüfen</li></ul>',
		'<p>Über Rückmeldungen freue ich mich sehr. Schreib mir gern eine E‑Mail!</p>',
	].join('\n');
}

interface StoredEntry extends Entry {}

/** Discover's suggestions for the German feeds above: two active blogs and a dormant one, best first. */
export const GERMAN_SUGGESTIONS: readonly SuggestionView[] = [
	{
		site: 'praxisnah-supervision.de',
		title: 'Praxisnah – Supervision & Coaching',
		siteUrl: 'https://praxisnah-supervision.de/',
		feedUrl: 'https://praxisnah-supervision.de/feed/',
		lastPostAt: '2026-11-12T08:30:00Z',
		postsPerMonth: 4.25,
		language: 'de',
		dormant: false,
		reasons: [
			{kind: 'blogroll', feed: 'Achtsam führen – Coaching Weber'},
			{kind: 'blogroll', feed: 'Müller Organisationsentwicklung'},
			{kind: 'link', feed: 'Schreibstube Süß', count: 4},
			{kind: 'link', feed: 'Kanzlei Grünwald: Recht für Gründerinnen', count: 2},
			{kind: 'link', feed: 'Freiraum Design Studio', count: 1},
		],
	},
	{
		site: 'kreidezeit-blog.de',
		title: 'Kreidezeit – Notizen aus dem Klassenzimmer',
		siteUrl: 'https://kreidezeit-blog.de/',
		feedUrl: 'https://kreidezeit-blog.de/feed/',
		lastPostAt: '2026-11-19T16:00:00Z',
		postsPerMonth: 12,
		language: 'de',
		dormant: false,
		reasons: [{kind: 'link', feed: 'Schreibstube Süß', count: 3}],
	},
	{
		site: 'altes-handwerk.at',
		title: 'Altes Handwerk: Buchbinderei Öhlinger',
		siteUrl: 'https://altes-handwerk.at/',
		feedUrl: 'https://altes-handwerk.at/rss.xml',
		lastPostAt: '2024-02-03T10:00:00Z',
		postsPerMonth: 0,
		language: null,
		dormant: true,
		reasons: [{kind: 'blogroll', feed: 'Kanzlei Grünwald: Recht für Gründerinnen'}],
	},
];

let lastFakePreviewId = -1000;

/** A suggestion's latest posts as the preview shows them: German posts with WordPress markup, ids below zero. */
export function fakePreview(suggestion: SuggestionView): SuggestionPreview {
	const titles = ['Supervision im Team: wenn „alle reden“ und keiner zuhört', 'Fünf Fragen für das erste Gespräch', 'Über Grenzen – und warum sie helfen'];
	const posts = titles.map((title, index) => {
		const date = new Date(NOW.getTime() - (index * 5 + 2) * 86_400_000).toISOString();
		return {
			id: --lastFakePreviewId,
			feedId: 0,
			feedTitle: suggestion.title,
			title,
			author: 'Dr. Renate Öztürk',
			link: `${suggestion.siteUrl}${2026 - index}/beitrag-${index + 1}/`,
			date,
			hasFeedDate: true,
			isRead: true,
			isStarred: false,
			guid: `${suggestion.siteUrl}?p=${index + 1}`,
			published: date,
			updated: null,
			content: `<div class="entry-content"><p>${title}? Eine Frage, die mir in der Supervision oft begegnet.</p><p>Mehr dazu in meinem <a href="${suggestion.siteUrl}blogroll/">Blogroll</a>.</p></div>`,
			summary: null,
			fullContent: null,
			firstSeenAt: NOW.toISOString(),
		};
	});
	return {title: suggestion.title, posts};
}

export interface FakeOptions {
	readonly feeds?: readonly FakeFeed[];
	/** Entries in total, spread over the feeds round-robin, newest first. */
	readonly entryCount?: number;
	/** Every n-th entry is unread (1 = all unread). 0 = none unread. */
	readonly unreadEvery?: number;
	readonly stale?: boolean;
	/** Saved views: a name and the entries it holds (the fake's stand-in for a compiled query). */
	readonly views?: readonly FakeView[];
	/** Discover's suggestions (default GERMAN_SUGGESTIONS). */
	readonly suggestions?: readonly SuggestionView[];
}

export interface FakeView {
	readonly name: string;
	readonly query: string;
	readonly matches: (entry: EntryListItem) => boolean;
}

/** Lower case without diacritics, as the store's full-text index compares words. */
function fold(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Word ranges of `title` that start with one of the search words (as the store reports them). */
export function fakeTitleMatches(title: string, query: string): TextRange[] {
	const words = (query.match(/[\p{L}\p{N}]+/gu) ?? []).map(fold);
	const ranges: TextRange[] = [];
	for (const match of title.matchAll(/[\p{L}\p{N}]+/gu)) {
		if (words.some(word => fold(match[0]).startsWith(word))) ranges.push({start: match.index, end: match.index + match[0].length});
	}
	return ranges;
}

interface Deferred<T> {
	readonly promise: Promise<T>;
	resolve(value: T): void;
}

function defer<T>(): Deferred<T> {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>(r => {
		resolve = r;
	});
	return {promise, resolve};
}

export interface FakeServices extends Services {
	readonly entries: StoredEntry[];
	feeds: FakeFeed[];
	readonly calls: {
		listEntries: Page[];
		getEntry: number[];
		setRead: {ids: readonly number[]; read: boolean}[];
		setStarred: {id: number; starred: boolean}[];
		markAllRead: EntryFilter[];
		refresh: RefreshTarget[];
		addFeed: string[];
		removeFeed: number[];
		renderArticle: {id: number; width: number; variant: 'feed' | 'full'}[];
		fetchFullArticle: number[];
		openUrl: string[];
		findNextUnread: {fromId: number | null; direction: 1 | -1}[];
		setFeedTags: {id: number; tags: readonly string[]}[];
		renameFeed: {id: number; title: string}[];
		setFeedSetting: {id: number; name: FeedSettingName; value: string | null}[];
		prepareRendering: number;
		listSuggestions: number;
		findSuggestions: {refresh: boolean}[];
		previewSuggestion: string[];
		extractPage: string[];
		subscribeToSuggestion: {feedUrl: string; tags: readonly string[]}[];
		dismissSuggestion: string[];
		diagnoseFeed: number[];
		replaceFeed: {id: number; url: string}[];
		backfillFeed: number[];
	};
	/** What listSuggestions answers (without a request); dismissing and subscribing take from it. */
	suggestions: SuggestionView[];
	/** What findSuggestions answers; null: the same as listSuggestions. */
	foundSuggestions: SuggestionView[] | null;
	/** When set, findSuggestions waits: drive it through `probes`. */
	holdProbes: boolean;
	readonly probes: {refresh: boolean; progress: (p: SuggestProgressView) => void; finish: () => void}[];
	/** What previewSuggestion answers for a feed url (default: three German posts). */
	previewResult: (feedUrl: string) => SuggestionPreview | Failure;
	/** What extractPage answers for a previewed post's link (default: its page's text, with a paragraph the feed lacks). */
	pageResult: (url: string) => {readonly html: string} | Failure;
	/** When set, subscribeToSuggestion answers this instead of subscribing. */
	subscribeFailure: string | null;
	/** What diagnoseFeed answers (feed info screen); default: a healthy feed with two fetches. */
	health: (id: number) => FeedHealthView | Failure;
	/** Entries for which this answers true are hidden everywhere (the ignore rules). */
	isIgnored: (entry: EntryListItem) => boolean;
	views: FakeView[];
	/** Pending refreshes: call `progress` and `finish` to drive them. */
	readonly refreshes: {progress: (p: RefreshProgress) => void; finish: (summary: RefreshSummary) => void}[];
	/** When set, renderArticle waits for `releaseRenders()`. */
	holdRenders: boolean;
	releaseRenders(): void;
	/** What renderArticle produces (default: a few numbered lines with links and FAQ questions). */
	render: (entry: Entry, width: number, variant: 'feed' | 'full') => RenderedArticle;
	addResult: AddFeedResult;
	/** The signal of each addFeed call. */
	readonly addSignals: (AbortSignal | undefined)[];
	/** When set, addFeed waits for `releaseAdds()` (or its signal's abort) before it answers. */
	holdAdds: boolean;
	releaseAdds(): void;
	fullResult: (id: number) => Entry | Failure;
	/** What openUrl answers (default: opened). */
	openResult: (url: string) => void | Failure;
	/** Adds a new entry at the top (newest), as a refresh would. */
	addEntry(feedId: number, title: string): StoredEntry;
}

function makeEntry(id: number, feed: FakeFeed, title: string, date: Date, isRead: boolean, author: string): StoredEntry {
	const iso = date.toISOString();
	return {
		id,
		feedId: feed.id,
		feedTitle: feed.title,
		title,
		author,
		link: `${feed.url.replace(/feed\/$/, '')}${id}/`,
		date: iso,
		hasFeedDate: true,
		isRead,
		isStarred: false,
		guid: `${feed.url}#${id}`,
		published: iso,
		updated: null,
		content: articleHtml(title),
		summary: null,
		fullContent: null,
		firstSeenAt: iso,
	};
}

function defaultRender(entry: Entry, width: number, variant: 'feed' | 'full'): RenderedArticle {
	const lines: string[] = [`Gerendert (${variant}, ${width}): ${entry.title}`.slice(0, width)];
	for (let i = 1; i <= 60; i++) {
		if (i === 10) lines.push('F: Was kostet ein Erstgespräch?');
		else if (i === 30) lines.push('F: Arbeiten Sie auch online?');
		else lines.push(`Zeile ${i} des Artikels über „Größenwachstum“ mit Mentoring[1] und Impressum[2].`.slice(0, width));
	}
	return {
		lines,
		links: [
			{number: 1, url: 'https://coaching-weber.de/mentoring/', label: 'Mentoring', isOpenable: true},
			{number: 2, url: 'https://coaching-weber.de/impressum/', label: 'Impressum', isOpenable: true},
			{number: 3, url: 'javascript:alert(1)', label: 'Gefährlich', isOpenable: false},
		],
		questions: [
			{text: 'Was kostet ein Erstgespräch?', line: 10},
			{text: 'Arbeiten Sie auch online?', line: 30},
		],
	};
}

export function createFakeServices(options: FakeOptions = {}): FakeServices {
	let feeds: FakeFeed[] = [...(options.feeds ?? GERMAN_FEEDS)];
	const count = options.entryCount ?? 40;
	const unreadEvery = options.unreadEvery ?? 2;
	const entries: StoredEntry[] = [];
	for (let i = 0; i < count && feeds.length > 0; i++) {
		const feed = feeds[i % feeds.length]!;
		// Newest first: entry i is i hours older than the first one.
		const date = new Date(NOW.getTime() - (i * 60 + 5) * 60_000);
		const title = i < TITLES.length ? TITLES[i]! : `${TITLES[i % TITLES.length]!} (Teil ${Math.floor(i / TITLES.length) + 1})`;
		entries.push(makeEntry(count - i, feed, title, date, unreadEvery === 0 ? true : i % unreadEvery !== 0, AUTHORS[i % AUTHORS.length]!));
	}
	let version = 0;
	const feedSettings = new Map<number, FeedSettingsInfo>();
	const settingsOf = (id: number): FeedSettingsInfo => feedSettings.get(id) ?? DEFAULT_FEED_SETTINGS;
	let isIgnored: (entry: EntryListItem) => boolean = () => false;
	let views: FakeView[] = [...(options.views ?? [])];
	const filterCache = new Map<string, {version: number; rows: StoredEntry[]}>();
	const byId = new Map(entries.map(entry => [entry.id, entry]));
	let nextId = count + 1;

	function matching(filter: EntryFilter): StoredEntry[] {
		const key = JSON.stringify(filter);
		const cached = filterCache.get(key);
		if (cached && cached.version === version) return cached.rows;
		const view = filter.where ? views.find(candidate => `fake-view:${candidate.name}` === filter.where!.sql) : undefined;
		const words = filter.search ? (filter.search.match(/[\p{L}\p{N}]+/gu) ?? []).map(fold) : [];
		const haystack = (entry: StoredEntry) => fold([entry.title, entry.author ?? '', entry.content ?? ''].join(' '));
		// State and a view's query make an entry a member; kept rows stay members (as the store does).
		const hasMembership = filter.unreadOnly === true || filter.starredOnly === true || filter.where !== undefined;
		const isMember = (entry: StoredEntry) =>
			(!filter.where || (view !== undefined && view.matches(entry))) && (!filter.unreadOnly || !entry.isRead) && (!filter.starredOnly || entry.isStarred);
		const rows = entries.filter(
			entry =>
				!isIgnored(entry) &&
				(isMember(entry) || (hasMembership && (filter.keepIds ?? []).includes(entry.id))) &&
				(!filter.search || (words.length > 0 && words.every(word => haystack(entry).includes(word)))) &&
				(!filter.feedIds || filter.feedIds.includes(entry.feedId)) &&
				feeds.some(feed => feed.id === entry.feedId),
		);
		// A search ranks title hits first (as bm25 with a heavy title weight would), then by date.
		if (filter.search) rows.sort((a, b) => Number(fakeTitleMatches(b.title, filter.search!).length > 0) - Number(fakeTitleMatches(a.title, filter.search!).length > 0));
		filterCache.set(key, {version, rows});
		return rows;
	}

	function update(id: number, patch: Partial<Entry>): void {
		const index = entries.findIndex(entry => entry.id === id);
		if (index < 0) return;
		const next = {...entries[index]!, ...patch};
		entries[index] = next;
		byId.set(id, next);
		version++;
	}

	function toItem(entry: StoredEntry, search?: string): ListedEntry {
		const {id, feedId, feedTitle, title, author, link, date, hasFeedDate, isRead, isStarred} = entry;
		const item = {id, feedId, feedTitle, title, author, link, date, hasFeedDate, isRead, isStarred};
		return search ? {...item, titleMatches: fakeTitleMatches(title, search)} : item;
	}

	let held: (() => void)[] = [];
	let heldAdds: (() => void)[] = [];
	const refreshes: FakeServices['refreshes'] = [];

	const fake: FakeServices = {
		entries,
		get feeds() {
			return feeds;
		},
		set feeds(value) {
			feeds = value;
			version++;
		},
		calls: {
			listEntries: [],
			getEntry: [],
			setRead: [],
			setStarred: [],
			markAllRead: [],
			refresh: [],
			addFeed: [],
			removeFeed: [],
			renderArticle: [],
			fetchFullArticle: [],
			openUrl: [],
			findNextUnread: [],
			setFeedTags: [],
			renameFeed: [],
			setFeedSetting: [],
			prepareRendering: 0,
			listSuggestions: 0,
			findSuggestions: [],
			previewSuggestion: [],
			extractPage: [],
			subscribeToSuggestion: [],
			dismissSuggestion: [],
			diagnoseFeed: [],
			replaceFeed: [],
			backfillFeed: [],
		},
		suggestions: [...(options.suggestions ?? GERMAN_SUGGESTIONS)],
		foundSuggestions: null,
		holdProbes: false,
		probes: [],
		previewResult: feedUrl => fakePreview(fake.suggestions.find(suggestion => suggestion.feedUrl === feedUrl) ?? GERMAN_SUGGESTIONS[0]!),
		pageResult: url => ({html: `<p>Der ganze Beitrag von der Seite (${url}): Über „gute Sätze“ schreibe ich seit Jahren, und zwar für Menschen, die lieber zuhören als reden.</p>`}),
		subscribeFailure: null,
		health: (id) => {
			const feed = feeds.find((item) => item.id === id);
			return {
				feedId: id,
				title: feed?.title ?? '?',
				url: feed?.url ?? '?',
				health: 'ok',
				healthText: 'ok',
				problems: [],
				attempts: ['20.11.2026, 11:00 · 304 · nicht geändert · 41 ms', '20.11.2026, 10:30 · 200 · aktualisiert · 120 ms · 1 neu, 0 geändert, 9 unverändert'],
				trackersRemoved: 0,
			};
		},
		get isIgnored() {
			return isIgnored;
		},
		set isIgnored(value) {
			isIgnored = value;
			version++;
		},
		get views() {
			return views;
		},
		set views(value) {
			views = value;
			version++;
		},
		refreshes,
		holdRenders: false,
		releaseRenders() {
			const pending = held;
			held = [];
			for (const release of pending) release();
		},
		render: defaultRender,
		addResult: {kind: 'added', title: 'Neues Blog', entryCount: 3},
		addSignals: [],
		holdAdds: false,
		releaseAdds() {
			const pending = heldAdds;
			heldAdds = [];
			for (const release of pending) release();
		},
		openResult: () => undefined,
		fullResult: id => ({...byId.get(id)!, fullContent: '<p>Der ganze Artikel, mit allen Details.</p>'}),
		addEntry(feedId, title) {
			const feed = feeds.find(candidate => candidate.id === feedId)!;
			const entry = makeEntry(nextId++, feed, title, new Date(NOW.getTime() - 60_000), false, AUTHORS[0]!);
			entries.unshift(entry);
			byId.set(entry.id, entry);
			version++;
			return entry;
		},
		listFeeds(): FeedView[] {
			return feeds.map(feed => {
				const own = matching({feedIds: [feed.id]});
				return {
					id: feed.id,
					url: feed.url,
					title: feed.title,
					tags: feed.tags,
					unreadCount: own.filter(entry => !entry.isRead).length,
					totalCount: own.length,
					lastError: feed.lastError ?? null,
					lastErrorDetail: feed.lastErrorDetail ?? null,
					lastFetchedAt: new Date(NOW.getTime() - 3 * 3_600_000).toISOString(),
					...(feed.health === undefined ? {} : {health: feed.health}),
					...(settingsOf(feed.id).paused ? {paused: true} : {}),
				};
			});
		},
		listEntries(filter, page) {
			fake.calls.listEntries.push(page);
			return matching(filter)
				.slice(page.offset, page.offset + page.limit)
				.map(entry => toItem(entry, filter.search));
		},
		listViews(): ViewInfo[] {
			return [...views]
				.sort((a, b) => a.name.localeCompare(b.name, 'de'))
				.map(view => {
					const filter = {where: {sql: `fake-view:${view.name}`, params: []}};
					return {name: view.name, query: view.query, filter, counts: fake.countEntries(filter), error: null};
				});
		},
		findNextUnread(filter, fromId, direction) {
			fake.calls.findNextUnread.push({fromId, direction});
			const rows = matching(filter);
			// The anchor may have left the view (an unread list): find its place among all entries' order.
			const position = (entry: StoredEntry) => entries.indexOf(entry);
			const anchor = fromId === null ? null : entries.find(entry => entry.id === fromId);
			const start = anchor ? position(anchor) : direction > 0 ? -1 : entries.length;
			const candidates = rows.map((entry, index) => ({entry, index})).filter(({entry}) => !entry.isRead && (direction > 0 ? position(entry) > start : position(entry) < start));
			const hit = direction > 0 ? candidates[0] : candidates[candidates.length - 1];
			return hit ? {id: hit.entry.id, index: hit.index} : null;
		},
		setFeedTags(id, tags) {
			fake.calls.setFeedTags.push({id, tags});
			feeds = feeds.map(feed => (feed.id === id ? {...feed, tags: [...tags]} : feed));
			version++;
		},
		feedSettings(id) {
			return feeds.some(feed => feed.id === id) ? settingsOf(id) : failed('unknown-feed', `No subscription with id ${id}`);
		},
		setFeedSetting(id, name, value) {
			fake.calls.setFeedSetting.push({id, name, value});
			const patch = parseFeedSetting(name, value);
			if (isFailure(patch)) return patch;
			const before = settingsOf(id);
			const next: FeedSettingsInfo = {...before, ...patch, own: [...new Set([...before.own, name])]};
			feedSettings.set(id, next);
			version++;
			return next;
		},
		unsetFeedSetting(id, name) {
			fake.calls.setFeedSetting.push({id, name, value: null});
			const field = ({interval: 'refreshIntervalMinutes', 'max-entries': 'maxEntries', 'user-agent': 'userAgent', charset: 'charset', 'full-article': 'fullArticle', paused: 'paused', note: 'note'} as const)[name];
			const next: FeedSettingsInfo = {...settingsOf(id), [field]: DEFAULT_FEED_SETTINGS[field], own: settingsOf(id).own.filter(own => own !== name)};
			feedSettings.set(id, next);
			version++;
			return next;
		},
		renameFeed(id, title) {
			fake.calls.renameFeed.push({id, title});
			feeds = feeds.map(feed => (feed.id === id ? {...feed, title} : feed));
			for (const [index, entry] of entries.entries()) if (entry.feedId === id) entries[index] = {...entry, feedTitle: title};
			version++;
		},
		countEntries(filter): EntryCounts {
			const rows = matching(filter);
			return {total: rows.length, unread: rows.filter(entry => !entry.isRead).length};
		},
		findEntryIndex(filter, id) {
			const index = matching(filter).findIndex(entry => entry.id === id);
			return index < 0 ? null : index;
		},
		getEntry(id) {
			fake.calls.getEntry.push(id);
			return byId.get(id) ?? null;
		},
		setRead(ids, read) {
			fake.calls.setRead.push({ids, read});
			for (const id of ids) update(id, {isRead: read});
		},
		setStarred(id, starred) {
			fake.calls.setStarred.push({id, starred});
			update(id, {isStarred: starred});
		},
		markAllRead(filter) {
			fake.calls.markAllRead.push(filter);
			for (const entry of [...matching(filter)]) update(entry.id, {isRead: true});
		},
		refresh(target, onProgress) {
			fake.calls.refresh.push(target);
			const done = defer<RefreshSummary>();
			refreshes.push({progress: onProgress, finish: done.resolve});
			return done.promise;
		},
		async addFeed(url, signal) {
			fake.calls.addFeed.push(url);
			fake.addSignals.push(signal);
			if (fake.holdAdds) {
				const aborted = await new Promise<boolean>(resolve => {
					heldAdds.push(() => resolve(false));
					signal?.addEventListener('abort', () => resolve(true));
				});
				if (aborted) return failed('aborted', 'aborted');
			}
			if (fake.addResult.kind === 'added') {
				const id = Math.max(0, ...feeds.map(feed => feed.id)) + 1;
				feeds = [...feeds, {id, url, title: fake.addResult.title, tags: []}];
				version++;
			}
			return fake.addResult;
		},
		async removeFeed(id) {
			fake.calls.removeFeed.push(id);
			feeds = feeds.filter(feed => feed.id !== id);
			version++;
		},
		renderArticle(entry, width, variant) {
			fake.calls.renderArticle.push({id: entry.id, width, variant});
			const result = fake.render(entry, width, variant);
			if (!fake.holdRenders) return Promise.resolve(result);
			return new Promise(resolve => held.push(() => resolve(result)));
		},
		async fetchFullArticle(id) {
			fake.calls.fetchFullArticle.push(id);
			const result = fake.fullResult(id);
			if (!('kind' in result)) update(id, {fullContent: result.fullContent});
			return result;
		},
		async openUrl(url) {
			fake.calls.openUrl.push(url);
			return fake.openResult(url);
		},
		isStale() {
			return options.stale ?? false;
		},
		prepareRendering() {
			fake.calls.prepareRendering += 1;
		},
		async listSuggestions() {
			fake.calls.listSuggestions += 1;
			return [...fake.suggestions];
		},
		findSuggestions({refresh}, onProgress) {
			fake.calls.findSuggestions.push({refresh});
			const answer = () => {
				if (fake.foundSuggestions) fake.suggestions = fake.foundSuggestions;
				return [...fake.suggestions];
			};
			if (!fake.holdProbes) return Promise.resolve(answer());
			return new Promise(resolve => fake.probes.push({refresh, progress: onProgress, finish: () => resolve(answer())}));
		},
		async previewSuggestion(feedUrl) {
			fake.calls.previewSuggestion.push(feedUrl);
			return fake.previewResult(feedUrl);
		},
		async extractPage(url) {
			fake.calls.extractPage.push(url);
			return fake.pageResult(url);
		},
		async subscribeToSuggestion(feedUrl, tags) {
			fake.calls.subscribeToSuggestion.push({feedUrl, tags});
			if (fake.subscribeFailure !== null) return failed('http-500', fake.subscribeFailure);
			const suggestion = fake.suggestions.find(candidate => candidate.feedUrl === feedUrl);
			const id = Math.max(0, ...feeds.map(feed => feed.id)) + 1;
			feeds = [...feeds, {id, url: feedUrl, title: suggestion?.title ?? feedUrl, tags: [...tags]}];
			fake.suggestions = fake.suggestions.filter(candidate => candidate.feedUrl !== feedUrl);
			version++;
			return {kind: 'added', title: suggestion?.title ?? feedUrl, entryCount: 3};
		},
		async dismissSuggestion(site) {
			fake.calls.dismissSuggestion.push(site);
			fake.suggestions = fake.suggestions.filter(candidate => candidate.site !== site);
		},
		async diagnoseFeed(id) {
			fake.calls.diagnoseFeed.push(id);
			return fake.health(id);
		},
		async replaceFeed(id, url) {
			fake.calls.replaceFeed.push({id, url});
			const old = feeds.find((feed) => feed.id === id);
			feeds = feeds.filter((feed) => feed.id !== id);
			const next = Math.max(0, ...feeds.map((feed) => feed.id)) + 1;
			feeds = [...feeds, {id: next, url, title: old?.title ?? url, tags: old?.tags ?? []}];
			version++;
			return {title: old?.title ?? url};
		},
		async backfillFeed(id, onProgress) {
			fake.calls.backfillFeed.push(id);
			onProgress({page: 2, added: 6});
			onProgress({page: 3, added: 12});
			return {pages: 2, added: 12, done: true, alreadyDone: false, failure: null};
		},
	};
	return fake;
}
