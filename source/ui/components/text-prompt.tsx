import {Text, useInput} from 'ink';
import {useRef, useState} from 'react';
import {sanitizeLine} from '../../text/sanitize.js';
import {displayWidth, truncateToWidth} from '../../text/width.js';

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
 * handler is inactive). Typing, pasting, Backspace, Ctrl-U clears, Enter submits, Esc cancels.
 */
export function TextPrompt({label, initialValue = '', width, isActive, color, onSubmit, onCancel, onInterrupt}: TextPromptProps) {
	const [value, setValue] = useState(initialValue);
	// The latest text, also between renders: keys arriving in one frame (fast typing, a paste,
	// tmux send-keys) must each see the previous one, and Enter must submit all of them.
	const latest = useRef(initialValue);
	// Keys that came before this prompt listened change `initialValue` (app.tsx): take them.
	const [shownInitial, setShownInitial] = useState(initialValue);
	if (shownInitial !== initialValue) {
		setShownInitial(initialValue);
		setValue(initialValue);
		latest.current = initialValue;
	}
	const update = (next: string) => {
		latest.current = next;
		setValue(next);
	};
	useInput(
		(input, key) => {
			if (key.ctrl && input === 'c') onInterrupt();
			// Ctrl-U empties the line, as in a shell: a prefilled value is replaced in one key.
			else if (key.ctrl && input === 'u') update('');
			else if (key.return) onSubmit(latest.current);
			else if (key.escape) onCancel();
			else if (key.backspace || key.delete) update([...latest.current].slice(0, -1).join(''));
			else if (!key.ctrl && !key.meta && input !== '') {
				// Text and Enter typed in one go arrive as one string: the Enter still submits.
				const enter = input.search(/[\r\n]/u);
				if (enter < 0) {
					update(latest.current + sanitizeLine(input));
				} else {
					const text = latest.current + sanitizeLine(input.slice(0, enter));
					update(text);
					onSubmit(text);
				}
			}
		},
		{isActive},
	);
	const cursor = color ? '█' : '_';
	// Show the end of a long url: that is where the typing happens.
	const room = Math.max(1, width - displayWidth(label) - 1);
	const shown = displayWidth(value) > room ? '…' + [...value].slice(-(room - 1)).join('') : value;
	return (
		<Text wrap="truncate-end">
			{truncateToWidth(label, width)}
			{shown}
			{isActive ? cursor : ''}
		</Text>
	);
}
