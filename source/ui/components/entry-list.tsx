import {Box, Text} from 'ink';
import {memo} from 'react';
import type {TextRange} from '../../store/types.js';
import {sanitizeLine} from '../../text/sanitize.js';
import {fitToWidth} from '../../text/width.js';
import type {ListedEntry} from '../services.js';
import {fitLabel} from '../state/fit-label.js';
import {narrowEntryColumns, type EntryColumns} from '../state/layout.js';
import {formatDate, formatNumber, type Strings} from '../strings.js';
import {StyledLine, type Segment} from './styled-line.js';

/**
 * A title cut to `width` columns as segments, the search matches styled 'match'. Without
 * colour the matched words are also put in brackets (`[Mentoring] für Führungskräfte`), so
 * that they show on any terminal.
 */
// sanitizeLine trims, which is right for a whole title but would eat the spaces around a match.
function sanitizePiece(text: string): string {
	const [, before = '', middle = '', after = ''] = /^(\s*)([\s\S]*?)(\s*)$/u.exec(text) ?? [];
	return (before ? ' ' : '') + sanitizeLine(middle) + (after ? ' ' : '');
}

export function titleSegments(title: string, matches: readonly TextRange[], width: number, style: 'bold' | 'plain', brackets: boolean): Segment[] {
	if (matches.length === 0) return [{text: fitToWidth(sanitizeLine(title), width), style}];
	const pieces: {text: string; isMatch: boolean}[] = [];
	let at = 0;
	for (const range of matches) {
		if (range.start < at || range.end > title.length) continue;
		if (range.start > at) pieces.push({text: sanitizePiece(title.slice(at, range.start)), isMatch: false});
		const word = sanitizeLine(title.slice(range.start, range.end));
		pieces.push({text: brackets ? `[${word}]` : word, isMatch: true});
		at = range.end;
	}
	if (at < title.length) pieces.push({text: sanitizePiece(title.slice(at)), isMatch: false});
	const plain = pieces.map(piece => piece.text).join('');
	const fitted = fitToWidth(plain, width);
	// The fitted text is a prefix of the plain one plus an ellipsis or padding: style the prefix piece by piece.
	let common = 0;
	while (common < plain.length && common < fitted.length && plain[common] === fitted[common]) common++;
	const segments: Segment[] = [];
	let used = 0;
	for (const piece of pieces) {
		if (used >= common) break;
		const text = piece.text.slice(0, common - used);
		segments.push({text, style: piece.isMatch ? 'match' : style});
		used += text.length;
	}
	segments.push({text: fitted.slice(common), style});
	return segments;
}

/** One entry row as segments of exactly `width` columns: `›●★ title  feed  date`. */
export function entryRowSegments(
	item: ListedEntry,
	options: {
		readonly width: number;
		readonly isSelected: boolean;
		readonly showFeed: boolean;
		readonly strings: Strings;
		readonly now: Date;
		/** Search results: 'brackets' marks the matched title words in text, 'style' only by style. */
		readonly matches?: 'brackets' | 'style';
		/** The layout's columns for this pane; by default those of one pane of `width`. */
		readonly columns?: EntryColumns;
	},
): Segment[] {
	const {width, isSelected, showFeed, strings, now} = options;
	const columns = options.columns ?? narrowEntryColumns(width, showFeed);
	const dateWidth = columns.date;
	const feedWidth = showFeed ? columns.feed : 0;
	const titleWidth = columns.title;
	// Columns the layout leaves spare stay blank after the title: dates keep to the right edge.
	const gap = Math.max(0, width - 4 - titleWidth - (feedWidth > 0 ? feedWidth + 1 : 0) - (dateWidth > 0 ? dateWidth + 1 : 0));
	const segments: Segment[] = [
		{text: isSelected ? '›' : ' ', style: 'accent'},
		{text: item.isRead ? ' ' : '●', style: 'accent'},
		{text: item.isStarred ? '★' : ' ', style: 'star'},
		{text: ' '},
		...titleSegments(item.title, options.matches ? (item.titleMatches ?? []) : [], titleWidth, item.isRead ? 'plain' : 'bold', options.matches === 'brackets'),
	];
	if (gap > 0) segments.push({text: ' '.repeat(gap)});
	// Feed names often share their start (`Die alte Schule – …`): cut in the middle, keep the end.
	if (feedWidth > 0) segments.push({text: ' ' + fitLabel(sanitizeLine(item.feedTitle), feedWidth), style: 'dim'});
	if (dateWidth > 0) segments.push({text: ' ' + fitToWidth(formatDate(item.date, now, strings), dateWidth), style: 'dim'});
	return segments;
}

export interface EntryListProps {
	/** The visible rows only (the window). */
	readonly rows: readonly ListedEntry[];
	/** Index of the selected row within `rows`, -1 when it is not visible. */
	readonly selected: number;
	readonly width: number;
	readonly height: number;
	readonly isFocused: boolean;
	/** False for a one-feed list: the feed column would repeat the header. */
	readonly showFeed: boolean;
	/** Search results: highlight the matched words in titles. */
	readonly markMatches?: boolean;
	/** Entries of this view the ignore rules hide, when they hide all of it: the empty list says so. */
	readonly hiddenCount?: number;
	readonly strings: Strings;
	readonly now: Date;
	readonly color: boolean;
	/** The layout's row columns for this pane; by default those of one pane of `width`. */
	readonly columns?: EntryColumns;
}

interface EntryRowProps {
	readonly item: ListedEntry;
	readonly width: number;
	readonly isSelected: boolean;
	readonly showFeed: boolean;
	readonly strings: Strings;
	readonly now: Date;
	readonly matches: 'brackets' | 'style' | undefined;
	readonly color: boolean;
	readonly columns: EntryColumns | undefined;
}

function sameRow(before: EntryRowProps, after: EntryRowProps): boolean {
	return (
		before.item === after.item &&
		before.width === after.width &&
		before.isSelected === after.isSelected &&
		before.showFeed === after.showFeed &&
		before.strings === after.strings &&
		before.matches === after.matches &&
		before.color === after.color &&
		before.columns === after.columns &&
		// The clock moves on every frame; the row changes only when its date text does.
		(before.now === after.now || formatDate(before.item.date, before.now, before.strings) === formatDate(after.item.date, after.now, after.strings))
	);
}

/** One entry row, memoised: a move re-renders only the rows whose selection changed. */
const EntryRow = memo(function EntryRow({item, width, isSelected, showFeed, strings, now, matches, color, columns}: EntryRowProps) {
	return <StyledLine segments={entryRowSegments(item, {width, isSelected, showFeed, strings, now, matches, columns})} isSelected={isSelected} color={color} />;
}, sameRow);

/** The entries pane: one line per entry, newest first. */
export function EntryList({rows, selected, width, height, isFocused, showFeed, markMatches = false, hiddenCount = 0, strings, now, color, columns}: EntryListProps) {
	if (rows.length === 0) {
		return (
			<Box width={width} height={height}>
				<Text wrap="truncate-end">{fitToWidth('  ' + (hiddenCount > 0 ? strings.allHidden(formatNumber(hiddenCount, strings)) : strings.noEntries), width)}</Text>
			</Box>
		);
	}
	const matches = markMatches ? (color ? 'style' : 'brackets') : undefined;
	return (
		<Box flexDirection="column" width={width} height={height}>
			{rows.map((item, index) => (
				<EntryRow
					key={item.id}
					item={item}
					width={width}
					isSelected={index === selected && isFocused}
					showFeed={showFeed}
					strings={strings}
					now={now}
					matches={matches}
					color={color}
					columns={columns}
				/>
			))}
		</Box>
	);
}
