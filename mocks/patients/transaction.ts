import type { DemoPatient } from './types';

/**
 * The demo patients as FHIR transactions for a real server: every resource `PUT` under its own id
 * (so loading twice writes the same resources again, which HAPI answers without a new version),
 * shared resources (Practitioners, Medications) once, and each resource after the ones it
 * references, cut into transactions of at most `maxEntries` (a server checks references when it
 * writes, so a later transaction may point into an earlier one, never the reverse).
 */

type Resource = fhir4.FhirResource & { id: string };

export const DEFAULT_MAX_ENTRIES = 1000;

export function transactionBundles(
  fhirBase: string,
  patients: readonly DemoPatient[],
  extra: readonly fhir4.FhirResource[] = [],
  maxEntries = DEFAULT_MAX_ENTRIES,
): fhir4.Bundle[] {
  const resources = new Map<string, Resource>();
  const add = (resource: fhir4.Resource | undefined): void => {
    if (!resource?.id) return;
    const key = `${resource.resourceType}/${resource.id}`;
    if (!resources.has(key)) resources.set(key, resource as Resource);
  };
  extra.forEach(add);
  for (const patient of patients) for (const entry of patient.bundle.entry ?? []) add(entry.resource);

  const ordered = dependenciesFirst(resources);
  const bundles: fhir4.Bundle[] = [];
  for (let start = 0; start < ordered.length; start += maxEntries) {
    bundles.push({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: ordered.slice(start, start + maxEntries).map((resource) => ({
        // the entry's own address on the server: relative references resolve against it (FHIR R4 Bundle rules)
        fullUrl: `${fhirBase}/${resource.resourceType}/${resource.id}`,
        resource,
        request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
      })),
    });
  }
  return bundles;
}

/** Each resource after every resource of the set it references (references to others are left as they are). */
function dependenciesFirst(resources: Map<string, Resource>): Resource[] {
  const ordered: Resource[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (key: string): void => {
    if (state.has(key)) return; // done, or a reference cycle: the server resolves it within one transaction
    const resource = resources.get(key);
    if (!resource) return;
    state.set(key, 'visiting');
    for (const target of referencesOf(resource)) visit(target);
    state.set(key, 'done');
    ordered.push(resource);
  };
  for (const key of resources.keys()) visit(key);
  return ordered;
}

/** Every relative `Type/id` reference anywhere in the resource. */
function referencesOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) referencesOf(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [name, inner] of Object.entries(value)) {
      if (name === 'reference' && typeof inner === 'string' && /^[A-Z][A-Za-z]+\/[^/]+$/.test(inner)) out.push(inner);
      else referencesOf(inner, out);
    }
  }
  return out;
}
