import type { ClinicalType } from './record';
import { ruleSet } from './rulesets';
import { exactCodes } from './terminology/match';
import { isSearchedIn, valueSet } from './terminology/valuesets';

/** Per clinical type, the exact codes (`system|code`) the server may filter on; a type absent here is read whole. */
export type SearchNeeds = Partial<Record<ClinicalType, string[]>>;

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
  const codes = new Map<ClinicalType, Set<string>>();
  for (const id of ruleSetIds) {
    for (const def of ruleSet(id)?.criteria ?? []) {
      for (const vsId of def.valueSets) {
        const vs = valueSet(vsId);
        const exact = exactCodes(vs);
        for (const type of READ_BY_CODE) {
          if (!exact || !isSearchedIn(vs, type)) continue;
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
