import {Box} from 'ink';
import {memo} from 'react';
import {sanitizeLine} from '../../text/sanitize.js';
import {displayWidth, fitToWidth} from '../../text/width.js';
import {fitLabel} from '../state/fit-label.js';
import type {FeedRow} from '../state/feed-rows.js';
import {formatNumber, type Strings} from '../strings.js';
import {StyledLine, type Segment} from './styled-line.js';

const COUNT_WIDTH = 7;
/** A health word shows only where the title keeps at least this many columns. */
const MIN_TITLE_WITH_HEALTH = 16;

/** How a row is selected: in the focused pane, in a pane beside it (wide layout), or not. */
export type RowSelection = 'focused' | 'unfocused' | 'none';

/** One feeds row as segments of exactly `width` columns: `›! title   12`. */
export function feedRowSegments(row: FeedRow, width: number, isSelected: boolean | RowSelection, strings: Strings, countColumns = COUNT_WIDTH): Segment[] {
	const selection: RowSelection = isSelected === true ? 'focused' : isSelected === false ? 'none' : isSelected;
	// Two `›` on screen would not say which pane has the keys: the other pane's selection is a `·`.
	const marker = selection === 'focused' ? '›' : selection === 'unfocused' ? '·' : ' ';
	const hasError = (row.kind === 'feed' && (row.feed.lastError !== null || row.feed.health === 'failing')) || (row.kind === 'saved' && row.view.error !== null);
	const countValue = row.kind === 'view' && row.view === 'starred' ? row.counts.total : row.kind === 'feed' ? row.feed.unreadCount : row.counts.unread;
	const count = countValue > 0 ? formatNumber(countValue, strings) : '';
	const indent = row.kind === 'feed' && row.isIndented ? '  ' : '';
	const label =
		row.kind === 'view'
			? row.view === 'all'
				? strings.viewAll
				: row.view === 'unread'
					? strings.viewUnread
					: strings.viewStarred
			: row.kind === 'saved'
				? `◇ ${sanitizeLine(row.view.name)}`
				: row.kind === 'tag'
				? `# ${sanitizeLine(row.tag ?? strings.untagged)}`
				: sanitizeLine(row.feed.title);
	const countWidth = Math.min(countColumns, Math.max(0, width - 4));
	const fullTitleWidth = Math.max(0, width - 3 - indent.length - countWidth - 1);
	// Feed health in one word, where it leaves the title room enough (`ruht`, `failing`).
	const health = row.kind === 'feed' && row.feed.health !== undefined && row.feed.health !== 'ok' ? strings.healthWords[row.feed.health] : '';
	const healthText = health !== '' && fullTitleWidth - health.length - 1 >= MIN_TITLE_WITH_HEALTH ? ` ${health}` : '';
	// settings: a paused feed says so after its title (it is not refreshed, still readable).
	const paused = row.kind === 'feed' && row.feed.paused === true ? ` · ${strings.pausedMark}` : '';
	const pausedWidth = paused === '' ? 0 : Math.min(displayWidth(paused), Math.max(0, fullTitleWidth - healthText.length - 8));
	// accounts (issue 16): a feed server account's feed carries its account's name (`@ttrss-home`),
	// in at most a third of the title's room; where even that is short, a bare `@` says it.
	const account = row.kind === 'feed' && row.feed.account !== undefined ? ` @${sanitizeLine(row.feed.account)}` : '';
	const accountRoom = Math.floor((fullTitleWidth - healthText.length - pausedWidth) / 3);
	const accountWidth = account === '' ? 0 : displayWidth(account) <= accountRoom ? displayWidth(account) : accountRoom >= 5 ? accountRoom : accountRoom >= 2 ? 2 : 0;
	const accountText = accountWidth === 2 && displayWidth(account) > 2 ? ' @' : fitToWidth(account, accountWidth);
	const titleWidth = fullTitleWidth - healthText.length - pausedWidth - accountWidth;
	const isUnread = countValue > 0 && !(row.kind === 'view' && row.view === 'starred');
	return [
		{text: marker, style: 'accent'},
		{text: hasError ? '!' : ' ', style: 'error'},
		{text: ' ' + indent},
		{text: fitLabel(label, titleWidth), style: row.kind === 'tag' ? 'title' : isUnread ? 'bold' : 'plain'},
		...(pausedWidth > 0 ? [{text: fitToWidth(paused, pausedWidth), style: 'dim' as const}] : []),
		...(accountWidth > 0 ? [{text: accountText, style: 'dim' as const}] : []),
		...(healthText === '' ? [] : [{text: healthText, style: row.kind === 'feed' && row.feed.health === 'failing' ? 'error' as const : 'dim' as const}]),
		{text: ' ' + count.padStart(countWidth).slice(-countWidth), style: 'dim'},
	];
}

export interface FeedListProps {
	/** The visible rows only (the window). */
	readonly rows: readonly FeedRow[];
	/** Index of the selected row within `rows`, -1 when it is not visible. */
	readonly selected: number;
	readonly width: number;
	readonly height: number;
	/** False while the entries pane beside it has the keys: the selection shows dimmed. */
	readonly isFocused: boolean;
	/** Columns of the unread counts (the layout measures them). */
	readonly countWidth?: number;
	readonly strings: Strings;
	readonly color: boolean;
}

interface FeedRowLineProps {
	readonly row: FeedRow;
	readonly width: number;
	readonly selection: RowSelection;
	readonly countWidth: number;
	readonly strings: Strings;
	readonly color: boolean;
}

/** One feeds row, memoised: a move re-renders only the rows whose selection changed. */
const FeedRowLine = memo(function FeedRowLine({row, width, selection, countWidth, strings, color}: FeedRowLineProps) {
	return (
		<StyledLine
			segments={feedRowSegments(row, width, selection, strings, countWidth)}
			isSelected={selection !== 'none'}
			isDimmed={selection === 'unfocused'}
			color={color}
		/>
	);
});

/** The feeds pane: virtual views, tags, feeds with unread counts and error marks. */
export function FeedList({rows, selected, width, height, isFocused, countWidth = COUNT_WIDTH, strings, color}: FeedListProps) {
	return (
		<Box flexDirection="column" width={width} height={height}>
			{rows.map((row, index) => (
				<FeedRowLine
					key={row.key}
					row={row}
					width={width}
					selection={index !== selected ? 'none' : isFocused ? 'focused' : 'unfocused'}
					countWidth={countWidth}
					strings={strings}
					color={color}
				/>
			))}
		</Box>
	);
}
