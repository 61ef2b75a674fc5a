import {Marked, type MarkedExtension, type Tokens} from 'marked';
import type {markedTerminal as MarkedTerminal} from 'marked-terminal';
import {displayWidth} from '../text/width.js';
import {ANSWER, FIELD, HARD_BREAK, QUESTION, TERM} from './markers.js';
import {stripStyles, type Styles} from './styles.js';
import {trimNewlines} from './dom.js';

/**
 * How a layout line is treated by the layout step: `wrap` by words (soft hyphens allowed),
 * `pre` broken only where it must (code, tables), `question` wrapped and listed in the
 * table of contents, `rule` drawn across the text width, `underline` (its text one
 * character) drawn as wide as the line above it, `blank` separates blocks.
 */
export type LineMode = 'wrap' | 'pre' | 'question' | 'rule' | 'underline' | 'blank';

/**
 * One logical line before wrapping: prefixes for its first and following screen lines
 * (list markers and hanging indents, quote bars, answer indents) and its text.
 */
export interface LayoutLine {
	readonly first: string;
	readonly rest: string;
	readonly mode: LineMode;
	readonly text: string;
}

// Renderers return strings, so layout lines travel between them encoded, one per
// text line, fields separated by a private-use character content cannot contain.
function encode(line: LayoutLine): string {
	return [line.first, line.rest, line.mode, line.text].join(FIELD);
}

function decode(encoded: string): LayoutLine {
	const [first = '', rest = '', mode = 'wrap', ...text] = encoded.split(FIELD);
	return {first, rest, mode: mode as LineMode, text: text.join(FIELD)};
}

function decodeAll(rendered: string): LayoutLine[] {
	return rendered.split('\n').filter((line) => line !== '').map(decode);
}

const BLANK: LayoutLine = {first: '', rest: '', mode: 'blank', text: ''};

function block(lines: readonly LayoutLine[]): string {
	return [...lines, BLANK].map(encode).join('\n') + '\n';
}

function withoutOuterBlanks(lines: LayoutLine[]): LayoutLine[] {
	let start = 0;
	let end = lines.length;
	while (start < end && lines[start]!.mode === 'blank') start++;
	while (end > start && lines[end - 1]!.mode === 'blank') end--;
	return lines.slice(start, end);
}

/** Put a container's prefixes in front of its content's lines. */
function prefix(lines: readonly LayoutLine[], first: string, rest: string): LayoutLine[] {
	return lines.map((line, index) => ({
		...line,
		first: (index === 0 ? first : rest) + line.first,
		rest: rest + line.rest,
	}));
}

function unescapeEntities(text: string): string {
	return text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

function expandTabs(line: string): string {
	if (!line.includes('\t')) return line;
	const parts = line.split('\t');
	let result = parts[0]!;
	let column = displayWidth(result);
	for (const part of parts.slice(1)) {
		const spaces = 4 - (column % 4);
		result += ' '.repeat(spaces) + part;
		column += spaces + displayWidth(part);
	}
	return result;
}

/** What the terminal step needs to know. */
export interface TerminalOptions {
	readonly width: number;
	readonly styles: Styles;
	readonly color: boolean;
	readonly language: 'de' | 'en';
}

type MarkedTerminalModule = {markedTerminal: typeof MarkedTerminal};
let markedTerminalModule: Promise<MarkedTerminalModule> | null = null;

/**
 * marked-terminal costs ~270 ms to import (chalk, cli-highlight, highlight.js): loaded
 * on the first render, never at startup, so the reader's first frame does not pay.
 */
export function loadMarkedTerminal(): Promise<MarkedTerminalModule> {
	markedTerminalModule ??= import('marked-terminal') as Promise<MarkedTerminalModule>;
	return markedTerminalModule;
}

/**
 * Step 6, Markdown → layout lines. A new Marked instance per call (never the global
 * `marked`): marked-terminal supplies the inline styles and code highlighting; the block
 * renderers are ours because marked-terminal neither wraps list items nor marks quotes
 * and pads with spaces. Wrapping happens later, in the layout step, by display width.
 */
export async function renderMarkdown(markdown: string, options: TerminalOptions): Promise<LayoutLine[]> {
	const {markedTerminal} = await loadMarkedTerminal();
	const {styles, width} = options;
	const terminal = markedTerminal(
		{
			strong: styles.bold,
			em: styles.italic,
			codespan: styles.code,
			del: styles.strike,
			code: styles.code,
			emoji: false, // `:30:` in „um 10:30:“ is text, not an emoji code.
			unescape: true,
			reflowText: false,
			width,
		} as Parameters<typeof MarkedTerminal>[0],
		// Only blocks that name their language are highlighted (auto-detection costs
		// ~600 ms on the first article); a wrong name must not throw.
		{ignoreIllegals: true} as Parameters<typeof MarkedTerminal>[1],
		// @types/marked-terminal still declares the old renderer class; v7 returns an extension.
	) as unknown as MarkedExtension & {renderer: {code: (this: unknown, token: Tokens.Code) => string}};
	const terminalCode = terminal.renderer.code;
	const marked = new Marked({gfm: true, breaks: false});
	marked.use(terminal);
	marked.use({
		renderer: {
			space: () => '',
			text(token) {
				if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens);
				return unescapeEntities(token.text);
			},
			br: () => HARD_BREAK,
			link(token) {
				// Autolinked bare urls: the url is already the text; numbered links were
				// replaced before turndown.
				return this.parser.parseInline(token.tokens);
			},
			image: (token) => token.text,
			checkbox: ({checked}) => (checked ? '[x] ' : '[ ] '),
			html(token) {
				const text = unescapeEntities(token.text);
				return token.block ? block([{first: '', rest: '', mode: 'wrap', text: text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()}]) : text;
			},
			paragraph(token) {
				const inline = this.parser.parseInline(token.tokens).replace(/\n/g, ' ');
				if (inline.startsWith(QUESTION)) {
					// No blank line after a question: its answer follows directly beneath it.
					return encode({first: '', rest: '', mode: 'question', text: inline.slice(QUESTION.length).replaceAll(HARD_BREAK, ' ')}) + '\n';
				}
				if (inline.startsWith(TERM)) {
					// No blank line after a term: its definition follows directly beneath it.
					return encode({first: '', rest: '', mode: 'wrap', text: styles.bold(stripStyles(inline.slice(TERM.length).replaceAll(HARD_BREAK, ' ')))}) + '\n';
				}
				return block(inline.split(HARD_BREAK).map((text) => ({first: '', rest: '', mode: 'wrap', text})));
			},
			heading(token) {
				// No Markdown `##` markers: a heading is styled, and the top two levels are
				// underlined (═, ─) so that their shape stays clear without colour. The
				// underline is drawn with colour too: plain and styled output have the same
				// lines, so positions (FAQ questions, scrolling) do not depend on NO_COLOR.
				const text = stripStyles(this.parser.parseInline(token.tokens).replace(/\n/g, ' ').replaceAll(HARD_BREAK, ' '));
				const lines: LayoutLine[] = [{first: '', rest: '', mode: 'wrap', text: styles.heading(text)}];
				if (token.depth <= 2) lines.push({first: '', rest: '', mode: 'underline', text: token.depth === 1 ? '═' : '─'});
				return block(lines);
			},
			hr: () => block([{first: '', rest: '', mode: 'rule', text: ''}]),
			blockquote(token) {
				const inner = withoutOuterBlanks(decodeAll(this.parser.parse(token.tokens)));
				if (inner[0]?.text === ANSWER) {
					// An FAQ answer: indented under its question, no quote bar.
					return block(prefix(withoutOuterBlanks(inner.slice(1)), '   ', '   '));
				}
				const bar = styles.dim('│ ');
				return block(prefix(inner, bar, bar));
			},
			code(token) {
				const source = trimNewlines(token.text).split('\n').map(expandTabs).join('\n');
				let text = source;
				if (options.color) {
					const language = token.lang?.trim().split(/\s+/)[0];
					const highlighted = language ? stripTrailingSection(terminalCode.call(this, {...token, text: source, lang: language})) : source;
					// Without colour support in chalk, cli-highlight returns the code as is.
					text = highlighted.includes('\u001B') ? highlighted : source.split('\n').map(styles.code).join('\n');
				}
				return block(text.split('\n').map((line) => ({first: '  ', rest: '  ', mode: 'pre', text: line})));
			},
			list(token) {
				const lines: LayoutLine[] = [];
				let number = typeof token.start === 'number' ? token.start : 1;
				const markers = token.items.map((_, index) => (token.ordered ? `${number + index}.` : '•'));
				const markerWidth = Math.max(...markers.map((marker) => displayWidth(marker))) + 1;
				token.items.forEach((item, index) => {
					const content = renderItem.call(this, item);
					const marker = markers[index]!;
					const first = marker + ' '.repeat(markerWidth - displayWidth(marker));
					lines.push(...prefix(content, first, ' '.repeat(markerWidth)));
					if (token.loose && index < token.items.length - 1) lines.push(BLANK);
				});
				number += token.items.length;
				return block(lines);
			},
			table(token) {
				const cell = (value: Tokens.TableCell) => this.parser.parseInline(value.tokens).replace(/\n/g, ' ').replaceAll(HARD_BREAK, ' ').trim();
				return block(layoutTable(token.header.map(cell), token.rows.map((row) => row.map(cell)), width, styles));
			},
		},
	});
	// The renderers above return encoded layout lines; `async: false` keeps parse synchronous.
	const rendered = marked.parse(markdown, {async: false});
	return withoutOuterBlanks(collapseBlanks(decodeAll(rendered)));

	function renderItem(this: {parser: {parse(tokens: Tokens.Generic[]): string; parseInline(tokens: Tokens.Generic[]): string}}, item: Tokens.ListItem): LayoutLine[] {
		const lines: LayoutLine[] = [];
		const checkbox = item.task ? (item.checked ? '[x] ' : '[ ] ') : '';
		for (const child of item.tokens) {
			if (child.type === 'checkbox') continue;
			if (child.type === 'text') {
				const text = 'tokens' in child && child.tokens ? this.parser.parseInline(child.tokens) : unescapeEntities(child.text);
				lines.push(...text.replace(/\n/g, ' ').split(HARD_BREAK).map((part) => ({first: '', rest: '', mode: 'wrap' as const, text: part})));
			} else {
				lines.push(...decodeAll(this.parser.parse([child])));
			}
		}
		const content = withoutOuterBlanks(collapseBlanks(lines));
		if (content.length === 0) return [{first: '', rest: '', mode: 'wrap', text: checkbox.trimEnd()}];
		if (checkbox !== '' && content[0]) content[0] = {...content[0], text: checkbox + content[0].text};
		return content;
	}
}

// marked-terminal's code renderer indents by four spaces and ends the block with a blank line.
function stripTrailingSection(text: string): string {
	return trimNewlines(text).split('\n').map((line) => line.replace(/^ {4}/, '')).join('\n');
}

function collapseBlanks(lines: readonly LayoutLine[]): LayoutLine[] {
	const result: LayoutLine[] = [];
	for (const line of lines) {
		const previous = result[result.length - 1];
		if (line.mode === 'blank' && (previous === undefined || previous.mode === 'blank')) continue;
		result.push(line);
	}
	return result;
}

/**
 * A table that fits the width is drawn with aligned columns; one that does not becomes
 * one `Header: value` block per row, which reads well at any width.
 */
function layoutTable(header: string[], rows: string[][], width: number, styles: Styles): LayoutLine[] {
	const columns = Math.max(header.length, ...rows.map((row) => row.length));
	const hasHeader = header.some((cell) => stripStyles(cell) !== '');
	const all = hasHeader ? [header, ...rows] : rows;
	const widths = Array.from({length: columns}, (_, column) => Math.max(1, ...all.map((row) => displayWidth(row[column] ?? ''))));
	const separator = ' │ ';
	const total = widths.reduce((sum, value) => sum + value, 0) + separator.length * (columns - 1) + 2;
	const pad = (text: string, column: number) => text + ' '.repeat(Math.max(0, widths[column]! - displayWidth(text)));
	if (total <= width) {
		const row = (cells: string[]) => ({first: '  ', rest: '  ', mode: 'pre' as const, text: widths.map((_, column) => pad(cells[column] ?? '', column)).join(separator)});
		const lines: LayoutLine[] = [];
		if (hasHeader) {
			lines.push({...row(header.map((cell) => styles.bold(stripStyles(cell)))), text: widths.map((_, column) => pad(styles.bold(stripStyles(header[column] ?? '')), column)).join(separator)});
			lines.push({first: '  ', rest: '  ', mode: 'pre', text: widths.map((value) => '─'.repeat(value)).join('─┼─')});
		}
		lines.push(...rows.map(row));
		return lines;
	}
	const lines: LayoutLine[] = [];
	rows.forEach((cells, index) => {
		if (index > 0) lines.push(BLANK);
		cells.forEach((cell, column) => {
			const name = stripStyles(header[column] ?? '');
			if (stripStyles(cell) === '' && name === '') return;
			lines.push({first: '', rest: '  ', mode: 'wrap', text: name === '' ? cell : `${styles.bold(`${name}:`)} ${cell}`});
		});
	});
	return lines;
}
