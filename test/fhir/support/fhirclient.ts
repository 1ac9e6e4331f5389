import type Client from 'fhirclient/lib/Client';
import smart from 'fhirclient/lib/entry/node';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A real fhirclient Client (the Node adapter; its `request` is the same code as in the browser) with
 * an access token, its session kept in `stored` so a test can see what fhirclient keeps or removes.
 */
export function fhirclientFor(
  serverUrl: string,
  stored = new Map<string, unknown>(),
  state: Partial<Client['state']> = {},
): Client {
  const storage = {
    get: async (key: string) => stored.get(key),
    set: async (key: string, value: unknown) => void stored.set(key, value),
    unset: async (key: string) => stored.delete(key),
  };
  return smart({} as IncomingMessage, {} as ServerResponse, storage).client({
    serverUrl,
    tokenResponse: { access_token: 'tok' },
    ...state,
  });
}
