/**
 * Generated blogs for the benchmarks: deterministic (seeded), realistic in shape and size
 * (WordPress-style HTML of 2–10 KB per post, 30–50 posts, ~250 KB per feed), German and
 * English, RSS 2.0 and Atom, some in ISO-8859-1. Pure: no I/O, so the farm and the cache
 * builder share it and it can be checked apart from any server.
 */

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same blogs on every machine. */
export function createRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

function pick<T>(random: () => number, list: readonly T[]): T {
	return list[Math.floor(random() * list.length)] as T;
}

function between(random: () => number, low: number, high: number): number {
	return low + Math.floor(random() * (high - low + 1));
}

export type Language = 'de' | 'en';
export type BlogFormat = 'rss' | 'atom';

/** One generated blog: what the farm serves and what the cache builder stores. */
export interface BlogSpec {
	readonly index: number;
	readonly language: Language;
	readonly format: BlogFormat;
	/** ISO-8859-1 instead of UTF-8 (RSS only, as old WordPress installs still send it). */
	readonly latin1: boolean;
	readonly title: string;
	/** Posts per version of the feed. */
	readonly itemCount: number;
	readonly seed: number;
}

const GERMAN_OWNERS = ['Anja Kröger', 'Jürgen Weiß', 'Sabine Müller-Lüdenscheidt', 'Till Großmann', 'Franziska Hößl', 'Björn Schäfer', 'Lena Voß', 'Matthias Bäumer', 'Katrin Öztürk', 'Dörte Fuß'];
const GERMAN_TRADES = ['Coaching', 'Beratung', 'Lektorat', 'Webdesign', 'Steuerberatung', 'Supervision', 'Moderation', 'Fotografie', 'Übersetzung', 'Yoga & Achtsamkeit'];
const ENGLISH_OWNERS = ['Mara Quinn', 'Oliver Hartley', 'Priya Nandakumar', 'Sam O’Connor', 'Ines Álvarez', 'Tom Becker', 'Ruth Ellison', 'Noah Fitzgerald'];
const ENGLISH_TRADES = ['Coaching', 'Consulting', 'Copywriting', 'Product Design', 'Bookkeeping', 'Facilitation', 'Photography', 'Freelance Dev'];

const GERMAN_SENTENCES = [
	'Viele meiner Klientinnen fragen mich, wie sie „Nein“ sagen können, ohne sich schuldig zu fühlen.',
	'Im Erstgespräch geht es nicht um Lösungen, sondern um die richtige Frage.',
	'Als Selbstständige weiß ich, wie schwer es ist, Preise offen zu kommunizieren.',
	'Die Größe eines Auftrags sagt wenig über seinen Wert für dein Geschäft.',
	'Ich habe im Frühjahr drei Wochen lang jeden Morgen eine Stunde ohne Telefon gearbeitet – das Ergebnis hat mich überrascht.',
	'Gute Beratung beginnt mit Zuhören, nicht mit Folien.',
	'Wer seine Zielgruppe „alle“ nennt, erreicht am Ende niemanden.',
	'Die Steuererklärung für Freiberufler muss kein Albtraum sein, wenn man das ganze Jahr über ein paar Gewohnheiten pflegt.',
	'Mein Tipp: Schreib dir nach jedem Kundentermin drei Sätze auf, was gut lief und was nicht.',
	'Überstunden sind kein Zeichen von Engagement, sondern oft von schlechter Planung.',
	'In der Supervision höre ich häufig: „Ich müsste eigentlich mehr Akquise machen.“',
	'Ein Angebot, das auf eine Seite passt, wird öfter unterschrieben als eines mit zwölf Seiten.',
	'Die Frage ist nicht, ob du Social Media brauchst, sondern welches Maß dir guttut.',
	'Seit 2014 begleite ich Teams in Veränderungsprozessen – vom Mittelständler bis zur Behörde.',
	'Heute möchte ich dir eine Übung zeigen, die in zehn Minuten mehr Klarheit bringt als ein ganzer Workshop.',
	'Natürlich gibt es Ausnahmen, und genau über die sprechen wir am Donnerstag im Live-Call.',
	'Schließlich ist dein Honorar auch eine Aussage darüber, wie ernst du deine Arbeit nimmt.',
	'Für Gründerinnen in Baden-Württemberg gibt es übrigens einen Zuschuss für Coaching.',
];

const ENGLISH_SENTENCES = [
	'Most of my clients do not need another productivity app; they need fewer commitments.',
	'A proposal that fits on one page gets signed more often than a twelve-page deck.',
	'Last spring I tried working the first hour of every day without email, and it changed how I plan.',
	'Raising your rates is a conversation, not a confession.',
	'If your ideal client is “everyone”, your marketing will speak to no one.',
	'Bookkeeping is boring, which is exactly why a weekly fifteen-minute habit beats a yearly panic.',
	'In workshops I ask people to write down the decision they have been postponing the longest.',
	'Good facilitation is mostly about what you leave out of the agenda.',
	'The hardest part of freelancing is not finding work; it is saying no to the wrong work.',
	'Here is the checklist I use before every discovery call — steal it.',
	'We will talk about the exceptions in Thursday’s Q&A session.',
	'Your pricing page is a statement about how seriously you take your own work.',
];

// Topic words, from everyday to rare: posts pick them with a skew (see `pickTopic`), so that
// searches find a few thousand, a few hundred or a handful of entries, as in a real cache.
const GERMAN_TOPICS = ['Zeitmanagement', 'Kundengewinnung', 'Preisgestaltung', 'Selbstfürsorge', 'Netzwerken', 'Angebotserstellung', 'Buchhaltung', 'Positionierung', 'Teamentwicklung', 'Konfliktklärung', 'Umsatzsteuer', 'Homeoffice', 'Stimmtraining', 'Rechnungsstellung', 'Kündigungsfristen', 'Resilienz', 'Mitarbeitergespräche', 'Führungskräfteentwicklung', 'Gründungszuschuss', 'Künstlersozialkasse', 'Vorsteuerabzug', 'Betriebsprüfung', 'Scheinselbstständigkeit', 'Berufshaftpflicht', 'Elternzeitvertretung', 'Gemeinwohlökonomie', 'Streuobstwiese', 'Quedlinburg'];
const ENGLISH_TOPICS = ['time management', 'client acquisition', 'pricing', 'self-care', 'networking', 'proposals', 'bookkeeping', 'positioning', 'team building', 'conflict resolution', 'retainers', 'remote work', 'invoicing', 'burnout', 'onboarding', 'sabbatical', 'letterpress', 'Shetland'];

/** Skewed towards the start of the list: the last topics are rare. */
function pickTopic(random: () => number, topics: readonly string[]): string {
	return topics[Math.floor(random() ** 3 * topics.length)] as string;
}

const GERMAN_HEADINGS = ['Warum das wichtig ist', 'Drei Schritte für den Anfang', 'Was ich daraus gelernt habe', 'Häufige Fragen', 'Für wen eignet sich das?', 'Mein Fazit'];
const ENGLISH_HEADINGS = ['Why this matters', 'Three steps to start', 'What I learned', 'Frequently asked questions', 'Who is this for?', 'Bottom line'];
const GERMAN_TITLES = ['Preise kommunizieren ohne Bauchschmerzen', 'Die 10-Minuten-Übung für mehr Klarheit', 'Warum ich keine Kaltakquise mehr mache', 'Größer ist nicht besser: über kleine Aufträge', 'Fünf Fragen für dein Erstgespräch', 'Achtsam selbstständig im Herbst', 'Was Supervision für Teams leisten kann', 'Steuern für Freiberufler: mein Jahresrhythmus', 'Grenzen setzen im Kundenkontakt', 'Über „Nein“ und „Jein“'];
const ENGLISH_TITLES = ['Pricing without the stomach ache', 'The ten-minute clarity exercise', 'Why I stopped cold outreach', 'Small projects, big lessons', 'Five questions for your discovery call', 'Saying no to good clients', 'What facilitation is really for', 'My yearly bookkeeping rhythm'];

/** The blogs of a farm (or a cache) of `count` feeds: a fixed mix of languages, formats and charsets. */
export function describeBlogs(count: number, seed = 7): BlogSpec[] {
	const blogs: BlogSpec[] = [];
	for (let index = 0; index < count; index++) {
		const random = createRandom(seed * 1_000_003 + index);
		// Two thirds German, as in the project's audience; every second feed Atom; every fifth RSS feed Latin-1.
		const language: Language = index % 3 === 2 ? 'en' : 'de';
		const format: BlogFormat = index % 2 === 1 ? 'atom' : 'rss';
		const latin1 = format === 'rss' && index % 5 === 0;
		const owner = language === 'de' ? pick(random, GERMAN_OWNERS) : pick(random, ENGLISH_OWNERS);
		const trade = language === 'de' ? pick(random, GERMAN_TRADES) : pick(random, ENGLISH_TRADES);
		blogs.push({index, language, format, latin1, title: `${owner} – ${trade} #${index + 1}`, itemCount: between(random, 30, 50), seed: seed * 7919 + index});
	}
	return blogs;
}

/** One post; the same (blog, number) gives the same post in every version of the feed. */
export interface Post {
	readonly guid: string;
	readonly title: string;
	readonly link: string;
	readonly author: string;
	readonly date: Date;
	/** WordPress-style HTML, 2–10 KB. */
	readonly html: string;
	readonly excerpt: string;
}

const EPOCH = Date.UTC(2026, 10, 1, 8, 0, 0);

/** Post number `number` of `blog` (numbers grow with time: a higher number is newer). */
export function generatePost(blog: BlogSpec, number: number, base: string, bodyBytes?: [number, number]): Post {
	const random = createRandom(blog.seed * 31 + number);
	const german = blog.language === 'de';
	const sentences = german ? GERMAN_SENTENCES : ENGLISH_SENTENCES;
	const headings = german ? GERMAN_HEADINGS : ENGLISH_HEADINGS;
	const [low, high] = bodyBytes ?? [2_000, 9_000];
	const target = between(random, low, high);
	const title = `${pick(random, german ? GERMAN_TITLES : ENGLISH_TITLES)} (${number + 1})`;
	const slug = `beitrag-${number + 1}`;
	const link = `${base}/${slug}/`;
	const parts: string[] = [];
	let size = 0;
	let paragraph = 0;
	while (size < target) {
		let block: string;
		const kind = random();
		if (paragraph > 0 && paragraph % 4 === 0) {
			block = `<h2 class="wp-block-heading">${pick(random, headings)}</h2>`;
		} else if (kind < 0.1) {
			block = `<ul class="wp-block-list"><li>${pick(random, sentences)}</li><li>${pick(random, sentences)}</li><li>${pick(random, sentences)}</li></ul>`;
		} else if (kind < 0.15) {
			block = `<blockquote class="wp-block-quote"><p>${pick(random, sentences)}</p><cite>${german ? 'Eine Klientin' : 'A client'}</cite></blockquote>`;
		} else if (kind < 0.2) {
			block = `<figure class="wp-block-image size-large"><img decoding="async" width="1024" height="683" src="${base}/wp-content/uploads/2026/11/bild-${number}-${paragraph}.jpg" alt="${german ? 'Schreibtisch mit Notizbuch' : 'Desk with a notebook'}" class="wp-image-${1000 + paragraph}" /><figcaption class="wp-element-caption">${german ? 'Foto: privat' : 'Photo: mine'}</figcaption></figure>`;
		} else {
			const count = between(random, 2, 5);
			const text: string[] = [];
			for (let index = 0; index < count; index++) text.push(pick(random, sentences));
			// Non-breaking spaces and inline markup the way the block editor leaves them.
			if (random() < 0.35) {
				const topic = german ? pickTopic(random, GERMAN_TOPICS) : pickTopic(random, ENGLISH_TOPICS);
				text.push(german ? `Mehr zum Thema ${topic} findest du in meinem Newsletter.` : `More on ${topic} in my newsletter.`);
			}
			let body = text.join(' ').replace(' – ', '&nbsp;– ');
			if (random() < 0.3) body = `<strong>${body.slice(0, 40)}</strong>${body.slice(40)}`;
			if (random() < 0.3) body += ` <a href="${base}/kontakt/">${german ? 'Schreib mir gern' : 'Get in touch'}</a>.`;
			block = `<p>${body}</p>`;
		}
		parts.push(block);
		size += block.length;
		paragraph++;
	}
	const html = parts.join('\n');
	const excerpt = `${(german ? GERMAN_SENTENCES : ENGLISH_SENTENCES)[number % sentences.length]} […]`;
	// One post every 18 hours, older posts first.
	const date = new Date(EPOCH + number * 18 * 3_600_000);
	return {guid: `${base}/?p=${10_000 + number}`, title, link, author: blog.title.split(' – ')[0] ?? 'Redaktion', date, html, excerpt};
}

function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** CDATA cannot contain `]]>`; split it the usual way. */
function cdata(text: string): string {
	return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** Characters outside Latin-1 become numeric references, as WordPress does for a Latin-1 blog. */
function toLatin1Safe(text: string): string {
	return text.replace(/[^\u0000-\u00ff]/g, char => `&#${char.codePointAt(0)};`);
}

/** A rendered feed document: bytes as served, plus what the server needs for conditional GET. */
export interface FeedDocument {
	readonly body: Buffer;
	readonly contentType: string;
	/** The newest post's date: Last-Modified. */
	readonly lastModified: Date;
}

/**
 * The feed of `blog` at `version`: version v shows posts [5v + extra, 5v + extra + itemCount),
 * newest first, so each version brings five new posts and drops the five oldest; each `extra`
 * one more (a day's refresh: one new post on some blogs).
 */
export function renderFeed(blog: BlogSpec, version: number, base: string, extra = 0): FeedDocument {
	const first = version * 5 + extra;
	const posts: Post[] = [];
	for (let number = first + blog.itemCount - 1; number >= first; number--) posts.push(generatePost(blog, number, base));
	const newest = posts[0]?.date ?? new Date(EPOCH);
	let xml: string;
	if (blog.format === 'rss') {
		const items = posts.map(post => {
			const content = blog.latin1 ? toLatin1Safe(post.html) : post.html;
			return `\t<item>
\t\t<title>${escapeXml(blog.latin1 ? toLatin1Safe(post.title) : post.title)}</title>
\t\t<link>${post.link}</link>
\t\t<dc:creator>${cdata(post.author)}</dc:creator>
\t\t<pubDate>${post.date.toUTCString().replace('GMT', '+0000')}</pubDate>
\t\t<category>${cdata(blog.language === 'de' ? 'Selbstständigkeit' : 'Freelancing')}</category>
\t\t<guid isPermaLink="false">${post.guid}</guid>
\t\t<description>${cdata(blog.latin1 ? toLatin1Safe(post.excerpt) : post.excerpt)}</description>
\t\t<content:encoded>${cdata(content)}</content:encoded>
\t</item>`;
		});
		const encoding = blog.latin1 ? 'ISO-8859-1' : 'UTF-8';
		xml = `<?xml version="1.0" encoding="${encoding}"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
\t<title>${escapeXml(blog.latin1 ? toLatin1Safe(blog.title) : blog.title)}</title>
\t<atom:link href="${base}/feed/" rel="self" type="application/rss+xml" />
\t<link>${base}/</link>
\t<description>${blog.language === 'de' ? 'Gedanken aus der Praxis' : 'Notes from practice'}</description>
\t<lastBuildDate>${newest.toUTCString().replace('GMT', '+0000')}</lastBuildDate>
\t<language>${blog.language === 'de' ? 'de-DE' : 'en-GB'}</language>
\t<generator>https://wordpress.org/?v=6.7.1</generator>
${items.join('\n')}
</channel>
</rss>
`;
		return {
			body: blog.latin1 ? Buffer.from(xml, 'latin1') : Buffer.from(xml, 'utf8'),
			contentType: `application/rss+xml; charset=${encoding}`,
			lastModified: newest,
		};
	}
	const entries = posts.map(post => `\t<entry>
\t\t<author><name>${escapeXml(post.author)}</name></author>
\t\t<title type="html">${cdata(post.title)}</title>
\t\t<link rel="alternate" type="text/html" href="${post.link}" />
\t\t<id>${post.guid}</id>
\t\t<updated>${post.date.toISOString()}</updated>
\t\t<published>${post.date.toISOString()}</published>
\t\t<summary type="html">${cdata(post.excerpt)}</summary>
\t\t<content type="html" xml:base="${post.link}">${cdata(post.html)}</content>
\t</entry>`);
	xml = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${blog.language}">
\t<title type="text">${escapeXml(blog.title)}</title>
\t<subtitle type="text">${blog.language === 'de' ? 'Gedanken aus der Praxis' : 'Notes from practice'}</subtitle>
\t<updated>${newest.toISOString()}</updated>
\t<link rel="alternate" type="text/html" href="${base}/" />
\t<id>${base}/feed/atom/</id>
\t<link rel="self" type="application/atom+xml" href="${base}/feed/atom/" />
\t<generator uri="https://wordpress.org/" version="6.7.1">WordPress</generator>
${entries.join('\n')}
</feed>
`;
	return {body: Buffer.from(xml, 'utf8'), contentType: 'application/atom+xml; charset=UTF-8', lastModified: newest};
}

/** The url path of a blog's feed on its host. */
export function feedPath(blog: BlogSpec): string {
	return blog.format === 'rss' ? `/blog-${blog.index + 1}/feed/` : `/blog-${blog.index + 1}/feed/atom/`;
}
