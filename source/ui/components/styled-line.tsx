import {Text} from 'ink';

/** How a piece of a line is styled; without colour only the characters remain. */
export type SegmentStyle = 'plain' | 'bold' | 'dim' | 'error' | 'star' | 'accent' | 'title' | 'match';

export interface Segment {
	readonly text: string;
	readonly style?: SegmentStyle;
}

export interface StyledLineProps {
	/** Pieces that together are exactly one line of the pane's width. */
	readonly segments: readonly Segment[];
	/** Selected rows are drawn inverse (their `›` marker shows it without colour too). */
	readonly isSelected?: boolean;
	readonly color: boolean;
}

/** One terminal row: never wraps (truncated by Ink as a last resort). */
export function StyledLine({segments, isSelected = false, color}: StyledLineProps) {
	const plain = segments.map(segment => segment.text).join('');
	// An empty Text has no height in Ink: a blank row must hold a space.
	if (!color || plain === '') {
		return <Text wrap="truncate-end">{plain === '' ? ' ' : plain}</Text>;
	}
	return (
		<Text wrap="truncate-end" inverse={isSelected}>
			{segments.map((segment, index) => (
				<Text
					// Segments of a line never reorder: the index is their identity.
					key={index}
					bold={segment.style === 'bold' || segment.style === 'title' || segment.style === 'match'}
					// A search match: underlined in the accent colour, calm and still visible in a selected (inverse) row.
					underline={segment.style === 'match'}
					dimColor={segment.style === 'dim'}
					color={segment.style === 'error' ? 'red' : segment.style === 'star' ? 'yellow' : segment.style === 'accent' || segment.style === 'match' ? 'cyan' : undefined}
				>
					{segment.text}
				</Text>
			))}
		</Text>
	);
}
