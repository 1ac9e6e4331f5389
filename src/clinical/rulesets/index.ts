import type { RuleSetInfo } from '../assessment';
import { LCD_PVA } from './lcd-pva';
import { PVP_GUIDELINE } from './pvp-guideline';
import type { RuleSet } from './types';

export type { RuleSet, CriterionDef, AggregationRule, Threshold, QuestionDef } from './types';

/** every rule set the engine knows; a new rule set is one more data file added here */
const RULE_SETS: readonly RuleSet[] = [PVP_GUIDELINE, LCD_PVA];

export const DEFAULT_RULE_SET = 'pvp-guideline';

export function ruleSet(id: string): RuleSet | undefined {
  return RULE_SETS.find((r) => r.info.id === id);
}

export function listRuleSets(): RuleSetInfo[] {
  return RULE_SETS.map((r) => r.info);
}
