import {parseHTML} from 'linkedom';

// The project compiles without the DOM lib (it runs in a terminal, not a browser), so
// the few DOM members the render and extract pipelines use are described here, as
// linkedom implements them.

/** A DOM node as linkedom provides it. */
export interface DomNode {
	readonly nodeType: number;
	readonly nodeName: string;
	textContent: string | null;
	readonly parentNode: DomElement | null;
	readonly parentElement: DomElement | null;
	readonly childNodes: ArrayLike<DomNode>;
	readonly nextSibling: DomNode | null;
	readonly previousSibling: DomNode | null;
	remove(): void;
	cloneNode(deep?: boolean): DomNode;
}

/** A DOM element as linkedom provides it. */
export interface DomElement extends DomNode {
	readonly tagName: string;
	readonly localName: string;
	readonly children: ArrayLike<DomElement>;
	readonly firstElementChild: DomElement | null;
	readonly nextElementSibling: DomElement | null;
	readonly previousElementSibling: DomElement | null;
	readonly attributes: ArrayLike<{readonly name: string; readonly value: string}>;
	className: string;
	id: string;
	innerHTML: string;
	readonly outerHTML: string;
	getAttribute(name: string): string | null;
	setAttribute(name: string, value: string): void;
	removeAttribute(name: string): void;
	hasAttribute(name: string): boolean;
	querySelector(selector: string): DomElement | null;
	querySelectorAll(selector: string): ArrayLike<DomElement>;
	closest(selector: string): DomElement | null;
	contains(node: DomNode): boolean;
	append(...nodes: Array<DomNode | string>): void;
	prepend(...nodes: Array<DomNode | string>): void;
	before(...nodes: Array<DomNode | string>): void;
	after(...nodes: Array<DomNode | string>): void;
	replaceWith(...nodes: Array<DomNode | string>): void;
}

/** A parsed document as linkedom provides it. */
export interface DomDocument {
	readonly documentElement: DomElement;
	readonly head: DomElement | null;
	readonly body: DomElement;
	createElement(tagName: string): DomElement;
	createTextNode(text: string): DomNode;
	querySelector(selector: string): DomElement | null;
	querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export function isElement(node: DomNode | null | undefined): node is DomElement {
	return node?.nodeType === ELEMENT_NODE;
}

/** Parse a whole page (keeps its head, lang and JSON-LD). */
export function parseDocument(html: string): DomDocument {
	return parseHTML(html).document as unknown as DomDocument;
}

/**
 * Parse article content. Feed bodies are fragments; linkedom only builds a body for a
 * full document, so fragments are wrapped first.
 */
export function parseArticle(html: string): DomDocument {
	const isPage = /<(?:html|body)[\s>]/i.test(html.slice(0, 4000));
	return parseDocument(isPage ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
}

/** A static copy of a live node list, safe to iterate while the tree changes. */
export function all(root: DomElement | DomDocument, selector: string): DomElement[] {
	return Array.from(root.querySelectorAll(selector));
}

/** Every descendant of `root` with its depth below root, in document order (no recursion). */
export function descendants(root: DomNode): Array<{node: DomNode; depth: number}> {
	const found: Array<{node: DomNode; depth: number}> = [];
	const stack: Array<{node: DomNode; depth: number}> = Array.from(root.childNodes).reverse().map((node) => ({node, depth: 1}));
	while (stack.length > 0) {
		const entry = stack.pop()!;
		found.push(entry);
		if (isElement(entry.node)) {
			const children = Array.from(entry.node.childNodes);
			for (let index = children.length - 1; index >= 0; index--) stack.push({node: children[index]!, depth: entry.depth + 1});
		}
	}
	return found;
}

/** Every text node below `root`, in document order. */
export function textNodes(root: DomNode): DomNode[] {
	return descendants(root).filter(({node}) => node.nodeType === TEXT_NODE).map(({node}) => node);
}

/** Replace an element by its children. */
export function unwrap(element: DomElement): void {
	element.replaceWith(...Array.from(element.childNodes));
}

/** Visible text of a node on one line: whitespace (not no-break spaces) collapsed. */
export function lineText(node: DomNode | null): string {
	return (node?.textContent ?? '').replace(/[ \t\n\r\f]+/g, ' ').trim();
}

/** Compare two question or heading texts loosely (case, spacing, trailing punctuation). */
export function sameText(a: string, b: string): boolean {
	const norm = (text: string) => trimEndOf(text.toLowerCase().replace(/[\s\u00A0]+/g, ' '), ' ?:.!…');
	return norm(a) !== '' && norm(a) === norm(b);
}

/**
 * Drop trailing characters from a set. A loop, because `/[…]+$/` retries from every
 * position of a long run and is quadratic on hostile input.
 */
export function trimEndOf(text: string, characters: string): string {
	let end = text.length;
	while (end > 0 && characters.includes(text[end - 1]!)) end--;
	return text.slice(0, end).trim();
}

/** Drop trailing newlines (see trimEndOf for why not a regex). */
export function trimNewlines(text: string): string {
	let end = text.length;
	while (end > 0 && text[end - 1] === '\n') end--;
	let start = 0;
	while (start < end && text[start] === '\n') start++;
	return text.slice(start, end);
}
