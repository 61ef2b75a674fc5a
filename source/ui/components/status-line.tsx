import {displayWidth, fitToWidth} from '../../text/width.js';
import {hintsFor, type Command, type InputContext} from '../keymap.js';
import type {Strings} from '../strings.js';
import {StyledLine, type Segment} from './styled-line.js';

/**
 * The status line's key hints for a context, from the keymap: `Enter open  q quit  ? help`.
 * Only whole hints that fit; help (`?`) is kept whenever the context has it.
 */
export function statusHints(context: InputContext, strings: Strings, width: number, omit: readonly Command[] = []): string {
	const hints = hintsFor(context, strings.language).filter(hint => !omit.includes(hint.command)).map(hint => ({command: hint.command, text: `${hint.key} ${strings.hints[hint.command] ?? strings.commands[hint.command]}`}));
	const help = hints.find(hint => hint.command === 'help');
	const budget = width - (help ? displayWidth(help.text) + 2 : 0);
	const chosen: string[] = [];
	let used = 0;
	for (const hint of hints) {
		if (hint === help) continue;
		const cost = displayWidth(hint.text) + (chosen.length > 0 ? 2 : 0);
		if (used + cost > budget) break;
		chosen.push(hint.text);
		used += cost;
	}
	if (help) chosen.push(help.text);
	return chosen.join('  ');
}

export interface StatusLineProps {
	readonly context: InputContext;
	/** Shown at the right edge (article position `37%`). */
	readonly right: string;
	readonly width: number;
	readonly strings: Strings;
	readonly color: boolean;
	/** Commands of the context that do nothing here now (feed info without a new feed): no hint. */
	readonly omit?: readonly Command[];
}

/** The last row: the few most useful keys of this screen, and a position on the right. */
export function StatusLine({context, right, width, strings, color, omit = []}: StatusLineProps) {
	const rightWidth = right === '' ? 0 : displayWidth(right) + 1;
	const segments: Segment[] = [{text: fitToWidth(statusHints(context, strings, Math.max(0, width - rightWidth), omit), Math.max(0, width - rightWidth)), style: 'dim'}];
	if (right !== '') segments.push({text: ' ' + right, style: 'accent'});
	return <StyledLine segments={segments} color={color} />;
}
