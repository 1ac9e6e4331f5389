import { allergy, codedCondition, coagulopathy, infection, pregnancy } from './conditions';
import { coagulationLabs, coagulationTherapy } from './coagulation';
import { fractureAcute, imaging, posteriorWall, posteriorWallAssessed, vertebraPlana } from './imaging';
import { painfulLesion } from './lesions';
import { PAYER_EVALUATORS } from './payer';
import { asymptomatic, conservativeFailed, painControlled, painSevere } from './pain';
import { ageUnder, levelsCount, traumaticNonOsteoporotic } from './patient';
import type { Evaluator } from './types';

export type { Evaluation, EvalContext, Evaluator } from './types';

/** evaluators by kind: a rule set names the kind, and its thresholds come from the rule set's data */
export const EVALUATORS: Record<string, Evaluator> = {
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
  ...PAYER_EVALUATORS,
};
