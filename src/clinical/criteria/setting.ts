import { EVIDENCE_WORDS, asWritten, summarised } from '../evidence-words';
import type { Fact } from '../facts';
import { CARE_SETTING } from '../rulesets/types';
import type { EvalContext } from './types';

export interface CareSetting {
  /** undefined: neither the launch encounter nor the surgeon tells */
  hospitalised?: boolean;
  /** the encounter, or the surgeon's answer */
  evidence: Fact[];
  /** the surgeon answered it (the record left it unknown): the criterion keeps asking, answer shown */
  answered: boolean;
}

/**
 * The care setting: the launch encounter's class where there is one with a class; else the surgeon's
 * answer to CARE_SETTING. The answer never overturns the encounter: it is asked only where the
 * record leaves the setting unknown.
 */
export function careSetting({ facts, answers }: EvalContext): CareSetting {
  if (facts.hospitalised !== undefined) {
    const line = facts.hospitalised ? EVIDENCE_WORDS.hospitalised : EVIDENCE_WORDS.notHospitalised;
    return {
      hospitalised: facts.hospitalised,
      evidence: [{ reference: facts.encounterReference ?? 'Encounter', ...summarised(line) }],
      answered: false,
    };
  }
  const answer = answers[CARE_SETTING.id];
  if (answer?.status !== 'met' && answer?.status !== 'not-met') return { evidence: [], answered: false };
  const option = CARE_SETTING.question.options?.find((o) => o.status === answer.status);
  const fact: Fact = {
    reference: 'surgeon',
    ...summarised(EVIDENCE_WORDS.careSetting(option?.label ?? asWritten(answer.status))),
  };
  if (answer.answeredAt) fact.date = new Date(answer.answeredAt);
  return { hospitalised: answer.status === 'met', evidence: [fact], answered: true };
}
