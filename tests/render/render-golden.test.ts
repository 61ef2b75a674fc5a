import {existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {renderArticle, renderLinkList} from '../../source/render/render-article.js';
import {displayWidth} from '../../source/text/width.js';

const ARTICLES = join(import.meta.dirname, '..', 'fixtures', 'articles');
const GOLDEN = join(import.meta.dirname, '..', 'fixtures', 'golden-render');
const WIDTHS = [60, 80, 120] as const;
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

/** The questions each FAQ fixture must show, each exactly once. */
const EXPECTED_QUESTIONS: Record<string, readonly string[]> = {
	'faq-details.html': ['Was kostet das Erstgespräch?', 'Findet das Coaching online oder vor Ort statt?', 'Muss ich mich gut vorbereiten?'],
	'faq-definitionsliste.html': ['Ab wann muss ich Umsatzsteuer ausweisen?', 'Kann ich mein Arbeitszimmer absetzen?', 'Was kostet eine Erstberatung?'],
	'faq-jsonld.html': ['Für wen ist Supervision gedacht?', 'Wie oft treffen wir uns?', 'Übernimmt der Arbeitgeber die Kosten?'],
	'faq-microdata.html': ['Was ist der Unterschied zwischen Lektorat und Korrektorat?', 'Wie lange dauert ein Lektorat?'],
	'faq-ueberschriften.html': ['Wie läuft ein Workshop bei mir ab?', 'Wie viele Personen können teilnehmen?', 'Gibt es ein Teilnahmezertifikat?'],
	'faq-akkordeon.html': [
		'Wie schnell bekomme ich einen Termin?',
		'Kann ich ein Paket pausieren?',
		'Stellst du Rechnungen mit ausgewiesener Umsatzsteuer?',
		'Welche Zahlungsarten akzeptierst du?',
		'Was passiert, wenn ich einen Termin absagen muss?',
		'Bekomme ich eine Aufzeichnung?',
	],
	'seite-mit-navigation.html': ['Was kostet ein Coaching bei dir?', 'Wie lange dauert ein Coaching-Prozess?', 'Gibt es eine Geld-zurück-Garantie?'],
};

const fixtures = readdirSync(ARTICLES).filter((name) => name.endsWith('.html')).sort();

function languageOf(html: string): 'de' | 'en' {
	return /<h2>Greetings|lang="en"/.test(html) ? 'en' : 'de';
}

function occurrences(text: string, part: string): number {
	return text.split(part).length - 1;
}

describe('article rendering (golden files, --plain)', () => {
	it('has fixtures to render', () => {
		expect(fixtures.length).toBeGreaterThanOrEqual(10);
	});

	for (const name of fixtures) {
		for (const width of WIDTHS) {
			it(`renders ${name} at ${width} columns as in its golden file`, async () => {
				const html = readFileSync(join(ARTICLES, name), 'utf8');
				const language = languageOf(html);
				const article = await renderArticle(html, {width, color: false, language, baseUrl: 'https://beispiel.de/blog/beitrag/'});
				const text = [...article.lines, '', ...renderLinkList(article.links, {width: Math.min(width, 80), color: false, language})].join('\n') + '\n';
				const golden = join(GOLDEN, `${name.replace(/\.html$/, '')}.${width}.txt`);
				if (UPDATE || !existsSync(golden)) {
					mkdirSync(GOLDEN, {recursive: true});
					writeFileSync(golden, text);
				}
				expect(text).toBe(readFileSync(golden, 'utf8'));
			});
		}

		it(`keeps ${name} inside the width, without trailing spaces or escapes, at every width`, async () => {
			const html = readFileSync(join(ARTICLES, name), 'utf8');
			for (const width of WIDTHS) {
				const article = await renderArticle(html, {width, color: false, language: languageOf(html)});
				for (const line of article.lines) {
					expect(displayWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(Math.min(width, 80));
					expect(line).not.toMatch(/[ \t]$/);
					expect(line).not.toMatch(/[\u0000-\u001F\u007F-\u009F\uE000-\uE0FF]/);
				}
			}
		});

		it(`numbers the links of ${name} consistently`, async () => {
			const html = readFileSync(join(ARTICLES, name), 'utf8');
			const article = await renderArticle(html, {width: 80, color: false, language: languageOf(html), baseUrl: 'https://beispiel.de/'});
			expect(article.links.map((link) => link.number)).toEqual(article.links.map((_, index) => index + 1));
			expect(new Set(article.links.map((link) => link.url)).size).toBe(article.links.length);
			const referenced = new Set([...article.lines.join('\n').matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])));
			for (const number of referenced) expect(number).toBeLessThanOrEqual(article.links.length);
			for (const link of article.links) expect(referenced.has(link.number), `[${link.number}] ${link.url}`).toBe(true);
		});
	}

	for (const [name, questions] of Object.entries(EXPECTED_QUESTIONS)) {
		it(`shows every question of ${name} exactly once, marked, at its listed line`, async () => {
			const html = readFileSync(join(ARTICLES, name), 'utf8');
			for (const width of WIDTHS) {
				const article = await renderArticle(html, {width, color: false, language: 'de'});
				const text = article.lines.join(' ').replace(/\s+/g, ' ');
				expect(article.questions.map((question) => question.text)).toEqual(questions);
				for (const question of article.questions) {
					expect(occurrences(text, question.text), question.text).toBe(1);
					expect(article.lines[question.line]).toMatch(/^F: /);
					expect(question.text.startsWith(article.lines[question.line]!.slice(3).replace(/-$/, ''))).toBe(true);
				}
			}
		});
	}
});
