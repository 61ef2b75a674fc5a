/** images (issue 19) in the reader: `I` loads the article's pictures; space is reserved; text first. */
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import type {Failure} from '../../source/failure.js';
import type {ArticleImage, RenderedArticle} from '../../source/render/types.js';
import {createFakeServices} from './fake-services.js';
import {frame, linesOf, press, renderReader, waitForFrame} from './helpers.js';

afterEach(() => {
	cleanup();
});

const ARTICLE: RenderedArticle = {
	lines: ['Unser neuer Tisch aus Eiche ist fertig.', '', '[Bild: Ein Tisch aus Eiche][1]', '', 'Die Oberfläche ist geölt, nicht lackiert.', '', '[Bild][2]', '', 'Schluss.'],
	links: [
		{number: 1, url: 'https://atelier-groessle.de/uploads/tisch.jpg', label: 'Ein Tisch aus Eiche', isOpenable: true, isImage: true},
		{number: 2, url: 'https://atelier-groessle.de/uploads/kaputt.png', label: 'Bild', isOpenable: true, isImage: true},
	],
	questions: [],
	images: [
		{url: 'https://atelier-groessle.de/uploads/tisch.jpg', alt: 'Ein Tisch aus Eiche', line: 2, size: {width: 600, height: 200}},
		{url: 'https://atelier-groessle.de/uploads/kaputt.png', alt: '', line: 6, size: null},
	],
};

function servicesWithPictures(mode: 'auto' | 'ask' | 'off') {
	const services = createFakeServices();
	services.render = () => ARTICLE;
	const requests: {images: readonly ArticleImage[]; width: number; maxRows: number}[] = [];
	let finish: () => void = () => undefined;
	Object.assign(services, {
		imageMode: () => mode,
		drawImages(images: readonly ArticleImage[], width: number, maxRows: number, onImage: (index: number, result: readonly string[] | Failure) => void) {
			requests.push({images, width, maxRows});
			finish = () => {
				onImage(0, ['▀▀▀▀ Eiche oben', '▀▀▀▀ Eiche unten']);
				onImage(1, {kind: 'failed', reason: 'broken', message: 'kaputt.png: damaged'});
			};
			// The first picture has a declared size (3 rows at 80 columns, capped), the second none (1 row).
			return [3, 1];
		},
	});
	return {services, requests, finish: () => finish()};
}

describe('pictures in the article', () => {
	test('with images: ask, I reserves the space, then the pictures fill in before their alt text', async () => {
		const {services, requests, finish} = servicesWithPictures('ask');
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Unser neuer Tisch');
		expect(requests).toHaveLength(0); // nothing loaded before the key
		expect(frame(instance)).toMatch(/I Bilder/); // the hint line names the key
		await press(instance, 'I');
		const reserved = await waitForFrame(instance, '[Bild wird geladen …]');
		const before = linesOf(reserved).findIndex(line => line.includes('Die Oberfläche'));
		expect(requests[0]?.maxRows).toBeGreaterThanOrEqual(4);
		finish();
		const drawn = await waitForFrame(instance, 'Eiche unten');
		const lines = linesOf(drawn);
		const top = lines.findIndex(line => line.includes('Eiche oben'));
		expect(lines[top + 1]).toContain('Eiche unten');
		expect(lines[top + 3]).toContain('[Bild: Ein Tisch aus Eiche][1]');
		// The space was reserved: the text below did not move when the picture arrived.
		expect(lines.findIndex(line => line.includes('Die Oberfläche'))).toBe(before);
		expect(drawn).toContain('[Bild nicht gezeigt: die Datei ist beschädigt]');
		expect(drawn).not.toContain('[Bild wird geladen …]');
	});

	test('scrolling moves the pictures with the text', async () => {
		const {services, finish} = servicesWithPictures('auto');
		// Longer than the screen, so that it scrolls.
		services.render = () => ({...ARTICLE, lines: [...ARTICLE.lines, ...Array.from({length: 40}, (_, index) => `Absatz ${index + 1} über Holz und Öl.`)]});
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, '[Bild wird geladen …]');
		finish();
		const drawn = await waitForFrame(instance, 'Eiche oben');
		const row = linesOf(drawn).findIndex(line => line.includes('Eiche oben'));
		await press(instance, 'j');
		const scrolled = await waitForFrame(instance, text => linesOf(text).findIndex(line => line.includes('Eiche oben')) === row - 1);
		expect(scrolled).toContain('Eiche unten');
	});

	test('pictures asked for are drawn again at the new width after a resize', async () => {
		const {services, requests} = servicesWithPictures('ask');
		const {instance, resize} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Unser neuer Tisch');
		await press(instance, 'I');
		await waitForFrame(instance, '[Bild wird geladen …]');
		resize(100, 30);
		await waitForFrame(instance, () => requests.length === 2);
		expect(requests.map(request => request.width)).toEqual([80, 100]);
		await waitForFrame(instance, '[Bild wird geladen …]');
	});

	test('with images: auto the pictures load when the article opens', async () => {
		const {services, requests} = servicesWithPictures('auto');
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, '[Bild wird geladen …]');
		expect(requests).toHaveLength(1);
	});

	test('with images: off, I says so and loads nothing', async () => {
		const {services, requests} = servicesWithPictures('off');
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Unser neuer Tisch');
		await press(instance, 'I');
		await waitForFrame(instance, 'Bilder sind ausgeschaltet');
		expect(requests).toHaveLength(0);
	});

	test('the link list marks the links that are pictures', async () => {
		const {services} = servicesWithPictures('ask');
		const {instance} = await renderReader(services, {initialView: 'all'});
		await waitForFrame(instance, 'blogroll › Alle');
		await press(instance, 'enter');
		await waitForFrame(instance, 'Unser neuer Tisch');
		await press(instance, 'L');
		const text = await waitForFrame(instance, 'tisch.jpg');
		expect(text).toContain('https://atelier-groessle.de/uploads/tisch.jpg — Bild: Ein Tisch aus Eiche');
		expect(text).toMatch(/kaputt\.png — Bild\s*$/m);
	});
});
