/** Names (feeds, tags, views) cut to a width so that names with a common start stay apart. Pure. */
import {displayWidth, fitToWidth, graphemes, graphemeWidth} from '../../text/width.js';

/**
 * `text` in exactly `width` columns. A name that does not fit is cut in the middle, keeping
 * its start and its end (`Die alte Schule – Blog` / `Die alte Schule – Podcast` end
 * differently, and cut at the end they would look the same). Cut by grapheme width.
 */
export function fitLabel(text: string, width: number): string {
	if (width <= 0) return '';
	if (displayWidth(text) <= width) return fitToWidth(text, width);
	// Too narrow for two useful parts: an ordinary cut at the end.
	if (width < 8) return fitToWidth(text, width);
	const parts = graphemes(text);
	const budget = width - 1;
	// The end tells similar names apart: it gets a bit more than half, from a word start
	// (`Achtsam…Weber`, not `Achts…ng Weber`); a last word longer than that may take all but
	// three columns of the start, up to 70 % (`Die…Werkstatt`). Otherwise it is cut inside a word.
	const tailBudget = Math.ceil(budget * 0.55);
	const widthFrom = (index: number) => displayWidth(parts.slice(index).join('').trimStart());
	const wordStarts: number[] = [];
	for (let index = parts.length - 1; index > 0; index--) if (parts[index - 1] === ' ' && parts[index] !== ' ') wordStarts.push(index);
	// wordStarts runs from the last word backwards: the longest suffix within the budget is the last that fits.
	let end = -1;
	for (const index of wordStarts) {
		if (widthFrom(index) > tailBudget) break;
		end = index;
	}
	if (end < 0 && wordStarts.length > 0 && widthFrom(wordStarts[0]!) <= Math.min(budget - 3, budget * 0.7)) end = wordStarts[0]!;
	if (end < 0) {
		end = parts.length;
		let tailWidth = 0;
		while (end > 0 && tailWidth + graphemeWidth(parts[end - 1]!) <= tailBudget) tailWidth += graphemeWidth(parts[--end]!);
	}
	// A separator does not start the end part (`…Werkstatt`, not `…– Werkstatt`).
	const tail = parts.slice(end).join('').trimStart().replace(/^[-–—:|·]\s+/u, '');
	let head = '';
	let headWidth = 0;
	let headCount = 0;
	const headBudget = budget - displayWidth(tail);
	for (; headCount < end; headCount++) {
		const next = graphemeWidth(parts[headCount]!);
		if (headWidth + next > headBudget) break;
		head += parts[headCount];
		headWidth += next;
	}
	// Nor does a stub of a word or a separator end the start part (`Achtsam führen…`, not `Achtsam führen – C…`).
	if (headCount < end && parts[headCount] !== ' ') head = head.replace(/(\S+ )\S$/u, '$1');
	head = head.trimEnd().replace(/\s+[-–—:|·]$/u, '');
	return fitToWidth(`${head}…${tail}`, width);
}
