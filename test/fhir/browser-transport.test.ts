import smart from 'fhirclient/lib/entry/node';
import type Client from 'fhirclient/lib/Client';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserTransport } from '../../src/fhir';
import { BASE, operationOutcome, server } from './support/server';
import { failure } from './support/failure';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** a real fhirclient Client (the Node adapter; `request` is the same code as in the browser) */
function client(state: Partial<Client['state']> = {}): Client {
  const stored = new Map<string, unknown>();
  const storage = {
    get: async (key: string) => stored.get(key),
    set: async (key: string, value: unknown) => void stored.set(key, value),
    unset: async (key: string) => stored.delete(key),
  };
  const api = smart({} as IncomingMessage, {} as ServerResponse, storage);
  return api.client({ serverUrl: BASE, tokenResponse: { access_token: 'tok' }, ...state });
}

const noWait = { sleep: async () => {} };

describe('createBrowserTransport (over fhirclient client.request)', () => {
  it('returns status, headers and the parsed body, with the session token and a single content-type', async () => {
    let seen: Headers | undefined;
    server.use(
      http.post(`${BASE}/DocumentReference`, ({ request }) => {
        seen = request.headers;
        return HttpResponse.json(
          { resourceType: 'DocumentReference', id: 'd1' },
          { status: 201, headers: { location: `${BASE}/DocumentReference/d1/_history/1` } },
        );
      }),
    );
    const response = await createBrowserTransport(client()).request({
      url: 'DocumentReference',
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/fhir+json' },
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ resourceType: 'DocumentReference', id: 'd1' });
    expect(response.headers.get('location')).toContain('DocumentReference/d1');
    expect(seen?.get('authorization')).toBe('Bearer tok');
    expect(seen?.get('content-type')).toBe('application/fhir+json');
  });

  it("keeps the OperationOutcome of a failed request but none of fhirclient's URL-bearing message", async () => {
    server.use(
      http.get(`${BASE}/Observation`, () =>
        operationOutcome(400, 'HAPI-0323: Unknown search parameter "code" for resource type "Observation"'),
      ),
    );
    const error = await failure(createBrowserTransport(client()).request({ url: 'Observation?patient=p1&code=x' }));
    expect(error.kind).toBe('rejected');
    expect(error.details.serverMessage).toBe(
      'HAPI-0323: Unknown search parameter "code" for resource type "Observation"',
    );
    expect(error.message).not.toMatch(/http|p1/);
  });

  it('maps 401 to unauthorized and 403 to forbidden', async () => {
    server.use(
      http.get(`${BASE}/Condition`, () => operationOutcome(401)),
      http.get(`${BASE}/Procedure`, () => operationOutcome(403)),
    );
    expect((await failure(createBrowserTransport(client()).request({ url: 'Condition?patient=p1' }))).kind).toBe(
      'unauthorized',
    );
    expect((await failure(createBrowserTransport(client()).request({ url: 'Procedure?patient=p1' }))).kind).toBe(
      'forbidden',
    );
  });

  it('retries a 429 with Retry-After', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/Condition`, () =>
        ++calls === 1
          ? operationOutcome(429, undefined, { 'retry-after': '1' })
          : HttpResponse.json({ resourceType: 'Bundle', type: 'searchset' }),
      ),
    );
    const response = await createBrowserTransport(client(), noWait).request({ url: 'Condition?patient=p1' });
    expect(response.body).toEqual({ resourceType: 'Bundle', type: 'searchset' });
    expect(calls).toBe(2);
  });

  it('turns an HTML page and truncated JSON into invalid-response', async () => {
    server.use(
      http.get(
        `${BASE}/Condition`,
        () => new Response('<html>maintenance</html>', { headers: { 'content-type': 'text/html' } }),
      ),
      http.get(
        `${BASE}/Procedure`,
        () => new Response('{"resourceType":"Bun', { headers: { 'content-type': 'application/fhir+json' } }),
      ),
    );
    expect((await failure(createBrowserTransport(client()).request({ url: 'Condition' }))).kind).toBe(
      'invalid-response',
    );
    expect((await failure(createBrowserTransport(client()).request({ url: 'Procedure' }))).kind).toBe(
      'invalid-response',
    );
  });

  it('reports a failed token refresh as an expired session, not as a rejected FHIR request', async () => {
    server.use(
      http.post('http://auth.test/token', () => HttpResponse.json({ error: 'invalid_grant' }, { status: 400 })),
    );
    const expired = client({
      tokenUri: 'http://auth.test/token',
      scope: 'launch/patient patient/*.rs offline_access',
      expiresAt: Math.floor(Date.now() / 1000) - 60,
      tokenResponse: { access_token: 'old', refresh_token: 'refresh', scope: 'offline_access' },
    });
    expect((await failure(createBrowserTransport(expired).request({ url: 'Condition' }))).kind).toBe('unauthorized');
  });
});
