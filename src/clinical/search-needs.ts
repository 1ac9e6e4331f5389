import type { ClinicalType } from './record';
import { ruleSet } from './rulesets';
import { exactCodes } from './terminology/match';
import { valueSet } from './terminology/valuesets';

/** Per clinical type, the exact codes (`system|code`) the server may filter on; a type absent here is read whole. */
export type SearchNeeds = Partial<Record<ClinicalType, string[]>>;

/** where each value set is searched for (a value set used by no criterion is never searched) */
const SEARCHED_IN: Record<string, ClinicalType[]> = {
  'VS-PAIN-SCORE': ['Observation'],
  'VS-INR': ['Observation'],
  'VS-PLATELETS': ['Observation'],
  'VS-CRP': ['Observation'],
  'VS-WBC': ['Observation'],
  'VS-BODY-TEMPERATURE': ['Observation'],
  'VS-PREGNANCY-TEST': ['Observation'],
  'VS-BMD-T-SCORE': ['Observation'],
};

/**
 * Derived from the value sets of the rule sets' criteria. Only Observation is filtered: Conditions
 * use ICD-10 prefixes and text, allergies and medications ATC classes and text, imaging is matched
 * on text and modality; none of these is expressible as exact codes.
 */
export function searchNeeds(ruleSetIds: string[]): SearchNeeds {
  const codes = new Map<ClinicalType, Set<string>>();
  for (const id of ruleSetIds) {
    for (const def of ruleSet(id)?.criteria ?? []) {
      for (const vsId of def.valueSets) {
        const vs = valueSet(vsId);
        const exact = vs ? exactCodes(vs) : undefined;
        if (!exact) continue;
        for (const type of SEARCHED_IN[vsId] ?? []) {
          const set = codes.get(type) ?? new Set<string>();
          exact.forEach((c) => set.add(c));
          codes.set(type, set);
        }
      }
    }
  }
  const out: SearchNeeds = {};
  for (const [type, set] of codes) out[type] = [...set].sort();
  return out;
}
