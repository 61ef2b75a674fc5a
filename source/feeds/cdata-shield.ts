/**
 * Large CDATA payloads (the HTML bodies of `content:encoded`, `description`, Atom
 * `content`) kept away from the XML parser. They are opaque text to it, yet sax walks
 * them one character at a time and rss-parser strips each one for a snippet we never
 * read: together most of a feed's parse time. Each payload is swapped for a short token
 * before parsing and put back into the parsed tree afterwards, so rss-parser still
 * parses the document's structure and every element comes back as before.
 */

/** Shorter payloads (titles, authors, dates in CDATA) are left in place: not worth a token. */
const MIN_SHIELDED_LENGTH = 256;

// Private-use characters: a document that already holds one is not shielded at all, so a
// token can never be confused with text.
const TOKEN_START = '\uE000';
const TOKEN_END = '\uE001';
const TOKEN = /\uE000(\d+)\uE001(\n*)/g;

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

export interface ShieldedXml {
	/** The document with large CDATA payloads replaced by tokens. */
	readonly xml: string;
	/** The payloads, by token number; empty when nothing was shielded. */
	readonly payloads: readonly ShieldedPayload[];
}

export interface ShieldedPayload {
	readonly text: string;
	/** Line breaks in `text`, which its token repeats. */
	readonly lineBreaks: number;
}

/**
 * Swaps every CDATA payload of at least MIN_SHIELDED_LENGTH characters for a token. The
 * token keeps the payload's line breaks, so that a parse error reports the same line.
 */
export function shieldLargeCdata(xml: string): ShieldedXml {
	if (xml.includes(TOKEN_START) || xml.includes(TOKEN_END)) return {xml, payloads: []};
	const payloads: ShieldedPayload[] = [];
	let result = '';
	let copied = 0;
	let from = 0;
	for (let open = xml.indexOf(CDATA_OPEN); open !== -1; open = xml.indexOf(CDATA_OPEN, from)) {
		const start = open + CDATA_OPEN.length;
		const close = xml.indexOf(CDATA_CLOSE, start);
		// An unterminated section is the parser's to report.
		if (close === -1) break;
		from = close + CDATA_CLOSE.length;
		if (close - start < MIN_SHIELDED_LENGTH) continue;
		const text = xml.slice(start, close);
		const lineBreaks = countLineBreaks(text);
		result += `${xml.slice(copied, start)}${TOKEN_START}${payloads.length}${TOKEN_END}${'\n'.repeat(lineBreaks)}`;
		copied = close;
		payloads.push({text, lineBreaks});
	}
	return payloads.length === 0 ? {xml, payloads} : {xml: result + xml.slice(copied), payloads};
}

/** Puts the payloads back into every string of the parsed tree (in place), and returns it. */
export function restoreCdata<T>(tree: T, payloads: readonly ShieldedPayload[]): T {
	if (payloads.length === 0) return tree;
	const restore = (text: string): string =>
		text.includes(TOKEN_START)
			? text.replace(TOKEN, (_, index: string, newlines: string) => {
					const payload = payloads[Number(index)]!;
					// The token's own line breaks are the payload's; any beyond are text after the section.
					return payload.text + newlines.slice(payload.lineBreaks);
				})
			: text;
	// The tree shares nodes (parse.ts keeps each RSS item's raw elements beside the fields
	// taken from them): each object is visited once, so that no restored body, kilobytes
	// long, is scanned for tokens a second time.
	const visited = new Set<object>();
	const visit = (node: unknown): unknown => {
		if (typeof node === 'string') return restore(node);
		if (typeof node !== 'object' || node === null || visited.has(node)) return node;
		visited.add(node);
		const record = node as Record<string, unknown>;
		for (const key of Object.keys(record)) {
			const value = record[key];
			if (typeof value === 'string') record[key] = restore(value);
			else if (typeof value === 'object' && value !== null) visit(value);
		}
		return node;
	};
	return visit(tree) as T;
}

function countLineBreaks(text: string): number {
	let count = 0;
	for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
	return count;
}
