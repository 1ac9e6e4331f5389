import type {
  AnswerKind,
  CriterionGroup,
  CriterionStatus,
  Localized,
  MissingItem,
  NumberScale,
  RuleSetInfo,
} from '../assessment';

/** A number the rule set depends on, with where it comes from (the sources: docs/evidence.md). */
export interface Threshold {
  value: number;
  unit?: string;
  /** citation key of the rule set, and G (guideline) or C (convention chosen for the app) */
  source: string;
}

export interface QuestionDef {
  kind: AnswerKind;
  prompt: Localized;
  options?: { status: CriterionStatus; label: Localized }[];
  /** for kind "number": the scale the answer is on */
  scale?: NumberScale;
}

export interface CriterionDef {
  id: string;
  group: CriterionGroup;
  /** which evaluator computes it (criteria/index.ts); several criteria and rule sets share one */
  kind: string;
  title: Localized;
  /** what the criterion means, in one sentence a surgeon can check against its citations */
  meaning: string;
  valueSets: string[];
  thresholds: Record<string, Threshold>;
  /** non-numeric parameters, e.g. the treatable level range */
  params?: Record<string, string>;
  question?: QuestionDef;
  /** what to do when a relative contraindication is met or a requirement is not */
  caution?: Localized;
  /** what would supply the criterion when it is unknown */
  need: Localized;
  supply: MissingItem['supply'];
  citations: string[];
  /** an answer to one of these criteria also settles this one (posterior wall answered → assessed) */
  answeredBy?: string[];
}

/** how the statuses combine into a recommendation, as data (written out per rule set in docs/criteria.md) */
export interface AggregationRule {
  /** a met criterion of these groups → not-eligible */
  notEligibleWhenMet: CriterionGroup[];
  /** a not-met criterion of these groups → not-eligible */
  notEligibleWhenNotMet: CriterionGroup[];
  /**
   * these ids not met mean "not yet" (analgesia tried for too short a time): not-eligible for now,
   * but only once nothing else is unknown, so a record that lacks the diagnosis asks for it first
   */
  notYetWhenNotMet: string[];
  /** an unknown criterion of these groups or ids → insufficient-data */
  insufficientWhenUnknown: { groups: CriterionGroup[]; ids: string[] };
  /**
   * these ids not met → insufficient-data as well: a requirement answered "not done" (no spine
   * MRI/CT, posterior wall not assessed) leaves the same gap as one not recorded
   */
  insufficientWhenNotMet: string[];
  /** met criteria of these groups, or these ids not met → eligible-with-cautions */
  cautionWhenMet: CriterionGroup[];
  cautionWhenNotMet: string[];
  /**
   * an unknown criterion of these groups → at best eligible-with-cautions: what could not be
   * checked (a failed or forbidden read, an open question) must be checked before the procedure
   */
  cautionWhenUnknown: CriterionGroup[];
  /** the criteria named as decisive for an eligible verdict */
  decisiveWhenEligible: string[];
}

export interface RuleSet {
  info: RuleSetInfo;
  criteria: CriterionDef[];
  aggregation: AggregationRule;
}

/** a question the surgeon answers yes (criterion met) or no (not met) */
export function yesNo(prompt: Localized, yes: Localized, no: Localized): QuestionDef {
  return {
    kind: 'status',
    prompt,
    options: [
      { status: 'met', label: yes },
      { status: 'not-met', label: no },
    ],
  };
}
