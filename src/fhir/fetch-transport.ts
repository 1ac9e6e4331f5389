import { createPolicyTransport, mergeHeaders, type TransportOptions } from './policy';
import { errorForStatus, parseJsonBody } from './status';
import type { FhirTransport } from './transport';

/** A transport over plain `fetch`, for the command line, the benchmark and tests. */
export function createFetchTransport(
  baseUrl: string,
  bearer?: string,
  fetchImpl: typeof fetch = globalThis.fetch,
  options?: TransportOptions,
): FhirTransport {
  return createPolicyTransport(
    baseUrl,
    async (request, signal) => {
      const response = await fetchImpl(request.url, {
        method: request.method ?? 'GET',
        headers: mergeHeaders(
          {
            accept: 'application/fhir+json',
            ...(request.body !== undefined && { 'content-type': 'application/fhir+json' }),
            ...(bearer !== undefined && { authorization: `Bearer ${bearer}` }),
          },
          request.headers,
        ),
        ...(request.body !== undefined && { body: request.body }),
        signal,
      });
      const text = await response.text();
      const contentType = response.headers.get('content-type');
      if (!response.ok) {
        throw errorForStatus(response.status, safeParse(text), response.headers.get('retry-after'));
      }
      return {
        status: response.status,
        headers: response.headers,
        body: parseJsonBody(text, contentType, response.status),
      };
    },
    options,
  );
}

/** An error body is only read for its OperationOutcome; an HTML page there says nothing useful. */
function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
