import {useEffect} from 'react';
import {isFailure} from '../../failure.js';
import type {Services} from '../services.js';
import type {Strings} from '../strings.js';
import {layoutFor} from '../state/layout.js';
import type {Action, ReaderState} from '../state/reader-state.js';
import {renderKey} from '../state/selectors.js';

/** A picture takes at most a third of the screen's rows (and never fewer than this). */
const MIN_PICTURE_ROWS = 4;

/** The rendering whose pictures should be drawn now, or null: the open article, rendered, with pictures wanted. */
function pictureTarget(state: ReaderState, mode: 'auto' | 'ask' | 'off'): string | null {
	if (mode === 'off' || state.screen !== 'article' || !state.article) return null;
	const key = renderKey(state.article.entry.id, state.article.variant, layoutFor(state.size).columns);
	if (state.rendered?.key !== key || (state.rendered.article.images?.length ?? 0) === 0) return null;
	if (mode === 'ask' && !(state.pictures?.isRequested && sameArticle(state.pictures.key, key))) return null;
	return key;
}

/** The same entry and variant at any width: pictures asked for stay asked for when the terminal is resized. */
function sameArticle(a: string, b: string): boolean {
	return a.slice(0, a.lastIndexOf(':')) === b.slice(0, b.lastIndexOf(':'));
}

/**
 * images: draws the open article's pictures once they are wanted (`images: auto`, or `I`
 * with `ask`): the text is on screen first; each picture's space is reserved at once (its
 * declared size, else one line), and each fills in as it is drawn. Leaving the article,
 * another width or another variant cancels what is still loading.
 */
export function useArticleImages(services: Services, state: ReaderState, dispatch: (action: Action) => void, strings: Strings): void {
	const mode = services.imageMode?.(state.article?.entry.feedId) ?? 'off';
	const key = pictureTarget(state, mode);
	const images = key === null ? null : state.rendered!.article.images!;
	const columns = layoutFor(state.size).columns;
	const maxRows = Math.max(MIN_PICTURE_ROWS, Math.floor(state.size.rows / 3));
	// Drawn already for this rendering (back from the link list, or the list and back): nothing to start.
	const isDrawn = key !== null && state.pictures?.key === key && state.pictures.blocks.size > 0 && [...state.pictures.blocks.values()].every(block => block[0] !== strings.imageLoading);

	useEffect(() => {
		if (key === null || images === null || isDrawn || !services.drawImages) return;
		const controller = new AbortController();
		const reservedRows = services.drawImages(
			images,
			columns,
			maxRows,
			(index, result) => {
				const rows = reservedRows[index] ?? 1;
				const lines = isFailure(result) ? [strings.imageNotShown(strings.imageProblems[result.reason as keyof Strings['imageProblems']] ?? strings.imageProblems.unreachable)] : [...result];
				// Never fewer lines than were reserved: the text below does not move up under the reader.
				while (lines.length < rows) lines.push('');
				dispatch({type: 'pictureDrawn', key, index, lines});
			},
			controller.signal,
		);
		const blocks = new Map<number, readonly string[]>();
		reservedRows.forEach((rows, index) => blocks.set(index, [strings.imageLoading, ...Array.from({length: Math.max(0, rows - 1)}, () => '')]));
		dispatch({type: 'picturesReserved', key, blocks});
		return () => controller.abort();
		// The key names the rendering; the images come with it.
	}, [key, services, dispatch, strings, columns, maxRows]);
}
