import {Text, useInput} from 'ink';
import {useState} from 'react';
import {sanitizeLine} from '../../text/sanitize.js';
import {columnsOf, truncateColumns} from '../fit-width.js';

export interface TextPromptProps {
	readonly label: string;
	/** The text the prompt starts with (editing a value, or keys typed before it opened). */
	readonly initialValue?: string;
	readonly width: number;
	readonly isActive: boolean;
	readonly color: boolean;
	readonly onSubmit: (value: string) => void;
	readonly onCancel: () => void;
	/** Ctrl-C while typing: the reader quits as everywhere else. */
	readonly onInterrupt: () => void;
}

/**
 * A one-line text input (the one component that reads keys itself, while the root
 * handler is inactive). Typing, pasting, Backspace, Enter submits, Esc cancels.
 */
export function TextPrompt({label, initialValue = '', width, isActive, color, onSubmit, onCancel, onInterrupt}: TextPromptProps) {
	const [value, setValue] = useState(initialValue);
	useInput(
		(input, key) => {
			if (key.ctrl && input === 'c') onInterrupt();
			else if (key.return) onSubmit(value);
			else if (key.escape) onCancel();
			else if (key.backspace || key.delete) setValue(current => [...current].slice(0, -1).join(''));
			else if (!key.ctrl && !key.meta && input !== '') setValue(current => current + sanitizeLine(input));
		},
		{isActive},
	);
	const cursor = color ? '█' : '_';
	// Show the end of a long url: that is where the typing happens.
	const room = Math.max(1, width - columnsOf(label) - 1);
	const shown = columnsOf(value) > room ? '…' + [...value].slice(-(room - 1)).join('') : value;
	return (
		<Text wrap="truncate-end">
			{truncateColumns(label, width)}
			{shown}
			{isActive ? cursor : ''}
		</Text>
	);
}
