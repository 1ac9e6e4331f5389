import type Client from 'fhirclient/lib/Client';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserTransport } from '../../src/fhir';
import { BASE, operationOutcome, server } from './support/server';
import { failure } from './support/failure';
import { fhirclientFor } from './support/fhirclient';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = (state: Partial<Client['state']> = {}, stored?: Map<string, unknown>): Client =>
  fhirclientFor(BASE, stored, state);

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

  /** a launched session as fhirclient stores it: SMART_KEY names the key its state is kept under */
  const launched = () =>
    new Map<string, unknown>([
      ['SMART_KEY', 'k1'],
      ['k1', { serverUrl: BASE, tokenResponse: { access_token: 'tok' } }],
    ]);

  it("ends the session on a 401 as fhirclient's own request does: its stored tokens are gone and no later request is sent", async () => {
    const calls: string[] = [];
    server.use(
      http.get(`${BASE}/Condition`, ({ request }) => {
        calls.push(`Condition ${request.headers.get('authorization')}`);
        return operationOutcome(401);
      }),
      http.get(`${BASE}/Procedure`, () => {
        calls.push('Procedure');
        return HttpResponse.json({ resourceType: 'Bundle', type: 'searchset' });
      }),
    );
    // fhirclient's own request, for comparison: on a 401 it removes its stored state (the tokens)
    const byFhirclient = launched();
    await client({}, byFhirclient)
      .request('Condition?patient=p1')
      .catch(() => undefined);
    expect(byFhirclient.has('k1')).toBe(false);
    calls.length = 0;

    const stored = launched();
    const session = client({}, stored);
    const transport = createBrowserTransport(session);
    expect((await failure(transport.request({ url: 'Condition?patient=p1' }))).kind).toBe('unauthorized');
    // the tokens are gone; the pointer stays, so a reload finds a launch whose session has expired
    expect([...stored.entries()]).toEqual([['SMART_KEY', 'k1']]);
    expect(session.getAuthorizationHeader()).toBeNull();
    // before: the dead token stayed stored (a reload sent it again) and the next request went out
    expect((await failure(transport.request({ url: 'Procedure?patient=p1' }))).kind).toBe('unauthorized');
    expect(calls).toEqual(['Condition Bearer tok']);
  });

  it('ends the session when the token refresh fails, and keeps it on a 403', async () => {
    server.use(
      http.post('http://auth.test/token', () => HttpResponse.json({ error: 'invalid_grant' }, { status: 400 })),
      http.get(`${BASE}/Procedure`, () => operationOutcome(403)),
    );
    const expiredStore = launched();
    const expired = client(
      {
        tokenUri: 'http://auth.test/token',
        expiresAt: Math.floor(Date.now() / 1000) - 60,
        tokenResponse: { access_token: 'old', refresh_token: 'refresh', scope: 'offline_access' },
      },
      expiredStore,
    );
    await failure(createBrowserTransport(expired).request({ url: 'Condition' }));
    expect(expiredStore.has('k1')).toBe(false);

    const stored = launched();
    const transport = createBrowserTransport(client({}, stored));
    expect((await failure(transport.request({ url: 'Procedure?patient=p1' }))).kind).toBe('forbidden');
    expect(stored.get('SMART_KEY')).toBe('k1');
    expect(stored.has('k1')).toBe(true);
  });
});
