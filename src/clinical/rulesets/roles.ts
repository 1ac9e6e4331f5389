import { aggregate, unknownGivesCaution } from '../aggregate';
import type { CriterionGroup, CriterionResult, CriterionStatus, MissingItem } from '../assessment';
import type { CriterionDef, RuleSet } from './types';

/**
 * What each status of each criterion does to the recommendation, found by asking the engine's own
 * aggregation (src/clinical/aggregate.ts) rather than restating it: every other criterion is set to
 * the status that leaves the patient eligible, and one criterion is varied. docs/criteria.md and the
 * README's table of how statuses combine are written from this, so they cannot drift from the engine.
 */

/** the recommendation, with "not eligible for now" told apart from "not eligible" */
export type Outcome =
  | 'not-eligible'
  | 'not-eligible-for-now'
  | 'insufficient-data'
  | 'eligible-with-cautions'
  | 'cautions-naming-unknown'
  | 'eligible';

export const OUTCOME_WORDS: Record<Outcome, string> = {
  'not-eligible': 'not eligible',
  'not-eligible-for-now': 'not eligible for now (re-assess later), once nothing else is unknown',
  'insufficient-data': 'more information needed',
  'eligible-with-cautions': 'eligible with cautions',
  'cautions-naming-unknown': 'eligible with cautions, the caution naming what is not known',
  eligible: 'eligible',
};

/** the status of each group that leaves a patient eligible */
const ELIGIBLE_STATUS: Record<CriterionGroup, CriterionStatus> = {
  indication: 'met',
  'absolute-contraindication': 'not-met',
  'relative-contraindication': 'not-met',
  requirement: 'met',
};

export const STATUSES: readonly CriterionStatus[] = ['met', 'not-met', 'unknown'];

function resultOf(def: CriterionDef, status: CriterionStatus): CriterionResult {
  const text = { en: '', de: '' };
  return {
    id: def.id,
    group: def.group,
    title: def.title,
    status,
    source: 'record',
    evidence: [],
    excluded: [],
    rationale: '',
    rationaleText: text,
    citations: [],
  };
}

/** every criterion at the status that leaves the patient eligible (a test checks that it does) */
export function eligibleResults(rs: RuleSet): CriterionResult[] {
  return rs.criteria.map((def) => resultOf(def, ELIGIBLE_STATUS[def.group]));
}

/** the outcome of one criterion at one status, all others as for an eligible patient */
export function outcomeOf(
  rs: RuleSet,
  def: CriterionDef,
  status: CriterionStatus,
  missing: MissingItem[] = [],
): Outcome {
  const results = rs.criteria.map((d) => (d === def ? resultOf(d, status) : resultOf(d, ELIGIBLE_STATUS[d.group])));
  // an unknown criterion is listed as missing (what the surgeon can answer), as the engine lists it
  const open: MissingItem[] =
    status === 'unknown' && !missing.length
      ? [{ criterion: def.id, need: def.need.en, needText: def.need, supply: 'answer' }]
      : missing;
  const { recommendation } = aggregate(results, open, rs.aggregation);
  if (recommendation === 'not-eligible' && status === 'not-met' && rs.aggregation.notYetWhenNotMet.includes(def.id))
    return 'not-eligible-for-now';
  if (
    recommendation === 'eligible-with-cautions' &&
    status === 'unknown' &&
    unknownGivesCaution(rs.aggregation, def.group, def.id)
  )
    return 'cautions-naming-unknown';
  return recommendation;
}

/** "`not-met`: not eligible; `unknown`: more information needed": the statuses that change the verdict */
export function roleOf(rs: RuleSet, def: CriterionDef): string {
  const parts = STATUSES.map((s) => [s, outcomeOf(rs, def, s)] as const)
    .filter(([, o]) => o !== 'eligible')
    .map(([s, o]) => `\`${s}\`: ${OUTCOME_WORDS[o]}`);
  return parts.join('; ') || 'informs, does not change the verdict';
}

/** the two rules that hold whatever the criterion, asked of the engine with a representative one */
export function fixedRules(rs: RuleSet): { openQuestion: Outcome; unread: Outcome } {
  const indication = rs.criteria.find((c) => c.group === 'indication');
  const relative = rs.criteria.find((c) => c.group === 'relative-contraindication');
  const item = (def: CriterionDef, supply: MissingItem['supply']): MissingItem[] => [
    { criterion: def.id, need: def.need.en, needText: def.need, supply },
  ];
  return {
    openQuestion: indication ? outcomeOf(rs, indication, 'met', item(indication, 'answer')) : 'eligible',
    unread: relative ? outcomeOf(rs, relative, 'not-met', item(relative, 'record')) : 'eligible',
  };
}
