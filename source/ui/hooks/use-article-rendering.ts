import {useEffect, useRef} from 'react';
import type {Entry} from '../../store/types.js';
import type {Services} from '../services.js';
import {readerLayout} from '../state/layout.js';
import {discoverPaneWidth, previewPost} from '../state/discover-state.js';
import type {Action, ReaderState} from '../state/reader-state.js';
import {renderKey} from '../state/selectors.js';
import {SELECTION_REST_MS} from '../commands/lists.js';

interface RenderTarget {
	readonly entry: Entry;
	readonly variant: 'feed' | 'full';
	readonly width: number;
	/** The wide layout's preview pane, which follows every move of the selection. */
	readonly isPreview: boolean;
}

/** The article (or, on a wide terminal, the preview) that should be rendered now. */
export function renderTarget(state: ReaderState): RenderTarget | null {
	const layout = readerLayout(state);
	if (state.screen === 'article' && state.article) {
		return {entry: state.article.entry, variant: state.article.variant, width: layout.columns, isPreview: false};
	}
	// Discover's preview: a post of a feed not subscribed, rendered as any other.
	const post = previewPost(state);
	if (post) return {entry: post.entry, variant: post.variant, width: post.isPane ? discoverPaneWidth(layout) : layout.columns, isPreview: post.isPane};
	if (layout.previewWidth > 0 && state.screen === 'entries' && state.preview) {
		return {entry: state.preview, variant: state.preview.fullContent ? 'full' : 'feed', width: layout.previewWidth, isPreview: true};
	}
	return null;
}

/**
 * Asks services.renderArticle for the shown article whenever entry, variant or width
 * change; the pager shows plain lines until the result arrives. A result for an article
 * that is no longer shown is still kept only if nothing newer replaced it. The preview
 * pane's entry is rendered once the selection has rested for `previewDelayMs`.
 */
export function useArticleRendering(services: Services, state: ReaderState, dispatch: (action: Action) => void, previewDelayMs = SELECTION_REST_MS): void {
	const target = renderTarget(state);
	const key = target ? renderKey(target.entry.id, target.variant, target.width) : null;
	const targetRef = useRef(target);
	targetRef.current = target;
	const isDone = state.rendered?.key === key;

	useEffect(() => {
		const current = targetRef.current;
		if (key === null || current === null || isDone) return;
		let isCancelled = false;
		const render = () =>
			services.renderArticle(current.entry, current.width, current.variant).then(
				article => {
					if (!isCancelled) dispatch({type: 'articleRendered', key, article});
				},
				(error: unknown) => {
					if (!isCancelled) dispatch({type: 'messageShown', message: {text: error instanceof Error ? error.message : String(error), tone: 'error'}});
				},
			);
		const timer = current.isPreview ? setTimeout(render, previewDelayMs) : undefined;
		if (!current.isPreview) void render();
		return () => {
			isCancelled = true;
			clearTimeout(timer);
		};
		// The key names everything the rendering depends on (entry, variant, width).
	}, [key, services, dispatch, previewDelayMs]);
}
