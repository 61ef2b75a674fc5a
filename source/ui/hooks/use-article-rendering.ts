import {useEffect, useRef} from 'react';
import type {Entry} from '../../store/types.js';
import type {Services} from '../services.js';
import {layoutFor} from '../state/layout.js';
import type {Action, ReaderState} from '../state/reader-state.js';
import {renderKey} from '../state/selectors.js';

interface RenderTarget {
	readonly entry: Entry;
	readonly variant: 'feed' | 'full';
	readonly width: number;
}

/** The article (or, on a wide terminal, the preview) that should be rendered now. */
export function renderTarget(state: ReaderState): RenderTarget | null {
	const layout = layoutFor(state.size);
	if (state.screen === 'article' && state.article) {
		return {entry: state.article.entry, variant: state.article.variant, width: layout.columns};
	}
	if (layout.isWide && state.screen === 'entries' && state.preview) {
		return {entry: state.preview, variant: state.preview.fullContent ? 'full' : 'feed', width: layout.previewWidth};
	}
	return null;
}

/**
 * Asks services.renderArticle for the shown article whenever entry, variant or width
 * change; the pager shows plain lines until the result arrives. A result for an article
 * that is no longer shown is still kept only if nothing newer replaced it.
 */
export function useArticleRendering(services: Services, state: ReaderState, dispatch: (action: Action) => void): void {
	const target = renderTarget(state);
	const key = target ? renderKey(target.entry.id, target.variant, target.width) : null;
	const targetRef = useRef(target);
	targetRef.current = target;
	const isDone = state.rendered?.key === key;

	useEffect(() => {
		const current = targetRef.current;
		if (key === null || current === null || isDone) return;
		let isCancelled = false;
		services.renderArticle(current.entry, current.width, current.variant).then(
			article => {
				if (!isCancelled) dispatch({type: 'articleRendered', key, article});
			},
			(error: unknown) => {
				if (!isCancelled) dispatch({type: 'messageShown', message: {text: error instanceof Error ? error.message : String(error), tone: 'error'}});
			},
		);
		return () => {
			isCancelled = true;
		};
		// The key names everything the rendering depends on (entry, variant, width).
	}, [key, services, dispatch]);
}
