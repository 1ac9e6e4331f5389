import type { RuleSetInfo } from '../clinical/assessment';

/** The clinical guideline: always assessed, and the verdict the surgeon signs. */
export const GUIDELINE_RULE_SET = 'pvp-guideline';

/**
 * The rule sets a launch assesses: the guideline, and each payer's coverage rule set the site names
 * (site.json `payerRuleSets`, in its order) that the engine has; a site without one sees the
 * guideline alone.
 */
export function assessedRuleSets(
  available: readonly RuleSetInfo[],
  payerRuleSets: readonly string[] = [],
): { guideline: string; payers: string[] } {
  const payers = payerRuleSets.filter(
    (id, i) => id !== GUIDELINE_RULE_SET && payerRuleSets.indexOf(id) === i && available.some((r) => r.id === id),
  );
  return { guideline: GUIDELINE_RULE_SET, payers };
}
