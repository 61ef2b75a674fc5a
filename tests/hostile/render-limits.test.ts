import {describe, expect, it} from 'vitest';
import {renderArticle} from '../../source/render/render-article.js';
import {displayWidth} from '../../source/text/width.js';

// Inputs that made naive code quadratic (regexes retrying long runs, Intl.Segmenter on
// long strings, tab expansion). The test timeout is the bound; nothing here is timed.
describe('hostile article sizes', () => {
	it('wraps a megabyte-long word without spaces, losing nothing', async () => {
		const word = 'ä'.repeat(1_000_000);
		const article = await renderArticle(`<p>${word}</p>`, {width: 80, color: true, language: 'de'});
		expect(article.lines).toHaveLength(12_500);
		expect(article.lines.every((line) => displayWidth(line) === 80)).toBe(true);
		expect(article.lines.join('')).toBe(word);
	});

	it('cuts a 200 000-character code line that starts with a tab to the width', async () => {
		const article = await renderArticle(`<pre><code>\t${'x'.repeat(200_000)}</code></pre>`, {width: 60, color: false, language: 'de'});
		expect(article.lines.every((line) => displayWidth(line) <= 60)).toBe(true);
		// Nothing lost: the rows are the line, with the cut markers (→ at the end, ↪ at the start).
		expect(article.lines.join('').replace(/[ →↪]/g, '')).toBe('x'.repeat(200_000));
	});

	it('handles long runs of question marks, quotes and newlines in FAQ detection', async () => {
		const html = `<h2>FAQ</h2><h3>Warum${'?'.repeat(100_000)}${'“'.repeat(100_000)}</h3><p>Darum.</p><details><summary>${'»'.repeat(100_000)}x</summary><pre>${'\n'.repeat(100_000)}a</pre></details>`;
		const article = await renderArticle(html, {width: 80, color: false, language: 'de'});
		expect(article.questions).toHaveLength(2);
		expect(article.lines.every((line) => displayWidth(line) <= 80)).toBe(true);
	});

	it('renders a thousand-fold nested list within the width', async () => {
		const html = `${'<ul><li>Ebene'.repeat(1000)}${'</li></ul>'.repeat(1000)}`;
		const article = await renderArticle(html, {width: 40, color: false, language: 'de'});
		expect(article.lines.length).toBeGreaterThan(0);
		expect(article.lines.every((line) => displayWidth(line) <= 40)).toBe(true);
	});
});
