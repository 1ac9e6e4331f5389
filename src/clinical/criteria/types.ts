import { SET_ASIDE } from '../set-aside';
import type { SurgeonAnswers } from '../answers';
import type { CriterionStatus, MissingItem } from '../assessment';
import { localized, type Lang, type Localized } from '../../lang';
import { ageInDays, isoDay, latestPossible } from '../dates';
import type { ClinicalFacts, ExcludedFact, Fact, ObservationFact } from '../facts';
import { exclude } from '../facts/common';
import { CLINICAL_TYPE_NAMES, type ClinicalType } from '../record';
import type { DefOf, SharedQuestion } from '../rulesets/types';
import type { Kind } from '../rulesets/kinds';
import type { ValueSetId } from '../terminology/valuesets';

export interface Evaluation {
  status: CriterionStatus;
  evidence: Fact[];
  excluded: ExcludedFact[];
  rationale: Localized;
  /** for unknown: what would supply it, when it differs from the criterion's default */
  supply?: MissingItem['supply'];
  /** met, yet the surgeon should complete it (e.g. the level of a myeloma lesion) */
  ask?: boolean;
  /** what to do about this outcome, in place of the criterion's caution; false: nothing to do here */
  caution?: Localized | false;
  /** vertebral levels concerned (the lesion criterion) */
  levels?: string[];
  /** the outcome turns on a fact several criteria share (the care setting): asked in place of the criterion's own question */
  asks?: SharedQuestion;
}

/** what an evaluator of kind K (or of any of the kinds K) is given: its criterion's definition and the answers */
export interface EvalContext<K extends Kind = Kind> {
  facts: ClinicalFacts;
  /** for several kinds, the definition of any one of them */
  def: DefOf<K>;
  answers: SurgeonAnswers;
}

export type Evaluator<K extends Kind = Kind> = (ctx: EvalContext<K>) => Evaluation;

/** a threshold of the criterion, by a name its kind declares (rulesets/kinds.ts) */
export function threshold<D extends { thresholds: object }>(def: D, name: keyof D['thresholds'] & string): number {
  return (def.thresholds as Record<string, { value: number } | undefined>)[name]?.value ?? Number.NaN;
}

/** all facts of some value sets from one map of a bucket */
export function collect<T>(map: Map<ValueSetId, T[]>, ids: readonly ValueSetId[]): T[] {
  const out: T[] = [];
  for (const id of ids) {
    const facts = map.get(id);
    if (facts) for (const fact of facts) out.push(fact);
  }
  return out;
}

export function within(date: Date | undefined, now: Date, days: number): boolean {
  if (!date) return false;
  const age = ageInDays(date, now);
  return age >= -1 && age <= days;
}

/** whether a date may fall in the last `days` days: its latest possible day does ("2026-11" may be recent) */
export function mayBeWithin(date: Date | undefined, now: Date, days: number): boolean {
  return date !== undefined && within(latestPossible(date, now), now, days);
}

export function olderThan(fact: Fact, days: number): ExcludedFact {
  return exclude(fact, SET_ASIDE.olderThanDays(days));
}

export interface ReadCheck {
  full: boolean;
  /** the types that were not read fully */
  missing: ClinicalType[];
}

function stateOf(facts: ClinicalFacts, type: ClinicalType): string {
  const read = (facts.reads as Partial<Record<ClinicalType, { state?: unknown }>> | undefined)?.[type];
  return typeof read?.state === 'string' ? read.state : 'failed';
}

/**
 * Whether absence in these types means "not present": every type read fully. Medication orders and
 * statements are one list: one of them read fully and the other full or not offered by the server.
 */
export function readFully(facts: ClinicalFacts, types: readonly ClinicalType[]): ReadCheck {
  const missing: ClinicalType[] = [];
  const meds: ClinicalType[] = types.filter((t) => t === 'MedicationRequest' || t === 'MedicationStatement');
  for (const t of types) {
    if (meds.includes(t)) continue;
    if (stateOf(facts, t) !== 'full') missing.push(t);
  }
  if (meds.length) {
    const states = meds.map((t) => stateOf(facts, t));
    const ok = states.includes('full') && states.every((s) => s === 'full' || s === 'not-requested');
    if (!ok) missing.push(...meds.filter((t) => stateOf(facts, t) !== 'full'));
  }
  return { full: missing.length === 0, missing };
}

/** how a list was not read, singular and plural ("the diagnosis list could not be read") */
const UNREAD_WORDS: Record<string, Record<Lang, [string, string]>> = {
  failed: {
    en: ['could not be read', 'could not be read'],
    de: ['konnte nicht gelesen werden', 'konnten nicht gelesen werden'],
  },
  partial: {
    en: ['could be read only in part', 'could be read only in part'],
    de: ['konnte nur teilweise gelesen werden', 'konnten nur teilweise gelesen werden'],
  },
  'not-permitted': {
    en: ['may not be read (not permitted)', 'may not be read (not permitted)'],
    de: ['darf nicht gelesen werden (nicht freigegeben)', 'dürfen nicht gelesen werden (nicht freigegeben)'],
  },
  'not-requested': {
    en: ['was not requested', 'were not requested'],
    de: ['wurde nicht abgefragt', 'wurden nicht abgefragt'],
  },
};

/** whether CLINICAL_TYPE_NAMES names the list in the plural, per language */
const PLURAL: Record<ClinicalType, Record<Lang, boolean>> = {
  Condition: { en: false, de: false },
  Observation: { en: true, de: true },
  ImagingStudy: { en: true, de: false },
  AllergyIntolerance: { en: false, de: false },
  DiagnosticReport: { en: true, de: true },
  MedicationRequest: { en: true, de: true },
  MedicationStatement: { en: true, de: true },
  Procedure: { en: true, de: true },
};

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Observations (scores, labs) could not be read": the lists of `check` not read fully, and how */
export function unreadLists(facts: ClinicalFacts, check: ReadCheck): Localized {
  const byState = new Map<string, ClinicalType[]>();
  for (const type of check.missing) {
    const state = stateOf(facts, type) in UNREAD_WORDS ? stateOf(facts, type) : 'failed';
    byState.set(state, [...(byState.get(state) ?? []), type]);
  }
  const parts = [...byState].map(([state, types]) => {
    const words = UNREAD_WORDS[state] ?? UNREAD_WORDS.failed;
    const plural = (lang: Lang) => (types.length > 1 || PLURAL[types[0] ?? 'Condition'][lang] ? 1 : 0);
    return {
      en: `${types.map((t) => CLINICAL_TYPE_NAMES[t].en).join(' and ')} ${words?.en[plural('en')]}`,
      de: `${types.map((t) => CLINICAL_TYPE_NAMES[t].de).join(' und ')} ${words?.de[plural('de')]}`,
    } satisfies Localized;
  });
  return localized((lang) => capitalised(parts.map((p) => p[lang]).join('; ')));
}

/**
 * What rests on a list not read fully says so, and claims no absence (criteria.md: "not read" is
 * not "absent"): "Observations (scores, labs) could not be read: pain score unknown."
 */
export function notReadRationale(facts: ClinicalFacts, check: ReadCheck, what: Localized): Localized {
  const lists = unreadLists(facts, check);
  return { en: `${lists.en}: ${what.en} unknown.`, de: `${lists.de}: ${what.de} unbekannt.` };
}

/**
 * An unknown that may rest on lists not read fully names them: the surgeon can still answer where
 * the evaluator asks; anything else waits for the record, never for an order (issue #15, finding 2).
 */
export function unknownWithUnread(facts: ClinicalFacts, types: readonly ClinicalType[], e: Evaluation): Evaluation {
  if (e.status !== 'unknown') return e;
  const read = readFully(facts, types);
  if (read.full) return e;
  const lists = unreadLists(facts, read);
  return {
    ...e,
    supply: e.supply === 'answer' ? 'answer' : 'record',
    rationale: localized((lang) => `${e.rationale[lang]} ${lists[lang]}.`),
  };
}

/** the day of a date in the time zone of `now` */
export function day(d: Date | undefined, now: Date): string {
  return isoDay(d, now) ?? 'undated';
}

/** a pain score as the rationales cite it: "NRS 8 on 2026-11-23" */
export function painScoreText(p: ObservationFact, now: Date): Localized {
  const value = Math.round((p.value ?? 0) * 10) / 10;
  const on = isoDay(p.date, now);
  return on
    ? ({ en: `NRS ${value} on ${on}`, de: `NRS ${value} am ${on}` } satisfies Localized)
    : ({ en: `NRS ${value}, undated`, de: `NRS ${value}, undatiert` } satisfies Localized);
}

export const ANALGESIC_READS: ClinicalType[] = ['MedicationRequest', 'MedicationStatement'];
