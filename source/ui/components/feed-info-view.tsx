import {Box} from 'ink';
import {sanitizeLine} from '../../text/sanitize.js';
import {fitToWidth} from '../../text/width.js';
import type {FeedHealthView} from '../services.js';
import {feedInfoLines} from '../state/feed-info-lines.js';
import type {Strings} from '../strings.js';
import {StyledLine} from './styled-line.js';

export interface FeedInfoViewProps {
	/** The feed's title as the feeds screen shows it. */
	readonly title: string;
	/** Null while the diagnosis loads. */
	readonly info: FeedHealthView | null;
	readonly error: string | null;
	/** The first line shown (scrolled by the reducer). */
	readonly offset: number;
	readonly width: number;
	readonly height: number;
	readonly strings: Strings;
	readonly color: boolean;
}

/** The feed info screen: title, then the diagnosis with its fixes as keys, then the last fetches. */
export function FeedInfoView({title, info, error, offset, width, height, strings, color}: FeedInfoViewProps) {
	const rows = Math.max(0, height - 1);
	const lines = error !== null
		? [{text: error, style: 'error' as const}]
		: info === null
			? [{text: strings.feedInfoLoading, style: 'dim' as const}]
			: feedInfoLines(info, strings, width);
	const visible = lines.slice(offset, offset + rows);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<StyledLine segments={[{text: fitToWidth(strings.feedInfoTitle(sanitizeLine(title)), width), style: 'title'}]} color={color} />
			{visible.map((line, index) => (
				<StyledLine key={index} segments={[{text: fitToWidth(line.text, width), style: line.style}]} color={color} />
			))}
		</Box>
	);
}
