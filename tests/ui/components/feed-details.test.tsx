import {renderToString} from 'ink';
import {describe, expect, test} from 'vitest';
import {FeedDetails} from '../../../source/ui/components/feed-details.js';
import type {FeedRow} from '../../../source/ui/state/feed-rows.js';
import type {FeedView} from '../../../source/ui/services.js';
import {stringsFor} from '../../../source/ui/strings.js';
import {NOW} from '../fake-services.js';

const de = stringsFor('de');
const en = stringsFor('en');

const failing: FeedView = {
	id: 3,
	url: 'https://freiraum-design.de/feed/',
	title: 'Freiraum Design Studio',
	tags: ['Freelancer'],
	unreadCount: 4,
	totalCount: 31,
	lastError: 'HTTP 404 bei https://freiraum-design.de/feed/ – die Seite gibt es nicht mehr',
	lastFetchedAt: '2026-11-20T09:58:00Z',
	lastSucceededAt: '2026-11-17T08:00:00Z',
};
const row = (feed: FeedView): FeedRow => ({kind: 'feed', key: `feed:${feed.id}`, feed, isIndented: false});
const details = (feed: FeedView, strings = de, width = 48) =>
	renderToString(<FeedDetails row={row(feed)} width={width} height={12} strings={strings} now={NOW} color={false} />, {columns: width})
		.split('\n')
		.map(line => line.trimEnd());
// The lines as one text: the failure message wraps.
const flat = (lines: string[]) => lines.join(' ').replace(/\s+/g, ' ');

describe('feed details', () => {
	test('a failing feed says first when and why it failed, then when it last succeeded, not “last refreshed”', () => {
		const text = flat(details(failing));
		expect(text).not.toContain('Zuletzt aktualisiert');
		const failed = text.indexOf('! Letzte Aktualisierung vor 2 Min. fehlgeschlagen: HTTP 404');
		const succeeded = text.indexOf('Zuletzt erfolgreich aktualisiert: vor 3 Tagen');
		expect(failed).toBeGreaterThan(0);
		expect(succeeded).toBeGreaterThan(failed);
		// The whole message, wrapped, not cut.
		expect(text).toContain('die Seite gibt es nicht mehr');
	});

	test('in English, and a feed that never succeeded says so', () => {
		const text = flat(details({...failing, lastError: 'connection refused', lastSucceededAt: null}, en));
		expect(text).toContain('! Last refresh failed 2 min ago: connection refused');
		expect(text).toContain('Never refreshed successfully');
	});

	test('a healthy feed says when it was last refreshed', () => {
		const text = details({...failing, lastError: null, lastSucceededAt: failing.lastFetchedAt}, en).join('\n');
		expect(text).toContain('Last refreshed 2 min ago');
		expect(text).not.toContain('failed');
	});
});
