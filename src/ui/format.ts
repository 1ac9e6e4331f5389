/** Dates, names and ages for display. Input comes from the wire: every field is checked. */

const isString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** one formatter per locale and style: creating an Intl.DateTimeFormat costs far more than using it */
const formatters = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, style: 'month' | 'day' | 'time'): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === 'month'
        ? { year: 'numeric', month: 'short', timeZone: 'UTC' }
        : style === 'day'
          ? { dateStyle: 'medium', timeZone: 'UTC' }
          : { dateStyle: 'medium', timeStyle: 'short' };
    formatters.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  }
  return format;
}

/**
 * A FHIR date or dateTime in the UI's locale. Partial dates keep their precision ("2026",
 * "Nov 2026"); a date without time is formatted in UTC so it never shifts by a day; anything
 * unparseable is shown as it came.
 */
export function formatDate(value: string | undefined, locale: string): string {
  if (!value) return '';
  const year = /^(\d{4})$/.exec(value);
  if (year) return value;
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) return dateFormat(locale, 'month').format(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)));
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return dateFormat(locale, /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'day' : 'time').format(d);
}

/** The name a clinician reads: the official (or first) HumanName, as text or given + family. */
export function patientName(patient: fhir4.Patient | undefined): string | undefined {
  const names = Array.isArray(patient?.name) ? patient.name : [];
  const name = names.find((n) => n?.use === 'official') ?? names.find((n) => n?.use !== 'old') ?? names[0];
  if (!name) return undefined;
  if (isString(name.text)) return name.text.trim();
  const given = Array.isArray(name.given) ? name.given.filter(isString) : [];
  const family = isString(name.family) ? [name.family] : [];
  const parts = [...given, ...family];
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** Whole years between a FHIR birthDate and `now`, or undefined when the date is unusable. */
export function ageInYears(birthDate: unknown, now: Date): number | undefined {
  if (!isString(birthDate)) return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(birthDate);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  let age = now.getUTCFullYear() - year;
  const beforeBirthday = now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age >= 0 && age < 150 ? age : undefined;
}

export type Sex = 'male' | 'female' | 'other' | 'unknown';

export function sexOf(patient: fhir4.Patient | undefined): Sex {
  const g = patient?.gender;
  return g === 'male' || g === 'female' || g === 'other' ? g : 'unknown';
}
