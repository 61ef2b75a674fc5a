import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {failed} from '../../source/failure.js';
import {createFakeServices} from './fake-services.js';
import {linesOf, press, renderReader, waitForFrame} from './helpers.js';

afterEach(() => {
	cleanup();
});

describe('B on the feeds screen', () => {
	test('fetches the selected feed’s older posts and says on the status line what came (German)', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		const frame = await waitForFrame(instance, 'Achtsam führen');
		// Down to the first feed row.
		const row = linesOf(frame).findIndex(line => line.includes('Achtsam führen')) - 1;
		await press(instance, ...Array.from({length: row}, () => 'j'), 'B');
		const done = await waitForFrame(instance, 'Ältere Beiträge: 12 neu aus 2 Seiten; das ganze Archiv ist geladen');
		expect(done).toContain('Achtsam führen');
		expect(services.calls.backfillFeed).toEqual([1]);
	});

	test('in English, a page that failed is named on the status line', async () => {
		const services = createFakeServices();
		services.backfillFeed = async (id, onProgress) => {
			services.calls.backfillFeed.push(id);
			onProgress({page: 2, added: 4});
			return {pages: 1, added: 4, done: false, alreadyDone: false, failure: failed('http-404', 'https://coaching-weber.de/feed/?page=2: HTTP 404 Not Found', {url: 'https://coaching-weber.de/feed/?page=2', status: 404, statusText: 'Not Found'})};
		};
		const {instance} = await renderReader(services, {language: 'en', columns: 110});
		const frame = await waitForFrame(instance, 'Achtsam führen');
		const row = linesOf(frame).findIndex(line => line.includes('Achtsam führen')) - 1;
		await press(instance, ...Array.from({length: row}, () => 'j'), 'B');
		const shown = await waitForFrame(instance, '! Fetching older posts stopped:');
		expect(shown).toContain('https://coaching-weber.de/feed/?page=2: HTTP 404 Not Found');
	});

	test('on a row that is not a feed asks to select one first', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {language: 'en'});
		await waitForFrame(instance, 'All');
		await press(instance, 'B');
		await waitForFrame(instance, text => !text.includes('Fetching older') && services.calls.backfillFeed.length === 0 && /select a feed/i.test(text));
	});
});
