import {Box, Text} from 'ink';
import {fitToWidth} from '../../text/width.js';
import type {DiscoverState} from '../state/discover-state.js';
import {discoverPaneWidth, visibleSuggestionCount} from '../state/discover-state.js';
import type {Layout} from '../state/layout.js';
import type {Strings} from '../strings.js';
import {ArticleView, fullArticleNotice} from './article-view.js';
import {EntryList} from './entry-list.js';
import {StyledLine} from './styled-line.js';
import {SuggestionDetails} from './suggestion-details.js';
import {SuggestionList} from './suggestion-list.js';

export interface DiscoverScreenProps {
	readonly discover: DiscoverState;
	readonly layout: Layout;
	/**
	 * The rendered lines of the post shown: the open article's window (full width), or in
	 * the wide layout the selected post's first lines beside the posts.
	 */
	readonly postLines: readonly string[];
	readonly strings: Strings;
	readonly now: Date;
	readonly color: boolean;
}

function Message({lines, width, height, color}: {readonly lines: readonly string[]; readonly width: number; readonly height: number; readonly color: boolean}) {
	return (
		<Box flexDirection="column" width={width} height={height}>
			{lines.slice(0, height).map((line, index) => (
				<StyledLine key={index} segments={[{text: fitToWidth(line === '' ? '' : '  ' + line, width), style: index === 0 ? 'title' : 'plain'}]} color={color} />
			))}
		</Box>
	);
}

function Separator({height}: {readonly height: number}) {
	return (
		<Box width={1} height={height}>
			<Text dimColor>{Array.from({length: height}, () => '│').join('\n')}</Text>
		</Box>
	);
}

/**
 * Discover's body: the suggestions (with the selected one's details beside them on a wide
 * terminal), a suggestion's latest posts (with the selected post beside them), or one post.
 */
export function DiscoverScreen({discover, layout, postLines, strings, now, color}: DiscoverScreenProps) {
	const {columns, bodyHeight, isWide} = layout;
	// Wide: the list where feeds and entries sit, the pane where the preview sits.
	const paneWidth = discoverPaneWidth(layout);
	const listWidth = isWide ? columns - paneWidth - 1 : columns;
	const preview = discover.preview;
	let main;
	let pane = null;
	if (preview?.article) {
		const {entry, variant, full} = preview.article;
		const notice = fullArticleNotice(full, strings) ?? {text: strings.previewNotice, tone: 'info' as const};
		return (
			<ArticleView
				entry={entry}
				lines={postLines}
				variant={variant}
				notice={notice}
				width={columns}
				height={bodyHeight}
				strings={strings}
				color={color}
			/>
		);
	}
	if (preview) {
		if (preview.status === 'loading') main = <Message lines={[strings.previewLoading(preview.suggestion.title)]} width={listWidth} height={bodyHeight} color={color} />;
		else if (preview.status === 'failed') main = <Message lines={[strings.previewFailed(preview.error ?? '')]} width={listWidth} height={bodyHeight} color={color} />;
		else if (preview.posts.length === 0) main = <Message lines={[strings.previewEmpty]} width={listWidth} height={bodyHeight} color={color} />;
		else {
			main = (
				<EntryList
					rows={preview.posts.slice(preview.offset, preview.offset + bodyHeight)}
					selected={preview.selected - preview.offset}
					width={listWidth}
					height={bodyHeight}
					isFocused
					showFeed={false}
					strings={strings}
					now={now}
					color={color}
				/>
			);
			const post = preview.posts[preview.selected];
			if (isWide && post) {
				pane = (
					<ArticleView
						entry={post}
						lines={postLines}
						variant="feed"
						notice={{text: strings.previewNotice, tone: 'info'}}
						width={paneWidth}
						height={bodyHeight}
						strings={strings}
						color={color}
					/>
				);
			}
		}
	} else if (!discover.isLoaded) {
		main = <Message lines={[strings.discoverLoading]} width={listWidth} height={bodyHeight} color={color} />;
	} else if (discover.suggestions.length === 0) {
		// Still looking: the empty state would say there is nothing before the probe is done.
		const lines = discover.probe.kind === 'running' ? [strings.discoverLoading] : [strings.discoverEmptyTitle, '', ...strings.discoverEmptyLines];
		main = <Message lines={lines} width={listWidth} height={bodyHeight} color={color} />;
	} else {
		const count = visibleSuggestionCount(layout);
		main = (
			<SuggestionList
				suggestions={discover.suggestions.slice(discover.offset, discover.offset + count)}
				selected={discover.selected - discover.offset}
				width={listWidth}
				height={bodyHeight}
				strings={strings}
				now={now}
				color={color}
			/>
		);
		if (isWide) pane = <SuggestionDetails suggestion={discover.suggestions[discover.selected] ?? null} width={paneWidth} height={bodyHeight} strings={strings} color={color} />;
	}
	if (!isWide) return main;
	return (
		<Box flexDirection="row" height={bodyHeight}>
			{main}
			<Separator height={bodyHeight} />
			<Box width={paneWidth} height={bodyHeight} overflowY="hidden">
				{pane}
			</Box>
		</Box>
	);
}
