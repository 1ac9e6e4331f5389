import { name as packageName, version as packageVersion } from '../../package.json';

/**
 * Who writes the note, and the identifiers the app owns.
 *
 * The business identifier of a note is the assessment's UUID as a URI (`urn:uuid:…`) in the app's
 * own identifier system: the conditional create matches on system and value, and a relaunch finds
 * the app's latest note by the system alone (fhir/latest-note.ts), which a shared system such as
 * `urn:ietf:rfc:3986` would not allow.
 */
export const APP_NAME = 'PVP Eligibility';
export const APP_VERSION: string = packageVersion;

/**
 * The app's namespace for what has no standard home: its notes' identifier system, its extension
 * (the structured assessment, see document-reference.ts) and its identity as the Device agent of
 * the Provenance.
 */
export const APP_FHIR_NAMESPACE = 'https://pvp-eligibility.org/fhir';

export const NOTE_IDENTIFIER_SYSTEM = `${APP_FHIR_NAMESPACE}/consult-note`;
export const APP_DEVICE_IDENTIFIER = { system: `${APP_FHIR_NAMESPACE}/software`, value: packageName };
export const ASSESSMENT_EXTENSION_URL = `${APP_FHIR_NAMESPACE}/StructureDefinition/structured-assessment`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
