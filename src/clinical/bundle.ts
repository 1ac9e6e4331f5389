import { arr, field, obj, str } from './json';
import { CLINICAL_TYPES, type ClinicalType, type PatientRecord, type ResourcesByType, type TypeRead } from './record';

/** Bad input for the assessor: the message is one line a user can act on. */
export class RecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordError';
  }
}

const CLINICAL = new Set<string>(CLINICAL_TYPES);

/** resources of a Bundle, including those of Bundles nested in a batch-response (search results) */
function resourcesOf(bundle: unknown, depth: number, out: unknown[]): void {
  for (const entry of arr(field(bundle, 'entry'))) {
    const resource = field(entry, 'resource');
    if (!obj(resource)) continue;
    if (str(field(resource, 'resourceType')) === 'Bundle' && depth < 2) resourcesOf(resource, depth + 1, out);
    else out.push(resource);
  }
}

/**
 * One patient's record from a FHIR R4 Bundle (collection, transaction, batch-response, searchset).
 * A file holds everything there is, so every type counts as read fully.
 */
export function recordFromBundle(bundle: unknown): PatientRecord {
  if (!obj(bundle)) throw new RecordError('not a JSON object: expected a FHIR Bundle');
  const type = str(field(bundle, 'resourceType'));
  if (type !== 'Bundle') throw new RecordError(`not a FHIR Bundle (resourceType is ${type ? `"${type}"` : 'missing'})`);
  const all: unknown[] = [];
  resourcesOf(bundle, 0, all);

  const patients = new Map<string, fhir4.Patient>();
  const resources: ResourcesByType = { Condition: [], Observation: [], ImagingStudy: [], AllergyIntolerance: [], DiagnosticReport: [], MedicationRequest: [], MedicationStatement: [], Procedure: [] };
  for (const r of all) {
    const rt = str(field(r, 'resourceType')) ?? '';
    if (rt === 'Patient') patients.set(str(field(r, 'id')) ?? `#${patients.size}`, r as fhir4.Patient);
    else if (CLINICAL.has(rt)) (resources[rt as ClinicalType] as unknown[]).push(r);
  }
  if (patients.size === 0) throw new RecordError('the Bundle holds no Patient resource');
  if (patients.size > 1) throw new RecordError(`the Bundle holds ${patients.size} different patients; the assessor needs one patient's record`);

  const reads = Object.fromEntries(CLINICAL_TYPES.map((t) => [t, { state: 'full', count: resources[t].length } satisfies TypeRead])) as Record<ClinicalType, TypeRead>;
  return { patient: [...patients.values()][0], resources, reads };
}
