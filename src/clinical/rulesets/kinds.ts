/**
 * What each kind of evaluator reads from its criterion's definition, by name: the thresholds it
 * needs (`thresholds`) or may use (`optional`), its text parameters (`params`) and the other criteria
 * of the same rule set it reads an answer of (`links`). A rule set's criterion of a kind gives exactly
 * these (types.ts), and the evaluator reads only these (criteria/index.ts), so a misspelt
 * kind, threshold or link, or one a rule set forgets, does not compile.
 */
/**
 * The levels a lesion is treated at (`levelFrom`-`levelTo`): a kind that reads the record's lesions
 * reads only those in its rule set's range, the lesion criterion's (test/clinical/kinds.test.ts).
 */
type LevelRange = 'levelFrom' | 'levelTo';

export interface Kinds {
  'painful-lesion': { params: LevelRange };
  'pain-severe': { thresholds: 'minScore' | 'windowDays' };
  /** `malignantMinDays`: analgesics for at least that long also for malignant osteolysis (lcd-pva) */
  'conservative-failed': {
    thresholds: 'minDays' | 'minScore' | 'windowDays' | 'inpatientScore';
    optional: 'malignantMinDays';
    params: LevelRange;
  };
  'fracture-acute': { thresholds: 'healedMonths'; params: LevelRange };
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
  'levels-count': { thresholds: 'maxLevels'; params: LevelRange; links: 'lesion' };
  'coagulation-therapy': { thresholds: 'inrAbove' | 'plateletsBelow' | 'labWindowDays' };
  'coagulation-labs': { thresholds: 'windowDays' };
  'age-under': { thresholds: 'ageBelow' };
  'traumatic-non-osteoporotic': { thresholds: 'tScoreAtMost'; params: LevelRange };
  imaging: { thresholds: 'windowWeeks' };
  'pain-by-setting': { thresholds: 'inpatientScore' | 'outpatientScore' | 'windowDays' };
  /** `functionalScore`: the criterion whose answer is the Roland-Morris score, one of the supporting findings */
  'pain-course': {
    thresholds:
      'minScore' | 'findingsNeeded' | 'heightLossAbove' | 'rmdqAbove' | 'rmdqMax' | 'worseningRise' | 'windowDays';
    links: 'functionalScore';
    params: LevelRange;
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
