import type Client from 'fhirclient/lib/Client';
import { createAuthorizedTransport } from './fetch-transport';
import type { TransportOptions } from './policy';
import { fhirError } from './status';
import type { FhirTransport } from './transport';

/**
 * The browser's transport: fhirclient keeps the tokens and refreshes the access token when it is
 * about to expire; the request itself is the app's own (fetch-transport.ts), so that no redirect
 * leads it off the FHIR server and no answer is read past the size limit, which fhirclient's
 * `request` cannot promise. fhirclient's errors carry URLs and are never passed on: a refresh that
 * fails is an expired session.
 */
export function createBrowserTransport(client: Client, options?: TransportOptions): FhirTransport {
  return createAuthorizedTransport(
    client.state.serverUrl,
    async (signal) => {
      try {
        await client.refreshIfNeeded({ signal });
      } catch {
        throw fhirError('unauthorized');
      }
      return client.getAuthorizationHeader() ?? undefined;
    },
    (input, init) => fetch(input, init),
    options,
  );
}
