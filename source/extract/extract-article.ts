import {Readability} from '@mozilla/readability';
import {failed, type Failure} from '../failure.js';
import {sanitizeLine} from '../text/sanitize.js';
import {removeHidden} from '../render/clean.js';
import {all, parseArticle, type DomDocument} from '../render/dom.js';
import {appendMissingFaq, normaliseFaq, readJsonLdFaq} from '../render/faq.js';
import {findTitle, keepBylinesWhole, removeTitleHeading} from './page-metadata.js';

/** The main content of a web page, as Readability found it. */
export interface ExtractedArticle {
	/** One sanitized line: the article's own headline, else its metadata or page title without the site name. */
	readonly title: string;
	/** Article HTML (untrusted: rendering sanitizes it). */
	readonly content: string;
	readonly byline: string | null;
	/** The page's language tag (`de`, `de-AT`, `en`), if it names one. */
	readonly lang: string | null;
}

const FAQ_HEADING = {de: 'Häufige Fragen', en: 'Frequently asked questions'} as const;

/**
 * Extract the main content of a page with Mozilla Readability over linkedom.
 * FAQ markup is normalised first: Readability drops `<button>` and every element whose
 * class contains `header`, which removes accordion questions entirely. JSON-LD FAQ
 * questions that the page does not show are added after extraction (Readability removes
 * scripts). Before Readability: what sighted readers never see goes (screen-reader text
 * would otherwise become article text, since Readability strips the classes), the title
 * is taken from the article itself, and bylines are made whole lines (page-metadata.ts).
 */
export function extractArticle(html: string, url: string, language?: 'de' | 'en'): ExtractedArticle | Failure {
	const shown = sanitizeLine(url);
	if (html.trim() === '') return failed('no-article', `${shown}: the page is empty`);
	const doc = parseArticle(html);
	const faqEntries = readJsonLdFaq(doc);
	normaliseFaq(doc);
	removeHidden(doc);
	setBase(doc, url);
	const pageLang = doc.documentElement.getAttribute('lang');
	const title = sanitizeLine(findTitle(doc));
	keepBylinesWhole(doc);
	let result: ReturnType<Readability['parse']>;
	try {
		result = new Readability(doc as never, {charThreshold: 200}).parse();
	} catch (error) {
		// Readability over an odd DOM: a per-article failure, not a crash.
		return failed('extract-failed', `${shown}: no article found (${sanitizeLine(String(error))})`);
	}
	if (!result?.content) return failed('no-article', `${shown}: no article content found`);
	const lang = sanitizeLine(result.lang ?? pageLang ?? '') || null;
	const content = parseArticle(result.content);
	const shownTitle = title || sanitizeLine(result.title ?? '');
	removeTitleHeading(content, shownTitle);
	appendMissingFaq(
		content,
		faqEntries.map((entry) => ({question: sanitizeLine(entry.question), answerHtml: entry.answerHtml})),
		// A heading blogroll adds: in the UI language when the caller names it, as every label.
		FAQ_HEADING[language ?? (lang?.toLowerCase().startsWith('de') ? 'de' : 'en')],
		// The whole content is sanitized when rendered; nothing to do here.
		(answer) => answer,
	);
	return {
		title: shownTitle,
		content: content.body.innerHTML,
		byline: sanitizeLine(result.byline ?? '') || null,
		lang,
	};
}

// Readability resolves relative links against the document's base url.
function setBase(doc: DomDocument, url: string): void {
	if (all(doc.documentElement, 'base[href]').length > 0 || !/^https?:/i.test(url)) return;
	const base = doc.createElement('base');
	base.setAttribute('href', url);
	(doc.head ?? doc.documentElement).prepend(base);
}
