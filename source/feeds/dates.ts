/**
 * Feed dates → ISO 8601 UTC. A small, strict parser of our own instead of `new Date()`,
 * which accepts garbage (`1:2:3:4`, six-digit years) and differs between engines.
 * Understands RFC 822/1123/850 and asctime, RFC 3339 / ISO 8601, and the sloppy forms
 * German blogs publish (German weekday and month names, `3. März 2025`, no seconds,
 * no zone, two-digit years). Anything it cannot read with certainty becomes null.
 */

const MIN_YEAR = 1970;
const MAX_YEAR = 2100;

const MONTHS: ReadonlyMap<string, number> = new Map([
	['jan', 1], ['january', 1], ['januar', 1], ['jänner', 1], ['jän', 1],
	['feb', 2], ['february', 2], ['februar', 2], ['feber', 2],
	['mar', 3], ['march', 3], ['mär', 3], ['märz', 3], ['maerz', 3], ['mrz', 3],
	['apr', 4], ['april', 4],
	['may', 5], ['mai', 5],
	['jun', 6], ['june', 6], ['juni', 6],
	['jul', 7], ['july', 7], ['juli', 7],
	['aug', 8], ['august', 8],
	['sep', 9], ['sept', 9], ['september', 9],
	['oct', 10], ['october', 10], ['okt', 10], ['oktober', 10],
	['nov', 11], ['november', 11],
	['dec', 12], ['december', 12], ['dez', 12], ['dezember', 12],
]);

const WEEKDAYS: ReadonlySet<string> = new Set([
	'mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'wednesday', 'thu', 'thur', 'thurs', 'thursday',
	'fri', 'friday', 'sat', 'saturday', 'sun', 'sunday',
	'mo', 'montag', 'di', 'dienstag', 'mi', 'mittwoch', 'do', 'donnerstag', 'fr', 'freitag',
	'sa', 'samstag', 'sonnabend', 'so', 'sonntag',
]);

// Words that carry no date information in "Dienstag, 4. November 2025 um 10:00 Uhr".
const FILLERS: ReadonlySet<string> = new Set(['um', 'uhr', 'at', 'den', 'der', 'am', 'on']);

// Offsets in minutes. RFC 822 names plus the central European ones German feeds use.
// Military one-letter zones other than Z are unreliable (RFC 2822 §4.3) and rejected.
const ZONES: ReadonlyMap<string, number> = new Map([
	['z', 0], ['ut', 0], ['utc', 0], ['gmt', 0], ['wet', 0],
	['est', -300], ['edt', -240], ['cst', -360], ['cdt', -300],
	['mst', -420], ['mdt', -360], ['pst', -480], ['pdt', -420],
	['cet', 60], ['mez', 60], ['cest', 120], ['mesz', 120], ['west', 60], ['bst', 60],
	['eet', 120], ['eest', 180], ['oez', 120], ['oesz', 180],
]);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ]+(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?$/;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})(\d{2})?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$/;
const NUMERIC_OFFSET = /^([+-])(\d{2}):?(\d{2})?$/;
const GERMAN_NUMERIC_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/;
const SLASH_DATE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;

interface Parts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
	offsetMinutes: number;
}

/** Feed date text → ISO 8601 in UTC (`2025-11-03T08:15:00.000Z`), or null when unreadable. */
export function parseDate(text: string | null | undefined): string | null {
	if (typeof text !== 'string') return null;
	// Non-breaking and other exotic spaces appear in hand-written dates.
	const cleaned = text.replace(/[\s\u00A0\u2000-\u200B\u202F]+/g, ' ').trim();
	if (cleaned === '' || cleaned.length > 100) return null;
	const parts = parseIso(cleaned) ?? parseWords(cleaned);
	return parts ? toIso(parts) : null;
}

function parseIso(text: string): Parts | null {
	const match = ISO_DATE.exec(text) ?? matchBasic(text);
	if (!match) return null;
	const [, year, month, day, hour, minute, second, fraction, zone] = match;
	const offset = zone === undefined ? 0 : parseZone(zone);
	if (offset === null) return null;
	return {
		year: Number(year),
		month: Number(month),
		day: Number(day),
		hour: hour === undefined ? 0 : Number(hour),
		minute: minute === undefined ? 0 : Number(minute),
		second: second === undefined ? 0 : Number(second),
		millisecond: fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000),
		offsetMinutes: offset,
	};
}

// `20251103T091500Z`: reshaped to look like the extended-format match.
function matchBasic(text: string): (string | undefined)[] | null {
	const match = ISO_BASIC.exec(text);
	if (!match) return null;
	const [whole, year, month, day, hour, minute, second, zone] = match;
	return [whole, year, month, day, hour, minute, second ?? '00', undefined, zone];
}

function parseZone(zone: string): number | null {
	const named = ZONES.get(zone.toLowerCase());
	if (named !== undefined) return named;
	const match = NUMERIC_OFFSET.exec(zone);
	if (!match) return null;
	const hours = Number(match[2]);
	const minutes = match[3] === undefined ? 0 : Number(match[3]);
	if (hours > 14 || minutes > 59) return null;
	return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function expandYear(digits: string): number {
	const value = Number(digits);
	if (digits.length !== 2) return value;
	// Two-digit years (RFC 850, old RSS 0.91 feeds): 70–99 are 19xx, the rest 20xx.
	return value >= 70 ? 1900 + value : 2000 + value;
}

/** The token soup of RFC 822, asctime and German prose dates, in any reasonable order. */
function parseWords(text: string): Parts | null {
	const tokens = text
		.toLowerCase()
		// RFC 850 `03-Nov-25`
		.replace(/\b(\d{1,2})-([a-zäöü]{3,})-(\d{2,4})\b/g, '$1 $2 $3')
		.replace(/,/g, ' ')
		.split(' ')
		.filter((token) => token !== '');
	let year: number | undefined;
	let month: number | undefined;
	let day: number | undefined;
	let time: {hour: number; minute: number; second: number} | undefined;
	let offset: number | undefined;
	let afterMeridiem = false;

	for (const token of tokens) {
		const word = token.replace(/\.$/, '');
		if (WEEKDAYS.has(word) || FILLERS.has(word)) continue;
		const monthNumber = MONTHS.get(word);
		if (monthNumber !== undefined && month === undefined) {
			month = monthNumber;
			continue;
		}
		const timeMatch = TIME.exec(token);
		if (timeMatch && time === undefined) {
			time = {hour: Number(timeMatch[1]), minute: Number(timeMatch[2]), second: Number(timeMatch[3] ?? 0)};
			continue;
		}
		// "November 3, 2025 9:15 pm": 12-hour clock, from US-made blog themes.
		const meridiem = /^([ap])\.?m\.?$/.exec(token);
		if (meridiem && time !== undefined && !afterMeridiem) {
			if (time.hour < 1 || time.hour > 12) return null;
			time = {...time, hour: (time.hour % 12) + (meridiem[1] === 'p' ? 12 : 0)};
			afterMeridiem = true;
			continue;
		}
		const numeric = GERMAN_NUMERIC_DATE.exec(token);
		if (numeric && day === undefined && month === undefined && year === undefined) {
			day = Number(numeric[1]);
			month = Number(numeric[2]);
			year = expandYear(numeric[3]!);
			continue;
		}
		const slash = SLASH_DATE.exec(token);
		if (slash && day === undefined && month === undefined && year === undefined) {
			year = Number(slash[1]);
			month = Number(slash[2]);
			day = Number(slash[3]);
			continue;
		}
		if (/^\d{1,2}\.?$/.test(token) && day === undefined) {
			day = Number(word);
			continue;
		}
		if (/^\d{4}$/.test(token) && year === undefined) {
			year = Number(token);
			continue;
		}
		if (/^\d{2}$/.test(token) && year === undefined && day !== undefined && month !== undefined) {
			year = expandYear(token);
			continue;
		}
		if (offset === undefined && time !== undefined) {
			// Zones come after the time; `(CET)` comments after an offset are tolerated.
			const zone = parseZone(token.replace(/^\((.*)\)$/, '$1'));
			if (zone !== null) {
				offset = zone;
				continue;
			}
		}
		if (offset !== undefined && /^\([a-z]+\)$/.test(token)) continue;
		return null;
	}

	if (year === undefined || month === undefined || day === undefined) return null;
	return {
		year,
		month,
		day,
		hour: time?.hour ?? 0,
		minute: time?.minute ?? 0,
		second: time?.second ?? 0,
		millisecond: 0,
		offsetMinutes: offset ?? 0,
	};
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toIso(parts: Parts): string | null {
	const {year, month, day, hour, minute, millisecond, offsetMinutes} = parts;
	// A leap second is real but JavaScript cannot hold it: keep the date, lose the second.
	const second = parts.second === 60 ? 59 : parts.second;
	if (year < MIN_YEAR || year > MAX_YEAR) return null;
	if (month < 1 || month > 12) return null;
	if (day < 1 || day > daysInMonth(year, month)) return null;
	if (hour > 24 || minute > 59 || second > 59) return null;
	if (hour === 24 && (minute !== 0 || second !== 0)) return null;
	const time = Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offsetMinutes * 60_000;
	return new Date(time).toISOString();
}
