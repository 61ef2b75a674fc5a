import {Box} from 'ink';
import {sanitizeLine} from '../../text/sanitize.js';
import {fitToWidth} from '../../text/width.js';
import {wrapToWidth} from '../state/article-header.js';
import type {FeedRow} from '../state/feed-rows.js';
import {formatAge, formatNumber, lastErrorMessage, type Strings} from '../strings.js';
import {StyledLine} from './styled-line.js';

export interface FeedDetailsProps {
	readonly row: FeedRow | null;
	readonly width: number;
	readonly height: number;
	readonly strings: Strings;
	readonly now: Date;
	readonly color: boolean;
}

/** The preview pane on the feeds screen of a wide terminal: what the selected row is. */
export function FeedDetails({row, width, height, strings, now, color}: FeedDetailsProps) {
	const lines: {text: string; style: 'title' | 'dim' | 'error' | 'plain'}[] = [];
	if (row?.kind === 'feed') {
		const {feed} = row;
		lines.push({text: sanitizeLine(feed.title), style: 'title'});
		lines.push({text: sanitizeLine(feed.url), style: 'dim'});
		if (feed.lastError) {
			// A failing feed: first when and why its last refresh failed (the whole message), then
			// since when the cached entries are known good.
			const message = lastErrorMessage(feed, strings)!;
			const failed = feed.lastFetchedAt ? strings.lastFailed(formatAge(feed.lastFetchedAt, now, strings), message) : strings.feedError(message);
			for (const line of wrapToWidth(failed, width, 4)) lines.push({text: line, style: 'error'});
			if (feed.lastSucceededAt !== undefined) {
				lines.push({text: feed.lastSucceededAt ? strings.lastSucceeded(formatAge(feed.lastSucceededAt, now, strings)) : strings.neverSucceeded, style: 'dim'});
			}
		}
		lines.push({text: strings.entriesCount(formatNumber(feed.totalCount, strings), formatNumber(feed.unreadCount, strings)), style: 'plain'});
		if (!feed.lastError) lines.push({text: feed.lastFetchedAt ? strings.lastFetched(formatAge(feed.lastFetchedAt, now, strings)) : strings.neverFetched, style: 'dim'});
		if (feed.tags.length > 0) lines.push({text: feed.tags.map(tag => `# ${sanitizeLine(tag)}`).join('  '), style: 'dim'});
	} else if (row?.kind === 'saved') {
		lines.push({text: `◇ ${sanitizeLine(row.view.name)}`, style: 'title'});
		lines.push({text: strings.viewQuery(sanitizeLine(row.view.query)), style: 'dim'});
		lines.push({text: strings.entriesCount(formatNumber(row.counts.total, strings), formatNumber(row.counts.unread, strings)), style: 'plain'});
		if (row.view.error) lines.push({text: strings.viewError(sanitizeLine(row.view.error)), style: 'error'});
	} else if (row) {
		const label = row.kind === 'tag' ? `# ${sanitizeLine(row.tag ?? strings.untagged)}` : row.view === 'all' ? strings.viewAll : row.view === 'unread' ? strings.viewUnread : strings.viewStarred;
		lines.push({text: label, style: 'title'});
		lines.push({text: strings.entriesCount(formatNumber(row.counts.total, strings), formatNumber(row.counts.unread, strings)), style: 'plain'});
	}
	return (
		<Box flexDirection="column" width={width} height={height}>
			{lines.slice(0, height).map((line, index) => (
				<StyledLine key={index} segments={[{text: fitToWidth(line.text, width), style: line.style}]} color={color} />
			))}
		</Box>
	);
}
