/**
 * Dates as the surgeon reads them: in the language's format and the surgeon's own time zone, never
 * ISO 8601 or UTC. Shared by the screen and the note, so both say the same date the same way.
 */

/** one formatter per locale, style and zone: creating an Intl.DateTimeFormat costs far more than using it */
const formatters = new Map<string, Intl.DateTimeFormat>();

type Style = 'month' | 'day' | 'time';

function dateFormat(locale: string, style: Style, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale}|${style}|${timeZone ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    // a date without a time is a calendar day: formatted in UTC, it never moves to the day before
    const options: Intl.DateTimeFormatOptions =
      style === 'month'
        ? { year: 'numeric', month: 'short', timeZone: 'UTC' }
        : style === 'day'
          ? { dateStyle: 'medium', timeZone: 'UTC' }
          : { dateStyle: 'medium', timeStyle: 'short', ...(timeZone && { timeZone }) };
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch {
      // an unknown time zone name: the runtime's own zone
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone: style === 'time' ? undefined : 'UTC' });
    }
    formatters.set(key, format);
  }
  return format;
}

const YEAR = /^\d{4}$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A FHIR date or dateTime in the locale. Partial dates keep their precision ("2026", "Nov 2026");
 * a day without a time is that calendar day; an instant is shown in `timeZone` (default: the
 * runtime's, i.e. the surgeon's browser); anything unparseable is shown as it came.
 */
export function formatDate(value: string | undefined, locale: string, timeZone?: string): string {
  if (!value) return '';
  if (YEAR.test(value)) return value;
  const month = MONTH.exec(value);
  if (month)
    return dateFormat(locale, 'month', undefined).format(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)));
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return DAY.test(value)
    ? dateFormat(locale, 'day', undefined).format(d)
    : dateFormat(locale, 'time', timeZone).format(d);
}

/** the calendar day of an instant in `timeZone` ("5 Dec 2026"), for where the time of day says nothing */
export function formatDay(value: string | undefined, locale: string, timeZone?: string): string {
  if (!value || DAY.test(value) || YEAR.test(value) || MONTH.test(value)) return formatDate(value, locale, timeZone);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(timeZone && { timeZone }) }).format(d);
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(d);
  }
}

/** An ISO date or dateTime inside a sentence (the engine writes its rationales with them). */
const ISO_IN_TEXT =
  /\b\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g;

/**
 * The same sentence with every ISO date in it written for the reader ("NRS 8 on 2026-12-03" →
 * "NRS 8 on 3 Dec 2026"); instants in `timeZone`. Words and numbers around them are left as they are.
 */
export function localizeDates(text: string, locale: string, timeZone?: string): string {
  return text.replace(ISO_IN_TEXT, (iso) => formatDate(iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'), locale, timeZone));
}
