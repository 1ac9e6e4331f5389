import type { SurgeonAnswers } from '../answers';
import type { CriterionStatus, Localized, MissingItem } from '../assessment';
import { ageInDays, isoDay, latestPossible } from '../dates';
import type { ClinicalFacts, ExcludedFact, Fact, ObservationFact } from '../facts';
import { exclude } from '../facts/common';
import { CLINICAL_TYPE_NAMES, type ClinicalType } from '../record';
import type { CriterionDef, SharedQuestion } from '../rulesets/types';

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

export interface EvalContext {
  facts: ClinicalFacts;
  def: CriterionDef;
  answers: SurgeonAnswers;
}

export type Evaluator = (ctx: EvalContext) => Evaluation;

export const L = (en: string, de: string): Localized => ({ en, de });

export function threshold(def: CriterionDef, name: string): number {
  return def.thresholds[name]?.value ?? Number.NaN;
}

/** all facts of some value sets from one map of a bucket */
export function collect<T>(map: Map<string, T[]>, ids: readonly string[]): T[] {
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

export function olderThan(fact: Fact, days: number, unit = 'days'): ExcludedFact {
  return exclude(fact, `older than ${days} ${unit}`);
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

export function notReadRationale(check: ReadCheck, what: Localized): Localized {
  const en = check.missing.map((t) => CLINICAL_TYPE_NAMES[t].en).join(', ');
  const de = check.missing.map((t) => CLINICAL_TYPE_NAMES[t].de).join(', ');
  return L(
    `No ${what.en} found, but the ${en} could not be read fully, so absence is not proven.`,
    `Kein(e) ${what.de} gefunden, aber ${de} konnte(n) nicht vollständig gelesen werden; Fehlen ist nicht belegt.`,
  );
}

export function day(d: Date | undefined): string {
  return isoDay(d) ?? 'undated';
}

/** a pain score as the rationales cite it: "NRS 8 on 2026-11-23" */
export function painScoreText(p: ObservationFact): Localized {
  const value = Math.round((p.value ?? 0) * 10) / 10;
  return isoDay(p.date)
    ? L(`NRS ${value} on ${isoDay(p.date)}`, `NRS ${value} am ${isoDay(p.date)}`)
    : L(`NRS ${value}, undated`, `NRS ${value}, undatiert`);
}

export const ANALGESIC_READS: ClinicalType[] = ['MedicationRequest', 'MedicationStatement'];
