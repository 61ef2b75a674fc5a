import {Box} from 'ink';
import type {ArticleQuestion} from '../../render/types.js';
import {sanitizeLine} from '../../text/sanitize.js';
import {fitToWidth} from '../../text/width.js';
import {formatNumber, type Strings} from '../strings.js';
import {StyledLine} from './styled-line.js';

export interface QuestionListProps {
	readonly questions: readonly ArticleQuestion[];
	readonly selected: number;
	readonly offset: number;
	readonly width: number;
	readonly height: number;
	readonly strings: Strings;
	readonly color: boolean;
}

/** The FAQ table of contents; Enter jumps to the answer. */
export function QuestionList({questions, selected, offset, width, height, strings, color}: QuestionListProps) {
	const visible = questions.slice(offset, offset + Math.max(0, height - 1));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<StyledLine
				segments={[{text: fitToWidth(questions.length > 0 ? strings.questionsTitle(formatNumber(questions.length, strings)) : strings.noQuestions, width), style: 'title'}]}
				color={color}
			/>
			{visible.map((question, index) => {
				const isSelected = offset + index === selected;
				return (
					<StyledLine
						key={`${question.line}:${question.text}`}
						isSelected={isSelected}
						segments={[
							{text: isSelected ? '›' : ' ', style: 'accent'},
							// No numbering of our own: FAQ questions are often numbered already.
							{text: ' '},
							{text: fitToWidth(sanitizeLine(question.text), Math.max(0, width - 2))},
						]}
						color={color}
					/>
				);
			})}
		</Box>
	);
}
