import {all, isElement, lineText, sameText, trimEndOf, type DomDocument, type DomElement, type DomNode} from './dom.js';

/**
 * FAQ detection and normalisation. Every visible form of question and answer (accordion
 * widgets, schema.org microdata, `<details>`, `<dl>`, question headings) is rewritten to
 * one canonical shape that survives Readability and that turndown knows:
 *
 *   <details data-faq><summary>Question?</summary><div data-faq-answer>…</div></details>
 *
 * JSON-LD FAQPage data is read before the sanitize step removes scripts and only added
 * for questions the visible page does not already show, so every question appears once.
 */

/** One question with its answer as HTML, from JSON-LD. */
export interface FaqEntry {
	readonly question: string;
	readonly answerHtml: string;
}

/** Read schema.org FAQPage questions from JSON-LD scripts (call before sanitizing). */
export function readJsonLdFaq(doc: DomDocument): FaqEntry[] {
	const entries: FaqEntry[] = [];
	for (const script of all(doc.documentElement, 'script[type="application/ld+json"]')) {
		let data: unknown;
		try {
			data = JSON.parse(script.textContent ?? '');
		} catch {
			continue; // Broken JSON-LD is common; the visible page still renders.
		}
		collectQuestions(data, entries, 0);
	}
	const unique: FaqEntry[] = [];
	for (const entry of entries) {
		if (!unique.some((seen) => sameText(seen.question, entry.question))) unique.push(entry);
	}
	return unique;
}

function collectQuestions(value: unknown, into: FaqEntry[], depth: number): void {
	if (depth > 8 || value === null || typeof value !== 'object') return;
	if (Array.isArray(value)) {
		for (const item of value) collectQuestions(item, into, depth + 1);
		return;
	}
	const record = value as Record<string, unknown>;
	if (hasType(record, 'Question') && typeof record['name'] === 'string') {
		const answer = Array.isArray(record['acceptedAnswer']) ? record['acceptedAnswer'][0] : record['acceptedAnswer'];
		const text = answer && typeof answer === 'object' ? (answer as Record<string, unknown>)['text'] : undefined;
		into.push({question: collapse(stripTags(record['name'])), answerHtml: typeof text === 'string' ? text : ''});
		return;
	}
	for (const key of ['@graph', 'mainEntity', 'hasPart']) collectQuestions(record[key], into, depth + 1);
}

function hasType(record: Record<string, unknown>, type: string): boolean {
	const value = record['@type'];
	return value === type || (Array.isArray(value) && value.includes(type));
}

function stripTags(html: string): string {
	return html.replace(/<[^>]*>/g, ' ');
}

function collapse(text: string): string {
	return text.replace(/[ \t\n\r\f]+/g, ' ').trim();
}

/** Rewrite every visible FAQ form to the canonical `<details data-faq>` shape. */
export function normaliseFaq(doc: DomDocument): void {
	normaliseMicrodata(doc);
	normaliseAccordions(doc);
	normaliseDetails(doc);
	normaliseDefinitionLists(doc);
	normaliseQuestionHeadings(doc);
}

/** Build the canonical element; drops answer elements that only repeat the question. */
export function buildFaq(doc: DomDocument, question: string, answer: DomNode[]): DomElement {
	const details = doc.createElement('details');
	details.setAttribute('data-faq', '');
	details.setAttribute('open', '');
	const summary = doc.createElement('summary');
	summary.textContent = question;
	const body = doc.createElement('div');
	body.setAttribute('data-faq-answer', '');
	body.append(...answer);
	removeRepeatedQuestion(body, question);
	details.append(summary, body);
	return details;
}

// Accordion widgets print the question twice in a row (a heading and a toggle button, or
// a visually hidden copy): whatever in the answer only repeats the question goes.
function removeRepeatedQuestion(root: DomElement, question: string): void {
	for (const element of all(root, '*')) {
		if (element.parentNode && sameText(lineText(element), question)) element.remove();
	}
}

function normaliseMicrodata(doc: DomDocument): void {
	for (const item of all(doc.body, '[itemtype*="schema.org/Question"]')) {
		if (!item.parentNode) continue;
		const name = item.querySelector('[itemprop="name"]');
		const question = lineText(name);
		if (question === '') continue;
		const accepted = item.querySelector('[itemprop="acceptedAnswer"]');
		const text = accepted?.querySelector('[itemprop="text"]') ?? accepted;
		const answer = text ? Array.from(text.childNodes) : [];
		item.replaceWith(buildFaq(doc, question, answer));
	}
}

const ITEM_CLASS = /^(?:elementor-(?:accordion|toggle)-item|et_pb_toggle|et_pb_accordion_item|accordion-item|schema-faq-section|rank-math-list-item|(?:[\w-]*[-_])?faq[-_]*(?:item|entry|row|block-item|question-item)|wp-block-coblocks-accordion-item|panel|card)$/i;
const GENERIC_ITEM_CLASS = /^(?:panel|card)$/i;
const TITLE_CLASS = /(?:tab-title|toggle-title|toggle_title|accordion-header|accordion-button|accordion-title|accordion-trigger|schema-faq-question|rank-math-question|panel-title|panel-heading|card-header|faq[-_]*(?:question|title|header|head|toggle|trigger)|[-_](?:header|title|question|heading)$|^question$)/i;
const ANSWER_CLASS = /(?:tab-content|toggle-content|toggle_content|accordion-collapse|accordion-body|accordion-content|accordion-panel|schema-faq-answer|rank-math-answer|panel-collapse|panel-body|card-body|^collapse$|answer|faq[-_]*(?:content|body|text|panel)|[-_](?:panel|answer|content|body|text)$)/i;

function hasClass(element: DomElement, pattern: RegExp): boolean {
	return (element.getAttribute('class') ?? '').split(/\s+/).some((name) => name !== '' && pattern.test(name));
}

function normaliseAccordions(doc: DomDocument): void {
	for (const item of all(doc.body, '[class]')) {
		if (!item.parentNode || !hasClass(item, ITEM_CLASS)) continue;
		const descendants = all(item, '*');
		const title = descendants.find((element) => hasClass(element, TITLE_CLASS))
			?? descendants.find((element) => /^(?:h[2-6]|summary|button|dt|strong)$/.test(element.localName));
		const question = lineText(title ?? null);
		if (!title || question === '') continue;
		if (hasClass(item, GENERIC_ITEM_CLASS) && !/\?["»«“”]?$/u.test(question)) continue;
		const answerElement = descendants.find((element) => hasClass(element, ANSWER_CLASS) && !element.contains(title) && !title.contains(element));
		let answer: DomNode[];
		if (answerElement) {
			answer = Array.from(answerElement.childNodes);
		} else {
			// No marked answer: everything in the item except the title's branch.
			answer = Array.from(item.childNodes).filter((node) => node !== title && !(isElement(node) && node.contains(title)));
		}
		item.replaceWith(buildFaq(doc, question, answer));
	}
}

// Also canonical ones that went through Readability, which unwraps the answer <div>.
function normaliseDetails(doc: DomDocument): void {
	for (const details of all(doc.body, 'details')) {
		if (Array.from(details.children).some((child) => child.hasAttribute('data-faq-answer'))) continue;
		const summary = Array.from(details.children).find((child) => child.localName === 'summary');
		const question = lineText(summary ?? null);
		if (!summary || question === '') continue;
		summary.remove();
		details.replaceWith(buildFaq(doc, question, Array.from(details.childNodes)));
	}
}

const FAQ_CONTEXT = /\bfaq\b|häufig(?:e|\s+gestellte)?\s+fragen|fragen\s+(?:und|&)\s+antworten|frequently\s+asked|questions?\s+(?:and|&)\s+answers?|\bq\s*&\s*a\b/i;

function isQuestion(text: string): boolean {
	return trimEndOf(text, ' "\'»«“”‘’)').endsWith('?');
}

function hasFaqAncestor(element: DomElement): boolean {
	for (let node: DomElement | null = element; node; node = node.parentElement) {
		if (/faq/i.test(`${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`)) return true;
	}
	return false;
}

function normaliseDefinitionLists(doc: DomDocument): void {
	for (const list of all(doc.body, 'dl')) {
		const terms = Array.from(list.children).filter((child) => child.localName === 'dt');
		if (terms.length === 0 || !(terms.some((term) => isQuestion(lineText(term))) || hasFaqAncestor(list))) continue;
		const replacement: DomElement[] = [];
		for (const term of terms) {
			const answer: DomNode[] = [];
			for (let next = term.nextElementSibling; next && next.localName !== 'dt'; next = next.nextElementSibling) {
				// Each <dd> its own paragraph.
				const part = doc.createElement('div');
				part.append(...Array.from(next.childNodes));
				answer.push(part);
			}
			replacement.push(buildFaq(doc, lineText(term), answer));
		}
		list.replaceWith(...replacement);
	}
}

const HEADING = /^h([1-6])$/;

function headingLevel(element: DomElement): number | null {
	const match = HEADING.exec(element.localName);
	return match ? Number(match[1]) : null;
}

/**
 * Headings that are questions, each followed by its answer. A blog post may ask one
 * rhetorical question in a heading, so a question heading counts as FAQ only inside an
 * FAQ context (a heading or class naming FAQ / „Häufige Fragen“ before it) or when at
 * least two sibling headings of the same level are questions. The answer is everything
 * up to the next heading of the same or a higher level.
 */
function normaliseQuestionHeadings(doc: DomDocument): void {
	const parents = new Set<DomElement>();
	for (const heading of all(doc.body, 'h2, h3, h4, h5, h6')) if (heading.parentElement) parents.add(heading.parentElement);
	for (const parent of parents) {
		const headings = Array.from(parent.children).filter((child) => headingLevel(child) !== null);
		let inFaqContext = hasFaqAncestor(parent) || precedingFaqHeading(parent);
		const questionCount = new Map<number, number>();
		for (const heading of headings) {
			if (isQuestion(lineText(heading))) questionCount.set(headingLevel(heading)!, (questionCount.get(headingLevel(heading)!) ?? 0) + 1);
		}
		let contextLevel = 0;
		for (const heading of headings) {
			const level = headingLevel(heading)!;
			const text = lineText(heading);
			if (!isQuestion(text)) {
				if (FAQ_CONTEXT.test(text)) {
					inFaqContext = true;
					contextLevel = level;
				} else if (contextLevel > 0 && level <= contextLevel) {
					inFaqContext = false; // A new section after the FAQ section.
				}
				continue;
			}
			if (!inFaqContext && (questionCount.get(level) ?? 0) < 2) continue;
			const answer: DomNode[] = [];
			for (let next = heading.nextSibling; next; next = next.nextSibling) {
				if (isElement(next)) {
					const nextLevel = headingLevel(next);
					if (nextLevel !== null && nextLevel <= level) break;
				}
				answer.push(next);
			}
			if (!answer.some((node) => lineText(node) !== '' || (isElement(node) && node.querySelector('img, a')))) continue;
			const faq = buildFaq(doc, text, []);
			heading.replaceWith(faq);
			faq.querySelector('[data-faq-answer]')!.append(...answer);
			removeRepeatedQuestion(faq.querySelector('[data-faq-answer]')!, text);
		}
	}
}

function precedingFaqHeading(element: DomElement): boolean {
	for (let node: DomElement | null = element; node; node = node.parentElement) {
		for (let previous = node.previousElementSibling; previous; previous = previous.previousElementSibling) {
			if (headingLevel(previous) !== null) return FAQ_CONTEXT.test(lineText(previous));
		}
	}
	return false;
}

/**
 * Add JSON-LD questions the page does not show. A question counts as shown when a
 * canonical FAQ has it or its text appears anywhere in the visible body.
 * `sanitizeHtml` makes the JSON-LD answer HTML safe before it enters the tree.
 */
export function appendMissingFaq(doc: DomDocument, entries: readonly FaqEntry[], heading: string, sanitizeHtml: (html: string) => string): void {
	const shown = all(doc.body, 'details[data-faq] > summary').map((summary) => lineText(summary));
	const visible = normalise(lineText(doc.body));
	const missing = entries.filter((entry) => entry.question !== '' && !shown.some((text) => sameText(text, entry.question)) && !visible.includes(normalise(entry.question)));
	if (missing.length === 0) return;
	const built = missing.map((entry) => {
		const faq = buildFaq(doc, entry.question, []);
		faq.querySelector('[data-faq-answer]')!.innerHTML = sanitizeHtml(entry.answerHtml);
		return faq;
	});
	// Next to the FAQ the page shows, if any; else in a section of their own.
	const visibleFaqs = all(doc.body, 'details[data-faq]');
	const last = visibleFaqs[visibleFaqs.length - 1];
	if (last) {
		last.after(...built);
		return;
	}
	const section = doc.createElement('section');
	const title = doc.createElement('h2');
	title.textContent = heading;
	section.append(title);
	section.append(...built);
	doc.body.append(section);
}

function normalise(text: string): string {
	return trimEndOf(text.toLowerCase().replace(/[\s\u00A0]+/g, ' '), '?!.:…');
}
