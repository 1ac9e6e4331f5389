import type { CriterionGroup, CriterionResult, CriterionStatus, MissingItem, Recommendation } from './assessment';
import type { AggregationRule } from './rulesets/types';

/**
 * A status the record gives that speaks against the procedure (a met
 * contraindication, absolute or relative; an indication the record refutes). An answer that turns
 * it into anything else overturns what the record proves, and counts only with a reason (README,
 * "How the record is weighed": the surgeon decides, with a reason).
 */
export function speaksAgainst(group: CriterionGroup, status: CriterionStatus, rule: AggregationRule): boolean {
  if (status === 'met') return rule.notEligibleWhenMet.includes(group) || rule.cautionWhenMet.includes(group);
  return status === 'not-met' && rule.notEligibleWhenNotMet.includes(group);
}

/**
 * Whether an unknown criterion of this group and id gives a caution (not more information needed):
 * then the caution names what is not known (rule 3 of docs/criteria.md, "how statuses combine").
 */
export function unknownGivesCaution(rule: AggregationRule, group: CriterionGroup, id: string): boolean {
  return (
    rule.cautionWhenUnknown.includes(group) &&
    !rule.insufficientWhenUnknown.groups.includes(group) &&
    !rule.insufficientWhenUnknown.ids.includes(id)
  );
}

/**
 * How the statuses combine into a recommendation, driven by the rule set's aggregation data (written
 * out in docs/criteria.md, "how statuses combine").
 * Returns the recommendation and the one or two criteria that decide it.
 */
export function aggregate(
  results: readonly CriterionResult[],
  missing: readonly MissingItem[],
  rule: AggregationRule,
): { recommendation: Recommendation; decisive: string[] } {
  const { recommendation, decisive } = computed(results, missing, rule);
  // a chart finding the surgeon overruled decided the verdict as much as any criterion: named first
  const overruled = results.filter((r) => r.overruled).map((r) => r.id);
  return { recommendation, decisive: [...overruled, ...decisive.filter((id) => !overruled.includes(id))] };
}

/**
 * A criterion whose status alone makes the patient not eligible, for good: a met absolute
 * contraindication, or an indication definitively not met (not "not yet": too short analgesia).
 */
export function settlesNotEligible(r: CriterionResult, rule: AggregationRule): boolean {
  if (r.status === 'met') return rule.notEligibleWhenMet.includes(r.group);
  return (
    r.status === 'not-met' && rule.notEligibleWhenNotMet.includes(r.group) && !rule.notYetWhenNotMet.includes(r.id)
  );
}

function computed(
  results: readonly CriterionResult[],
  missing: readonly MissingItem[],
  rule: AggregationRule,
): { recommendation: Recommendation; decisive: string[] } {
  const ids = (list: CriterionResult[]) => list.map((r) => r.id).slice(0, 2);
  // a met contraindication names the reason better than the indications it makes fail
  const notEligible = [
    ...results.filter((r) => r.status === 'met' && settlesNotEligible(r, rule)),
    ...results.filter((r) => r.status === 'not-met' && settlesNotEligible(r, rule)),
  ];
  if (notEligible.length) return { recommendation: 'not-eligible', decisive: ids(notEligible) };
  const insufficient = results.filter(
    (r) =>
      (r.status === 'unknown' &&
        (rule.insufficientWhenUnknown.groups.includes(r.group) || rule.insufficientWhenUnknown.ids.includes(r.id))) ||
      (r.status === 'not-met' && rule.insufficientWhenNotMet.includes(r.id)),
  );
  if (insufficient.length) return { recommendation: 'insufficient-data', decisive: ids(insufficient) };
  const notYet = results.filter((r) => r.status === 'not-met' && rule.notYetWhenNotMet.includes(r.id));
  if (notYet.length) return { recommendation: 'not-eligible', decisive: ids(notYet) };
  // checked before the procedure, whatever the rule set: a part of the record that could not be
  // read, and a met criterion still listed as missing (an open question: a level, an earlier augmentation)
  const unread = new Set(missing.filter((m) => m.supply === 'record').map((m) => m.criterion));
  const open = new Set(missing.map((m) => m.criterion));
  const cautions = results.filter(
    (r) =>
      unread.has(r.id) ||
      (r.status === 'met' && open.has(r.id)) ||
      (r.status === 'met' && rule.cautionWhenMet.includes(r.group)) ||
      (r.status !== 'met' && rule.cautionWhenNotMet.includes(r.id)) ||
      (r.status === 'unknown' && rule.cautionWhenUnknown.includes(r.group)),
  );
  if (cautions.length) return { recommendation: 'eligible-with-cautions', decisive: ids(cautions) };
  return {
    recommendation: 'eligible',
    decisive: rule.decisiveWhenEligible.filter((id) => results.some((r) => r.id === id)).slice(0, 2),
  };
}
