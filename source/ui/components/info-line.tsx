import {sanitizeLine} from '../../text/sanitize.js';
import {fitToWidth} from '../../text/width.js';
import {StyledLine} from './styled-line.js';

export interface InfoLineProps {
	readonly text: string;
	readonly tone: 'info' | 'error';
	readonly width: number;
	readonly color: boolean;
}

/** The row above the status line: refresh progress, messages, the selected feed's error (outside text: sanitized here). */
export function InfoLine({text, tone, width, color}: InfoLineProps) {
	return <StyledLine segments={[{text: fitToWidth(sanitizeLine(text), width), style: tone === 'error' ? 'error' : 'accent'}]} color={color} />;
}
