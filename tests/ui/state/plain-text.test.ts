import {describe, expect, test} from 'vitest';
import {displayWidth} from '../../../source/text/width.js';
import {plainTextLines} from '../../../source/ui/state/plain-text.js';

describe('plain text while the rendering is pending', () => {
	test('WordPress markup becomes paragraphs with decoded entities', () => {
		const html = '<p>Ich bin&nbsp;Coach für &bdquo;Selbstständige&ldquo; &amp; Gründer&shy;innen.</p>\n<p>Zweiter Absatz &#8211; mit Gedankenstrich.</p>';
		const lines = plainTextLines(html, 80);
		expect(lines).toEqual(['Ich bin\u00A0Coach für „Selbstständige“ & Gründer\u00ADinnen.', '', 'Zweiter Absatz – mit Gedankenstrich.']);
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

	test('no content gives no lines', () => {
		expect(plainTextLines(null, 80)).toEqual([]);
		expect(plainTextLines('  ', 80)).toEqual([]);
	});
});
