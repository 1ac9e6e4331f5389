import { LANGS, type Localized } from '../lang';

/**
 * The longest line of evidence, or reason it was set aside, kept from a record's text, in characters
 * (the longest of the demo records' lines is about 320). A record's text can be of any length, and each
 * line is shown, written into the note and copied into every criterion that cites it: a code of 180,000
 * characters on 2,000 copies of an Observation made an assessment too long to be written as JSON
 * (test/reliability/hostile.test.ts, test/clinical/evidence-line.test.ts). Codes and words are matched
 * in the whole text, never in these lines.
 */
export const EVIDENCE_LINE_MAX = 1_000;

export function boundedLine(line: string): string {
  if (line.length <= EVIDENCE_LINE_MAX) return line;
  // not between the two halves of a character outside the Basic Multilingual Plane
  const end = /[\uD800-\uDBFF]/.test(line.charAt(EVIDENCE_LINE_MAX - 1)) ? EVIDENCE_LINE_MAX - 1 : EVIDENCE_LINE_MAX;
  return `${line.slice(0, end)}…`;
}

/** the same text when every language's is within the bound (the common case: nothing is copied) */
export function boundedText(text: Localized): Localized {
  return LANGS.every((lang) => text[lang].length <= EVIDENCE_LINE_MAX)
    ? text
    : (Object.fromEntries(LANGS.map((lang) => [lang, boundedLine(text[lang])])) as Localized);
}
