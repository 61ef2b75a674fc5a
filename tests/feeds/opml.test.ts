import {describe, expect, it} from 'vitest';
import {isFailure} from '../../source/failure.js';
import {parseOpml, serializeOpml, type ImportedFeed} from '../../source/feeds/opml.js';

function feedsOf(text: string): ImportedFeed[] {
	const result = parseOpml(text);
	if (isFailure(result)) throw new Error(result.message);
	return result.feeds;
}

// As exported by an old desktop reader: OPML 1.0, flat, `text` only, lower-case xmlurl.
const OPML_1 = `<?xml version="1.0" encoding="ISO-8859-1"?>
<opml version="1.0">
<head><title>Meine Abos</title></head>
<body>
<outline text="Coaching mit Weitblick" type="rss" xmlurl="https://www.weitblick-coaching.de/feed/" htmlurl="https://www.weitblick-coaching.de/"/>
<outline text="Steuerblog König" type="rss" xmlUrl="https://steuerberatung-koenig.de/rss"/>
<outline text="Link ohne Feed" type="link" url="https://www.beispiel.de/"/>
</body>
</opml>`;

// As exported by Miniflux/NetNewsWire plus hand edits: nested folders, one feed in two
// folders, a category attribute, entities XML does not know, a bare ampersand.
const OPML_2 = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
	<head><title>Abonnements von J&uuml;rgen</title><dateCreated>Mon, 03 Nov 2025 09:15:00 GMT</dateCreated></head>
	<body>
		<outline text="Beratung &amp; Coaching" title="Beratung &amp; Coaching">
			<outline text="Führung">
				<outline type="rss" text="Coaching mit Weitblick" title="Coaching mit Weitblick" xmlUrl="https://www.weitblick-coaching.de/feed/" htmlUrl="https://www.weitblick-coaching.de/"/>
			</outline>
			<outline type="rss" text="Freiraum – Notizen" xmlUrl="https://www.freiraum-beratung.de/notizen/atom.xml" category="/Moderation/Retros,Teams"/>
		</outline>
		<outline text="Selbstständigkeit">
			<outline type="rss" text="Coaching mit Weitblick" xmlUrl="https://www.weitblick-coaching.de/feed/"/>
			<outline type="rss" text="Tipps & Tricks für Freelancer" xmlUrl="https://freelance-tipps.de/feed?format=rss&lang=de"/>
		</outline>
		<outline type="rss" text="Yoga im Büro" xmlUrl="https://yoga-im-buero.de/feed.json"/>
	</body>
</opml>`;

describe('parseOpml', () => {
	it('reads a flat OPML 1.0 file, whatever the case of xmlUrl', () => {
		expect(feedsOf(OPML_1)).toEqual([
			{url: 'https://www.weitblick-coaching.de/feed/', title: 'Coaching mit Weitblick', tags: [], siteUrl: 'https://www.weitblick-coaching.de/'},
			{url: 'https://steuerberatung-koenig.de/rss', title: 'Steuerblog König', tags: []},
		]);
	});

	it('turns nested folders and categories into tags and merges a feed listed twice', () => {
		expect(feedsOf(OPML_2)).toEqual([
			{
				url: 'https://www.weitblick-coaching.de/feed/',
				title: 'Coaching mit Weitblick',
				tags: ['Beratung & Coaching', 'Führung', 'Selbstständigkeit'],
				siteUrl: 'https://www.weitblick-coaching.de/',
			},
			{url: 'https://www.freiraum-beratung.de/notizen/atom.xml', title: 'Freiraum – Notizen', tags: ['Beratung & Coaching', 'Moderation/Retros', 'Teams']},
			{url: 'https://freelance-tipps.de/feed?format=rss&lang=de', title: 'Tipps & Tricks für Freelancer', tags: ['Selbstständigkeit']},
			{url: 'https://yoga-im-buero.de/feed.json', title: 'Yoga im Büro', tags: []},
		]);
	});

	it('reads feed:// urls as http', () => {
		expect(feedsOf('<opml version="2.0"><body><outline text="Alt" xmlUrl="feed://alt.example.de/rss.xml"/></body></opml>')[0]?.url).toBe(
			'http://alt.example.de/rss.xml',
		);
	});

	it.each([
		['plain text', 'Das ist keine OPML-Datei.', 'not-opml'],
		['an empty file', '', 'not-opml'],
		['broken XML', '<opml version="2.0"><body><outline text="x" xmlUrl="https://x.de/feed"></body>', 'parse-error'],
		['another XML document', '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', 'not-opml'],
		['an OPML file without feeds', '<opml version="2.0"><head/><body><outline text="Leerer Ordner"/></body></opml>', 'no-feeds'],
	])('fails clearly on %s', (_, text, reason) => {
		const result = parseOpml(text, 'abos.opml');
		expect(isFailure(result) && result.reason).toBe(reason);
		expect(isFailure(result) && result.message).toMatch(/^abos\.opml /);
	});
});

describe('serializeOpml', () => {
	const feeds: ImportedFeed[] = [
		{url: 'https://www.weitblick-coaching.de/feed/', title: 'Coaching mit Weitblick', tags: ['Beratung & Coaching', 'Führung', 'Selbstständigkeit'], siteUrl: 'https://www.weitblick-coaching.de/'},
		{url: 'https://freelance-tipps.de/feed?format=rss&lang=de', title: 'Tipps & Tricks: „Angebote“ <schreiben>', tags: ['Selbstständigkeit']},
		{url: 'https://yoga-im-buero.de/feed.json', title: null, tags: []},
		{url: 'https://www.freiraum-beratung.de/notizen/atom.xml', title: "Freiraum's Notizen", tags: ['Beratung & Coaching', 'Moderation/Retros']},
	];

	it('gives back every feed with url, title and tags after a round trip', () => {
		const again = feedsOf(serializeOpml(feeds, 'Export von Jürgen'));
		expect(new Set(again.map((feed) => JSON.stringify(feed)))).toEqual(new Set(feeds.map((feed) => JSON.stringify(feed))));
	});

	it('groups feeds in folder outlines by their first tag and keeps further tags as categories', () => {
		const opml = serializeOpml(feeds);
		expect(opml).toContain('<opml version="2.0">');
		expect(opml).toMatch(/<outline text="Beratung &amp; Coaching" title="Beratung &amp; Coaching">\n\t\t\t<outline type="rss" text="Coaching mit Weitblick" title="Coaching mit Weitblick" xmlUrl="https:\/\/www\.weitblick-coaching\.de\/feed\/" htmlUrl="https:\/\/www\.weitblick-coaching\.de\/" category="Führung,Selbstständigkeit"\/>/);
		expect(opml).toContain('\t\t<outline type="rss" text="https://yoga-im-buero.de/feed.json" xmlUrl="https://yoga-im-buero.de/feed.json"/>');
	});

	it('escapes markup, quotes and ampersands', () => {
		const opml = serializeOpml(feeds, 'A & B <C>');
		expect(opml).toContain('<title>A &amp; B &lt;C&gt;</title>');
		expect(opml).toContain('title="Tipps &amp; Tricks: „Angebote“ &lt;schreiben&gt;"');
		expect(opml).toContain('xmlUrl="https://freelance-tipps.de/feed?format=rss&amp;lang=de"');
		expect(opml).toContain('title="Freiraum&apos;s Notizen"');
	});

	it('writes a valid document for an empty list', () => {
		const result = parseOpml(serializeOpml([]));
		expect(isFailure(result) && result.reason).toBe('no-feeds');
	});
});
