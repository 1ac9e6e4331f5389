import { field, num, obj, str } from './json';

const DAY_MS = 86_400_000;

export type Precision = 'year' | 'month' | 'day';

/**
 * A date written without a time (a year, a month or a day), as parseDate reads it: it names calendar
 * days, not instants, so no time zone moves it to another day. The Date is its earliest day (its many
 * readers compare instants); it carries how it was written and its latest day, which a rule whose
 * safe reading is the other end of the period asks for (latestPossible).
 */
export class WrittenDate extends Date {
  readonly precision: Precision;
  /** the last day the date can mean (00:00 UTC of it): 1966 → 1966-12-31, 2026-11 → 2026-11-30 */
  readonly latest: Date;

  constructor(precision: Precision, year: number, month = 1, day = 1) {
    super(Date.UTC(year, month - 1, day));
    this.precision = precision;
    this.latest =
      precision === 'day' ? this : new Date(precision === 'year' ? Date.UTC(year, 11, 31) : Date.UTC(year, month, 0));
  }
}

/** `now` in the time zone of the care setting, written as a day (the CLI's --now) or an instant */
class ZonedNow extends Date {
  readonly zone: TimeZone;
  readonly precision: Precision | undefined;

  constructor(now: Date, zone: TimeZone) {
    super(now.getTime());
    this.zone = zone;
    this.precision = precisionOf(now);
  }
}

/** how a date was written (year, month, day), or undefined for an instant */
export function precisionOf(d: Date): Precision | undefined {
  return d instanceof WrittenDate || d instanceof ZonedNow ? d.precision : undefined;
}

/**
 * A time zone, as an offset from UTC at an instant. Windows count local calendar days of the time
 * zone of the care setting (README, "Dates and windows"). The zone travels with `now` (zonedNow), so
 * every window measured against `now` counts local days without being told.
 */
export interface TimeZone {
  readonly id: string;
  offsetMinutes(instant: number): number;
}

export const UTC: TimeZone = { id: 'UTC', offsetMinutes: () => 0 };

const ZONES = new Map<string, TimeZone>([['UTC', UTC]]);

/**
 * A zone whose offset at an instant is worked out from `localMinute(at)`, the local time there to the
 * minute (as the milliseconds of the same wall-clock time in UTC), once per quarter hour of time
 * (offsets change on the hour or half hour at most).
 */
function zoneOfLocalTime(id: string, localMinute: (at: number) => number): TimeZone {
  const byQuarterHour = new Map<number, number>();
  return {
    id,
    offsetMinutes(instant) {
      const key = Math.floor(instant / 900_000);
      let offset = byQuarterHour.get(key);
      if (offset === undefined) {
        const at = key * 900_000;
        offset = Math.round((localMinute(at) - at) / 60_000);
        if (byQuarterHour.size > 10_000) byQuarterHour.clear();
        byQuarterHour.set(key, offset);
      }
      return offset;
    },
  };
}

/** an IANA zone, its local time asked of Intl */
function ianaZone(id: string): TimeZone | undefined {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
  } catch {
    return undefined;
  }
  return zoneOfLocalTime(id, (at) => {
    const part = (type: string) => Number(format.formatToParts(at).find((p) => p.type === type)?.value);
    return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  });
}

/**
 * The zone of the machine this runs on, its local time read through Date: the zone localTimeZone()
 * names, with the offsets timeZone(localTimeZone()) gives, without setting up Intl's date formats
 * (about 12 ms, a tenth of the command-line assessor's start). test/clinical/machine-zone.test.ts
 * compares the two.
 */
export function machineTimeZone(): TimeZone {
  return zoneOfLocalTime('machine', (at) => {
    const d = new Date(at);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes());
  });
}

/** "UTC", a fixed offset ("+01:00", "-0500") or an IANA zone ("Europe/Berlin"); undefined when unknown */
export function timeZone(id: string): TimeZone | undefined {
  const known = ZONES.get(id);
  if (known) return known;
  const fixed = /^([+-])(\d{2}):?(\d{2})$/.exec(id);
  const zone = fixed
    ? ((offset: number): TimeZone => ({ id, offsetMinutes: () => offset }))(
        (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3])),
      )
    : ianaZone(id);
  if (zone) ZONES.set(id, zone);
  return zone;
}

/** the time zone of the machine or browser this runs on: the care setting's, for the app and the CLI */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** `now` in the time zone of the care setting: a copy of the instant that carries the zone */
export function zonedNow(now: Date, zone: TimeZone): Date {
  return new ZonedNow(now, zone);
}

export function zoneOf(now: Date): TimeZone {
  return now instanceof ZonedNow ? now.zone : UTC;
}

/** the day number (days since 1970-01-01) a date falls on: a written day as written, an instant in the zone */
export function localDay(d: Date, zone: TimeZone): number {
  const t = d.getTime();
  if (zone === UTC || precisionOf(d)) return Math.floor(t / DAY_MS);
  return Math.floor((t + zone.offsetMinutes(t) * 60_000) / DAY_MS);
}

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
  if (x.length === 10) return new WrittenDate('day', year, month, day);
  if (x.length === 4 || x.length === 7) return new WrittenDate(x.length === 4 ? 'year' : 'month', year, month);
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
  if (!(date instanceof WrittenDate) || date.precision === 'day') return date;
  const today = localDay(now, zoneOf(now)) * DAY_MS;
  const latest = new Date(Math.max(date.getTime(), Math.min(date.latest.getTime(), today)));
  return new WrittenDate('day', latest.getUTCFullYear(), latest.getUTCMonth() + 1, latest.getUTCDate());
}

/** a date as precisely as it was written: "1966", "2026-11", "2026-11-20" */
export function writtenDate(date: Date | undefined): string | undefined {
  const precision = date && precisionOf(date);
  const day = isoDay(date);
  return precision === 'year' ? day?.slice(0, 4) : precision === 'month' ? day?.slice(0, 7) : day;
}

/** whole calendar days from `date` to `now`, in the time zone of `now` */
export function ageInDays(date: Date, now: Date): number {
  const zone = zoneOf(now);
  return localDay(now, zone) - localDay(date, zone);
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

/**
 * YYYY-MM-DD of a date: a written day as written, an instant on its day in the time zone of `now`
 * when given, else in UTC (formatted by hand: toISOString costs several times more)
 */
export function isoDay(d: Date | undefined, now?: Date): string | undefined {
  if (!d || !Number.isFinite(d.getTime())) return undefined;
  const zone = now ? zoneOf(now) : UTC;
  if (zone !== UTC && !precisionOf(d)) return isoDay(new Date(localDay(d, zone) * DAY_MS));
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

export function ageInYears(birth: Date, at: Date): number {
  // the birthday is a calendar day: compare it with today's date where the patient is
  const now = new Date(localDay(at, zoneOf(at)) * DAY_MS);
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
