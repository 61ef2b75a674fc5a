import {describe, expect, test} from 'vitest';
import {displayWidth} from '../../../source/text/width.js';
import {plainTextLines} from '../../../source/ui/state/plain-text.js';

describe('plain text while the rendering is pending', () => {
	test('WordPress markup becomes paragraphs with decoded entities', () => {
		const html = '<p>Ich bin&nbsp;Coach für &bdquo;Selbstständige&ldquo; &amp; Gründer&shy;innen.</p>\n<p>Zweiter Absatz &#8211; mit Gedankenstrich.</p>';
		const lines = plainTextLines(html, 80);
		// Wrapped like the rendered article: a soft hyphen shows only where it breaks a line.
		expect(lines).toEqual(['Ich bin\u00A0Coach für „Selbstständige“ & Gründerinnen.', '', 'Zweiter Absatz – mit Gedankenstrich.']);
	});

	test('list items keep a bullet and scripts vanish', () => {
		const lines = plainTextLines('<ul><li>Erstens</li><li>Zweitens</li></ul><script>alert("x")</script>', 80);
		expect(lines.join('\n')).toContain('• Erstens');
		expect(lines.join('\n')).not.toContain('alert');
	});

	test('long German words are cut to the width instead of overflowing', () => {
		const lines = plainTextLines('<p>Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenhersteller</p>', 20);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(20);
	});

	test('escape sequences from the feed never reach the terminal', () => {
		const lines = plainTextLines('<p>Hallo \u001B]52;c;ZXZpbA==\u0007Welt\u001B[2J</p>', 80);
		expect(lines.join('')).toBe('Hallo Welt');
	});

	test('a soft hyphen breaks a long word with a visible hyphen', () => {
		const lines = plainTextLines('<p>Die Gründer&shy;innen&shy;beratung beginnt.</p>', 14);
		expect(lines[0]).toBe('Die Gründer-');
	});

	test('a preview asks for its first lines only', () => {
		const html = Array.from({length: 40}, (_, index) => `<p>Absatz ${index} mit etwas Text, der umbrochen wird.</p>`).join('');
		const all = plainTextLines(html, 20);
		expect(plainTextLines(html, 20, 7)).toEqual(all.slice(0, 7));
	});

	test('no content gives no lines', () => {
		expect(plainTextLines(null, 80)).toEqual([]);
		expect(plainTextLines('  ', 80)).toEqual([]);
	});
});
