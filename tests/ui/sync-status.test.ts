import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {failed, type Failure} from '../../source/failure.js';
import type {SyncSummary} from '../../source/ui/services.js';
import {createFakeServices} from './fake-services.js';
import {frame, renderReader, waitForFrame} from './helpers.js';

afterEach(() => {
	cleanup();
});

const FROM_LAPTOP: SyncSummary = {read: 12, unread: 0, starred: 0, newFeeds: 1, removedFeeds: 0, changedFeeds: 0, views: 0, from: ['laptop']};

/** Fake services whose sync the test answers. */
function servicesWithSync(options: {stale?: boolean} = {}) {
	const services = createFakeServices(options);
	const syncs: ((outcome: SyncSummary | Failure | null) => void)[] = [];
	const withSync = Object.assign(services, {sync: () => new Promise<SyncSummary | Failure | null>(resolve => syncs.push(resolve))});
	return {services: withSync, syncs};
}

describe('sync in the reader', () => {
	test('syncs after the first frame and says what came in, in German', async () => {
		const {services, syncs} = servicesWithSync();
		const {instance} = await renderReader(services, {refreshOnStart: true});
		// The first frame is there, from the cache, while the sync is still running.
		expect(frame(instance)).toContain('Schreibstube');
		expect(syncs).toHaveLength(1);
		syncs[0]!(FROM_LAPTOP);
		// A new feed is fetched first (see below); then the sync says what came in.
		await waitForFrame(instance, 'Aktualisiere 0/5 …');
		services.refreshes[0]!.finish({feeds: 6, newEntries: 4, failures: []});
		await waitForFrame(instance, 'Abgeglichen: 12 gelesen, 1 neuer Feed von laptop');
	});

	test('says it in English too', async () => {
		const {services, syncs} = servicesWithSync();
		const {instance} = await renderReader(services, {refreshOnStart: true, language: 'en'});
		syncs[0]!({...FROM_LAPTOP, read: 1, newFeeds: 2, starred: 3, from: ['laptop', 'Büro-PC']});
		// A new feed is fetched first (see below); then the sync says what came in.
		await waitForFrame(instance, 'Refreshing 0/5 …');
		services.refreshes[0]!.finish({feeds: 6, newEntries: 4, failures: []});
		await waitForFrame(instance, 'Synced: 1 read, 3 starred, 2 new feeds from laptop, Büro-PC');
	});

	test('syncs after a refresh on start, not beside it', async () => {
		const {services, syncs} = servicesWithSync({stale: true});
		const {instance} = await renderReader(services, {refreshOnStart: true});
		await waitForFrame(instance, 'Aktualisiere 0/5 …');
		expect(syncs).toHaveLength(0);
		services.refreshes[0]!.finish({feeds: 5, newEntries: 0, failures: []});
		await waitForFrame(instance, 'Aktualisiert: 0 neu, 0 fehlgeschlagen');
		expect(syncs).toHaveLength(1);
		syncs[0]!(FROM_LAPTOP);
		// A new feed is fetched first (see below); then the sync says what came in.
		await waitForFrame(instance, 'Aktualisiere 0/5 …');
		services.refreshes[1]!.finish({feeds: 6, newEntries: 4, failures: []});
		await waitForFrame(instance, 'Abgeglichen: 12 gelesen');
	});

	test('fetches a feed the sync brought in, so it does not stay an empty url until the next refresh', async () => {
		const {services, syncs} = servicesWithSync();
		const {instance} = await renderReader(services, {refreshOnStart: true});
		expect(services.calls.refresh).toEqual([]);
		syncs[0]!(FROM_LAPTOP);
		await waitForFrame(instance, 'Aktualisiere 0/5 …');
		expect(services.calls.refresh).toEqual(['due']);
		services.refreshes[0]!.finish({feeds: 5, newEntries: 4, failures: []});
		// What came in is the last word, once the new feed's entries are there.
		await waitForFrame(instance, 'Abgeglichen: 12 gelesen, 1 neuer Feed von laptop');
	});

	test('words a folder it cannot use in German', async () => {
		const {services, syncs} = servicesWithSync();
		const {instance} = await renderReader(services, {refreshOnStart: true});
		syncs[0]!(failed('sync-folder', 'Cannot use the sync folder /media/stick/blogroll: the disk is full. Nothing was lost: …', {url: '/media/stick/blogroll', code: 'ENOSPC'}));
		// The status line is cut at the terminal's width.
		await waitForFrame(instance, 'Der Sync-Ordner /media/stick/blogroll ist nicht nutzbar: der Datenträger ist vo…');
	});

	test('stays quiet when nothing came in', async () => {
		const {services, syncs} = servicesWithSync();
		const {instance} = await renderReader(services, {refreshOnStart: true});
		const before = frame(instance);
		syncs[0]!({read: 0, unread: 0, starred: 0, newFeeds: 0, removedFeeds: 0, changedFeeds: 0, views: 0, from: ['laptop']});
		await new Promise(resolve => setTimeout(resolve, 50));
		expect(frame(instance)).toBe(before);
	});
});
