import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import type {AccountsSyncSummary} from '../../source/ui/services.js';
import {createFakeServices} from './fake-services.js';
import {frame, renderReader, waitForFrame} from './helpers.js';

afterEach(() => {
	cleanup();
});

const NOTHING: AccountsSyncSummary = {synced: ['ttrss-home'], newEntries: 0, read: 0, unread: 0, starred: 0, unstarred: 0, feedsAdded: 0, feedsRemoved: 0, sent: 0, errors: []};

/** Fake services whose account syncs the test answers. */
function servicesWithAccounts(options: {stale?: boolean} = {}) {
	const services = createFakeServices(options);
	const syncs: ((outcome: AccountsSyncSummary | null) => void)[] = [];
	const withAccounts = Object.assign(services, {syncAccounts: () => new Promise<AccountsSyncSummary | null>(resolve => syncs.push(resolve))});
	return {services: withAccounts, syncs};
}

describe('feed server accounts in the reader', () => {
	test('sync after the first frame, never before it, and say what came, in German', async () => {
		const {services, syncs} = servicesWithAccounts();
		const {instance} = await renderReader(services, {refreshOnStart: true});
		expect(frame(instance)).toContain('Schreibstube');
		expect(syncs).toHaveLength(1);
		syncs[0]!({...NOTHING, newEntries: 12, read: 3, sent: 2});
		await waitForFrame(instance, 'Mit ttrss-home abgeglichen: 12 neue Einträge, 3 gelesen, 2 Änderungen gesendet');
	});

	test('say it in English too, for two accounts', async () => {
		const {services, syncs} = servicesWithAccounts();
		const {instance} = await renderReader(services, {refreshOnStart: true, language: 'en'});
		syncs[0]!({...NOTHING, synced: ['ttrss-home', 'wolke'], newEntries: 1, starred: 2});
		await waitForFrame(instance, 'Synced ttrss-home and wolke: 1 new entry, 2 starred');
	});

	test('sync again with each refresh, after it', async () => {
		const {services, syncs} = servicesWithAccounts({stale: true});
		const {instance} = await renderReader(services, {refreshOnStart: true});
		await waitForFrame(instance, 'Aktualisiere 0/5 …');
		expect(syncs).toHaveLength(0);
		services.refreshes[0]!.finish({feeds: 5, newEntries: 0, failures: []});
		await waitForFrame(instance, 'Aktualisiert: 0 neu, 0 fehlgeschlagen');
		expect(syncs).toHaveLength(1);
		syncs[0]!(NOTHING);
		// Nothing new leaves the refresh's line in place.
		await new Promise(resolve => setTimeout(resolve, 20));
		expect(frame(instance)).toContain('Aktualisiert: 0 neu, 0 fehlgeschlagen');
	});

	test('name the account that failed and why, in one line', async () => {
		const {services, syncs} = servicesWithAccounts();
		const {instance} = await renderReader(services, {refreshOnStart: true, language: 'en'});
		syncs[0]!({...NOTHING, synced: [], errors: [{account: 'ttrss-home', message: 'https://rss.example.de: no answer within 30 s'}]});
		await waitForFrame(instance, '! Sync with ttrss-home failed: https://rss.example.de: no answer within 30 s');
	});
});
