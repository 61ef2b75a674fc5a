import {Box} from 'ink';
import {sanitizeLine} from '../../text/sanitize.js';
import {displayWidth, fitToWidth} from '../../text/width.js';
import type {SuggestionView} from '../services.js';
import {formatDateTime, formatNumber, type Strings} from '../strings.js';
import {suggestionFrequency} from './suggestion-list.js';
import {StyledLine} from './styled-line.js';

export interface SuggestionDetailsProps {
	/** The selected suggestion; null shows nothing. */
	readonly suggestion: SuggestionView | null;
	readonly width: number;
	readonly height: number;
	readonly strings: Strings;
	readonly color: boolean;
}

/** The wide layout's right pane on Discover: everything about the selected suggestion, each reason on its own line. */
export function SuggestionDetails({suggestion, width, height, strings, color}: SuggestionDetailsProps) {
	if (!suggestion) return <Box width={width} height={height} />;
	const facts: [string, string][] = [
		[strings.detailSite, sanitizeLine(suggestion.siteUrl)],
		[strings.detailFeed, sanitizeLine(suggestion.feedUrl)],
		[strings.detailLastPost, suggestion.lastPostAt === null ? strings.noPostDate : formatDateTime(suggestion.lastPostAt, strings)],
		[strings.detailFrequency, suggestion.dormant ? `${suggestionFrequency(suggestion, strings)} · ${strings.dormant}` : suggestionFrequency(suggestion, strings)],
	];
	if (suggestion.language) facts.push([strings.detailLanguage, sanitizeLine(suggestion.language)]);
	const labelWidth = Math.max(...[...facts.map(([label]) => label), strings.detailWhy].map(label => displayWidth(label))) + 2;
	const valueWidth = Math.max(0, width - labelWidth);
	const reasons = suggestion.reasons.map(reason =>
		reason.kind === 'blogroll'
			? strings.reasonBlogroll(sanitizeLine(reason.feed))
			: strings.reasonLink(sanitizeLine(reason.feed), reason.count, formatNumber(reason.count, strings)),
	);
	const lines = [
		<StyledLine key="title" segments={[{text: fitToWidth(sanitizeLine(suggestion.title), width), style: 'title'}]} color={color} />,
		<StyledLine key="gap" segments={[{text: ''}]} color={color} />,
		...facts.map(([label, value]) => (
			<StyledLine
				key={label}
				segments={[
					{text: fitToWidth(label, labelWidth), style: 'dim'},
					{text: fitToWidth(value, valueWidth), style: label === strings.detailFrequency && suggestion.dormant ? 'error' : 'plain'},
				]}
				color={color}
			/>
		)),
		...reasons.map((reason, index) => (
			<StyledLine
				key={`reason${index}`}
				segments={[
					{text: fitToWidth(index === 0 ? strings.detailWhy : '', labelWidth), style: 'dim'},
					{text: fitToWidth(reason, valueWidth)},
				]}
				color={color}
			/>
		)),
	];
	return (
		<Box flexDirection="column" width={width} height={height}>
			{lines.slice(0, height)}
		</Box>
	);
}
