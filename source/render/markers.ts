/**
 * Private-use characters that carry structure from the DOM steps through turndown and
 * marked to the layout step (a question, an answer block, a link number, a hard line
 * break). Content can never forge them: the sanitize step deletes the whole range from
 * every text node before any marker is inserted.
 */
export const QUESTION = '\uE001';
export const ANSWER = '\uE002';
export const HARD_BREAK = '\uE003';
/** A definition term: bold, its definition indented directly beneath. */
export const TERM = '\uE004';
export const LINK_OPEN = '\uE010';
export const LINK_CLOSE = '\uE011';
/** Where a picture stands (images: see source/images/place-images.ts): its index in `images`. */
export const IMAGE_OPEN = '\uE012';
export const IMAGE_CLOSE = '\uE013';

/** Separators of an encoded layout line (see terminal.ts). */
export const FIELD = '\uE0F1';

export const MARKER_RANGE = /[\uE000-\uE0FF]/g;

/** Where picture `index` of the article stands, until the layout step records its line. */
export function imageMarker(index: number): string {
	return `${IMAGE_OPEN}${index}${IMAGE_CLOSE}`;
}

/** `[3]` in the text, as markers until the layout step styles it. */
export function linkMarker(number: number): string {
	return `${LINK_OPEN}${number}${LINK_CLOSE}`;
}
