import { field, num, obj, str } from './json';

const DAY_MS = 86_400_000;

/**
 * Dates written as a year or a month only, by the Date parseDate returned for them. parseDate gives
 * the first instant (its many callers compare instants); a rule whose safe reading is the other end
 * of the period asks latestPossible. Only partial dates are kept, and weakly: most dates are full.
 */
const PARTIAL = new WeakMap<Date, 'year' | 'month'>();

/**
 * The earliest instant a FHIR date, dateTime or instant denotes: YYYY, YYYY-MM, YYYY-MM-DD, or a
 * day with a time (hh:mm[:ss[.fraction]]) and a zone (Z or ±hh:mm); undefined for anything else
 * or a day that does not exist. A time without a zone is not valid FHIR; it is read as UTC so the
 * day does not depend on the machine's time zone. Two slips of real feeds that `Date` used to
 * accept are read too: a space for the T, and a zone without its colon. Read by character: every dated resource has a
 * few of these, and a regular expression's match array costs more than the reading.
 */
export function parseDate(x: unknown): Date | undefined {
  if (typeof x !== 'string') return undefined;
  const year = digits(x, 0, 4);
  const month = x.length > 4 ? digitsAfter(x, 4, '-') : 1;
  const day = x.length > 7 ? digitsAfter(x, 7, '-') : 1;
  // absurd years are as unusable as garbage (and Date.UTC would read year 1 as 1901)
  if (!(year >= 1850 && year <= 2300) || !(month >= 1 && month <= 12) || !(day >= 1 && day <= daysInMonth(year, month)))
    return undefined;
  if (x.length === 10) return new Date(Date.UTC(year, month - 1, day));
  if (x.length === 4 || x.length === 7) {
    const first = new Date(Date.UTC(year, month - 1, 1));
    PARTIAL.set(first, x.length === 4 ? 'year' : 'month');
    return first;
  }
  // a space for the T, as some feeds write it, is read the same
  if (x[10] !== 'T' && x[10] !== ' ') return undefined;
  const hours = digits(x, 11, 2);
  const minutes = digitsAfter(x, 13, ':');
  let at = 16;
  const seconds = x[at] === ':' ? digitsAfter(x, at, ':') : 0;
  if (x[at] === ':') at += 3;
  let millis = 0;
  if (x[at] === '.') {
    const from = ++at;
    while (at < x.length && isDigit(x.charCodeAt(at))) at++;
    if (at === from || at - from > 9) return undefined;
    millis = Number(x.slice(from, Math.min(at, from + 3)).padEnd(3, '0'));
  }
  if (!(hours <= 23 && minutes <= 59 && seconds <= 59)) return undefined;
  const offsetMinutes = zoneOffsetMinutes(x, at);
  if (offsetMinutes === undefined) return undefined;
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds, millis) - offsetMinutes * 60_000);
}

/** "Z", nothing (read as UTC), ±hh:mm or ±hhmm (not FHIR, but unambiguous) from `at` to the end */
function zoneOffsetMinutes(x: string, at: number): number | undefined {
  if (at === x.length || (x[at] === 'Z' && at + 1 === x.length)) return 0;
  const sign = x[at] === '+' ? 1 : x[at] === '-' ? -1 : 0;
  const colon = x[at + 3] === ':';
  if (!sign || x.length !== at + (colon ? 6 : 5)) return undefined;
  const hours = digits(x, at + 1, 2);
  const minutes = digits(x, at + (colon ? 4 : 3), 2);
  return hours <= 23 && minutes <= 59 ? sign * (hours * 60 + minutes) : undefined;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** the number written by `count` digits at `at`, or NaN */
function digits(x: string, at: number, count: number): number {
  if (x.length < at + count) return Number.NaN;
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const code = x.charCodeAt(i);
    if (!isDigit(code)) return Number.NaN;
    value = value * 10 + code - 48;
  }
  return value;
}

/** two digits after a separator at `at` ("-11", ":05"), or NaN */
function digitsAfter(x: string, at: number, separator: string): number {
  return x[at] === separator ? digits(x, at + 1, 2) : Number.NaN;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * The latest day a date from parseDate can mean, and not after `now` (what is recorded has
 * happened): "2026-11" read on 2026-11-25 → 2026-11-25, "1966" → 1966-12-31; a full date → itself.
 * For thresholds whose safe reading is the late end: "has lasted at least N days" (the guaranteed
 * minimum), "younger than", "may fall within the last N days".
 */
export function latestPossible(date: Date, now: Date): Date {
  const precision = PARTIAL.get(date);
  if (!precision) return date;
  const year = date.getUTCFullYear();
  const lastDay = precision === 'year' ? Date.UTC(year, 11, 31) : Date.UTC(year, date.getUTCMonth() + 1, 0);
  return new Date(Math.max(date.getTime(), Math.min(lastDay, now.getTime())));
}

/** a date as precisely as it was written: "1966", "2026-11", "2026-11-20" */
export function writtenDate(date: Date | undefined): string | undefined {
  const precision = date && PARTIAL.get(date);
  const day = isoDay(date);
  return precision === 'year' ? day?.slice(0, 4) : precision === 'month' ? day?.slice(0, 7) : day;
}

/** whole days elapsed from `date` to `now` (calendar days in UTC) */
export function ageInDays(date: Date, now: Date): number {
  // a UTC day is exactly DAY_MS long (time values leave out leap seconds)
  return Math.floor(now.getTime() / DAY_MS) - Math.floor(date.getTime() / DAY_MS);
}

export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/** whether toISOString writes the year with four digits, the only years formatted by hand here */
function fourDigitYear(d: Date): boolean {
  const year = d.getUTCFullYear();
  return year >= 1000 && year <= 9999;
}

/** YYYY-MM-DD of an instant in UTC (formatted by hand: toISOString costs several times more) */
export function isoDay(d: Date | undefined): string | undefined {
  if (!d || !Number.isFinite(d.getTime())) return undefined;
  if (!fourDigitYear(d)) return d.toISOString().split('T')[0];
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** the instant as toISOString writes it (YYYY-MM-DDThh:mm:ss.sssZ), or undefined for an invalid date */
export function isoInstant(d: Date): string | undefined {
  if (!Number.isFinite(d.getTime())) return undefined;
  if (!fourDigitYear(d)) return d.toISOString();
  return `${isoDay(d)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}Z`;
}

function pad(n: number, width: 2 | 3): string {
  if (n >= 100 || (width === 2 && n >= 10)) return String(n);
  return n >= 10 || width === 2 ? `0${n}` : `00${n}`;
}

export function ageInYears(birth: Date, now: Date): number {
  let years = now.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    now.getUTCMonth() < birth.getUTCMonth() ||
    (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) years -= 1;
  return years;
}

const AGE_UNIT_DAYS: Record<string, number> = {
  a: 365.25,
  yr: 365.25,
  year: 365.25,
  years: 365.25,
  mo: 30.44,
  wk: 7,
  d: 1,
};

/**
 * Condition.onset[x]: dateTime, Period (start), Age (from birth date), or a string that starts
 * with a date. Returns the date and how it was found, or undefined.
 */
export function onsetDate(resource: unknown, birthDate: Date | undefined): Date | undefined {
  const r = obj(resource);
  if (!r) return undefined;
  const direct = parseDate(r.onsetDateTime) ?? parseDate(field(r.onsetPeriod, 'start'));
  if (direct) return direct;
  const age = obj(r.onsetAge);
  if (age && birthDate) {
    const value = num(age.value);
    const unit = str(age.code) ?? str(age.unit);
    const perUnit = unit ? AGE_UNIT_DAYS[unit] : undefined;
    if (value !== undefined && value >= 0 && value < 150 * 366 && perUnit) {
      return new Date(birthDate.getTime() + value * perUnit * DAY_MS);
    }
  }
  return parseDate(r.onsetString);
}
