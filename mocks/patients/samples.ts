import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The real public sample patients of fhir-samples/ beside this file (Synthea, Exafluence QI-Core, Inferno,
 * bulk-data ndjson), made loadable into the demo server: transaction Bundles are "processed" the
 * way a FHIR server processes them (urn:uuid references become Type/id, conditional references
 * resolve by identifier, references to resources not in the file keep only their display).
 */

/** the copied public samples, with their sources and licences in SOURCES.md there */
export const DEFAULT_SAMPLES_DIR = resolve(import.meta.dirname, 'fhir-samples');

const TRANSACTION_DIRS = ['generated-sample-data', 'exf-qicore-synthea-dataset', 'inferno-reference-server-data'];
const NDJSON_DIR = 'sample-bulk-fhir-datasets';

export interface SamplePatient {
  id: string;
  name: string;
  /** where it came from, relative to the samples directory */
  source: string;
}

export interface LoadedSamples {
  /** every resource of every file, ids and references as a server would store them */
  resources: fhir4.FhirResource[];
  patients: SamplePatient[];
  /** one sentence when nothing could be loaded, for the start-up log */
  note?: string;
}

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

function patientName(p: fhir4.Patient): string {
  const name = p.name?.[0];
  // Synthea appends digits to names ("Graham902"): the demo shows them as they are
  return [name?.given?.join(' '), name?.family].filter(Boolean).join(' ') || (p.id ?? 'unnamed');
}

function idOf(entry: fhir4.BundleEntry): string | undefined {
  const fromRequest = entry.request?.method === 'PUT' ? entry.request.url.split('?')[0]?.split('/')[1] : undefined;
  return fromRequest ?? entry.resource?.id ?? entry.fullUrl?.replace(/^urn:uuid:/, '');
}

/** Process one transaction Bundle as a server would: give ids, rewrite references. */
export function processTransaction(bundle: fhir4.Bundle): fhir4.FhirResource[] {
  const byFullUrl = new Map<string, string>();
  const byIdentifier = new Map<string, string>();
  const resources: fhir4.FhirResource[] = [];
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource;
    const id = idOf(entry);
    if (!resource || !id) continue;
    const stored = { ...resource, id } as fhir4.FhirResource;
    resources.push(stored);
    if (entry.fullUrl) byFullUrl.set(entry.fullUrl, `${resource.resourceType}/${id}`);
    const identifiers = (stored as { identifier?: fhir4.Identifier[] }).identifier ?? [];
    for (const identifier of identifiers) {
      byIdentifier.set(
        `${resource.resourceType}?identifier=${identifier.system ?? ''}|${identifier.value ?? ''}`,
        `${resource.resourceType}/${id}`,
      );
    }
  }
  for (const r of resources) {
    rewriteReferences(r, (ref) => {
      const target = byFullUrl.get(ref) ?? byIdentifier.get(ref);
      if (target) return target;
      return ref.startsWith('urn:uuid:') || ref.includes('?') ? null : ref;
    });
  }
  return resources;
}

/**
 * Rewrite every Reference.reference in place: `map` gives the new value, or null to drop it;
 * a Reference left empty (no display either) is removed from its parent.
 */
function rewriteReferences(node: unknown, map: (ref: string) => string | null): boolean {
  if (Array.isArray(node)) {
    for (let i = node.length - 1; i >= 0; i--) if (rewriteReferences(node[i], map)) node.splice(i, 1);
    return false;
  }
  if (!isObject(node)) return false;
  if (typeof node.reference === 'string') {
    const mapped = map(node.reference);
    if (mapped === null) delete node.reference;
    else node.reference = mapped;
    if (Object.keys(node).length === 0) return true;
  }
  for (const [key, value] of Object.entries(node)) if (rewriteReferences(value, map)) delete node[key];
  return false;
}

function readNdjson(file: string): fhir4.FhirResource[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as fhir4.FhirResource);
}

/** Load every sample patient found under `dir`; a missing directory gives a note, not an error. */
export function loadSamplePatients(dir = DEFAULT_SAMPLES_DIR): LoadedSamples {
  if (!existsSync(dir)) return { resources: [], patients: [], note: `sample patients skipped: ${dir} not found` };
  const resources: fhir4.FhirResource[] = [];
  const patients: SamplePatient[] = [];
  const collect = (found: fhir4.FhirResource[], source: string): void => {
    resources.push(...found);
    for (const r of found)
      if (r.resourceType === 'Patient' && r.id) patients.push({ id: r.id, name: patientName(r), source });
  };
  for (const sub of TRANSACTION_DIRS) {
    const folder = join(dir, sub);
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const bundle = JSON.parse(readFileSync(join(folder, file), 'utf8')) as fhir4.Bundle;
      if (bundle.resourceType === 'Bundle') collect(processTransaction(bundle), `${sub}/${file}`);
    }
  }
  const bulk = join(dir, NDJSON_DIR);
  if (existsSync(bulk)) {
    for (const file of readdirSync(bulk)
      .filter((f) => f.endsWith('.ndjson'))
      .sort())
      collect(readNdjson(join(bulk, file)), `${NDJSON_DIR}/${file}`);
  }
  dropDanglingReferences(resources);
  return {
    resources,
    patients,
    note: patients.length === 0 ? `sample patients skipped: none found in ${dir}` : undefined,
  };
}

/**
 * The bulk-data ndjson was copied only in part (no Encounter file): a server enforcing
 * referential integrity, as HAPI does, would not hold references to resources it lacks.
 */
function dropDanglingReferences(resources: fhir4.FhirResource[]): void {
  const known = new Set(resources.map((r) => `${r.resourceType}/${r.id ?? ''}`));
  const relative = /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/;
  for (const r of resources) rewriteReferences(r, (ref) => (relative.test(ref) && !known.has(ref) ? null : ref));
}
