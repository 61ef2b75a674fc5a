import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {extractArticle, type ExtractedArticle} from '../../source/extract/extract-article.js';
import {isFailure} from '../../source/failure.js';
import {renderArticle} from '../../source/render/render-article.js';

const PAGE = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'articles', 'seite-mit-navigation.html'), 'utf8');
const URL_OF_PAGE = 'https://www.klarheit-coaching.de/faq/';

function extracted(html: string, url = URL_OF_PAGE): ExtractedArticle {
	const result = extractArticle(html, url);
	if (isFailure(result)) throw new Error(result.message);
	return result;
}

const filler = '<p>Ich arbeite seit 2014 als Business-Coachin für Selbstständige, Freiberuflerinnen und kleine Teams. Meine Schwerpunkte sind Positionierung, Preisgestaltung und Zeitmanagement – also genau die Themen, bei denen es in den ersten Jahren am häufigsten hakt.</p>';

describe('extractArticle', () => {
	it('finds the title, author and language of the page', () => {
		const article = extracted(PAGE);
		expect(article.title).toContain('Häufige Fragen zum Business-Coaching');
		expect(article.byline).toBe('Sabine Größer');
		expect(article.lang).toBe('de');
	});

	it('keeps the main content and drops navigation, sidebar and footer', () => {
		const {content} = extracted(PAGE);
		expect(content).toContain('Positionierung, Preisgestaltung und Zeitmanagement');
		expect(content).not.toContain('Impressum');
		expect(content).not.toContain('Über mich');
		expect(content).not.toContain('Einmal im Monat Impulse');
	});

	it('keeps accordion questions that Readability alone would drop, each once', async () => {
		const {content} = extracted(PAGE);
		const article = await renderArticle(content, {width: 80, color: false, language: 'de'});
		expect(article.questions.map((question) => question.text)).toEqual([
			'Was kostet ein Coaching bei dir?',
			'Wie lange dauert ein Coaching-Prozess?',
			'Gibt es eine Geld-zurück-Garantie?',
		]);
		const text = article.lines.join('\n');
		expect(text.split('Was kostet ein Coaching bei dir?').length - 1).toBe(1);
		expect(text).toContain('   Eine Einzelsitzung (90\u00A0Minuten) kostet 180\u00A0€.');
	});

	it('adds the JSON-LD question the page does not show, after the visible ones', () => {
		const {content} = extracted(PAGE);
		expect(content.indexOf('Geld-zurück-Garantie')).toBeGreaterThan(content.indexOf('Wie lange dauert ein Coaching-Prozess?'));
	});

	it('resolves relative links against the page url', () => {
		const {content} = extracted(PAGE);
		expect(content).toContain('href="https://www.klarheit-coaching.de/angebot/"');
	});

	it('keeps a Bootstrap accordion whose questions sit in buttons inside a header', async () => {
		const html = `<html lang="de"><head><title>FAQ</title></head><body><main><article><h1>Fragen zum Lektorat</h1>${filler}${filler}<div class="accordion"><div class="accordion-item"><h2 class="accordion-header"><button class="accordion-button">Wie lange dauert ein Lektorat?</button></h2><div class="accordion-collapse collapse"><div class="accordion-body"><p>Etwa zwei Wochen für 100 Normseiten.</p></div></div></div></div>${filler}</article></main></body></html>`;
		const {content} = extracted(html);
		const article = await renderArticle(content, {width: 80, color: false, language: 'de'});
		expect(article.questions.map((question) => question.text)).toEqual(['Wie lange dauert ein Lektorat?']);
		expect(article.lines.join('\n')).toContain('Etwa zwei Wochen für 100 Normseiten.');
	});

	it('fails with a line naming the url for an empty page', () => {
		const result = extractArticle('', 'https://leer.example/');
		expect(isFailure(result)).toBe(true);
		expect(isFailure(result) && result.message).toContain('https://leer.example/');
	});

	it('fails for a page without any content', () => {
		expect(isFailure(extractArticle('<html><body></body></html>', 'https://leer.example/'))).toBe(true);
	});
});
