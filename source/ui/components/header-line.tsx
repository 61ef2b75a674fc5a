import {columnsOf, fitColumns, truncateColumns} from '../fit-width.js';
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
	const rightText = truncateColumns(right, Math.max(0, Math.floor(width / 2)));
	const leftWidth = Math.max(0, width - columnsOf(rightText) - (rightText ? 1 : 0));
	return (
		<StyledLine
			segments={[
				{text: fitColumns(title, leftWidth), style: 'title'},
				{text: rightText ? ' ' + rightText : '', style: 'dim'},
			]}
			color={color}
		/>
	);
}
