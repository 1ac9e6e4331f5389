import { arr, field, obj, str } from './json';
import {
  CLINICAL_TYPES,
  PATIENT_ELEMENT,
  referencedId,
  type ClinicalType,
  type PatientRecord,
  type ResourcesByType,
  type TypeRead,
} from './record';

/** Bad input for the assessor: the message is one line a user can act on. */
export class RecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordError';
  }
}

/**
 * DEL, C1 controls (U+0080-U+009F: some terminals act on them as on ESC sequences), bidirectional
 * marks, embeddings, overrides and isolates (they reorder what a line shows), line and paragraph
 * separators. JSON.stringify leaves them as they are.
 */
const INVISIBLE_CHARS = '\\u007f-\\u009f\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'g');
/** the same and the C0 controls (ESC among them) but the line feed */
const ACTING_ON_A_TERMINAL = new RegExp(`[\\u0000-\\u0009\\u000b-\\u001f${INVISIBLE_CHARS}]`, 'g');

const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Untrusted text (a file's field, an id) inside a one-line message: quoted, with line breaks and
 * control characters escaped, and cut, so it can neither break the line nor flood it.
 */
export function quoted(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut).replace(INVISIBLE, escapeChar);
}

/**
 * Text for a terminal: every control character but the line feed, and every invisible or
 * reordering one, written as a visible `\uXXXX`, so text from a record can neither move the
 * cursor, redraw the screen nor reverse what a line shows. JSON stays JSON: what it escapes
 * reads back as the same string.
 */
export function terminalSafe(text: string): string {
  return text.replace(ACTING_ON_A_TERMINAL, escapeChar);
}

/** A resource of the file left out of the record because it names another patient. */
export interface SetAside {
  /** "Observation/12" */
  reference: string;
  /** the reference it names its patient by, as written in the file */
  names: string;
}

export interface BundleContents {
  record: PatientRecord;
  otherPatients: SetAside[];
}

interface Entry {
  resource: Record<string, unknown>;
  fullUrl: string | undefined;
}

const CLINICAL = new Set<string>(CLINICAL_TYPES);

/**
 * The resource types readBundle reads of a Bundle's entries, and no other: the Patient, the record's
 * clinical types (those the app reads from the server), the Medications its orders name, and the
 * Bundles of a batch-response. The command line's batch parses only entries of these types
 * (src/cli/wanted-entries.ts), and the same holds for a Bulk Data export's lines.
 */
export const TYPES_READ: ReadonlySet<string> = new Set(['Patient', 'Medication', 'Bundle', ...CLINICAL_TYPES]);

/** entries of a Bundle, including those of Bundles nested in a batch-response (search results) */
function entriesOf(bundle: unknown, depth: number, out: Entry[]): void {
  for (const entry of arr(field(bundle, 'entry'))) {
    const resource = obj(field(entry, 'resource'));
    const type = str(resource?.resourceType);
    if (!resource || type === undefined || !TYPES_READ.has(type)) continue;
    if (type === 'Bundle' && depth < 2) entriesOf(resource, depth + 1, out);
    else out.push({ resource, fullUrl: str(field(entry, 'fullUrl')) });
  }
}

/**
 * Whether a patient reference may be this patient's: it names the patient by id or by the Patient
 * entry's fullUrl, or it cannot be checked (a conditional reference of a transaction).
 */
function namesThisPatient(reference: string, patientId: string | undefined, patientUrls: Set<string>): boolean {
  if (reference.includes('?') || patientUrls.has(reference)) return true;
  if (patientId === undefined) return false;
  // the usual form without the pattern (readBundle asks this of every reference in a chart)
  return reference === `Patient/${patientId}` || referencedId(reference, 'Patient') === patientId;
}

/**
 * One patient's record from a FHIR R4 Bundle (collection, transaction, batch-response, searchset).
 * A file holds everything there is, so every type counts as read fully. Resources that name
 * another patient are set aside and listed, never used.
 */
export function readBundle(bundle: unknown): BundleContents {
  if (!obj(bundle)) throw new RecordError('not a JSON object: expected a FHIR Bundle');
  const type = str(field(bundle, 'resourceType'));
  if (type !== 'Bundle')
    throw new RecordError(`not a FHIR Bundle (resourceType is ${type ? quoted(type) : 'missing'})`);
  const entries: Entry[] = [];
  entriesOf(bundle, 0, entries);

  const patients = new Map<string, fhir4.Patient>();
  const patientUrls = new Set<string>();
  for (const { resource, fullUrl } of entries) {
    if (resource.resourceType !== 'Patient') continue;
    patients.set(str(resource.id) ?? `#${patients.size}`, resource as unknown as fhir4.Patient);
    if (fullUrl) patientUrls.add(fullUrl);
  }
  if (patients.size === 0) throw new RecordError('the Bundle holds no Patient resource');
  if (patients.size > 1)
    throw new RecordError(
      `the Bundle holds ${patients.size} different patients; the assessor needs one patient's record`,
    );
  const patient = [...patients.values()][0];
  const patientId = str(field(patient, 'id'));

  const resources: ResourcesByType = {
    Condition: [],
    Observation: [],
    ImagingStudy: [],
    AllergyIntolerance: [],
    DiagnosticReport: [],
    MedicationRequest: [],
    MedicationStatement: [],
    Procedure: [],
  };
  const medications = new Map<string, fhir4.Medication>();
  const otherPatients: SetAside[] = [];
  for (const { resource, fullUrl } of entries) {
    const rt = str(resource.resourceType) ?? '';
    if (rt === 'Medication') {
      const id = str(resource.id);
      if (id) medications.set(`Medication/${id}`, resource as unknown as fhir4.Medication);
      if (fullUrl) medications.set(fullUrl, resource as unknown as fhir4.Medication);
    }
    if (!CLINICAL.has(rt)) continue;
    const names = str(field(resource[PATIENT_ELEMENT[rt as ClinicalType]], 'reference'));
    // a resource that names no patient is kept: the file is one patient's record
    if (names === undefined || namesThisPatient(names, patientId, patientUrls))
      (resources[rt as ClinicalType] as unknown[]).push(resource);
    else otherPatients.push({ reference: `${rt}/${str(resource.id) ?? '?'}`, names });
  }

  const reads = Object.fromEntries(
    CLINICAL_TYPES.map((t) => [t, { state: 'full', count: resources[t].length } satisfies TypeRead]),
  ) as Record<ClinicalType, TypeRead>;
  // fromEntries defines own properties: a fullUrl "__proto__" stays a key
  const record: PatientRecord = {
    patient,
    resources,
    reads,
    ...(medications.size > 0 && { medications: Object.fromEntries(medications) }),
  };
  return { record, otherPatients };
}

/** The record of a Bundle (see readBundle); resources of other patients are left out. */
export function recordFromBundle(bundle: unknown): PatientRecord {
  return readBundle(bundle).record;
}
