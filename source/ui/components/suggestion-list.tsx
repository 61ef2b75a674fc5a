import {Box} from 'ink';
import {memo} from 'react';
import {sanitizeLine} from '../../text/sanitize.js';
import {displayWidth, fitToWidth} from '../../text/width.js';
import type {SuggestionView} from '../services.js';
import {formatDate, formatNumber, type Strings} from '../strings.js';
import {StyledLine, type Segment} from './styled-line.js';

const DATE_WIDTH = 11;
const FREQUENCY_WIDTH = 10;

/** Why a site is suggested, in plain words of the UI's language. */
export function suggestionWhy(suggestion: SuggestionView, strings: Strings): string {
	// Names come from other people's feeds: one line each, whatever they hold.
	const blogrolls = suggestion.reasons.flatMap(reason => (reason.kind === 'blogroll' ? [sanitizeLine(reason.feed)] : []));
	const links = suggestion.reasons.flatMap(reason => (reason.kind === 'link' ? [reason] : []));
	const count = links.reduce((sum, link) => sum + link.count, 0);
	return strings.suggestionWhy(blogrolls, {count: formatNumber(count, strings), feeds: links.map(link => sanitizeLine(link.feed))});
}

/** Posts a month, one decimal at most: `4,2/Monat`, `12/month`. */
export function suggestionFrequency(suggestion: SuggestionView, strings: Strings): string {
	return strings.postsPerMonth(formatNumber(Math.round(suggestion.postsPerMonth * 10) / 10, strings));
}

/** The two rows of a suggestion, each exactly `width` columns: `› title  site  date  4,2/Monat`, then why. */
export function suggestionRowSegments(
	suggestion: SuggestionView,
	width: number,
	isSelected: boolean,
	strings: Strings,
	now: Date,
	/** The widest site name of the list: the column is no wider (short names leave the title room). */
	widestSite = Number.POSITIVE_INFINITY,
): [Segment[], Segment[]] {
	const siteWidth = Math.max(0, Math.min(24, Math.floor(width * 0.24), widestSite));
	const dateWidth = width >= 50 ? DATE_WIDTH : 0;
	const frequencyWidth = width >= 40 ? FREQUENCY_WIDTH : 0;
	const columns = [siteWidth, dateWidth, frequencyWidth].filter(column => column > 0);
	const titleWidth = Math.max(1, width - 2 - columns.reduce((sum, column) => sum + column + 1, 0));
	const date = suggestion.lastPostAt === null ? strings.noPostDate : formatDate(suggestion.lastPostAt, now, strings);
	const first: Segment[] = [
		{text: isSelected ? '›' : ' ', style: 'accent'},
		{text: ' '},
		{text: fitToWidth(sanitizeLine(suggestion.title), titleWidth), style: suggestion.dormant ? 'plain' : 'bold'},
	];
	if (siteWidth > 0) first.push({text: ' ' + fitToWidth(sanitizeLine(suggestion.site), siteWidth), style: 'dim'});
	if (dateWidth > 0) first.push({text: ' ' + fitToWidth(date, dateWidth), style: 'dim'});
	// A dormant blog says so where its frequency would be.
	if (frequencyWidth > 0) {
		first.push(
			suggestion.dormant
				? {text: ' ' + fitToWidth(strings.dormant, frequencyWidth), style: 'error'}
				: {text: ' ' + fitToWidth(suggestionFrequency(suggestion, strings), frequencyWidth), style: 'dim'},
		);
	}
	const second: Segment[] = [{text: '    ' + fitToWidth(suggestionWhy(suggestion, strings), Math.max(0, width - 4)), style: 'dim'}];
	return [first, second];
}

export interface SuggestionListProps {
	/** The visible suggestions only (the window). */
	readonly suggestions: readonly SuggestionView[];
	/** Index of the selected suggestion within `suggestions`, -1 when it is not visible. */
	readonly selected: number;
	readonly width: number;
	readonly height: number;
	readonly strings: Strings;
	readonly now: Date;
	readonly color: boolean;
}

interface SuggestionRowProps {
	readonly suggestion: SuggestionView;
	readonly width: number;
	readonly isSelected: boolean;
	readonly widestSite: number;
	readonly strings: Strings;
	readonly now: Date;
	readonly color: boolean;
}

/** One suggestion (two rows), memoised: a move re-renders only the rows whose selection changed. */
const SuggestionRow = memo(function SuggestionRow({suggestion, width, isSelected, widestSite, strings, now, color}: SuggestionRowProps) {
	const [first, second] = suggestionRowSegments(suggestion, width, isSelected, strings, now, widestSite);
	return (
		<>
			<StyledLine segments={first} isSelected={isSelected} color={color} />
			<StyledLine segments={second} color={color} />
		</>
	);
});

/** The Discover list: the suggestions best first, two rows each (what it is, and why). */
export function SuggestionList({suggestions, selected, width, height, strings, now, color}: SuggestionListProps) {
	const widestSite = Math.max(0, ...suggestions.map(suggestion => displayWidth(suggestion.site)));
	return (
		<Box flexDirection="column" width={width} height={height}>
			{suggestions.map((suggestion, index) => (
				<SuggestionRow key={suggestion.site} suggestion={suggestion} width={width} isSelected={index === selected} widestSite={widestSite} strings={strings} now={now} color={color} />
			))}
		</Box>
	);
}
