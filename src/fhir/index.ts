/** The FHIR stage's public API: transports, the one-wave record fetch, errors for the UI. */
export { FhirError, type FhirErrorKind } from './errors';
export type { FhirRequest, FhirResponse, FhirTransport } from './transport';
export type { TransportOptions } from './policy';
export { createFetchTransport } from './fetch-transport';
export { createBrowserTransport } from './browser-transport';
export { describeFhirError } from './describe';
export { readCapabilities, fetchCapabilities, type ServerCapabilities } from './capabilities';
export { buildTypeQuery, DEFAULT_LIMITS, type PagingLimits } from './queries';
export { fetchRecord } from './rule-set-reads';
export { fetchRecordWithNeeds, mergeRecords, type FetchProgress, type FetchRecordOptions } from './fetch-record';
export { findLatestNote, latestNoteQuery } from './latest-note';
