import { isRecord } from './redact';
import type { FhirTransport } from './transport';

/** What a server's CapabilityStatement says it offers, as far as the fetch stage cares. */
export interface ServerCapabilities {
  /** resource types with a search or read interaction */
  types: ReadonlySet<string>;
  /** per type, the search parameters it lists (empty when it lists none: then nothing is assumed) */
  searchParams: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * a batch Bundle at its base is worth sending: the server declares `batch`, or `transaction`
   * (HAPI FHIR 8.8 declares only `transaction` and answers batch Bundles: test/hapi/verdicts.test.ts).
   * A server that refuses it costs one round trip; the lists then go one request each.
   */
  batch: boolean;
}

export function readCapabilities(statement: unknown): ServerCapabilities {
  const types = new Set<string>();
  const searchParams = new Map<string, Set<string>>();
  let batch = false;
  const rests = isRecord(statement) && Array.isArray(statement.rest) ? (statement.rest as unknown[]) : [];
  for (const rest of rests) {
    if (!isRecord(rest) || rest.mode !== 'server') continue;
    const system = namesOf(rest.interaction, 'code');
    batch ||= system.has('batch') || system.has('transaction');
    for (const resource of Array.isArray(rest.resource) ? (rest.resource as unknown[]) : []) {
      if (!isRecord(resource) || typeof resource.type !== 'string') continue;
      const interactions = namesOf(resource.interaction, 'code');
      if (interactions.has('search-type') || interactions.has('read')) types.add(resource.type);
      searchParams.set(resource.type, namesOf(resource.searchParam, 'name'));
    }
  }
  return { types, searchParams, batch };
}

/** Costs a round trip unless asked for ahead, beside the token exchange (askCapabilitiesAhead). */
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

/** A CapabilityStatement asked for ahead, waited for a bounded time. */
export interface CapabilitiesAhead {
  /** the capabilities once they come back, waited for at most `ms`; undefined when later, failed or unreadable */
  within(ms: number): Promise<ServerCapabilities | undefined>;
  /** gives up on an answer not yet in */
  stop(): void;
}

/**
 * Asks for the server's CapabilityStatement at once. It needs no token (the transport sends none):
 * index.html asks while the token is exchanged, so it costs no round trip of its own, and the reads
 * wait for it only briefly (src/main.ts).
 */
export function askCapabilitiesAhead(transport: FhirTransport): CapabilitiesAhead {
  const controller = new AbortController();
  let known: ServerCapabilities | undefined;
  const answer = fetchCapabilities(transport, controller.signal).then(
    (capabilities) => (known = capabilities),
    () => undefined, // no capabilities: the reads go out as parallel requests
  );
  return {
    within: (ms) => {
      if (known) return Promise.resolve(known);
      const late = new Promise<undefined>((resolve) => {
        const timer = setTimeout(resolve, ms);
        void answer.finally(() => clearTimeout(timer));
      });
      return Promise.race([answer, late]);
    },
    stop: () => controller.abort(),
  };
}
