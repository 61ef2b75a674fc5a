import {describe, expect, it} from 'vitest';
import {toIndexText} from '../../source/store/index-text.js';

describe('toIndexText', () => {
	it('strips WordPress markup and decodes the entities German blogs use', () => {
		const html = '<p>Gr&uuml;&szlig;e aus M&#252;nchen&nbsp;&#8211; &bdquo;gut genug&ldquo; reicht.</p>\n<!-- wp:paragraph --><div class="wp-block"><a href="/x">Mehr&hellip;</a></div>';
		expect(toIndexText(html)).toBe('Grüße aus München – „gut genug“ reicht. Mehr…');
	});

	it('leaves out scripts and styles', () => {
		expect(toIndexText('<style>.x{color:red}</style><p>Sichtbar</p><script>var geheim = 1;</script>')).toBe('Sichtbar');
	});

	it('keeps an unknown entity as it is and survives broken numeric ones', () => {
		expect(toIndexText('A &unbekannt; B &#99999999; C')).toBe('A &unbekannt; B C');
	});

	it('is empty for no content', () => {
		expect(toIndexText(null)).toBe('');
		expect(toIndexText('')).toBe('');
	});
});
