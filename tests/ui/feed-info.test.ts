/** The feed info screen (feed health, issue 14): `i` on a feed, the diagnosis, its fixes as keys. */
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {displayWidth} from '../../source/text/width.js';
import type {FeedHealthView} from '../../source/ui/services.js';
import {GERMAN_FEEDS, createFakeServices} from './fake-services.js';
import {linesOf, press, renderReader, waitForFrame} from './helpers.js';

afterEach(() => {
	cleanup();
});

const FREIRAUM = 3;
const NEW_FEED = 'https://freiraum-design.de/neu/feed.xml';

/** Freiraum Design Studio's feed is gone; the site lists a new one. */
function goneHealth(language: 'de' | 'en'): FeedHealthView {
	const de = language === 'de';
	return {
		feedId: FREIRAUM,
		title: 'Freiraum Design Studio',
		url: 'https://freiraum-design.de/feed/',
		health: 'failing',
		healthText: de ? 'gestört' : 'failing',
		problems: [
			{
				kind: 'gone',
				severity: 'error',
				message: de ? 'Der Server meldet den Feed als endgültig entfernt (410 Gone), seit 18.11.2026, 09:00.' : 'The server says the feed is gone for good (410 Gone) since 18 Nov 2026, 09:00.',
				fix: {action: 'subscribe', text: de ? `Den Feed abonnieren, den die Website jetzt nennt: ${NEW_FEED}` : `Subscribe to the feed the site lists now: ${NEW_FEED}`, url: NEW_FEED},
			},
			{kind: 'dormant', severity: 'info', message: de ? 'Seit 6 Monaten kein neuer Beitrag (der letzte am 02.05.2026, 10:00).' : 'No new post for 6 months.', fix: {action: 'remove', text: de ? 'Behalten kostet nichts.' : 'Keep it if you like.'}},
		],
		attempts: Array.from({length: 20}, (_, index) => `${20 - index}.11.2026, 09:00 · 410 · ${de ? 'gescheitert' : 'failed'} · 35 ms · http-410`),
		trackersRemoved: 4,
	};
}

function servicesWithGoneFeed(language: 'de' | 'en' = 'de') {
	const services = createFakeServices({feeds: GERMAN_FEEDS.map((feed) => (feed.id === FREIRAUM ? {...feed, health: 'failing' as const} : feed.id === 1 ? {...feed, health: 'dormant' as const} : feed))});
	services.health = (id) => (id === FREIRAUM ? goneHealth(language) : createFakeServices().health(id));
	return services;
}

/** Moves the selection onto the row holding `title`. */
async function selectFeed(instance: Awaited<ReturnType<typeof renderReader>>['instance'], title: string): Promise<void> {
	const text = await waitForFrame(instance, title);
	// In the wide layout only the feeds pane (left of the first │) counts.
	const row = linesOf(text).findIndex((line) => (line.split('│')[0] ?? '').includes(title)) - 1;
	await press(instance, ...Array.from({length: row}, () => 'j'));
}

describe('feed info screen', () => {
	test('i shows the diagnosis on top, the fixes as keys and the attempts below, at 80×24 in German', async () => {
		const services = servicesWithGoneFeed();
		const {instance} = await renderReader(services);
		await selectFeed(instance, 'Freiraum Design Studio');
		await press(instance, 'i');
		const text = await waitForFrame(instance, 'Zustand: gestört');
		expect(services.calls.diagnoseFeed).toEqual([FREIRAUM]);
		expect(text).toContain('Feed-Info: Freiraum Design Studio');
		expect(text).toContain('✗ Der Server meldet den Feed als endgültig entfernt (410 Gone)');
		expect(text).toContain(`[s] stattdessen ${NEW_FEED} abonnieren`);
		expect(text).toContain('4 Tracker beim letzten Abruf aus Links und Bildern entfernt');
		expect(text).toContain('Letzte Abrufe, neueste zuerst');
		expect(text).toMatch(/20\.11\.2026, 09:00 · 410 · gescheitert/);
		// The status line names the fixes' keys.
		expect(text).toMatch(/d entfernen .*s neuer Feed .*r aktualisieren/);
		const lines = linesOf(text);
		expect(lines.length).toBeLessThanOrEqual(24);
		for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
		// Scrolling reaches the oldest attempt.
		await press(instance, 'G');
		await waitForFrame(instance, '1.11.2026, 09:00 · 410');
	});

	test('s subscribes to the feed the site lists now instead, and back on the feeds screen it is there', async () => {
		const services = servicesWithGoneFeed();
		const {instance} = await renderReader(services);
		await selectFeed(instance, 'Freiraum Design Studio');
		await press(instance, 'i');
		await waitForFrame(instance, 'Zustand: gestört');
		await press(instance, 's');
		const text = await waitForFrame(instance, 'Neuer Feed von „Freiraum Design Studio“ abonniert');
		expect(services.calls.replaceFeed).toEqual([{id: FREIRAUM, url: NEW_FEED}]);
		expect(text).not.toContain('Feed-Info');
	});

	test('d asks before removing the feed; r refreshes it and reads the diagnosis again', async () => {
		const services = servicesWithGoneFeed();
		const {instance} = await renderReader(services);
		await selectFeed(instance, 'Freiraum Design Studio');
		await press(instance, 'i');
		await waitForFrame(instance, 'Zustand: gestört');
		await press(instance, 'r');
		expect(services.calls.refresh).toEqual([[FREIRAUM]]);
		services.refreshes[0]!.finish({feeds: 1, newEntries: 0, failures: []});
		// The diagnosis is read again once the refresh is over.
		await waitForFrame(instance, () => services.calls.diagnoseFeed.length === 2);
		await press(instance, 'd');
		await waitForFrame(instance, 'Freiraum Design Studio');
		await press(instance, 'j');
		await waitForFrame(instance, 'entfernt');
		expect(services.calls.removeFeed).toEqual([FREIRAUM]);
	});

	test('the feeds screen shows one word of health where it fits; Esc leaves the info screen', async () => {
		const services = servicesWithGoneFeed('en');
		const {instance} = await renderReader(services, {language: 'en'});
		const feeds = await waitForFrame(instance, 'Freiraum');
		expect(feeds).toMatch(/! +Freiraum Design Studio +failing +4/);
		expect(feeds).toMatch(/Achtsam führen – Coaching Weber +dormant +4/);
		expect(feeds).toMatch(/Schreibstube Süß +4$/m);
		await selectFeed(instance, 'Freiraum Design Studio');
		await press(instance, 'i');
		const text = await waitForFrame(instance, 'Health: failing');
		expect(text).toContain(`[s] subscribe to ${NEW_FEED} instead`);
		await press(instance, 'escape');
		await waitForFrame(instance, (current) => !current.includes('Feed info'));
	});

	test('a feed with no new feed to subscribe to offers no s key on the status line', async () => {
		const services = servicesWithGoneFeed();
		const {instance} = await renderReader(services);
		await selectFeed(instance, 'Schreibstube Süß');
		await press(instance, 'i');
		const text = await waitForFrame(instance, 'Zustand:');
		const status = linesOf(text).at(-1) ?? '';
		expect(status).toMatch(/d entfernen .*r aktualisieren/);
		expect(status).not.toContain('s neuer Feed');
	});

	test('fits a wide terminal', async () => {
		const services = servicesWithGoneFeed('en');
		const {instance} = await renderReader(services, {language: 'en', columns: 200, rows: 40});
		await selectFeed(instance, 'Freiraum');
		await press(instance, 'i');
		const text = await waitForFrame(instance, 'Health: failing');
		// At 200 columns the message is one line.
		expect(text).toContain('✗ The server says the feed is gone for good (410 Gone) since 18 Nov 2026, 09:00.\n');
		for (const line of linesOf(text)) expect(displayWidth(line), line).toBeLessThanOrEqual(200);
	});
});
