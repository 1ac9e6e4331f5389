/**
 * What the fetch stage hands to the engine: one patient's resources by type, and for every type
 * whether it was read fully, partly, not at all, and why. Absence of evidence only counts as
 * "not present" where the type was read fully (criteria.md, "Missing data never becomes not-met").
 *
 * Resources come from the wire: the engine must treat every field as untrusted, whatever the
 * static type says.
 */
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
  /** a plain sentence for the surgeon when the state is not "full" */
  reason?: string;
  /** the server rejected a search parameter, so a broader query was filtered on the client */
  filteredOnClient?: boolean;
}

export interface PatientRecord {
  patient: fhir4.Patient | undefined;
  /** the launch's encounter, when there is one (hospitalised or not, for the payer rule set) */
  encounter?: fhir4.Encounter;
  resources: ResourcesByType;
  reads: Record<ClinicalType, TypeRead>;
}
