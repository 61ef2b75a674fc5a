import {displayWidth, fitToWidth, truncateToWidth} from '../../text/width.js';
import {StyledLine} from './styled-line.js';

export interface HeaderLineProps {
	/** Where the reader is: `blogroll › Coaching › …`. */
	readonly title: string;
	/** Counts on the right. */
	readonly right: string;
	readonly width: number;
	readonly color: boolean;
}

/** The first row: location on the left, counts on the right, exactly one line. */
export function HeaderLine({title, right, width, color}: HeaderLineProps) {
	const rightText = truncateToWidth(right, Math.max(0, Math.floor(width / 2)));
	const leftWidth = Math.max(0, width - displayWidth(rightText) - (rightText ? 1 : 0));
	return (
		<StyledLine
			segments={[
				{text: fitToWidth(title, leftWidth), style: 'title'},
				{text: rightText ? ' ' + rightText : '', style: 'dim'},
			]}
			color={color}
		/>
	);
}
