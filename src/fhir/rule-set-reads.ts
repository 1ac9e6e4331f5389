import { listRuleSets } from '../clinical/rulesets';
import { searchNeeds, type SearchNeeds } from '../clinical/search-needs';
import { fetchRecordWithNeeds, type FetchRecordOptions } from './fetch-record';
import type { PatientRecord } from '../clinical/record';
import type { FhirTransport } from './transport';

/**
 * Reads the record with the server-side filters of the rule sets (`searchNeeds` of the engine: the
 * rule sets and value sets, not the evaluators). The browser's launch does not import this: its boot
 * code plans the reads from searchNeedsByRuleSet as the build computed it (src/main.ts).
 */
export async function fetchRecord(transport: FhirTransport, options: FetchRecordOptions): Promise<PatientRecord> {
  return fetchRecordWithNeeds(transport, searchNeeds(options.ruleSetIds), options);
}

/**
 * The reads' filters of each rule set the engine has, by id: the build puts them into index.html's
 * boot code (vite.config.ts), which then carries neither the rule sets nor the value sets and plans
 * the reads with needsOfRuleSets (src/fhir/queries.ts), the same as searchNeeds.
 */
export function searchNeedsByRuleSet(): Record<string, SearchNeeds> {
  return Object.fromEntries(listRuleSets().map((info) => [info.id, searchNeeds([info.id])]));
}
