import { allergy, codedCondition, coagulopathy, infection, pregnancy } from './conditions';
import { coagulationLabs, coagulationTherapy } from './coagulation';
import { fractureAcute, imaging, posteriorWall, posteriorWallAssessed, vertebraPlana } from './imaging';
import type { Kind } from '../rulesets/kinds';
import { painfulLesion } from './lesions';
import { boneHealth, functionalScore, painBySetting, painCourse, surgeonJudgement } from './payer';
import { asymptomatic, conservativeFailed, painControlled, painSevere } from './pain';
import { ageUnder, levelsCount, traumaticNonOsteoporotic } from './patient';
import type { Evaluator } from './types';

export type { Evaluation, EvalContext, Evaluator } from './types';
export type { Kind } from '../rulesets/kinds';

/**
 * The evaluator of each kind (rulesets/kinds.ts): a rule set names the kind, and the evaluator reads
 * its thresholds, parameters and links from the criterion's definition. A kind without an evaluator,
 * or an evaluator of no kind, does not compile.
 */
export const EVALUATORS: { readonly [K in Kind]: Evaluator<K> } = {
  'painful-lesion': painfulLesion,
  'pain-severe': painSevere,
  'conservative-failed': conservativeFailed,
  'fracture-acute': fractureAcute,
  asymptomatic,
  'pain-controlled': painControlled,
  infection,
  coagulopathy,
  allergy,
  'coded-condition': codedCondition,
  pregnancy,
  'posterior-wall': posteriorWall,
  'posterior-wall-assessed': posteriorWallAssessed,
  'vertebra-plana': vertebraPlana,
  'levels-count': levelsCount,
  'coagulation-therapy': coagulationTherapy,
  'coagulation-labs': coagulationLabs,
  'age-under': ageUnder,
  'traumatic-non-osteoporotic': traumaticNonOsteoporotic,
  imaging,
  'pain-by-setting': painBySetting,
  'pain-course': painCourse,
  'functional-score': functionalScore,
  'bone-health': boneHealth,
  'surgeon-judgement': surgeonJudgement,
};
