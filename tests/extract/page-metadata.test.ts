import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {extractArticle, type ExtractedArticle} from '../../source/extract/extract-article.js';
import {withoutSiteName} from '../../source/extract/page-metadata.js';
import {isFailure} from '../../source/failure.js';
import {renderArticle} from '../../source/render/render-article.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const SITE = join(FIXTURES, 'site');
const page = (...path: string[]) => readFileSync(join(...path), 'utf8').replaceAll('{{BASE}}', 'https://blog.example');

function extracted(html: string, url = 'https://blog.example/beitrag/'): ExtractedArticle {
	const result = extractArticle(html, url);
	if (isFailure(result)) throw new Error(result.message);
	return result;
}

async function text(article: ExtractedArticle): Promise<string> {
	return (await renderArticle(article.content, {width: 80, color: false, language: 'de'})).lines.join('\n');
}

const filler = '<p>Ob mit Sternchen, Doppelpunkt oder gar nicht: Die Debatte ums Gendern wird oft lauter geführt als nötig. Dabei gibt es viele Formulierungen, die niemandem wehtun und trotzdem alle meinen – und die lassen sich im Alltag leicht üben.</p>';

describe('the title of an extracted article', () => {
	it('is the article’s own h1, with the part before the colon and without the site name', () => {
		const article = extracted(page(SITE, 'klartext', 'beitraege', 'gendern-ohne-krampf', 'index.html'));
		expect(article.title).toBe('Gendern ohne Krampf: fünf Formulierungen für den Alltag');
	});

	it('is the WordPress entry title, not the <title> with „– Kreidezeit“', () => {
		expect(extracted(page(SITE, 'kreidezeit', 'faq', 'index.html')).title).toBe('Häufige Fragen zum Coaching');
		expect(extracted(page(SITE, 'auszug', 'angebote-schreiben-die-ueberzeugen', 'index.html')).title).toBe('Angebote schreiben, die überzeugen');
	});

	it('falls back to og:title, then <title>, without the site name', () => {
		const body = `<body><main><article>${filler}${filler}</article></main></body>`;
		const og = `<html lang="de"><head><title>x</title><meta property="og:site_name" content="Klartext"><meta property="og:title" content="Krisenkommunikation: Die ersten 24 Stunden · Klartext"></head>${body}</html>`;
		expect(extracted(og).title).toBe('Krisenkommunikation: Die ersten 24 Stunden');
		const titleOnly = `<html lang="de"><head><title>Newsletter statt Algorithmus – Klartext</title><meta name="application-name" content="Klartext"></head>${body}</html>`;
		expect(extracted(titleOnly).title).toBe('Newsletter statt Algorithmus');
	});

	it('is not the site’s name from a logo h1 when the article has its own heading', () => {
		const html = `<html lang="de"><head><title>Blog</title></head><body><header><h1 class="site-title"><a href="/" rel="home">Feder &amp; Faden</a></h1></header><div class="content"><h1>Texte für Handwerksbetriebe: weniger ist mehr</h1>${filler}${filler}</div></body></html>`;
		expect(extracted(html).title).toBe('Texte für Handwerksbetriebe: weniger ist mehr');
	});

	it('is not repeated as the first heading of the article text', async () => {
		const article = extracted(page(FIXTURES, 'articles', 'wordpress-beitrag-mit-byline.html'));
		expect(article.title).toBe('Preise erhöhen: So sagen Sie es Ihren Stammkundinnen');
		expect(await text(article)).not.toContain('Preise erhöhen: So sagen');
	});

	it.each([
		['Gendern ohne Krampf: fünf Formulierungen für den Alltag · Klartext', ['Klartext'], 'Gendern ohne Krampf: fünf Formulierungen für den Alltag'],
		['Gendern ohne Krampf: fünf Formulierungen für den Alltag', ['Klartext'], 'Gendern ohne Krampf: fünf Formulierungen für den Alltag'],
		['Klartext | Newsletter statt Algorithmus', ['Klartext'], 'Newsletter statt Algorithmus'],
		['Fragen & Antworten – Klartext', ['Klartext – Kommunikation ohne Umwege'], 'Fragen & Antworten'],
		['Preis – Leistung: was zählt', ['Klartext'], 'Preis – Leistung: was zählt'],
		['Feder & Faden', ['Feder & Faden'], 'Feder & Faden'],
	])('%j without the site names %j is %j', (title, names, expected) => {
		expect(withoutSiteName(title, names)).toBe(expected);
	});
});

describe('the byline of an extracted article', () => {
	it('is the whole line „Von … am …“, and the article keeps no „Von am“', async () => {
		const article = extracted(page(SITE, 'klartext', 'beitraege', 'gendern-ohne-krampf', 'index.html'));
		expect(article.byline).toBe('Von Henrike Sauer am 29. Oktober 2026');
		const body = await text(article);
		expect(body).not.toMatch(/Von\s+am/);
		expect(body).toContain('Ob mit Sternchen, Doppelpunkt oder gar nicht');
	});

	it('keeps a WordPress meta line whole, author link and reading time included', async () => {
		const article = extracted(page(FIXTURES, 'articles', 'wordpress-beitrag-mit-byline.html'));
		expect(article.byline).toBe('Von Jule Wörner-Çelik am 3. November 2026 · 4 Minuten Lesezeit');
		const body = await text(article);
		expect(body).not.toMatch(/Von\s+am/);
		expect(body).not.toContain('Minuten Lesezeit');
	});

	it('leaves a sentence that names the author in the article, whole', async () => {
		const html = `<html lang="de"><head><title>Gastbeitrag</title></head><body><main><article><h1>Gastbeitrag: Klartext im Verein</h1>${filler}<p>Diesen Beitrag hat <a rel="author" href="/autorin/henrike/">Henrike Sauer</a> geschrieben, die seit 2011 Vereine und Verbände in Leipzig berät und dort regelmäßig Workshops gibt.</p>${filler}</article></main></body></html>`;
		const body = await text(extracted(html));
		expect(body.replace(/\s+/g, ' ')).toContain('Diesen Beitrag hat Henrike Sauer[1] geschrieben, die seit 2011 Vereine und Verbände');
	});
});

describe('what sighted readers never see', () => {
	it('is dropped before extraction: WordPress’s „Beitragsnavigation“, skip links, sr-only, hidden', async () => {
		const body = await text(extracted(page(FIXTURES, 'articles', 'wordpress-beitrag-mit-byline.html')));
		for (const hidden of ['Beitragsnavigation', 'Zum Inhalt springen', 'Reparaturen im Atelier', 'Hinweis:', 'Externer Link', 'Druckansicht', 'Cookie-Einstellungen', '✦']) {
			expect(body).not.toContain(hidden);
		}
		const flowing = body.replace(/\s+/g, ' ');
		expect(flowing).toContain('eine hat gefragt, ob ich auch Reparaturen mache. Weiterlesen[1]');
		expect(flowing).toContain('Die Goldpreise verfolge ich übrigens bei der Bundesbank[2].');
	});

	it('is dropped from the Kreidezeit article pages', async () => {
		const body = await text(extracted(page(SITE, 'kreidezeit', 'feedbackkultur-beginnt-beim-zuhoeren', 'index.html')));
		expect(body).not.toContain('Beitragsnavigation');
	});

	it('does not include a collapsed FAQ answer: in a terminal every answer is open', async () => {
		const html = `<html lang="de"><head><title>FAQ</title></head><body><main><article><h1>Fragen zum Lektorat</h1>${filler}<div class="faq-item"><h3 class="faq-question">Wie lange dauert ein Lektorat?</h3><div class="faq-answer" aria-hidden="true"><p>Etwa zwei Wochen für 100 Normseiten.</p></div></div><div class="faq-item"><h3 class="faq-question">Was kostet es?</h3><div class="faq-answer"><p hidden>4,50 € pro Normseite.</p></div></div>${filler}</article></main></body></html>`;
		const body = await text(extracted(html));
		expect(body).toContain('Etwa zwei Wochen für 100 Normseiten.');
		expect(body).toContain('4,50 € pro Normseite.');
	});

	it('is dropped from feed content too, but Tailwind’s „hidden md:block“ is shown', async () => {
		const html = '<p>Neue Termine im Dezember<span class="screen-reader-text"> (öffnet in neuem Tab)</span>.</p><p class="hidden md:block">Für große Bildschirme.</p><p aria-hidden="true">Nur Deko.</p>';
		const body = (await renderArticle(html, {width: 80, color: false, language: 'de'})).lines.join('\n');
		expect(body).toContain('Neue Termine im Dezember.');
		expect(body).toContain('Für große Bildschirme.');
		expect(body).not.toContain('Nur Deko.');
	});
});
