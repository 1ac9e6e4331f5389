import type { CriterionResult, CriterionStatus, Override, Question } from './assessment';
import type { Localized } from '../lang';
import { SHARED_QUESTIONS } from './rulesets/types';

/**
 * The surgeon's answers: an overlay keyed by criterion id that completes or overrides what the
 * record says. `--answers FILE` of the CLI holds the same data, where a bare status string is
 * short for `{ status }`.
 */
export interface SurgeonAnswer {
  status: CriterionStatus;
  /**
   * why the surgeon overrules what the record proves: an answer that overturns a chart finding (a
   * met contraindication, an indication the record refutes) counts only with it
   * (README "The surgeon decides, with a reason")
   */
  reason?: string;
  /** for the levels questions (diagnosis and level, planned levels): "L1", "T12"... */
  levels?: string[];
  /** set by the engine, never read from input: the levels given outside the rule set's range, not counted */
  outsideRange?: LevelsOutsideRange;
  /** for number questions (pain today, NRS 0-10) */
  value?: number;
  note?: string;
  /** ISO 8601; the UI stamps it, the CLI may leave it out */
  answeredAt?: string;
}

export type SurgeonAnswers = Record<string, SurgeonAnswer>;

/** levels the surgeon gave that lie outside the criterion's range, with that range (answered-levels.ts) */
export interface LevelsOutsideRange {
  levels: string[];
  from: string;
  to: string;
}

export interface AssessmentInput {
  answers?: SurgeonAnswers;
  override?: Override;
}

/**
 * What the answer under `key` is about, to list it in words: the criterion of that id, else the
 * criterion now asking the shared question of that id (the care setting), else that shared question.
 */
export function answeredQuestion(
  criteria: readonly CriterionResult[],
  key: string,
): { title: Localized; question?: Question } | undefined {
  const own = criteria.find((c) => c.id === key) ?? criteria.find((c) => c.question?.criterion === key);
  if (own) return own;
  const shared = SHARED_QUESTIONS.find((q) => q.id === key);
  return shared && { title: shared.title, question: { criterion: shared.id, ...shared.question } };
}
