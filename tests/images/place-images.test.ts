import {describe, expect, it} from 'vitest';
import {imageCells, placeImages} from '../../source/images/place-images.js';
import {renderArticle} from '../../source/render/render-article.js';

const HTML = `<p>Erster Absatz über Größe.</p>
<figure><img src="https://atelier-groessle.de/wp-content/uploads/2026/11/tisch.jpg" alt="Ein Tisch aus Eiche" width="600" height="400"><figcaption>„Der Tisch“ im Herbst</figcaption></figure>
<h2>Wie lange hält Eiche?</h2><p>Sehr lange.</p>
<p>Text mit <img src="/bilder/fuge.png"> inline und einem <img src="https://pixel.wp.com/g.gif?blog=1"> Zähler.</p>
<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="eingebettet"></p>`;

describe('pictures in the rendered article', () => {
	it('lists each picture with the line of its paragraph; trackers and data: urls are not listed', async () => {
		const article = await renderArticle(HTML, {width: 60, color: false, language: 'de', baseUrl: 'https://atelier-groessle.de/blog/tisch/'});
		expect(article.images?.map(image => [image.url, image.alt, image.size])).toEqual([
			['https://atelier-groessle.de/wp-content/uploads/2026/11/tisch.jpg', 'Ein Tisch aus Eiche', {width: 600, height: 400}],
			['https://atelier-groessle.de/bilder/fuge.png', '', null],
		]);
		expect(article.lines[article.images![0]!.line]).toBe('[Bild: Ein Tisch aus Eiche][1]');
		expect(article.lines[article.images![1]!.line]).toContain('Text mit [Bild][2] inline');
		expect(article.lines.join('\n')).not.toMatch(/[\uE000-\uE0FF]/);
	});

	it("places blocks as whole lines before the picture's paragraph and moves FAQ questions down", async () => {
		const article = {
			lines: ['Absatz eins', '[Bild: Tisch][1]', 'F: Wie lange hält Eiche?', 'Sehr lange.'],
			questions: [{text: 'Wie lange hält Eiche?', line: 2}],
			images: [{url: 'https://a.de/t.jpg', alt: 'Tisch', line: 1, size: null}],
		};
		const placed = placeImages(article, new Map([[0, ['▀▀', '▀▀']]]));
		expect(placed.lines).toEqual(['Absatz eins', '▀▀', '▀▀', '[Bild: Tisch][1]', 'F: Wie lange hält Eiche?', 'Sehr lange.']);
		expect(placed.questions).toEqual([{text: 'Wie lange hält Eiche?', line: 4}]);
		expect(placeImages(article, new Map())).toBe(article);
	});

	it('gives a picture the text width and rows from its declared size, at most maxRows', () => {
		expect(imageCells({size: {width: 600, height: 400}}, 60, 20)).toEqual({columns: 60, rows: 20});
		expect(imageCells({size: {width: 800, height: 200}}, 60, 20)).toEqual({columns: 60, rows: 8});
		expect(imageCells({size: {width: 400, height: 800}}, 60, 10)).toEqual({columns: 10, rows: 10});
		expect(imageCells({size: null}, 60, 12)).toEqual({columns: 60, rows: 12});
	});
});
