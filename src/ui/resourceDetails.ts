import { CLINICAL_TYPES, type ClinicalType, type PatientRecord } from '../clinical/record';

/**
 * The details behind one piece of evidence: the resource it came from and the elements a surgeon
 * would check. Which elements matter is data, per resource type; every value is rendered to plain
 * text here (the UI never turns record content into HTML).
 */
const ELEMENTS: Record<string, readonly string[]> = {
  Condition: [
    'clinicalStatus',
    'verificationStatus',
    'category',
    'code',
    'bodySite',
    'onsetDateTime',
    'onsetPeriod',
    'onsetString',
    'abatementDateTime',
    'recordedDate',
    'note',
  ],
  Observation: [
    'status',
    'category',
    'code',
    'effectiveDateTime',
    'effectivePeriod',
    'issued',
    'valueQuantity',
    'valueCodeableConcept',
    'valueString',
    'valueInteger',
    'valueBoolean',
    'interpretation',
    'bodySite',
    'component',
    'note',
  ],
  ImagingStudy: ['status', 'started', 'modality', 'procedureCode', 'description', 'series', 'note'],
  AllergyIntolerance: [
    'clinicalStatus',
    'verificationStatus',
    'type',
    'category',
    'criticality',
    'code',
    'reaction',
    'onsetDateTime',
    'recordedDate',
    'note',
  ],
  DiagnosticReport: [
    'status',
    'category',
    'code',
    'effectiveDateTime',
    'effectivePeriod',
    'issued',
    'conclusion',
    'conclusionCode',
  ],
  MedicationRequest: [
    'status',
    'intent',
    'medicationCodeableConcept',
    'medicationReference',
    'authoredOn',
    'dosageInstruction',
    'dispenseRequest',
  ],
  MedicationStatement: [
    'status',
    'medicationCodeableConcept',
    'medicationReference',
    'effectiveDateTime',
    'effectivePeriod',
    'dateAsserted',
    'dosage',
  ],
  Procedure: ['status', 'code', 'performedDateTime', 'performedPeriod', 'bodySite', 'note'],
  Patient: ['gender', 'birthDate'],
  Encounter: ['status', 'class', 'type', 'period'],
};

/** Short names for the code systems (docs/criteria.md, "Code systems"), so a code reads "ICD-10-CM M80.08XA". */
const SYSTEM_NAMES: Record<string, string> = {
  'http://hl7.org/fhir/sid/icd-10-cm': 'ICD-10-CM',
  'http://fhir.de/CodeSystem/bfarm/icd-10-gm': 'ICD-10-GM',
  'http://fhir.de/CodeSystem/dimdi/icd-10-gm': 'ICD-10-GM',
  'http://snomed.info/sct': 'SNOMED CT',
  'http://loinc.org': 'LOINC',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RxNorm',
  'http://fhir.de/CodeSystem/bfarm/atc': 'ATC',
  'http://www.whocc.no/atc': 'ATC',
  'http://fdasis.nlm.nih.gov': 'UNII',
  'http://unitsofmeasure.org': 'UCUM',
  'http://dicom.nema.org/resources/ontology/DCM': 'DICOM',
  'http://fhir.de/CodeSystem/bfarm/ops': 'OPS',
  'http://www.ama-assn.org/go/cpt': 'CPT',
};

/** "system|code" → "ICD-10-CM M80.08XA"; an unknown system keeps its URI. */
export function codeLabel(systemAndCode: string): string {
  const bar = systemAndCode.lastIndexOf('|');
  if (bar < 0) return systemAndCode;
  const system = systemAndCode.slice(0, bar);
  const code = systemAndCode.slice(bar + 1);
  return `${SYSTEM_NAMES[system] ?? system} ${code}`.trim();
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

function coding(c: Json): string {
  const code = str(c.code);
  const system = str(c.system);
  // a code of a well-known system is named with it; FHIR's own status codes need no URI
  const id = code && system && SYSTEM_NAMES[system] ? codeLabel(`${system}|${code}`) : code;
  const display = str(c.display);
  return display && id ? `${display} (${id})` : (display ?? id ?? '');
}

/** One FHIR value as text: datatypes by shape, anything else as "key: value" to a small depth. */
export function describeValue(value: unknown, depth = 0): string {
  const plain = str(value);
  if (plain !== undefined) return plain;
  if (Array.isArray(value))
    return value
      .map((v) => describeValue(v, depth))
      .filter(Boolean)
      .join('; ');
  if (!isObject(value)) return '';
  if (Array.isArray(value.coding) || (typeof value.text === 'string' && Object.keys(value).length <= 2)) {
    const codings = (Array.isArray(value.coding) ? value.coding : []).filter(isObject).map(coding).filter(Boolean);
    const text = str(value.text);
    return [text, ...codings].filter(Boolean).join(' · ');
  }
  if ('system' in value && 'code' in value && !('value' in value)) return coding(value);
  if ('value' in value && ('unit' in value || 'code' in value || 'comparator' in value)) {
    return [str(value.comparator), str(value.value), str(value.unit) ?? str(value.code)].filter(Boolean).join(' ');
  }
  if ('start' in value || 'end' in value) return `${str(value.start) ?? '…'} – ${str(value.end) ?? '…'}`;
  if ('reference' in value || ('display' in value && Object.keys(value).length === 1)) {
    return [str(value.reference), str(value.display)].filter(Boolean).join(' ');
  }
  if ('text' in value && typeof value.text === 'string') return value.text;
  if (depth >= 2) return '';
  return Object.entries(value)
    .filter(([key]) => key !== 'id' && key !== 'extension' && key !== 'modifierExtension')
    .map(([key, v]) => {
      const text = describeValue(v, depth + 1);
      return text ? `${key}: ${text}` : '';
    })
    .filter(Boolean)
    .join(', ');
}

export interface ResourceDetails {
  resourceType: string;
  id: string;
  version?: string;
  fields: { element: string; value: string }[];
}

/** Splits "Condition/123" or "Condition/123/_history/2". */
export function parseReference(reference: string): { type: string; id: string; version?: string } | undefined {
  const m = /^([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/([A-Za-z0-9\-.]{1,64}))?$/.exec(reference);
  if (!m || !m[1] || !m[2]) return undefined;
  return { type: m[1], id: m[2], version: m[3] };
}

function findResource(record: PatientRecord, type: string, id: string): unknown {
  if (type === 'Patient') return record.patient?.id === id ? record.patient : undefined;
  if (type === 'Encounter') return record.encounter?.id === id ? record.encounter : undefined;
  if (!(CLINICAL_TYPES as readonly string[]).includes(type)) return undefined;
  const list: unknown[] = record.resources[type as ClinicalType] ?? [];
  return list.find((r) => isObject(r) && r.id === id);
}

/** The elements of the referenced resource, or undefined when the record does not hold it. */
export function resourceDetails(record: PatientRecord | undefined, reference: string): ResourceDetails | undefined {
  const ref = parseReference(reference);
  if (!record || !ref) return undefined;
  const resource = findResource(record, ref.type, ref.id);
  if (!isObject(resource)) return undefined;
  const fields = (ELEMENTS[ref.type] ?? [])
    .map((element) => ({ element, value: describeValue(resource[element]) }))
    .filter((f) => f.value !== '');
  return { resourceType: ref.type, id: ref.id, version: ref.version, fields };
}
