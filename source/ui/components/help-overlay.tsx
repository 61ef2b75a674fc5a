import {Box} from 'ink';
import {displayWidth, fitToWidth} from '../../text/width.js';
import {bindingsFor, labelKeys, type InputContext} from '../keymap.js';
import {formatNumber, type Strings} from '../strings.js';
import {StyledLine} from './styled-line.js';

/** The help text for a context, generated from the keymap: `keys  what they do`. */
export function helpLines(context: InputContext, strings: Strings): {keys: string; help: string}[] {
	return bindingsFor(context).map(binding => ({keys: labelKeys(binding, strings.language), help: strings.commands[binding.command]}));
}

export interface HelpOverlayProps {
	/** The screen the help explains. */
	readonly context: InputContext;
	readonly offset: number;
	readonly width: number;
	readonly height: number;
	readonly strings: Strings;
	readonly color: boolean;
}

/** `?`: every key of the current screen, straight from the keymap table. */
export function HelpOverlay({context, offset, width, height, strings, color}: HelpOverlayProps) {
	const lines = helpLines(context, strings);
	const keysWidth = Math.min(24, Math.max(...lines.map(line => displayWidth(line.keys)), 4) + 2);
	// Title and footer take a row each (the reducer scrolls by the same count).
	const rows = Math.max(0, height - 2);
	const visible = lines.slice(offset, offset + rows);
	// When the keys do not all fit, the footer says where the view is and that there is more.
	const number = (value: number) => formatNumber(value, strings);
	const position =
		lines.length > rows && visible.length > 0
			? [strings.helpPosition(number(offset + 1), number(offset + visible.length), number(lines.length)), offset + visible.length < lines.length ? strings.helpMore : '']
			: [];
	const footer = [...position, strings.helpFooter].filter(part => part !== '').join(' · ');
	return (
		<Box flexDirection="column" width={width} height={height}>
			<StyledLine segments={[{text: fitToWidth(strings.helpTitle, width), style: 'title'}]} color={color} />
			{visible.map(line => (
				<StyledLine
					key={line.keys + line.help}
					segments={[
						{text: ' ' + fitToWidth(line.keys, keysWidth), style: 'accent'},
						{text: fitToWidth(line.help, Math.max(0, width - keysWidth - 1))},
					]}
					color={color}
				/>
			))}
			<StyledLine segments={[{text: fitToWidth(footer, width), style: 'dim'}]} color={color} />
		</Box>
	);
}
