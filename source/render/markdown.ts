import TurndownService from 'turndown';
import {gfm} from '@joplin/turndown-plugin-gfm';
import {ANSWER, QUESTION, TERM} from './markers.js';
import {trimNewlines, type DomElement} from './dom.js';

let service: TurndownService | null = null;

function createService(): TurndownService {
	const turndown = new TurndownService({
		headingStyle: 'atx',
		codeBlockStyle: 'fenced',
		bulletListMarker: '-',
		emDelimiter: '*',
		strongDelimiter: '**',
		hr: '---',
	});
	turndown.use(gfm);
	// Text like „a <b> c“ must stay text: marked would read `<b>` as inline HTML.
	const escape = turndown.escape.bind(turndown);
	turndown.escape = (text: string) => escape(text).replace(/</g, '\\<');
	const element = (node: unknown) => node as DomElement;
	// Canonical FAQ (see faq.ts): the question as a marked paragraph, the answer as a
	// marked blockquote that the terminal step indents instead of drawing a quote bar.
	turndown.addRule('faq-question', {
		filter: (node) => element(node).localName === 'summary',
		replacement: (content) => `\n\n${QUESTION}${content.replace(/\s+/g, ' ').trim()}\n\n`,
	});
	turndown.addRule('faq-answer', {
		filter: (node) => element(node).localName === 'div' && element(node).hasAttribute('data-faq-answer'),
		replacement: (content) => {
			const body = trimNewlines(content);
			return `\n\n${`${ANSWER}\n\n${body}`.replace(/^/gm, '> ')}\n\n`;
		},
	});
	turndown.addRule('faq', {
		filter: (node) => element(node).localName === 'details',
		replacement: (content) => `\n\n${content}\n\n`,
	});
	// Glossary-style definition lists (FAQ lists were rewritten before).
	turndown.addRule('definition-term', {
		filter: (node) => element(node).localName === 'dt',
		replacement: (content) => `\n\n${TERM}${content.replace(/\s+/g, ' ').trim()}\n\n`,
	});
	// The definition indented under its term, like an FAQ answer.
	turndown.addRule('definition', {
		filter: (node) => element(node).localName === 'dd',
		replacement: (content) => `\n\n${`${ANSWER}\n\n${trimNewlines(content)}`.replace(/^/gm, '> ')}\n\n`,
	});
	// A <pre> without <code> is still preformatted text.
	turndown.addRule('bare-pre', {
		filter: (node) => element(node).localName === 'pre' && !element(node).querySelector('code'),
		replacement: (_content, node) => {
			const text = trimNewlines(element(node).textContent ?? '');
			const fence = text.includes('```') ? '~~~~' : '```';
			return `\n\n${fence}\n${text}\n${fence}\n\n`;
		},
	});
	return turndown;
}

/** Step 5: the cleaned, numbered article HTML as Markdown (GFM tables included). */
export function convertToMarkdown(html: string): string {
	service ??= createService();
	return service.turndown(html);
}
