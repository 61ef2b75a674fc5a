import type Database from 'better-sqlite3';

/** One forward step of the schema; `version` is what `PRAGMA user_version` says afterwards. */
export interface Migration {
	readonly version: number;
	readonly description: string;
	readonly sql: string;
}

/**
 * The schema, as an ordered list of forward migrations. Never edit a released step:
 * append a new one. Each runs in its own transaction together with the user_version bump.
 */
export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		description: 'feeds, entries, full-text index',
		sql: `
			CREATE TABLE feeds (
				id INTEGER PRIMARY KEY,
				url TEXT NOT NULL UNIQUE,
				title TEXT,
				site_url TEXT,
				description TEXT,
				etag TEXT,
				last_modified TEXT,
				last_fetched_at TEXT,
				last_updated_at TEXT,
				last_status INTEGER,
				last_error TEXT,
				error_streak INTEGER NOT NULL DEFAULT 0,
				next_fetch_at TEXT,
				ttl_minutes INTEGER
			);

			CREATE TABLE entries (
				id INTEGER PRIMARY KEY,
				feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
				guid TEXT NOT NULL,
				link TEXT,
				title TEXT NOT NULL DEFAULT '',
				author TEXT,
				published TEXT,
				updated TEXT,
				-- published ?? updated ?? first_seen_at (future dates clamped to first_seen_at):
				-- one column so that every list is one index range in date order.
				sort_date TEXT NOT NULL,
				has_feed_date INTEGER NOT NULL DEFAULT 0,
				content TEXT,
				summary TEXT,
				full_content TEXT,
				is_read INTEGER NOT NULL DEFAULT 0,
				is_starred INTEGER NOT NULL DEFAULT 0,
				first_seen_at TEXT NOT NULL,
				-- When the entry was last in a fetched feed: pruning never deletes what the
				-- feed still lists, or it would come back as unread on the next refresh.
				last_seen_at TEXT NOT NULL,
				content_hash TEXT NOT NULL,
				UNIQUE (feed_id, guid)
			);

			-- "Newest unread across all feeds": a small partial index, already in list order.
			CREATE INDEX entries_unread_by_date ON entries (sort_date DESC, id DESC) WHERE is_read = 0;
			CREATE INDEX entries_starred_by_date ON entries (sort_date DESC, id DESC) WHERE is_starred = 1;
			CREATE INDEX entries_by_date ON entries (sort_date DESC, id DESC);
			-- "Newest of one feed" in list order.
			CREATE INDEX entries_feed_by_date ON entries (feed_id, sort_date DESC, id DESC);
			-- Unread/total counts per feed are answered from this index alone (covering).
			CREATE INDEX entries_feed_read ON entries (feed_id, is_read);

			-- Contentless: the text lives once, in entries; the index keeps only tokens.
			-- The store writes it (the indexed text is HTML stripped in JS); deletes,
			-- including ON DELETE CASCADE from feeds, go through the trigger below.
			CREATE VIRTUAL TABLE entries_fts USING fts5 (
				title, author, body,
				content = '',
				contentless_delete = 1,
				tokenize = "unicode61 remove_diacritics 2"
			);

			CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
				DELETE FROM entries_fts WHERE rowid = old.id;
			END;
		`,
	},
	{
		version: 2,
		description: 'index that answers search filters without reading entry rows',
		sql: `
			-- A search with a filter (ignore rules, a view, unread, a tag, newer:) looks up every
			-- full-text hit's row by id; is_read and is_starred lie behind the 2–8 KB body, so
			-- each lookup walked overflow pages (~140 ms for 60 000 hits at 100 000 entries).
			-- Keyed by id first, this index is that lookup without the body. sort_date comes
			-- second so that feed_id can never become a seek key: "feed_id IN (the feeds of a
			-- tag)" would otherwise seek once per feed for every hit.
			CREATE INDEX entries_filter_columns ON entries (id, sort_date, feed_id, is_read, is_starred);
		`,
	},
	{
		version: 3,
		description: 'the last error of a feed as reason and params, so the reader words it in its language',
		sql: `
			-- JSON {"reason": …, "params": {…}} beside last_error (the English line the CLI prints);
			-- NULL after a success, and for errors recorded before this version.
			ALTER TABLE feeds ADD COLUMN last_error_detail TEXT;
		`,
	},
	{
		version: 4,
		description: 'discover: evidence for suggested sites, probe results, dismissals, scan watermark',
		sql: `
			-- IF NOT EXISTS: a cache taken back to an older version by hand keeps its tables.
			-- Why a site is suggested: one row per candidate site, followed feed and kind of
			-- evidence. Keyed by the followed feed's url, not its id: evidence outlives a cache
			-- rebuild of the feed, and an unsubscribed feed's rows are simply not read.
			CREATE TABLE IF NOT EXISTS discover_evidence (
				site TEXT NOT NULL,               -- registrable domain (or host of an IP)
				source_feed_url TEXT NOT NULL,
				kind TEXT NOT NULL CHECK (kind IN ('link', 'blogroll')),
				url TEXT NOT NULL,                -- where to look for the site: first link, or listed url
				feed_url TEXT,                    -- the feed a blogroll names for it
				title TEXT,
				via TEXT,                         -- the blogroll's url
				count INTEGER NOT NULL DEFAULT 0, -- links from that feed's posts
				PRIMARY KEY (site, source_feed_url, kind)
			) WITHOUT ROWID;

			-- Every url discover fetched: validators for the next (conditional) request and what
			-- the answer said, so that a 304 costs nothing and loses nothing.
			CREATE TABLE IF NOT EXISTS discover_fetches (
				url TEXT PRIMARY KEY,
				etag TEXT,
				last_modified TEXT,
				status INTEGER NOT NULL,          -- 200, 304, an HTTP error, 0 for a network failure
				result TEXT,                      -- JSON of what was found in the body
				fetched_at TEXT NOT NULL
			) WITHOUT ROWID;

			-- Followed feeds whose site was looked at for blogrolls.
			CREATE TABLE IF NOT EXISTS discover_sources (
				feed_url TEXT PRIMARY KEY,
				scanned_at TEXT NOT NULL
			) WITHOUT ROWID;

			-- A candidate once probed: its feed (found, fetched and valid) or why there is none.
			CREATE TABLE IF NOT EXISTS discover_sites (
				site TEXT PRIMARY KEY,
				status TEXT NOT NULL CHECK (status IN ('found', 'no-feed', 'failed')),
				message TEXT,
				feed_url TEXT,
				site_url TEXT,
				title TEXT,
				last_post_at TEXT,
				posts_per_month REAL NOT NULL DEFAULT 0,
				language TEXT,
				dormant INTEGER NOT NULL DEFAULT 0,
				probed_at TEXT NOT NULL
			) WITHOUT ROWID;

			CREATE TABLE IF NOT EXISTS discover_dismissed (
				site TEXT PRIMARY KEY,
				url TEXT NOT NULL,                -- as the user typed it, for \`suggest --dismissed\`
				dismissed_at TEXT NOT NULL
			) WITHOUT ROWID;

			-- 'links-scanned-to': the highest entry id whose links are counted; entries stored
			-- later are the only ones the next suggest reads.
			CREATE TABLE IF NOT EXISTS discover_state (
				key TEXT PRIMARY KEY,
				value TEXT NOT NULL
			) WITHOUT ROWID;
		`,
	},
	{
		version: 5,
		description: 'replicate: outbox of local changes, merged registers and subscriptions, read offsets (issue 15)',
		sql: `
			-- Nothing here is written while no sync folder is set: the triggers record only when
			-- replicate_meta has 'recording', and skip what sync itself applies ('applying', a row
			-- that lives only inside the applying transaction).
			CREATE TABLE IF NOT EXISTS replicate_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

			-- Local changes not yet in the journal, JSON as source/replicate/record.ts reads it.
			-- \`stamp\` is given before the line is appended, so a crash between the append and
			-- the delete appends the same operation again (merging it twice changes nothing).
			CREATE TABLE IF NOT EXISTS replicate_outbox (
				id INTEGER PRIMARY KEY,
				change TEXT NOT NULL,
				at TEXT NOT NULL,
				stamp TEXT
			);

			-- Last writer wins per (target, field): the winning value (JSON) and its stamp. An
			-- entry's row names its feed url; pending = 1 until the value is in the cache (an
			-- entry not fetched yet waits for its refresh).
			CREATE TABLE IF NOT EXISTS replicate_registers (
				target TEXT NOT NULL,
				field TEXT NOT NULL,
				value TEXT NOT NULL,
				stamp TEXT NOT NULL,
				feed TEXT,
				pending INTEGER NOT NULL DEFAULT 0,
				PRIMARY KEY (target, field)
			) WITHOUT ROWID;
			-- Covering: applying reads what waits for one feed from this index alone.
			CREATE INDEX IF NOT EXISTS replicate_registers_pending ON replicate_registers (feed, target, field, value) WHERE pending = 1;

			-- Subscriptions, add-wins: every subscribe's stamp, and the subscribes some device removed.
			CREATE TABLE IF NOT EXISTS replicate_adds (add_stamp TEXT PRIMARY KEY, feed TEXT NOT NULL) WITHOUT ROWID;
			CREATE INDEX IF NOT EXISTS replicate_adds_feed ON replicate_adds (feed);
			CREATE TABLE IF NOT EXISTS replicate_removed (add_stamp TEXT PRIMARY KEY, feed TEXT NOT NULL) WITHOUT ROWID;

			-- Every file of the folder read so far: how far, in which version (epoch) of it.
			CREATE TABLE IF NOT EXISTS replicate_files (
				name TEXT PRIMARY KEY,
				kind TEXT NOT NULL,
				device TEXT,
				device_name TEXT,
				epoch TEXT,
				read_to INTEGER NOT NULL DEFAULT 0,
				signature TEXT,
				last_stamp TEXT,
				bad_lines INTEGER NOT NULL DEFAULT 0,
				read_at TEXT
			) WITHOUT ROWID;

			-- Read and starred flags are recorded in the transaction that changes them.
			CREATE TRIGGER IF NOT EXISTS replicate_record_read AFTER UPDATE OF is_read ON entries
			WHEN old.is_read <> new.is_read
				AND EXISTS (SELECT 1 FROM replicate_meta WHERE key = 'recording')
				AND NOT EXISTS (SELECT 1 FROM replicate_meta WHERE key = 'applying')
			BEGIN
				INSERT INTO replicate_outbox (change, at)
				SELECT json_object('kind', 'entry', 'field', 'read', 'value', new.is_read, 'feed', f.url, 'guid', new.guid), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
				FROM feeds f WHERE f.id = new.feed_id;
			END;
			CREATE TRIGGER IF NOT EXISTS replicate_record_starred AFTER UPDATE OF is_starred ON entries
			WHEN old.is_starred <> new.is_starred
				AND EXISTS (SELECT 1 FROM replicate_meta WHERE key = 'recording')
				AND NOT EXISTS (SELECT 1 FROM replicate_meta WHERE key = 'applying')
			BEGIN
				INSERT INTO replicate_outbox (change, at)
				SELECT json_object('kind', 'entry', 'field', 'starred', 'value', new.is_starred, 'feed', f.url, 'guid', new.guid), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
				FROM feeds f WHERE f.id = new.feed_id;
			END;
			-- A dismissed suggestion, and its undoing.
			CREATE TRIGGER IF NOT EXISTS replicate_record_dismiss AFTER INSERT ON discover_dismissed
			WHEN EXISTS (SELECT 1 FROM replicate_meta WHERE key = 'recording')
				AND NOT EXISTS (SELECT 1 FROM replicate_meta WHERE key = 'applying')
			BEGIN
				INSERT INTO replicate_outbox (change, at)
				VALUES (json_object('kind', 'set', 'target', 'site:' || new.site, 'field', 'dismissed', 'value', new.url), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
			END;
			CREATE TRIGGER IF NOT EXISTS replicate_record_undismiss AFTER DELETE ON discover_dismissed
			WHEN EXISTS (SELECT 1 FROM replicate_meta WHERE key = 'recording')
				AND NOT EXISTS (SELECT 1 FROM replicate_meta WHERE key = 'applying')
			BEGIN
				INSERT INTO replicate_outbox (change, at)
				VALUES (json_object('kind', 'set', 'target', 'site:' || old.site, 'field', 'dismissed', 'value', NULL), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
			END;
		`,
	},
	// discover (issue 13): blogroll pointers found while refreshing and adding.
	{
		version: 6,
		description: 'discover: blogroll pointers a followed feed and its page named',
		sql: `
			-- Found in answers fetched anyway (no request of their own): 'feed' is the channel's
			-- <source:blogroll> / <blogChannel:blogRoll> and the feed answer's Link header,
			-- rewritten on every 200; 'page' is the page \`add\` discovered the feed from
			-- (<link rel="blogroll">, its Link header). A row means "looked": urls may be [].
			CREATE TABLE IF NOT EXISTS discover_pointers (
				feed_url TEXT NOT NULL,
				found_in TEXT NOT NULL CHECK (found_in IN ('feed', 'page')),
				urls TEXT NOT NULL,               -- JSON array of absolute urls
				found_at TEXT NOT NULL,
				PRIMARY KEY (feed_url, found_in)
			) WITHOUT ROWID;
		`,
	},
	{
		version: 7,
		description: 'health: the last fetch attempts of every feed',
		sql: `
			-- Feed health (issue 14): the newest 20 attempts per feed, written by the refresh in
			-- the transaction of the feed's result and pruned there. Everything but time and
			-- status is one JSON object of the fields that applied: a 304 is a small row.
			CREATE TABLE IF NOT EXISTS fetch_attempts (
				id INTEGER PRIMARY KEY,
				feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
				at TEXT NOT NULL,
				status INTEGER,
				detail TEXT NOT NULL
			);
			CREATE INDEX IF NOT EXISTS fetch_attempts_by_feed ON fetch_attempts (feed_id, id);
		`,
	},
	// backfill (RFC 5005): archive pages, entries from archives, entries removed upstream.
	{
		version: 8,
		description: 'backfill: archive pages fetched so far, entries from archives, entries removed upstream',
		sql: `
			-- Entries a backfill brought from a feed's older pages or archive documents: never
			-- pruned (the user asked for that history), and not what "the latest fetch" means.
			ALTER TABLE entries ADD COLUMN from_archive INTEGER NOT NULL DEFAULT 0;
			-- A complete feed (RFC 5005 fh:complete) no longer lists the entry: marked read and
			-- flagged, not deleted (a starred one stays starred); cleared when it comes back.
			ALTER TABLE entries ADD COLUMN removed_upstream INTEGER NOT NULL DEFAULT 0;

			-- Where a feed's backfill stands, written with each page's entries in one transaction,
			-- so that an interrupted backfill goes on at the first page not yet stored.
			CREATE TABLE IF NOT EXISTS backfill_state (
				feed_id INTEGER PRIMARY KEY REFERENCES feeds(id) ON DELETE CASCADE,
				next_url TEXT,                    -- the next page to fetch; NULL once done
				page_key TEXT,                    -- hash of the last page's entry ids: a repeat ends paging
				pages INTEGER NOT NULL DEFAULT 0, -- pages stored so far
				added INTEGER NOT NULL DEFAULT 0, -- entries those pages added to the cache
				done INTEGER NOT NULL DEFAULT 0,  -- 1: the oldest page was reached
				updated_at TEXT NOT NULL
			);
		`,
	},
	// Feed server accounts (issue 16): which entry is which server item, the queue of local
	// state changes to send, and where each account's sync stands.
	{
		version: 9,
		description: 'accounts: server items of cached entries, the outbox of local read/starred changes, sync state per account',
		sql: `
			-- A cached entry that is a server's item: state changes are sent under remote_id. An
			-- entry deleted (pruned, its feed removed) takes its mapping with it.
			CREATE TABLE IF NOT EXISTS account_items (
				account TEXT NOT NULL,
				remote_id TEXT NOT NULL,
				entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
				PRIMARY KEY (account, remote_id)
			) WITHOUT ROWID;
			-- The triggers below look an entry up here on every flag change.
			CREATE UNIQUE INDEX IF NOT EXISTS account_items_entry ON account_items (entry_id);

			-- The server's subscriptions as the last sync saw them: how an item's feed id becomes
			-- a feed, and which tags came from the server's categories (the others are the user's).
			CREATE TABLE IF NOT EXISTS account_feeds (
				account TEXT NOT NULL,
				remote_id TEXT NOT NULL,
				url TEXT NOT NULL,
				tags TEXT NOT NULL DEFAULT '[]',
				PRIMARY KEY (account, remote_id)
			) WITHOUT ROWID;

			-- Local read/starred changes of server items not sent yet: one row per item and field
			-- (a newer change replaces the older), written by the triggers in the transaction of the
			-- change, whichever code path made it; deleted once the server took it.
			CREATE TABLE IF NOT EXISTS account_outbox (
				id INTEGER PRIMARY KEY,
				account TEXT NOT NULL,
				remote_id TEXT NOT NULL,
				field TEXT NOT NULL CHECK (field IN ('read', 'starred')),
				value INTEGER NOT NULL,
				at TEXT NOT NULL
			);
			CREATE INDEX IF NOT EXISTS account_outbox_item ON account_outbox (account, remote_id, field);

			-- Per account: the server's cursor (opaque: since_id, continuation, lastModified), when it
			-- last synced, and its last error (NULL after a success).
			CREATE TABLE IF NOT EXISTS account_state (
				account TEXT PRIMARY KEY,
				cursor TEXT,
				last_sync_at TEXT,
				last_error TEXT,
				last_error_at TEXT
			) WITHOUT ROWID;

			-- 'applying' exists only inside the transaction that applies a server's states: those
			-- changes came from the server and are not queued to go back.
			CREATE TABLE IF NOT EXISTS account_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

			CREATE TRIGGER IF NOT EXISTS account_record_read AFTER UPDATE OF is_read ON entries
			WHEN old.is_read <> new.is_read
				AND NOT EXISTS (SELECT 1 FROM account_meta WHERE key = 'applying')
				AND EXISTS (SELECT 1 FROM account_items WHERE entry_id = new.id)
			BEGIN
				DELETE FROM account_outbox WHERE field = 'read'
					AND (account, remote_id) IN (SELECT account, remote_id FROM account_items WHERE entry_id = new.id);
				INSERT INTO account_outbox (account, remote_id, field, value, at)
				SELECT account, remote_id, 'read', new.is_read, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM account_items WHERE entry_id = new.id;
			END;
			CREATE TRIGGER IF NOT EXISTS account_record_starred AFTER UPDATE OF is_starred ON entries
			WHEN old.is_starred <> new.is_starred
				AND NOT EXISTS (SELECT 1 FROM account_meta WHERE key = 'applying')
				AND EXISTS (SELECT 1 FROM account_items WHERE entry_id = new.id)
			BEGIN
				DELETE FROM account_outbox WHERE field = 'starred'
					AND (account, remote_id) IN (SELECT account, remote_id FROM account_items WHERE entry_id = new.id);
				INSERT INTO account_outbox (account, remote_id, field, value, at)
				SELECT account, remote_id, 'starred', new.is_starred, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM account_items WHERE entry_id = new.id;
			END;

			-- The synced folder (issue 15) does not carry a server item's flags: the server does,
			-- for every device with the account (replica.ts keeps the account's feeds out too).
			-- The triggers of migration 5, with that one condition more.
			DROP TRIGGER IF EXISTS replicate_record_read;
			DROP TRIGGER IF EXISTS replicate_record_starred;
			CREATE TRIGGER replicate_record_read AFTER UPDATE OF is_read ON entries
			WHEN old.is_read <> new.is_read
				AND EXISTS (SELECT 1 FROM replicate_meta WHERE key = 'recording')
				AND NOT EXISTS (SELECT 1 FROM replicate_meta WHERE key = 'applying')
				AND NOT EXISTS (SELECT 1 FROM account_items WHERE entry_id = new.id)
			BEGIN
				INSERT INTO replicate_outbox (change, at)
				SELECT json_object('kind', 'entry', 'field', 'read', 'value', new.is_read, 'feed', f.url, 'guid', new.guid), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
				FROM feeds f WHERE f.id = new.feed_id;
			END;
			CREATE TRIGGER replicate_record_starred AFTER UPDATE OF is_starred ON entries
			WHEN old.is_starred <> new.is_starred
				AND EXISTS (SELECT 1 FROM replicate_meta WHERE key = 'recording')
				AND NOT EXISTS (SELECT 1 FROM replicate_meta WHERE key = 'applying')
				AND NOT EXISTS (SELECT 1 FROM account_items WHERE entry_id = new.id)
			BEGIN
				INSERT INTO replicate_outbox (change, at)
				SELECT json_object('kind', 'entry', 'field', 'starred', 'value', new.is_starred, 'feed', f.url, 'guid', new.guid), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
				FROM feeds f WHERE f.id = new.feed_id;
			END;
		`,
	},
];

/** The schema version this build writes. */
export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** Applies every migration newer than the database's user_version, each in a transaction. */
export function migrate(db: Database.Database): void {
	const current = db.pragma('user_version', {simple: true}) as number;
	for (const migration of MIGRATIONS) {
		if (migration.version <= current) continue;
		db.transaction(() => {
			db.exec(migration.sql);
			// Inside the transaction: a crash leaves the old version and the old schema together.
			db.pragma(`user_version = ${migration.version}`);
		})();
	}
}
