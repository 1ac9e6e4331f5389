/**
 * What the fetch stage hands to the engine: one patient's resources by type, and for every type
 * whether it was read fully, partly, not at all, and why. Absence of evidence only counts as
 * "not present" where the type was read fully (docs/criteria.md, "Reading this document").
 *
 * Resources come from the wire: the engine must treat every field as untrusted, whatever the
 * static type says.
 */
import type { Localized } from '../lang';

export const CLINICAL_TYPES = [
  'Condition',
  'Observation',
  'ImagingStudy',
  'AllergyIntolerance',
  'DiagnosticReport',
  'MedicationRequest',
  'MedicationStatement',
  'Procedure',
] as const;

export type ClinicalType = (typeof CLINICAL_TYPES)[number];

/** the types in the surgeon's words, as rationales and read reasons name them */
export const CLINICAL_TYPE_NAMES: Record<ClinicalType, Localized> = {
  Condition: { en: 'diagnosis list', de: 'Diagnoseliste' },
  Observation: { en: 'observations (scores, labs)', de: 'Beobachtungen (Scores, Labor)' },
  ImagingStudy: { en: 'imaging studies', de: 'Bildgebung' },
  AllergyIntolerance: { en: 'allergy list', de: 'Allergieliste' },
  DiagnosticReport: { en: 'reports', de: 'Befunde' },
  MedicationRequest: { en: 'medication orders', de: 'Verordnungen' },
  MedicationStatement: { en: 'medication statements', de: 'Medikationsangaben' },
  Procedure: { en: 'procedures', de: 'Prozeduren' },
};

/** the element that names the patient a resource is about (R4: AllergyIntolerance says `patient`) */
export const PATIENT_ELEMENT: Record<ClinicalType, 'subject' | 'patient'> = {
  Condition: 'subject',
  Observation: 'subject',
  ImagingStudy: 'subject',
  AllergyIntolerance: 'patient',
  DiagnosticReport: 'subject',
  MedicationRequest: 'subject',
  MedicationStatement: 'subject',
  Procedure: 'subject',
};

const LITERAL_REFERENCE = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

/**
 * The id a literal reference names when it points at a resource of `type`: "Medication/7",
 * "https://ehr.example/fhir/Medication/7" and "Medication/7/_history/2" all name "7".
 */
export function referencedId(reference: string, type: string): string | undefined {
  const match = LITERAL_REFERENCE.exec(reference);
  return match?.[1] === type ? match[2] : undefined;
}

export interface ResourcesByType {
  Condition: fhir4.Condition[];
  Observation: fhir4.Observation[];
  ImagingStudy: fhir4.ImagingStudy[];
  AllergyIntolerance: fhir4.AllergyIntolerance[];
  DiagnosticReport: fhir4.DiagnosticReport[];
  MedicationRequest: fhir4.MedicationRequest[];
  MedicationStatement: fhir4.MedicationStatement[];
  Procedure: fhir4.Procedure[];
}

/**
 * - full: every matching resource was read;
 * - partial: the paging cap was hit, or some pages failed;
 * - not-permitted: the granted scope does not allow it, or the server answered 401/403;
 * - failed: the read failed (network, 4xx/5xx, unparseable body);
 * - not-requested: the type was not asked for (e.g. a server without MedicationStatement).
 */
export type ReadState = 'full' | 'partial' | 'not-permitted' | 'failed' | 'not-requested';

export interface TypeRead {
  state: ReadState;
  /** resources kept for this type */
  count: number;
  /** a plain sentence for the surgeon when the state is not "full" (English, as the CLI prints it) */
  reason?: string;
  /** `reason` in the languages of the UI; absent where a record was built without it */
  reasonText?: Localized;
  /** the server rejected a search parameter, so a broader query was filtered on the client */
  filteredOnClient?: boolean;
}

export interface PatientRecord {
  patient: fhir4.Patient | undefined;
  /** the launch's encounter, when there is one (hospitalised or not, for the payer rule set) */
  encounter?: fhir4.Encounter;
  resources: ResourcesByType;
  reads: Record<ClinicalType, TypeRead>;
  /**
   * The Medications that orders and statements name by `medicationReference`, keyed by the
   * reference that reaches them: "Medication/{id}", and for a Bundle file also the entry's fullUrl
   * ("urn:uuid:..."). Read with the orders (`_include`), or taken from the file. Optional: a record
   * without it resolves contained Medications only; an active order whose drug cannot be resolved
   * is never taken for "no such drug" (facts/medications.ts).
   */
  medications?: Readonly<Record<string, fhir4.Medication>>;
}
