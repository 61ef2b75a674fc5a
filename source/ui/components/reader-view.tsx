import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {sanitizeLine} from '../../text/sanitize.js';
import type {Command, InputContext} from '../keymap.js';
import {articleBodyHeight} from '../state/article-header.js';
import {readerLayout} from '../state/layout.js';
import type {ListSource, Message, ReaderState} from '../state/reader-state.js';
import {articleLines, articleLinks, articleQuestions, inputContext, screenContext, selectedFeedRow, visibleEntries, visibleFeedRows} from '../state/selectors.js';
import {pagerPercent} from '../state/window.js';
import {formatAge, formatNumber, lastErrorMessage, type Strings} from '../strings.js';
import {discoverPaneWidth, previewPost, selectedSuggestion} from '../state/discover-state.js';
import {AddFeedDialog} from './add-feed-dialog.js';
import {DiscoverScreen} from './discover-screen.js';
import {ArticleView, fullArticleNotice} from './article-view.js';
import {ConfirmDialog} from './confirm-dialog.js';
import {EntryList} from './entry-list.js';
import {FeedDetails} from './feed-details.js';
import {FeedInfoView} from './feed-info-view.js';
import {FeedList} from './feed-list.js';
import {HeaderLine} from './header-line.js';
import {FeedSettingsOverlay} from './feed-settings-overlay.js';
import {HelpOverlay} from './help-overlay.js';
import {InfoLine} from './info-line.js';
import {LinkList} from './link-list.js';
import {QuestionList} from './question-list.js';
import {StatusLine} from './status-line.js';
import {StyledLine} from './styled-line.js';
import {TextPrompt} from './text-prompt.js';
import {Welcome} from './welcome.js';
import {fitToWidth, truncateToWidth} from '../../text/width.js';

export interface ReaderViewProps {
	readonly state: ReaderState;
	readonly strings: Strings;
	readonly color: boolean;
	readonly now: Date;
	readonly onSubmitAdd: (url: string) => void;
	readonly onCancelAdd: () => void;
	readonly onSubmitPrompt: (value: string) => void;
	readonly onCancelPrompt: () => void;
	readonly onInterrupt: () => void;
}

/** The name of a list in the header. */
export function sourceLabel(source: ListSource, strings: Strings): string {
	if (source.kind === 'view') return source.view === 'all' ? strings.viewAll : source.view === 'unread' ? strings.viewUnread : strings.viewStarred;
	if (source.kind === 'tag') return `# ${sanitizeLine(source.tag ?? strings.untagged)}`;
	if (source.kind === 'saved') return `◇ ${sanitizeLine(source.name)}`;
	if (source.kind === 'search') return strings.searchLabel(sanitizeLine(source.query));
	return sanitizeLine(source.title);
}

/** What the info line says now: typed link number, then messages and refresh, then the selection's details. */
export function infoLine(state: ReaderState, strings: Strings, now: Date = new Date()): Message {
	if (state.digits !== '') return {text: strings.linkPrompt(state.digits), tone: 'info'};
	const parts: string[] = [];
	if (state.refresh.kind === 'running') parts.push(strings.refreshing(formatNumber(state.refresh.done, strings), formatNumber(state.refresh.total, strings)));
	const discover = state.screen === 'discover' ? state.discover : null;
	if (discover?.probe.kind === 'running') {
		const {done, total} = discover.probe;
		parts.push(total === 0 ? strings.discoverLooking : strings.discoverProbing(formatNumber(done, strings), formatNumber(total, strings)));
	}
	if (state.message) parts.push(state.message.text);
	if (parts.length > 0) return {text: parts.join(' · '), tone: state.message?.tone ?? 'info'};
	if (state.screen === 'feeds' && state.overlay.kind === 'none') {
		const row = selectedFeedRow(state);
		if (row?.kind === 'feed' && row.feed.lastError) {
			// When it failed matters as much as why: a failure of last week is a different story.
			const message = lastErrorMessage(row.feed, strings)!;
			return {text: row.feed.lastFetchedAt ? strings.lastFailed(formatAge(row.feed.lastFetchedAt, now, strings), message) : strings.feedError(message), tone: 'error'};
		}
		if (row?.kind === 'saved') {
			if (row.view.error) return {text: strings.viewError(sanitizeLine(row.view.error)), tone: 'error'};
			return {text: strings.viewQuery(sanitizeLine(row.view.query)), tone: 'info'};
		}
	}
	if (discover && state.overlay.kind === 'none') {
		// The open post says so in its header already.
		if (discover.preview?.status === 'ready' && !discover.preview.article) return {text: strings.previewNotice, tone: 'info'};
		const suggestion = discover.preview ? null : selectedSuggestion(discover);
		// Narrow: the feed the suggestion would subscribe to (the wide layout's pane says more).
		if (suggestion) return {text: sanitizeLine(suggestion.feedUrl), tone: 'info'};
	}
	if (state.screen === 'article' && state.overlay.kind === 'none') {
		const count = articleQuestions(state).length;
		if (count > 0) return {text: strings.questionsHint(formatNumber(count, strings)), tone: 'info'};
	}
	return {text: '', tone: 'info'};
}

function Separator({height}: {readonly height: number}) {
	return (
		<Box width={1} height={height}>
			<Text dimColor>{Array.from({length: height}, () => '│').join('\n')}</Text>
		</Box>
	);
}

/** The whole screen as a function of the state: header, body (screen or overlay), info, status. */
export function ReaderView({state, strings, color, now, onSubmitAdd, onCancelAdd, onSubmitPrompt, onCancelPrompt, onInterrupt}: ReaderViewProps) {
	const layout = readerLayout(state);
	const {columns, bodyHeight} = layout;
	const context: InputContext = inputContext(state);
	const list = state.list;
	const totalUnread = state.feeds.items.reduce((sum, feed) => sum + feed.unreadCount, 0);

	let title = strings.appName;
	let right = state.feeds.items.length > 0 ? strings.unreadCount(formatNumber(totalUnread, strings)) : '';
	if (state.screen !== 'feeds' && list) {
		title = `${strings.appName} › ${sourceLabel(list.source, strings)}`;
		right = strings.entriesCount(formatNumber(list.counts.total, strings), formatNumber(list.counts.unread, strings));
	}
	if (state.screen === 'article' && state.article && list && list.selected >= 0) {
		right = `${formatNumber(list.selected + 1, strings)}/${formatNumber(list.counts.total, strings)}`;
	}

	const discover = state.screen === 'discover' ? state.discover : null;
	if (discover) {
		const preview = discover.preview;
		title = `${strings.appName} › ${strings.discoverTitle}${preview ? ` › ${sanitizeLine(preview.suggestion.title)}` : ''}`;
		right = preview
			? preview.status === 'ready'
				? strings.postsCount(formatNumber(preview.posts.length, strings))
				: ''
			: discover.isLoaded
				? strings.suggestionsCount(formatNumber(discover.suggestions.length, strings))
				: '';
	}

	// The list position on the right of the status line: where am I in 50 000 entries.
	let statusRight = state.screen === 'entries' && list && list.selected >= 0 ? `${formatNumber(list.selected + 1, strings)}/${formatNumber(list.counts.total, strings)}` : '';
	let body: ReactNode;
	const overlay = state.overlay;
	if (overlay.kind === 'add') {
		body = (
			<AddFeedDialog
				isBusy={overlay.isBusy}
				initialValue={overlay.initial}
				error={overlay.error}
				width={columns}
				height={bodyHeight}
				strings={strings}
				color={color}
				onSubmit={onSubmitAdd}
				onCancel={onCancelAdd}
				onInterrupt={onInterrupt}
			/>
		);
	} else if (overlay.kind === 'confirm-remove') {
		body = <ConfirmDialog question={strings.removeQuestion(sanitizeLine(overlay.title))} hint={strings.removeHint} width={columns} height={bodyHeight} color={color} />;
	} else if (overlay.kind === 'feed-info') {
		body = <FeedInfoView title={overlay.title} info={overlay.info} error={overlay.error} offset={overlay.offset} width={columns} height={bodyHeight} strings={strings} color={color} />;
	} else if (overlay.kind === 'feed-settings') {
		body = <FeedSettingsOverlay title={overlay.title} settings={overlay.settings} selected={overlay.selected} width={columns} height={bodyHeight} strings={strings} color={color} />;
	} else if (overlay.kind === 'help') {
		body = <HelpOverlay context={screenContext(state)} offset={overlay.offset} width={columns} height={bodyHeight} strings={strings} color={color} />;
	} else if (overlay.kind === 'links') {
		body = <LinkList links={articleLinks(state)} selected={overlay.selected} offset={overlay.offset} width={columns} height={bodyHeight} strings={strings} color={color} />;
	} else if (overlay.kind === 'toc') {
		body = <QuestionList questions={articleQuestions(state)} selected={overlay.selected} offset={overlay.offset} width={columns} height={bodyHeight} strings={strings} color={color} />;
	} else if (discover) {
		const post = previewPost(state);
		const scroll = discover.preview?.article?.scroll ?? 0;
		let postLines: readonly string[] = [];
		if (post?.isPane) postLines = articleLines(state, post.entry, 'feed', discoverPaneWidth(layout), articleBodyHeight(post.entry.title, discoverPaneWidth(layout), bodyHeight));
		else if (post) {
			const lines = articleLines(state, post.entry, post.variant, columns);
			const bodyRows = articleBodyHeight(post.entry.title, columns, bodyHeight);
			postLines = lines.slice(scroll, scroll + bodyRows);
			statusRight = `${pagerPercent(scroll, lines.length, bodyRows)}%`;
		}
		const preview = discover.preview;
		if ((!post || post.isPane) && preview && preview.selected >= 0) statusRight = `${formatNumber(preview.selected + 1, strings)}/${formatNumber(preview.posts.length, strings)}`;
		if (!preview && discover.selected >= 0) statusRight = `${formatNumber(discover.selected + 1, strings)}/${formatNumber(discover.suggestions.length, strings)}`;
		body = <DiscoverScreen discover={discover} layout={layout} postLines={postLines} strings={strings} now={now} color={color} />;
	} else if (context === 'welcome') {
		body = <Welcome width={columns} height={bodyHeight} strings={strings} color={color} />;
	} else if (state.screen === 'article' && state.article) {
		const {entry, variant, scroll, full} = state.article;
		const lines = articleLines(state, entry, variant, columns);
		const bodyRows = articleBodyHeight(entry.title, columns, bodyHeight);
		statusRight = `${pagerPercent(scroll, lines.length, bodyRows)}%`;
		const notice = fullArticleNotice(full, strings);
		body = (
			<ArticleView
				entry={entry}
				lines={lines.slice(scroll, scroll + bodyRows)}
				variant={variant}
				notice={notice}
				width={columns}
				height={bodyHeight}
				strings={strings}
				color={color}
			/>
		);
	} else {
		const feedRows = visibleFeedRows(state);
		const feedList = (
			<FeedList
				rows={feedRows}
				selected={state.feeds.selected - state.feeds.offset}
				width={layout.feedsWidth}
				height={bodyHeight}
				isFocused={state.screen === 'feeds'}
				countWidth={layout.countWidth}
				strings={strings}
				color={color}
			/>
		);
		const entryList = (
			<EntryList
				rows={visibleEntries(state)}
				selected={list ? list.selected - list.offset : -1}
				width={layout.entriesWidth}
				height={bodyHeight}
				isFocused={state.screen === 'entries'}
				showFeed={list?.source.kind !== 'feed'}
				columns={list?.source.kind !== 'feed' ? layout.entryColumns : layout.entryColumnsWithoutFeed}
				markMatches={list?.source.kind === 'search'}
				hiddenCount={(list?.counts as {hidden?: number} | undefined)?.hidden}
				strings={strings}
				now={now}
				color={color}
			/>
		);
		if (!layout.isWide) {
			body = state.screen === 'feeds' ? feedList : entryList;
		} else {
			const preview = state.preview;
			const previewPane =
				layout.previewWidth === 0 ? null : state.screen === 'entries' && preview ? (
					<ArticleView
						entry={preview}
						lines={articleLines(state, preview, preview.fullContent ? 'full' : 'feed', layout.previewWidth, articleBodyHeight(preview.title, layout.previewWidth, bodyHeight))}
						variant={preview.fullContent ? 'full' : 'feed'}
						notice={null}
						width={layout.previewWidth}
						height={bodyHeight}
						strings={strings}
						color={color}
					/>
				) : (
					<FeedDetails row={selectedFeedRow(state)} width={layout.previewWidth} height={bodyHeight} strings={strings} now={now} color={color} />
				);
			// Without room for a preview beside readable titles, feeds and entries share the width.
			body = (
				<Box flexDirection="row" height={bodyHeight}>
					{feedList}
					<Separator height={bodyHeight} />
					{entryList}
					{layout.previewWidth > 0 ? <Separator height={bodyHeight} /> : null}
					{layout.previewWidth > 0 ? (
						<Box width={layout.previewWidth} height={bodyHeight} overflowY="hidden">
							{previewPane}
						</Box>
					) : null}
				</Box>
			);
		}
	}

	const info = infoLine(state, strings, now);
	// A prompt takes the info line; the screen it acts on stays in view above it.
	const prompt = overlay.kind === 'prompt' ? overlay : null;
	const promptLabel =
		prompt === null
			? ''
			: prompt.purpose === 'search'
				? strings.searchPrompt
				: prompt.purpose === 'tags'
					? strings.tagsPrompt(truncateToWidth(sanitizeLine(prompt.title), Math.max(8, Math.floor(columns / 3))))
					: prompt.purpose === 'subscribe'
						? strings.subscribePrompt(truncateToWidth(sanitizeLine(prompt.title), Math.max(8, Math.floor(columns / 3))))
						: prompt.purpose === 'feedSetting' && prompt.setting
							? strings.settingPrompt(strings.settingLabels[prompt.setting])
							: strings.renamePrompt(sanitizeLine(prompt.title));
	const promptHint =
		prompt === null
			? ''
			: prompt.purpose === 'search'
				? strings.searchHint
				: prompt.purpose === 'tags'
					? strings.tagsHint
					: prompt.purpose === 'subscribe'
						? strings.subscribeHint
						: prompt.purpose === 'feedSetting' && prompt.setting
							? strings.settingHint(prompt.setting)
							: strings.renameHint;
	return (
		<Box key={state.redraws} flexDirection="column" width={columns}>
			<HeaderLine title={title} right={right} width={columns} color={color} />
			<Box height={bodyHeight} flexDirection="column" overflowY="hidden">
				{body}
			</Box>
			{prompt ? (
				<TextPrompt
					label={promptLabel}
					initialValue={prompt.initial}
					width={columns}
					isActive
					color={color}
					onSubmit={onSubmitPrompt}
					onCancel={onCancelPrompt}
					onInterrupt={onInterrupt}
				/>
			) : (
				<InfoLine text={info.text} tone={info.tone} width={columns} color={color} />
			)}
			{prompt ? (
				<StyledLine segments={[{text: fitToWidth(promptHint, columns), style: 'dim'}]} color={color} />
			) : (
				<StatusLine context={context} right={statusRight} width={columns} strings={strings} color={color} omit={omittedHints(state)} />
			)}
		</Box>
	);
}

/** feed info: `s` only when the diagnosis found a feed to subscribe to instead. */
function omittedHints(state: ReaderState): readonly Command[] {
	const {overlay} = state;
	if (overlay.kind !== 'feed-info') return [];
	const found = overlay.info?.problems.some(problem => problem.fix.action === 'subscribe' && problem.fix.url !== undefined) ?? false;
	return found ? [] : ['subscribeFound'];
}
