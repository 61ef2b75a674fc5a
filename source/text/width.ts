import stringWidth from 'string-width';
import cliTruncate from 'cli-truncate';

/** Display width in terminal columns: wide CJK characters and emoji count two. */
export function displayWidth(text: string): number {
	return stringWidth(text);
}

/** Cut to at most `columns` display columns, with an ellipsis when something was cut. */
export function truncateToWidth(text: string, columns: number): string {
	if (columns <= 0) return '';
	return cliTruncate(text, columns, {position: 'end'});
}

/** Cut or pad with spaces to exactly `columns` display columns. */
export function fitToWidth(text: string, columns: number): string {
	const cut = truncateToWidth(text, columns);
	const missing = columns - displayWidth(cut);
	return missing > 0 ? cut + ' '.repeat(missing) : cut;
}
