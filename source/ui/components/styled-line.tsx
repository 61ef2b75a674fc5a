import {Box, Text} from 'ink';
import {displayWidth} from '../../text/width.js';

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
	/** A selection in a pane without the keys: inverse and dim. */
	readonly isDimmed?: boolean;
	readonly color: boolean;
}

/** A run of text at a column of the line. */
export interface Piece {
	readonly column: number;
	readonly width: number;
	readonly segments: readonly Segment[];
}

// Three spaces or more are padding between columns; two separate words and key hints.
const PADDING = / {3,}/g;

/**
 * The line's text without its padding: pieces at their columns. Ink turns every character
 * it is given into a styled cell on every frame, and has blank cells anyway. A search
 * match stays whole: its spaces are underlined, so visible.
 */
export function piecesOf(segments: readonly Segment[]): Piece[] {
	const pieces: Piece[] = [];
	let current: Segment[] = [];
	let start = 0;
	let column = 0;
	const add = (text: string, style: SegmentStyle | undefined) => {
		if (current.length === 0 && style !== 'match') {
			// Spaces that begin a piece (unset markers) are blank cells too.
			const blanks = /^ */.exec(text)![0].length;
			column += blanks;
			text = text.slice(blanks);
		}
		if (text === '') return;
		if (current.length === 0) start = column;
		current.push({text, style});
		column += displayWidth(text);
	};
	const close = () => {
		if (current.length > 0) pieces.push({column: start, width: column - start, segments: current});
		current = [];
	};
	for (const segment of segments) {
		if (segment.style === 'match') {
			add(segment.text, segment.style);
			continue;
		}
		let at = 0;
		for (const padding of segment.text.matchAll(PADDING)) {
			add(segment.text.slice(at, padding.index), segment.style);
			close();
			column += padding[0].length;
			at = padding.index + padding[0].length;
		}
		add(segment.text.slice(at), segment.style);
	}
	close();
	return pieces;
}

function SegmentText({segment}: {readonly segment: Segment}) {
	return (
		<Text
			bold={segment.style === 'bold' || segment.style === 'title' || segment.style === 'match'}
			// A search match: underlined in the accent colour, calm and still visible in a selected (inverse) row.
			underline={segment.style === 'match'}
			dimColor={segment.style === 'dim'}
			color={segment.style === 'error' ? 'red' : segment.style === 'star' ? 'yellow' : segment.style === 'accent' || segment.style === 'match' ? 'cyan' : undefined}
		>
			{segment.text}
		</Text>
	);
}

/** One terminal row: never wraps (truncated by Ink as a last resort). */
export function StyledLine({segments, isSelected = false, isDimmed = false, color}: StyledLineProps) {
	const plain = segments.map(segment => segment.text).join('');
	// An empty Text has no height in Ink: a blank row must hold a space.
	if (!color || plain === '') {
		return <Text wrap="truncate-end">{plain === '' ? ' ' : plain}</Text>;
	}
	if (isSelected) {
		// Inverse: the padding is part of the highlight.
		return (
			<Text wrap="truncate-end" inverse>
				{segments.map((segment, index) => (
					// Segments of a line never reorder: the index is their identity. Dimmed, every
					// segment is dim (bold and dim share one reset: they cannot nest).
					<SegmentText key={index} segment={isDimmed ? {text: segment.text, style: 'dim'} : segment} />
				))}
			</Text>
		);
	}
	const pieces = piecesOf(segments);
	if (pieces.length === 0) return <Text> </Text>;
	// The pieces side by side, padding as empty boxes: the same columns, fewer characters for Ink.
	return (
		<Box height={1}>
			{pieces.map((piece, index) => {
				const end = index === 0 ? 0 : pieces[index - 1]!.column + pieces[index - 1]!.width;
				return [
					piece.column > end ? <Box key={`padding${index}`} width={piece.column - end} flexShrink={0} /> : null,
					<Text key={index} wrap="truncate-end">
						{piece.segments.map((segment, segmentIndex) => (
							<SegmentText key={segmentIndex} segment={segment} />
						))}
					</Text>,
				];
			})}
		</Box>
	);
}
