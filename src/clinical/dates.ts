import { field, num, obj, str } from './json';

const DAY_MS = 86_400_000;

/** FHIR date/dateTime (YYYY, YYYY-MM, YYYY-MM-DD, with time): the earliest instant it denotes, or undefined. */
export function parseDate(x: unknown): Date | undefined {
  const s = str(x);
  if (!s) return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(s);
  // absurd years are as unusable as garbage (and Date.UTC would read year 1 as 1901)
  if (!m || Number(m[1]) < 1850 || Number(m[1]) > 2300) return undefined;
  const plain = s.length <= 10;
  const d = plain
    ? new Date(Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1)))
    : new Date(s);
  const t = d.getTime();
  if (!Number.isFinite(t)) return undefined;
  return d;
}

/** whole days elapsed from `date` to `now` (calendar days in UTC) */
export function ageInDays(date: Date, now: Date): number {
  const a = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const b = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((b - a) / DAY_MS);
}

export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

export function isoDay(d: Date | undefined): string | undefined {
  return d ? d.toISOString().slice(0, 10) : undefined;
}

export function ageInYears(birth: Date, now: Date): number {
  let years = now.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    now.getUTCMonth() < birth.getUTCMonth() ||
    (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) years -= 1;
  return years;
}

const AGE_UNIT_DAYS: Record<string, number> = { a: 365.25, yr: 365.25, year: 365.25, years: 365.25, mo: 30.44, wk: 7, d: 1 };

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
