import type { RuleSetInfo } from '../clinical/assessment';

/** The clinical guideline: always assessed, and the verdict the surgeon signs. */
export const GUIDELINE_RULE_SET = 'pvp-guideline';

/**
 * The rule sets a launch assesses: the guideline, and the payer's coverage rule set the site names
 * (site.json `payerRuleSet`) when the engine has it; a site without one sees the guideline alone.
 */
export function assessedRuleSets(
  available: readonly RuleSetInfo[],
  payerRuleSet: string | undefined,
): { guideline: string; payer?: string } {
  const payer = available.find((r) => r.id === payerRuleSet && r.id !== GUIDELINE_RULE_SET)?.id;
  return payer ? { guideline: GUIDELINE_RULE_SET, payer } : { guideline: GUIDELINE_RULE_SET };
}
