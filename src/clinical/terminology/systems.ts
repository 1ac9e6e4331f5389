/**
 * Code systems by key, with every URI seen for them in the wild. Matching is by key, so a code
 * from ICD-10-CM never matches an ICD-10-GM entry (their subcodes differ).
 */
export const CODE_SYSTEMS = {
  'icd10-cm': ['http://hl7.org/fhir/sid/icd-10-cm'],
  'icd10-gm': ['http://fhir.de/CodeSystem/bfarm/icd-10-gm', 'http://fhir.de/CodeSystem/dimdi/icd-10-gm'],
  snomed: ['http://snomed.info/sct'],
  loinc: ['http://loinc.org'],
  rxnorm: ['http://www.nlm.nih.gov/research/umls/rxnorm'],
  // ATC: the German BfArM URI and the WHO URI both occur
  atc: ['http://fhir.de/CodeSystem/bfarm/atc', 'http://www.whocc.no/atc', 'http://fhir.de/CodeSystem/dimdi/atc'],
  unii: ['http://fdasis.nlm.nih.gov'],
  // DICOM modality: match on code; the URI differs between sources (older and newer Synthea in mocks/patients/fhir-samples)
  dicom: [
    'http://dicom.nema.org/resources/ontology/DCM',
    'http://dicom.nema.org/medical/dicom/current/output/chtml/part16/sect_CID_29.html',
  ],
  ucum: ['http://unitsofmeasure.org'],
  cpt: ['http://www.ama-assn.org/go/cpt'],
  ops: ['http://fhir.de/CodeSystem/bfarm/ops', 'http://fhir.de/CodeSystem/dimdi/ops'],
} as const;

export type SystemKey = keyof typeof CODE_SYSTEMS;

/** hierarchical systems: a listed code covers its subcodes */
const PREFIX_SYSTEMS: ReadonlySet<SystemKey> = new Set<SystemKey>(['icd10-cm', 'icd10-gm', 'atc', 'ops']);

const BY_URI = new Map<string, SystemKey>();
for (const [key, uris] of Object.entries(CODE_SYSTEMS) as [SystemKey, readonly string[]][]) {
  for (const uri of uris) BY_URI.set(canonicalUri(uri), key);
}

function canonicalUri(uri: string): string {
  return uri
    .trim()
    .replace(/^https:/, 'http:')
    .replace(/\/+$/, '');
}

/**
 * Each URI's key as worked out once: a record names the same few systems on every coding, and a
 * batch on every record. A function of the text alone, nothing of a record; at most KNOWN_URIS kept.
 */
const KEY_OF_URI = new Map<string, SystemKey | null>();
const KNOWN_URIS = 1024;
/** longer than any system's URI: looked up, never kept */
export const MAX_URI = 256;

export function systemKey(uri: string): SystemKey | undefined {
  const known = KEY_OF_URI.get(uri);
  if (known !== undefined) return known ?? undefined;
  const key = BY_URI.get(canonicalUri(uri));
  if (KEY_OF_URI.size < KNOWN_URIS && uri.length <= MAX_URI) KEY_OF_URI.set(uri, key ?? null);
  return key;
}

export function isPrefixSystem(key: SystemKey): boolean {
  return PREFIX_SYSTEMS.has(key);
}

/** the primary URI of a system, for `system|code` strings */
export function systemUri(key: SystemKey): string {
  return CODE_SYSTEMS[key][0];
}

/**
 * Codes are compared in a normal form: ICD-10/ATC/OPS without dots, dashes, spaces and the GM
 * marks (! * + †), upper case ("M80.08XA" → "M8008XA"); other systems trimmed.
 */
export function normaliseCode(key: SystemKey, code: string): string {
  if (isPrefixSystem(key)) return code.toUpperCase().replace(/[.\s\-!*+†]/g, '');
  return key === 'loinc' || key === 'unii' ? code.trim().toUpperCase() : code.trim();
}
