import type Client from 'fhirclient/lib/Client';

/** What the granted scope allows, per FHIR resource type. Later stages degrade per type. */
export interface ScopePermissions {
  read: (resourceType: string) => boolean;
  write: (resourceType: string) => boolean;
  /** updating is granted (the app updates only to mark a note it amends superseded); absent: not granted */
  update?: (resourceType: string) => boolean;
  /**
   * true when reading this type is granted only by SMART v2 scopes restricted by a query
   * (e.g. `patient/Observation.rs?category=laboratory`): the server returns part of the type
   */
  readIsPartial?: (resourceType: string) => boolean;
  /** the scope string the server actually granted */
  granted: string;
}

/** Everything the app knows after `FHIR.oauth2.ready()`; handed to the UI, fetch and write stages. */
export interface LaunchSession {
  client: Client;
  patientId: string;
  encounterId?: string;
  /** "Practitioner/123", from the id_token's fhirUser claim */
  fhirUser?: string;
  needPatientBanner: boolean;
  smartStyleUrl?: string;
  /** BCP 47 tag from the launch context or the browser */
  locale?: string;
  permissions: ScopePermissions;
  /** the FHIR base URL (iss) */
  serverUrl: string;
  /** site.json's `allowBatch`: false, never a batch Bundle for the reads; else one when the server declares batch */
  allowBatch?: boolean;
  /** the site's payer rule sets, each assessed beside the guideline (site.json `payerRuleSets`); none: the guideline alone */
  payerRuleSets?: string[];
}
