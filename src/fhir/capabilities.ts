import { isRecord } from './redact';
import type { FhirTransport } from './transport';

/** What a server's CapabilityStatement says it offers, as far as the fetch stage cares. */
export interface ServerCapabilities {
  /** resource types with a search or read interaction */
  types: ReadonlySet<string>;
  /** per type, the search parameters it lists (empty when it lists none: then nothing is assumed) */
  searchParams: ReadonlyMap<string, ReadonlySet<string>>;
  /** the server accepts batch Bundles at its base */
  batch: boolean;
}

export function readCapabilities(statement: unknown): ServerCapabilities {
  const types = new Set<string>();
  const searchParams = new Map<string, Set<string>>();
  let batch = false;
  const rests = isRecord(statement) && Array.isArray(statement.rest) ? (statement.rest as unknown[]) : [];
  for (const rest of rests) {
    if (!isRecord(rest) || rest.mode !== 'server') continue;
    batch ||= namesOf(rest.interaction, 'code').has('batch');
    for (const resource of Array.isArray(rest.resource) ? (rest.resource as unknown[]) : []) {
      if (!isRecord(resource) || typeof resource.type !== 'string') continue;
      const interactions = namesOf(resource.interaction, 'code');
      if (interactions.has('search-type') || interactions.has('read')) types.add(resource.type);
      searchParams.set(resource.type, namesOf(resource.searchParam, 'name'));
    }
  }
  return { types, searchParams, batch };
}

/** One extra round trip: only worth it when the deployment opts into batch reads. */
export async function fetchCapabilities(transport: FhirTransport, signal?: AbortSignal): Promise<ServerCapabilities> {
  const { body } = await transport.request({ url: 'metadata', ...(signal && { signal }) });
  return readCapabilities(body);
}

function namesOf(list: unknown, key: string): Set<string> {
  const names = new Set<string>();
  if (!Array.isArray(list)) return names;
  for (const item of list) if (isRecord(item) && typeof item[key] === 'string') names.add(item[key]);
  return names;
}
