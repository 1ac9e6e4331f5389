import type Client from 'fhirclient/lib/Client';
import { createPolicyTransport, mergeHeaders, type TransportOptions } from './policy';
import { errorForStatus, fhirError } from './status';
import type { FhirTransport } from './transport';

interface HttpErrorLike {
  status: number;
  message: string;
  response?: Response;
}

/**
 * A transport over fhirclient's `client.request`, which adds the access token, refreshes it when it
 * is about to expire and clears the session after a 401. fhirclient's own errors carry request URLs
 * and response bodies in their message: only the status, the Retry-After header and the
 * OperationOutcome inside are kept.
 */
export function createBrowserTransport(client: Client, options?: TransportOptions): FhirTransport {
  const fhirBase = client.state.serverUrl;
  return createPolicyTransport(
    fhirBase,
    async (request, signal) => {
      let result: { body: unknown; response: Response };
      try {
        result = await client.request(
          {
            url: request.url,
            method: request.method ?? 'GET',
            headers: mergeHeaders(
              {
                accept: 'application/fhir+json',
                ...(request.body !== undefined && { 'content-type': 'application/fhir+json' }),
              },
              request.headers,
            ),
            ...(request.body !== undefined && { body: request.body }),
            signal,
            includeResponse: true,
          },
          { pageLimit: 1, flat: false, useRefreshToken: true },
        );
      } catch (error) {
        if (!isHttpError(error)) throw error;
        // a failed token refresh is an HTTP error of the authorization server, not of the FHIR server
        if (error.response?.url && !error.response.url.startsWith(fhirBase))
          throw fhirError('unauthorized', { status: error.status });
        throw errorForStatus(
          error.status,
          outcomeFromMessage(error.message),
          error.response?.headers.get('retry-after') ?? null,
        );
      }
      const { body, response } = result;
      // fhirclient hands back text for text/* answers (an HTML error page) and the Response for others
      if (body !== '' && body !== null && typeof body !== 'object')
        throw fhirError('invalid-response', { status: response.status });
      if (body instanceof Response) throw fhirError('invalid-response', { status: response.status });
      return { status: response.status, headers: response.headers, body: body === '' ? null : body };
    },
    options,
  );
}

function isHttpError(error: unknown): error is HttpErrorLike {
  return (
    error instanceof Error && error.name === 'HttpError' && typeof (error as Partial<HttpErrorLike>).status === 'number'
  );
}

/** fhirclient appends a JSON error body to the message after a blank line. */
function outcomeFromMessage(message: string): unknown {
  const start = message.indexOf('\n\n');
  if (start < 0) return undefined;
  try {
    return JSON.parse(message.slice(start + 2)) as unknown;
  } catch {
    return undefined;
  }
}
