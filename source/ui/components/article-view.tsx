import {Box, Text} from 'ink';
import type {Entry} from '../../store/types.js';
import {sanitizeLine} from '../../text/sanitize.js';
import {displayWidth, fitToWidth, truncateToWidth} from '../../text/width.js';
import {articleTitleLines, fitMeta} from '../state/article-header.js';
import {formatDateTime, type Strings} from '../strings.js';
import type {FullArticleStatus} from '../state/reader-state.js';
import {StyledLine} from './styled-line.js';

export type ArticleNotice = {readonly text: string; readonly tone: 'info' | 'error'};

/** The line under the header while `f` fetches the full article, or says why it failed; null otherwise. */
export function fullArticleNotice(full: FullArticleStatus, strings: Strings): ArticleNotice | null {
	if (full.kind === 'loading') return {text: strings.fetchingFull, tone: 'info'};
	if (full.kind === 'failed') return {text: strings.fullFailed(sanitizeLine(full.message)), tone: 'error'};
	return null;
}

export interface ArticleViewProps {
	readonly entry: Entry;
	/** The visible body lines only (the pager's window). */
	readonly lines: readonly string[];
	readonly variant: 'feed' | 'full';
	/** One line under the header instead of the rule: loading or failure of the full article. */
	readonly notice: ArticleNotice | null;
	readonly width: number;
	/** Rows of the whole view: the header (title lines, meta, link, rule), then the body. */
	readonly height: number;
	readonly strings: Strings;
	readonly color: boolean;
}

/** Meta line of the header: feed · author · date (· ★), in `width` columns; the feed title gives way first, the date never. */
export function articleMeta(entry: Entry, strings: Strings, width = Number.POSITIVE_INFINITY): string {
	return fitMeta(
		{
			feed: sanitizeLine(entry.feedTitle),
			author: entry.author ? strings.by(sanitizeLine(entry.author)) : null,
			date: formatDateTime(entry.date, strings),
			star: entry.isStarred,
		},
		width,
	);
}

/** The rule under the header names what is shown: `── full article ─────`. */
export function variantRule(variant: 'feed' | 'full', width: number, strings: Strings): string {
	const label = `── ${variant === 'full' ? strings.fullArticle : strings.feedVersion} `;
	return displayWidth(label) > width ? '─'.repeat(Math.max(0, width)) : label + '─'.repeat(width - displayWidth(label));
}

/** An article: header (title, feed, author, date, link) and a window of its body lines. */
export function ArticleView({entry, lines, variant, notice, width, height, strings, color}: ArticleViewProps) {
	// The title wraps over the lines it needs; the body gets the rest (see articleBodyHeight).
	const titleLines = articleTitleLines(entry.title, width, height);
	const bodyHeight = Math.max(1, height - titleLines.length - 3);
	return (
		<Box flexDirection="column" width={width}>
			{titleLines.map((line, index) => (
				// Lines of the title are positional.
				<StyledLine key={`title${index}`} segments={[{text: fitToWidth(line, width), style: 'title'}]} color={color} />
			))}
			<StyledLine segments={[{text: fitToWidth(articleMeta(entry, strings, width), width), style: 'dim'}]} color={color} />
			<StyledLine segments={[{text: fitToWidth(entry.link ? sanitizeLine(entry.link) : '', width), style: 'accent'}]} color={color} />
			{notice ? (
				<StyledLine segments={[{text: fitToWidth(notice.text, width), style: notice.tone === 'error' ? 'error' : 'dim'}]} color={color} />
			) : (
				<StyledLine segments={[{text: variantRule(variant, width, strings), style: 'dim'}]} color={color} />
			)}
			<Box flexDirection="column" height={bodyHeight}>
				{lines.slice(0, bodyHeight).map((line, index) => (
					// Lines of the window are positional: the same line number is the same row.
					<Text key={index} wrap="truncate-end">
						{/* An empty Text has no height in Ink: a blank line must hold a space. */}
						{line === '' ? ' ' : color ? line : truncateToWidth(line, width)}
					</Text>
				))}
			</Box>
		</Box>
	);
}
