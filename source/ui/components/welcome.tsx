import {Box} from 'ink';
import {displayWidth, fitToWidth} from '../../text/width.js';
import type {Strings} from '../strings.js';
import {StyledLine} from './styled-line.js';

export interface WelcomeProps {
	readonly width: number;
	readonly height: number;
	readonly strings: Strings;
	readonly color: boolean;
}

/**
 * One line of the welcome text in lines of at most `width` columns, broken between words:
 * a narrow terminal must not cut off how to add a feed. Continuation lines keep the line's
 * indent, and a bullet's text lines up under its first word. A word longer than the line
 * is left to fitToWidth.
 */
export function wrapWelcomeLine(line: string, width: number): string[] {
	const indent = /^(\s*(?:• )?)/u.exec(line)?.[1] ?? '';
	const hanging = ' '.repeat(displayWidth(indent));
	const words = line.slice(indent.length).split(' ');
	const lines: string[] = [];
	let current = indent;
	let hasWord = false;
	for (const word of words) {
		const candidate = hasWord ? `${current} ${word}` : current + word;
		if (hasWord && word !== '' && displayWidth(candidate) > width) {
			lines.push(current);
			current = hanging + word;
		} else {
			current = candidate;
		}
		hasWord = true;
	}
	lines.push(current);
	return lines;
}

/** The first screen without subscriptions: how to add a feed and how to try the demo. */
export function Welcome({width, height, strings, color}: WelcomeProps) {
	const lines = [strings.welcomeTitle, '', ...strings.welcomeLines].flatMap(line => wrapWelcomeLine('  ' + line, width)).slice(0, height);
	return (
		<Box flexDirection="column" width={width} height={height}>
			{lines.map((line, index) => (
				<StyledLine key={index} segments={[{text: fitToWidth(line, width), style: index === 0 ? 'title' : 'plain'}]} color={color} />
			))}
		</Box>
	);
}
