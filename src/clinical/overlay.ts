import type { SurgeonAnswer, SurgeonAnswers } from './answers';
import type { CriterionStatus } from './assessment';
import type { Localized } from '../lang';
import { EVIDENCE_WORDS, summarised } from './evidence-words';
import type { ClinicalFacts, ObservationFact } from './facts';
import { field, num, obj, str } from './json';
import { isLevel, sortLevels } from './levels';
import type { CriterionDef } from './rulesets/types';

const STATUSES: readonly CriterionStatus[] = ['met', 'not-met', 'unknown'];

/**
 * The surgeon's answers as the engine accepts them: untrusted input (a JSON file, the UI), so a bare
 * status string is short for `{ status }`, unknown statuses are dropped, levels normalised ("l1" → "L1").
 */
export function cleanAnswers(input: unknown): SurgeonAnswers {
  const out: SurgeonAnswers = {};
  for (const [id, raw] of Object.entries(obj(input) ?? {})) {
    const status = typeof raw === 'string' ? raw : str(field(raw, 'status'));
    if (!status || !(STATUSES as readonly string[]).includes(status)) continue;
    const answer: SurgeonAnswer = { status: status as CriterionStatus };
    const levels = field(raw, 'levels');
    if (Array.isArray(levels))
      answer.levels = sortLevels(
        levels
          .filter((l): l is string => typeof l === 'string')
          .map((l) => l.trim().toUpperCase().replace(/^TH/, 'T'))
          .filter(isLevel),
      );
    const value = num(field(raw, 'value'));
    if (value !== undefined) answer.value = value;
    const note = str(field(raw, 'note'));
    if (note) answer.note = note;
    const reason = str(field(raw, 'reason'))?.trim();
    if (reason) answer.reason = reason;
    const at = str(field(raw, 'answeredAt'));
    if (at && Number.isFinite(Date.parse(at))) answer.answeredAt = at;
    out[id] = answer;
  }
  return out;
}

/** "pain today" from the surgeon becomes the newest pain score, so every pain criterion sees it */
export function withSurgeonPain(
  facts: ClinicalFacts,
  criteria: readonly CriterionDef[],
  answers: SurgeonAnswers,
): ClinicalFacts {
  const def = criteria.find((c) => c.kind === 'pain-severe' && c.question?.kind === 'number');
  const answer = def ? answers[def.id] : undefined;
  if (!answer || answer.value === undefined || answer.value < 0 || answer.value > 10) return facts;
  const pain = def?.valueSets[0] ?? 'VS-PAIN-SCORE';
  const current = facts.observations.found.get(pain) ?? [];
  const today: ObservationFact = {
    reference: 'surgeon',
    ...summarised(EVIDENCE_WORDS.painToday(answer.value)),
    date: answer.answeredAt ? new Date(answer.answeredAt) : facts.now,
    value: answer.value,
  };
  const found = new Map(facts.observations.found);
  found.set(pain, [today, ...current]);
  return { ...facts, observations: { ...facts.observations, found } };
}

export function optionLabel(def: CriterionDef, status: CriterionStatus): Localized {
  const option = def.question?.options?.find((o) => o.status === status);
  if (option) return option.label;
  const plain: Record<CriterionStatus, Localized> = {
    met: { en: 'met', de: 'erfüllt' },
    'not-met': { en: 'not met', de: 'nicht erfüllt' },
    unknown: { en: 'unknown', de: 'unbekannt' },
  };
  return plain[status];
}
