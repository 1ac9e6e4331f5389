import type { AnswerKind, CriterionGroup, CriterionStatus, MissingItem, NumberScale, RuleSetInfo } from '../assessment';
import type { Localized } from '../../lang';
import type { Kind, LinkName, OptionalThresholdName, ParamName, ThresholdName } from './kinds';
import type { ClinicalType } from '../record';
import type { ValueSetId } from '../terminology/valuesets';

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
  /**
   * asked as part of another criterion's question: that question's answer settles this one too
   * (`answeredBy`), and this one adds only its options that the other leaves out ("not assessed
   * yet" beside "intact / disrupted"), so the surgeon is asked once
   */
  askedWith?: string;
  options?: { status: CriterionStatus; label: Localized }[];
  /** for kind "number": the scale the answer is on */
  scale?: NumberScale;
}

/** what every criterion says, whatever evaluates it */
interface CriterionBase {
  id: string;
  group: CriterionGroup;
  title: Localized;
  /** what the criterion means, in one sentence a surgeon can check against its citations */
  meaning: string;
  valueSets: ValueSetId[];
  question?: QuestionDef;
  /** what to do when a relative contraindication is met or a requirement is not */
  caution?: Localized;
  /** what would supply the criterion when it is unknown */
  need: Localized;
  supply: MissingItem['supply'];
  citations: string[];
  /** an answer to one of these criteria also settles this one (posterior wall answered → assessed) */
  answeredBy?: string[];
  /** questions shared with other criteria that this one asks in place of its own where their answer decides it */
  sharedQuestions?: SharedQuestion[];
  /** per class of antithrombotic drug, what to do before a procedure of this bleeding risk (rc.coagulation-correctable) */
  holds?: readonly DrugHold[];
}

/** exactly the names of N, no other (an object without any when N is never) */
type Named<N extends string, T> = [N] extends [never] ? Record<string, never> : Record<N, T>;

/**
 * A criterion evaluated by the evaluator of kind K (criteria/index.ts; several criteria and rule sets
 * share one): the thresholds, parameters and links to other criteria that kind reads (rulesets/kinds.ts).
 */
export type CriterionDefOf<K extends Kind> = CriterionBase & {
  kind: K;
  thresholds: Named<ThresholdName<K>, Threshold> & Partial<Record<OptionalThresholdName<K>, Threshold>>;
} & ([ParamName<K>] extends [never]
    ? { params?: undefined }
    : /** text parameters, e.g. the treatable level range */
      { params: Record<ParamName<K>, string> }) &
  ([LinkName<K>] extends [never]
    ? { links?: undefined }
    : /** ids of other criteria of the same rule set whose answers this one reads (a test checks they exist) */
      { links: Record<LinkName<K>, string> });

/** a criterion of any one of the kinds K */
export type DefOf<K extends Kind> = K extends Kind ? CriterionDefOf<K> : never;

export type CriterionDef = DefOf<Kind>;

/**
 * What to do with one antithrombotic drug, or a class of them, before the procedure, with its
 * source. A drug is recognised by its ATC code (or a prefix of it) or by a word of its name or
 * brand in the record's text; the first entry of a list that matches it applies.
 */
export interface DrugHold {
  atc: readonly string[];
  /** lower-case words of the drug's name or brands */
  names: readonly string[];
  advice: Localized;
  /** citation key of the rule set */
  source: string;
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
  /** what the payer wants found in the chart (documentation.ts checks it against an assessment) */
  documentation?: readonly DocumentationDef[];
}

/** One item a payer wants in the chart, documented by the evidence of some criteria of its rule set. */
export interface DocumentationDef {
  item: string;
  title: Localized;
  /** the criteria whose evidence documents the item */
  criteria: string[];
  /** statuses in which that evidence documents it (a pain score documents pain whatever its value) */
  presentWhen: CriterionStatus[];
  /** only evidence of these resource types counts (imaging: reports and studies, not the surgeon's word) */
  evidenceTypes?: string[];
  /** the lists that hold it: when one was not read fully, an item without evidence is "not read", not "missing" */
  reads: ClinicalType[];
}

/**
 * A question asked the positive way: "yes" is the answer that clears the patient (the
 * contraindication is absent: not met), "no" finds it (met). "Does the pain come from the
 * fracture?" reads better in clinic than "Is the pain due to something else?".
 */
export function yesClears(prompt: Localized, yes: Localized, no: Localized): QuestionDef {
  return {
    kind: 'status',
    prompt,
    options: [
      { status: 'not-met', label: yes },
      { status: 'met', label: no },
    ],
  };
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

/**
 * A question whose answer is a fact several criteria (of both rule sets) share, stored under its own
 * id rather than a criterion's: a criterion whose outcome turns on it asks it in place of its own.
 */
export interface SharedQuestion {
  /** the key of the answer in the surgeon's answers (`--answers` of the CLI) */
  id: string;
  /** what the answer is about, where the answers are listed */
  title: Localized;
  question: QuestionDef;
  /** what is missing while it is not answered */
  need: Localized;
}

/**
 * The care setting (docs/criteria.md, "Reading this document"): without a launch encounter, or with
 * one without a class, it is unknown, never read as outpatient. Asked only where an inpatient and an
 * outpatient would be decided differently; yes = an inpatient (hospitalised).
 */
export const CARE_SETTING: SharedQuestion = {
  id: 'setting.inpatient',
  title: { en: 'Care setting', de: 'Versorgungssetting' },
  question: yesNo(
    { en: 'Is the patient an inpatient?', de: 'Ist die Patientin / der Patient stationär aufgenommen?' },
    { en: 'Yes, an inpatient', de: 'Ja, stationär' },
    { en: 'No, not an inpatient', de: 'Nein, nicht stationär' },
  ),
  need: {
    en: 'whether the patient is an inpatient (no encounter tells the care setting)',
    de: 'ob die Patientin / der Patient stationär ist (kein Aufenthalt nennt das Versorgungssetting)',
  },
};

/** every shared question, for a view that lists the surgeon's answers by their key */
export const SHARED_QUESTIONS: readonly SharedQuestion[] = [CARE_SETTING];
