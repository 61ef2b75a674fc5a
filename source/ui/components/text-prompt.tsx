import {Text, useInput} from 'ink';
import {useRef, useState} from 'react';
import {displayWidth, truncateToWidth} from '../../text/width.js';
import {splitKeys} from '../keys.js';
import {editLine} from '../state/line-editor.js';

export interface TextPromptProps {
	readonly label: string;
	/** The text the prompt starts with (editing a value, or keys typed before it opened). */
	readonly initialValue?: string;
	readonly width: number;
	readonly isActive: boolean;
	/** Busy with what was submitted: only Esc (cancel) and Ctrl-C count, other keys are dropped. */
	readonly isBusy?: boolean;
	readonly color: boolean;
	readonly onSubmit: (value: string) => void;
	readonly onCancel: () => void;
	/** Ctrl-C while typing: the reader quits as everywhere else. */
	readonly onInterrupt: () => void;
}

/**
 * A one-line text input (the one component that reads keys itself, while the root
 * handler is inactive). Typing, pasting, Backspace, Ctrl-U clears, Enter submits, Esc cancels;
 * every key of a chunk of input counts (splitKeys), edited by the pure editLine.
 */
export function TextPrompt({label, initialValue = '', width, isActive, isBusy = false, color, onSubmit, onCancel, onInterrupt}: TextPromptProps) {
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
			for (const press of splitKeys(input, key)) {
				const edit = editLine(latest.current, press);
				if (edit.kind === 'interrupt') {
					onInterrupt();
					return;
				}
				// While busy (the add dialog looks for the feed) the prompt still owns the keys:
				// Esc cancels the lookup, everything else is swallowed, never echoed or passed on.
				if (edit.kind === 'cancel') {
					onCancel();
					return;
				}
				if (isBusy) continue;
				if (edit.kind === 'submit') {
					onSubmit(edit.value);
					return;
				}
				if (edit.kind === 'text') update(edit.value);
			}
		},
		{isActive},
	);
	const cursor = color ? '█' : '_';
	// What is typed stays in view: a label longer than the line (a long feed title on a narrow
	// terminal) gives way to it, down to half the line; the text keeps the rest.
	const labelRoom = Math.min(displayWidth(label), Math.max(width - displayWidth(value) - 1, Math.ceil(width / 2)));
	const shownLabel = truncateToWidth(label, labelRoom);
	// Show the end of a long url: that is where the typing happens.
	const room = Math.max(1, width - displayWidth(shownLabel) - 1);
	const shown = displayWidth(value) > room ? '…' + [...value].slice(-(room - 1)).join('') : value;
	return (
		<Text wrap="truncate-end">
			{shownLabel}
			{shown}
			{isActive && !isBusy ? cursor : ''}
		</Text>
	);
}
