/**
 * Double-encoded UTF-8 ("mojibake"): UTF-8 bytes read once as windows-1252 and stored
 * again as UTF-8, so „Grüße“ arrives as "GrÃ¼ÃŸe" and ’ as "â€™". This happens upstream
 * (a CMS importing a database dump), so no decoding choice of ours can avoid it; the
 * field is repaired after the fact.
 *
 * Only a field that is unambiguously mojibake is touched: every character of it must be
 * windows-1252, and its cp1252 bytes must be valid UTF-8 that holds a multi-byte
 * sequence. A field with one real "Ã" (a Portuguese name, "Ã" on its own), a real „ä“
 * beside the mojibake, or any character outside cp1252 (→, emoji) stays as it is.
 */
import iconv from 'iconv-lite';

// A lead byte (Â–ô as cp1252 characters) followed by a continuation byte 0x80–0xBF as a
// cp1252 character: the trace every double-encoded non-ASCII character leaves.
const LEAD = '[\\u00C2-\\u00F4]';
const CONTINUATION = '[\\u0080-\\u00BF\\u0152\\u0153\\u0160\\u0161\\u0178\\u017D\\u017E\\u0192\\u02C6\\u02DC\\u2013\\u2014\\u2018-\\u201A\\u201C-\\u201E\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203A\\u20AC\\u2122]';
const MOJIBAKE_PAIR = new RegExp(LEAD + CONTINUATION);

// The same trace in an XML document, before its parser decodes references: a lead character
// followed by a continuation or by a reference (that may be one); or a numeric reference to a
// lead character (repairXml has turned named HTML entities into numeric ones by then).
const DOCUMENT_PAIR = new RegExp(`${LEAD}(?:${CONTINUATION}|&#)`);
const LEAD_REFERENCE = /&#(?:0*(?:19[4-9]|2[0-3]\d|24[0-4])|[xX]0*(?:[cCdDeE][0-9a-fA-F]|[fF][0-4]));/;
// The leads of nearly all mojibake in feeds: Ã and Â (Latin-1 letters, no-break space), â
// (quotes, dashes, …, €) and ð (emoji). Looked for with indexOf, which is far cheaper than any
// regular expression over a long text with „quotes“ in it; German text has none of them.
const QUICK_LEADS = ['Ã', 'Â', 'â', 'ð'] as const;

/**
 * Whether any field of this (repaired) XML document can be mojibake: one cheap scan of the
 * whole document, so that a well-formed feed costs no check per field. False means no field
 * is repaired. Mojibake whose every lead is another character (Ä…, Ð¿ of Polish or Cyrillic
 * text, CJK) is not looked for: those leads are everyday letters in German and French text,
 * and would make every such feed pay for the field-by-field check.
 */
export function mayHoldMojibake(document: string): boolean {
	if (QUICK_LEADS.some((lead) => document.includes(lead)) && DOCUMENT_PAIR.test(document)) return true;
	return document.includes('&#') && LEAD_REFERENCE.test(document);
}

/** The field with double-encoded UTF-8 undone, or the field unchanged. */
export function repairMojibake(text: string): string {
	// One scan on the common path; nearly every field stops here.
	if (!MOJIBAKE_PAIR.test(text)) return text;
	const bytes = iconv.encode(text, 'windows-1252');
	// A character outside cp1252 became "?": the field is not (only) mojibake.
	if (iconv.decode(bytes, 'windows-1252') !== text) return text;
	try {
		return new TextDecoder('utf-8', {fatal: true}).decode(bytes);
	} catch {
		return text;
	}
}
