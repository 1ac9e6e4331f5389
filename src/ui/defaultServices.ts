import type { SearchNeeds } from '../clinical/search-needs';
import { createBrowserTransport } from '../fhir/browser-transport';
import { describeFhirError } from '../fhir/describe';
import { fetchRecordWithNeeds, mergeRecords } from '../fhir/fetch-record';
import { findLatestNote } from '../fhir/latest-note';
import type { Services } from './services';

/**
 * The production stages; the engine comes in its own chunk, loaded while the record is read. The
 * reads' filters come from `needsOf` (the rule sets' searchNeeds): index.html's boot code passes the
 * build's table of them (src/main.ts), so that it carries no rule set.
 */
export function defaultServices(needsOf: (ruleSetIds: string[]) => SearchNeeds): Services {
  return {
    createTransport: (client) => createBrowserTransport(client),
    fetchRecord: (transport, options) => fetchRecordWithNeeds(transport, needsOf(options.ruleSetIds), options),
    mergeRecords,
    describeFhirError,
    loadEngine: () => import('../clinical'),
    findLatestNote,
  };
}
