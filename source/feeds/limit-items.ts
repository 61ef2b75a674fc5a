/**
 * The cap on entries per feed. A blog has a few dozen entries in its feed; a feed with
 * 100 000 (a generator bug, a full archive, a hostile server) would cost seconds of
 * parsing, hundreds of MB and a cache full of noise. Two steps keep the work bounded:
 *   1. before the XML parser: `preCutItems` keeps only the first and the last
 *      MAX_ITEMS_PER_FEED item elements of the document (feeds list newest first, a few
 *      oldest first; either way the newest are among those), so the parser's object
 *      tree stays small;
 *   2. after normalizing: `keepNewestItems` keeps the MAX_ITEMS_PER_FEED newest entries.
 */

/**
 * At most this many entries of one feed document are kept (the newest by date; undated
 * entries count as older than dated ones, and among themselves keep the feed's order).
 */
export const MAX_ITEMS_PER_FEED = 1000;

// CDATA, comments and processing instructions are skipped whole (an `<item>` inside
// CDATA is text); item/entry start and end tags are what we count. Each alternative
// ends at its terminator or the end of the text, so the scan is linear.
const ITEM_TAGS = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)|<(\/?)(?:[\w.-]+:)?(?:item|entry)(?=[\s>/])[^<>]*>/g;

/**
 * An XML feed document with its item (RSS) or entry (Atom) elements beyond the first and
 * last `limit` removed. A document whose items do not pair up cleanly (truncated,
 * nested, self-closing) is returned unchanged: the parser and the second cap deal with it.
 */
export function preCutItems(xml: string, limit: number = MAX_ITEMS_PER_FEED): string {
	// Every item start tag holds `<item`, `:item`, `<entry` or `:entry`: when those are few,
	// so are the items, and the full scan below is not needed.
	if (countUpTo(xml, ['<item', ':item', '<entry', ':entry'], 2 * limit) <= 2 * limit) return xml;
	const starts: number[] = [];
	const ends: number[] = [];
	for (const match of xml.matchAll(ITEM_TAGS)) {
		if (match[1] === undefined) continue;
		const tag = match[0];
		if (match[1] === '/') {
			ends.push(match.index + tag.length);
		} else if (!tag.endsWith('/>')) {
			starts.push(match.index);
		}
	}
	const count = starts.length;
	if (count <= 2 * limit || ends.length !== count) return xml;
	for (let index = 0; index < count; index++) {
		// Each item must close before the next one opens; otherwise this is not a flat list.
		if (ends[index]! <= starts[index]! || (index + 1 < count && ends[index]! > starts[index + 1]!)) return xml;
	}
	return xml.slice(0, ends[limit - 1]) + xml.slice(starts[count - limit]);
}

/** Occurrences of the needles in `text`, counted until more than `most`. */
function countUpTo(text: string, needles: readonly string[], most: number): number {
	let count = 0;
	for (const needle of needles) {
		for (let at = text.indexOf(needle); at !== -1 && count <= most; at = text.indexOf(needle, at + needle.length)) count++;
	}
	return count;
}

/** The `limit` newest items (by published, else updated date), in the feed's own order. */
export function keepNewestItems<T extends {readonly published: string | null; readonly updated: string | null}>(
	items: readonly T[],
	limit: number = MAX_ITEMS_PER_FEED,
): readonly T[] {
	if (items.length <= limit) return items;
	const ranked = items.map((item, index) => ({index, date: item.published ?? item.updated ?? ''}));
	// Newest first; undated ('') last; ties keep the document order (sort is stable).
	ranked.sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1));
	const kept = new Set(ranked.slice(0, limit).map(entry => entry.index));
	return items.filter((_, index) => kept.has(index));
}
