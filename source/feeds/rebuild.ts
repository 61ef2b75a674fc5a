/**
 * The last repair, for XML that repairXml could not make well-formed: a missing end tag,
 * tags closed in the wrong order, a document cut off in the middle. htmlparser2's
 * forgiving tokenizer (in XML mode) reads the document as browsers read broken markup,
 * and the element events are written out again as well-formed XML:
 *
 * - an end tag closes the open element of that name and every element opened inside it
 *   (`</channel>` with an `<item>` still open closes the item too); an end tag that
 *   matches no open element is dropped;
 * - items never nest: `<item>` (or `<entry>`) while another is open closes the open one
 *   first, which is what an author who forgot `</item>` meant;
 * - at the end of a truncated document every open element is closed, except an item or
 *   entry that was still open: it is incomplete (a title cut in half, no link) and is
 *   dropped, so every complete item is kept and no broken one is invented.
 *
 * Comments and the doctype are dropped (repairXml has already expanded the document's own
 * entities). Runs only after the strict parser has failed, so well-formed feeds never pay
 * for it.
 */
import {Parser} from 'htmlparser2';

const ITEM = /^(?:[\w.-]+:)?(?:item|entry)$/;

/**
 * A well-formed rendering of `xml` (already through repairXml). `report.incomplete` is set to
 * 1 when the item a truncated document broke off in was dropped.
 */
export function rebuildXml(xml: string, report?: {incomplete: number}): string {
	let output = '';
	const stack: {readonly name: string; readonly start: number}[] = [];
	let inCdata = false;
	const close = (): void => {
		output += `</${stack.pop()!.name}>`;
	};
	const parser = new Parser(
		{
			onprocessinginstruction(name) {
				// Keep the XML declaration (for the record); `!DOCTYPE` and other declarations go.
				if (name.toLowerCase() === '?xml' && output === '') output += '<?xml version="1.0" encoding="UTF-8"?>';
			},
			onopentag(name, attributes) {
				if (ITEM.test(name)) {
					const open = stack.findLastIndex((element) => ITEM.test(element.name));
					if (open !== -1) while (stack.length > open) close();
				}
				stack.push({name, start: output.length});
				output += `<${name}`;
				for (const [attribute, value] of Object.entries(attributes)) {
					// Values arrive raw (entities as written, already valid after repairXml).
					output += ` ${attribute}="${value.replace(/</g, '&lt;').replace(/"/g, '&quot;')}"`;
				}
				output += '>';
			},
			onclosetag(name) {
				// The parser reports closes only for open elements, innermost first.
				if (stack.at(-1)?.name === name) close();
			},
			ontext(text) {
				output += inCdata ? text.replace(/\]\]>/g, ']]]]><![CDATA[>') : text.replace(/</g, '&lt;');
			},
			oncdatastart() {
				inCdata = true;
				output += '<![CDATA[';
			},
			oncdataend() {
				inCdata = false;
				output += ']]>';
			},
		},
		{xmlMode: true, decodeEntities: false},
	);
	parser.write(xml);
	// Before end(): what is open now was never closed by the document itself.
	if (inCdata) output += ']]>';
	const openItem = stack.findIndex((element) => ITEM.test(element.name));
	if (openItem !== -1) {
		if (report !== undefined) report.incomplete = 1;
		output = output.slice(0, stack[openItem]!.start);
		stack.length = openItem;
	}
	while (stack.length > 0) close();
	return output;
}
