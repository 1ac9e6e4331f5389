import type { SurgeonAnswer, SurgeonAnswers } from './answers';
import { levelRange } from './criteria/lesions';
import { levelWithin } from './levels';
import type { CriterionDef } from './rulesets/types';

/**
 * The surgeon's levels are held to the rule set's level range as coded ones are
 * (criteria/lesions.ts, `outside`; docs/criteria.md, the lesion's `levelFrom`-`levelTo`): a level
 * outside it is not counted, and a lesion answered only outside it is no covered lesion but an open
 * question ("is a level within the range to be treated?"), never a plain "met".
 */
export function answersWithinRange(answers: SurgeonAnswers, criteria: readonly CriterionDef[]): SurgeonAnswers {
  let held = answers;
  for (const def of criteria) {
    if (def.kind !== 'painful-lesion' && def.kind !== 'levels-count') continue;
    const answer = answers[def.id];
    if (!answer?.levels?.length) continue;
    const [from, to] = levelRange(def);
    const inside = answer.levels.filter((l) => levelWithin(l, from, to));
    if (inside.length === answer.levels.length) continue;
    const outside = answer.levels.filter((l) => !inside.includes(l));
    const kept: SurgeonAnswer = { ...answer, levels: inside, outsideRange: { levels: outside, from, to } };
    if (def.kind === 'painful-lesion' && answer.status === 'met' && !inside.length) kept.status = 'unknown';
    held = { ...held, [def.id]: kept };
  }
  return held;
}
