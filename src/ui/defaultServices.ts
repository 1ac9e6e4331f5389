import { createBrowserTransport, describeFhirError, fetchRecord, findLatestNote, mergeRecords } from '../fhir';
import type { Services } from './services';

/** The production stages; the engine comes in its own chunk, loaded while the record is read. */
export const defaultServices: Services = {
  createTransport: (client) => createBrowserTransport(client),
  fetchRecord,
  mergeRecords,
  describeFhirError,
  loadEngine: () => import('../clinical'),
  findLatestNote,
};
