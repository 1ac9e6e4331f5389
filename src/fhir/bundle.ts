import { fhirError } from './status';
import { isRecord } from './redact';

export interface SearchPage {
  /** entries of the asked type with an id, in the server's order */
  resources: Record<string, unknown>[];
  /** entries of another type, without a resource or without a usable id */
  dropped: number;
  /** absolute or relative URL of the next page */
  next: string | undefined;
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * Checks one page of search results. A body that is not a searchset Bundle is an invalid response;
 * single bad entries are dropped and counted (the read is then not complete). Entries the server
 * adds with `search.mode = "outcome"` (warnings) are not data and not counted.
 */
export function readSearchPage(body: unknown, type: string): SearchPage {
  if (!isRecord(body) || body.resourceType !== 'Bundle' || body.type !== 'searchset') {
    throw fhirError('invalid-response');
  }
  const entries = Array.isArray(body.entry) ? (body.entry as unknown[]) : [];
  const resources: Record<string, unknown>[] = [];
  let dropped = 0;
  for (const entry of entries) {
    if (isRecord(entry) && isRecord(entry.search) && entry.search.mode === 'outcome') continue;
    const resource = isRecord(entry) ? entry.resource : undefined;
    if (isRecord(resource) && resource.resourceType === type && typeof resource.id === 'string' && FHIR_ID.test(resource.id)) {
      resources.push(resource);
    } else {
      dropped++;
    }
  }
  return { resources, dropped, next: nextLink(body.link) };
}

function nextLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const next = links.find((link: unknown) => isRecord(link) && link.relation === 'next' && typeof link.url === 'string');
  return next ? String((next as { url: string }).url) : undefined;
}

/** A read of one resource (Patient/Encounter): the right type and the asked id, or invalid-response. */
export function readResource<T>(body: unknown, resourceType: string, id: string): T {
  if (!isRecord(body) || body.resourceType !== resourceType || body.id !== id) {
    throw fhirError('invalid-response');
  }
  return body as T;
}
