import { localizeDates } from './dates';

/**
 * A code in brackets after a clinical name, as the engine's evidence summaries carry them into its
 * sentences ("Discitis, lumbar region [M46.46]"). The reader's text says the clinical words; the
 * code stays in the evidence detail (every evidence item keeps it in its own field).
 */
const BRACKETED_CODE = /\s*\[[A-Z0-9][A-Z0-9.-]*\d[A-Z0-9.-]*\]/g;

/** A sentence of the rule set or the record as the surgeon reads it: no codes, dates in the reader's format. */
export function readableText(text: string, locale: string, timeZone?: string): string {
  return localizeDates(text.replace(BRACKETED_CODE, ''), locale, timeZone);
}
