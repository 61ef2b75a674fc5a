import {describe, expect, it} from 'vitest';
import {mayHaveRelativeUrls, resolveContentUrls} from '../../source/feeds/content-urls.js';

describe('content urls', () => {
	it.each([
		'<p><a href="https://kreidezeit.de/mentoring/">Mentoring</a> und <img src="http://cdn.example/bild.jpg" alt="Bild"></p>',
		"<a href='mailto:kontakt@kreidezeit.de'>Schreiben Sie mir</a>",
		'<a href=https://example.com/>ohne Anführungszeichen</a>',
		'<p>Kein Link, nur „Text“ mit&nbsp;Leerzeichen.</p>',
	])('leaves a body with only absolute urls alone, without parsing it: %s', html => {
		expect(mayHaveRelativeUrls(html)).toBe(false);
		expect(resolveContentUrls(html, 'https://kreidezeit.de/feed/')).toBe(html);
	});

	it.each(['<a href="/kontakt/">Kontakt</a>', "<img src='bilder/tisch.jpg'>", '<img src=//cdn.example/a.png>'])(
		'notices a relative url in %s',
		html => {
			expect(mayHaveRelativeUrls(html)).toBe(true);
		},
	);

	it('resolves a relative link against the base', () => {
		expect(resolveContentUrls('<a href="/kontakt/">Kontakt</a>', 'https://kreidezeit.de/feed/')).toContain('href="https://kreidezeit.de/kontakt/"');
	});
});
