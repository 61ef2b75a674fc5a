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
	// The end is what tells similar names apart: the start gets a bit less than half.
	let head = '';
	let headWidth = 0;
	let start = 0;
	for (; start < parts.length; start++) {
		const next = graphemeWidth(parts[start]!);
		if (headWidth + next > Math.floor(budget * 0.45)) break;
		head += parts[start];
		headWidth += next;
	}
	head = head.trimEnd();
	headWidth = displayWidth(head);
	let tail = '';
	let tailWidth = 0;
	for (let end = parts.length - 1; end >= start; end--) {
		const next = graphemeWidth(parts[end]!);
		if (tailWidth + next > budget - headWidth) break;
		tail = parts[end] + tail;
		tailWidth += next;
	}
	return fitToWidth(`${head}…${tail.trimStart()}`, width);
}
