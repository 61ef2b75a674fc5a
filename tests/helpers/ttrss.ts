/**
 * A real Tiny Tiny RSS for the tests (issue 16), started and stopped through
 * scripts/ttrss-server.sh, plus SQL helpers that put feeds and entries straight into its
 * tables: tt-rss refuses to subscribe to loopback urls and its update.php refuses root, so
 * the tests play the feed updater themselves.
 */
import {execFile, execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'ttrss-server.sh');
const PSQL = '/usr/lib/postgresql/15/bin/psql';
const NEEDED = ['/usr/lib/postgresql/15/bin/initdb', PSQL, '/usr/share/tt-rss/schema/ttrss_schema_pgsql.sql', '/usr/share/tt-rss/www/api/index.php'];

/**
 * Why the tt-rss tests cannot run here, or null when they can. They skip only where the
 * packages are missing and this is no CI run: vitest.config.ts passes the outer `CI` on as
 * BLOGROLL_OUTER_CI (it sets CI=false for Ink), and .ci/run sets BLOGROLL_REQUIRE_TTRSS=1.
 */
export function ttrssMissing(): string | null {
	const missing = NEEDED.filter(path => !existsSync(path));
	let php = true;
	try {
		php = /pdo_pgsql/i.test(execFileSync('php', ['-m'], {encoding: 'utf8'}));
	} catch {
		php = false;
	}
	if (missing.length === 0 && php) return null;
	const required = process.env['BLOGROLL_REQUIRE_TTRSS'] === '1' || !['', 'false', '0', undefined].includes(process.env['BLOGROLL_OUTER_CI']);
	const reason = `tt-rss tests need the Debian packages postgresql, php-cli, php-pgsql and tt-rss (missing: ${[...missing, ...(php ? [] : ['php with pdo_pgsql'])].join(', ')}; .ci/run installs them)`;
	if (required) throw new Error(reason);
	return reason;
}

export interface TtrssServer {
	readonly url: string;
	readonly user: string;
	readonly password: string;
	readonly dir: string;
	/** Runs SQL in tt-rss's database; returns psql's unaligned, tuples-only output. */
	sql(statement: string): string;
	stop(): Promise<void>;
}

export async function startTtrss(): Promise<TtrssServer> {
	const dir = mkdtempSync(join(tmpdir(), 'blogroll-ttrss-'));
	await run([SCRIPT, 'start', '--dir', dir, '--owner-pid', String(process.pid)]);
	const env = Object.fromEntries(
		readFileSync(join(dir, 'env'), 'utf8')
			.split('\n')
			.filter(line => line.includes('='))
			.map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
	) as Record<string, string>;
	const pgEnv = {PATH: process.env['PATH'] ?? '', PGHOST: env['PGHOST']!, PGPORT: env['PGPORT']!, PGUSER: env['PGUSER']!, PGDATABASE: env['PGDATABASE']!};
	return {
		url: env['TTRSS_URL']!,
		user: env['TTRSS_USER']!,
		password: env['TTRSS_PASSWORD']!,
		dir,
		sql(statement) {
			return execFileSync(PSQL, ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-f', '-'], {input: statement, env: pgEnv, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024});
		},
		async stop() {
			await run([SCRIPT, 'stop', '--dir', dir]);
		},
	};
}

function run(args: readonly string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		execFile('bash', args, {timeout: 120_000}, (error, _stdout, stderr) => {
			if (error) reject(new Error(`${args.slice(0, 2).join(' ')} failed: ${stderr || error.message}`));
			else resolve();
		});
	});
}

/** A SQL string literal (standard_conforming_strings: only ' is special). */
export function sqlText(value: string | null): string {
	return value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`;
}

export interface SeedEntry {
	readonly title: string;
	readonly link: string;
	readonly content: string;
	/** ISO 8601: the feed's date of the entry (tt-rss's `updated`). */
	readonly updated: string;
	readonly author?: string;
	readonly unread?: boolean;
	readonly starred?: boolean;
	readonly tags?: readonly string[];
}

/** The admin user's id (the schema creates it first). */
const OWNER = `(SELECT id FROM ttrss_users WHERE login = 'admin')`;

export function createCategory(server: TtrssServer, title: string): number {
	return Number(server.sql(`INSERT INTO ttrss_feed_categories (owner_uid, title) VALUES (${OWNER}, ${sqlText(title)}) RETURNING id;`).trim());
}

export function createFeed(server: TtrssServer, feed: {title: string; url: string; siteUrl: string; categoryId: number | null}): number {
	return Number(
		server
			.sql(
				`INSERT INTO ttrss_feeds (owner_uid, title, feed_url, site_url, cat_id, last_updated) VALUES (${OWNER}, ${sqlText(feed.title)}, ${sqlText(feed.url)}, ${sqlText(feed.siteUrl)}, ${feed.categoryId ?? 'NULL'}, NOW()) RETURNING id;`,
			)
			.trim(),
	);
}

/**
 * Adds entries to a feed as tt-rss's updater would (ttrss_entries + the user's
 * ttrss_user_entries row); returns their article ids in the given order.
 */
export function addEntries(server: TtrssServer, feedId: number, entries: readonly SeedEntry[]): number[] {
	if (entries.length === 0) return [];
	const ids: number[] = [];
	// Chunks keep each statement a reasonable size.
	for (let start = 0; start < entries.length; start += 500) {
		const chunk = entries.slice(start, start + 500);
		const values = chunk
			.map(
				(entry, index) =>
					`(${start + index}, ${sqlText(entry.title)}, ${sqlText(`test:${feedId}:${entry.link}:${start + index}:${Math.random()}`)}, ${sqlText(entry.link)}, ${sqlText(entry.updated)}::timestamptz AT TIME ZONE 'UTC', ${sqlText(entry.content)}, ${sqlText(entry.author ?? '')}, ${entry.unread ?? true}, ${entry.starred ?? false}, ${sqlText((entry.tags ?? []).join(','))})`,
			)
			.join(',\n');
		const output = server.sql(`
WITH input (n, title, guid, link, updated, content, author, unread, marked, tags) AS (VALUES ${values}),
inserted AS (
	INSERT INTO ttrss_entries (title, guid, link, updated, content, content_hash, date_entered, date_updated, author)
	SELECT title, guid, link, updated, content, md5(content), NOW(), NOW(), author FROM input ORDER BY n
	RETURNING id, guid
),
users AS (
	INSERT INTO ttrss_user_entries (ref_id, uuid, feed_id, owner_uid, tag_cache, label_cache, unread, marked, last_marked)
	SELECT inserted.id, '', ${feedId}, ${OWNER}, input.tags, '', input.unread, input.marked, CASE WHEN input.marked THEN NOW() END
	FROM inserted JOIN input USING (guid)
	RETURNING ref_id
)
SELECT inserted.id FROM inserted JOIN input USING (guid) ORDER BY input.n;`);
		ids.push(...output.trim().split('\n').filter(Boolean).map(Number));
	}
	return ids;
}

/** The server's unread and starred article ids. */
export function serverStates(server: TtrssServer): {unread: Set<number>; starred: Set<number>} {
	const rows = server.sql(`SELECT ref_id, unread, marked FROM ttrss_user_entries WHERE owner_uid = ${OWNER};`);
	const unread = new Set<number>();
	const starred = new Set<number>();
	for (const row of rows.trim().split('\n').filter(Boolean)) {
		const [id, isUnread, isStarred] = row.split('|');
		if (isUnread === 't') unread.add(Number(id));
		if (isStarred === 't') starred.add(Number(id));
	}
	return {unread, starred};
}

export interface SeededFeed {
	readonly id: number;
	readonly title: string;
	readonly url: string;
	readonly siteUrl: string;
	readonly category: string | null;
	readonly entryIds: readonly number[];
}

const BLOGS = [
	{title: 'Kreidezeit – Katharinas Praxis', host: 'kreidezeit.example.de', category: 'Coaching', author: 'Katharina Weiß'},
	{title: 'Führung & Feedback', host: 'fuehrung-feedback.example.de', category: 'Coaching', author: 'Jörg Müller'},
	{title: 'Bits und Bäume', host: 'bits-und-baeume.example.org', category: 'Technik', author: 'Anaïs Özdemir'},
	{title: 'Der Heimserver', host: 'heimserver.example.net', category: 'Technik', author: 'Björn Groß'},
	{title: 'Gärtnern in Köln', host: 'gaertnern-koeln.example.de', category: null, author: 'Ülkü Schäfer'},
] as const;

const TOPICS = ['Feedback', 'Übergänge', 'Zuhören', 'Grenzen setzen', 'Teamgrößen', 'Ruhe im Kalender', 'Fehlerkultur', 'Rückschau'];

/** A WordPress post body as its feed carries it. */
export function wordpressBody(blog: string, topic: string, index: number, host: string): string {
	return [
		`<p>Heute geht es um „${topic}“ – eine Frage, die mir in ${blog} immer wieder begegnet (Teil ${index}).</p>`,
		`<figure class="wp-block-image size-large"><img decoding="async" src="https://${host}/wp-content/uploads/2026/11/bild-${index}.jpg" alt="Skizze zu ${topic}" /><figcaption>Skizze: ${topic}, grob überarbeitet</figcaption></figure>`,
		`<h2 class="wp-block-heading">Was ich gelernt habe</h2>`,
		`<ul><li>Erst fragen, dann „wissen“.</li><li>Größere Schritte sind selten schneller.</li><li>Pausen gehören dazu.</li></ul>`,
		`<p>Mehr dazu im <a href="https://${host}/archiv/">Archiv</a>. Grüße aus dem Süden!</p>`,
	].join('\n');
}

/**
 * Five German blogs in two categories (one feed uncategorized), `perFeed` entries each,
 * dated one hour apart, with runs of entries dated the same second (a feed without dates
 * gets the time of the fetch): the headlines pages then break inside tie groups.
 */
export function seedGermanBlogs(server: TtrssServer, perFeed: number, start = Date.parse('2026-11-01T08:00:00Z')): SeededFeed[] {
	const categories = new Map<string, number>();
	const feeds: SeededFeed[] = [];
	for (const [feedIndex, blog] of BLOGS.entries()) {
		let categoryId: number | null = null;
		if (blog.category !== null) {
			categoryId = categories.get(blog.category) ?? createCategory(server, blog.category);
			categories.set(blog.category, categoryId);
		}
		const url = `https://${blog.host}/feed/`;
		const siteUrl = `https://${blog.host}/`;
		const id = createFeed(server, {title: blog.title, url, siteUrl, categoryId});
		const entries: SeedEntry[] = [];
		for (let index = 1; index <= perFeed; index++) {
			const topic = TOPICS[(index + feedIndex) % TOPICS.length]!;
			// Every 40 entries of the second feed come with one shared date.
			const hours = feedIndex === 1 ? Math.floor(index / 40) * 40 : index;
			entries.push({
				title: `„${topic}“ – Gedanken, Teil ${index}`,
				link: `https://${blog.host}/${2026}/11/${topic.toLowerCase().replaceAll(' ', '-')}-${index}/`,
				content: wordpressBody(blog.title, topic, index, blog.host),
				updated: new Date(start + hours * 3_600_000 + feedIndex * 60_000).toISOString(),
				author: blog.author,
				unread: index % 3 !== 0,
				starred: index % 17 === 0,
				tags: index % 5 === 0 ? [topic, 'Alltag'] : [],
			});
		}
		feeds.push({id, title: blog.title, url, siteUrl, category: blog.category, entryIds: addEntries(server, id, entries)});
	}
	return feeds;
}
