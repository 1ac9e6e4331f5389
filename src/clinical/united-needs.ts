import type { ClinicalType } from './record';

/** Per clinical type, the exact codes (`system|code`) the server may filter on; a type absent here is read whole. */
export type SearchNeeds = Partial<Record<ClinicalType, string[]>>;

/**
 * Several rule sets' filters as one: a type read by code is filtered on every code any of them asks
 * for, in order. Apart from the rule sets (search-needs.ts), so that index.html's boot code, which
 * unites the build's table of them (src/fhir/queries.ts), carries no rule set.
 */
export function unitedNeeds(all: Iterable<SearchNeeds>): SearchNeeds {
  const codes = new Map<ClinicalType, Set<string>>();
  for (const needs of all) {
    for (const [type, list] of Object.entries(needs) as [ClinicalType, string[]][]) {
      const set = codes.get(type) ?? new Set<string>();
      list.forEach((code) => set.add(code));
      codes.set(type, set);
    }
  }
  const out: SearchNeeds = {};
  for (const [type, set] of codes) out[type] = [...set].sort();
  return out;
}
