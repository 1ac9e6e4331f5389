import type { ClinicalType } from './record';
import { ruleSet } from './rulesets';
import { exactCodes } from './terminology/match';
import { isSearchedIn, valueSet } from './terminology/valuesets';
import { unitedNeeds, type SearchNeeds } from './united-needs';

export type { SearchNeeds } from './united-needs';

/**
 * The lists read only by code, so that the server may send just the codes asked for. The others are
 * read whole: Conditions use ICD-10 prefixes and text, allergies and medications ATC classes and
 * text, imaging is matched on text and modality; none of these is expressible as exact codes.
 */
const READ_BY_CODE: readonly ClinicalType[] = ['Observation'];

/**
 * The codes of the value sets of the rule sets' criteria, in the lists each set is searched in
 * (terminology/valuesets.ts, `searchedIn`). A value set searched in such a list has exact codes
 * (a test checks it).
 */
export function searchNeeds(ruleSetIds: string[]): SearchNeeds {
  return unitedNeeds(ruleSetIds.map(needsOfRuleSet));
}

function needsOfRuleSet(id: string): SearchNeeds {
  const needs: SearchNeeds = {};
  for (const def of ruleSet(id)?.criteria ?? []) {
    for (const vsId of def.valueSets) {
      const vs = valueSet(vsId);
      const exact = exactCodes(vs);
      for (const type of READ_BY_CODE) {
        if (exact && isSearchedIn(vs, type)) (needs[type] ??= []).push(...exact);
      }
    }
  }
  return needs;
}
