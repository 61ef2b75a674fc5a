/**
 * The query language of saved views, ignore rules and `blogroll search`, parsed into a
 * small tree. Pure: no store, no config. The grammar (documented in README, "Finding things"):
 *
 *   query   = or
 *   or      = and { "or" and }
 *   and     = unary { ["and"] unary }        (terms side by side are and-ed)
 *   unary   = "not" unary | primary
 *   primary = "(" or ")" | term
 *   term    = field ":" value | "unread" | "read" | "starred" | word | "quoted words"
 *
 * Keywords and field names are case-insensitive; values keep their case (matching folds
 * it anyway). Quotes may be ASCII "…" or German „…“ / “…”.
 */
import type {Failure} from '../failure.js';
import {displayWidth} from '../text/width.js';

/** Which words of an entry a text term looks at: all of them, or one field of the index. */
export type TextField = 'any' | 'title' | 'author';

/** A parsed query. `column` (1-based) points at the term in the query text. */
export type QueryNode =
	| {readonly type: 'and'; readonly children: readonly QueryNode[]}
	| {readonly type: 'or'; readonly children: readonly QueryNode[]}
	| {readonly type: 'not'; readonly child: QueryNode}
	| {readonly type: 'flag'; readonly flag: 'unread' | 'read' | 'starred'; readonly column: number}
	/** Words to find with the full-text index; `exact` (quoted): a phrase, else each word also as a prefix. */
	| {readonly type: 'text'; readonly field: TextField; readonly words: readonly string[]; readonly exact: boolean; readonly column: number}
	/** Feeds with this tag (case-insensitive, whole tag). */
	| {readonly type: 'tag'; readonly value: string; readonly column: number}
	/** Feeds whose title (yours or the feed's) or url contains this, case-insensitively. */
	| {readonly type: 'feed'; readonly value: string; readonly column: number}
	/** Entries dated after (`newer`) or before (`older`) a moment: `milliseconds` ago, or a UTC `date`. */
	| {readonly type: 'age'; readonly direction: 'newer' | 'older'; readonly since: AgeSpec; readonly column: number};

export type AgeSpec = {readonly kind: 'ago'; readonly milliseconds: number} | {readonly kind: 'date'; readonly iso: string};

/** A query that does not parse: `message` is one line naming the column and quoting the query. */
export interface QueryFailure extends Failure {
	readonly reason: 'query';
	/** What is wrong, without the position: `expected )`. */
	readonly problem: string;
	/** 1-based, in characters of `query`; one past the end for "ended too early". */
	readonly column: number;
	readonly query: string;
	/** The problem is the query as a whole (only punctuation): one line, no caret. */
	readonly isWhole?: boolean;
}

const FIELDS = ['tag', 'feed', 'author', 'title', 'text', 'newer', 'older'] as const;
type Field = (typeof FIELDS)[number];
const FLAGS = ['unread', 'read', 'starred'] as const;

// The index's tokenizer (unicode61) keeps letters, digits and marks and splits on the rest;
// a text term is reduced to exactly those words, so no FTS5 syntax character survives.
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** More words than anyone types; keeps a pasted article from becoming a huge MATCH. */
const MAX_WORDS = 32;
const MAX_QUERY_LENGTH = 2000;
const MAX_TOKENS = 200;

const OPENING_QUOTES = new Set(['"', '„', '“']);
const CLOSING_QUOTES = new Set(['"', '“', '”']);

type Token =
	| {readonly type: '('; readonly column: number}
	| {readonly type: ')'; readonly column: number}
	| {readonly type: 'word'; readonly text: string; readonly column: number}
	| {readonly type: 'quoted'; readonly text: string; readonly column: number}
	| {readonly type: 'field'; readonly field: Field; readonly value: string; readonly quoted: boolean; readonly column: number; readonly valueColumn: number};

class QueryError extends Error {
	constructor(
		readonly problem: string,
		readonly column: number,
		/** About the query as a whole: no column to point at. */
		readonly isWhole = false,
	) {
		super(problem);
	}
}

/** The words of a text as the full-text index sees them. */
export function indexWords(text: string): string[] {
	return (text.normalize('NFC').match(WORD) ?? []).slice(0, MAX_WORDS);
}

/** Parses a query; a failure names the column and what was expected there. */
export function parseQuery(query: string): QueryNode | QueryFailure {
	try {
		if (query.length > MAX_QUERY_LENGTH) throw new QueryError(`the query is longer than ${MAX_QUERY_LENGTH} characters`, MAX_QUERY_LENGTH + 1);
		const tokens = tokenize(query);
		if (tokens.length === 0) throw new QueryError('the query is empty', 1);
		// SQLite refuses expressions nested deeper than 1000; and-chains nest one level a term.
		const tooMany = tokens[MAX_TOKENS];
		if (tooMany !== undefined) throw new QueryError(`the query has more than ${MAX_TOKENS} words and operators`, tooMany.column);
		return new Parser(tokens, [...query].length + 1).parse();
	} catch (error) {
		if (error instanceof QueryError) return queryFailure(query, error.problem, error.column, error.isWhole);
		throw error;
	}
}

function queryFailure(query: string, problem: string, column: number, isWhole = false): QueryFailure {
	// The message is one line: the query may hold anything a user pasted.
	const shown = query.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, ' ');
	const message = isWhole ? problem : `${problem} at column ${column}: ${shown}`;
	return {kind: 'failed', reason: 'query', problem, column, query: shown, message, ...(isWhole ? {isWhole} : {})};
}

/**
 * The failure for a terminal: the problem, then the query with a caret under the column.
 * `indent` is put before both the query and the caret line.
 */
export function formatQueryFailure(failure: QueryFailure, indent = '  '): string {
	if (failure.isWhole) return failure.problem;
	const characters = [...failure.query];
	const before = characters.slice(0, Math.max(0, failure.column - 1)).join('');
	return `${failure.problem} at column ${failure.column}\n${indent}${failure.query}\n${indent}${' '.repeat(displayWidth(before))}^`;
}

// ── tokens ────────────────────────────────────────────────────────────────

function tokenize(query: string): Token[] {
	// Columns count characters (code points), as a user counts them.
	const characters = [...query];
	const tokens: Token[] = [];
	let index = 0;
	const column = () => index + 1;
	const isSpace = (character: string | undefined) => character !== undefined && /\s/u.test(character);
	const isDelimiter = (character: string | undefined) =>
		character === undefined || isSpace(character) || character === '(' || character === ')' || OPENING_QUOTES.has(character);

	const readQuoted = (): string => {
		const start = column();
		index++;
		let text = '';
		while (index < characters.length) {
			const character = characters[index]!;
			if (character === '\\' && index + 1 < characters.length) {
				text += characters[index + 1];
				index += 2;
				continue;
			}
			if (CLOSING_QUOTES.has(character)) {
				index++;
				return text;
			}
			text += character;
			index++;
		}
		throw new QueryError(`the quote from column ${start} is not closed`, characters.length + 1);
	};

	while (index < characters.length) {
		const character = characters[index]!;
		if (isSpace(character)) {
			index++;
			continue;
		}
		const start = column();
		if (character === '(' || character === ')') {
			tokens.push(character === '(' ? {type: '(', column: start} : {type: ')', column: start});
			index++;
			continue;
		}
		if (OPENING_QUOTES.has(character)) {
			tokens.push({type: 'quoted', text: readQuoted(), column: start});
			continue;
		}
		let run = '';
		while (!isDelimiter(characters[index])) run += characters[index++];
		const colon = run.indexOf(':');
		if (colon === -1) {
			tokens.push({type: 'word', text: run, column: start});
			continue;
		}
		const name = run.slice(0, colon).toLowerCase();
		if (!(FIELDS as readonly string[]).includes(name)) {
			throw new QueryError(
				`unknown field "${run.slice(0, colon + 1)}" (known: ${FIELDS.map(field => `${field}:`).join(' ')}; quote words that contain a colon)`,
				start,
			);
		}
		const valueColumn = start + colon + 1;
		let value = run.slice(colon + 1);
		let quoted = false;
		if (value === '' && OPENING_QUOTES.has(characters[index] ?? '')) {
			value = readQuoted();
			quoted = true;
		}
		if (value.trim() === '') throw new QueryError(`expected a value after ${name}:`, valueColumn);
		tokens.push({type: 'field', field: name as Field, value, quoted, column: start, valueColumn});
	}
	return tokens;
}

// ── grammar ───────────────────────────────────────────────────────────────

const KEYWORDS = new Set(['and', 'or', 'not']);

function keywordOf(token: Token | undefined): string | undefined {
	if (token?.type !== 'word') return undefined;
	const lower = token.text.toLowerCase();
	return KEYWORDS.has(lower) ? lower : undefined;
}

class Parser {
	#position = 0;

	constructor(
		private readonly tokens: readonly Token[],
		private readonly endColumn: number,
	) {}

	parse(): QueryNode {
		const node = this.#or();
		const next = this.tokens[this.#position];
		if (next !== undefined) {
			// Only a `)` can stop the top-level `or` early.
			throw new QueryError('unexpected ) without a matching (', next.column);
		}
		// Only punctuation (`&`, `–`, `€`): nothing the index could find.
		if (node === null) throw new QueryError(`nothing to search for in "${this.#punctuation.join(' ')}" (only letters and digits are searched)`, this.#punctuationColumn, true);
		return node;
	}

	// Terms without a letter or digit (`Feder & Faden`, `Preis – Leistung`) are skipped, as
	// the index skips them in the text; a part of the query made only of them is null.
	#punctuation: string[] = [];
	#punctuationColumn = 1;

	#or(after?: Token): QueryNode | null {
		const children = [this.#and(after)];
		while (keywordOf(this.tokens[this.#position]) === 'or') {
			const operator = this.tokens[this.#position++]!;
			children.push(this.#and(operator));
		}
		return combine('or', children);
	}

	#and(after?: Token): QueryNode | null {
		const children = [this.#unary(after)];
		for (;;) {
			const next = this.tokens[this.#position];
			if (next === undefined || next.type === ')' || keywordOf(next) === 'or') break;
			if (keywordOf(next) === 'and') {
				this.#position++;
				children.push(this.#unary(next));
			} else {
				children.push(this.#unary());
			}
		}
		return combine('and', children);
	}

	#unary(after?: Token): QueryNode | null {
		const token = this.tokens[this.#position];
		if (keywordOf(token) === 'not') {
			this.#position++;
			const child = this.#unary(token);
			return child === null ? null : {type: 'not', child};
		}
		return this.#primary(after);
	}

	#skipped(text: string, column: number): null {
		if (this.#punctuation.length === 0) this.#punctuationColumn = column;
		this.#punctuation.push(text);
		return null;
	}

	#text(field: TextField, value: string, exact: boolean, column: number, valueColumn: number): QueryNode | null {
		const words = indexWords(value);
		if (words.length === 0) return this.#skipped(value, valueColumn);
		// `C++`, `C#`, `F#`: the index keeps only the letter; as a prefix it would find every
		// word starting with it, so such a word is looked for as a whole word.
		const isNamedWithSymbols = words.length === 1 && /^[\p{L}\p{N}]{1,2}[+#]+$/u.test(value.trim());
		return {type: 'text', field, words, exact: exact || isNamedWithSymbols, column};
	}

	#primary(after?: Token): QueryNode | null {
		const token = this.tokens[this.#position];
		const afterWhat = after === undefined ? '' : ` after ${after.type === '(' ? '(' : keywordOf(after)}`;
		if (token === undefined) {
			throw new QueryError(`expected a term${afterWhat}, but the query ends`, this.endColumn);
		}
		if (token.type === ')') throw new QueryError(`expected a term${afterWhat}, found )`, token.column);
		const keyword = keywordOf(token);
		if (keyword !== undefined) throw new QueryError(`expected a term${afterWhat}, found ${keyword}`, token.column);
		this.#position++;
		if (token.type === '(') {
			const inner = this.#or(token);
			const close = this.tokens[this.#position];
			if (close?.type !== ')') {
				throw new QueryError(`expected ) to close the ( from column ${token.column}`, close?.column ?? this.endColumn);
			}
			this.#position++;
			return inner;
		}
		if (token.type === 'quoted') return this.#text('any', token.text, true, token.column, token.column);
		if (token.type === 'word') {
			const flag = FLAGS.find(name => name === token.text.toLowerCase());
			if (flag !== undefined) return {type: 'flag', flag, column: token.column};
			return this.#text('any', token.text, false, token.column, token.column);
		}
		switch (token.field) {
			case 'tag':
			case 'feed':
				return {type: token.field, value: token.value.normalize('NFC').trim(), column: token.column};
			case 'text':
				return this.#text('any', token.value, token.quoted, token.column, token.valueColumn);
			case 'title':
			case 'author':
				return this.#text(token.field, token.value, token.quoted, token.column, token.valueColumn);
			case 'newer':
			case 'older':
				return {type: 'age', direction: token.field, since: parseAge(token.value, token.valueColumn), column: token.column};
		}
	}
}

/** `and`/`or` of the children that are left; null when none is. */
function combine(type: 'and' | 'or', children: readonly (QueryNode | null)[]): QueryNode | null {
	const kept = children.filter((child): child is QueryNode => child !== null);
	if (kept.length <= 1) return kept[0] ?? null;
	return {type, children: kept};
}

const UNIT_MS: Readonly<Record<string, number>> = {
	h: 3_600_000,
	d: 86_400_000,
	w: 7 * 86_400_000,
	// A month and a year as a reader means them, not as a calendar does.
	m: 30 * 86_400_000,
	y: 365 * 86_400_000,
};
const MAX_AGE_MS = 200 * 365 * 86_400_000;

/** An age as `newer:`/`older:` take it, for options like `--older-than 30d`. */
export function parseAgeSpec(value: string): AgeSpec | QueryFailure {
	try {
		return parseAge(value.trim(), 1);
	} catch (error) {
		if (error instanceof QueryError) return queryFailure(value, error.problem, error.column);
		throw error;
	}
}

/** `7d`, `12h`, `2w`, `3m`, `1y`, a bare number of days, or a date `2026-11-01` (UTC). */
function parseAge(value: string, column: number): AgeSpec {
	const relative = /^(\d{1,6})([hdwmy]?)$/i.exec(value);
	if (relative) {
		const milliseconds = Number(relative[1]) * UNIT_MS[(relative[2] || 'd').toLowerCase()]!;
		if (milliseconds > MAX_AGE_MS) throw new QueryError(`"${value}" is more than 200 years`, column);
		return {kind: 'ago', milliseconds};
	}
	const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (date) {
		const time = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
		const parsed = new Date(time);
		if (parsed.getUTCDate() === Number(date[3]) && parsed.getUTCMonth() === Number(date[2]) - 1) {
			return {kind: 'date', iso: parsed.toISOString()};
		}
	}
	throw new QueryError(`expected an age like 7d, 12h, 2w, 3m, 1y or a date like 2026-11-01, found "${value}"`, column);
}
