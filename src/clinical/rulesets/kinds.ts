/**
 * What each kind of evaluator reads from its criterion's definition, by name: the thresholds it
 * needs (`thresholds`) or may use (`optional`), its text parameters (`params`) and the other criteria
 * of the same rule set it reads an answer of (`links`). A rule set's criterion of a kind gives exactly
 * these (types.ts), and the evaluator reads only these (criteria/index.ts), so a misspelt
 * kind, threshold or link, or one a rule set forgets, does not compile.
 */
export interface Kinds {
  'painful-lesion': { params: 'levelFrom' | 'levelTo' };
  'pain-severe': { thresholds: 'minScore' | 'windowDays' };
  /** `malignantMinDays`: analgesics for at least that long also for malignant osteolysis (lcd-pva) */
  'conservative-failed': {
    thresholds: 'minDays' | 'minScore' | 'windowDays' | 'inpatientScore';
    optional: 'malignantMinDays';
  };
  'fracture-acute': { thresholds: 'healedMonths' };
  asymptomatic: { thresholds: 'windowDays' };
  'pain-controlled': { thresholds: 'belowScore' | 'windowDays' };
  infection: { thresholds: 'crpAbove' | 'wbcAbove' | 'temperatureFrom' | 'labWindowDays' };
  coagulopathy: object;
  allergy: object;
  'coded-condition': object;
  pregnancy: { thresholds: 'testWindowDays' };
  'posterior-wall': object;
  'posterior-wall-assessed': object;
  'vertebra-plana': { thresholds: 'heightLossAbove' };
  /** `lesion`: the lesion criterion, whose answered levels are counted when none are planned */
  'levels-count': { thresholds: 'maxLevels'; params: 'levelFrom' | 'levelTo'; links: 'lesion' };
  'coagulation-therapy': { thresholds: 'inrAbove' | 'plateletsBelow' | 'labWindowDays' };
  'coagulation-labs': { thresholds: 'windowDays' };
  'age-under': { thresholds: 'ageBelow' };
  'traumatic-non-osteoporotic': { thresholds: 'tScoreAtMost' };
  imaging: { thresholds: 'windowWeeks' };
  'pain-by-setting': { thresholds: 'inpatientScore' | 'outpatientScore' | 'windowDays' };
  /** `functionalScore`: the criterion whose answer is the Roland-Morris score, one of the supporting findings */
  'pain-course': {
    thresholds:
      'minScore' | 'findingsNeeded' | 'heightLossAbove' | 'rmdqAbove' | 'rmdqMax' | 'worseningRise' | 'windowDays';
    links: 'functionalScore';
  };
  'functional-score': { thresholds: 'maxScore' };
  'bone-health': object;
  'surgeon-judgement': object;
}

export type Kind = keyof Kinds;

type Names<K extends Kind, F extends string> = Kinds[K] extends { [P in F]: infer N extends string } ? N : never;

/** the thresholds a criterion of kind K needs, and those it may give */
export type ThresholdName<K extends Kind> = Names<K, 'thresholds'>;
export type OptionalThresholdName<K extends Kind> = Names<K, 'optional'>;
export type ParamName<K extends Kind> = Names<K, 'params'>;
export type LinkName<K extends Kind> = Names<K, 'links'>;
