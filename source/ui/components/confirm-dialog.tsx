import {Box} from 'ink';
import {fitToWidth} from '../../text/width.js';
import {StyledLine} from './styled-line.js';

export interface ConfirmDialogProps {
	readonly question: string;
	readonly hint: string;
	readonly width: number;
	readonly height: number;
	readonly color: boolean;
}

/** A yes/no question in place of the body (keys come from the keymap's `confirm` context). */
export function ConfirmDialog({question, hint, width, height, color}: ConfirmDialogProps) {
	return (
		<Box flexDirection="column" width={width} height={height}>
			<StyledLine segments={[{text: ''}]} color={color} />
			<StyledLine segments={[{text: fitToWidth('  ' + question, width), style: 'title'}]} color={color} />
			<StyledLine segments={[{text: fitToWidth('  ' + hint, width), style: 'dim'}]} color={color} />
		</Box>
	);
}
