import {Box} from 'ink';
import {sanitizeLine} from '../../text/sanitize.js';
import {fitToWidth} from '../../text/width.js';
import type {Strings} from '../strings.js';
import {StyledLine} from './styled-line.js';
import {TextPrompt} from './text-prompt.js';

export interface AddFeedDialogProps {
	readonly isBusy: boolean;
	/** Keys typed in the chunk that opened the dialog, before its prompt listened. */
	readonly initialValue: string;
	/** The last attempt's failure, shown inline under the prompt. */
	readonly error: string | null;
	readonly width: number;
	readonly height: number;
	readonly strings: Strings;
	readonly color: boolean;
	readonly onSubmit: (url: string) => void;
	readonly onCancel: () => void;
	readonly onInterrupt: () => void;
}

/** `a`: asks for a feed or site url; discovery and errors come back from services.addFeed. */
export function AddFeedDialog({isBusy, initialValue, error, width, height, strings, color, onSubmit, onCancel, onInterrupt}: AddFeedDialogProps) {
	return (
		<Box flexDirection="column" width={width} height={height}>
			<StyledLine segments={[{text: fitToWidth(strings.addTitle, width), style: 'title'}]} color={color} />
			<StyledLine segments={[{text: ''}]} color={color} />
			<TextPrompt label={'  ' + strings.addPrompt} initialValue={initialValue} width={width} isActive isBusy={isBusy} color={color} onSubmit={onSubmit} onCancel={onCancel} onInterrupt={onInterrupt} />
			<StyledLine segments={[{text: ''}]} color={color} />
			{isBusy ? <StyledLine segments={[{text: fitToWidth('  ' + strings.addBusy, width), style: 'dim'}]} color={color} /> : null}
			{error && !isBusy ? <StyledLine segments={[{text: fitToWidth('  ! ' + sanitizeLine(error), width), style: 'error'}]} color={color} /> : null}
			<StyledLine segments={[{text: fitToWidth('  ' + strings.addHint, width), style: 'dim'}]} color={color} />
		</Box>
	);
}
