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
	// when that keeps most of it (`Achtsam…Weber`, not `Achts…ng Weber`).
	const tailBudget = Math.ceil(budget * 0.55);
	let end = parts.length;
	let tailWidth = 0;
	while (end > 0 && tailWidth + graphemeWidth(parts[end - 1]!) <= tailBudget) tailWidth += graphemeWidth(parts[--end]!);
	if (end > 0 && parts[end - 1] !== ' ') {
		let wordStart = end;
		while (wordStart < parts.length && parts[wordStart] !== ' ') wordStart++;
		const aligned = displayWidth(parts.slice(wordStart).join('').trimStart());
		if (wordStart < parts.length && aligned * 2 >= tailBudget) end = wordStart;
	}
	const tail = parts.slice(end).join('').trimStart();
	let head = '';
	let headWidth = 0;
	const headBudget = budget - displayWidth(tail);
	for (let index = 0; index < end; index++) {
		const next = graphemeWidth(parts[index]!);
		if (headWidth + next > headBudget) break;
		head += parts[index];
		headWidth += next;
	}
	return fitToWidth(`${head.trimEnd()}…${tail}`, width);
}
