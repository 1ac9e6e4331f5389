import { name as packageName, version as packageVersion } from '../../package.json';

/**
 * Who writes the note, and the identifiers the app owns.
 *
 * The business identifier of a note is the assessment's UUID as a URI (`urn:uuid:…`) in the
 * `urn:ietf:rfc:3986` system: globally unique without a domain of our own, and the form FHIR
 * itself uses for URI-valued identifiers. The conditional create matches on it.
 */
export const APP_NAME = 'PVP Eligibility';
export const APP_VERSION: string = packageVersion;

export const NOTE_IDENTIFIER_SYSTEM = 'urn:ietf:rfc:3986';

/**
 * The app's namespace for what has no standard home: its extension (the structured assessment,
 * see document-reference.ts) and its identity as the Device agent of the Provenance.
 */
export const APP_FHIR_NAMESPACE = 'https://pvp-eligibility.org/fhir';
export const APP_DEVICE_IDENTIFIER = { system: `${APP_FHIR_NAMESPACE}/software`, value: packageName };
export const ASSESSMENT_EXTENSION_URL = `${APP_FHIR_NAMESPACE}/StructureDefinition/structured-assessment`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
