import {Box, Text} from 'ink';
import type {EntryListItem} from '../../store/types.js';
import {sanitizeLine} from '../../text/sanitize.js';
import {fitColumns} from '../fit-width.js';
import {formatDate, type Strings} from '../strings.js';
import {StyledLine, type Segment} from './styled-line.js';

const DATE_WIDTH = 11;

/** One entry row as segments of exactly `width` columns: `›●★ title  feed  date`. */
export function entryRowSegments(
	item: EntryListItem,
	options: {readonly width: number; readonly isSelected: boolean; readonly showFeed: boolean; readonly strings: Strings; readonly now: Date},
): Segment[] {
	const {width, isSelected, showFeed, strings, now} = options;
	const dateWidth = Math.min(DATE_WIDTH, Math.max(0, width - 12));
	const feedWidth = showFeed ? Math.max(0, Math.min(24, Math.floor(width * 0.22))) : 0;
	const titleWidth = Math.max(1, width - 4 - (feedWidth > 0 ? feedWidth + 1 : 0) - (dateWidth > 0 ? dateWidth + 1 : 0));
	const segments: Segment[] = [
		{text: isSelected ? '›' : ' ', style: 'accent'},
		{text: item.isRead ? ' ' : '●', style: 'accent'},
		{text: item.isStarred ? '★' : ' ', style: 'star'},
		{text: ' '},
		{text: fitColumns(sanitizeLine(item.title), titleWidth), style: item.isRead ? 'plain' : 'bold'},
	];
	if (feedWidth > 0) segments.push({text: ' ' + fitColumns(sanitizeLine(item.feedTitle), feedWidth), style: 'dim'});
	if (dateWidth > 0) segments.push({text: ' ' + fitColumns(formatDate(item.date, now, strings), dateWidth), style: 'dim'});
	return segments;
}

export interface EntryListProps {
	/** The visible rows only (the window). */
	readonly rows: readonly EntryListItem[];
	/** Index of the selected row within `rows`, -1 when it is not visible. */
	readonly selected: number;
	readonly width: number;
	readonly height: number;
	readonly isFocused: boolean;
	/** False for a one-feed list: the feed column would repeat the header. */
	readonly showFeed: boolean;
	readonly strings: Strings;
	readonly now: Date;
	readonly color: boolean;
}

/** The entries pane: one line per entry, newest first. */
export function EntryList({rows, selected, width, height, isFocused, showFeed, strings, now, color}: EntryListProps) {
	if (rows.length === 0) {
		return (
			<Box width={width} height={height}>
				<Text wrap="truncate-end">{fitColumns('  ' + strings.noEntries, width)}</Text>
			</Box>
		);
	}
	return (
		<Box flexDirection="column" width={width} height={height}>
			{rows.map((item, index) => (
				<StyledLine
					key={item.id}
					segments={entryRowSegments(item, {width, isSelected: index === selected && isFocused, showFeed, strings, now})}
					isSelected={index === selected && isFocused}
					color={color}
				/>
			))}
		</Box>
	);
}
