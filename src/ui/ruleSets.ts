import type { RuleSetInfo } from '../clinical/assessment';

/** The clinical guideline: always assessed, and the verdict the surgeon signs. */
export const GUIDELINE_RULE_SET = 'pvp-guideline';

/**
 * The rule sets the site names: the guideline, and each payer's coverage rule set of site.json
 * `payerRuleSets`, once each, in its order. The record's reads are planned from these before the
 * engine has run (an id the engine lacks needs no read: searchNeeds).
 */
export function siteRuleSets(payerRuleSets: readonly string[] = []): { guideline: string; payers: string[] } {
  const payers = payerRuleSets.filter((id, i) => id !== GUIDELINE_RULE_SET && payerRuleSets.indexOf(id) === i);
  return { guideline: GUIDELINE_RULE_SET, payers };
}

/**
 * The rule sets a launch assesses: the site's (siteRuleSets) that the engine has; a site without a
 * payer's rule set sees the guideline alone.
 */
export function assessedRuleSets(
  available: readonly RuleSetInfo[],
  payerRuleSets: readonly string[] = [],
): { guideline: string; payers: string[] } {
  const { guideline, payers } = siteRuleSets(payerRuleSets);
  return { guideline, payers: payers.filter((id) => available.some((r) => r.id === id)) };
}
