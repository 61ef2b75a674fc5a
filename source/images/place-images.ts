import type {ArticleImage, ArticleQuestion} from '../render/types.js';
import type {CellBox} from './encode-graphics.js';

/** A rendered article's lines and questions: what image blocks are placed into. */
export interface PlaceableArticle {
	readonly lines: readonly string[];
	readonly questions: readonly ArticleQuestion[];
	readonly images?: readonly ArticleImage[];
}

/**
 * The article with each picture's block of lines (a drawn picture, reserved space, or a
 * one-line reason) before the line it stands on. The renderer's lines are not touched:
 * blocks are whole lines between them, so wrapping and link numbers stay as they were;
 * FAQ questions move down by the lines placed above them. Pure.
 */
export function placeImages(article: PlaceableArticle, blocks: ReadonlyMap<number, readonly string[]>): {lines: readonly string[]; questions: readonly ArticleQuestion[]} {
	const images = article.images ?? [];
	if (blocks.size === 0 || images.length === 0) return article;
	const before = new Map<number, string[]>();
	images.forEach((image, index) => {
		const block = blocks.get(index);
		if (!block || block.length === 0) return;
		const list = before.get(image.line) ?? [];
		list.push(...block);
		before.set(image.line, list);
	});
	const lines: string[] = [];
	const shift: number[] = [];
	for (let line = 0; line <= article.lines.length; line++) {
		const block = before.get(line);
		if (block) lines.push(...block);
		shift.push(lines.length - line);
		if (line < article.lines.length) lines.push(article.lines[line]!);
	}
	const questions = article.questions.map(question => ({...question, line: question.line + (shift[question.line] ?? 0)}));
	return {lines, questions};
}

/**
 * The cells a picture gets: the text's width, and rows from its declared size (half-blocks
 * show two pixel rows per cell, and cells are about twice as high as wide), at most `maxRows`.
 * Without a declared size, `maxRows` is the most it may need.
 */
export function imageCells(image: Pick<ArticleImage, 'size'>, columns: number, maxRows: number): CellBox {
	const rows = Math.max(1, Math.floor(maxRows));
	if (!image.size) return {columns, rows};
	const wanted = Math.ceil(((image.size.height / image.size.width) * columns) / 2);
	if (wanted <= rows) return {columns, rows: Math.max(1, wanted)};
	return {columns: Math.max(1, Math.round(((image.size.width / image.size.height) * rows) * 2)), rows};
}
