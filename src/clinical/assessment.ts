/**
 * The engine's output. The JSON of the command-line assessor (README, "The command-line assessor") is a subset of
 * `Assessment` (recommendation, ruleset, levels, criteria[id,status,evidence,rationale], missing);
 * the rest is what the surgeon's view and the note need. Keep both stable.
 */
export type CriterionStatus = 'met' | 'not-met' | 'unknown';

export type Recommendation = 'eligible' | 'eligible-with-cautions' | 'not-eligible' | 'insufficient-data';

export type CriterionGroup = 'indication' | 'absolute-contraindication' | 'relative-contraindication' | 'requirement';

import type { Localized } from '../lang';

export interface EvidenceItem {
  /** "Condition/123" or "Condition/123/_history/2"; "surgeon" for the surgeon's answers */
  reference: string;
  /** one line a surgeon can check: what, value, date, code; in English (the command line, the note's audit trail) */
  summary: string;
  /** the same line in each language (src/clinical/evidence-words.ts): the screen shows it */
  summaryText: Localized;
  /** the clinically relevant date (onset, effective, recorded), ISO 8601 */
  date?: string;
  /** system|code of the matching coding, when there is one */
  code?: string;
}

export interface ExcludedEvidence extends EvidenceItem {
  /** why the engine did not use it, in English (the command line's JSON, the note's audit trail): "refuted", "older than 6 weeks"... */
  why: string;
  /** the same reason in the app's languages (src/clinical/set-aside.ts): the screen shows it */
  whyText: Localized;
}

export type AnswerKind = 'status' | 'levels' | 'number';

/** What the UI asks when the record cannot decide a criterion. */
export interface Question {
  /**
   * the key the answer is stored under: the criterion's id, or the id of a question several criteria
   * share (`setting.inpatient`, the care setting), which a criterion asks in place of its own
   */
  criterion: string;
  kind: AnswerKind;
  prompt: Localized;
  /** for kind "status": the choices, each mapped to the status it gives the criterion */
  options?: { status: CriterionStatus; label: Localized }[];
  /** for kind "number": the scale the answer is on (NRS 0-10, Roland-Morris 0-24) */
  scale?: NumberScale;
  /** asked as part of this criterion's question, which settles it too (only its own other options are added) */
  askedWith?: string;
}

export interface NumberScale {
  min: number;
  max: number;
}

export interface CriterionResult {
  id: string;
  group: CriterionGroup;
  title: Localized;
  status: CriterionStatus;
  /** whether the status came from the record or from the surgeon's answer */
  source: 'record' | 'surgeon';
  answeredAt?: string;
  evidence: EvidenceItem[];
  excluded: ExcludedEvidence[];
  /** one sentence a surgeon can check (English; the CLI and interface 2 use it) */
  rationale: string;
  /** the same sentence in the UI's languages */
  rationaleText: Localized;
  /** for a met relative contraindication or an unmet requirement: what to do */
  caution?: Localized;
  /** present when the surgeon can decide or complete this criterion */
  question?: Question;
  /** guideline citation keys of the rule set (see RuleSetInfo.citations) */
  citations: string[];
  /**
   * what the record proves against the procedure here (a met contraindication, an indication the
   * record refutes): an answer overturns it only with the surgeon's reason (README "The surgeon decides, with a reason")
   */
  chartFinding?: ChartFinding;
  /** the chart finding the surgeon overruled, with the reason: shown as overruled in the verdict and the note */
  overruled?: Overruling;
  /** an answer the engine did not apply: it overturns the chart finding and gives no reason */
  unappliedAnswer?: { status: CriterionStatus };
}

/** The record's own status for a criterion, and the sentence it rests on. */
export interface ChartFinding {
  status: CriterionStatus;
  rationale: Localized;
}

export interface Overruling {
  /** by an answer to this criterion, or by an override of a recommendation this finding decided */
  by: 'answer' | 'override';
  reason: string;
  at?: string;
}

export interface MissingItem {
  criterion: string;
  /** what would supply it, in English (interface 2) */
  need: string;
  needText: Localized;
  /** answer here, order a test or imaging, or get the record read (a failed/forbidden read) */
  supply: 'answer' | 'order' | 'record';
}

export interface Citation {
  key: string;
  text: string;
  url?: string;
}

/** Something the rule set's authors could not verify in its source: shown, never guessed. */
export interface OpenPoint {
  /** the criterion it concerns; absent when it concerns the whole rule set */
  criterion?: string;
  text: Localized;
}

export interface RuleSetInfo {
  id: string;
  version: string;
  title: Localized;
  citations: Citation[];
  openPoints?: OpenPoint[];
}

/** One item a payer requires in the chart (lcd-pva), and whether the assessment found it. */
export interface DocumentationItem {
  item: string;
  title: Localized;
  /** not-read: nothing found, but a list that holds it was not read fully */
  status: 'present' | 'missing' | 'not-read';
  /** the evidence that documents it (record resources, or the surgeon's answer written into the note) */
  evidence: EvidenceItem[];
}

export interface Override {
  recommendation: Recommendation;
  reason: string;
  at: string;
}

export interface LevelSummary {
  level: string;
  /** what is known at that level: "osteoporotic fracture", "oedema on MRI 2026-11-01"... */
  findings: string[];
}

export interface Assessment {
  recommendation: Recommendation;
  /** what the engine computed before any override */
  computedRecommendation: Recommendation;
  override?: Override;
  ruleset: { id: string; version: string };
  rulesetInfo: RuleSetInfo;
  /** the `now` every window was measured against, ISO 8601 */
  assessedAt: string;
  levels: string[];
  levelDetails: LevelSummary[];
  criteria: CriterionResult[];
  missing: MissingItem[];
  /** the ids of the one or two criteria that decide the recommendation */
  decisive: string[];
  /** the state of every read, copied from the record, so the note can say what was not read */
  reads: Record<string, { state: string; reason?: string; reasonText?: Localized }>;
  /** the payer's documentation checklist, for rule sets that have one (see documentation.ts) */
  documentation?: DocumentationItem[];
}
