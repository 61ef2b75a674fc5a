import {describe, expect, it} from 'vitest';
import {renderArticle} from '../../source/render/render-article.js';

async function questionsOf(html: string, language: 'de' | 'en' = 'de'): Promise<string[]> {
	const article = await renderArticle(html, {width: 80, color: false, language});
	return article.questions.map((question) => question.text);
}

async function textOf(html: string, language: 'de' | 'en' = 'de'): Promise<string> {
	const article = await renderArticle(html, {width: 80, color: false, language});
	return article.lines.join('\n');
}

const jsonLd = (questions: Array<[string, string]>) =>
	`<script type="application/ld+json">${JSON.stringify({
		'@context': 'https://schema.org',
		'@type': 'FAQPage',
		mainEntity: questions.map(([name, text]) => ({'@type': 'Question', name, acceptedAnswer: {'@type': 'Answer', text}})),
		// As sites embed it: `<` escaped, so that `</script>` in an answer cannot end the script.
	}).replace(/</g, '\\u003c')}</script>`;

// [form, html, questions in order]
const detectionCases: Array<[string, string, string[]]> = [
	['details and summary', '<details><summary>Was kostet das Erstgespräch?</summary><p>Nichts.</p></details>', ['Was kostet das Erstgespräch?']],
	['a definition list of questions', '<dl><dt>Wie lange dauert es?</dt><dd>Drei Monate.</dd><dt>Wo?</dt><dd>Online.</dd></dl>', ['Wie lange dauert es?', 'Wo?']],
	['a definition list inside an FAQ block, without question marks', '<div id="faq"><dl><dt>Preise</dt><dd>Ab 90 €.</dd></dl></div>', ['Preise']],
	[
		'schema.org microdata',
		'<div itemscope itemtype="https://schema.org/Question"><span itemprop="name">Gibt es Rabatt?</span><div itemprop="acceptedAnswer" itemscope itemtype="https://schema.org/Answer"><p itemprop="text">Für Studierende 20&nbsp;%.</p></div></div>',
		['Gibt es Rabatt?'],
	],
	['JSON-LD only', `${jsonLd([['Wer bezahlt?', 'Meist der Arbeitgeber.']])}<p>Supervision für Teams.</p>`, ['Wer bezahlt?']],
	[
		'question headings under an FAQ heading',
		'<h2>FAQ</h2><h3>Wie buche ich?</h3><p>Per Mail.</p><h3>Kann ich stornieren?</h3><p>Ja.</p>',
		['Wie buche ich?', 'Kann ich stornieren?'],
	],
	['two sibling question headings without an FAQ heading', '<h2>Wie buche ich?</h2><p>Per Mail.</p><h2>Kann ich stornieren?</h2><p>Ja.</p>', ['Wie buche ich?', 'Kann ich stornieren?']],
	[
		'an Elementor accordion',
		'<div class="elementor-accordion-item"><div class="elementor-tab-title"><a class="elementor-accordion-title" href="">Wie schnell gibt es Termine?</a></div><div class="elementor-tab-content"><p>In zwei Wochen.</p></div></div>',
		['Wie schnell gibt es Termine?'],
	],
	[
		'a Divi toggle',
		'<div class="et_pb_module et_pb_toggle et_pb_toggle_close"><h5 class="et_pb_toggle_title">Gibt es Ratenzahlung?</h5><div class="et_pb_toggle_content"><p>Ja, in drei Raten.</p></div></div>',
		['Gibt es Ratenzahlung?'],
	],
	[
		'a Bootstrap accordion',
		'<div class="accordion-item"><h2 class="accordion-header"><button class="accordion-button">Welche Zahlungsarten?</button></h2><div class="accordion-collapse collapse"><div class="accordion-body">Überweisung.</div></div></div>',
		['Welche Zahlungsarten?'],
	],
	[
		'a Yoast FAQ block',
		'<div class="schema-faq wp-block-yoast-faq-block"><div class="schema-faq-section"><strong class="schema-faq-question">Arbeitest du auch am Wochenende?</strong> <p class="schema-faq-answer">Nur samstags.</p></div></div>',
		['Arbeitest du auch am Wochenende?'],
	],
	[
		'a Rank Math FAQ block',
		'<div class="rank-math-list"><div class="rank-math-list-item"><h3 class="rank-math-question">Bietest du Supervision an?</h3><div class="rank-math-answer"><p>Ja, für Teams.</p></div></div></div>',
		['Bietest du Supervision an?'],
	],
];

describe('FAQ detection', () => {
	for (const [form, html, expected] of detectionCases) {
		it(`finds the questions of ${form}`, async () => {
			expect(await questionsOf(html)).toEqual(expected);
		});
	}

	it('does not treat a single rhetorical question heading in a post as FAQ', async () => {
		expect(await questionsOf('<h2>Warum ich keine Pläne mehr schreibe</h2><p>Text.</p><h2>Und wenn es nicht klappt?</h2><p>Dann klappt es nicht.</p>')).toEqual([]);
	});

	it('leaves a glossary definition list alone', async () => {
		expect(await questionsOf('<dl><dt>EÜR</dt><dd>Einnahmen-Überschuss-Rechnung.</dd></dl>')).toEqual([]);
	});
});

describe('FAQ rendering', () => {
	it('shows an accordion question once when it appears twice in a row (heading and toggle button)', async () => {
		const html =
			'<div class="faq-item"><h3 class="faq-item__header">Was passiert bei einer Absage?</h3><button class="faq-item__toggle">Was passiert bei einer Absage?</button><div class="faq-item__panel" hidden><p>Bis 24 Stunden vorher kostenlos.</p></div></div>';
		const text = await textOf(html);
		expect(text.split('Was passiert bei einer Absage?').length - 1).toBe(1);
		expect(text).toContain('Bis 24 Stunden vorher kostenlos.');
	});

	it('shows a question heading followed by a toggle repeating it once', async () => {
		const html = '<h2>FAQ</h2><h3>Wie lange dauert es?</h3><button>Wie lange dauert es?</button><p>Drei Monate.</p>';
		const text = await textOf(html);
		expect(text.split('Wie lange dauert es?').length - 1).toBe(1);
	});

	it('does not print JSON-LD questions twice when the page shows them', async () => {
		const html = `${jsonLd([['Was kostet das?', 'Nichts.'], ['Wie lange dauert es?', 'Drei Monate.']])}<details><summary>Was kostet das?</summary><p>Nichts.</p></details>`;
		const text = await textOf(html);
		expect(text.split('Was kostet das?').length - 1).toBe(1);
		expect(text.split('Wie lange dauert es?').length - 1).toBe(1);
		expect(await questionsOf(html)).toEqual(['Was kostet das?', 'Wie lange dauert es?']);
	});

	it('does not add a JSON-LD question that the page shows as an ordinary heading', async () => {
		const html = `${jsonLd([['Was kostet das Coaching?', 'Ab 90 €.']])}<h2>Was kostet das Coaching?</h2><p>Ab 90&nbsp;€ pro Stunde.</p>`;
		expect((await textOf(html)).split('Was kostet das Coaching?').length - 1).toBe(1);
	});

	it('marks a question with F: in German and Q: in English, its answer indented beneath', async () => {
		const html = '<details><summary>Is there a refund?</summary><p>Yes, within 14 days.</p></details>';
		const german = await renderArticle(html, {width: 60, color: false, language: 'de'});
		const english = await renderArticle(html, {width: 60, color: false, language: 'en'});
		expect(german.lines.slice(0, 2)).toEqual(['F: Is there a refund?', '   Yes, within 14 days.']);
		expect(english.lines.slice(0, 2)).toEqual(['Q: Is there a refund?', '   Yes, within 14 days.']);
		expect(english.questions).toEqual([{text: 'Is there a refund?', line: 0}]);
	});

	it('wraps a long question under its marker', async () => {
		const html = '<details><summary>Was ist der Unterschied zwischen Lektorat und Korrektorat bei einem Sachbuch?</summary><p>Der Umfang.</p></details>';
		const article = await renderArticle(html, {width: 40, color: false, language: 'de'});
		expect(article.lines.slice(0, 4)).toEqual(['F: Was ist der Unterschied zwischen', '   Lektorat und Korrektorat bei einem', '   Sachbuch?', '   Der Umfang.']);
	});

	it('makes the question bold and coloured with styling, and the marker visible without', async () => {
		const html = '<details><summary>Was kostet das?</summary><p>Nichts.</p></details>';
		const styled = await renderArticle(html, {width: 60, color: true, language: 'de'});
		expect(styled.lines[0]).toContain('\u001B[1m');
		expect(styled.lines[0]!.replace(/\u001B\[[0-9;]*m/g, '')).toBe('F: Was kostet das?');
	});

	it('keeps a JSON-LD answer free of markup and escapes', async () => {
		const html = jsonLd([['Wer bezahlt?', '<p>Meist der <strong>Arbeitgeber</strong>.<script>alert(1)</script>\u001B]52;c;ZXZpbA==\u0007</p>']]);
		const text = await textOf(html);
		expect(text).toContain('Meist der Arbeitgeber.');
		expect(text).not.toMatch(/alert|ZXZpbA|<|\u001B/);
	});
});
