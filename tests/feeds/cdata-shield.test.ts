import {describe, expect, it} from 'vitest';
import {restoreCdata, shieldLargeCdata} from '../../source/feeds/cdata-shield.js';
import {parseFeed} from '../../source/feeds/parse.js';

const BODY = `<p>Ein langer Beitrag über „Größe“ &amp; Haltung.</p>\n${'<p>Noch ein Absatz mit Text.</p>\n'.repeat(20)}`;

function rss(items: string): string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Praxisblog</title><link>https://praxis.example/</link>
${items}
</channel></rss>`;
}

describe('shieldLargeCdata', () => {
	it('swaps long CDATA payloads for tokens and leaves short ones in place', () => {
		const xml = `<t><![CDATA[kurz]]></t><c><![CDATA[${BODY}]]></c>`;
		const shielded = shieldLargeCdata(xml);
		expect(shielded.xml).toContain('<![CDATA[kurz]]>');
		expect(shielded.xml).not.toContain('Haltung');
		expect(shielded.payloads.map((payload) => payload.text)).toEqual([BODY]);
	});

	it('keeps the line breaks of a payload, so that errors after it report the same line', () => {
		const xml = `<c><![CDATA[${BODY}]]></c>\n<kaputt`;
		expect(shieldLargeCdata(xml).xml.split('\n').length).toBe(xml.split('\n').length);
	});

	it('leaves a document that already holds a token character alone', () => {
		const xml = `<t>\uE000</t><c><![CDATA[${BODY}]]></c>`;
		expect(shieldLargeCdata(xml)).toEqual({xml, payloads: []});
	});

	it('puts every payload back into the parsed tree, text after the section included', () => {
		const {xml, payloads} = shieldLargeCdata(`<c><![CDATA[${BODY}]]>\n\n</c>`);
		const tree = {c: [{_: xml.slice('<c><![CDATA['.length, -']]>\n\n</c>'.length) + '\n\n', $: {type: 'html'}}]};
		expect(restoreCdata(tree, payloads)).toEqual({c: [{_: `${BODY}\n\n`, $: {type: 'html'}}]});
	});
});

describe('parseFeed with shielded bodies', () => {
	it('returns the bodies unchanged, split CDATA sections joined', async () => {
		const feed = await parseFeed(rss(`<item><title><![CDATA[Größe]]></title><guid>a-1</guid>
<content:encoded><![CDATA[${BODY}]]]]><![CDATA[>${BODY}]]></content:encoded>
<description><![CDATA[${BODY}]]></description></item>`), 'https://praxis.example/feed/');
		if ('kind' in feed) throw new Error(feed.message);
		expect(feed.items[0]?.title).toBe('Größe');
		expect(feed.items[0]?.content).toBe(`${BODY}]]>${BODY}`.trim());
	});

	it('reads a feed whose text holds the token characters as before', async () => {
		const feed = await parseFeed(rss(`<item><title>Privat \uE000\uE001 genutzt</title><guid>a-1</guid><content:encoded><![CDATA[${BODY}]]></content:encoded></item>`), 'https://praxis.example/feed/');
		if ('kind' in feed) throw new Error(feed.message);
		expect(feed.items[0]?.title).toBe('Privat \uE000\uE001 genutzt');
		expect(feed.items[0]?.content).toBe(BODY.trim());
	});

	it('reports a parse error after a long body at the same line as without shielding', async () => {
		const broken = (title: string) => rss(`<item><title>${title}</title><content:encoded><![CDATA[${BODY}]]></content:encoded></item>\n<item><a$b/></item></channel>`);
		const shielded = await parseFeed(broken('Kaputt'), 'https://praxis.example/feed/');
		// A token character in the text turns shielding off for the whole document.
		const unshielded = await parseFeed(broken('Kaputt\uE000'), 'https://praxis.example/feed/');
		expect(shielded).toMatchObject({kind: 'failed', reason: 'parse-error'});
		expect((shielded as {message: string}).message).toMatch(/Line: \d+, Column: \d+/);
		expect(shielded).toEqual(unshielded);
	});
});
