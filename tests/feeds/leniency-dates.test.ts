import {describe, expect, it} from 'vitest';
import {parseDate} from '../../source/feeds/dates.js';
import {parseFeed} from '../../source/feeds/parse.js';
import type {ParsedFeed} from '../../source/feeds/types.js';

// Issue 17, "Dates": what real feeds write, each with the instant it means.
describe('parseDate reads the dates feedparser reads', () => {
	it.each([
		// Zone names
		['Di, 04 Nov 2025 10:00:00 MET', '2025-11-04T09:00:00.000Z'],
		['Fri, 01 Aug 2025 12:00:00 MEST', '2025-08-01T10:00:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 CET', '2025-11-04T09:00:00.000Z'],
		['Fri, 01 Aug 2025 12:00:00 CEST', '2025-08-01T10:00:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 WET', '2025-11-04T10:00:00.000Z'],
		['Fri, 01 Aug 2025 12:00:00 WEST', '2025-08-01T11:00:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 EET', '2025-11-04T08:00:00.000Z'],
		['Fri, 01 Aug 2025 12:00:00 EEST', '2025-08-01T09:00:00.000Z'],
		['Fri, 01 Aug 2025 12:00:00 BST', '2025-08-01T11:00:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 IST', '2025-11-04T04:30:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 JST', '2025-11-04T01:00:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 AEST', '2025-11-04T00:00:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 UT', '2025-11-04T10:00:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 Z', '2025-11-04T10:00:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 PST', '2025-11-04T18:00:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 AKST', '2025-11-04T19:00:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 HST', '2025-11-04T20:00:00.000Z'],
		// RFC 2822 §4.3: military letters are read as -0000 (UTC), their signs being unreliable
		['Tue, 04 Nov 2025 10:00:00 A', '2025-11-04T10:00:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 Y', '2025-11-04T10:00:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 Etc/GMT', '2025-11-04T10:00:00.000Z'],
		// The tz database's Etc/GMT+1 is one hour *behind* UTC
		['Tue, 04 Nov 2025 10:00:00 Etc/GMT+1', '2025-11-04T11:00:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 GMT+01:00', '2025-11-04T09:00:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 GMT-01:01', '2025-11-04T11:01:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 UTC+2', '2025-11-04T08:00:00.000Z'],
		['Tue, 04 Nov 2025 10:00:00 GMT +0100', '2025-11-04T09:00:00.000Z'],
		// Names, weekdays and sloppy shapes
		['Tuesday, 04 November 2025 10:00:00 GMT', '2025-11-04T10:00:00.000Z'],
		['04 Nov 2025 10:00:00 GMT', '2025-11-04T10:00:00.000Z'],
		['Wed, 04 Nov 2025 10:00:00 GMT', '2025-11-04T10:00:00.000Z'],
		['Tue, 04 Nov 2025 10:00 GMT', '2025-11-04T10:00:00.000Z'],
		['Tue, 04 Nov 25 10:00:00 GMT', '2025-11-04T10:00:00.000Z'],
		['Tue. 04 Nov 2025 10:00:00 GMT', '2025-11-04T10:00:00.000Z'],
		['Tue 04 Nov 2025 10:00:00 GMT', '2025-11-04T10:00:00.000Z'],
		['Published: Tue, 04 Nov 2025 10:00:00 GMT', '2025-11-04T10:00:00.000Z'],
		['Veröffentlicht am 4. November 2025 um 10:00 Uhr', '2025-11-04T10:00:00.000Z'],
		['Datum: 04.11.2025', '2025-11-04T00:00:00.000Z'],
		['Posted on November 4, 2025', '2025-11-04T00:00:00.000Z'],
		// ISO 8601 / W3C-DTF in all their forms
		['2003-12', '2003-12-01T00:00:00.000Z'],
		['2003', '2003-01-01T00:00:00.000Z'],
		['20031231T101455Z', '2003-12-31T10:14:55.000Z'],
		['20031231T101455+0100', '2003-12-31T09:14:55.000Z'],
		['20031231', '2003-12-31T00:00:00.000Z'],
		['2003-335', '2003-12-01T00:00:00.000Z'],
		['2003335', '2003-12-01T00:00:00.000Z'],
		['2004-366', '2004-12-31T00:00:00.000Z'],
		['2003-W49-3', '2003-12-03T00:00:00.000Z'],
		['2003W493', '2003-12-03T00:00:00.000Z'],
		['2003-W49', '2003-12-01T00:00:00.000Z'],
		['2009-W01-1', '2008-12-29T00:00:00.000Z'],
		['2004-W53-7', '2005-01-02T00:00:00.000Z'],
		['03-12-31', '2003-12-31T00:00:00.000Z'],
		['03-12-31T10:14:55Z', '2003-12-31T10:14:55.000Z'],
		['2003-12-31T10:14:55.123456+01:00', '2003-12-31T09:14:55.123Z'],
		['2003-12-31T10:14:55+0100', '2003-12-31T09:14:55.000Z'],
		['2003-12-31T10:14:55+01', '2003-12-31T09:14:55.000Z'],
		['2003-12-31 10:14:55Z', '2003-12-31T10:14:55.000Z'],
		['2003-12-31T10:14:55 +01:00', '2003-12-31T09:14:55.000Z'],
	])('reads %j as %s', (input, expected) => {
		expect(parseDate(input)).toBe(expected);
	});

	it.each([
		'2003-13-01',
		'2003-02-31',
		'2003-12-31T25:00:00Z',
		'Tue, 31 Feb 2025 10:00:00 GMT',
		'Tue, 04 Nov 2025 25:00:00 GMT',
		'2003-366',
		'2003-000',
		'2003-W54-1',
		'2003-W53-1',
		'03-13-31',
		'311203',
		'Tue, 04 Nov 2025 10:00:00 GMT+15',
	])('refuses the impossible date %j instead of shifting it', (input) => {
		expect(parseDate(input)).toBeNull();
	});
});

async function parsed(xml: string): Promise<ParsedFeed> {
	const result = await parseFeed(xml, 'https://praxis-weiss.de/feed/');
	if ('kind' in result) throw new Error(result.message);
	return result;
}

describe('where an entry’s dates come from', () => {
	const rss = (item: string): string =>
		`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Praxis Weiß</title><item><title>Beitrag</title><guid>p1</guid>${item}</item></channel></rss>`;
	const atom = (entry: string, root = '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'): string =>
		`${root}<title>Praxis Weiß</title><entry><id>urn:p1</id><title>Beitrag</title>${entry}</entry></feed>`;

	it.each([
		['RSS pubDate', rss('<pubDate>Tue, 04 Nov 2025 10:00:00 +0100</pubDate>'), '2025-11-04T09:00:00.000Z', null],
		['RSS dc:date', rss('<dc:date>2025-11-04T10:00:00+01:00</dc:date>'), '2025-11-04T09:00:00.000Z', null],
		['RSS dcterms:issued', rss('<dcterms:issued>2025-11-04</dcterms:issued>'), '2025-11-04T00:00:00.000Z', null],
		['RSS dcterms:created', rss('<dcterms:created>2025-11-04</dcterms:created>'), '2025-11-04T00:00:00.000Z', null],
		['RSS atom:published', rss('<atom:published>2025-11-04T10:00:00Z</atom:published>'), '2025-11-04T10:00:00.000Z', null],
		['RSS with only atom:updated', rss('<atom:updated>2025-11-05T10:00:00Z</atom:updated>'), '2025-11-05T10:00:00.000Z', '2025-11-05T10:00:00.000Z'],
		['RSS with only dcterms:modified', rss('<dcterms:modified>2025-11-05</dcterms:modified>'), '2025-11-05T00:00:00.000Z', '2025-11-05T00:00:00.000Z'],
		['RSS with an unreadable pubDate and a dc:date', rss('<pubDate>demnächst</pubDate><dc:date>2025-11-04</dc:date>'), '2025-11-04T00:00:00.000Z', null],
		['Atom published and updated', atom('<published>2025-11-04T10:00:00Z</published><updated>2025-11-06T10:00:00Z</updated>'), '2025-11-04T10:00:00.000Z', '2025-11-06T10:00:00.000Z'],
		['Atom with only updated', atom('<updated>2025-11-06T10:00:00Z</updated>'), '2025-11-06T10:00:00.000Z', '2025-11-06T10:00:00.000Z'],
		['Atom with dcterms:issued', atom('<dcterms:issued>2025-11-04</dcterms:issued><updated>2025-11-06T10:00:00Z</updated>'), '2025-11-04T00:00:00.000Z', '2025-11-06T10:00:00.000Z'],
		['Atom with dc:date', atom('<dc:date>2025-11-04</dc:date>'), '2025-11-04T00:00:00.000Z', null],
		[
			'Atom 0.3 issued, modified and created',
			atom('<issued>2025-11-04T10:00:00Z</issued><modified>2025-11-06T10:00:00Z</modified><created>2025-11-03T10:00:00Z</created>', '<feed version="0.3" xmlns="http://purl.org/atom/ns#">'),
			'2025-11-04T10:00:00.000Z',
			'2025-11-06T10:00:00.000Z',
		],
		['Atom 0.3 with only modified', atom('<modified>2025-11-06T10:00:00Z</modified>', '<feed version="0.3" xmlns="http://purl.org/atom/ns#">'), '2025-11-06T10:00:00.000Z', '2025-11-06T10:00:00.000Z'],
	])('%s', async (_, xml, published, updated) => {
		const [item] = (await parsed(xml)).items;
		expect({published: item?.published, updated: item?.updated}).toEqual({published, updated});
	});
});
