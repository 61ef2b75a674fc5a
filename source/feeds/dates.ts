/**
 * Feed dates → ISO 8601 UTC. A small, strict parser of our own instead of `new Date()`,
 * which accepts garbage (`1:2:3:4`, six-digit years) and differs between engines.
 * Understands RFC 822/1123/850 and asctime, RFC 3339 / ISO 8601 / W3C-DTF in all their
 * forms (reduced precision `2003-12` and `2003`, basic format, ordinal and week dates,
 * two-digit years), and the sloppy forms German blogs publish (German weekday and month
 * names, `3. März 2025`, no seconds, no zone, two-digit years, a "Published:" label).
 * Anything it cannot read with certainty becomes null; an impossible date (month 13,
 * 31 February, hour 25) is null, never shifted into a real one.
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

// Words that carry no date information in "Dienstag, 4. November 2025 um 10:00 Uhr",
// "Posted on Nov 3, 2025", "Veröffentlicht am 3. März 2025".
const FILLERS: ReadonlySet<string> = new Set([
	'um', 'uhr', 'at', 'den', 'der', 'am', 'on', 'posted', 'published', 'updated', 'veröffentlicht', 'aktualisiert',
]);

// Offsets in minutes. RFC 822 names, the European ones German feeds use, and the
// abbreviations feeds from elsewhere write. Ambiguous ones take the meaning feeds use
// most: IST is India (+05:30), BST British Summer Time, CST US Central.
const ZONES: ReadonlyMap<string, number> = new Map([
	['z', 0], ['ut', 0], ['utc', 0], ['gmt', 0], ['wet', 0], ['etc/gmt', 0], ['etc/utc', 0],
	['est', -300], ['edt', -240], ['cst', -360], ['cdt', -300],
	['mst', -420], ['mdt', -360], ['pst', -480], ['pdt', -420],
	['ast', -240], ['adt', -180], ['akst', -540], ['akdt', -480], ['hst', -600], ['nst', -210], ['ndt', -150],
	['cet', 60], ['mez', 60], ['met', 60], ['cest', 120], ['mesz', 120], ['mest', 120], ['west', 60], ['bst', 60],
	['eet', 120], ['eest', 180], ['oez', 120], ['oesz', 180], ['msk', 180],
	['ist', 330], ['jst', 540], ['kst', 540], ['hkt', 480], ['sgt', 480], ['awst', 480],
	['acst', 570], ['acdt', 630], ['aest', 600], ['aedt', 660], ['nzst', 720], ['nzdt', 780],
	['wat', 60], ['cat', 120], ['sast', 120], ['eat', 180], ['brt', -180], ['art', -180], ['pht', 480], ['wib', 420],
]);

// RFC 822's military one-letter zones (A–I, K–Y) had their signs reversed by mistake, so
// RFC 2822 §4.3 says to read them as "-0000": the time is UTC, the zone unknown. (Z is UTC.)
const MILITARY_ZONE = /^[a-ik-y]$/;

// `GMT+01:00`, `GMT-01:01`, `UTC+2`, `UT+0100`: an offset from UTC spelt with its name.
const NAMED_OFFSET = /^(?:gmt|utc|ut)([+-]\d{1,2}(?::?\d{2})?)$/;
// `Etc/GMT+1` is the tz database's POSIX spelling: the sign is reversed (it means -01:00).
const ETC_OFFSET = /^etc\/gmt([+-])(\d{1,2})$/;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ]+(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?|[A-Za-z][A-Za-z/]{0,9}(?:[+-]\d{1,2}(?::?\d{2})?)?)?$/;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:[Tt](\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
// Reduced precision (W3C-DTF): `2003-12`, `2003`.
const ISO_REDUCED = /^(\d{4})(?:-(\d{2}))?$/;
// Ordinal dates `2003-335`, `2003335`, and week dates `2003-W49-3`, `2003W493`, `2003-W49`,
// each with an optional time as in ISO_DATE.
const ISO_ORDINAL = /^(\d{4})-?(\d{3})(?:[Tt ](\d{2}):?(\d{2})(?::?(\d{2}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const ISO_WEEK = /^(\d{4})-?[Ww](\d{2})(?:-?([1-7]))?(?:[Tt ](\d{2}):?(\d{2})(?::?(\d{2}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
// Two-digit-year ISO forms of old feeds: `03-12-31`, `031231`; 70–99 are 19xx.
const ISO_SHORT_YEAR = /^(\d{2})(-?)(\d{2})\2(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
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
	const match = ISO_DATE.exec(text) ?? matchBasic(text) ?? matchShortYear(text);
	if (match) {
		const [, year, month, day, hour, minute, second, fraction, zone] = match;
		return isoParts(Number(year), Number(month), Number(day), hour, minute, second, fraction, zone);
	}
	const reduced = ISO_REDUCED.exec(text);
	if (reduced) return isoParts(Number(reduced[1]), reduced[2] === undefined ? 1 : Number(reduced[2]), 1);
	const ordinal = ISO_ORDINAL.exec(text);
	if (ordinal) {
		const [, year, dayOfYear, hour, minute, second, zone] = ordinal;
		const days = Number(dayOfYear);
		// Day 366 only in leap years; day 0 never.
		if (days < 1 || days > (isLeapYear(Number(year)) ? 366 : 365)) return null;
		const date = new Date(Date.UTC(Number(year), 0, days));
		return isoParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour, minute, second, undefined, zone);
	}
	const week = ISO_WEEK.exec(text);
	if (week) {
		const [, year, weekNumber, weekday, hour, minute, second, zone] = week;
		const date = weekDate(Number(year), Number(weekNumber), weekday === undefined ? 1 : Number(weekday));
		if (date === null) return null;
		return isoParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour, minute, second, undefined, zone);
	}
	return null;
}

function isoParts(
	year: number,
	month: number,
	day: number,
	hour?: string,
	minute?: string,
	second?: string,
	fraction?: string,
	zone?: string,
): Parts | null {
	const offset = zone === undefined ? 0 : parseZone(zone);
	if (offset === null) return null;
	return {
		year,
		month,
		day,
		hour: hour === undefined ? 0 : Number(hour),
		minute: minute === undefined ? 0 : Number(minute),
		second: second === undefined ? 0 : Number(second),
		millisecond: fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000),
		offsetMinutes: offset,
	};
}

function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The day of an ISO week date (week 1 holds the year's first Thursday), or null for week 54 and the like. */
function weekDate(year: number, week: number, weekday: number): Date | null {
	const january4 = new Date(Date.UTC(year, 0, 4));
	const mondayOfWeek1 = Date.UTC(year, 0, 4 - ((january4.getUTCDay() + 6) % 7));
	const date = new Date(mondayOfWeek1 + ((week - 1) * 7 + weekday - 1) * 86_400_000);
	// A week 53 exists only in years that have one: it must not spill into week 1 of the next.
	if (week < 1 || week > 53 || (week === 53 && weekDate(year + 1, 1, 1)!.getTime() <= date.getTime())) return null;
	return date;
}

// `20251103T091500Z`, `20031231`: reshaped to look like the extended-format match.
function matchBasic(text: string): (string | undefined)[] | null {
	const match = ISO_BASIC.exec(text);
	if (!match) return null;
	const [whole, year, month, day, hour, minute, second, fraction, zone] = match;
	// A bare eight-digit number with a zone is not a date anyone writes.
	if (hour === undefined && zone !== undefined) return null;
	return [whole, year, month, day, hour, minute, hour === undefined ? undefined : (second ?? '00'), fraction, zone];
}

// `03-12-31T10:14:55Z`: the year expanded as in RFC 850 dates.
function matchShortYear(text: string): (string | undefined)[] | null {
	const match = ISO_SHORT_YEAR.exec(text);
	if (!match) return null;
	const [whole, year, , month, day, hour, minute, second, zone] = match;
	// Six bare digits are too ambiguous (a post number, `311203`): only with dashes or a time.
	if (!whole.includes('-') && hour === undefined) return null;
	return [whole, String(expandYear(year!)), month, day, hour, minute, second, undefined, zone];
}

function parseZone(zone: string): number | null {
	const lower = zone.toLowerCase();
	const named = ZONES.get(lower);
	if (named !== undefined) return named;
	if (MILITARY_ZONE.test(lower)) return 0;
	const etc = ETC_OFFSET.exec(lower);
	if (etc) return Number(etc[2]) > 14 ? null : (etc[1] === '+' ? -60 : 60) * Number(etc[2]);
	const withName = NAMED_OFFSET.exec(lower);
	return parseOffset(withName === null ? zone : withName[1]!);
}

/** `+0100`, `+01:00`, `+01`, `-1`, `+2` → minutes east of UTC, or null. */
function parseOffset(zone: string): number | null {
	const short = /^([+-])(\d)$/.exec(zone);
	const match = short === null ? NUMERIC_OFFSET.exec(zone) : ([short[0], short[1], `0${short[2]}`] as const);
	if (!match) return null;
	const hours = Number(match[2]);
	const minutes = match[3] === undefined || match[3] === '' ? 0 : Number(match[3]);
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
	let offsetIsName = false;

	for (const token of tokens) {
		const word = token.replace(/\.$/, '');
		if (WEEKDAYS.has(word) || FILLERS.has(word)) continue;
		// A label before the date: "Published:", "Datum:", "Zuletzt geändert:".
		if (year === undefined && month === undefined && day === undefined && /^\p{L}+:$/u.test(token)) continue;
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
		if ((offset === undefined || offsetIsName) && time !== undefined) {
			// Zones come after the time; `(CET)` comments after an offset are tolerated;
			// `GMT +0100`: a numeric offset after the name `GMT` or `UTC` is the real one.
			const zone = parseZone(token.replace(/^\((.*)\)$/, '$1'));
			if (zone !== null && !(offsetIsName && !/^[+-]/.test(token))) {
				offsetIsName = offset === undefined && /^(?:gmt|utc|ut)$/.test(token);
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
