/** The article header's lines: the title wrapped, the meta line with its date always kept. Pure. */
import {sanitizeLine} from '../../text/sanitize.js';
import {displayWidth, graphemes, graphemeWidth, truncateToWidth} from '../../text/width.js';

// Meta, link and rule under the title lines.
const BELOW_TITLE = 3;

/**
 * `text` broken into lines of at most `width` columns at spaces; a word longer than a line
 * is broken by grapheme. At most `maxLines`: the last one then ends in `…`.
 */
export function wrapToWidth(text: string, width: number, maxLines = Number.POSITIVE_INFINITY): string[] {
	if (width <= 0 || maxLines <= 0) return [];
	const lines: string[] = [];
	let line = '';
	let lineWidth = 0;
	const push = () => {
		lines.push(line.trimEnd());
		line = '';
		lineWidth = 0;
	};
	for (const word of text.split(/ +/u).filter(part => part !== '')) {
		const wordWidth = displayWidth(word);
		const gap = line === '' ? 0 : 1;
		if (lineWidth + gap + wordWidth <= width) {
			line += (gap ? ' ' : '') + word;
			lineWidth += gap + wordWidth;
			continue;
		}
		if (line !== '') push();
		if (wordWidth <= width) {
			line = word;
			lineWidth = wordWidth;
			continue;
		}
		// Longer than a line (`Führungskräfteentwicklungsprogramm…`): broken where the line ends.
		for (const grapheme of graphemes(word)) {
			const next = graphemeWidth(grapheme);
			if (lineWidth + next > width) push();
			line += grapheme;
			lineWidth += next;
		}
	}
	if (line !== '') push();
	if (lines.length <= maxLines) return lines;
	const kept = lines.slice(0, maxLines);
	const last = kept[maxLines - 1]!;
	kept[maxLines - 1] = displayWidth(last) < width ? `${last}…` : truncateToWidth(`${last}…`, width);
	return kept;
}

/** Title lines the header may take: most of a short screen stays for the text. */
function maxTitleLines(bodyHeight: number): number {
	return Math.max(1, Math.floor((bodyHeight - BELOW_TITLE) / 2));
}

/** The title as the header shows it: wrapped over as many lines as it needs (within reason). */
export function articleTitleLines(title: string, width: number, bodyHeight: number): string[] {
	const lines = wrapToWidth(sanitizeLine(title), width, maxTitleLines(bodyHeight));
	return lines.length > 0 ? lines : [''];
}

/** Rows of the header (title lines, meta, link, rule) of an article with this title. */
export function articleHeaderHeight(title: string, width: number, bodyHeight: number): number {
	return articleTitleLines(title, width, bodyHeight).length + BELOW_TITLE;
}

/** Body rows under the header: what the pager scrolls by. */
export function articleBodyHeight(title: string, width: number, bodyHeight: number): number {
	return Math.max(1, bodyHeight - articleHeaderHeight(title, width, bodyHeight));
}

/**
 * `feed · author · date (· ★)` in at most `width` columns. The date is what the line is
 * for: the feed title gives way first, then the author; the date is cut only when it
 * alone is wider than the line.
 */
export function fitMeta(parts: {readonly feed: string; readonly author: string | null; readonly date: string; readonly star: boolean}, width: number): string {
	const fixed = [parts.date, parts.star ? '★' : ''].filter(part => part !== '');
	const join = (feed: string, author: string | null) => [feed, author ?? '', ...fixed].filter(part => part !== '').join(' · ');
	const full = join(parts.feed, parts.author);
	if (displayWidth(full) <= width) return full;
	const fixedWidth = displayWidth(fixed.join(' · '));
	const separator = 3;
	const fixedRoom = width - fixedWidth - (fixed.length > 0 ? separator : 0);
	if (!parts.author) return fixedRoom >= 6 ? join(truncateToWidth(parts.feed, fixedRoom), null) : truncateToWidth(fixed.join(' · '), width);
	// Feed and author share what the date leaves; the feed title gives way first.
	const room = fixedRoom - separator;
	const authorWidth = displayWidth(parts.author);
	if (room - authorWidth >= 12) return join(truncateToWidth(parts.feed, room - authorWidth), parts.author);
	if (room >= 12) {
		const feed = Math.floor(room / 2);
		return join(truncateToWidth(parts.feed, feed), truncateToWidth(parts.author, room - feed));
	}
	if (fixedRoom >= 6) return join(truncateToWidth(parts.feed, fixedRoom), null);
	return truncateToWidth(fixed.join(' · '), width);
}
