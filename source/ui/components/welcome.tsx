import {Box} from 'ink';
import {fitToWidth} from '../../text/width.js';
import type {Strings} from '../strings.js';
import {StyledLine} from './styled-line.js';

export interface WelcomeProps {
	readonly width: number;
	readonly height: number;
	readonly strings: Strings;
	readonly color: boolean;
}

/** The first screen without subscriptions: how to add a feed and how to try the demo. */
export function Welcome({width, height, strings, color}: WelcomeProps) {
	const lines = [strings.welcomeTitle, '', ...strings.welcomeLines].slice(0, height);
	return (
		<Box flexDirection="column" width={width} height={height}>
			{lines.map((line, index) => (
				<StyledLine key={index} segments={[{text: fitToWidth('  ' + line, width), style: index === 0 ? 'title' : 'plain'}]} color={color} />
			))}
		</Box>
	);
}
