import { isoDay } from '../dates';
import { statusCode, str, field } from '../json';
import { localized, type Localized } from '../../lang';
import type { ExcludedFact, Fact } from './types';
import { boundedText } from '../bounded';

/** a fact dated after `now` is not evidence at `now` (assessing an earlier day, or a bad date) */
export function afterNow(date: Date | undefined, now: Date): boolean {
  return date !== undefined && date.getTime() > now.getTime() + 86_400_000;
}

/**
 * The fact as evidence set aside, with why. Built field by field: V8 (Node 20) takes a slow path,
 * about a microsecond, for `{ ...fact, why }`, and a long record excludes thousands of facts.
 */
export function exclude(fact: Fact, why: Localized): ExcludedFact {
  return {
    reference: fact.reference,
    summary: fact.summary,
    summaryText: fact.summaryText,
    date: fact.date,
    code: fact.code,
    why,
  };
}

/**
 * an evidence line with the day of its date, in the time zone of `now`: `summary` in English (the command line, the
 * note's audit trail), `summaryText` in each language (the screen, the note's sentences; src/clinical/evidence-words.ts)
 */
export function dated(text: Localized, date: Date | undefined, now: Date): Pick<Fact, 'summary' | 'summaryText'> {
  const day = isoDay(date, now);
  const bounded = boundedText(text);
  const summaryText = day ? localized((lang) => `${bounded[lang]} (${day})`) : bounded;
  return { summary: summaryText.en, summaryText };
}

export function clinicalStatus(resource: unknown): string | undefined {
  return statusCode(field(resource, 'clinicalStatus'));
}

export function verificationStatus(resource: unknown): string | undefined {
  return statusCode(field(resource, 'verificationStatus'));
}

export function plainStatus(resource: unknown): string | undefined {
  return str(field(resource, 'status'));
}
