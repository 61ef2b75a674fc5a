/**
 * How search compares words, in one place for the query language, the store's search and
 * the highlighting of matches. The full-text index folds case and accents (`remove_diacritics
 * 2`: „Führung“ is `fuhrung`, `ß` stays `ß`); German readers also type umlauts as `ae`,
 * `oe`, `ue` and `ß` as `ss`, which these helpers accept too.
 */

/** Case and accents folded, as the index compares words: „Führung“ → `fuhrung`. */
export function foldWord(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** German spelled without umlauts and ß, case folded: „Führung“ → `fuehrung`, „Straße“ → `strasse`. */
export function foldGerman(text: string): string {
	return foldWord(text.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss'));
}

// Each pair is tried as a whole (every occurrence at once), which keeps the variants few.
const TRANSLITERATIONS: readonly (readonly [string, string])[] = [
	['ae', 'a'],
	['oe', 'o'],
	['ue', 'u'],
	['ss', 'ß'],
];

/**
 * The spellings under which the index may hold a typed word: the word itself, and with `ae`
 * `oe` `ue` read as umlauts (folded to a, o, u) and `ss` as ß. `fuehrung` → fuehrung, fuhrung.
 */
export function wordVariants(word: string): string[] {
	let variants = [word];
	for (const [from, to] of TRANSLITERATIONS) {
		variants = variants.flatMap(variant => (variant.toLowerCase().includes(from) ? [variant, variant.toLowerCase().replaceAll(from, to)] : [variant]));
	}
	return [...new Set(variants)];
}

/** True when `word` (of a title) starts with the typed `prefix`, in either folding. */
export function startsWithWord(word: string, prefix: string): boolean {
	const folded = foldWord(word);
	return wordVariants(prefix).some(variant => folded.startsWith(foldWord(variant))) || foldGerman(word).startsWith(foldGerman(prefix));
}

/** A typed word as an FTS5 prefix term, with its spellings OR-ed: `("fuehrung"* OR "fuhrung"*)`. */
export function ftsPrefixTerm(word: string): string {
	const variants = wordVariants(word).map(variant => `"${variant}"*`);
	return variants.length === 1 ? variants[0]! : `(${variants.join(' OR ')})`;
}
