import type {Failure} from '../failure.js';
import type {ArticleImage} from '../render/types.js';
import {drawImage} from './draw-image.js';
import type {GraphicsLayer} from './graphics-layer.js';
import type {ImageLoader} from './load-image.js';
import {imageCells} from './place-images.js';
import type {BlockColors, ImageProtocol} from './types.js';

/** Pictures after this many in one article stay `[image: alt]` text: bounded work per article. */
export const MAX_IMAGES_PER_ARTICLE = 40;

export interface ArticleImageOptions {
	readonly protocol: Exclude<ImageProtocol, 'off'>;
	readonly colors: BlockColors;
	/** The text's width: pictures are never wider. */
	readonly columns: number;
	/** The most rows one picture may take (a third of the screen in the reader). */
	readonly maxRows: number;
	/** The reader's kitty, iTerm2 or sixel pictures (see DrawOptions.layer). */
	readonly layer?: GraphicsLayer | null;
}

/**
 * Every picture of an article drawn (lines) or failed (why), by its index in `images`.
 * Started together: the HTTP client's per-host limit and the loader's decode slots bound
 * what runs at once. `onImage` hears each as it finishes, for a view that fills in.
 */
export async function drawArticleImages(
	images: readonly ArticleImage[],
	loader: ImageLoader,
	options: ArticleImageOptions,
	onImage?: (index: number, result: string[] | Failure) => void,
	// The reader left the article: pictures not yet started are not loaded at all.
	signal?: AbortSignal,
): Promise<Map<number, string[] | Failure>> {
	const results = new Map<number, string[] | Failure>();
	await Promise.all(
		images.slice(0, MAX_IMAGES_PER_ARTICLE).map(async (image, index) => {
			const box = imageCells(image, options.columns, options.maxRows);
			const result = await drawImage({load: (url, pixels) => loader.load(url, pixels, signal)}, image.url, {
				protocol: options.protocol,
				colors: options.colors,
				box,
				id: index + 1,
				layer: options.layer ?? null,
			});
			results.set(index, result);
			onImage?.(index, result);
		}),
	);
	return results;
}
