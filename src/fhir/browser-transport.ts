import type Client from 'fhirclient/lib/Client';
import { SMART_KEY } from 'fhirclient/lib/settings';
import { FhirError } from './errors';
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
 *
 * A 401, or a refresh that fails, ends the session as fhirclient's own `request` does on a 401: its
 * stored state (the tokens) is removed, so a reload says the session has expired instead of sending
 * the dead token again, and every later request of this page fails as unauthorized without being sent.
 */
export function createBrowserTransport(client: Client, options?: TransportOptions): FhirTransport {
  let ended: Promise<void> | undefined;
  let over = false;
  const listeners = new Set<() => void>();
  const end = async () => {
    await endSession(client);
    over = true;
    for (const listener of listeners) listener();
  };
  const inner = createAuthorizedTransport(
    client.state.serverUrl,
    async (signal) => {
      if (ended) throw fhirError('unauthorized');
      try {
        await client.refreshIfNeeded({ signal });
      } catch (error) {
        // a read cancelled while the token was refreshed (the page left) is no verdict on the session
        if (signal.aborted) throw error;
        throw fhirError('unauthorized');
      }
      return client.getAuthorizationHeader() ?? undefined;
    },
    (input, init) => fetch(input, init),
    options,
  );
  return {
    baseUrl: inner.baseUrl,
    async request(request) {
      try {
        return await inner.request(request);
      } catch (error) {
        if (error instanceof FhirError && error.kind === 'unauthorized') await (ended ??= end());
        throw error;
      }
    },
    onSessionEnded(listener) {
      if (over) listener();
      else listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/**
 * What fhirclient's Client does on a 401 (its private `_clearState`), less one step: the state stored
 * under the key that SMART_KEY names (the tokens) is removed and the client forgets its tokens, but
 * SMART_KEY is kept, so a reload meets a launch whose state is gone ("The session has expired")
 * rather than a page opened without any launch ("The app was not launched").
 */
async function endSession(client: Client): Promise<void> {
  client.state.tokenResponse = {};
  try {
    const storage = client.environment.getStorage();
    const key: unknown = await storage.get(SMART_KEY);
    if (typeof key === 'string' && key) await storage.unset(key);
  } catch {
    // storage the browser refuses holds nothing to clear; the tokens are forgotten in this page
  }
}
