/** One entry of a feed after normalization: every field is plain, trusted-shape data. */
export interface FeedItem {
	/** Stable id: guid / Atom id, else link, else a hash of title + date. */
	readonly id: string;
	/** Plain text: entities decoded, tags stripped, whitespace collapsed, sanitized. */
	readonly title: string;
	/** Absolute http(s) url or null. */
	readonly link: string | null;
	/** ISO 8601 (UTC) or null when the feed gives no parseable date. */
	readonly published: string | null;
	readonly updated: string | null;
	readonly author: string | null;
	/** Full HTML body (content:encoded, Atom content, JSON Feed content_html), urls absolute. */
	readonly content: string | null;
	/** Short HTML or text (description, Atom summary, JSON Feed summary). */
	readonly summary: string | null;
	/**
	 * The entry's categories as the feed names them (RSS category, dc:subject, Atom category
	 * label or term, JSON Feed tags): plain text, each once, in document order. Absent when
	 * the feed names none (and in items built elsewhere, e.g. tests).
	 */
	readonly categories?: readonly string[];
}

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

/** A parsed, normalized feed: what `blogroll parse --json` prints (plus format and ttl). */
export interface ParsedFeed {
	readonly format: FeedFormat;
	readonly title: string;
	/** The site's home page, absolute. */
	readonly link: string | null;
	readonly description: string | null;
	/** RSS <ttl> in minutes, if the feed asks for one. */
	readonly ttlMinutes: number | null;
	readonly items: readonly FeedItem[];
	/** Tracking parameters and web bugs removed from links and bodies (absent when none). */
	readonly trackersRemoved?: number;
	/**
	 * RFC 5005 paging and archive links of the document (absolute urls), and its `fh:archive`
	 * / `fh:complete` marks; absent when the document has none of them.
	 */
	readonly history?: FeedHistory;
	/**
	 * The repairs this document needed to be read (docs/feed-repairs.md names each), in the
	 * order they ran; absent for a well-formed feed. A refresh records them with its attempt.
	 */
	readonly repairs?: readonly RepairName[];
	/** Items of the document not kept, by why; absent when every item was kept. */
	readonly dropped?: DroppedItems;
}

/**
 * Why items were dropped: `duplicate-id` (a second item under an id already seen: the first
 * wins), `incomplete` (the item a truncated document broke off in), `over-limit` (beyond the
 * newest MAX_ITEMS_PER_FEED).
 */
export type DroppedItems = Readonly<Partial<Record<'duplicate-id' | 'incomplete' | 'over-limit', number>>>;

/** A repair of docs/feed-repairs.md (the charset corrections are reported by decode.ts). */
export type RepairName =
	| 'leading-junk'
	| 'control-characters'
	| 'cp1252-references'
	| 'internal-entities'
	| 'html-entities'
	| 'bare-ampersand'
	| 'stray-less-than'
	| 'trailing-junk'
	| 'stray-tag'
	| 'rebuild'
	| 'double-encoded-utf8';

/** RFC 5005 (feed paging and archiving) as one document states it. */
export interface FeedHistory {
	/** Paged feeds: `rel="next"`, `"previous"` (also `"prev"`), `"first"`, `"last"`. */
	readonly next: string | null;
	readonly previous: string | null;
	readonly first: string | null;
	readonly last: string | null;
	/** Archived feeds: `rel="prev-archive"`, `"next-archive"`, `"current"`. */
	readonly prevArchive: string | null;
	readonly nextArchive: string | null;
	readonly current: string | null;
	/** `<fh:archive/>`: this document is an archive document (its entries do not change). */
	readonly archive: boolean;
	/** `<fh:complete/>`: the document lists every entry; one missing was removed upstream. */
	readonly complete: boolean;
}
