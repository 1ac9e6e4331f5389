import { readCapped } from './body';
import { createPolicyTransport, mergeHeaders, type TransportOptions } from './policy';
import { errorForStatus, fhirError, parseJsonBody } from './status';
import type { FhirTransport } from './transport';

/** The Authorization header of the session, asked for before every attempt (a token may be refreshed). */
export type Authorize = (signal: AbortSignal) => Promise<string | undefined>;

/** Same-origin redirects followed at most this often; a loop ends as a failed read. */
const MAX_REDIRECTS = 5;

/** A transport over plain `fetch`, for the command line, the benchmark and tests: a fixed bearer token. */
export function createFetchTransport(
  baseUrl: string,
  bearer?: string,
  fetchImpl: typeof fetch = globalThis.fetch,
  options?: TransportOptions,
): FhirTransport {
  const header = bearer === undefined ? undefined : `Bearer ${bearer}`;
  return createAuthorizedTransport(baseUrl, async () => header, fetchImpl, options);
}

/**
 * The one way the app's requests go out (browser and Node): the session's Authorization, redirects
 * followed only while they stay on the FHIR server's origin (one that leaves it, or one the browser
 * hides, fails the request: its answer could hold anyone's data and the session would follow it),
 * and an answer read no further than MAX_RESPONSE_BYTES.
 */
export function createAuthorizedTransport(
  baseUrl: string,
  authorize: Authorize,
  fetchImpl: typeof fetch,
  options?: TransportOptions,
): FhirTransport {
  const origin = new URL(baseUrl).origin;
  return createPolicyTransport(
    baseUrl,
    async (request, signal) => {
      const authorization = await authorize(signal);
      let url = request.url;
      let method = request.method ?? 'GET';
      let body = request.body;
      for (let hops = 0; ; hops++) {
        const response = await fetchImpl(url, {
          method,
          headers: mergeHeaders(
            {
              accept: 'application/fhir+json',
              ...(body !== undefined && { 'content-type': 'application/fhir+json' }),
              ...(authorization !== undefined && { authorization }),
            },
            request.headers,
          ),
          ...(body !== undefined && { body }),
          signal,
          redirect: 'manual',
        });
        const next = redirectTarget(response, url, origin);
        if (next === undefined) return answer(response, options?.maxResponseBytes);
        void response.body?.cancel().catch(() => undefined);
        if (hops >= MAX_REDIRECTS) throw fhirError('redirected', { status: response.status });
        url = next;
        // as fetch does: 303, and 301/302 after a POST, continue as a GET without the body
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
      }
    },
    options,
  );
}

/**
 * Where a redirect leads, or undefined for any other answer. A redirect the browser hides (an
 * opaque one), without a Location, or to another origin fails the request.
 */
function redirectTarget(response: Response, from: string, origin: string): string | undefined {
  if (response.type === 'opaqueredirect') throw fhirError('redirected');
  if (response.status < 300 || response.status > 399 || response.status === 304) return undefined;
  const target = resolved(response.headers.get('location'), from);
  if (!target || target.origin !== origin) throw fhirError('redirected', { status: response.status });
  return target.href;
}

function resolved(location: string | null, from: string): URL | undefined {
  try {
    return location === null ? undefined : new URL(location, from);
  } catch {
    return undefined;
  }
}

async function answer(response: Response, maxBytes?: number) {
  const text = await readCapped(response, maxBytes);
  if (!response.ok) throw errorForStatus(response.status, safeParse(text), response.headers.get('retry-after'));
  return {
    status: response.status,
    headers: response.headers,
    body: parseJsonBody(text, response.headers.get('content-type'), response.status),
  };
}

/** An error body is only read for its OperationOutcome; an HTML page there says nothing useful. */
function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
